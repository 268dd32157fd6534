"""The life of a flash request: its states and the one function that moves it.

Every change of status goes through `transition`: a conditional UPDATE on the status the
caller saw (so two people acting at once cannot both move it, e.g. two mentors accepting the
same request) and a row in the history table saying who moved it, when and why.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from bot.clock import Clock
from bot.services.errors import InvalidInput
from models.base import rows_affected
from models.enums import FlashStatus
from models.flash import FlashEvent, FlashRequest

S = FlashStatus
WAITING = frozenset({S.open, S.offered})  # looking for a mentor
SESSION = frozenset({S.matched, S.scheduled})  # a mentor is working with the requester
ACTIVE = WAITING | SESSION
FINAL = frozenset({S.completed, S.cancelled, S.expired})

TRANSITIONS: dict[str, frozenset[str]] = {
    S.draft: frozenset({S.open, S.cancelled, S.expired}),
    S.open: frozenset({S.offered, S.matched, S.cancelled, S.expired}),
    S.offered: frozenset({S.matched, S.cancelled, S.expired}),
    # Back to open: the mentor left (deleted the account) and the search goes on.
    S.matched: frozenset({S.scheduled, S.open, S.cancelled, S.expired}),
    # scheduled → scheduled: a new time agreed; → matched: it did not take place, agree again.
    S.scheduled: frozenset({S.scheduled, S.matched, S.completed, S.open, S.cancelled, S.expired}),
    S.completed: frozenset(),
    S.cancelled: frozenset(),
    S.expired: frozenset(),
}


def stale(status: str) -> InvalidInput:
    """The error for acting on a request that is no longer where the button thought."""
    return InvalidInput(f"flash-now-{status}")


def can_move(current: str, to: str) -> bool:
    return to in TRANSITIONS.get(current, frozenset())


async def create(
    session: AsyncSession, clock: Clock, request: FlashRequest, *, actor_id: int | None
) -> FlashRequest:
    """Insert a new request (as a draft) and record its birth in the history."""
    now = clock.now()
    request.status = S.draft
    request.created_at = request.updated_at = now
    session.add(request)
    await session.flush()
    session.add(
        FlashEvent(
            request_id=request.id, from_status=None, to_status=S.draft, actor_id=actor_id, at=now
        )
    )
    return request


async def transition(
    session: AsyncSession,
    clock: Clock,
    request: FlashRequest,
    to: FlashStatus,
    *,
    actor_id: int | None,
    reason: str | None = None,
    **values: Any,
) -> None:
    """Move `request` from the status it was loaded with to `to`, with `values` set in the
    same UPDATE. Raises the stale error of the current status if someone moved it first or
    the move is not allowed from there."""
    current = request.status
    if not can_move(current, to):
        raise stale(current)
    now = clock.now()
    if to in FINAL:
        values.setdefault("closed_at", now)
    result = await session.execute(
        update(FlashRequest)
        .where(FlashRequest.id == request.id, FlashRequest.status == current)
        .values(status=to, updated_at=now, **values)
        .execution_options(synchronize_session=False)
    )
    if rows_affected(result) != 1:
        await session.refresh(request)
        raise stale(request.status)
    # The row is ours now (locked until commit): bring the object in line with it without
    # marking it dirty, so the flush does not write the same values a second time.
    for name, value in {"status": to, "updated_at": now, **values}.items():
        set_committed_value(request, name, value)
    session.add(
        FlashEvent(
            request_id=request.id,
            from_status=current,
            to_status=to,
            actor_id=actor_id,
            reason=reason,
            at=now,
        )
    )
    await session.flush()
