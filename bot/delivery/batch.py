"""One claimed batch of outbox rows while it is being sent, and what a sender counts."""

from __future__ import annotations

import asyncio
from collections import deque
from dataclasses import dataclass, field
from typing import Any

# Outcomes are written at least this often, and whenever this many are waiting.
FLUSH_SECONDS = 0.05
FLUSH_ROWS = 200


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
class Batch:
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
