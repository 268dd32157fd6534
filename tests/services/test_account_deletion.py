"""Account deletion across the features (bot/services/account_deletion.py), on SQLite and
PostgreSQL: what the person was part of lets go of them, the anonymous counts stay."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from bot.db import transaction
from bot.services import account_deletion, privacy
from bot.services.mentorship import meeting_totals, meetings, pairs, plans
from bot.services.mentorship.meetings import MeetingDraft
from models import DueTask, OutboxMessage, Participant
from models.broadcast import Event, EventRsvp
from models.enums import DueTaskStatus, MentorshipStatus, OutboxStatus, Role
from models.mentorship import (
    DevelopmentGoal,
    DevelopmentStep,
    Meeting,
    MeetingRevision,
    Mentorship,
    MentorshipFeedback,
    MentorshipMentee,
)
from tests.conftest import base_settings
from tests.mentorship_support import (
    actor_of,
    buttons_of,
    form_pair,
    local_today,
    make_coordinator,
    make_person,
    outbox_to,
)


async def _delete(session, clock, translator, person) -> None:  # type: ignore[no-untyped-def]
    await account_deletion.delete_account(session, clock, translator, base_settings(), person)


async def _fresh(session, model, ident):  # type: ignore[no-untyped-def]
    """Re-read a row: the cleanups write with bulk UPDATEs."""
    return await session.scalar(
        select(model).where(model.id == ident).execution_options(populate_existing=True)
    )


async def _meeting(session, clock, translator, ms, mentor, **changes):  # type: ignore[no-untyped-def]
    today = await local_today(session, clock, mentor)
    draft = MeetingDraft(
        mentorship_id=ms.id,
        held_on=today,
        duration_minutes=changes.pop("duration_minutes", 45),
        format="offline",
        topic=changes.pop("topic", "Разбор урока по дробям"),
        outcome=changes.pop("outcome", "Договорились о взаимопосещении"),
        attendee_ids=tuple(pairs.mentee_ids(ms)),
    )
    return await meetings.log(session, clock, actor_of(mentor), draft, translator)


async def test_a_departed_mentee_stops_the_pair_and_the_mentor_is_told(
    factory, clock, translator
) -> None:
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)
        mentor = await make_person(session, clock, 2, role=Role.mentor, language="en")
        mentee = await make_person(session, clock, 3, name="Уходящая Учительница")
        ms = await form_pair(session, clock, translator, coord, mentor, [mentee])
        nudges = await session.scalar(
            select(func.count(DueTask.id)).where(
                DueTask.status == DueTaskStatus.pending,
                DueTask.payload["mentorship_id"].as_integer() == ms.id,
            )
        )
        assert nudges  # the idle-pair nudge chain is planned
        await _delete(session, clock, translator, mentee)

        ms = await _fresh(session, Mentorship, ms.id)
        assert ms.status == MentorshipStatus.stopped and ms.end_reason == pairs.LEFT_REASON
        assert ms.ended_by == mentee.id and ms.ended_at is not None
        pending = await session.scalar(
            select(func.count(DueTask.id)).where(
                DueTask.status == DueTaskStatus.pending,
                DueTask.payload["mentorship_id"].as_integer() == ms.id,
            )
        )
        assert pending == 0
        notice = (await outbox_to(session, mentor))[-1]
        text = notice.params["text"]
        # In the mentor's language, with no trace of the erased name, and asking for feedback.
        assert "deleted their account, so the mentorship has been stopped" in text
        assert "Уходящая" not in text
        assert f"mb:r:{ms.id}:5" in buttons_of(notice)
        # The coordinator who formed it is told too (in Russian), without feedback buttons.
        to_coord = (await outbox_to(session, coord))[-1]
        assert "наставничество прекращено" in to_coord.params["text"]
        assert buttons_of(to_coord) == []


async def test_a_group_goes_on_without_a_departed_mentee(factory, clock, translator) -> None:
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)
        mentor = await make_person(session, clock, 2, role=Role.mentor, capacity=5)
        stays = await make_person(session, clock, 3)
        leaves = await make_person(session, clock, 4)
        group = await form_pair(
            session, clock, translator, coord, mentor, [stays, leaves], form="group"
        )
        await _delete(session, clock, translator, leaves)
        group = await _fresh(session, Mentorship, group.id)
        assert group.status == MentorshipStatus.active and group.end_reason is None
        await session.refresh(group, ["mentees"])
        assert pairs.mentee_ids(group) == [stays.id]
        for person in (mentor, stays):
            assert "вышел из группы" in (await outbox_to(session, person))[-1].params["text"]


async def test_a_proposed_group_waits_on_for_the_others_when_one_leaves(
    factory, clock, translator
) -> None:
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)
        mentor = await make_person(session, clock, 2, role=Role.mentor, capacity=5)
        stays = await make_person(session, clock, 3)
        leaves = await make_person(session, clock, 4)
        group = await form_pair(
            session, clock, translator, coord, mentor, [stays, leaves], form="group", confirm=False
        )
        await pairs.confirm(session, clock, actor_of(mentor), group.id, translator)
        await _delete(session, clock, translator, leaves)
        group = await _fresh(session, Mentorship, group.id)
        assert group.status == MentorshipStatus.proposed
        # The request naming the departed one is withdrawn; the notice asks again.
        first, notice = await outbox_to(session, stays)
        assert first.status == OutboxStatus.cancelled and first.params == {}
        assert buttons_of(notice) == [f"ms:cf:{group.id}:0", f"ms:dc:{group.id}:0"]
        assert buttons_of((await outbox_to(session, mentor))[-1]) == []  # already confirmed
        await pairs.confirm(session, clock, actor_of(stays), group.id, translator)
        assert (await _fresh(session, Mentorship, group.id)).status == MentorshipStatus.active


async def test_a_proposed_group_starts_when_it_only_waited_for_the_departed(
    factory, clock, translator
) -> None:
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)
        mentor = await make_person(session, clock, 2, role=Role.mentor, capacity=5)
        stays = await make_person(session, clock, 3)
        leaves = await make_person(session, clock, 4)
        group = await form_pair(
            session, clock, translator, coord, mentor, [stays, leaves], form="group", confirm=False
        )
        for person in (mentor, stays):
            await pairs.confirm(session, clock, actor_of(person), group.id, translator)
        await _delete(session, clock, translator, leaves)
        assert (await _fresh(session, Mentorship, group.id)).status == MentorshipStatus.active


async def test_a_departed_mentor_ends_every_mentorship_and_their_words_go(
    factory, clock, translator
) -> None:
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)
        mentor = await make_person(session, clock, 2, role=Role.mentor, capacity=3)
        mentee = await make_person(session, clock, 3)
        waiting = await make_person(session, clock, 4)
        active = await form_pair(session, clock, translator, coord, mentor, [mentee])
        proposed = await form_pair(
            session, clock, translator, coord, mentor, [waiting], confirm=False
        )
        goal = await plans.add_goal(session, clock, actor_of(mentor), active.id, "Классный час")
        today = await local_today(session, clock, mentor)
        step = await plans.add_step(
            session, clock, actor_of(mentor), goal.id, "Посетить урок коллеги", today
        )
        meeting = await _meeting(session, clock, translator, active, mentor)
        before = await meeting_totals.overall(session)
        await _delete(session, clock, translator, mentor)

        assert (await _fresh(session, Mentorship, active.id)).status == MentorshipStatus.stopped
        withdrawn = await _fresh(session, Mentorship, proposed.id)
        assert (
            withdrawn.status == MentorshipStatus.declined
            and withdrawn.end_reason == pairs.LEFT_REASON
        )
        for person in (mentee, waiting):
            assert "удалил свой аккаунт" in (await outbox_to(session, person))[-1].params["text"]
        # The plan stays countable, without the words the mentor wrote.
        assert (await _fresh(session, DevelopmentGoal, goal.id)).title == plans.ERASED_TITLE
        kept_step = await _fresh(session, DevelopmentStep, step.id)
        assert kept_step.title == plans.ERASED_TITLE and kept_step.due_on == today
        # The meeting counts as before; its topic and outcome are gone, also from the history.
        meeting = await _fresh(session, Meeting, meeting.id)
        assert (meeting.topic, meeting.outcome) == (None, None)
        assert meeting.duration_minutes == 45 and meeting.format == "offline"
        history = await session.scalars(
            select(MeetingRevision)
            .where(MeetingRevision.meeting_id == meeting.id)
            .execution_options(populate_existing=True)
        )
        for revision in history:
            assert "Разбор урока" not in str(revision.changes)
            assert "взаимопосещении" not in str(revision.changes)
        assert await meeting_totals.overall(session) == before


async def test_a_departed_mentee_takes_the_plan_of_their_pair_not_a_groups(
    factory, clock, translator
) -> None:
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)
        mentor = await make_person(session, clock, 2, role=Role.mentor, capacity=5)
        solo = await make_person(session, clock, 3)
        member = await make_person(session, clock, 4)
        other = await make_person(session, clock, 5)
        pair = await form_pair(session, clock, translator, coord, mentor, [solo])
        group = await form_pair(
            session, clock, translator, coord, mentor, [member, other], form="group"
        )
        pair_goal = await plans.add_goal(session, clock, actor_of(mentor), pair.id, "Цель пары")
        group_goal = await plans.add_goal(session, clock, actor_of(mentor), group.id, "Цель группы")
        await _delete(session, clock, translator, solo)
        await _delete(session, clock, translator, member)
        assert (await _fresh(session, DevelopmentGoal, pair_goal.id)).title == plans.ERASED_TITLE
        assert (await _fresh(session, DevelopmentGoal, group_goal.id)).title == "Цель группы"


async def test_feedback_comments_go_and_ratings_stay(factory, clock, translator) -> None:
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)
        mentor = await make_person(session, clock, 2, role=Role.mentor)
        mentee = await make_person(session, clock, 3)
        ms = await form_pair(session, clock, translator, coord, mentor, [mentee])
        await pairs.end(  # by the coordinator: the mentor alone only asks (see its test)
            session, clock, actor_of(coord), ms.id, translator, outcome=MentorshipStatus.completed
        )
        await pairs.leave_feedback(session, clock, actor_of(mentee), ms.id, 4)
        await pairs.comment_feedback(session, clock, actor_of(mentee), ms.id, "Мне очень помогли")
        await _delete(session, clock, translator, mentee)
        # An ended mentorship stays as it ended.
        ended = await _fresh(session, Mentorship, ms.id)
        assert ended.status == MentorshipStatus.completed and ended.end_reason is None
        feedback = await session.scalar(
            select(MentorshipFeedback).execution_options(populate_existing=True)
        )
        assert feedback is not None and (feedback.rating, feedback.comment) == (4, None)


async def test_answers_to_events_ahead_go_and_free_their_seats(factory, clock, translator) -> None:
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)
        person = await make_person(session, clock, 3)
        now = clock.now()

        def event(days: int, going: int) -> Event:
            return Event(
                author_id=coord.id,
                kind="seminar",
                title="Семинар",
                starts_at=now + timedelta(days=days),
                duration_minutes=60,
                timezone="Asia/Tomsk",
                place="Актовый зал",
                capacity=10,
                going_count=going,
                created_at=now - timedelta(days=30),
            )

        ahead, declined, past = event(3, 2), event(5, 0), event(-3, 1)
        session.add_all([ahead, declined, past])
        await session.flush()
        for ev, answer in ((ahead, "going"), (declined, "not_going"), (past, "going")):
            session.add(
                EventRsvp(
                    event_id=ev.id,
                    participant_id=person.id,
                    answer=answer,
                    answered_at=now - timedelta(days=10),
                    attended=True if ev is past else None,
                )
            )
        await session.flush()
        await _delete(session, clock, translator, person)
        rows = list(
            await session.scalars(select(EventRsvp).execution_options(populate_existing=True))
        )
        assert [(r.event_id, r.attended) for r in rows] == [(past.id, True)]
        counts = {
            e.id: e.going_count
            for e in await session.scalars(select(Event).execution_options(populate_existing=True))
        }
        assert counts == {ahead.id: 1, declined.id: 0, past.id: 1}


async def test_export_covers_plans_and_meeting_answers(factory, clock, translator) -> None:
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)
        mentor = await make_person(session, clock, 2, role=Role.mentor)
        mentee = await make_person(session, clock, 3)
        ms = await form_pair(session, clock, translator, coord, mentor, [mentee])
        goal = await plans.add_goal(session, clock, actor_of(mentor), ms.id, "Классный час")
        today = await local_today(session, clock, mentor)
        await plans.add_step(session, clock, actor_of(mentor), goal.id, "Открытый урок", today)
        meeting = await _meeting(session, clock, translator, ms, mentor)
        await meetings.answer(
            session, clock, actor_of(mentee), meeting.id, translator, confirmed=True
        )
        data = await privacy.export_personal_data(session, mentee)
        assert data["mentorships"][0]["as"] == "mentee"
        assert data["meetings"][0]["my_answer"] == "confirmed"
        assert data["development_plans"] == [
            {
                "mentorship": ms.id,
                "goal": "Классный час",
                "steps": [{"title": "Открытый урок", "due_on": today.isoformat(), "done_at": None}],
            }
        ]


async def test_deletion_leaves_nothing_queued_or_named(factory, clock, translator) -> None:
    """What the person left behind carries no name of theirs and nothing is queued for them."""
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)
        mentor = await make_person(session, clock, 2, role=Role.mentor)
        mentee = await make_person(session, clock, 3, name="Особая Фамилия")
        await form_pair(session, clock, translator, coord, mentor, [mentee])
        tg_id = mentee.tg_id
        await _delete(session, clock, translator, mentee)
        assert (await session.get(Participant, mentee.id)).full_name is None  # type: ignore[union-attr]
        queued = await session.scalars(
            select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.pending)
        )
        for message in queued:
            assert message.chat_id != tg_id
            assert "Особая Фамилия" not in str(message.params)
        assert await session.scalar(select(func.count(MentorshipMentee.id))) == 1


async def test_meeting_notes_about_the_departed_mentee_go_a_groups_stay(
    factory, clock, translator
) -> None:
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)
        mentor = await make_person(session, clock, 2, role=Role.mentor, capacity=5)
        solo = await make_person(session, clock, 3)
        member = await make_person(session, clock, 4)
        other = await make_person(session, clock, 5)
        pair = await form_pair(session, clock, translator, coord, mentor, [solo])
        group = await form_pair(
            session, clock, translator, coord, mentor, [member, other], form="group"
        )
        pair_meeting = await _meeting(session, clock, translator, pair, mentor)
        group_meeting = await _meeting(
            session, clock, translator, group, mentor, topic="Общая встреча группы"
        )
        before = await meeting_totals.overall(session)
        await _delete(session, clock, translator, solo)
        await _delete(session, clock, translator, member)
        assert (await _fresh(session, Meeting, pair_meeting.id)).topic is None
        kept = await _fresh(session, Meeting, group_meeting.id)
        assert kept.topic == "Общая встреча группы"
        assert {a.participant_id for a in kept.attendees} == {member.id, other.id}
        assert await meeting_totals.overall(session) == before
        # The ask still queued for the other attendee named the departed one: withdrawn, and
        # the answer reminder (rendered afresh) will ask again.
        asks = [
            m
            for m in await outbox_to(session, other)
            if (m.dedup_key or "").startswith(f"mg-ask:{group_meeting.id}:")
        ]
        assert [(m.status, m.params) for m in asks] == [(OutboxStatus.cancelled, {})]
        reminder = await session.scalar(
            select(func.count(DueTask.id)).where(
                DueTask.kind == meetings.ANSWER_REMINDER,
                DueTask.status == DueTaskStatus.pending,
                DueTask.payload["meeting_id"].as_integer() == group_meeting.id,
            )
        )
        assert reminder == 1


async def test_sent_notices_naming_the_departed_one_lose_their_text(
    factory, clock, translator
) -> None:
    """Mentorship and meeting notices already sent (or failed) keep their status, not their
    text; those still queued are cancelled. Notices about others stay as they were."""
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)
        mentor = await make_person(session, clock, 2, role=Role.mentor, capacity=5)
        leaves = await make_person(session, clock, 3, name="Особая Фамилия")
        stays = await make_person(session, clock, 4, name="Остающаяся Коллега")
        other = await make_person(session, clock, 5, name="Посторонняя Учительница")
        earlier = await form_pair(session, clock, translator, coord, mentor, [leaves])
        await pairs.end(  # by the coordinator: the mentor alone only asks
            session,
            clock,
            actor_of(coord),
            earlier.id,
            translator,
            outcome=MentorshipStatus.completed,
        )
        group = await form_pair(
            session, clock, translator, coord, mentor, [stays, leaves], form="group"
        )
        unrelated = await form_pair(session, clock, translator, coord, mentor, [other])
        meeting = await _meeting(session, clock, translator, group, mentor)
        rows = list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
        for index, row in enumerate(rows):  # delivered, or given up on; the last one queued
            row.status = (
                OutboxStatus.pending
                if row is rows[-1]
                else (OutboxStatus.sent, OutboxStatus.failed)[index % 2]
            )
        await session.flush()
        before = {row.id: (row.status, row.dedup_key, dict(row.params)) for row in rows}
        assert any("Особая Фамилия" in str(params) for _, _, params in before.values())
        await _delete(session, clock, translator, leaves)

        after = {
            row.id: row
            for row in await session.scalars(
                select(OutboxMessage).execution_options(populate_existing=True)
            )
        }
        for row in after.values():
            assert "Особая Фамилия" not in str(row.params)
        mine = {str(earlier.id), str(group.id)}
        emptied: set[str] = set()
        for row_id, (status, key, params) in before.items():
            row = after.get(row_id)
            if row is None:  # addressed to the departed one: gone with the account
                continue
            if key.startswith("mg-"):
                named = key.split(":")[1] == str(meeting.id)
            else:
                named = key.split("#")[0].split(":")[1] in mine
            if named and "Особая Фамилия" in str(params):
                emptied.add(row.status)
                assert row.params == {}
                assert row.status == (
                    OutboxStatus.cancelled if status == OutboxStatus.pending else status
                )
            elif key.startswith("ms-") and key.split(":")[1] == str(unrelated.id):
                assert (row.status, row.params) == (status, params)  # about others: kept
        # Each case met, the meeting's too.
        assert emptied == {OutboxStatus.sent, OutboxStatus.failed, OutboxStatus.cancelled}


async def test_a_departed_mentees_dispute_reason_goes_with_them(factory, clock, translator) -> None:
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)
        mentor = await make_person(session, clock, 2, role=Role.mentor, capacity=3)
        mentee = await make_person(session, clock, 3)
        ms = await form_pair(session, clock, translator, coord, mentor, [mentee])
        meeting = await _meeting(session, clock, translator, ms, mentor)
        await meetings.answer(
            session,
            clock,
            actor_of(mentee),
            meeting.id,
            translator,
            confirmed=False,
            reason="Меня не было, я болела",
        )
        await _delete(session, clock, translator, mentee)
        history = await session.scalars(
            select(MeetingRevision)
            .where(MeetingRevision.meeting_id == meeting.id)
            .execution_options(populate_existing=True)
        )
        disputes = [r for r in history if r.action == "disputed"]
        assert len(disputes) == 1 and "reason" in disputes[0].changes
        assert "болела" not in str(disputes[0].changes)
