"""Messages from the mentorship rules to the people of a pair and their coordinators: through
the outbox, to whoever can still be reached."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services import outbox
from bot.services.outbox import Button
from models import Participant
from models.enums import ParticipantStatus


def reachable(person: Participant | None) -> bool:
    return (
        person is not None
        and person.tg_id is not None
        and person.status == ParticipantStatus.active
    )


async def send(
    session: AsyncSession,
    clock: Clock,
    person: Participant | None,
    text: str,
    dedup_key: str,
    keyboard: list[list[Button]] | None = None,
    priority: int = outbox.Priority.REPLY,
) -> None:
    """Queue `text` to `person` unless they are gone (deleted, not active, no chat)."""
    if person is None or not reachable(person):
        return
    await outbox.enqueue_text(
        session,
        clock,
        chat_id=person.tg_id or 0,
        participant_id=person.id,
        text=text,
        keyboard=keyboard,
        priority=priority,
        dedup_key=dedup_key,
    )
