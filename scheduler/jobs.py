"""Due-work handlers of the foundation. Each takes ids from the payload and reloads state."""

from __future__ import annotations

from typing import Any

from bot.services import coordinator_reach, outbox
from bot.services.outbox import Button
from models import Participant
from models.enums import ParticipantStatus
from scheduler.registry import JobContext, due_handler

PENDING_REMINDER = "pending-approval-reminder"


@due_handler(PENDING_REMINDER)
async def remind_pending_approval(ctx: JobContext, payload: dict[str, Any]) -> None:
    """A day after a registration that waits for approval, remind the coordinators once."""
    person = await ctx.session.get(Participant, payload["participant_id"])
    if person is None or person.status != ParticipantStatus.pending:
        return  # decided (or deleted) meanwhile: nothing to remind
    for coordinator in await coordinator_reach.nearest_coordinators(
        ctx.session, person.organization_id
    ):
        texts = ctx.translator.for_lang(coordinator.language)
        await outbox.enqueue_text(
            ctx.session,
            ctx.clock,
            chat_id=coordinator.tg_id or 0,
            participant_id=coordinator.id,
            text=texts(
                "pending-reminder",
                name=person.full_name or "—",
                organization=person.organization.label,
            ),
            keyboard=[[Button(texts("btn-open-pending"), callback_data="pp:0")]],
            dedup_key=f"pending-reminder:{person.id}:{coordinator.id}",
        )
