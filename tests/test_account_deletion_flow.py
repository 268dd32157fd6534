"""Deleting an account through the dispatcher: the features let go of the person, the others
are told, the anonymous totals stay."""

from __future__ import annotations

from sqlalchemy import select

from bot.callbacks.mentorship import MsCb
from bot.services.access import actor_for
from bot.services.mentorship import meeting_totals, meetings, pairs
from bot.services.mentorship.meetings import MeetingDraft
from models.broadcast import Event, EventRsvp
from models.enums import MentorshipStatus, Role
from models.mentorship import Meeting, Mentorship
from tests.announcement_support import school_coordinator, teachers
from tests.mentorship_support import world_pair
from tests.support import World
from tests.test_announcement_events import create_event, going, rsvp


async def test_a_mentee_with_a_pair_and_an_event_deletes_the_account(world: World) -> None:
    await school_coordinator(world)  # 700
    (mentee,) = await teachers(world, 1000, 1)
    mentor = await world.add_person(800, name="Петрова Анна Сергеевна", role=Role.mentor)
    await create_event(world, capacity="2")
    assert "Свободных мест осталось: 1" in await rsvp(world, 1000, "Приду")
    pair = await world_pair(world, 700, 800, [1000])
    async with world.db() as session:
        today = await pairs.local_today(session, world.app.clock, mentor.organization_id)
        meeting = await meetings.log(
            session,
            world.app.clock,
            actor_for(800, mentor, []),
            MeetingDraft(
                mentorship_id=pair.id,
                held_on=today,
                duration_minutes=60,
                format="online",
                topic="Разбор урока Ааа",
                outcome="План на четверть",
                attendee_ids=(mentee.id,),
            ),
            world.app.translator,
        )
        before = await meeting_totals.overall(session)
    await world.drain()

    user = world.user(1000)
    await user.send("/profile")
    await user.click("Удалить аккаунт")
    await user.click("Нет, оставить")  # changes nothing
    async with world.db() as session:
        assert (await session.get(Mentorship, pair.id)).status == MentorshipStatus.active  # type: ignore[union-attr]
    assert await going(world) == [mentee.id]

    await user.click("Удалить аккаунт")
    await user.click("Да, удалить")
    assert "персональные данные уничтожены" in (user.last_text or "")
    await world.drain()

    notice = world.fake.sent_messages(800)[-1]
    assert "удалил свой аккаунт, поэтому наставничество прекращено" in (notice.text or "")
    assert "Учитель Ааа" not in (notice.text or "")
    async with world.db() as session:
        ms = await session.get(Mentorship, pair.id)
        assert ms is not None and ms.status == MentorshipStatus.stopped
        assert ms.end_reason == pairs.LEFT_REASON
        assert list(await session.scalars(select(EventRsvp))) == []
        (event,) = await session.scalars(select(Event))
        assert event.going_count == 0  # the seat is free again
        kept = await session.get(Meeting, meeting.id)
        assert kept is not None and (kept.topic, kept.outcome) == (None, None)
        assert await meeting_totals.overall(session) == before

    # The pair's card gives the reason in words, not the stored code.
    mentor_user = world.user(800)
    await mentor_user.press_data(MsCb(action="open", id=pair.id).pack())
    card = mentor_user.last_text or ""
    assert "Причина: участник удалил свой аккаунт" in card
    assert pairs.LEFT_REASON not in card
