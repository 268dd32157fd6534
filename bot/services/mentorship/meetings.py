"""The meeting log: a mentor records a session, the mentees confirm or dispute it.

Rules: a meeting is logged by the mentor of an active mentorship, for a date that is not in
the future, not before the mentorship started and not older than the log window (in the pair's
region); it lasts 5–600 minutes.
The mentor may edit or delete the entry for ``EDIT_WINDOW`` after logging it; then it is
locked. Every change (also a mentee's answer and a coordinator's decision on a dispute) is kept
as a ``MeetingRevision`` with the old and new values. Deleting is a status, never a DELETE.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Translator
from bot.services import access, due, numbers
from bot.services.access import Actor
from bot.services.errors import Forbidden, InvalidInput, NotFound
from bot.services.mentorship import meeting_notices, pairs
from bot.settings import Settings
from models import Organization, Participant
from models.enums import MeetingFormat, MeetingStatus, MentoringForm, MentorshipStatus
from models.mentorship import Meeting, MeetingAttendee, MeetingRevision, Mentorship

# How far back a meeting may be logged by default (the bot passes Settings.meeting_log_window_days).
LOG_WINDOW_DAYS = 30
EDIT_WINDOW = timedelta(days=7)
MIN_DURATION, MAX_DURATION = numbers.MEETING_MINUTES
TOPIC_MIN, TOPIC_MAX = 2, 300
OUTCOME_MAX = 2000
DISPUTE_REASON_MAX = 500  # what is wrong with the entry, in a sentence or two
ANSWER_REMINDER = "meeting-answer-reminder"
ANSWER_REMINDER_AFTER = timedelta(days=3)
EDITABLE_FIELDS = ("held_on", "duration_minutes", "format", "topic", "outcome", "attendees")
# Every status but deleted.
COUNTED = (MeetingStatus.logged, MeetingStatus.confirmed, MeetingStatus.disputed)


def log_window_days(settings: Settings) -> int:
    return settings.meeting_log_window_days


# --- parsing what a tired teacher types ------------------------------------------------------

_HOURS = re.compile(r"^([0-9]{1,2})(?:[.,]([0-9]{1,2}))?\s*(?:ч|час|часа|часов|h|hours?)$")
_HM = re.compile(r"^([0-9]{1,2}):([0-9]{2})$")
_MINUTES = re.compile(r"^([0-9]{1,5})\s*(?:мин|минут|минуты|минута|m|min|minutes?)?\.?$")


def parse_duration(text: str | None) -> int:
    """Minutes from "60", "90 мин", "1:30", "1,5 ч" or "2 h"; validated."""
    value = (text or "").strip().lower()
    minutes: int | None = None
    if match := _MINUTES.match(value):
        minutes = int(match.group(1))
    elif match := _HM.match(value):
        minutes = int(match.group(1)) * 60 + int(match.group(2))
    elif match := _HOURS.match(value):
        fraction = match.group(2) or "0"
        minutes = round((int(match.group(1)) + int(fraction) / 10 ** len(fraction)) * 60)
    if minutes is None:
        raise InvalidInput("meeting-bad-duration", min=MIN_DURATION, max=MAX_DURATION)
    check_duration(minutes)
    return minutes


def check_duration(minutes: int) -> None:
    if not MIN_DURATION <= minutes <= MAX_DURATION:
        raise InvalidInput("meeting-bad-duration", min=MIN_DURATION, max=MAX_DURATION)


def earliest_day(today: date, window_days: int, started_on: date | None = None) -> date:
    """The oldest date a meeting may carry: the log window's edge, or the day the mentorship
    started if that is later (no meeting of a pair can predate the pair)."""
    oldest = today - timedelta(days=window_days)
    return max(oldest, started_on) if started_on is not None else oldest


def check_held_on(
    held_on: date, today: date, window_days: int, started_on: date | None = None
) -> None:
    if held_on > today:
        raise InvalidInput("meeting-date-future")
    edge = today - timedelta(days=window_days)
    if held_on >= earliest_day(today, window_days, started_on):
        return
    # Name the limit that binds: the start when it is within the window, else the window.
    if started_on is not None and started_on > edge:
        raise InvalidInput("meeting-date-before-start", start=started_on.strftime("%d.%m.%Y"))
    raise InvalidInput("meeting-date-too-old", days=window_days)


def parse_topic(text: str | None) -> str:
    topic = " ".join((text or "").split())
    if not TOPIC_MIN <= len(topic) <= TOPIC_MAX:
        raise InvalidInput("meeting-bad-topic", min=TOPIC_MIN, max=TOPIC_MAX)
    return topic


def parse_outcome(text: str | None) -> str | None:
    outcome = (text or "").strip()
    if len(outcome) > OUTCOME_MAX:
        raise InvalidInput("error-text-too-long", max=OUTCOME_MAX)
    return outcome or None


def parse_dispute_reason(text: str | None) -> str:
    """Why a mentee disputes an entry: free text, one message, bounded."""
    reason = " ".join((text or "").split())
    if not reason:
        raise InvalidInput("meeting-dispute-reason-empty")
    if len(reason) > DISPUTE_REASON_MAX:
        raise InvalidInput("error-text-too-long", max=DISPUTE_REASON_MAX)
    return reason


def check_format(value: str) -> str:
    if value not in {f.value for f in MeetingFormat}:
        raise InvalidInput("error-stale-button")
    return value


# --- logging ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingDraft:
    mentorship_id: int
    held_on: date
    duration_minutes: int
    format: str
    topic: str
    outcome: str | None
    attendee_ids: tuple[int, ...]


async def mentorship_for_logging(
    session: AsyncSession, actor: Actor, mentorship_id: int
) -> Mentorship:
    """An active mentorship of which the actor is the mentor."""
    mentorship = await session.get(Mentorship, mentorship_id)
    if mentorship is None:
        raise NotFound("error-not-found")
    if mentorship.mentor_id != actor.participant_id:
        raise Forbidden("meeting-not-your-mentorship")
    if mentorship.status != MentorshipStatus.active:
        raise InvalidInput("mentorship-not-active")
    return mentorship


def check_attendees(mentorship: Mentorship, attendee_ids: tuple[int, ...] | list[int]) -> None:
    chosen = set(attendee_ids)
    if not chosen:
        raise InvalidInput("meeting-no-attendees")
    if not chosen <= set(pairs.mentee_ids(mentorship)):
        raise InvalidInput("error-stale-button")


def default_attendees(mentorship: Mentorship) -> list[int]:
    return pairs.mentee_ids(mentorship)


def asks_attendees(mentorship: Mentorship) -> bool:
    """Whether the wizard asks who was present: only when there is a choice to make."""
    return len(mentorship.mentees) > 1 or mentorship.form == MentoringForm.group


async def log(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    draft: MeetingDraft,
    translator: Translator,
    *,
    window_days: int = LOG_WINDOW_DAYS,
) -> Meeting:
    mentorship = await mentorship_for_logging(session, actor, draft.mentorship_id)
    mentor = await session.get(Participant, mentorship.mentor_id)
    assert mentor is not None  # a foreign key
    today = await pairs.local_today(session, clock, mentorship.organization_id)
    check_held_on(draft.held_on, today, window_days, mentorship.started_on)
    check_duration(draft.duration_minutes)
    check_format(draft.format)
    topic = parse_topic(draft.topic)
    outcome = parse_outcome(draft.outcome)
    check_attendees(mentorship, draft.attendee_ids)
    organization = await session.get(Organization, mentor.organization_id)
    assert organization is not None
    # A pair of another school than the mentor's (network, or formed across schools): its
    # school counts the meeting too (see meeting_totals).
    pair_organization = None
    if mentorship.organization_id != organization.id:
        pair_organization = await session.get(Organization, mentorship.organization_id)
    now = clock.now()
    meeting = Meeting(
        mentorship_id=mentorship.id,
        mentor_id=mentor.id,
        organization_id=organization.id,
        municipality_id=organization.municipality_id,
        pair_organization_id=pair_organization.id if pair_organization else None,
        pair_municipality_id=pair_organization.municipality_id if pair_organization else None,
        held_on=draft.held_on,
        duration_minutes=draft.duration_minutes,
        format=draft.format,
        topic=topic,
        outcome=outcome,
        status=MeetingStatus.logged,
        created_by=mentor.id,
        created_at=now,
        updated_at=now,
    )
    meeting.attendees = [
        MeetingAttendee(participant_id=pid) for pid in sorted(set(draft.attendee_ids))
    ]
    session.add(meeting)
    await session.flush()
    revision = _revision(meeting, actor, "created", _snapshot(meeting), now)
    session.add(revision)
    await session.flush()
    await meeting_notices.ask_attendees(session, clock, translator, meeting, revision.id)
    await _plan_answer_reminder(session, clock, meeting, revision.id)
    return meeting


def _snapshot(meeting: Meeting) -> dict[str, Any]:
    return {
        "held_on": meeting.held_on.isoformat(),
        "duration_minutes": meeting.duration_minutes,
        "format": meeting.format,
        "topic": meeting.topic,
        "outcome": meeting.outcome,
        "attendees": sorted(a.participant_id for a in meeting.attendees),
    }


def _revision(
    meeting: Meeting, actor: Actor, action: str, changes: dict[str, Any], at: datetime
) -> MeetingRevision:
    return MeetingRevision(
        meeting_id=meeting.id, actor_id=actor.participant_id, action=action, changes=changes, at=at
    )


async def _plan_answer_reminder(
    session: AsyncSession, clock: Clock, meeting: Meeting, revision_id: int
) -> None:
    await due.plan(
        session,
        kind=ANSWER_REMINDER,
        due_at=clock.now() + ANSWER_REMINDER_AFTER,
        payload={"meeting_id": meeting.id, "revision_id": revision_id},
        now=clock.now(),
        dedup_key=f"{ANSWER_REMINDER}:{meeting.id}:{revision_id}",
    )


# --- reading ---------------------------------------------------------------------------------


async def _lock(session: AsyncSession, meeting_id: int) -> Meeting:
    """Write-lock the meeting row first, then read it fresh (see pairs._lock)."""
    await session.execute(
        update(Meeting)
        .where(Meeting.id == meeting_id)
        .values(status=Meeting.status)
        .execution_options(synchronize_session=False)
    )
    meeting = await session.scalar(
        select(Meeting).where(Meeting.id == meeting_id).execution_options(populate_existing=True)
    )
    if meeting is None:
        raise NotFound("error-not-found")
    await session.refresh(meeting, ["attendees"])
    return meeting


async def home_organization(session: AsyncSession, meeting: Meeting) -> int:
    """Whose coordinators answer for the meeting: the mentorship's organization (the
    mentees'), or the mentor's for a flash session."""
    if meeting.mentorship_id is not None:
        mentorship = await session.get(Mentorship, meeting.mentorship_id)
        if mentorship is not None:
            return mentorship.organization_id
    return meeting.organization_id


async def _can_see(session: AsyncSession, actor: Actor, meeting: Meeting) -> bool:
    pid = actor.participant_id
    if pid is not None and (
        meeting.mentor_id == pid or any(a.participant_id == pid for a in meeting.attendees)
    ):
        return True
    if meeting.mentorship_id is not None:
        mentorship = await session.get(Mentorship, meeting.mentorship_id)
        if mentorship is not None and pairs.role_in(mentorship, pid) is not None:
            return True
    return await _coordinates(session, actor, meeting)


async def _coordinates(session: AsyncSession, actor: Actor, meeting: Meeting) -> bool:
    return actor.is_coordinator and await access.covers_organization(
        session, actor, await home_organization(session, meeting)
    )


async def get_visible(session: AsyncSession, actor: Actor, meeting_id: int) -> Meeting:
    meeting = await session.get(Meeting, meeting_id)
    if meeting is None or not await _can_see(session, actor, meeting):
        raise NotFound("error-not-found")
    return meeting


def editable_until(meeting: Meeting) -> datetime:
    return meeting.created_at + EDIT_WINDOW


def is_editable(meeting: Meeting, now: datetime) -> bool:
    return meeting.status != MeetingStatus.deleted and now < editable_until(meeting)


async def for_mentorship(
    session: AsyncSession, mentorship_id: int, limit: int = 10
) -> list[Meeting]:
    rows = await session.scalars(
        select(Meeting)
        .where(Meeting.mentorship_id == mentorship_id, Meeting.status != MeetingStatus.deleted)
        .order_by(Meeting.held_on.desc(), Meeting.id.desc())
        .limit(limit)
    )
    return list(rows)


async def recent_for_mentor(
    session: AsyncSession, mentor_id: int, limit: int = 10
) -> list[Meeting]:
    rows = await session.scalars(
        select(Meeting)
        .where(Meeting.mentor_id == mentor_id, Meeting.status != MeetingStatus.deleted)
        .order_by(Meeting.held_on.desc(), Meeting.id.desc())
        .limit(limit)
    )
    return list(rows)


async def last_held_on(session: AsyncSession, mentorship_id: int) -> date | None:
    return await session.scalar(
        select(func.max(Meeting.held_on)).where(
            Meeting.mentorship_id == mentorship_id, Meeting.status != MeetingStatus.deleted
        )
    )


async def history(session: AsyncSession, meeting_id: int) -> list[MeetingRevision]:
    rows = await session.scalars(
        select(MeetingRevision)
        .where(MeetingRevision.meeting_id == meeting_id)
        .order_by(MeetingRevision.at, MeetingRevision.id)
    )
    return list(rows)


async def disputed_in_scope(session: AsyncSession, actor: Actor, limit: int = 20) -> list[Meeting]:
    actor.require_coordinator()
    home = func.coalesce(Mentorship.organization_id, Meeting.organization_id)
    rows = await session.scalars(
        select(Meeting)
        .outerjoin(Mentorship, Mentorship.id == Meeting.mentorship_id)
        .join(Organization, Organization.id == home)
        .where(Meeting.status == MeetingStatus.disputed, access.organization_condition(actor))
        .order_by(Meeting.held_on, Meeting.id)
        .limit(limit)
    )
    return list(rows)


# --- changing --------------------------------------------------------------------------------


async def _editable_by_mentor(
    session: AsyncSession, clock: Clock, actor: Actor, meeting_id: int
) -> Meeting:
    meeting = await _lock(session, meeting_id)
    if not await _can_see(session, actor, meeting):
        raise NotFound("error-not-found")
    if meeting.mentor_id != actor.participant_id:
        raise Forbidden("meeting-mentor-only")
    if meeting.status == MeetingStatus.deleted:
        raise InvalidInput("meeting-deleted")
    if not is_editable(meeting, clock.now()):
        raise InvalidInput("meeting-locked")
    return meeting


async def edit(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    meeting_id: int,
    field: str,
    value: Any,
    translator: Translator,
    *,
    window_days: int = LOG_WINDOW_DAYS,
) -> Meeting:
    """Change one field within the edit window. The mentees are asked again: what they
    confirmed is not what the entry now says."""
    meeting = await _editable_by_mentor(session, clock, actor, meeting_id)
    if field not in EDITABLE_FIELDS:
        raise InvalidInput("error-unknown-field")
    before = _snapshot(meeting)
    if field == "held_on":
        organization_id, started_on = meeting.organization_id, None
        if meeting.mentorship_id is not None:
            mentorship = await pairs.get(session, meeting.mentorship_id)
            organization_id, started_on = mentorship.organization_id, mentorship.started_on
        today = await pairs.local_today(session, clock, organization_id)
        check_held_on(value, today, window_days, started_on)
        meeting.held_on = value
    elif field == "duration_minutes":
        check_duration(int(value))
        meeting.duration_minutes = int(value)
    elif field == "format":
        meeting.format = check_format(str(value))
    elif field == "topic":
        meeting.topic = parse_topic(value)
    elif field == "outcome":
        meeting.outcome = parse_outcome(value)
    else:
        if meeting.mentorship_id is None:
            raise InvalidInput("error-unknown-field")
        mentorship = await pairs.get(session, meeting.mentorship_id)
        chosen = sorted(set(value))
        check_attendees(mentorship, chosen)
        kept = {a.participant_id: a for a in meeting.attendees}
        meeting.attendees = [kept.get(pid) or MeetingAttendee(participant_id=pid) for pid in chosen]
    after = _snapshot(meeting)
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if not changes:
        raise InvalidInput("meeting-nothing-changed")
    for attendee in meeting.attendees:
        attendee.answer = None
        attendee.answered_at = None
    now = clock.now()
    meeting.status = MeetingStatus.logged
    meeting.updated_at = now
    revision = _revision(meeting, actor, "edited", changes, now)
    session.add(revision)
    await session.flush()
    await meeting_notices.ask_attendees(
        session, clock, translator, meeting, revision.id, edited=True
    )
    await _plan_answer_reminder(session, clock, meeting, revision.id)
    return meeting


async def delete(session: AsyncSession, clock: Clock, actor: Actor, meeting_id: int) -> Meeting:
    meeting = await _editable_by_mentor(session, clock, actor, meeting_id)
    now = clock.now()
    session.add(
        _revision(
            meeting, actor, "deleted", {"status": [meeting.status, MeetingStatus.deleted]}, now
        )
    )
    meeting.status = MeetingStatus.deleted
    meeting.updated_at = now
    await session.flush()
    return meeting


def _status_from_answers(meeting: Meeting) -> MeetingStatus:
    answers = [a.answer for a in meeting.attendees]
    if "disputed" in answers:
        return MeetingStatus.disputed
    if answers and all(a == "confirmed" for a in answers):
        return MeetingStatus.confirmed
    return MeetingStatus.logged


async def _my_answer(
    session: AsyncSession, clock: Clock, actor: Actor, meeting_id: int, confirmed: bool
) -> tuple[Meeting, MeetingAttendee]:
    """The entry and the actor's place in it, when the actor may give this answer now."""
    meeting = await _lock(session, meeting_id)
    mine = next((a for a in meeting.attendees if a.participant_id == actor.participant_id), None)
    if mine is None:
        if await _can_see(session, actor, meeting):
            raise Forbidden("meeting-not-your-meeting")
        raise NotFound("error-not-found")
    if meeting.status == MeetingStatus.deleted:
        raise InvalidInput("meeting-deleted")
    new = MeetingStatus.confirmed if confirmed else MeetingStatus.disputed
    if mine.answer == new:
        raise InvalidInput("meeting-already-answered")
    if mine.answer is not None and not is_editable(meeting, clock.now()):
        raise InvalidInput("meeting-locked")
    return meeting, mine


