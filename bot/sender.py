"""Delivers the outbox within Telegram's limits, and survives restarts.

Rows are claimed in batches (one UPDATE … RETURNING over a SKIP LOCKED subquery on PostgreSQL,
so several processes can send without sending anything twice) and marked `sending` with a
short lease, which a heartbeat renews while this sender holds them. A few workers send them
through one rate limiter; outcomes are written back in bulk, every few dozen milliseconds. A
row whose process died is taken again when its lease runs out (on PostgreSQL, where another
process may still be alive), or at once when the next process starts on the embedded SQLite
default (one process: whatever is `sending` there was held by the dead one).

sendMessage has no idempotency key, so exactly-once is impossible: a crash after Telegram
accepted a message but before its outcome was written resends it. The window is bounded by
the flush interval (FLUSH_SECONDS / FLUSH_ROWS) and the requests in flight. A cancelled sender
(a graceful stop) writes what it sent and puts back what it did not send before it exits, so a
stop and a restart neither duplicate nor lose anything.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
import uuid
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import aiogram.methods
from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramEntityTooLarge,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.methods import TelegramMethod
from aiogram.methods.base import Response
from redis.exceptions import RedisError
from sqlalchemy import bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.db import transaction
from bot.services.outbox import MessageRejected, Priority, check_params
from bot.settings import Settings
from models import OutboxMessage, Participant
from models.enums import OutboxStatus

log = logging.getLogger(__name__)

# A claimed row whose sender died is taken again after this long; a live sender renews the
# leases of the rows it holds every HEARTBEAT, so a slow request never loses its row.
LEASE = timedelta(seconds=30)
HEARTBEAT = LEASE / 3
# Outcomes are written at least this often, and whenever this many are waiting.
FLUSH_SECONDS = 0.05
FLUSH_ROWS = 200
# Transient failures (5xx, network) back off exponentially up to this cap, per row.
BACKOFF_BASE_SECONDS = 2.0
BACKOFF_CAP_SECONDS = 300.0
# After this many transient failures in a row Telegram itself is in trouble: stop claiming
# for a while instead of burning every row's attempts.
BREAKER_THRESHOLD = 5
BREAKER_MAX_SECONDS = 60.0
# A 429 also halves the sending rate for this long (recovering linearly): the limit we were
# given is evidently not the whole story (another process with the same token, a group).
SLOWDOWN_SECONDS = 60.0
# A chat answering 401/409 means the token is wrong or another instance polls: hold off.
AUTH_PAUSE_SECONDS = 60.0

OUTBOX = OutboxMessage.__table__
# Outcomes after which a row is never sent again.
_SETTLED = frozenset({OutboxStatus.sent, OutboxStatus.blocked, OutboxStatus.failed})

# pydantic keeps parametrised generics in a weak cache; aiogram builds Response[T] for every
# answer, so without a strong reference each one rebuilds the model (about half the cost of a
# send). Keeping the types used here alive makes that a dictionary lookup.
_RESPONSE_TYPES: dict[type, Any] = {}


def method_class(name: str) -> type[TelegramMethod[Any]]:
    """'sendMessage' → aiogram.methods.SendMessage."""
    cls = getattr(aiogram.methods, name[:1].upper() + name[1:], None)
    if not (isinstance(cls, type) and issubclass(cls, TelegramMethod)):
        raise ValueError(f"unknown Bot API method {name!r}")
    if cls not in _RESPONSE_TYPES:
        _RESPONSE_TYPES[cls] = Response[cls.__returning__]  # type: ignore[name-defined]
    return cls


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


def make_limiter(settings: Settings, redis: Any = None) -> RateLimiter | SharedRateLimiter:
    """Shared through Redis in scale mode (several processes, one token); in-process else."""
    limits = (
        settings.outbox_rate_per_second,
        settings.outbox_chat_interval_seconds,
        settings.outbox_group_per_minute,
    )
    return SharedRateLimiter(redis, *limits) if redis is not None else RateLimiter(*limits)


@dataclass
class SendStats:
    sent: int = 0
    blocked: int = 0
    failed: int = 0
    retried: int = 0
    rate_limited: int = 0
    deferred: int = 0
    rejected: int = 0


@dataclass(frozen=True)
class Claimed:
    id: int
    chat_id: int
    method: str
    params: dict[str, Any]
    attempts: int
    priority: int
    batch: str | None = None


@dataclass
class _Batch:
    """One claimed batch being sent: rows not yet taken, and outcomes not yet written."""

    rows: deque[Claimed]
    full: bool = False  # as big as a claim gets: more is probably waiting
    ids: frozenset[int] = frozenset()  # every row claimed for it
    names: dict[int, str] = field(default_factory=dict)  # row id → its outbox batch, if any
    outcomes: list[dict[str, Any]] = field(default_factory=list)
    blocked_chats: set[int] = field(default_factory=set)
    migrated: dict[int, int] = field(default_factory=dict)
    stop: bool = False
    closing: bool = False
    # Set to make the flusher write now (closing, or many outcomes waiting).
    poke: asyncio.Event = field(default_factory=asyncio.Event)

    def record(self, outcome: dict[str, Any]) -> None:
        self.outcomes.append(outcome)
        if len(self.outcomes) >= FLUSH_ROWS:
            self.poke.set()


class OutboxSender:
    def __init__(
        self,
        bot: Bot,
        factory: async_sessionmaker[AsyncSession],
        settings: Settings,
        clock: Clock,
        limiter: RateLimiter | SharedRateLimiter | None = None,
        *,
        concurrency: int | None = None,
    ) -> None:
        self._bot = bot
        self._factory = factory
        self._settings = settings
        self._clock = clock
        self.limiter = limiter or make_limiter(settings)
        if isinstance(self.limiter, SharedRateLimiter):
            # What bounds a request in flight: a dead process's marker in Redis lasts this long.
            self.limiter.request_timeout = float(bot.session.timeout)
        rate = settings.outbox_rate_per_second
        # Enough requests in flight to fill the rate at ~100 ms a request, and no more.
        self.concurrency = concurrency or max(2, min(32, math.ceil(rate * 0.1)))
        # A wake-up with something more urgent cuts a batch short, so a reply never waits
        # for a whole batch of bulk messages.
        self.batch_size = settings.outbox_batch_size
        self.stats = SendStats()
        self._wake = asyncio.Event()
        self._woken = False
        self._transient_streak = 0
        self._hold_until: datetime | None = None
        # The next batch, claimed while the last rows of a full batch are being sent, so the
        # sender never idles between batches.
        self._prefetched: asyncio.Task[list[Claimed]] | None = None
        # This sender's own writes take turns here: on SQLite two of them would otherwise
        # meet at the file lock, where the waiter sleeps in coarse steps (busy_timeout).
        self._db_turn = asyncio.Lock()
        # Rows claimed by this sender whose outcome is not written yet: the heartbeat renews
        # their leases, so a live sender keeps them however long their requests take.
        self._held: set[int] = set()
        self.heartbeat_seconds = HEARTBEAT.total_seconds()
        # Told the outbox batches whose rows just got a final outcome (an announcement's
        # delivery report follows its progress this way).
        self.on_settled: Callable[[set[str]], None] | None = None

    @property
    def exclusive(self) -> bool:
        """The only sender on its database: the embedded default runs one process (scale
        mode, PostgreSQL, runs several)."""
        return self._settings.is_sqlite

    async def settle(self) -> None:
        """Let the rate limiter's last writes finish (before its Redis connection closes)."""
        await self.limiter.settle()

    def wake(self) -> None:
        """New rows were queued: do not wait for the idle poll (and look whether they are
        more urgent than the batch being sent)."""
        self._wake.set()
        self._woken = True

    # ---------------------------------------------------------------- the loop

    async def drain_once(self) -> int:
        """Claim one batch and send it; return how many rows were claimed."""
        getting = asyncio.ensure_future(self._next_rows())
        try:
            rows = await asyncio.shield(getting)
        except asyncio.CancelledError:
            # Stopped while claiming: let the claim finish, and hand its rows straight back
            # (else they would wait for their lease to run out).
            rows = await getting
            await self._release([row.id for row in rows])
            raise
        if rows:
            await self._send_batch(rows)
        return len(rows)

    async def _next_rows(self) -> list[Claimed]:
        rows = await self._take_prefetched()
        if rows and self._woken and rows[0].priority > Priority.REPLY:
            self._woken = False
            if await self._more_urgent_waiting(rows[0].priority):
                await self._release([row.id for row in rows])  # claimed before it came
                rows = []
        return rows or await self._claim()

    async def _take_prefetched(self) -> list[Claimed]:
        task, self._prefetched = self._prefetched, None
        if task is None:
            return []
        try:
            return await task
        except Exception:
            log.exception("outbox: claiming the next batch failed")
            return []

    async def _release(self, ids: list[int]) -> None:
        """Put claimed rows back, due now (this sender will not send them)."""
        if not ids:
            return
        async with self._db_turn, transaction(self._factory) as session:
            await session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id.in_(ids), OutboxMessage.status == OutboxStatus.sending)
                .values(status=OutboxStatus.pending, next_at=self._clock.now())
                .execution_options(synchronize_session=False)
            )
        self._held.difference_update(ids)

    async def renew_leases(self) -> int:
        """Extend the lease of every row this sender holds (the heartbeat); how many."""
        held = list(self._held)
        if not held:
            return 0
        renewed = 0
        async with self._db_turn, transaction(self._factory) as session:
            for start in range(0, len(held), 500):
                result = await session.execute(
                    update(OUTBOX)
                    .where(
                        OUTBOX.c.id.in_(held[start : start + 500]),
                        OUTBOX.c.status == OutboxStatus.sending,
                    )
                    .values(next_at=self._clock.now() + LEASE)
                )
                renewed += result.rowcount or 0
        return renewed

    async def reclaim_orphans(self) -> int:
        """At start on the embedded default: rows left `sending` were held by the previous
        process, which is gone (one process per SQLite file), so they are due now rather than
        when their leases run out. Elsewhere another live process may hold them: nothing."""
        if not self.exclusive:
            return 0
        async with self._db_turn, transaction(self._factory) as session:
            result = await session.execute(
                update(OUTBOX)
                .where(OUTBOX.c.status == OutboxStatus.sending)
                .values(status=OutboxStatus.pending, next_at=self._clock.now())
            )
        count = result.rowcount or 0
        if count:
            log.info("outbox: %s rows the previous process held are due again", count)
        return count

    async def _heartbeat(self) -> None:
        while True:
            await asyncio.sleep(self.heartbeat_seconds)
            try:
                await self.renew_leases()
            except Exception:  # the next beat tries again; the lease has two more beats
                log.warning("outbox: renewing leases failed", exc_info=True)

    async def drain(self) -> None:
        """Send until nothing is due (tests and the demo use this)."""
        while await self.drain_once():
            pass

    async def run(self, idle_seconds: float = 1.0) -> None:
        try:
            await self.reclaim_orphans()
        except Exception:  # their leases bring them back anyway
            log.exception("outbox: reclaiming the previous process's rows failed")
        heartbeat = asyncio.create_task(self._heartbeat(), name="outbox-heartbeat")
        try:
            while True:
                try:
                    handled = await self.drain_once()
                except asyncio.CancelledError:
                    raise
                except Exception:  # a database hiccup must not kill the sender
                    log.exception("outbox batch failed")
                    handled = 0
                if not handled:
                    self._wake.clear()
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self._wake.wait(), timeout=idle_seconds)
        finally:
            heartbeat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await heartbeat

    # ---------------------------------------------------------------- claiming

    async def _claim(self) -> list[Claimed]:
        now = self._clock.now()
        if self._hold_until is not None and now < self._hold_until:
            return []
        self._woken = False
        # Core statements, not ORM ones: a batch is hundreds of rows, and the ORM's per-row
        # bookkeeping would cost more than sending them.
        pick = (
            select(OUTBOX.c.id)
            .where(
                # 'sending' past its lease: the sender that claimed it died (or hung).
                OUTBOX.c.status.in_((OutboxStatus.pending, OutboxStatus.sending)),
                OUTBOX.c.next_at <= now,
            )
            .order_by(OUTBOX.c.priority, OUTBOX.c.id)
            .limit(self.batch_size)
            .with_for_update(skip_locked=True)
        )
        claim = (
            update(OUTBOX)
            .where(OUTBOX.c.id.in_(pick))
            .values(status=OutboxStatus.sending, next_at=now + LEASE)
            .returning(
                OUTBOX.c.id,
                OUTBOX.c.chat_id,
                OUTBOX.c.method,
                OUTBOX.c.params,
                OUTBOX.c.attempts,
                OUTBOX.c.priority,
                OUTBOX.c.batch,
            )
        )
        async with self._db_turn, transaction(self._factory) as session:
            result = await session.execute(claim)
            rows = [Claimed(*row) for row in result.all()]
        self._held.update(row.id for row in rows)
        rows.sort(key=lambda row: (row.priority, row.id))
        return rows

    async def _more_urgent_waiting(self, than: int) -> bool:
        async with self._db_turn, transaction(self._factory) as session:
            found = await session.scalar(
                select(OutboxMessage.id)
                .where(
                    OutboxMessage.status == OutboxStatus.pending,
                    OutboxMessage.next_at <= self._clock.now(),
                    OutboxMessage.priority < than,
                )
                .limit(1)
            )
        return found is not None

    # ---------------------------------------------------------------- sending a batch

    async def _send_batch(self, rows: list[Claimed]) -> None:
        batch = _Batch(
            deque(rows),
            full=len(rows) >= self.batch_size,
            ids=frozenset(r.id for r in rows),
            names={r.id: r.batch for r in rows if r.batch},
        )
        flusher = asyncio.create_task(self._flush_loop(batch))
        workers = [
            asyncio.create_task(self._worker(batch))
            for _ in range(min(self.concurrency, len(rows)))
        ]
        try:
            try:
                await asyncio.gather(*workers)
            except BaseException:
                # Cancelling gather cancelled the workers; each records what Telegram already
                # accepted. Then write it all down and put back what was never sent: a stop
                # must cause neither a resend nor a loss.
                batch.stop = True
                await asyncio.gather(*workers, return_exceptions=True)
                await _to_the_end(self._close(batch, flusher))
                await _to_the_end(self._drop_prefetched())
                raise
            try:
                await _to_the_end(self._close(batch, flusher))
            except asyncio.CancelledError:
                await _to_the_end(self._drop_prefetched())
                raise
        finally:
            # Written, or given up on (then their leases bring them back): not held any more.
            self._held.difference_update(batch.ids)

    async def _drop_prefetched(self) -> None:
        await self._release([row.id for row in await self._take_prefetched()])

    async def _close(self, batch: _Batch, flusher: asyncio.Task[None]) -> None:
        # The flusher is told to stop, never cancelled: a write cut in half would leave the
        # connection in an unknown state.
        batch.closing = True
        batch.poke.set()
        with contextlib.suppress(Exception):
            await flusher
        await self._finish(batch)

    async def _worker(self, batch: _Batch) -> None:
        while batch.rows and not batch.stop:
            if self._woken and batch.rows[0].priority > Priority.REPLY:
                self._woken = False
                if await self._more_urgent_waiting(batch.rows[0].priority):
                    batch.stop = True  # the rest goes back; the next claim takes the urgent
                    return
            if not batch.rows:
                return
            row = batch.rows.popleft()
            if (
                batch.full
                and not batch.stop
                and self._prefetched is None
                and len(batch.rows) <= max(self.concurrency, self.batch_size // 2)
            ):
                self._prefetched = asyncio.create_task(self._claim())
            await self._deliver(row, batch)

    async def _deliver(self, row: Claimed, batch: _Batch) -> None:
        now = self._clock.now()
        busy = self.limiter.chat_ready_in(row.chat_id)
        if busy > 0 or self.limiter.chat_busy(row.chat_id):
            # This chat has a message in flight or had one a moment ago: put the row back
            # for later instead of holding up everyone else's messages behind it.
            self.stats.deferred += 1
            batch.record(
                {
                    "id": row.id,
                    "status": OutboxStatus.pending,
                    "next_at": now + timedelta(seconds=busy),
                }
            )
            return
        try:
            check_params(row.method, row.params, queued=True)
            method = method_class(row.method)(**row.params)
        except (MessageRejected, ValueError, TypeError) as error:
            # It would fail at the API as it is (or is not a call at all): never send it.
            self.stats.rejected += 1
            self.stats.failed += 1
            log.error("outbox row %s rejected before sending: %s", row.id, error)
            batch.record(self._outcome(row, OutboxStatus.failed, error=f"rejected: {error}"))
            return
        try:
            await self.limiter.acquire(row.chat_id)
        except ChatBusy as held:
            # Busy in another process (shared limits): deferred like a chat busy here.
            self.stats.deferred += 1
            later = self._clock.now() + timedelta(seconds=held.seconds)
            batch.record({"id": row.id, "status": OutboxStatus.pending, "next_at": later})
            return
        except asyncio.CancelledError:
            # Stopped before this row was attempted: it goes straight back to the queue.
            batch.record({"id": row.id, "status": OutboxStatus.pending, "next_at": now})
            raise
        request = asyncio.ensure_future(self._bot(method))
        cancelled = False
        try:
            try:
                result = await asyncio.shield(request)
            except asyncio.CancelledError:
                # Stopping: let the request in flight finish (its own timeout bounds this),
                # so its outcome is known and written, rather than resent after a restart.
                cancelled = True
                result = await request
        except asyncio.CancelledError:
            # Cancelled twice: stop waiting; the row keeps its lease and comes back later.
            self.limiter.release(row.chat_id)
            raise
        except Exception as error:
            self.limiter.release(row.chat_id)
            batch.record(self._failure(row, error, batch))
        else:
            self.limiter.release(row.chat_id)
            self._transient_streak = 0
            self.stats.sent += 1
            batch.record(
                self._outcome(
                    row,
                    OutboxStatus.sent,
                    sent_at=self._clock.now(),
                    message_id=_message_id(result),
                )
            )
        if cancelled:
            raise asyncio.CancelledError

    def _outcome(self, row: Claimed, status: OutboxStatus, **values: Any) -> dict[str, Any]:
        error = values.pop("error", None)
        outcome = {"id": row.id, "status": status, "attempts": row.attempts + 1, **values}
        if error is not None:
            outcome["last_error"] = str(error)[:500]
        return outcome

    def _failure(self, row: Claimed, error: Exception, batch: _Batch) -> dict[str, Any]:
        now = self._clock.now()
        if isinstance(error, TelegramRetryAfter):
            # Telegram says exactly how long to wait: everything waits that long, and the
            # pace stays lower for a while. Not the row's fault: no attempt counted.
            self.limiter.pause(error.retry_after)
            self.limiter.slow_down()
            self.stats.rate_limited += 1
            self.stats.retried += 1
            if error.retry_after > LEASE.total_seconds() / 4:
                batch.stop = True  # do not sit on the rest of the batch past its lease
            return {
                "id": row.id,
                "status": OutboxStatus.pending,
                "next_at": now + timedelta(seconds=error.retry_after),
                "last_error": str(error)[:500],
            }
        if isinstance(error, TelegramForbiddenError):
            # Blocked by the user, or the account is deactivated: never retried.
            self.stats.blocked += 1
            batch.blocked_chats.add(row.chat_id)
            return self._outcome(row, OutboxStatus.blocked, error=error)
        if isinstance(error, TelegramMigrateToChat):
            # A group became a supergroup: same conversation under a new id.
            batch.migrated[row.chat_id] = error.migrate_to_chat_id
            self.stats.retried += 1
            return {"id": row.id, "status": OutboxStatus.pending, "next_at": now}
        if isinstance(error, TelegramBadRequest) and "message is not modified" in str(error):
            self.stats.sent += 1  # an edit to what is already shown: done
            return self._outcome(row, OutboxStatus.sent, sent_at=now)
        if isinstance(error, TelegramUnauthorizedError | TelegramConflictError):
            # Not this message's fault: the token is wrong or revoked. Hold everything.
            log.error("outbox: Telegram refused the bot itself (%s); holding sends", error)
            self.limiter.pause(AUTH_PAUSE_SECONDS)
            batch.stop = True
            return {
                "id": row.id,
                "status": OutboxStatus.pending,
                "next_at": now,
                "last_error": str(error),
            }
        if isinstance(error, TelegramBadRequest | TelegramNotFound | TelegramEntityTooLarge):
            # Will never succeed as it is: do not retry.
            self.stats.failed += 1
            log.warning("outbox row %s failed: %s", row.id, error)
            return self._outcome(row, OutboxStatus.failed, error=error)
        if isinstance(error, TelegramServerError | TelegramNetworkError | TimeoutError | OSError):
            return self._backoff(row, error, batch)
        # Anything else is a bug or an unknown answer: retry a few times, like a 5xx.
        log.exception("outbox row %s: unexpected error", row.id, exc_info=error)
        return self._backoff(row, error, batch)

    def _backoff(self, row: Claimed, error: Exception, batch: _Batch) -> dict[str, Any]:
        now = self._clock.now()
        self._transient_streak += 1
        if self._transient_streak >= BREAKER_THRESHOLD:
            # Telegram (or the network) is down: stop claiming for a while rather than use
            # up every row's attempts in a minute.
            hold = min(BREAKER_MAX_SECONDS, 2.0 ** (self._transient_streak - BREAKER_THRESHOLD))
            self._hold_until = now + timedelta(seconds=hold)
            batch.stop = True
        if row.attempts + 1 >= self._settings.outbox_max_attempts:
            self.stats.failed += 1
            return self._outcome(row, OutboxStatus.failed, error=error)
        self.stats.retried += 1
        delay = min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2**row.attempts)
        # Deterministic jitter (±20% by row id), so rows failed together do not retry together.
        delay *= 0.8 + 0.4 * ((row.id * 2654435761) % 1000) / 1000
        return self._outcome(
            row, OutboxStatus.pending, error=error, next_at=now + timedelta(seconds=delay)
        )

    # ---------------------------------------------------------------- writing outcomes

    async def _flush_loop(self, batch: _Batch) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(batch.poke.wait(), FLUSH_SECONDS)
            batch.poke.clear()
            if batch.closing:
                return  # _finish writes the rest
            if batch.outcomes or batch.blocked_chats or batch.migrated:
                try:
                    await self._flush(batch)
                except Exception:  # kept in the batch; the next flush tries again
                    log.exception("outbox: writing outcomes failed")

    async def _flush(self, batch: _Batch) -> None:
        outcomes, batch.outcomes = batch.outcomes, []
        blocked, batch.blocked_chats = batch.blocked_chats, set()
        migrated, batch.migrated = batch.migrated, {}
        try:
            async with self._db_turn, transaction(self._factory) as session:
                await _write_outcomes(session, outcomes)
                for chat_id in blocked:
                    await _mark_blocked(session, chat_id)
                for old, new in migrated.items():
                    await session.execute(
                        update(OutboxMessage)
                        .where(
                            OutboxMessage.chat_id == old,
                            OutboxMessage.status.in_((OutboxStatus.pending, OutboxStatus.sending)),
                        )
                        .values(chat_id=new)
                    )
        except BaseException:
            # Not written: keep them for the next flush (the rows stay leased meanwhile).
            batch.outcomes[:0] = outcomes
            batch.blocked_chats |= blocked
            batch.migrated.update(migrated)
            raise
        self._held.difference_update(outcome["id"] for outcome in outcomes)
        settled = {
            batch.names[o["id"]]
            for o in outcomes
            if o["status"] in _SETTLED and o["id"] in batch.names
        }
        if settled and self.on_settled is not None:
            try:
                self.on_settled(settled)
            except Exception:  # a report must never stop the delivery
                log.exception("outbox: reporting progress failed")

    async def _finish(self, batch: _Batch) -> None:
        """Write every outcome, and put back the rows of this batch never attempted."""
        untouched = [row.id for row in batch.rows]
        batch.rows.clear()
        now = self._clock.now()
        batch.outcomes.extend(
            {"id": i, "status": OutboxStatus.pending, "next_at": now} for i in untouched
        )
        for attempt in range(3):
            try:
                await self._flush(batch)
                return
            except Exception:
                if attempt == 2:
                    # The leases bring these rows back; what was sent may go again.
                    log.exception("outbox: could not record %s outcomes", len(batch.outcomes))
                    return
                await asyncio.sleep(0.1 * (attempt + 1))


