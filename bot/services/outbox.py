"""The one outgoing path for what the bot sends on its own initiative.

Callers queue a message in the same transaction as the change that caused it; the sender
(bot/sender.py) delivers it later within Telegram's limits. If the transaction rolls back,
nothing is sent; if the process dies after commit, the message is still delivered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from models import OutboxMessage

TELEGRAM_TEXT_LIMIT = 4096


class Priority:
    REPLY = 0
    OFFER = 1
    REMINDER = 5
    BULK = 9


@dataclass(frozen=True)
class Button:
    """An inline button as plain data: the services layer knows no Telegram types."""

    text: str
    callback_data: str | None = None
    url: str | None = None


Keyboard = Sequence[Sequence[Button]]


def keyboard_params(keyboard: Keyboard | None) -> dict[str, Any] | None:
    if not keyboard:
        return None
    return {
        "inline_keyboard": [
            [{k: v for k, v in vars(button).items() if v is not None} for button in row]
            for row in keyboard
        ]
    }


def split_text(text: str, limit: int = TELEGRAM_TEXT_LIMIT) -> list[str]:
    """Split a long text at paragraph, then line, then word boundaries; never mid-word."""
    parts: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = max(rest.rfind(sep, 0, limit) for sep in ("\n\n", "\n", " "))
        if cut <= 0:
            cut = limit
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        parts.append(rest)
    return parts


async def enqueue_text(
    session: AsyncSession,
    clock: Clock,
    *,
    chat_id: int,
    text: str,
    keyboard: Keyboard | None = None,
    participant_id: int | None = None,
    priority: int = Priority.REMINDER,
    dedup_key: str | None = None,
    batch: str | None = None,
) -> int:
    """Queue a text message (split when too long; buttons go with the last part).

    Returns how many rows were queued; 0 when `dedup_key` was queued before.
    """
    parts = split_text(text)
    queued = 0
    for index, part in enumerate(parts):
        params: dict[str, Any] = {"chat_id": chat_id, "text": part}
        if index == len(parts) - 1 and (markup := keyboard_params(keyboard)):
            params["reply_markup"] = markup
        key = dedup_key if index == 0 or dedup_key is None else f"{dedup_key}#{index}"
        queued += await enqueue(
            session,
            clock,
            method="sendMessage",
            params=params,
            chat_id=chat_id,
            participant_id=participant_id,
            priority=priority,
            dedup_key=key,
            batch=batch,
        )
    return queued


async def enqueue(
    session: AsyncSession,
    clock: Clock,
    *,
    method: str,
    params: dict[str, Any],
    chat_id: int,
    participant_id: int | None = None,
    priority: int = Priority.REMINDER,
    dedup_key: str | None = None,
    batch: str | None = None,
) -> int:
    now = clock.now()
    # Tells the update's transaction to wake the sender once this row is committed.
    session.info["outbox_dirty"] = True
    values = {
        "chat_id": chat_id,
        "participant_id": participant_id,
        "method": method,
        "params": params,
        "priority": priority,
        "status": "pending",
        "attempts": 0,
        "next_at": now,
        "dedup_key": dedup_key,
        "batch": batch,
        "created_at": now,
    }
    if dedup_key is None:
        session.add(OutboxMessage(**values))
        await session.flush()
        return 1
    dialect = session.bind.dialect.name if session.bind else "sqlite"
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = (
        insert(OutboxMessage).values(**values).on_conflict_do_nothing(index_elements=["dedup_key"])
    )
    result = await session.execute(statement)
    return int(result.rowcount or 0)


async def batch_report(session: AsyncSession, batch: str) -> dict[str, int]:
    rows = await session.execute(
        select(OutboxMessage.status, func.count())
        .where(OutboxMessage.batch == batch)
        .group_by(OutboxMessage.status)
    )
    return {status: int(count) for status, count in rows.all()}
