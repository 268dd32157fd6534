"""Telegram's sending limits kept in this process: the default, one process per token."""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

# A 429 also halves the sending rate for this long (recovering linearly): the limit we were
# given is evidently not the whole story (another process with the same token, a group).
SLOWDOWN_SECONDS = 60.0


class RateLimiter:
    """Telegram's limits for one sender: messages per second overall, an interval per chat,
    and a cap per group per minute.

    Sends are paced evenly (no bursts), and never more than `per_second` fall in any one-second
    window: a send counts from the moment it is acquired until a second after it completed,
    which holds however long the requests take. A 429 pauses everything for exactly the
    retry_after Telegram gave, and slows the pace for a while after.
    """

    def __init__(
        self,
        per_second: float,
        chat_interval: float,
        group_per_minute: int,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[Any]] | None = None,
    ) -> None:
        self.per_second = per_second
        self._interval = 1.0 / per_second
        self._capacity = max(1, math.floor(per_second))
        # How far behind schedule the pace may catch up at once (a few sends, never a burst).
        self._catch_up = 0.1
        self._chat_interval = chat_interval
        self._group_per_minute = group_per_minute
        self._now = monotonic
        self._sleep = sleep
        self._next_global = 0.0
        self._done: deque[float] = deque()  # completion times within the last second
        self._in_flight = 0
        self._next_chat: dict[int, float] = {}
        self._busy_chats: dict[int, int] = {}
        self._group_sends: dict[int, deque[float]] = {}
        self._paused_until = 0.0
        self._slow_until = 0.0
        self._lock = asyncio.Lock()

    async def _wait(self, seconds: float) -> None:
        # asyncio.sleep looked up at call time, so tests may replace it on the module.
        await (self._sleep or asyncio.sleep)(seconds)

    def pause(self, seconds: float) -> None:
        """Hold every send for `seconds` from now (a 429's retry_after)."""
        self._paused_until = max(self._paused_until, self._now() + seconds)

    def slow_down(self, seconds: float = SLOWDOWN_SECONDS) -> None:
        self._slow_until = max(self._slow_until, self._now() + seconds)

    @property
    def paused_for(self) -> float:
        return max(0.0, self._paused_until - self._now())

    def _pace(self, now: float) -> float:
        if now >= self._slow_until:
            return self._interval
        # Twice the interval right after a 429, back to normal over SLOWDOWN_SECONDS.
        return self._interval * (1.0 + (self._slow_until - now) / SLOWDOWN_SECONDS)

    def chat_busy(self, chat_id: int) -> bool:
        """A message to this chat is being sent right now."""
        return bool(self._busy_chats.get(chat_id))

    def chat_ready_in(self, chat_id: int) -> float:
        """Seconds until this chat may get its next message (its interval, if one is in
        flight now: two messages to one chat are never sent at once, so they keep order)."""
        if self._busy_chats.get(chat_id):
            return max(self._chat_interval, 0.0)
        return max(0.0, self._next_chat.get(chat_id, 0.0) - self._now())

    async def acquire(self, chat_id: int) -> None:
        self._busy_chats[chat_id] = self._busy_chats.get(chat_id, 0) + 1
        try:
            async with self._lock:
                while True:
                    now = self._now()
                    while self._done and self._done[0] <= now - 1.0:
                        self._done.popleft()
                    wait = max(
                        self._paused_until - now,
                        self._next_global - now,
                        self._next_chat.get(chat_id, 0.0) - now,
                    )
                    if self._in_flight + len(self._done) >= self._capacity:
                        oldest = self._done[0] + 1.0 - now if self._done else self._interval
                        wait = max(wait, oldest)
                    if chat_id < 0:
                        sends = self._group_sends.setdefault(chat_id, deque())
                        while sends and sends[0] <= now - 60.0:
                            sends.popleft()
                        if len(sends) >= self._group_per_minute:
                            wait = max(wait, sends[0] + 60.0 - now)
                    if wait <= 0:
                        break
                    await self._wait(wait)
                now = self._now()
                # Slightly behind schedule (a slow wake-up): catch up. Idle for longer: start
                # afresh, not with a burst.
                base = self._next_global if self._next_global >= now - self._catch_up else now
                self._next_global = base + self._pace(now)
                self._next_chat[chat_id] = now + self._chat_interval
                self._in_flight += 1
                if chat_id < 0:
                    self._group_sends[chat_id].append(now)
                if len(self._next_chat) > 50_000:
                    self._next_chat = {k: v for k, v in self._next_chat.items() if v > now}
        except BaseException:
            self._leave(chat_id)
            raise

    def release(self, chat_id: int) -> None:
        """The request for this chat completed (either way): count it from now."""
        now = self._now()
        self._in_flight = max(0, self._in_flight - 1)
        self._done.append(now)
        self._next_chat[chat_id] = max(self._next_chat.get(chat_id, 0.0), now + self._chat_interval)
        if chat_id < 0 and (sends := self._group_sends.get(chat_id)):
            sends[-1] = max(sends[-1], now)
        self._leave(chat_id)

    async def settle(self) -> None:
        """Nothing is written elsewhere (SharedRateLimiter writes to Redis)."""

    def _leave(self, chat_id: int) -> None:
        left = self._busy_chats.get(chat_id, 0) - 1
        if left > 0:
            self._busy_chats[chat_id] = left
        else:
            self._busy_chats.pop(chat_id, None)
