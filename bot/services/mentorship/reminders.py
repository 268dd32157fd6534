"""Reminders of the pairs feature, run as due work (scheduler/mentorship_jobs.py).

- A nudge to the mentor when an active mentorship had no meeting for N weeks (setting
  ``Settings.mentorship_nudge_weeks``, default ``NUDGE_AFTER_WEEKS``), at most once a week per
  mentor: one message names every idle pair. Each mentorship has one chain of checks: every
  check plans the next one.
- Overdue plan steps remind the mentor and the mentees, up to ``OVERDUE_REMINDERS`` times.
- Those who have not confirmed a new mentorship, or answered about a meeting, are reminded once.

Every handler reloads the state by id and does nothing when it has changed meanwhile.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from html import escape
from typing import Any

from sqlalchemy import case, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Translator
from bot.services import due, outbox, presses, reminder_time
from bot.services.mentorship import meeting_notices, meetings, pair_notices, pairs, plans
from bot.services.mentorship.presses import LOG, MARK_DONE, SHOW_PLAN, MeetingPress, PlanPress
from bot.services.outbox import Button
from bot.settings import Settings
from models import DueTask, OutboxMessage, Participant
from models.enums import (
    DueTaskStatus,
    MeetingStatus,
    MentorshipStatus,
    OutboxStatus,
    ParticipantStatus,
)
from models.mentorship import (
    DevelopmentGoal,
    DevelopmentStep,
    Meeting,
    MeetingRevision,
    Mentorship,
    MentorshipNudge,
)

NUDGE = "mentorship-nudge"
# Weeks without a meeting before the mentor is nudged. Setting: Settings.mentorship_nudge_weeks.
NUDGE_AFTER_WEEKS = 3
NUDGE_EVERY = timedelta(days=7)
# The chain starts a week after the start and then follows the setting, whatever it is.
FIRST_CHECK_AFTER = timedelta(days=7)
OVERDUE_REMINDERS = 3


def nudge_weeks(settings: Settings) -> int:
    return max(1, settings.mentorship_nudge_weeks)


async def _plan_nudge_check(
    session: AsyncSession, clock: Clock, mentorship_id: int, due_at: datetime
) -> None:
    await due.plan(
        session,
        kind=NUDGE,
        due_at=due_at,
        payload={"mentorship_id": mentorship_id},
        now=clock.now(),
        dedup_key=f"{NUDGE}:{mentorship_id}:{due_at.isoformat()}",
    )


async def plan_first_nudge_check(
    session: AsyncSession, clock: Clock, mentorship: Mentorship
) -> None:
    await _plan_nudge_check(session, clock, mentorship.id, clock.now() + FIRST_CHECK_AFTER)


async def _idle_since(session: AsyncSession, mentorship: Mentorship) -> date:
    started = mentorship.started_on or mentorship.created_at.date()
    last = await meetings.last_held_on(session, mentorship.id)
    return max(last, started) if last else started


async def check_nudge(
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    mentorship_id: int,
    weeks: int = NUDGE_AFTER_WEEKS,
) -> bool:
    """Nudge the mentor if the pair has been idle for ``weeks``; plan the next check.
    Returns whether a nudge was sent.

    At most once a week per mentor, not per pair: a nudge names every idle pair of the
    mentor, and a pair that falls due within a week of the last nudge waits for the next."""
    mentorship = await session.get(Mentorship, mentorship_id)
    if mentorship is None or mentorship.status != MentorshipStatus.active:
        return False  # ended: the chain stops here
    now = clock.now()
    today = await pairs.local_today(session, clock, mentorship.organization_id)
    idle_since = await _idle_since(session, mentorship)
    nudge_on = idle_since + timedelta(weeks=weeks)
    if today < nudge_on:
        due_at = await reminder_time.morning(session, mentorship.organization_id, nudge_on)
        await _plan_nudge_check(
            session, clock, mentorship.id, max(due_at, now + timedelta(hours=1))
        )
        return False
    last_nudge = await session.scalar(
        select(func.max(MentorshipNudge.sent_at)).where(
            MentorshipNudge.mentor_id == mentorship.mentor_id
        )
    )
    if last_nudge is not None and now - last_nudge < NUDGE_EVERY:
        await _plan_nudge_check(session, clock, mentorship.id, last_nudge + NUDGE_EVERY)
        return False
    idle = [(mentorship, idle_since)]
    for other in await pairs.active_as_mentor(session, mentorship.mentor_id):
        if other.id == mentorship.id:
            continue
        since = await _idle_since(session, other)
        other_today = await pairs.local_today(session, clock, other.organization_id)
        if other_today >= since + timedelta(weeks=weeks):
            idle.append((other, since))
    for pair, since in idle:
        session.add(
            MentorshipNudge(
                mentorship_id=pair.id, mentor_id=pair.mentor_id, idle_since=since, sent_at=now
            )
        )
    await session.flush()
    await _send_nudge(session, clock, translator, mentorship.mentor_id, idle, weeks)
    await _plan_nudge_check(session, clock, mentorship.id, now + NUDGE_EVERY)
    return True


async def _send_nudge(
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    mentor_id: int,
    idle: list[tuple[Mentorship, date]],
    weeks: int,
) -> None:
    ids = {mentor_id, *(pid for pair, _ in idle for pid in pairs.mentee_ids(pair))}
    names = await pairs.people(session, list(ids))
    mentor = names.get(mentor_id)
    if mentor is None or mentor.tg_id is None or mentor.status != ParticipantStatus.active:
        return
    texts = translator.for_lang(mentor.language)

    def mentees_of(pair: Mentorship) -> str:
        found = [names[pid].full_name or "—" for pid in pairs.mentee_ids(pair) if pid in names]
        return ", ".join(found) or "—"

    if len(idle) == 1:
        pair, since = idle[0]
        text = texts(
            "mentorship-nudge",
            mentees=escape(mentees_of(pair)),
            weeks=weeks,
            since=pair_notices.fmt_date(since),
        )
        keyboard = [[Button(texts("meeting-btn-log"), press=MeetingPress(LOG, pair.id))]]
    else:
        lines = [
            texts(
                "mentorship-nudge-line",
                mentees=escape(mentees_of(pair)),
                since=pair_notices.fmt_date(since),
            )
            for pair, since in idle
        ]
        text = texts("mentorship-nudge-many", weeks=weeks, pairs="\n".join(lines))
        keyboard = [
            [
                Button(
                    texts("mentorship-nudge-log-for", mentees=_short(mentees_of(pair))),
                    press=MeetingPress(LOG, pair.id),
                )
            ]
            for pair, _ in idle
        ]
    await outbox.enqueue_text(
        session,
        clock,
        chat_id=mentor.tg_id,
        participant_id=mentor.id,
        text=text,
        keyboard=keyboard,
        dedup_key=f"ms-nudge:{mentor.id}:{clock.now().date().isoformat()}",
    )


_OLD_LOG = "mg:new:"  # the "log a meeting" button of a nudge queued with packed data


def _nudged_pairs(params: dict[str, Any]) -> set[int]:
    """The pairs a nudge names: each has its "log a meeting" button."""
    found: set[int] = set()
    for row in (params.get("reply_markup") or {}).get("inline_keyboard", []):
        for button in row:
            press = presses.from_json(button["press"]) if "press" in button else None
            if isinstance(press, MeetingPress) and press.action == LOG:
                found.add(press.id)
            data = str(button.get("callback_data") or "")  # a nudge queued before presses
            if data.startswith(_OLD_LOG) and data[len(_OLD_LOG) :].isdigit():
                found.add(int(data[len(_OLD_LOG) :]))
    return found


async def withdraw_nudges(
    session: AsyncSession, clock: Clock, departed_in: dict[int, set[int]]
) -> None:
    """Account deletion: a mentor's nudge that named a departed mentee loses its text.

    ``departed_in`` maps a mentor to the mentorships the departed one was a mentee of. A nudge
    still queued is cancelled and planned again without them: its day key is freed, its log
    goes (the once-a-week limit must not hold back a nudge never delivered) and the next
    check of a pair it named that goes on is moved to now; the check renders it afresh.
    One already sent (or failed) keeps its status, not its text."""
    now = clock.now()
    for mentor_id, departed_pairs in departed_in.items():
        # Addressed to the mentor: the participant index finds them, one a week at most.
        rows = await session.execute(
            select(
                OutboxMessage.id,
                OutboxMessage.dedup_key,
                OutboxMessage.status,
                OutboxMessage.params,
            ).where(
                OutboxMessage.participant_id == mentor_id,
                OutboxMessage.dedup_key.startswith(f"ms-nudge:{mentor_id}:", autoescape=True),
            )
        )
        nudges: dict[str, list[tuple[int, str, dict[str, Any]]]] = {}
        for row_id, key, status, params in rows.all():
            # A long nudge is sent in parts ("#n"); the buttons are on the last one.
            nudges.setdefault(key.partition("#")[0], []).append((row_id, status, params or {}))
        withdrawn: set[int] = set()  # pairs named by a queued nudge that is withdrawn
        for parts in nudges.values():
            named = set().union(*(_nudged_pairs(params) for _, _, params in parts))
            if not named & departed_pairs:
                continue
            ids = [row_id for row_id, _, _ in parts]
            pending = any(status == OutboxStatus.pending for _, status, _ in parts)
            await session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id.in_(ids))
                .values(
                    status=case(
                        (OutboxMessage.status == OutboxStatus.pending, OutboxStatus.cancelled),
                        else_=OutboxMessage.status,
                    ),
                    params={},
                    # Freed, so that the nudge planned again below may go out today.
                    dedup_key=case(
                        (OutboxMessage.status == OutboxStatus.pending, None),
                        else_=OutboxMessage.dedup_key,
                    ),
                )
                .execution_options(synchronize_session=False)
            )
            if pending:
                withdrawn |= named
        if withdrawn:
            await _replan_nudge(session, now, mentor_id, withdrawn)


async def _replan_nudge(
    session: AsyncSession, now: datetime, mentor_id: int, named: set[int]
) -> None:
    last = await session.scalar(
        select(func.max(MentorshipNudge.sent_at)).where(MentorshipNudge.mentor_id == mentor_id)
    )
    if last is not None:  # the withdrawn nudge is the mentor's latest (one a week)
        await session.execute(
            delete(MentorshipNudge).where(
                MentorshipNudge.mentor_id == mentor_id, MentorshipNudge.sent_at == last
            )
        )
    going_on = select(Mentorship.id).where(
        Mentorship.id.in_(named), Mentorship.status == MentorshipStatus.active
    )
    # Each pair has one chain of checks: move the earliest one, rather than start another.
    task = await session.scalar(
        select(DueTask)
        .where(
            DueTask.kind == NUDGE,
            DueTask.status == DueTaskStatus.pending,
            DueTask.payload["mentorship_id"].as_integer().in_(going_on),
        )
        .order_by(DueTask.due_at, DueTask.id)
        .limit(1)
    )
    if task is not None:
        task.due_at = now
        await session.flush()


def _short(text: str, size: int = 40) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


async def remind_overdue_step(
    session: AsyncSession, clock: Clock, translator: Translator, step_id: int, attempt: int
) -> bool:
    step = await session.get(DevelopmentStep, step_id)
    if step is None or step.done_at is not None:
        return False
    mentorship = await session.get(Mentorship, step.mentorship_id)
    if mentorship is None or mentorship.status != MentorshipStatus.active:
        return False
    today = await pairs.local_today(session, clock, mentorship.organization_id)
    if step.due_on >= today:
        return False
    goal = await session.get(DevelopmentGoal, step.goal_id)
    names = await pairs.people(session, pairs.member_ids(mentorship))
    for pid in pairs.member_ids(mentorship):
        person: Participant | None = names.get(pid)
        if person is None or person.tg_id is None or person.status != ParticipantStatus.active:
            continue
        texts = translator.for_lang(person.language)
        await outbox.enqueue_text(
            session,
            clock,
            chat_id=person.tg_id,
            participant_id=person.id,
            text=texts(
                "plan-step-overdue",
                step=escape(step.title),
                goal=escape(goal.title if goal else "—"),
                due=pair_notices.fmt_date(step.due_on),
            ),
            keyboard=[
                [
                    Button(texts("plan-btn-mark-done"), press=PlanPress(MARK_DONE, step.id)),
                    Button(texts("plan-btn-open"), press=PlanPress(SHOW_PLAN, mentorship.id)),
                ]
            ],
            dedup_key=f"plan-overdue:{step.id}:{attempt}:{pid}",
        )
    if attempt < OVERDUE_REMINDERS:
        await plans.plan_overdue_reminder(session, clock, mentorship, step, attempt=attempt + 1)
    return True


async def remind_unconfirmed(
    session: AsyncSession, clock: Clock, translator: Translator, mentorship_id: int
) -> bool:
    mentorship = await session.get(Mentorship, mentorship_id)
    if mentorship is None or mentorship.status != MentorshipStatus.proposed:
        return False
    waiting = [r.participant_id for r in mentorship.mentees if r.confirmed_at is None]
    if mentorship.mentor_confirmed_at is None:
        waiting.insert(0, mentorship.mentor_id)
    names = await pairs.people(session, waiting)
    asked = [names[pid] for pid in waiting if pid in names]
    await pair_notices.ask_to_confirm(session, clock, translator, mentorship, asked, reminder=True)
    return bool(asked)


async def remind_meeting_answer(
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    meeting_id: int,
    revision_id: int,
) -> bool:
    meeting = await session.get(Meeting, meeting_id)
    if meeting is None or meeting.status == MeetingStatus.deleted:
        return False
    latest = await session.scalar(
        select(func.max(MeetingRevision.id)).where(
            MeetingRevision.meeting_id == meeting_id,
            MeetingRevision.action.in_(("created", "edited")),
        )
    )
    if latest != revision_id:
        return False  # edited since: the newer version has its own reminder
    if all(a.answer is not None for a in meeting.attendees):
        return False
    await meeting_notices.ask_attendees(
        session, clock, translator, meeting, revision_id, reminder=True
    )
    return True
