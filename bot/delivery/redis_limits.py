"""Telegram's sending limits shared through Redis by every process sending with one token
(scale mode)."""

from __future__ import annotations

import asyncio
import logging
import math
import time
import uuid
from collections import deque
from collections.abc import Awaitable
from typing import Any

from redis.exceptions import RedisError

from bot.delivery.local_limits import SLOWDOWN_SECONDS

log = logging.getLogger(__name__)

# The same limits as RateLimiter, decided atomically in Redis for every process sending with
# one token. Times are Redis's own (TIME), in milliseconds, so the processes' clocks do not
# matter. A send counts in the one-second window from its grant until a second after it
# completed: while in flight its score is a sentinel in the future (granted + IN_FLIGHT),
# replaced by the completion time on release; a process that dies mid-request frees its
# slot when the sentinel runs out. Returns "0" (granted, recorded), the milliseconds to wait
# for the shared pace or a 429's pause, or "chat:" and the milliseconds until this chat (or
# group) may have its next message: a busy chat is the caller's to defer, not to wait for, so
# one chat held by another process does not stall every other chat here. (Strings: Redis
# truncates Lua numbers to integers.)
_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local interval, capacity = tonumber(ARGV[1]), tonumber(ARGV[2])
local chat_interval, group_cap = tonumber(ARGV[3]), tonumber(ARGV[4])
local is_group, in_flight = ARGV[5] == '1', tonumber(ARGV[9])
local chat_wait = tonumber(redis.call('GET', KEYS[3]) or '0') - now
-- Further off than an interval: a request to this chat is in flight (its release shortens
-- the marker to an interval); look again after an interval.
if chat_wait > chat_interval then chat_wait = math.max(chat_interval, 50) end
if is_group then
  redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now - 60000)
  if redis.call('ZCARD', KEYS[4]) >= group_cap then
    local oldest = tonumber(redis.call('ZRANGE', KEYS[4], 0, 0, 'WITHSCORES')[2])
    chat_wait = math.max(chat_wait, oldest > now and 1000 or oldest + 60000 - now)
  end
