"""The scheduler's one periodic job: run the due work that the database holds."""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.db import transaction
from bot.i18n import Translator
from bot.services import due
from bot.settings import Settings

# Importing the job modules registers their due-work handlers.
from scheduler import (  # noqa: F401
    broadcast_jobs,
    flash_jobs,
    jobs,
    mentorship_jobs,
    roadmap_jobs,
    survey_jobs,
)
from scheduler.registry import JobContext, handler_for

log = logging.getLogger(__name__)


async def run_due(
    factory: async_sessionmaker[AsyncSession],
    clock: Clock,
    settings: Settings,
    translator: Translator,
    limit: int = 200,
) -> int:
    """Claim what fell due (including while the bot was down) and run each in its own
    transaction, so one failing task neither blocks nor rolls back the others.

    Cancelled (a stop), it puts back the tasks it claimed and did not finish, due at once
    for the next process instead of after their lease.
    """
    async with transaction(factory) as session:
        claimed = await due.claim(session, clock.now(), limit)
    for index, task in enumerate(claimed):
        handler = handler_for(task.kind)
        try:
            async with transaction(factory) as session:
                if handler is None:
                    raise LookupError(f"no handler for due work {task.kind!r}")
                await handler(JobContext(session, clock, settings, translator), task.payload)
                await due.finish(session, task.id, clock.now())
        except asyncio.CancelledError:
            # This task's transaction rolled back: it and the rest were not done.
            async with transaction(factory) as session:
                await due.release(session, [t.id for t in claimed[index:]])
            raise
        except Exception as error:
            log.exception("due task %s (%s) failed", task.id, task.kind)
            async with transaction(factory) as session:
                await due.fail(session, task.id, clock.now(), repr(error))
    return len(claimed)
