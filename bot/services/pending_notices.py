"""A registration waiting for approval always reaches someone who can decide it: the nearest
level with a coordinator (school, else municipality, else region), else the bot's
administrators (ADMIN_IDS), who can approve in /pending too. They are told at once and, if it
still waits a day later, reminded once; the person is told truthfully who was asked.

A coordinator who joins later finds what waited in /pending (it lists their scope, not what
they were told), and the day-later reminder goes to whoever is nearest by then.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Translator
from bot.services import coordinator_reach, due, outbox
from bot.services.people_presses import PendingPress
from models import Municipality, Organization, Participant, Region
from models.enums import ParticipantStatus, ScopeLevel

PENDING_REMINDER = "pending-approval-reminder"


class Reach(StrEnum):
    """Who was asked to decide: the person's message names it (registration-pending-*)."""

    organization = "organization"
    municipality = "municipality"
    region = "region"
    admins = "admins"
    nobody = "nobody"  # no coordinator anywhere above and no ADMIN_IDS: it waits in /pending


@dataclass(frozen=True)
class Recipient:
    chat_id: int
    participant_id: int | None
    language: str | None


async def deciders(
    session: AsyncSession,
    person: Participant,
    admin_ids: Sequence[int],
    organization_id: int | None = None,
) -> tuple[Reach, list[Recipient]]:
    """Who decides the person's registration: the nearest coordinators, else the admins
    (at `organization_id`: the one they are about to move to, from /profile)."""
    level, coordinators = await coordinator_reach.nearest_level(
        session, organization_id or person.organization_id, exclude=[person.id]
    )
    if level is not None:
        return Reach(ScopeLevel(level).value), [
            Recipient(c.tg_id or 0, c.id, c.language) for c in coordinators
        ]
    admins = [tg for tg in dict.fromkeys(admin_ids) if tg != person.tg_id]
    if not admins:
        return Reach.nobody, []
    # An admin may have a profile too: then they are addressed in its language.
    profiles = {
        p.tg_id: p
        for p in await session.scalars(select(Participant).where(Participant.tg_id.in_(admins)))
    }
    return Reach.admins, [
        Recipient(tg, profiles[tg].id if tg in profiles else None, _language(profiles.get(tg)))
        for tg in admins
    ]


@dataclass(frozen=True)
class Reviewer:
    """Who decides a waiting registration, as the person is told it: the level and its name."""

    reach: Reach
    organization: str
    municipality: str
    region: str


async def reviewer(
    session: AsyncSession,
    person: Participant,
    admin_ids: Sequence[int],
    organization_id: int | None = None,
) -> Reviewer:
    """Who decides the person's registration now (the same rule as who is told of it)."""
    organization_id = organization_id or person.organization_id
    reach, _ = await deciders(session, person, admin_ids, organization_id)
    names = (
        await session.execute(
            select(Organization, Municipality.name, Region.name)
            .join(Municipality, Municipality.id == Organization.municipality_id)
            .join(Region, Region.id == Municipality.region_id)
            .where(Organization.id == organization_id)
        )
    ).one()
    return Reviewer(reach, names[0].label, names[1], names[2])


def _language(profile: Participant | None) -> str | None:
    return profile.language if profile is not None else None


async def registration_pending(
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    person: Participant,
    admin_ids: Sequence[int],
    occasion: str = "",
) -> Reach:
    """Tell who decides now and plan the day-later reminder; returns who was told.
    `occasion` tells a later wait apart (a move from /profile), whose reminder is its own."""
    reach = await _tell(
        session,
        clock,
        translator,
        person,
        admin_ids,
        "pending-new",
        priority=outbox.Priority.REPLY,
    )
    await due.plan(
        session,
        kind=PENDING_REMINDER,
        due_at=clock.now() + timedelta(days=1),
        payload={"participant_id": person.id},
        now=clock.now(),
        dedup_key=f"{PENDING_REMINDER}:{person.id}{occasion}",
    )
    return reach


async def remind(
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    participant_id: int,
    admin_ids: Sequence[int],
) -> None:
    person = await session.get(Participant, participant_id)
    if person is None or person.status != ParticipantStatus.pending:
        return  # decided (or deleted) meanwhile: nothing to remind
    await _tell(
        session, clock, translator, person, admin_ids, "pending-reminder", dedup="pending-reminder"
    )


async def resolved_by_invite(
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    person: Participant,
    admin_ids: Sequence[int],
) -> None:
    """The registration no longer waits (the person joined through an invite): those who
    were asked to decide it are told, so that nobody looks for it in /pending."""
    await _tell(
        session,
        clock,
        translator,
        person,
        admin_ids,
        "pending-resolved-invite",
        priority=outbox.Priority.REPLY,
        with_button=False,
    )


async def moved_away(
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    person: Participant,
    admin_ids: Sequence[int],
) -> None:
    """A waiting registration moved to another organization (/profile): those asked to
    decide it at the old one are told it no longer waits for them. Called before the move."""
    await _tell(
        session,
        clock,
        translator,
        person,
        admin_ids,
        "pending-moved",
        priority=outbox.Priority.REPLY,
        with_button=False,
    )


async def _tell(
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    person: Participant,
    admin_ids: Sequence[int],
    key: str,
    *,
    priority: int = outbox.Priority.REMINDER,
    dedup: str | None = None,
    with_button: bool = True,
) -> Reach:
    reach, recipients = await deciders(session, person, admin_ids)
    # Admins are told why it came to them, and what fixes that for good.
    full_key = f"{key}-admins" if reach == Reach.admins else key
    for recipient in recipients:
        texts = translator.for_lang(recipient.language or translator.default)
        keyboard = (
            [[outbox.Button(texts("btn-open-pending"), press=PendingPress())]]
            if with_button
            else None
        )
        await outbox.enqueue_text(
            session,
            clock,
            chat_id=recipient.chat_id,
            participant_id=recipient.participant_id,
            text=texts(
                full_key,
                name=person.full_name or "—",
                organization=person.organization.label,
                # A string: Fluent would group the digits of a number (1 234), breaking the command.
                organization_id=str(person.organization_id),
            ),
            keyboard=keyboard,
            priority=priority,
            dedup_key=(
                f"{dedup}:{person.id}:{recipient.participant_id or recipient.chat_id}"
                if dedup
                else None
            ),
        )
    return reach