end
if chat_wait > 0 then return 'chat:' .. tostring(chat_wait) end
local paused = tonumber(redis.call('GET', KEYS[5]) or '0')
local next_at = tonumber(redis.call('GET', KEYS[1]) or '0')
local wait = math.max(0, paused - now, next_at - now)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - 1000)
if redis.call('ZCARD', KEYS[2]) >= capacity then
  local oldest = tonumber(redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')[2])
  wait = math.max(wait, oldest > now and interval or oldest + 1000 - now)
end
if wait > 0 then return tostring(wait) end
local slow_until = tonumber(redis.call('GET', KEYS[6]) or '0')
local pace = interval
if slow_until > now then pace = interval * (1 + (slow_until - now) / tonumber(ARGV[7])) end
local base = now
if next_at >= now - tonumber(ARGV[8]) then base = next_at end
redis.call('SET', KEYS[1], tostring(base + pace), 'PX', 60000)
redis.call('SET', KEYS[3], tostring(now + in_flight), 'PX', math.ceil(in_flight))
redis.call('ZADD', KEYS[2], now + in_flight, ARGV[6])
redis.call('PEXPIRE', KEYS[2], math.ceil(in_flight) + 2000)
if is_group then
  redis.call('ZADD', KEYS[4], now + in_flight, ARGV[6])
  redis.call('PEXPIRE', KEYS[4], math.ceil(in_flight) + 61000)
end
return '0'
"""
# The request granted under ARGV[1] completed: it counts from now; the chat waits its interval.
_RELEASE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local chat_interval = tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], 'XX', now, ARGV[1])
if ARGV[3] == '1' then redis.call('ZADD', KEYS[3], 'XX', now, ARGV[1]) end
if chat_interval > 0 then
  redis.call('SET', KEYS[2], tostring(now + chat_interval), 'PX', math.ceil(chat_interval) + 1)
else
  redis.call('DEL', KEYS[2])
end
return 1
"""
# A 429: hold every process's sends for ARGV[1] ms and slow the pace for ARGV[2] ms (never
# shortening a longer pause already set).
_PENALTY = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local function extend(key, ms)
  if ms <= 0 then return end
  local until_ = now + ms
  if until_ > tonumber(redis.call('GET', key) or '0') then
    redis.call('SET', key, tostring(until_), 'PX', math.ceil(ms) + 1)
  end
end
extend(KEYS[1], tonumber(ARGV[1]))
extend(KEYS[2], tonumber(ARGV[2]))
local paused = tonumber(redis.call('GET', KEYS[1]) or '0')
return tostring(math.max(0, paused - now))
"""
# A granted request counts as in flight (holding its chat and its slot of the second) for the
# bot's HTTP request timeout plus this: no live request outlasts its timeout, and a process that
# died mid-request frees its chat and slot this soon after. The timeout is the Bot session's
# (aiogram's default 60 s, used until the sender says otherwise).
IN_FLIGHT_MARGIN_SECONDS = 5.0
DEFAULT_REQUEST_TIMEOUT = 60.0
# While Redis is unreachable nothing is sent (the bot cannot run without it in scale mode
# anyway); it is asked again this often.
REDIS_RETRY_SECONDS = 1.0


class ChatBusy(Exception):
    """Not granted: this chat (or group) may not have its next message for `seconds` (another
    process has one in flight, or sent one a moment ago). The caller defers the message."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"chat busy for {seconds:.3f} s")
        self.seconds = seconds


class SharedRateLimiter:
    """RateLimiter's limits shared through Redis by every process sending with one token:
    30 messages per second overall, 1 per second per chat, 20 per minute per group, and a 429
    seen by one process pauses (and slows) them all.

    Each grant is one atomic Lua script. This process's own acquires take turns locally, so
    only one of them polls Redis at a time, and wait there only for what holds every chat (the
    pace, the window, a 429). A chat busy in Redis (another process's request in flight or
    just sent) raises ChatBusy instead, so the sender defers that row like a chat busy here.
    """

    def __init__(
        self,
        redis: Any,
        per_second: float,
        chat_interval: float,
        group_per_minute: int,
        *,
        prefix: str = "outbox:rate",
        request_timeout: float = DEFAULT_REQUEST_TIMEOUT,
    ) -> None:
        self.per_second = per_second
        self.request_timeout = request_timeout
        self._redis = redis
        self._interval_ms = 1000.0 / per_second
        self._capacity = max(1, math.floor(per_second))
        self._chat_interval = chat_interval
        self._group_per_minute = group_per_minute
        self._prefix = prefix
        self._acquire_script = redis.register_script(_ACQUIRE)
        self._release_script = redis.register_script(_RELEASE)
        self._penalty_script = redis.register_script(_PENALTY)
        self._lock = asyncio.Lock()
        self._tokens: dict[int, deque[str]] = {}
        self._serial = 0
        self._me = f"{uuid.uuid4().hex[:12]}"
        self._next_chat: dict[int, float] = {}
        self._paused_until = 0.0
        # release() and pause() are called from synchronous code: their Redis writes run as
        # tasks, kept here so they are not collected half-way.
        self._background: set[asyncio.Task[Any]] = set()

    def _keys(self, chat_id: int) -> list[str]:
        p = self._prefix
        return [
            f"{p}:next",
            f"{p}:window",
            f"{p}:chat:{chat_id}",
            f"{p}:group:{chat_id}",
            f"{p}:pause",
            f"{p}:slow",
        ]

    def _spawn(self, work: Awaitable[Any], what: str) -> None:
        async def run() -> None:
            try:
                await work
            except Exception:
                log.warning("outbox: could not record %s in Redis", what, exc_info=True)

        task = asyncio.ensure_future(run())
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    def pause(self, seconds: float) -> None:
        """Hold every process's sends for `seconds` from now (a 429's retry_after)."""
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)
        self._spawn(
            self._penalty_script(keys=self._keys(0)[4:], args=[seconds * 1000.0, 0]), "a pause"
        )

    def slow_down(self, seconds: float = SLOWDOWN_SECONDS) -> None:
        self._spawn(
            self._penalty_script(keys=self._keys(0)[4:], args=[0, seconds * 1000.0]),
            "a slowdown",
        )

    async def shared_pause(self) -> float:
        """Seconds every process still holds its sends (what Redis says)."""
        left = await self._penalty_script(keys=self._keys(0)[4:], args=[0, 0])
        return float(left) / 1000.0

    @property
    def paused_for(self) -> float:
        return max(0.0, self._paused_until - time.monotonic())

    def chat_busy(self, chat_id: int) -> bool:
        return bool(self._tokens.get(chat_id))

    def chat_ready_in(self, chat_id: int) -> float:
        if self._tokens.get(chat_id):
            return max(self._chat_interval, 0.0)
        return max(0.0, self._next_chat.get(chat_id, 0.0) - time.monotonic())

    @property
    def in_flight_seconds(self) -> float:
        return self.request_timeout + IN_FLIGHT_MARGIN_SECONDS

    async def acquire(self, chat_id: int) -> None:
        """Wait for the shared pace, then record a grant; raise ChatBusy (recording nothing)
        if this chat may not have a message yet."""
        self._serial += 1
        token = f"{self._me}:{self._serial}"
        self._tokens.setdefault(chat_id, deque()).append(token)
        args = [
            self._interval_ms,
            self._capacity,
            self._chat_interval * 1000.0,
            self._group_per_minute,
            "1" if chat_id < 0 else "0",
            token,
            SLOWDOWN_SECONDS * 1000.0,
            100.0,  # catch-up, as RateLimiter's: a few sends, never a burst
            self.in_flight_seconds * 1000.0,
        ]
        try:
            async with self._lock:
                while True:
                    local = self.paused_for
                    if local > 0:  # our own 429, perhaps not yet written to Redis
                        await asyncio.sleep(local)
                        continue
                    try:
                        answer = await self._acquire_script(keys=self._keys(chat_id), args=args)
                    except (RedisError, OSError) as error:
                        log.warning("outbox: Redis unreachable for the rate limit: %s", error)
                        await asyncio.sleep(REDIS_RETRY_SECONDS)
                        continue
                    if isinstance(answer, bytes):
                        answer = answer.decode()
                    if answer.startswith("chat:"):
                        raise ChatBusy(float(answer[5:]) / 1000.0)
                    wait = float(answer)
                    if wait <= 0:
                        return
                    await asyncio.sleep(wait / 1000.0)
        except BaseException:
            self._drop(chat_id, token)
            raise

    def release(self, chat_id: int) -> None:
        """The request for this chat completed (either way): count it from now."""
        tokens = self._tokens.get(chat_id)
        if not tokens:
            return
        token = tokens.popleft()
        if not tokens:
            del self._tokens[chat_id]
        self._next_chat[chat_id] = time.monotonic() + self._chat_interval
        if len(self._next_chat) > 50_000:
            now = time.monotonic()
            self._next_chat = {k: v for k, v in self._next_chat.items() if v > now}
        keys = self._keys(chat_id)
        self._spawn(
            self._release_script(
                keys=[keys[1], keys[2], keys[3]],
                args=[token, self._chat_interval * 1000.0, "1" if chat_id < 0 else "0"],
            ),
            "a completed send",
        )

    def _drop(self, chat_id: int, token: str) -> None:
        tokens = self._tokens.get(chat_id)
        if tokens and token in tokens:
            tokens.remove(token)
            if not tokens:
                del self._tokens[chat_id]

    async def settle(self) -> None:
        """Wait for the Redis writes still under way (a stopping sender, tests)."""
        while self._background:
            await asyncio.gather(*self._background, return_exceptions=True)
