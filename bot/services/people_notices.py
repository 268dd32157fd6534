"""What a coordinator's decision about a person tells that person: approved, rejected, the
mentor role granted or taken back."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Translator
from bot.services import outbox
from bot.services.reach import writable
from models import Participant


async def tell_decided(
    session: AsyncSession, clock: Clock, translator: Translator, person: Participant, action: str
) -> None:
    """Queue the decision to the person (approve | reject | grant | revoke), if writable: a
    rejected person is no longer active and must still hear it."""
    if not writable(person):
        return
    texts = translator.for_lang(person.language)
    await outbox.enqueue_text(
        session,
        clock,
        chat_id=person.tg_id or 0,
        participant_id=person.id,
        text=texts(f"people-notify-{action}"),
        priority=outbox.Priority.REPLY,
    )
