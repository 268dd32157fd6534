"""What the people registered for an event are told: it is cancelled, it moved, a seat of the
waiting list is theirs."""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Texts, Translator
from bot.services import directory, outbox
from bot.services.broadcast.rendering import event_card
from bot.services.broadcast.telegram_html import escape
from bot.services.broadcast.when import format_local
from bot.services.reach import reachable
from models import Participant
from models.broadcast import Event

# The words of one notice, in the reader's language and on their region's clock.
Compose = Callable[[Texts, ZoneInfo], str]


async def _tell_each(
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    people: list[Participant],
    compose: Compose,
    dedup: Callable[[Participant], str],
) -> None:
    zones: dict[int, ZoneInfo] = {}
    for person in people:
        if not reachable(person):
            continue
        if person.organization_id not in zones:
            zones[person.organization_id] = await directory.zone_of_organization(
                session, person.organization_id
            )
        await outbox.enqueue_text(
            session,
            clock,
            chat_id=person.tg_id or 0,
            participant_id=person.id,
            text=compose(translator.for_lang(person.language), zones[person.organization_id]),
            priority=outbox.Priority.REMINDER,
            dedup_key=dedup(person),
        )


def _title_and_time(key: str, event: Event) -> Compose:
    return lambda texts, zone: texts(
        key, title=escape(event.title), when=format_local(event.starts_at, zone)
    )


async def tell_cancelled(
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    event: Event,
    registered: list[Participant],
) -> None:
    """Each registered person is told (once: a repeated cancel queues nothing new)."""
    await _tell_each(
        session,
        clock,
        translator,
        registered,
        _title_and_time("event-cancelled-notice", event),
        lambda person: f"event-cancelled:{event.id}:{person.id}",
    )


async def tell_seat(
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    event: Event,
    people: list[Participant],
) -> None:
    """The first in the waiting list got the seat that freed up."""
    stamp = int(clock.now().timestamp())  # promoted again after leaving: a new notice
    await _tell_each(
        session,
        clock,
        translator,
        people,
        _title_and_time("event-seat-notice", event),
        lambda person: f"event-seat:{event.id}:{person.id}:{stamp}",
    )


async def tell_changed(
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    event: Event,
    people: list[Participant],
) -> None:
    """Those registered (and waiting) are told the event's new time or place, with its card."""
    stamp = int(clock.now().timestamp())  # each change is news
    await _tell_each(
        session,
        clock,
        translator,
        people,
        lambda texts, zone: texts("event-changed-notice", card=event_card(texts, event, zone)),
        lambda person: f"event-changed:{event.id}:{person.id}:{stamp}",
    )
