"""APScheduler in the bot process. Jobs have fixed ids and only tick; the work is in the DB."""

from __future__ import annotations

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.i18n import Translator
from bot.settings import Settings
from scheduler.tick import run_due

TICK_JOB_ID = "due-work-tick"


def create_scheduler(
    factory: async_sessionmaker[AsyncSession],
    clock: Clock,
    settings: Settings,
    translator: Translator,
) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(
        timezone="UTC",
        # APScheduler skips a run more than 1 s late by default; a tick late for any reason
        # must still run (once: coalesce), and the due rows themselves cannot be skipped.
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
    )
    scheduler.add_job(
        run_due,
        "interval",
        seconds=settings.scheduler_tick_seconds,
        id=TICK_JOB_ID,
        replace_existing=True,
        kwargs={"factory": factory, "clock": clock, "settings": settings, "translator": translator},
    )
    return scheduler
