"""Moving to another organization from /profile, keeping the account: the new organization's
coordinator approves the person again (they are pending there, the request routed as a new
registration's: bot.services.pending_notices), and what belonged to the old one ends.

Told before confirming (`preview`): current pairs and groups end as when a member leaves (the
others are told it was a move), open flash requests are cancelled and flash sessions as a
mentor go back to the search, as when the mentor role is taken away. Roles, subjects and the
rest of the profile stay. A coordinator's scope is tied to the old place: an administrator
moves a coordinator (`mentorbot admin`), so they are refused here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Translator
from bot.services import pending_notices
from bot.services.errors import Forbidden, InvalidInput, NotFound
from bot.services.flash import lifecycle, withdrawal
from bot.services.flash.config import FlashEnv
from bot.services.flash.states import FINAL, SESSION, S
from bot.services.mentorship import pairs
from bot.services.pending_notices import Reach, Reviewer
from models import Organization, Participant
from models.enums import ParticipantStatus, Role
from models.flash import FlashRequest
from models.mentorship import Mentorship, MentorshipMentee

MOVABLE = (ParticipantStatus.active, ParticipantStatus.pending)


@dataclass(frozen=True)
class Preview:
    organization: Organization
    pairs: int  # current pairs and groups that end (or go on without the person)
    requests: int  # own flash requests still open: cancelled
    sessions: int  # flash sessions as a mentor: back to the search
    reviewer: Reviewer  # who approves the person at the new organization


def _check(person: Participant, organization: Organization | None) -> Organization:
    if organization is None:
        raise NotFound("error-not-found")
    if person.status not in MOVABLE:
        raise InvalidInput("org-change-not-now")
    if organization.id == person.organization_id:
        raise InvalidInput("org-change-same")
    if person.has_role(Role.coordinator):
        raise Forbidden("org-change-coordinator")
    return organization


async def _count(session: AsyncSession, query: Any) -> int:
    return int(await session.scalar(query) or 0)


async def preview(
    session: AsyncSession, person: Participant, organization_id: int, admin_ids: Sequence[int]
) -> Preview:
    organization = _check(person, await session.get(Organization, organization_id))
    mentee_of = select(MentorshipMentee.mentorship_id).where(
        MentorshipMentee.participant_id == person.id
    )
    current = await _count(
        session,
        select(func.count(Mentorship.id)).where(
            Mentorship.status.in_(pairs.CURRENT),
            or_(Mentorship.mentor_id == person.id, Mentorship.id.in_(mentee_of)),
        ),
    )
    requests = await _count(
        session,
        select(func.count(FlashRequest.id)).where(
            FlashRequest.requester_id == person.id, FlashRequest.status.not_in(FINAL)
        ),
    )
    sessions = await _count(
        session,
        select(func.count(FlashRequest.id)).where(
            FlashRequest.mentor_id == person.id, FlashRequest.status.in_(SESSION)
        ),
    )
    who = await pending_notices.reviewer(session, person, admin_ids, organization.id)
    return Preview(organization, current, requests, sessions, who)


async def move(
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    settings: Any,
    person: Participant,
    organization_id: int,
) -> Reach:
    """Move the person and ask the new organization's nearest decider; returns who that is."""
    organization = _check(person, await session.get(Organization, organization_id))
    if person.status == ParticipantStatus.pending:  # those asked at the old place let go
        await pending_notices.moved_away(session, clock, translator, person, settings.admin_ids)
    await pairs.participant_left(session, clock, translator, person.id, moved=True)
    env = FlashEnv.of(session, clock, translator, settings)
    own = await session.scalars(
        select(FlashRequest).where(
            FlashRequest.requester_id == person.id, FlashRequest.status.not_in(FINAL)
        )
    )
    for request in list(own):  # as if they cancelled it: the mentors are told
        await lifecycle.close(env, request, S.cancelled, actor_id=person.id, reason="requester")
    await withdrawal.withdraw_offers(session, clock, person.id, withdrawal.WHY_UNAVAILABLE)
    await withdrawal.hand_back_sessions(session, clock, person.id)
    person.organization_id = organization.id
    person.status = ParticipantStatus.pending
    person.updated_at = clock.now()
    await session.flush()
    await session.refresh(person, ["organization", "roles"])
    return await pending_notices.registration_pending(
        session,
        clock,
        translator,
        person,
        settings.admin_ids,
        occasion=f":moved:{clock.now().isoformat()}",
    )