async def _write_outcomes(session: AsyncSession, outcomes: list[dict[str, Any]]) -> None:
    """One executemany per shape of outcome (sent, retried, failed…), by primary key."""
    shapes: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for outcome in outcomes:
        columns = tuple(sorted(k for k in outcome if k != "id"))
        shapes.setdefault(columns, []).append(outcome)
    for columns, group in shapes.items():
        # Bound names must differ from column names in an UPDATE's SET clause.
        statement = (
            update(OUTBOX)
            .where(OUTBOX.c.id == bindparam("row_id", type_=OUTBOX.c.id.type))
            .values({c: bindparam(f"v_{c}", type_=OUTBOX.c[c].type) for c in columns})
        )
        await session.execute(
            statement,
            [{"row_id": o["id"], **{f"v_{c}": o[c] for c in columns}} for o in group],
        )


async def _to_the_end(work: Awaitable[None]) -> None:
    """Run `work` to its end even if the caller is cancelled meanwhile (then re-raise):
    writing down what was sent must not be cut off by a stop."""
    task = asyncio.ensure_future(work)
    try:
        await asyncio.shield(task)
    except asyncio.CancelledError:
        await task
        raise


def _message_id(result: Any) -> int | None:
    if isinstance(result, list):  # sendMediaGroup: the first message of the album
        result = result[0] if result else None
    value = getattr(result, "message_id", None)
    return int(value) if value is not None else None


async def _mark_blocked(session: AsyncSession, chat_id: int) -> None:
    await session.execute(
        update(Participant).where(Participant.tg_id == chat_id).values(bot_blocked=True)
    )
    # Nothing else queued for this chat can be delivered either.
    await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.chat_id == chat_id, OutboxMessage.status == OutboxStatus.pending)
        .values(status=OutboxStatus.blocked, last_error="blocked the bot")
    )
