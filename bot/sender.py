"""Delivers the outbox within Telegram's limits, and survives restarts.

Rows are claimed in small batches (SKIP LOCKED on PostgreSQL, so several processes can send
without sending anything twice), sent one by one through a rate limiter, and their outcome
written back at once. A crash can at worst resend the one message in flight: sendMessage has no
idempotency key, so exactly-once is impossible; the duplicate window is one message.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import aiogram.methods
from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import TelegramMethod
from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.db import transaction
from bot.settings import Settings
from models import OutboxMessage, Participant

log = logging.getLogger(__name__)
LEASE = timedelta(minutes=2)


def method_class(name: str) -> type[TelegramMethod[Any]]:
    """'sendMessage' → aiogram.methods.SendMessage."""
    cls = getattr(aiogram.methods, name[:1].upper() + name[1:], None)
    if not (isinstance(cls, type) and issubclass(cls, TelegramMethod)):
        raise ValueError(f"unknown Bot API method {name!r}")
    return cls


class RateLimiter:
    """Global messages per second, a minimum interval per chat and a per-group minute cap.

    A 429 pauses everything for exactly the retry_after Telegram gave.
    """

    def __init__(
        self,
        per_second: float,
        chat_interval: float,
        group_per_minute: int,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._interval = 1.0 / per_second
        self._chat_interval = chat_interval
        self._group_per_minute = group_per_minute
        self._now = monotonic
        self._next_global = 0.0
        self._next_chat: dict[int, float] = {}
        self._group_sends: dict[int, list[float]] = {}
        self._paused_until = 0.0
        self._lock = asyncio.Lock()

    def pause(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, self._now() + seconds)

    def chat_ready_in(self, chat_id: int) -> float:
        return max(0.0, self._next_chat.get(chat_id, 0.0) - self._now())

    async def acquire(self, chat_id: int) -> None:
        async with self._lock:
            while True:
                now = self._now()
                wait = (
                    max(self._paused_until, self._next_global, self._next_chat.get(chat_id, 0.0))
                    - now
                )
                if chat_id < 0:
                    sends = [t for t in self._group_sends.get(chat_id, []) if now - t < 60]
                    self._group_sends[chat_id] = sends
                    if len(sends) >= self._group_per_minute:
                        wait = max(wait, 60 - (now - sends[0]))
                if wait <= 0:
                    break
                await asyncio.sleep(wait)
            now = self._now()
            self._next_global = now + self._interval
            self._next_chat[chat_id] = now + self._chat_interval
            if chat_id < 0:
                self._group_sends.setdefault(chat_id, []).append(now)
            if len(self._next_chat) > 50_000:
                self._next_chat = {k: v for k, v in self._next_chat.items() if v > now}


@dataclass
class SendStats:
    sent: int = 0
    blocked: int = 0
    failed: int = 0
    retried: int = 0


class OutboxSender:
    def __init__(
        self,
        bot: Bot,
        factory: async_sessionmaker[AsyncSession],
        settings: Settings,
        clock: Clock,
        limiter: RateLimiter | None = None,
    ) -> None:
        self._bot = bot
        self._factory = factory
        self._settings = settings
        self._clock = clock
        self.limiter = limiter or RateLimiter(
            settings.outbox_rate_per_second,
            settings.outbox_chat_interval_seconds,
            settings.outbox_group_per_minute,
        )
        self.stats = SendStats()
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """New rows were queued: do not wait for the idle poll."""
        self._wake.set()

    async def _claim(self) -> list[OutboxMessage]:
        now = self._clock.now()
        async with transaction(self._factory) as session:
            query = (
                select(OutboxMessage)
                .where(
                    OutboxMessage.next_at <= now,
                    or_(
                        OutboxMessage.status == "pending",
                        (OutboxMessage.status == "sending") & (OutboxMessage.next_at <= now),
                    ),
                )
                .order_by(OutboxMessage.priority, OutboxMessage.id)
                .limit(self._settings.outbox_batch_size)
                .with_for_update(skip_locked=True)
            )
            rows = list(await session.scalars(query))
            for row in rows:
                # 'sending' with a lease: if this process dies, another takes the row later.
                row.status = "sending"
                row.next_at = now + LEASE
        return rows

    async def drain_once(self) -> int:
        """Send one claimed batch; return how many rows were handled."""
        rows = await self._claim()
        for row in rows:
            await self._deliver(row)
        return len(rows)

    async def drain(self) -> None:
        """Send until nothing is due (tests and the demo use this)."""
        while await self.drain_once():
            pass

    async def run(self, idle_seconds: float = 1.0) -> None:
        while True:
            try:
                handled = await self.drain_once()
            except Exception:  # a database hiccup must not kill the sender
                log.exception("outbox batch failed")
                handled = 0
            if not handled:
                self._wake.clear()
                try:
                    await asyncio.wait_for(self._wake.wait(), timeout=idle_seconds)
                except TimeoutError:
                    pass

    async def _deliver(self, row: OutboxMessage) -> None:
        busy = self.limiter.chat_ready_in(row.chat_id)
        if busy > 0:
            # This chat had a message less than a second ago: put the row back for later
            # instead of holding up everyone else's messages behind it.
            await self._save(
                row.id,
                row.attempts,
                {"status": "pending", "next_at": self._clock.now() + timedelta(seconds=busy)},
            )
            return
        await self.limiter.acquire(row.chat_id)
        outcome: dict[str, Any]
        try:
            result = await self._bot(method_class(row.method)(**row.params))
            outcome = {
                "status": "sent",
                "sent_at": self._clock.now(),
                "message_id": getattr(result, "message_id", None),
            }
            self.stats.sent += 1
        except TelegramRetryAfter as error:
            self.limiter.pause(error.retry_after)
            self.stats.retried += 1
            outcome = {
                "status": "pending",
                "next_at": self._clock.now() + timedelta(seconds=error.retry_after),
            }
        except TelegramForbiddenError as error:
            outcome = {"status": "blocked", "last_error": str(error)[:500]}
            self.stats.blocked += 1
            await self._mark_blocked(row)
        except TelegramBadRequest as error:  # will never succeed as it is: do not retry
            outcome = {"status": "failed", "last_error": str(error)[:500]}
            self.stats.failed += 1
        except (TelegramServerError, TelegramNetworkError, TimeoutError) as error:
            outcome = self._backoff(row, str(error))
        await self._save(row.id, row.attempts + 1, outcome)

    def _backoff(self, row: OutboxMessage, error: str) -> dict[str, Any]:
        if row.attempts + 1 >= self._settings.outbox_max_attempts:
            self.stats.failed += 1
            return {"status": "failed", "last_error": error[:500]}
        self.stats.retried += 1
        delay = min(300, 2**row.attempts)
        return {
            "status": "pending",
            "last_error": error[:500],
            "next_at": self._clock.now() + timedelta(seconds=delay),
        }

    async def _save(self, row_id: int, attempts: int, values: dict[str, Any]) -> None:
        async with transaction(self._factory) as session:
            await session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == row_id)
                .values(attempts=attempts, **values)
            )

    async def _mark_blocked(self, row: OutboxMessage) -> None:
        async with transaction(self._factory) as session:
            await session.execute(
                update(Participant).where(Participant.tg_id == row.chat_id).values(bot_blocked=True)
            )
            # Nothing else queued for this chat can be delivered either.
            await session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.chat_id == row.chat_id, OutboxMessage.status == "pending")
                .values(status="blocked")
            )
