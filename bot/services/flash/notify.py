"""Messages from flash mentoring to people other than the one acting: through the outbox,
each in the recipient's language and time zone."""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from bot.i18n import Texts
from bot.services import directory, outbox
from bot.services.flash.config import FlashEnv
from bot.services.outbox import Keyboard, Priority
from bot.services.reach import reachable
from models import Participant

Render = Callable[[Texts, ZoneInfo], str]
RenderKeyboard = Callable[[Texts, ZoneInfo], Keyboard | None]


async def zone_of(env: FlashEnv, person: Participant) -> ZoneInfo:
    return await directory.zone_of_organization(env.session, person.organization_id)


async def tell(
    env: FlashEnv,
    person: Participant | None,
    render: Render,
    keyboard: RenderKeyboard | None = None,
    *,
    dedup_key: str | None = None,
    priority: int = Priority.REPLY,
) -> bool:
    """Queue a message to `person`; False when they cannot be reached (deleted, blocked)."""
    if person is None or not reachable(person):
        return False
    texts = env.texts(person.language)
    zone = await zone_of(env, person)
    queued = await outbox.enqueue_text(
        env.session,
        env.clock,
        chat_id=person.tg_id or 0,
        participant_id=person.id,
        text=render(texts, zone),
        keyboard=keyboard(texts, zone) if keyboard else None,
        priority=priority,
        dedup_key=dedup_key,
    )
    return queued > 0
