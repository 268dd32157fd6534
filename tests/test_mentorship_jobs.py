"""Due work of the pairs feature, run by the scheduler's tick with a moved clock."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy import func, select

from bot.db import transaction
from bot.services import account_deletion
from bot.services.mentorship import meetings, pairs, plans, reminders
from bot.services.mentorship.meetings import MeetingDraft
from bot.settings import Settings
from models import OutboxMessage, Participant
from models.enums import MentorshipStatus, OutboxStatus, Role
from models.mentorship import MentorshipNudge
from scheduler.tick import run_due
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


async def _tick(factory, clock, translator, settings=None) -> None:  # type: ignore[no-untyped-def]
    await run_due(factory, clock, settings or base_settings(), translator)


async def _texts(factory, person) -> list[str]:  # type: ignore[no-untyped-def]
    async with transaction(factory) as session:
        return [m.params["text"] for m in await outbox_to(session, person)]


async def _pair(factory, clock, translator, **kwargs):  # type: ignore[no-untyped-def]
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)
        mentor = await make_person(session, clock, 2, role=Role.mentor)
        mentee = await make_person(session, clock, 3)
        ms = await form_pair(session, clock, translator, coord, mentor, [mentee], **kwargs)
    return coord, mentor, mentee, ms


def _nudges(texts: list[str]) -> int:
    return sum("нет записанных встреч" in t for t in texts)


async def _run_days(factory, clock, translator, days: int, settings=None) -> None:  # type: ignore[no-untyped-def]
    for _ in range(days * 4):  # a tick every six hours
        clock.advance(hours=6)
        await _tick(factory, clock, translator, settings)


async def test_an_idle_pair_nudges_the_mentor_at_most_weekly(factory, clock, translator) -> None:
    _, mentor, mentee, _ = await _pair(factory, clock, translator)
    await _run_days(factory, clock, translator, 20)
    assert _nudges(await _texts(factory, mentor)) == 0  # three weeks have not passed
    await _run_days(factory, clock, translator, 2)
    assert _nudges(await _texts(factory, mentor)) == 1  # on day 21
    await _run_days(factory, clock, translator, 5)
    assert _nudges(await _texts(factory, mentor)) == 1  # not twice in a week (day 27)
    await _run_days(factory, clock, translator, 2)
    assert _nudges(await _texts(factory, mentor)) == 2
    assert _nudges(await _texts(factory, mentee)) == 0
    async with transaction(factory) as session:
        assert await session.scalar(select(func.count(MentorshipNudge.id))) == 2


async def test_a_meeting_resets_the_clock_and_an_end_stops_it(factory, clock, translator) -> None:
    _, mentor, mentee, ms = await _pair(factory, clock, translator)
    await _run_days(factory, clock, translator, 14)
    async with transaction(factory) as session:
        today = await local_today(session, clock, mentor)
        draft = MeetingDraft(ms.id, today, 60, "offline", "Разбор урока", None, (mentee.id,))
        await meetings.log(session, clock, actor_of(mentor), draft, translator)
    await _run_days(factory, clock, translator, 20)
    assert _nudges(await _texts(factory, mentor)) == 0  # 20 days after the meeting
    await _run_days(factory, clock, translator, 2)
    assert _nudges(await _texts(factory, mentor)) == 1
    async with transaction(factory) as session:
        await pairs.end(  # the mentor asks; the mentee confirms: it ends
            session, clock, actor_of(mentor), ms.id, translator, outcome=MentorshipStatus.completed
        )
        await pairs.answer_end_request(
            session, clock, actor_of(mentee), ms.id, translator, confirmed=True
        )
    await _run_days(factory, clock, translator, 30)
    assert _nudges(await _texts(factory, mentor)) == 1


async def test_a_mentor_of_several_idle_pairs_is_nudged_once_a_week(
    factory, clock, translator
) -> None:
    coord, mentor, _, ms = await _pair(factory, clock, translator)
    await _run_days(factory, clock, translator, 3)
    async with transaction(factory) as session:
        second = await make_person(session, clock, 4, name="Кузнецова Ольга")
        await form_pair(session, clock, translator, coord, mentor, [second])
    # The first pair falls due on day 21, the second on day 24: one nudge on day 21 names the
    # first; the second waits for the next week's nudge, which names both.
    await _run_days(factory, clock, translator, 19)
    texts = [t for t in await _texts(factory, mentor) if "нет записанных встреч" in t]
    assert len(texts) == 1 and "Кузнецова Ольга" not in texts[0]
    await _run_days(factory, clock, translator, 5)  # day 27: the second pair is due, but waits
    assert _nudges(await _texts(factory, mentor)) == 1
    await _run_days(factory, clock, translator, 2)  # day 29
    async with transaction(factory) as session:
        last = (await outbox_to(session, mentor))[-1]
    assert "В этих парах" in last.params["text"] and "Кузнецова Ольга" in last.params["text"]
    assert len(buttons_of(last)) == 2 and f"mg:new:{ms.id}" in buttons_of(last)
    assert _nudges(await _texts(factory, mentor)) == 2
    async with transaction(factory) as session:
        sent = list(await session.scalars(select(MentorshipNudge.sent_at)))
    assert len(sent) == 3 and len(set(sent)) == 2  # both pairs are recorded with the second


async def test_the_nudge_follows_the_setting(factory, clock, translator) -> None:
    _, mentor, _, _ = await _pair(factory, clock, translator)
    settings = base_settings(mentorship_nudge_weeks=1)
    assert reminders.nudge_weeks(settings) == 1
    await _run_days(factory, clock, translator, 8, settings)
    assert _nudges(await _texts(factory, mentor)) == 1


async def test_unconfirmed_mentorship_reminds_once(factory, clock, translator) -> None:
    _, mentor, mentee, ms = await _pair(factory, clock, translator, confirm=False)
    async with transaction(factory) as session:
        await pairs.confirm(session, clock, actor_of(mentor), ms.id, translator)
    await _run_days(factory, clock, translator, 5)
    assert sum("Напоминание" in t for t in await _texts(factory, mentee)) == 1
    assert sum("Напоминание" in t for t in await _texts(factory, mentor)) == 0


async def test_overdue_steps_remind_both_a_few_times(factory, clock, translator) -> None:
    _, mentor, mentee, ms = await _pair(factory, clock, translator)
    async with transaction(factory) as session:
        today = await local_today(session, clock, mentor)
        goal = await plans.add_goal(session, clock, actor_of(mentor), ms.id, "Цель")
        late = await plans.add_step(
            session, clock, actor_of(mentor), goal.id, "Просроченный шаг", today
        )
        done = await plans.add_step(session, clock, actor_of(mentor), goal.id, "Готовый шаг", today)
        await plans.toggle_step(session, clock, actor_of(mentee), done.id)
    await _run_days(factory, clock, translator, 40)

    def overdue(texts: list[str]) -> list[str]:
        return [t for t in texts if "Просрочен шаг" in t]

    for person in (mentor, mentee):
        overdue_texts = overdue(await _texts(factory, person))
        assert len(overdue_texts) == reminders.OVERDUE_REMINDERS
        assert all("Просроченный шаг" in t for t in overdue_texts)
    async with transaction(factory) as session:
        assert (await session.get(type(late), late.id)).done_at is None


async def test_unanswered_meeting_reminds_once_unless_edited(factory, clock, translator) -> None:
    _, mentor, mentee, ms = await _pair(factory, clock, translator)
    async with transaction(factory) as session:
        today = await local_today(session, clock, mentor)
        first = await meetings.log(
            session,
            clock,
            actor_of(mentor),
            MeetingDraft(ms.id, today, 60, "online", "Первая", None, (mentee.id,)),
            translator,
        )
        second = await meetings.log(
            session,
            clock,
            actor_of(mentor),
            MeetingDraft(ms.id, today, 30, "online", "Вторая", None, (mentee.id,)),
            translator,
        )
    clock.advance(days=1)
    async with transaction(factory) as session:
        await meetings.edit(
            session, clock, actor_of(mentor), first.id, "duration_minutes", 45, translator
        )
        await meetings.answer(
            session, clock, actor_of(mentee), second.id, translator, confirmed=True
        )
    await _run_days(factory, clock, translator, 5)
    asked = [t for t in await _texts(factory, mentee) if "Напоминание: подтвердите" in t]
    assert len(asked) == 1 and "Первая" in asked[0] and "45 мин" in asked[0]
    clock.advance(timedelta(days=10))
    await _tick(factory, clock, translator)
    assert len([t for t in await _texts(factory, mentee) if "Напоминание: подтвердите" in t]) == 1


def test_the_window_and_the_nudge_are_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    defaults = base_settings()
    assert (defaults.meeting_log_window_days, defaults.mentorship_nudge_weeks) == (30, 3)
    monkeypatch.setenv("MEETING_LOG_WINDOW_DAYS", "14")
    monkeypatch.setenv("MENTORSHIP_NUDGE_WEEKS", "2")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert meetings.log_window_days(settings) == 14
    assert reminders.nudge_weeks(settings) == 2
    for name, bad in (("MENTORSHIP_NUDGE_WEEKS", "0"), ("MEETING_LOG_WINDOW_DAYS", "0")):
        monkeypatch.setenv(name, bad)
        with pytest.raises(ValidationError):
            Settings(_env_file=None)  # type: ignore[call-arg]
        monkeypatch.setenv(name, "5")


async def _nudge_rows(factory, mentor):  # type: ignore[no-untyped-def]
    async with transaction(factory) as session:
        rows = await outbox_to(session, mentor)
    # A withdrawn nudge gives up its key.
    return [m for m in rows if m.dedup_key is None or m.dedup_key.startswith("ms-nudge:")]


async def _two_idle_pairs(factory, clock, translator):  # type: ignore[no-untyped-def]
    """A mentor of two idle pairs, nudged once on day 21 about both."""
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)
        mentor = await make_person(session, clock, 2, role=Role.mentor, capacity=5)
        leaves = await make_person(session, clock, 3, name="Уходящая Анна")
        stays = await make_person(session, clock, 4, name="Кузнецова Ольга")
        await form_pair(session, clock, translator, coord, mentor, [leaves])
        kept = await form_pair(session, clock, translator, coord, mentor, [stays])
    await _run_days(factory, clock, translator, 20)
    while not await _nudge_rows(factory, mentor):  # day 21, and no later: the same day's key
        clock.advance(hours=1)
        await _tick(factory, clock, translator)
    [nudge] = await _nudge_rows(factory, mentor)
    assert "Уходящая Анна" in nudge.params["text"] and "Кузнецова Ольга" in nudge.params["text"]
    return mentor, leaves, kept, nudge


async def _delete(factory, clock, translator, person) -> None:  # type: ignore[no-untyped-def]
    async with transaction(factory) as session:
        await account_deletion.delete_account(
            session, clock, translator, base_settings(), await session.get(Participant, person.id)
        )


async def test_a_queued_nudge_naming_a_departed_mentee_is_planned_again_without_them(
    factory, clock, translator
) -> None:
    mentor, leaves, kept, nudge = await _two_idle_pairs(factory, clock, translator)
    await _delete(factory, clock, translator, leaves)
    async with transaction(factory) as session:
        old = await session.get(OutboxMessage, nudge.id)
        assert (old.status, old.params, old.dedup_key) == (OutboxStatus.cancelled, {}, None)
        # The undelivered nudge is not counted against the once-a-week limit.
        assert await session.scalar(select(func.count(MentorshipNudge.id))) == 0
    await _tick(factory, clock, translator)  # the same day: the check was moved to now
    rows = await _nudge_rows(factory, mentor)
    assert len(rows) == 2 and rows[0].id == nudge.id
    again = rows[-1]
    assert again.status == OutboxStatus.pending and again.dedup_key == nudge.dedup_key
    assert "Кузнецова Ольга" in again.params["text"] and "Уходящая" not in again.params["text"]
    assert buttons_of(again) == [f"mg:new:{kept.id}"]
    async with transaction(factory) as session:
        assert await session.scalar(select(func.count(MentorshipNudge.id))) == 1


async def test_a_sent_nudge_naming_a_departed_mentee_loses_its_text(
    factory, clock, translator
) -> None:
    mentor, leaves, _, nudge = await _two_idle_pairs(factory, clock, translator)
    async with transaction(factory) as session:
        (await session.get(OutboxMessage, nudge.id)).status = OutboxStatus.sent  # type: ignore[union-attr]
    await _delete(factory, clock, translator, leaves)
    await _tick(factory, clock, translator)
    rows = await _nudge_rows(factory, mentor)
    # Emptied, status and key kept; delivered, so not sent again this week.
    assert [(m.id, m.status, m.params, m.dedup_key) for m in rows] == [
        (nudge.id, OutboxStatus.sent, {}, nudge.dedup_key)
    ]
    async with transaction(factory) as session:
        assert await session.scalar(select(func.count(MentorshipNudge.id))) == 2


async def test_a_nudge_not_naming_the_departed_one_stays(factory, clock, translator) -> None:
    _, _, _, nudge = await _two_idle_pairs(factory, clock, translator)
    async with transaction(factory) as session:
        other = await make_person(session, clock, 9, role=Role.mentor)
    await _delete(factory, clock, translator, other)
    async with transaction(factory) as session:
        same = await session.get(OutboxMessage, nudge.id)
        assert same.status == OutboxStatus.pending and same.params == nudge.params
