"""How often the admins hear about unexpected errors: a stranger's 40 forged presses in 0.3 s
must not become 40 messages. At most one report per kind of error per ``PER_KIND``, and at
most ``CAP`` reports of all kinds per ``WINDOW``; what was held back is counted and mentioned
in the next report, so nothing is hidden (every error is in the log regardless).

Counted in the process's memory in the embedded default (ReportLimiter), in Redis when
REDIS_URL is set (RedisReportLimiter), so that N workers together keep to the same limits."""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

log = logging.getLogger(__name__)

PER_KIND = timedelta(minutes=5)
WINDOW = timedelta(hours=1)
CAP = 10


class ReportGate(Protocol):
    async def admit(self, kind: str, now: datetime) -> int | None:
        """None: hold this report back (and count it). Otherwise the report goes out and the
        number is how many were held back since the last one that went."""
        ...


@dataclass
class ReportLimiter:
    per_kind: timedelta = PER_KIND
    window: timedelta = WINDOW
    cap: int = CAP
    _last: dict[str, datetime] = field(default_factory=dict)
    _sent: deque[datetime] = field(default_factory=deque)
    _suppressed: int = 0

    async def admit(self, kind: str, now: datetime) -> int | None:
        """See ReportGate.admit."""
        while self._sent and now - self._sent[0] >= self.window:
            self._sent.popleft()
        last = self._last.get(kind)
        if (last is not None and now - last < self.per_kind) or len(self._sent) >= self.cap:
            self._suppressed += 1
            return None
        self._last[kind] = now
        self._sent.append(now)
        suppressed, self._suppressed = self._suppressed, 0
        return suppressed


class RedisReportLimiter:
    """The same rule shared by every process: a key per kind that lives ``per_kind``, a
    counter per ``window`` (a fixed window, like the throttling counter), the held-back
    count. If Redis fails, the process's own limiter decides: a report is never lost to it,
    and a flood never reaches the admins unlimited."""

    def __init__(
        self,
        redis: Any,
        per_kind: timedelta = PER_KIND,
        window: timedelta = WINDOW,
        cap: int = CAP,
        prefix: str = "mentorbot:error-reports",
    ) -> None:
        self._redis = redis
        self._per_kind_ms = int(per_kind.total_seconds() * 1000)
        self._window_ms = int(window.total_seconds() * 1000)
        self._cap = cap
        self._prefix = prefix
        self._fallback = ReportLimiter(per_kind, window, cap)

    async def admit(self, kind: str, now: datetime) -> int | None:
        try:
            return await self._admit(kind)
        except Exception:  # Redis unreachable: the process's own limits still hold
            log.warning("error report limits: Redis failed, counting in memory", exc_info=True)
            return await self._fallback.admit(kind, now)

    async def _admit(self, kind: str) -> int | None:
        redis, prefix = self._redis, self._prefix
        held_key = f"{prefix}:held"
        if not await redis.set(f"{prefix}:kind:{kind}", 1, px=self._per_kind_ms, nx=True):
            await redis.incr(held_key)
            return None
        async with redis.pipeline(transaction=True) as pipe:
            pipe.incr(f"{prefix}:sent")
            pipe.pexpire(f"{prefix}:sent", self._window_ms, nx=True)
            sent, _ = await pipe.execute()
        if int(sent) > self._cap:
            await redis.incr(held_key)
            return None
        return int(await redis.getdel(held_key) or 0)


def report_gate(redis: Any | None) -> ReportGate:
    """Redis when the application has it (scale mode), the process's memory otherwise."""
    return RedisReportLimiter(redis) if redis is not None else ReportLimiter()
