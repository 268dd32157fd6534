"""Per-user throttling of incoming updates: in memory, or in Redis across processes."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update, User

from bot.i18n import Translator

# How long a looked-up language is reused for warnings (a flood lasts seconds).
LANGUAGE_TTL = 60.0


class RateCounter(Protocol):
    async def hit(self, user_id: int) -> int:
        """Count one update; return how many this user sent in the current window."""
        ...


class MemoryRateCounter:
    def __init__(self, period: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._period = period
        self._clock = clock
        self._windows: dict[int, tuple[float, int]] = {}

    async def hit(self, user_id: int) -> int:
        now = self._clock()
        start, count = self._windows.get(user_id, (now, 0))
        if now - start >= self._period:
            start, count = now, 0
        self._windows[user_id] = (start, count + 1)
        if len(self._windows) > 100_000:  # forget idle people instead of growing forever
            cutoff = now - self._period
            self._windows = {k: v for k, v in self._windows.items() if v[0] >= cutoff}
        return count + 1


class RedisRateCounter:
    def __init__(self, redis: Any, period: float, prefix: str = "throttle") -> None:
        self._redis = redis
        self._period_ms = int(period * 1000)
        self._prefix = prefix

    async def hit(self, user_id: int) -> int:
        key = f"{self._prefix}:{user_id}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.pexpire(key, self._period_ms, nx=True)
            count, _ = await pipe.execute()
        return int(count)


class ThrottlingMiddleware(BaseMiddleware):
    """Drops a flood politely: the first update over the limit gets one warning."""

    def __init__(
        self,
        counter: RateCounter,
        limit: int,
        translator: Translator,
        language_of: Callable[[int], Awaitable[str | None]] | None = None,
    ) -> None:
        self._counter = counter
        self._limit = limit
        self._translator = translator
        # The language a participant chose (/language), looked up only to word a warning.
        self._language_of = language_of
        self._languages: dict[int, tuple[float, str | None]] = {}

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user: User | None = data.get("event_from_user")
        if user is None or not isinstance(event, Update):
            return await handler(event, data)
        count = await self._counter.hit(user.id)
        if count <= self._limit:
            return await handler(event, data)
        lang = self._translator.resolve(await self._chosen_language(user.id), user.language_code)
        text = self._translator.get(lang, "error-too-fast")
        if event.callback_query is not None:
            await event.callback_query.answer(text)  # a callback must be answered, or it spins
        elif count == self._limit + 1 and event.message is not None:
            await data["bot"].send_message(event.message.chat.id, text)
        return None

    async def _chosen_language(self, user_id: int) -> str | None:
        if self._language_of is None:
            return None
        now = time.monotonic()
        known = self._languages.get(user_id)
        if known is None or now - known[0] > LANGUAGE_TTL:  # a flood reaches the DB once
            if len(self._languages) > 10_000:
                self._languages.clear()
            known = (now, await self._language_of(user_id))
            self._languages[user_id] = known
        return known[1]
