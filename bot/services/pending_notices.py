"""A registration waiting for approval: the nearest coordinators are told at once and, if it
still waits a day later, reminded once (school, else municipality, else region)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Translator
from bot.services import coordinator_reach, due, outbox
from models import Participant
from models.enums import ParticipantStatus

PENDING_REMINDER = "pending-approval-reminder"
OPEN_PENDING = "pp:0"  # the first page of /pending (handlers/people.py, PendingCb)


async def registration_pending(
    session: AsyncSession, clock: Clock, translator: Translator, person: Participant
) -> None:
    """Tell the coordinators now and plan the day-later reminder."""
    await _tell(session, clock, translator, person, "pending-new", priority=outbox.Priority.REPLY)
    await due.plan(
        session,
        kind=PENDING_REMINDER,
        due_at=clock.now() + timedelta(days=1),
        payload={"participant_id": person.id},
        now=clock.now(),
        dedup_key=f"{PENDING_REMINDER}:{person.id}",
    )


async def remind(
    session: AsyncSession, clock: Clock, translator: Translator, participant_id: int
) -> None:
    person = await session.get(Participant, participant_id)
    if person is None or person.status != ParticipantStatus.pending:
        return  # decided (or deleted) meanwhile: nothing to remind
    await _tell(session, clock, translator, person, "pending-reminder", dedup="pending-reminder")


async def _tell(
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    person: Participant,
    key: str,
    *,
    priority: int = outbox.Priority.REMINDER,
    dedup: str | None = None,
) -> None:
    for coordinator in await coordinator_reach.nearest_coordinators(
        session, person.organization_id
    ):
        texts = translator.for_lang(coordinator.language)
        await outbox.enqueue_text(
            session,
            clock,
            chat_id=coordinator.tg_id or 0,
            participant_id=coordinator.id,
            text=texts(key, name=person.full_name or "—", organization=person.organization.label),
            keyboard=[[outbox.Button(texts("btn-open-pending"), callback_data=OPEN_PENDING)]],
            priority=priority,
            dedup_key=f"{dedup}:{person.id}:{coordinator.id}" if dedup else None,
        )