async def check_can_dispute(
    session: AsyncSession, clock: Clock, actor: Actor, meeting_id: int
) -> Meeting:
    """Before the reason is asked: the same checks as the dispute itself, nothing written."""
    meeting, _ = await _my_answer(session, clock, actor, meeting_id, confirmed=False)
    return meeting


async def answer(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    meeting_id: int,
    translator: Translator,
    *,
    confirmed: bool,
    reason: str | None = None,
) -> Meeting:
    """A mentee present at the meeting confirms it with one tap, or disputes it (with the
    reason asked first; it may be skipped). A first answer is welcome any time; changing
    one's answer is possible while the entry is editable."""
    meeting, mine = await _my_answer(session, clock, actor, meeting_id, confirmed)
    new = MeetingStatus.confirmed if confirmed else MeetingStatus.disputed
    now = clock.now()
    changes: dict[str, Any] = {"answer": [mine.answer, new], "by": actor.participant_id}
    if reason is not None and not confirmed:
        changes["reason"] = parse_dispute_reason(reason)
    session.add(_revision(meeting, actor, new, changes, now))
    mine.answer = new
    mine.answered_at = now
    meeting.status = _status_from_answers(meeting)
    meeting.updated_at = now
    await session.flush()
    if not confirmed:
        await meeting_notices.disputed(
            session, clock, translator, meeting, actor.participant_id, changes.get("reason")
        )
    return meeting


