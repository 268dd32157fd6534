"""What coordinators do with participants of their scope, and profile edits by the owner."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services import access, catalog
from bot.services.access import Actor
from bot.services.errors import Forbidden, InvalidInput, NotFound
from bot.services.flash import topic_index
from bot.services.flash import withdrawal as flash_withdrawal
from bot.services.registration import parse_capacity, parse_experience, parse_full_name
from models import Organization, Participant, RoleGrant
from models.enums import ParticipantStatus, Role

PAGE_SIZE = 8


@dataclass(frozen=True)
class ParticipantFilter:
    status: ParticipantStatus | None = None
    role: Role | None = None
    organization_id: int | None = None


@dataclass(frozen=True)
class Page:
    items: list[Participant]
    total: int
    page: int
    pages: int


def _scoped(actor: Actor, filters: ParticipantFilter) -> Any:
    query = (
        select(Participant)
        .join(Organization, Organization.id == Participant.organization_id)
        .where(
            access.organization_condition(actor), Participant.status != ParticipantStatus.deleted
        )
    )
    if filters.status is not None:
        query = query.where(Participant.status == filters.status)
    if filters.organization_id is not None:
        query = query.where(Participant.organization_id == filters.organization_id)
    if filters.role is not None:
        has_role = select(RoleGrant.id).where(
            RoleGrant.participant_id == Participant.id, RoleGrant.role == filters.role
        )
        query = query.where(has_role.exists())
    return query


async def list_in_scope(
    session: AsyncSession, actor: Actor, filters: ParticipantFilter, page: int = 0
) -> Page:
    actor.require_coordinator()
    query = _scoped(actor, filters)
    total = int(await session.scalar(select(func.count()).select_from(query.subquery())) or 0)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    rows = await session.scalars(
        query.order_by(Participant.full_name, Participant.id)
        .offset(page * PAGE_SIZE)
        .limit(PAGE_SIZE)
    )
    return Page(list(rows), total, page, pages)


async def get_in_scope(session: AsyncSession, actor: Actor, participant_id: int) -> Participant:
    """A participant the coordinator may see; anyone else's id gets the same 'not found'."""
    actor.require_coordinator()
    participant = await session.scalar(
        _scoped(actor, ParticipantFilter()).where(Participant.id == participant_id)
    )
    if participant is None:
        raise NotFound("error-not-found")
    return participant


async def approve(
    session: AsyncSession, clock: Clock, actor: Actor, participant_id: int
) -> Participant:
    participant = await get_in_scope(session, actor, participant_id)
    if participant.status != ParticipantStatus.pending:
        raise InvalidInput("participants-not-pending")
    participant.status = ParticipantStatus.active
    participant.updated_at = clock.now()
    return participant


async def reject(
    session: AsyncSession, clock: Clock, actor: Actor, participant_id: int
) -> Participant:
    participant = await get_in_scope(session, actor, participant_id)
    if participant.status != ParticipantStatus.pending:
        raise InvalidInput("participants-not-pending")
    participant.status = ParticipantStatus.rejected
    participant.updated_at = clock.now()
    return participant


async def set_mentor(
    session: AsyncSession, clock: Clock, actor: Actor, participant_id: int, *, grant: bool
) -> Participant:
    participant = await get_in_scope(session, actor, participant_id)
    if participant.status != ParticipantStatus.active:
        raise InvalidInput("participants-not-active")
    if grant == participant.has_role(Role.mentor):
        raise InvalidInput("participants-role-unchanged")
    if grant:
        session.add(
            RoleGrant(
                participant_id=participant.id,
                role=Role.mentor,
                granted_by=actor.participant_id,
                created_at=clock.now(),
            )
        )
        if participant.capacity == 0:
            participant.capacity = 1
    else:
        await session.execute(
            delete(RoleGrant).where(
                RoleGrant.participant_id == participant.id, RoleGrant.role == Role.mentor
            )
        )
        # No longer a mentor: their open flash offers go, and those requests move on; their
        # flash sessions go back to the search at the next tick.
        await flash_withdrawal.withdraw_offers(
            session, clock, participant.id, flash_withdrawal.WHY_NOT_MENTOR
        )
        await flash_withdrawal.hand_back_sessions(session, clock, participant.id)
    participant.updated_at = clock.now()
    await session.flush()
    await session.refresh(participant, ["roles"])
    return participant


async def pending_count(session: AsyncSession, actor: Actor) -> int:
    if not actor.is_coordinator:
        return 0
    query = _scoped(actor, ParticipantFilter(status=ParticipantStatus.pending))
    return int(await session.scalar(select(func.count()).select_from(query.subquery())) or 0)


# Profile edits by the owner. Each validates like registration does.

EDITABLE_FIELDS = (
    "full_name",
    "subjects",
    "experience",
    "deficits",
    "expertise",
    "capacity",
    "flash",
    "formats",
)


MENTOR_FIELDS = frozenset({"expertise", "capacity", "flash", "formats"})
MENTEE_FIELDS = frozenset({"deficits"})


def editable_fields(person: Participant) -> list[str]:
    """What the person can change: the teacher's experience, the mentee's and mentor's own."""
    edits = ["full_name", "subjects"]
    if person.category == "teacher":
        edits.append("experience")
    if person.has_role(Role.mentee):
        edits.append("deficits")
    if person.has_role(Role.mentor):
        edits += ["expertise", "capacity", "flash", "formats"]
    return edits


def _check_role(person: Participant, field: str) -> None:
    """A mentor's field only for a mentor, a mentee's only for a mentee (a role lost since)."""
    if field in MENTOR_FIELDS and not person.has_role(Role.mentor):
        raise Forbidden("error-not-mentor")
    if field in MENTEE_FIELDS and not person.has_role(Role.mentee):
        raise Forbidden("error-not-mentee")


def check_editable(person: Participant, field: str) -> None:
    """A field the person's card does not offer (forged, or a role lost since) is refused."""
    _check_role(person, field)
    if field not in editable_fields(person):
        raise InvalidInput("error-stale-button")


async def update_profile(
    session: AsyncSession, clock: Clock, participant: Participant, field: str, value: Any
) -> Participant:
    """Set one field, the card's or the language (chosen by /language, not on the card)."""
    _check_role(participant, field)
    if field == "full_name":
        participant.full_name = parse_full_name(value)
    elif field == "experience":
        participant.experience_years = parse_experience(str(value))
    elif field == "subjects":
        participant.subjects = catalog.valid_keys(catalog.SUBJECTS, list(value))
        await topic_index.sync_profile(
            session, participant.id, participant.subjects, participant.expertise
        )
    elif field == "deficits":
        participant.deficits = catalog.valid_keys(catalog.DEFICITS, list(value))
    elif field == "expertise":
        participant.expertise = catalog.valid_keys(catalog.DEFICITS, list(value))
        await topic_index.sync_profile(
            session, participant.id, participant.subjects, participant.expertise
        )
    elif field == "capacity":
        participant.capacity = parse_capacity(value)
    elif field == "flash":
        was_available = participant.flash_available
        participant.flash_available = bool(value)
        if was_available and not participant.flash_available:
            await flash_withdrawal.withdraw_offers(
                session, clock, participant.id, flash_withdrawal.WHY_UNAVAILABLE
            )
    elif field == "formats":
        formats = catalog.valid_keys(catalog.FORMATS, list(value))
        if not formats:
            raise InvalidInput("registration-formats-empty")
        participant.formats = formats
    elif field == "language":
        participant.language = str(value)
    else:
        raise InvalidInput("error-unknown-field")
    participant.updated_at = clock.now()
    await session.flush()
    return participant
