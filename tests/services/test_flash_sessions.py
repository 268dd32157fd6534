"""After the match: times, reminders, talking through the bot, the meeting, ratings."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update

from bot.services.errors import InvalidInput, NotFound
from bot.services.flash import lifecycle, offers, requests, sessions
from bot.services.flash.config import FOLLOWUP_DELAY, MATCH_TTL
from bot.services.flash.presses import OTHER_TIME, PICK, SessionPress
from bot.services.presses import from_json
from models import DueTask, Meeting, MeetingAttendee, OutboxMessage, Participant
from models.enums import (
    DueTaskStatus,
    FlashOfferStatus,
    FlashStatus,
    MeetingStatus,
    OutboxStatus,
    Role,
    ScopeLevel,
)
from models.flash import FlashEvent, FlashMentorProfile, FlashOffer, FlashRating, FlashRequest
from tests.services.flash_setup import OTHER_MUNI, SCHOOL, Seed, draft

TOMSK = ZoneInfo("Asia/Tomsk")
NOW = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)  # Wednesday 10:00 in Tomsk


# --- parsing times ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("завтра 18:00", [datetime(2026, 11, 26, 18, 0, tzinfo=TOMSK)]),
        ("Сегодня в 16.30", [datetime(2026, 11, 25, 16, 30, tzinfo=TOMSK)]),
        ("tomorrow at 9:05", [datetime(2026, 11, 26, 9, 5, tzinfo=TOMSK)]),
        ("27.11 16:30", [datetime(2026, 11, 27, 16, 30, tzinfo=TOMSK)]),
        ("27.11.2026 9:00", [datetime(2026, 11, 27, 9, 0, tzinfo=TOMSK)]),
        ("05.01 10:00", [datetime(2027, 1, 5, 10, 0, tzinfo=TOMSK)]),  # next January
        ("в пятницу в 18:00", [datetime(2026, 11, 27, 18, 0, tzinfo=TOMSK)]),
        ("30 ноября, 17:00", [datetime(2026, 11, 30, 17, 0, tzinfo=TOMSK)]),
        (
            "послезавтра 12:00\n27.11 16:30; 26/11 8:15",
            [
                datetime(2026, 11, 26, 8, 15, tzinfo=TOMSK),
                datetime(2026, 11, 27, 12, 0, tzinfo=TOMSK),
                datetime(2026, 11, 27, 16, 30, tzinfo=TOMSK),
            ],
        ),
    ],
)
def test_times_are_read_in_the_mentors_zone(text: str, expected: list[datetime]) -> None:
    assert sessions.parse_slots(text, NOW, TOMSK) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", "flash-slots-format"),
        ("в понедельник вечером", "flash-slots-format"),
        ("31.02 10:00", "flash-slots-format"),
        ("завтра 25:00", "flash-slots-format"),
        ("18:00", "flash-slots-format"),
        ("сегодня 10:05", "flash-slots-past"),  # 5 minutes from now: too soon
        ("24.11 12:00", "flash-slots-past"),  # yesterday: not next year's 24 November
        ("в пятницу 5 18:00", "flash-slots-format"),
        ("01.03 10:00", "flash-slots-far"),
        ("завтра 10:00\nзавтра 11:00\nзавтра 12:00\nзавтра 13:00", "flash-slots-many"),
    ],
)
def test_bad_times(text: str, key: str) -> None:
    with pytest.raises(InvalidInput) as error:
        sessions.parse_slots(text, NOW, TOMSK)
    assert error.value.key == key


# --- a matched pair --------------------------------------------------------------------------


async def _matched(seed: Seed) -> tuple[FlashRequest, Participant, Participant]:
    teacher = await seed.person("Учитель Спрашивает", deficits=["digital"])
    mentor = await seed.person("Наставник Отвечает", role=Role.mentor)
    actor = await seed.actor(teacher)
    async with seed.env() as env:
        request = await requests.save_draft(env, actor, draft())
    async with seed.env() as env:
        await requests.submit(env, actor, request.id)
    async with seed.env() as env:
        offer = await env.session.scalar(
            select(FlashOffer).where(FlashOffer.request_id == request.id)
        )
        await offers.accept(env, await seed.actor(mentor), offer.id)
    async with seed.env() as env:
        request = await env.session.get(FlashRequest, request.id)
    return request, teacher, mentor


async def _request(seed: Seed, request_id: int) -> FlashRequest:
    async with seed.env() as env:
        found = await env.session.get(FlashRequest, request_id)
    assert found is not None
    return found


async def _schedule(
    seed: Seed, request: FlashRequest, teacher: Participant, mentor: Participant, text: str
) -> FlashRequest:
    slots = sessions.parse_slots(text, seed.clock.now(), TOMSK)
    async with seed.env() as env:
        proposed = await sessions.propose_slots(env, await seed.actor(mentor), request.id, slots)
    async with seed.env() as env:
        return await sessions.pick_slot(
            env, await seed.actor(teacher), request.id, proposed.slots_version, 0
        )


async def _outbox(seed: Seed, like: str) -> list[OutboxMessage]:
    async with seed.env() as env:
        return list(
            await env.session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.dedup_key.like(like))
                .order_by(OutboxMessage.id)
            )
        )


async def test_the_mentor_proposes_and_the_requester_picks(seed: Seed) -> None:
    request, teacher, mentor = await _matched(seed)
    slots = sessions.parse_slots("завтра 18:00\n27.11 16:30", seed.clock.now(), TOMSK)
    with pytest.raises(InvalidInput):  # only the mentor proposes
        async with seed.env() as env:
            await sessions.propose_slots(env, await seed.actor(teacher), request.id, slots)
    async with seed.env() as env:
        await sessions.propose_slots(env, await seed.actor(mentor), request.id, slots)
    (told,) = await _outbox(seed, f"flash-slots:{request.id}:1")
    buttons = [
        from_json(b["press"]) for row in told.params["reply_markup"]["inline_keyboard"] for b in row
    ]
    assert buttons == [
        SessionPress(PICK, request.id, "1.0"),
        SessionPress(PICK, request.id, "1.1"),
        SessionPress(OTHER_TIME, request.id),
    ]
    assert "чт 26.11 18:00" in told.params["reply_markup"]["inline_keyboard"][0][0]["text"]
    with pytest.raises(InvalidInput):  # only the requester picks
        async with seed.env() as env:
            await sessions.pick_slot(env, await seed.actor(mentor), request.id, 1, 0)
    with pytest.raises(InvalidInput) as stale:
        async with seed.env() as env:
            await sessions.pick_slot(env, await seed.actor(teacher), request.id, 0, 0)
    assert stale.value.key == "flash-slots-stale"
    async with seed.env() as env:
        picked = await sessions.pick_slot(env, await seed.actor(teacher), request.id, 1, 1)
    assert picked.status == FlashStatus.scheduled
    assert picked.scheduled_at == datetime(2026, 11, 27, 16, 30, tzinfo=TOMSK)
    async with seed.env() as env:
        due = {
            (t.kind, t.payload.get("lead")): t.due_at
            for t in await env.session.scalars(
                select(DueTask).where(DueTask.kind.in_(("flash-reminder", "flash-followup")))
            )
        }
    when = picked.scheduled_at
    assert due == {
        ("flash-reminder", "day"): when - timedelta(days=1),
        ("flash-reminder", "hour"): when - timedelta(hours=1),
        ("flash-followup", None): when + FOLLOWUP_DELAY,
    }
    assert await _outbox(seed, f"flash-scheduled:{request.id}:1")


async def test_reminders_go_to_both_and_a_new_time_silences_the_old_ones(seed: Seed) -> None:
    request, teacher, mentor = await _matched(seed)
    first = await _schedule(seed, request, teacher, mentor, "27.11 16:30")
    seed.clock.set(first.scheduled_at - timedelta(days=1))
    async with seed.env() as env:
        await sessions.reminder(env, request.id, first.schedule_version, "day")
    sent = await _outbox(seed, f"flash-reminder:{request.id}:%")
    assert {m.chat_id for m in sent} == {teacher.tg_id, mentor.tg_id}
    to_teacher = next(m for m in sent if m.chat_id == teacher.tg_id)
    assert "Завтра, пт 27.11 16:30" in to_teacher.params["text"]
    assert "Наставник Отвечает" in to_teacher.params["text"]
    second = await _schedule(seed, request, teacher, mentor, "28.11 12:00")
    assert second.schedule_version == first.schedule_version + 1
    async with seed.env() as env:  # the old hour reminder: nothing
        await sessions.reminder(env, request.id, first.schedule_version, "hour")
    assert len(await _outbox(seed, f"flash-reminder:{request.id}:%")) == 2
    async with seed.env() as env:
        reasons = list(
            await env.session.scalars(
                select(FlashEvent.reason)
                .where(FlashEvent.request_id == request.id)
                .order_by(FlashEvent.id)
            )
        )
    assert reasons[-2:] == ["scheduled", "rescheduled"]


async def test_a_meeting_less_than_a_day_ahead_gets_only_the_hour_reminder(seed: Seed) -> None:
    request, teacher, mentor = await _matched(seed)  # the clock: 25.11, 10:00 in Tomsk
    await _schedule(seed, request, teacher, mentor, "сегодня 18:00")
    async with seed.env() as env:
        planned = {
            task.payload["lead"]: task.due_at
            for task in await env.session.scalars(
                select(DueTask).where(
                    DueTask.kind == "flash-reminder", DueTask.status == DueTaskStatus.pending
                )
            )
        }
    meeting = datetime(2026, 11, 25, 18, 0, tzinfo=TOMSK)
    assert set(planned) == {"hour"}
    assert planned["hour"].replace(tzinfo=UTC) == meeting - timedelta(hours=1)


async def test_the_mentors_yes_logs_the_meeting_and_completes_the_request(seed: Seed) -> None:
    request, teacher, mentor = await _matched(seed)
    scheduled = await _schedule(seed, request, teacher, mentor, "завтра 23:30")
    with pytest.raises(InvalidInput) as early:
        async with seed.env() as env:
            await sessions.confirm_meeting(env, await seed.actor(mentor), request.id, 60, "online")
    assert early.value.key == "flash-held-early"
    seed.clock.set(scheduled.scheduled_at + FOLLOWUP_DELAY)
    async with seed.env() as env:
        await sessions.followup(env, request.id, scheduled.schedule_version)
    assert len(await _outbox(seed, f"flash-ask-held:{request.id}:%")) == 2
    async with seed.env() as env:
        await sessions.requester_held(env, await seed.actor(teacher), request.id, True)
    with pytest.raises(InvalidInput):
        async with seed.env() as env:
            await sessions.requester_held(env, await seed.actor(teacher), request.id, False)
    with pytest.raises(InvalidInput):  # "any" format: the mentor says which it was
        async with seed.env() as env:
            await sessions.confirm_meeting(env, await seed.actor(mentor), request.id, 60, "x")
    async with seed.env() as env:
        await sessions.confirm_meeting(env, await seed.actor(mentor), request.id, 45, "offline")
    async with seed.env() as env:
        meeting = await env.session.scalar(select(Meeting))
        attendee = await env.session.scalar(select(MeetingAttendee))
        final = await env.session.get(FlashRequest, request.id)
        mentor_row = await env.session.get(Participant, mentor.id)
    assert final.status == FlashStatus.completed and final.meeting_id == meeting.id
    assert meeting.flash_request_id == request.id and meeting.mentorship_id is None
    assert meeting.mentor_id == mentor.id and meeting.created_by == mentor.id
    assert meeting.organization_id == mentor_row.organization_id
    assert meeting.municipality_id == mentor_row.organization.municipality_id
    # 23:30 in Tomsk on the 26th is the 26th there, though it is the 26th 16:30 in UTC.
    assert meeting.held_on == date(2026, 11, 26)
    assert (meeting.duration_minutes, meeting.format) == (45, "offline")
    assert meeting.topic == "Математика" and meeting.status == MeetingStatus.confirmed
    assert attendee.participant_id == teacher.id and attendee.answer == "confirmed"
    assert await _outbox(seed, f"flash-completed:{request.id}")
    with pytest.raises(InvalidInput):  # logged once
        async with seed.env() as env:
            await sessions.confirm_meeting(env, await seed.actor(mentor), request.id, 45, "online")


async def test_the_requesters_late_no_disputes_the_meeting(seed: Seed) -> None:
    request, teacher, mentor = await _matched(seed)
    scheduled = await _schedule(seed, request, teacher, mentor, "завтра 12:00")
    seed.clock.set(scheduled.scheduled_at + timedelta(hours=2))
    async with seed.env() as env:
        await sessions.confirm_meeting(env, await seed.actor(mentor), request.id, 30, "online")
    async with seed.env() as env:
        await sessions.requester_held(env, await seed.actor(teacher), request.id, False)
    async with seed.env() as env:
        meeting = await env.session.scalar(select(Meeting))
        attendee = await env.session.scalar(select(MeetingAttendee))
    assert meeting.status == MeetingStatus.disputed and attendee.answer == "disputed"


async def test_the_mentors_no_goes_back_to_agreeing_a_time(seed: Seed) -> None:
    request, teacher, mentor = await _matched(seed)
    scheduled = await _schedule(seed, request, teacher, mentor, "завтра 12:00")
    seed.clock.set(scheduled.scheduled_at + timedelta(hours=2))
    async with seed.env() as env:
        back = await sessions.mentor_not_held(env, await seed.actor(mentor), request.id)
    assert back.status == FlashStatus.matched and back.scheduled_at is None
    assert await _outbox(seed, f"flash-not-held:{request.id}:%")
    async with seed.env() as env:  # the old follow-up and its expiry do nothing now
        await sessions.followup_expire(env, request.id, scheduled.schedule_version)
    assert (await _request(seed, request.id)).status == FlashStatus.matched
    seed.clock.advance(MATCH_TTL)
    async with seed.env() as env:
        await sessions.match_expire(env, request.id, back.schedule_version)
    final = await _request(seed, request.id)
    assert final.status == FlashStatus.expired
    told = await _outbox(seed, f"flash-closed:{request.id}:%")
    assert {m.chat_id for m in told} == {teacher.tg_id, mentor.tg_id}


async def test_ratings_once_each_and_the_mentors_totals(seed: Seed) -> None:
    request, teacher, mentor = await _matched(seed)
    with pytest.raises(InvalidInput):  # not completed yet
        async with seed.env() as env:
            await sessions.rate(env, await seed.actor(teacher), request.id, 5)
    scheduled = await _schedule(seed, request, teacher, mentor, "завтра 12:00")
    seed.clock.set(scheduled.scheduled_at + timedelta(hours=2))
    async with seed.env() as env:
        await sessions.confirm_meeting(env, await seed.actor(mentor), request.id, 60, "online")
    for score in (0, 6):
        with pytest.raises(InvalidInput):
            async with seed.env() as env:
                await sessions.rate(env, await seed.actor(teacher), request.id, score)
    async with seed.env() as env:
        await sessions.rate(env, await seed.actor(teacher), request.id, 4)
    async with seed.env() as env:
        await sessions.rate(env, await seed.actor(mentor), request.id, 5)
    with pytest.raises(InvalidInput) as twice:
        async with seed.env() as env:
            await sessions.rate(env, await seed.actor(teacher), request.id, 1)
    assert twice.value.key == "flash-rated-already"
    async with seed.env() as env:
        await sessions.comment(env, await seed.actor(teacher), request.id, "  Очень  помогло! ")
    with pytest.raises(InvalidInput):
        async with seed.env() as env:
            await sessions.comment(env, await seed.actor(teacher), request.id, "ещё")
    with pytest.raises(InvalidInput):
        async with seed.env() as env:
            await sessions.comment(env, await seed.actor(mentor), request.id, "x" * 501)
    async with seed.env() as env:
        ratings = {
            r.rater_id: (r.ratee_id, r.role, r.score, r.comment)
            for r in await env.session.scalars(select(FlashRating))
        }
        profile = await env.session.get(FlashMentorProfile, mentor.id)
    assert ratings == {
        teacher.id: (mentor.id, "mentor", 4, "Очень помогло!"),
        mentor.id: (teacher.id, "requester", 5, None),
    }
    assert (profile.rating_sum, profile.rating_count) == (4, 1)


async def test_messages_are_relayed_escaped_and_only_between_the_two(seed: Seed) -> None:
    request, teacher, mentor = await _matched(seed)
    stranger = await seed.person("Посторонний Человек")
    async with seed.env() as env:
        done = await sessions.relay_text(
            env, await seed.actor(teacher), request.id, "Можно <b>завтра</b> & после?"
        )
    assert done.to.id == mentor.id
    async with seed.env() as env:
        await sessions.relay_copy(env, await seed.actor(mentor), request.id, mentor.tg_id, 42)
    with pytest.raises(NotFound):
        async with seed.env() as env:
            await sessions.relay_text(env, await seed.actor(stranger), request.id, "привет")
    async with seed.env() as env:
        rows = list(await env.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
    relayed = [r for r in rows if "Можно" in str(r.params.get("text", ""))]
    assert relayed[0].chat_id == mentor.tg_id
    assert "Можно &lt;b&gt;завтра&lt;/b&gt; &amp; после?" in relayed[0].params["text"]
    assert "Учитель Спрашивает" in relayed[0].params["text"]
    copy = next(r for r in rows if r.method == "copyMessage")
    assert copy.params == {"chat_id": teacher.tg_id, "from_chat_id": mentor.tg_id, "message_id": 42}
    async with seed.env() as env:
        await requests.cancel(env, await seed.actor(teacher), request.id)
    with pytest.raises(InvalidInput) as closed:
        async with seed.env() as env:
            await sessions.relay_text(env, await seed.actor(mentor), request.id, "привет")
    assert closed.value.key == "flash-now-cancelled"


async def test_contact_sharing_is_explicit_and_once(seed: Seed) -> None:
    request, teacher, mentor = await _matched(seed)
    async with seed.env() as env:
        await sessions.share_contact(env, await seed.actor(mentor), request.id)
    with pytest.raises(InvalidInput):
        async with seed.env() as env:
            await sessions.share_contact(env, await seed.actor(mentor), request.id)
    (told,) = await _outbox(seed, f"flash-contact:{request.id}:%")
    assert told.chat_id == teacher.tg_id
    assert f'href="tg://user?id={mentor.tg_id}"' in told.params["text"]
    assert (await _request(seed, request.id)).requester_shared_at is None


async def test_cancelling_a_session_tells_the_mentor(seed: Seed) -> None:
    request, teacher, mentor = await _matched(seed)
    async with seed.env() as env:
        await requests.cancel(env, await seed.actor(teacher), request.id)
    (told,) = await _outbox(seed, f"flash-closed:{request.id}:mentor")
    assert told.chat_id == mentor.tg_id and "отменил" in told.params["text"]
    with pytest.raises(InvalidInput):
        async with seed.env() as env:
            await requests.cancel(env, await seed.actor(teacher), request.id)
    with pytest.raises(NotFound):
        async with seed.env() as env:
            await requests.cancel(env, await seed.actor(mentor), request.id)


async def test_deleted_accounts_close_or_hand_on_their_requests(seed: Seed) -> None:
    request, teacher, mentor = await _matched(seed)
    spare = await seed.person("Запасной Наставник", role=Role.mentor, org=OTHER_MUNI)
    async with seed.env() as env:
        await sessions.relay_text(env, await seed.actor(mentor), request.id, "Мой ответ")
    async with seed.env() as env:  # the mentor leaves: the search starts again
        await lifecycle.forget_participant(env, mentor.id)
    reopened = await _request(seed, request.id)
    assert reopened.status == FlashStatus.offered and reopened.mentor_id is None
    (words,) = await _outbox(seed, f"flash-relay:{request.id}:{mentor.id}:%")
    assert (words.status, words.params) == (OutboxStatus.cancelled, {})
    (told,) = await _outbox(seed, f"flash-mentor-left:{request.id}:%")
    assert told.status == OutboxStatus.pending
    async with seed.env() as env:
        offered = list(
            await env.session.scalars(
                select(FlashOffer.mentor_id).where(
                    FlashOffer.request_id == request.id,
                    FlashOffer.status == FlashOfferStatus.offered,
                )
            )
        )
    assert offered == [spare.id]
    async with seed.env() as env:  # an earlier session's rating, with the teacher's words
        env.session.add(
            FlashRating(
                request_id=request.id,
                rater_id=teacher.id,
                ratee_id=mentor.id,
                role="mentor",
                score=5,
                comment="Спасибо за помощь с дробями",
                created_at=env.clock.now(),
            )
        )
    async with seed.env() as env:  # the requester leaves: cancelled, the text erased
        await lifecycle.forget_participant(env, teacher.id)
    final = await _request(seed, request.id)
    assert final.status == FlashStatus.cancelled and final.description == ""
    async with seed.env() as env:
        rating = await env.session.scalar(select(FlashRating))
    assert (rating.score, rating.comment) == (5, None)


async def test_a_deleted_account_takes_its_queued_flash_messages_to_others_along(
    seed: Seed,
) -> None:
    """What still waits in the outbox and shows the departed one to someone else (an offer
    with their request, their relayed words, their contact) is dropped; what shows others,
    and the notices about the leaving itself, stay."""
    request, teacher, mentor = await _matched(seed)
    other = await seed.person("Другой Учитель", deficits=["digital"])
    spare = await seed.person("Запасной Наставник", role=Role.mentor, org=OTHER_MUNI)
    async with seed.env() as env:  # the teacher asks again: offers about them go out
        second = await requests.save_draft(env, await seed.actor(teacher), draft())
    async with seed.env() as env:
        await requests.submit(env, await seed.actor(teacher), second.id)
    async with seed.env() as env:  # someone else asks too
        third = await requests.save_draft(env, await seed.actor(other), draft())
    async with seed.env() as env:
        await requests.submit(env, await seed.actor(other), third.id)
    async with seed.env() as env:
        await sessions.relay_text(env, await seed.actor(teacher), request.id, "Мой вопрос")
        await sessions.relay_copy(env, await seed.actor(teacher), request.id, teacher.tg_id, 7)
        await sessions.share_contact(env, await seed.actor(teacher), request.id)
        await sessions.relay_text(env, await seed.actor(mentor), request.id, "Ответ наставника")
    theirs = [o.id for rid in (request.id, second.id) for o in await _request_offers(seed, rid)]
    others = [o.id for o in await _request_offers(seed, third.id)]
    assert theirs and others
    async with seed.env() as env:
        await lifecycle.forget_participant(env, teacher.id)
    async with seed.env() as env:
        rows = list(
            await env.session.scalars(
                select(OutboxMessage).where(OutboxMessage.participant_id != teacher.id)
            )
        )
    status = {r.dedup_key: r.status for r in rows}
    gone = [r for r in rows if r.status == OutboxStatus.cancelled]
    assert {r.dedup_key for r in gone} == {
        *(offers.offer_dedup(oid) for oid in theirs),
        *(k for k in status if k and k.startswith(f"flash-relay:{request.id}:{teacher.id}:")),
        f"flash-contact:{request.id}:{teacher.id}",
    }
    relayed = [r for r in gone if r.dedup_key.startswith("flash-relay:")]
    assert len(relayed) == 3  # the text; a file's note and its copy
    assert all(r.params == {} for r in gone)  # their words are not kept either
    for oid in others:
        assert status[offers.offer_dedup(oid)] == OutboxStatus.pending
    assert status[f"flash-closed:{request.id}:mentor"] == OutboxStatus.pending
    assert {r.participant_id for r in gone} == {mentor.id, spare.id}
    # The mentor's words to the teacher are the teacher's to lose (privacy drops them).
    async with seed.env() as env:
        to_teacher = await env.session.scalar(
            select(OutboxMessage.status).where(
                OutboxMessage.dedup_key.startswith(f"flash-relay:{request.id}:{mentor.id}:")
            )
        )
    assert to_teacher == OutboxStatus.pending


async def test_a_deleted_account_empties_flash_messages_already_sent_that_show_it(
    seed: Seed,
) -> None:
    """Messages already delivered (or failed, or cancelled earlier) that showed the departed
    one to someone else keep their status but lose their text; messages showing others and
    notices naming nobody keep theirs."""
    request, teacher, mentor = await _matched(seed)
    async with seed.env() as env:
        await sessions.relay_text(env, await seed.actor(teacher), request.id, "Мой вопрос")
        await sessions.share_contact(env, await seed.actor(teacher), request.id)
        await sessions.relay_text(env, await seed.actor(mentor), request.id, "Ответ наставника")
    theirs = {
        offers.offer_dedup(o.id): OutboxStatus.sent for o in await _request_offers(seed, request.id)
    }
    relay = (await _outbox(seed, f"flash-relay:{request.id}:{teacher.id}:%"))[0].dedup_key
    theirs[relay] = OutboxStatus.sent
    theirs[f"flash-contact:{request.id}:{teacher.id}"] = OutboxStatus.failed
    card = f"flash-matched:{request.id}:{mentor.id}"  # the mentor's card, to the teacher
    async with seed.env() as env:
        for key, status in theirs.items():
            await env.session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.dedup_key == key)
                .values(status=status, message_id=41)
            )
        await env.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.participant_id != teacher.id)
            .where(OutboxMessage.dedup_key.not_in(list(theirs)))
            .values(status=OutboxStatus.sent)
        )
    async with seed.env() as env:
        kept_before = {
            r.dedup_key: r.params
            for r in await env.session.scalars(
                select(OutboxMessage).where(OutboxMessage.dedup_key.not_in(list(theirs)))
            )
        }
    assert all(kept_before.values())
    async with seed.env() as env:
        emptied = await lifecycle.withdraw_queued(env, teacher.id)
    assert emptied == len(theirs)
    async with seed.env() as env:
        rows = {r.dedup_key: r for r in await env.session.scalars(select(OutboxMessage))}
    for key, status in theirs.items():
        assert (rows[key].status, rows[key].params) == (status, {}), key
    # What shows others, or is addressed to the teacher (privacy's part), is untouched.
    assert {key: rows[key].params for key in kept_before} == kept_before
    assert card in kept_before and any(
        key.startswith(f"flash-relay:{request.id}:{mentor.id}:") for key in kept_before
    )


async def _request_offers(seed: Seed, request_id: int) -> list[FlashOffer]:
    async with seed.env() as env:
        return list(
            await env.session.scalars(select(FlashOffer).where(FlashOffer.request_id == request_id))
        )


async def test_a_mentor_who_lost_the_role_hands_back_sessions_not_a_meeting_already_due(
    seed: Seed,
) -> None:
    """The coordinator takes the mentor role away: at the next tick a session still being
    agreed goes back to the search (the requester and the mentor told, a new wave); a
    meeting whose time has come stays, for the mentor to confirm."""
    from bot.services import participants

    due_now, teacher, mentor = await _matched(seed)
    due_now = await _schedule(seed, due_now, teacher, mentor, "завтра 18:00")
    other = await seed.person("Другой Учитель", deficits=["digital"])
    async with seed.env() as env:
        pending = await requests.save_draft(env, await seed.actor(other), draft())
    async with seed.env() as env:
        await requests.submit(env, await seed.actor(other), pending.id)
    (offer,) = await _request_offers(seed, pending.id)
    async with seed.env() as env:
        await offers.accept(env, await seed.actor(mentor), offer.id)
    spare = await seed.person("Запасной Наставник", role=Role.mentor, org=OTHER_MUNI)
    coordinator = await seed.person(
        "Координатор Школы", coordinator=(ScopeLevel.organization, await seed.org(SCHOOL))
    )
    seed.clock.advance(timedelta(days=2))  # the scheduled meeting's time has passed
    async with seed.env() as env:
        await participants.set_mentor(
            env.session, env.clock, await seed.actor(coordinator), mentor.id, grant=False
        )
    async with seed.env() as env:
        planned = sorted(
            int(task.payload["request_id"])
            for task in await env.session.scalars(
                select(DueTask).where(DueTask.kind == "flash-hand-back")
            )
        )
    assert planned == sorted([due_now.id, pending.id])
    assert (await _request(seed, pending.id)).mentor_id == mentor.id  # until the tick
    async with seed.env() as env:  # what the next tick does
        kept = await lifecycle.hand_back(env, due_now.id, mentor.id)
        handed = await lifecycle.hand_back(env, pending.id, mentor.id)
    assert (kept, handed) == (False, True)
    assert (await _request(seed, due_now.id)).status == FlashStatus.scheduled
    reopened = await _request(seed, pending.id)
    assert reopened.status == FlashStatus.offered and reopened.mentor_id is None
    assert [
        o.mentor_id
        for o in await _request_offers(seed, pending.id)
        if o.status == FlashOfferStatus.offered
    ] == [spare.id]
    (told,) = await _outbox(seed, f"flash-mentor-left:{pending.id}:%")
    assert told.chat_id == other.tg_id and "больше не может его вести" in told.params["text"]
    (mentor_told,) = await _outbox(seed, f"flash-handed-on:{pending.id}:%")
    assert mentor_told.chat_id == mentor.tg_id
    assert "больше нет роли наставника" in mentor_told.params["text"]
    async with seed.env() as env:  # run twice (a retried tick): nothing more happens
        assert not await lifecycle.hand_back(env, pending.id, mentor.id)


async def test_a_mentor_given_the_role_back_before_the_tick_keeps_the_session(
    seed: Seed,
) -> None:
    from bot.services import participants

    request, _teacher, mentor = await _matched(seed)
    coordinator = await seed.person(
        "Координатор Школы", coordinator=(ScopeLevel.organization, await seed.org(SCHOOL))
    )
    for grant in (False, True):
        async with seed.env() as env:
            await participants.set_mentor(
                env.session, env.clock, await seed.actor(coordinator), mentor.id, grant=grant
            )
    async with seed.env() as env:
        assert not await lifecycle.hand_back(env, request.id, mentor.id)
    kept = await _request(seed, request.id)
    assert (kept.status, kept.mentor_id) == (FlashStatus.matched, mentor.id)
    assert await _outbox(seed, f"flash-handed-on:{request.id}:%") == []