async def resolve(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    meeting_id: int,
    translator: Translator,
    *,
    keep: bool,
) -> Meeting:
    """A coordinator of the scope decides a disputed entry: keep it, or void it."""
    actor.require_coordinator()
    meeting = await _lock(session, meeting_id)
    if not await _coordinates(session, actor, meeting):
        raise NotFound("error-not-found")
    # A coordinator who is also a party to the meeting does not judge it: another one does.
    party = {meeting.mentor_id, *(a.participant_id for a in meeting.attendees)}
    if actor.participant_id in party:
        raise Forbidden("meeting-resolve-own")
    if meeting.status != MeetingStatus.disputed:
        raise InvalidInput("meeting-not-disputed")
    now = clock.now()
    new = MeetingStatus.confirmed if keep else MeetingStatus.deleted
    session.add(
        _revision(
            meeting,
            actor,
            "kept" if keep else "voided",
            {"status": [MeetingStatus.disputed, new]},
            now,
        )
    )
    meeting.status = new
    meeting.updated_at = now
    await session.flush()
    await meeting_notices.resolved(session, clock, translator, meeting, keep=keep)
    return meeting


# --- account deletion ------------------------------------------------------------------------

FREE_TEXT = ("topic", "outcome")


async def forget_participant(session: AsyncSession, participant_id: int) -> None:
    """Account deletion: meetings keep their date, duration, format, status and attendees (the
    totals count them), but the topic and outcome go, also from the entries' change history,
    where they are the person's: meetings they logged as the mentor, and meetings they alone
    attended (the mentor's notes of such a session are about them). A group meeting with
    others present keeps its notes. A mentee's answer is a status; the reason of their
    dispute, their own words, goes too.
    """
    sole_attendee = (
        select(MeetingAttendee.meeting_id)
        .group_by(MeetingAttendee.meeting_id)
        .having(
            func.count(MeetingAttendee.id) == 1,
            func.max(MeetingAttendee.participant_id) == participant_id,
        )
    )
    mine = select(Meeting.id).where(
        or_(Meeting.mentor_id == participant_id, Meeting.id.in_(sole_attendee))
    )
    await session.execute(
        update(Meeting)
        .where(Meeting.id.in_(mine))
        .values(topic=None, outcome=None)
        .execution_options(synchronize_session=False)
    )
    attended = select(MeetingAttendee.meeting_id).where(
        MeetingAttendee.participant_id == participant_id
    )
    theirs = await session.scalars(
        select(Meeting.id).where(or_(Meeting.mentor_id == participant_id, Meeting.id.in_(attended)))
    )
    await meeting_notices.withdraw_queued(session, set(theirs))
    revisions = await session.scalars(
        select(MeetingRevision).where(MeetingRevision.meeting_id.in_(mine))
    )
    for revision in revisions:
        if any(field in revision.changes for field in FREE_TEXT):
            # A new dict: the JSON column notices reassignment, not in-place changes.
            revision.changes = {
                field: ([None for _ in value] if isinstance(value, list) else None)
                if field in FREE_TEXT
                else value
                for field, value in revision.changes.items()
            }
    # A dispute's reason is the disputing mentee's own words: it goes with their account.
    disputes = await session.scalars(
        select(MeetingRevision).where(
            MeetingRevision.actor_id == participant_id,
            MeetingRevision.action == MeetingStatus.disputed,
        )
    )
    for revision in disputes:
        if revision.changes.get("reason") is not None:
            revision.changes = {**revision.changes, "reason": None}
    await session.flush()
