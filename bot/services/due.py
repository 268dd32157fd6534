"""Due work: reminders, timeouts and pushes kept in the database until they are done.

APScheduler only ticks; each tick claims the rows that fell due (also those that fell due
while the bot was down) and runs the handler registered for their kind, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from models import DueTask
from models.base import rows_affected
from models.enums import DueTaskStatus

# A claimed task whose process died is taken again after this long.
LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class Claimed:
    id: int
    kind: str
    payload: dict[str, Any]
    attempts: int


async def plan(
    session: AsyncSession,
    *,
    kind: str,
    due_at: datetime,
    payload: dict[str, Any],
    now: datetime,
    dedup_key: str | None = None,
) -> bool:
    """Plan work; with a dedup key, planning the same thing twice keeps one row."""
    values = {
        "kind": kind,
        "payload": payload,
        "due_at": due_at,
        "status": DueTaskStatus.pending,
        "attempts": 0,
        "dedup_key": dedup_key,
        "created_at": now,
    }
    if dedup_key is None:
        session.add(DueTask(**values))
        await session.flush()
        return True
    dialect = session.bind.dialect.name if session.bind else "sqlite"
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    result = await session.execute(
        insert(DueTask).values(**values).on_conflict_do_nothing(index_elements=["dedup_key"])
    )
    return bool(rows_affected(result))


async def cancel(session: AsyncSession, dedup_key: str) -> None:
    await session.execute(
        update(DueTask)
        .where(DueTask.dedup_key == dedup_key, DueTask.status == DueTaskStatus.pending)
        .values(status=DueTaskStatus.cancelled)
    )


async def claim(session: AsyncSession, now: datetime, limit: int = 100) -> list[Claimed]:
    """Take due tasks for this process. On PostgreSQL, SKIP LOCKED lets several processes
    tick at once without taking the same row; SQLite has one writer anyway."""
    query = (
        select(DueTask)
        .where(
            DueTask.due_at <= now,
            or_(
                DueTask.status == DueTaskStatus.pending,
                (DueTask.status == DueTaskStatus.running) & (DueTask.locked_until <= now),
            ),
        )
        .order_by(DueTask.due_at, DueTask.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    tasks = list(await session.scalars(query))
    for task in tasks:
        task.status = DueTaskStatus.running
        task.attempts += 1
        task.locked_until = now + LEASE
    await session.flush()
    return [Claimed(t.id, t.kind, dict(t.payload), t.attempts) for t in tasks]


async def release(session: AsyncSession, task_ids: list[int]) -> None:
    """Put back claimed tasks not run (a stop): due as they were, the attempt not counted."""
    if task_ids:
        await session.execute(
            update(DueTask)
            .where(DueTask.id.in_(task_ids), DueTask.status == DueTaskStatus.running)
            .values(status=DueTaskStatus.pending, locked_until=None, attempts=DueTask.attempts - 1)
        )


async def finish(session: AsyncSession, task_id: int, now: datetime) -> None:
    await session.execute(
        update(DueTask).where(DueTask.id == task_id).values(status=DueTaskStatus.done, done_at=now)
    )


async def fail(session: AsyncSession, task_id: int, now: datetime, error: str) -> None:
    task = await session.get(DueTask, task_id)
    if task is None:
        return
    task.last_error = error[:2000]
    if task.attempts >= MAX_ATTEMPTS:
        task.status = DueTaskStatus.failed
    else:
        task.status = DueTaskStatus.pending
        task.due_at = now + timedelta(minutes=2**task.attempts)
