"""Candidate mentors for a mentee (or a group), ranked by the flash ranking core.

The mentees' deficits and subjects become ``FlashQuery``s, one per deficit: the topic is that
deficit as a catalog key (``deficit:<key>``), the description lists every deficit and subject
key of the mentees, and each mentor's expertise and subject keys are their text. So a mentor
is related when their expertise covers a deficit or they teach the same subject; the ranking prefers
the same school, then the municipality, then free capacity. Mentors already paired with one of
the mentees, full mentors and the mentees themselves are never suggested.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import access, catalog
from bot.services.access import Actor
from bot.services.errors import NotFound
from bot.services.flash.ranking import (
    FlashQuery,
    MentorCandidate,
    RankedMentor,
    Reason,
    rank_mentors,
)
from bot.services.mentorship import pairs
from models import Municipality, Organization, Participant, RoleGrant
from models.enums import ParticipantStatus, Role
from models.mentorship import Mentorship, MentorshipMentee

SUGGESTIONS = 5


@dataclass(frozen=True)
class Suggestion:
    mentor: Participant
    load: int
    reasons: tuple[Reason, ...]


def queries_for(
    mentees: list[Participant], organization: Organization, region_id: int
) -> list[FlashQuery]:
    """One query per deficit (the topic), all sharing the description of every need."""
    deficits = catalog.valid_keys(catalog.DEFICITS, [d for m in mentees for d in m.deficits])
    subjects = catalog.valid_keys(catalog.SUBJECTS, [s for m in mentees for s in m.subjects])
    return [
        FlashQuery(
            requester_id=mentees[0].id,
            topic=f"deficit:{deficit}" if deficit else "",
            description=" ".join([*deficits, *subjects]),
            format="any",
            organization_id=organization.id,
            municipality_id=organization.municipality_id,
            region_id=region_id,
        )
        for deficit in deficits or [""]
    ]


def candidate_for(
    mentor: Participant, municipality_id: int, region_id: int, load: int
) -> MentorCandidate:
    return MentorCandidate(
        participant_id=mentor.id,
        organization_id=mentor.organization_id,
        municipality_id=municipality_id,
        region_id=region_id,
        expertise=frozenset(f"deficit:{key}" for key in mentor.expertise),
        expertise_text=" ".join([*mentor.expertise, *mentor.subjects]),
        formats=frozenset(mentor.formats or ("online", "offline")),
        # The flag is about flash requests; a long-term pair does not depend on it.
        flash_available=True,
        active_load=load,
        capacity=mentor.capacity,
        rating_avg=None,
        rating_count=0,
        blocked=mentor.bot_blocked,
    )


async def suggest(
    session: AsyncSession, actor: Actor, mentee_ids: list[int], limit: int = SUGGESTIONS
) -> list[Suggestion]:
    actor.require_coordinator()
    mentees = []
    for pid in mentee_ids:
        person = await session.get(Participant, pid)
        if person is None or not await access.covers_organization(
            session, actor, person.organization_id
        ):
            raise NotFound("error-not-found")
        mentees.append(person)
    if not mentees:
        return []
    organization = await session.get(Organization, mentees[0].organization_id)
    assert organization is not None  # a foreign key
    region_id = await session.scalar(
        select(Municipality.region_id).where(Municipality.id == organization.municipality_id)
    )
    assert region_id is not None
    paired = (
        select(Mentorship.mentor_id)
        .join(MentorshipMentee, MentorshipMentee.mentorship_id == Mentorship.id)
        .where(
            MentorshipMentee.participant_id.in_(mentee_ids),
            Mentorship.status.in_(pairs.CURRENT),
        )
    )
    load = pairs.load_expression(Participant.id)
    rows = await session.execute(
        select(Participant, Organization.municipality_id, load)
        .join(Organization, Organization.id == Participant.organization_id)
        .join(Municipality, Municipality.id == Organization.municipality_id)
        .where(
            Municipality.region_id == region_id,
            Participant.status == ParticipantStatus.active,
            Participant.id.not_in(mentee_ids),
            Participant.id.not_in(paired),
            exists().where(
                RoleGrant.participant_id == Participant.id, RoleGrant.role == Role.mentor
            ),
        )
    )
    people: dict[int, tuple[Participant, int]] = {}
    candidates = []
    for mentor, municipality_id, mentor_load in rows.all():
        people[mentor.id] = (mentor, int(mentor_load))
        candidates.append(candidate_for(mentor, municipality_id, region_id, int(mentor_load)))
    # A mentor covering any one of the deficits earns the topic bonus: keep each mentor's
    # best ranking over the deficits.
    best: dict[int, RankedMentor] = {}
    for query in queries_for(mentees, organization, region_id):
        for ranked in rank_mentors(query, candidates, limit=limit * 3):
            seen = best.get(ranked.participant_id)
            if seen is None or ranked.score > seen.score:
                best[ranked.participant_id] = ranked
    top = sorted(best.values(), key=lambda r: (-r.score, r.participant_id))[:limit]
    return [
        Suggestion(people[r.participant_id][0], people[r.participant_id][1], r.reasons) for r in top
    ]
