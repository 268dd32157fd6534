"""APScheduler in the bot process. Jobs have fixed ids and only tick; the work is in the DB."""

from __future__ import annotations

import asyncio
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.i18n import Translator
from bot.settings import Settings
from scheduler.tick import run_due

TICK_JOB_ID = "due-work-tick"


class RunningTicks:
    """The ticks in progress. The scheduler's shutdown cancels a running tick without waiting
    for it; a stop waits here until it has put back what it claimed."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    async def tick(self, **context: Any) -> int:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            return await run_due(**context)
        finally:
            self._tasks.discard(task)

    async def wait(self) -> None:
        await asyncio.gather(*self._tasks, return_exceptions=True)


def create_scheduler(
    factory: async_sessionmaker[AsyncSession],
    clock: Clock,
    settings: Settings,
    translator: Translator,
    ticks: RunningTicks | None = None,
) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(
        timezone="UTC",
        # APScheduler skips a run more than 1 s late by default; a tick late for any reason
        # must still run (once: coalesce), and the due rows themselves cannot be skipped.
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
    )
    scheduler.add_job(
        (ticks or RunningTicks()).tick,
        "interval",
        seconds=settings.scheduler_tick_seconds,
        id=TICK_JOB_ID,
        replace_existing=True,
        kwargs={"factory": factory, "clock": clock, "settings": settings, "translator": translator},
    )
    return scheduler
