"""The outbox rows in the database, as the sender sees them: claimed under a lease, put back,
and their outcomes written in bulk.

Core statements, not ORM ones: a batch is hundreds of rows, and the ORM's per-row bookkeeping
would cost more than sending them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.delivery.batch import Claimed
from models import OutboxMessage, Participant
from models.base import rows_affected
from models.enums import OutboxStatus

OUTBOX = OutboxMessage.__table__
# Outcomes after which a row is never sent again.
SETTLED = frozenset({OutboxStatus.sent, OutboxStatus.blocked, OutboxStatus.failed})


async def claim(
    session: AsyncSession, now: datetime, limit: int, lease_until: datetime
) -> list[Claimed]:
    """Mark up to `limit` due rows `sending` until `lease_until`, most urgent first; one
    UPDATE … RETURNING over a SKIP LOCKED pick, so two processes never claim one row."""
    pick = (
        select(OUTBOX.c.id)
        .where(
            # 'sending' past its lease: the sender that claimed it died (or hung).
            OUTBOX.c.status.in_((OutboxStatus.pending, OutboxStatus.sending)),
            OUTBOX.c.next_at <= now,
        )
        .order_by(OUTBOX.c.priority, OUTBOX.c.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    statement = (
        update(OUTBOX)
        .where(OUTBOX.c.id.in_(pick))
        .values(status=OutboxStatus.sending, next_at=lease_until)
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
    result = await session.execute(statement)
    rows = [Claimed(*row) for row in result.all()]
    rows.sort(key=lambda row: (row.priority, row.id))
    return rows


async def release(session: AsyncSession, ids: list[int], now: datetime) -> None:
    """Put claimed rows back, due now."""
    await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(ids), OutboxMessage.status == OutboxStatus.sending)
        .values(status=OutboxStatus.pending, next_at=now)
        .execution_options(synchronize_session=False)
    )


async def renew(session: AsyncSession, ids: list[int], lease_until: datetime) -> int:
    """Extend the leases of these rows (those still `sending`); how many."""
    renewed = 0
    for start in range(0, len(ids), 500):
        result = await session.execute(
            update(OUTBOX)
            .where(
                OUTBOX.c.id.in_(ids[start : start + 500]), OUTBOX.c.status == OutboxStatus.sending
            )
            .values(next_at=lease_until)
        )
        renewed += rows_affected(result) or 0
    return renewed


async def release_every_claim(session: AsyncSession, now: datetime) -> int:
    """Every row left `sending` is due now (its sender is known to be gone); how many."""
    result = await session.execute(
        update(OUTBOX)
        .where(OUTBOX.c.status == OutboxStatus.sending)
        .values(status=OutboxStatus.pending, next_at=now)
    )
    return rows_affected(result) or 0


async def more_urgent_waiting(session: AsyncSession, now: datetime, than: int) -> bool:
    """A due row more urgent than priority `than` waits."""
    found = await session.scalar(
        select(OutboxMessage.id)
        .where(
            OutboxMessage.status == OutboxStatus.pending,
            OutboxMessage.next_at <= now,
            OutboxMessage.priority < than,
        )
        .limit(1)
    )
    return found is not None


async def write_outcomes(session: AsyncSession, outcomes: list[dict[str, Any]]) -> None:
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


async def mark_blocked(session: AsyncSession, chat_id: int) -> None:
    await session.execute(
        update(Participant).where(Participant.tg_id == chat_id).values(bot_blocked=True)
    )
    # Nothing else queued for this chat can be delivered either.
    await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.chat_id == chat_id, OutboxMessage.status == OutboxStatus.pending)
        .values(status=OutboxStatus.blocked, last_error="blocked the bot")
    )


async def move_chat(session: AsyncSession, old: int, new: int) -> None:
    """A group became a supergroup: what is still to be sent goes to its new id."""
    await session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.chat_id == old,
            OutboxMessage.status.in_((OutboxStatus.pending, OutboxStatus.sending)),
        )
        .values(chat_id=new)
    )


def sent_message_id(result: Any) -> int | None:
    """The message id of a Bot API answer, if it has one."""
    if isinstance(result, list):  # sendMediaGroup: the first message of the album
        result = result[0] if result else None
    value = getattr(result, "message_id", None)
    return int(value) if value is not None else None
