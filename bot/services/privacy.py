"""Personal data (152-ФЗ): export of everything kept about a person, and erasure."""

from __future__ import annotations

import json
import re
from typing import Any

from sqlalchemy import Text, cast, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services.surveys import personal as survey_personal
from models import (
    ConsentEvent,
    DueTask,
    FsmRecord,
    Invite,
    Meeting,
    MeetingAttendee,
    Mentorship,
    MentorshipMentee,
    Organization,
    OutboxMessage,
    Participant,
    PendingInvite,
    RoleGrant,
)
from models.broadcast import Announcement, EventRsvp
from models.enums import DueTaskStatus, OutboxStatus, ParticipantStatus
from models.flash import FlashMentorProfile, FlashRating, FlashRequest
from models.mentorship import DevelopmentGoal, MentorshipFeedback


async def export_personal_data(session: AsyncSession, participant: Participant) -> dict[str, Any]:
    org = await session.get(Organization, participant.organization_id)
    assert org is not None  # a foreign key
    consents = await session.scalars(
        select(ConsentEvent)
        .where(ConsentEvent.participant_id == participant.id)
        .order_by(ConsentEvent.at)
    )
    return {
        "participant": {
            "id": participant.id,
            "telegram_id": participant.tg_id,
            "full_name": participant.full_name,
            "category": participant.category,
            "status": participant.status,
            "language": participant.language,
            "organization": {"id": org.id, "name": org.name},
            "subjects": participant.subjects,
            "experience_years": participant.experience_years,
            "deficits": participant.deficits,
            "expertise": participant.expertise,
            "capacity": participant.capacity,
            "flash_available": participant.flash_available,
            "formats": participant.formats,
            "created_at": participant.created_at.isoformat(),
            "updated_at": participant.updated_at.isoformat(),
        },
        "roles": [
            {
                "role": g.role,
                "scope_level": g.scope_level,
                "scope_id": g.scope_id,
                "since": g.created_at.isoformat(),
            }
            for g in participant.roles
        ],
        "consents": [
            {"action": c.action, "version": c.version, "at": c.at.isoformat()} for c in consents
        ],
        # What the features keep about the person, each in its own section.
        **await _activity(session, participant.id),
        **await survey_personal.export_personal_data(session, participant.id),
    }


def _at(moment: Any) -> str | None:
    return moment.isoformat() if moment is not None else None


async def _activity(session: AsyncSession, pid: int) -> dict[str, Any]:
    """Mentorships, meetings, flash requests, ratings, feedback and event answers: what the
    person asked, wrote or took part in."""
    mentee_of = select(MentorshipMentee.mentorship_id).where(MentorshipMentee.participant_id == pid)
    mentorships = list(
        await session.scalars(
            select(Mentorship)
            .where((Mentorship.mentor_id == pid) | Mentorship.id.in_(mentee_of))
            .order_by(Mentorship.id)
        )
    )
    attended = select(MeetingAttendee.meeting_id).where(MeetingAttendee.participant_id == pid)
    meetings = list(
        await session.scalars(
            select(Meeting)
            .where((Meeting.mentor_id == pid) | Meeting.id.in_(attended))
            .order_by(Meeting.held_on, Meeting.id)
        )
    )
    requests = await session.scalars(
        select(FlashRequest).where(FlashRequest.requester_id == pid).order_by(FlashRequest.id)
    )
    ratings = await session.scalars(
        select(FlashRating).where(FlashRating.rater_id == pid).order_by(FlashRating.id)
    )
    feedback = await session.scalars(
        select(MentorshipFeedback)
        .where(MentorshipFeedback.participant_id == pid)
        .order_by(MentorshipFeedback.id)
    )
    rsvps = await session.scalars(
        select(EventRsvp).where(EventRsvp.participant_id == pid).order_by(EventRsvp.id)
    )
    profile = await session.get(FlashMentorProfile, pid)
    goals = await session.scalars(
        select(DevelopmentGoal)
        .where(DevelopmentGoal.mentorship_id.in_([m.id for m in mentorships]))
        .order_by(DevelopmentGoal.mentorship_id, DevelopmentGoal.id)
    )
    return {
        "mentorships": [
            {
                "id": m.id,
                "as": "mentor" if m.mentor_id == pid else "mentee",
                "form": m.form,
                "status": m.status,
                "started_on": _at(m.started_on),
                "ended_at": _at(m.ended_at),
            }
            for m in mentorships
        ],
        "meetings": [
            {
                "id": m.id,
                "held_on": m.held_on.isoformat(),
                "duration_minutes": m.duration_minutes,
                "format": m.format,
                "topic": m.topic,
                "outcome": m.outcome,
                # A mentee's own answer: confirmed or disputed.
                "my_answer": next((a.answer for a in m.attendees if a.participant_id == pid), None),
            }
            for m in meetings
        ],
        "development_plans": [
            {
                "mentorship": g.mentorship_id,
                "goal": g.title,
                "steps": [
                    {"title": s.title, "due_on": s.due_on.isoformat(), "done_at": _at(s.done_at)}
                    for s in g.steps
                ],
            }
            for g in goals
        ],
        "mentorship_feedback": [
            {"mentorship": f.mentorship_id, "rating": f.rating, "comment": f.comment}
            for f in feedback
        ],
        "flash_requests": [
            {
                "id": r.id,
                "topic": r.topic,
                "description": r.description,
                "format": r.format,
                "status": r.status,
                "created_at": _at(r.created_at),
            }
            for r in requests
        ],
        "flash_ratings_given": [
            {"request": r.request_id, "score": r.score, "comment": r.comment} for r in ratings
        ],
        "flash_profile": {"notes": profile.notes} if profile is not None else None,
        "event_answers": [
            {"event": r.event_id, "answer": r.answer, "attended": r.attended} for r in rsvps
        ],
    }


