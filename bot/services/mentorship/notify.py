"""Messages from the mentorship rules to the people of a pair and their coordinators: through
the outbox, to whoever can still be reached."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services import outbox
from bot.services.outbox import Button
from bot.services.reach import reachable
from models import Participant


async def send(
    session: AsyncSession,
    clock: Clock,
    person: Participant | None,
    text: str,
    dedup_key: str,
    keyboard: list[list[Button]] | None = None,
    priority: int = outbox.Priority.REPLY,
) -> None:
    """Queue `text` to `person` unless they cannot be reached (bot/services/reach.py)."""
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
