"""Delivery reports refreshed as copies go out, not only on the tick.

The sender tells which outbox batches it has just written outcomes for; each announcement's
report is then refreshed at most once per LIVE_REPORT_EVERY (a refresh asked for sooner waits
for the rest of the interval, so the last copies are always shown, and the final edit comes
once the last copy is settled). The edits go through the outbox like every other message,
within its per-chat limits. The tick's refresh stays as the fallback (another process sends,
or this one stopped). Each process throttles its own refreshes; the report's row lock makes
refreshes from several processes take turns.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.db import transaction
from bot.i18n import Translator
from bot.services.broadcast import announcements
from bot.settings import Settings
from scheduler.broadcast_jobs import update_report
from scheduler.registry import JobContext

log = logging.getLogger(__name__)


class DeliveryReports:
    def __init__(
        self,
        factory: async_sessionmaker[AsyncSession],
        clock: Clock,
        settings: Settings,
        translator: Translator,
        wake_sender: Callable[[], None],
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self._factory = factory
        self._clock = clock
        self._settings = settings
        self._translator = translator
        self._wake_sender = wake_sender
        self.sleep = sleep  # tests move a fake clock instead of waiting
        self._last: dict[int, datetime] = {}
        self._coming: dict[int, asyncio.Task[None]] = {}  # asked for, not started
        self._tasks: set[asyncio.Task[None]] = set()

    def delivered(self, batches: Iterable[str]) -> None:
        """Copies of these outbox batches were settled (sent, blocked, failed): refresh their
        reports soon. Called by the sender after it has written the outcomes."""
        for batch in batches:
            announcement_id = announcements.announcement_of_batch(batch)
            if announcement_id is not None and announcement_id not in self._coming:
                task = asyncio.create_task(
                    self._refresh(announcement_id), name=f"report-{announcement_id}"
                )
                self._coming[announcement_id] = task
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)

    async def _refresh(self, announcement_id: int) -> None:
        try:
            last = self._last.get(announcement_id)
            if last is not None:
                wait = (last + announcements.LIVE_REPORT_EVERY - self._clock.now()).total_seconds()
                if wait > 0:
                    await self.sleep(wait)
        finally:
            # From here on, newer outcomes ask for a refresh of their own: none is missed.
            self._coming.pop(announcement_id, None)
        self._last[announcement_id] = self._clock.now()
        try:
            async with transaction(self._factory) as session:
                context = JobContext(session, self._clock, self._settings, self._translator)
                final = await update_report(context, announcement_id)
        except Exception:  # the tick's refresh comes anyway
            log.warning(
                "refreshing the report of announcement %s failed", announcement_id, exc_info=True
            )
            return
        if final is not False:
            self._last.pop(announcement_id, None)  # done: nothing more to throttle
        self._wake_sender()  # the edit is a reply-priority row: out before the next copies

    async def settle(self) -> None:
        """Wait for the refreshes asked for so far (tests)."""
        while self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def close(self) -> None:
        """A stop: refreshes not done now are the tick's (a cancelled one rolls back)."""
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