async def delete_account(session: AsyncSession, clock: Clock, participant: Participant) -> None:
    """Erase personal data, keep an anonymous row (category, organization) for aggregates.

    The participant row's part of account deletion: ``account_deletion.delete_account`` runs
    it together with every feature's cleanup.

    Also drops conversation state, queued messages and due work addressed to the person, as
    withdrawing consent requires.
    """
    tg_id = participant.tg_id
    now = clock.now()
    session.add(
        ConsentEvent(
            participant_id=participant.id,
            action="withdrawn",
            version=participant.consent_version or "",
            at=now,
        )
    )
    participant.tg_id = None
    participant.full_name = None
    participant.subjects = []
    participant.experience_years = None
    participant.deficits = []
    participant.expertise = []
    participant.formats = []
    participant.capacity = 0
    participant.flash_available = False
    participant.status = ParticipantStatus.deleted
    participant.updated_at = now
    await session.execute(delete(RoleGrant).where(RoleGrant.participant_id == participant.id))
    await survey_personal.erase_personal_data(session, participant.id)
    await session.execute(
        update(Invite).where(Invite.created_by == participant.id).values(revoked=True)
    )
    if tg_id is not None:
        await _forget_telegram_id(session, tg_id)
    # Their announcements' delivery reports were edited in their chat: no chat to keep.
    await session.execute(
        update(Announcement)
        .where(Announcement.author_id == participant.id)
        .values(report_chat_id=None)
    )
    await session.execute(
        update(DueTask)
        .where(
            DueTask.status == DueTaskStatus.pending,
            DueTask.payload["participant_id"].as_integer() == participant.id,
        )
        .values(status=DueTaskStatus.cancelled)
    )
    await session.flush()


async def _forget_telegram_id(session: AsyncSession, tg_id: int) -> None:
    """No row keeps the person's Telegram id: what was queued for them is dropped, and what
    was sent to them, or to others showing their id, keeps neither its text nor the id. A row
    being sent this second is scrubbed too: the sender holds its own copy of the call and
    writes back only the outcome.
    """
    await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.chat_id == tg_id, OutboxMessage.status == OutboxStatus.pending)
        .values(status=OutboxStatus.cancelled)
    )
    await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.chat_id == tg_id)
        .values(params={}, chat_id=0, last_error=None)
    )
    # Rows to others whose call shows the id: a copy relayed from their chat, a link to their
    # account. (The LIKE narrows; the check below wants the whole number, not a part of one.)
    link = f"tg://user?id={tg_id}"
    shows_link = re.compile(rf"{re.escape(link)}(?!\d)")
    candidates = await session.execute(
        select(OutboxMessage.id, OutboxMessage.status, OutboxMessage.params).where(
            or_(
                OutboxMessage.params["from_chat_id"].as_integer() == tg_id,
                cast(OutboxMessage.params, Text).contains(link),
            )
        )
    )
    for row_id, status, params in candidates.all():
        if params.get("from_chat_id") != tg_id and not shows_link.search(json.dumps(params)):
            continue
        values: dict[str, Any] = {"params": {}, "last_error": None}
        if status == OutboxStatus.pending:
            values["status"] = OutboxStatus.cancelled  # a copy or a contact of someone who has left
        await session.execute(
            update(OutboxMessage).where(OutboxMessage.id == row_id).values(**values)
        )
    await session.execute(delete(FsmRecord).where(FsmRecord.key.contains(f":{tg_id}:")))
    await session.execute(delete(PendingInvite).where(PendingInvite.tg_id == tg_id))
