"""How often the admins hear about unexpected errors: a stranger's 40 forged presses in 0.3 s
must not become 40 messages. At most one report per kind of error per ``PER_KIND``, and at
most ``CAP`` reports of all kinds per ``WINDOW``; what was held back is counted and mentioned
in the next report, so nothing is hidden (every error is in the log regardless)."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta

PER_KIND = timedelta(minutes=5)
WINDOW = timedelta(hours=1)
CAP = 10


@dataclass
class ReportLimiter:
    per_kind: timedelta = PER_KIND
    window: timedelta = WINDOW
    cap: int = CAP
    _last: dict[str, datetime] = field(default_factory=dict)
    _sent: deque[datetime] = field(default_factory=deque)
    _suppressed: int = 0

    def admit(self, kind: str, now: datetime) -> int | None:
        """None: hold this report back (and count it). Otherwise the report goes out and the
        number is how many were held back since the last one that went."""
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
