"""Registration: validating what a person types and creating the participant after consent."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services import catalog, directory, invites
from bot.services.errors import Forbidden, InvalidInput, NotFound
from bot.services.flash import topic_index
from bot.services.numbers import parse_int
from models import ConsentEvent, Invite, Organization, Participant, RoleGrant
from models.enums import Category, ParticipantStatus, Role

NAME_MAX = 120
# Letters of any script, with the spaces, hyphens, apostrophes and dots of real names.
_NAME_RE = re.compile(r"^[^\W\d_]+(?:[ .'’\-][^\W\d_]*)*$")


def parse_full_name(text: str | None) -> str:
    name = " ".join((text or "").split())
    if not name:
        raise InvalidInput("registration-name-empty")
    if len(name) > NAME_MAX:
        raise InvalidInput("registration-name-too-long", max=NAME_MAX)
    if not _NAME_RE.match(name) or sum(ch.isalpha() for ch in name) < 2:
        raise InvalidInput("registration-name-invalid")
    return name


def parse_experience(text: str | None) -> int:
    raw = (text or "").strip()
    years = parse_int(raw.removeprefix("-"), high=9999)
    if years is None:
        raise InvalidInput("registration-experience-not-number")
    if raw.startswith("-") or years > catalog.MAX_EXPERIENCE_YEARS:  # a number, out of range
        raise InvalidInput("registration-experience-range", max=catalog.MAX_EXPERIENCE_YEARS)
    return years


def parse_capacity(value: int | str) -> int:
    capacity = value if isinstance(value, int) else parse_int(value, high=catalog.MAX_CAPACITY)
    if capacity is None or not 1 <= capacity <= catalog.MAX_CAPACITY:
        raise InvalidInput("registration-capacity-range", max=catalog.MAX_CAPACITY)
    return capacity


@dataclass
class RegistrationDraft:
    """What the conversation collected; it becomes a Participant in one transaction."""

    consent_version: str
    consent_at: datetime
    language: str
    full_name: str
    category: Category
    organization_id: int
    role: Role
    invite_id: int | None = None
    subjects: list[str] = field(default_factory=list)
    experience_years: int | None = None
    deficits: list[str] = field(default_factory=list)
    expertise: list[str] = field(default_factory=list)
    capacity: int = 0
    flash_available: bool = False
    formats: list[str] = field(default_factory=list)


async def find_by_tg(session: AsyncSession, tg_id: int) -> Participant | None:
    return await session.scalar(select(Participant).where(Participant.tg_id == tg_id))


async def register(
    session: AsyncSession, clock: Clock, tg_id: int, draft: RegistrationDraft
) -> Participant:
    if await find_by_tg(session, tg_id) is not None:
        raise InvalidInput("registration-already")
    if await session.get(Organization, draft.organization_id) is None:
        raise NotFound("error-not-found")
    invite = None
    if draft.invite_id is not None:
        invite = await invites.check_invite_by_id(session, clock, draft.invite_id)
        await _check_invite_organization(session, invite, draft.organization_id)
    if draft.category == Category.student and not (invite and invite.parental_consent_confirmed):
        raise Forbidden("registration-minor-needs-invite")
    now = clock.now()
    participant = Participant(
        tg_id=tg_id,
        language=draft.language,
        status=ParticipantStatus.active if invite else ParticipantStatus.pending,
        category=draft.category,
        organization_id=draft.organization_id,
        full_name=parse_full_name(draft.full_name),
        subjects=catalog.valid_keys(catalog.SUBJECTS, draft.subjects),
        experience_years=draft.experience_years,
        consent_version=draft.consent_version,
        consent_at=draft.consent_at,
        created_at=now,
        updated_at=now,
    )
    _apply_role_profile(participant, draft)
    session.add(participant)
    await session.flush()
    await topic_index.sync_profile(
        session, participant.id, participant.subjects, participant.expertise
    )
    if invite is not None:
        await invites.consume_invite(session, clock, invite.id)
        session.add_all(_invite_grants(participant, invite, now))
    else:
        session.add(RoleGrant(participant_id=participant.id, role=draft.role, created_at=now))
    # Registered (with the invite or without one): nothing is pending for this person now.
    await invites.forget_pending(session, tg_id)
    session.add(
        ConsentEvent(
            participant_id=participant.id,
            action="given",
            version=draft.consent_version,
            at=draft.consent_at,
        )
    )
    await session.flush()
    await session.refresh(participant, ["roles", "organization"])
    return participant


async def join_by_invite(
    session: AsyncSession, clock: Clock, participant: Participant, invite: Invite
) -> Participant:
    """A registration still waiting for approval, upgraded by a valid invite: the invite's
    organization, category and role apply, and the person is active, as if they had
    registered through it. (Opening the invite link again after a plain /start.)"""
    if participant.status != ParticipantStatus.pending:
        raise InvalidInput("registration-already")
    invite = await invites.check_invite_by_id(session, clock, invite.id)
    # A municipal or regional coordinator's invite names no organization: theirs stays.
    organization_id = invite.organization_id or participant.organization_id
    await _check_invite_organization(session, invite, organization_id)
    await invites.consume_invite(session, clock, invite.id)
    now = clock.now()
    participant.organization_id = organization_id
    if invite.category:
        participant.category = invite.category
    if invite.role == Role.mentor and participant.capacity == 0:
        participant.capacity = 1  # as when a coordinator grants the mentor role
    # The roles chosen when registering give way to the invite's (flushed first: the new
    # grant may be the same role, and the pair is unique).
    participant.roles.clear()
    await session.flush()
    session.add_all(_invite_grants(participant, invite, now))
    participant.status = ParticipantStatus.active
    participant.updated_at = now
    if participant.tg_id is not None:
        await invites.forget_pending(session, participant.tg_id)
    await session.flush()
    await session.refresh(participant, ["roles", "organization"])
    return participant


async def _check_invite_organization(
    session: AsyncSession, invite: Invite, organization_id: int
) -> None:
    """The organization a person joins through an invite is the invite's, or, for a
    municipal or regional coordinator's invite, one inside that scope."""
    if invite.organization_id not in (None, organization_id):
        raise Forbidden("invite-not-found")
    scope = invites.invite_scope(invite)
    if invite.organization_id is None and scope is not None:
        inside = await directory.list_municipalities(session, scope)
        org = await session.get(Organization, organization_id)
        if org is None or org.municipality_id not in {m.id for m in inside}:
            raise Forbidden("error-out-of-scope")


def _invite_grants(participant: Participant, invite: Invite, now: datetime) -> list[RoleGrant]:
    """The roles an invite gives: a coordinator's scope, or the mentee or mentor role."""
    scope = invites.invite_scope(invite)
    if invite.role == Role.coordinator and scope is not None:
        return [
            RoleGrant(
                participant_id=participant.id,
                role=Role.coordinator,
                scope_level=scope.level,
                scope_id=scope.id,
                granted_by=invite.created_by,
                created_at=now,
            )
        ]
    return [RoleGrant(participant_id=participant.id, role=invite.role, created_at=now)]


def _apply_role_profile(participant: Participant, draft: RegistrationDraft) -> None:
    if draft.role == Role.mentor:
        participant.expertise = catalog.valid_keys(catalog.DEFICITS, draft.expertise)
        participant.capacity = parse_capacity(draft.capacity)
        participant.flash_available = draft.flash_available
        participant.formats = catalog.valid_keys(catalog.FORMATS, draft.formats)
    elif draft.role == Role.mentee:
        participant.deficits = catalog.valid_keys(catalog.DEFICITS, draft.deficits)
