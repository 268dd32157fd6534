"""Due work of the pairs feature, run by the scheduler's tick with a moved clock."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy import func, select

from bot.db import transaction
from bot.services import meetings, mentorship_reminders, mentorships, plans
from bot.services.meetings import MeetingDraft
from bot.settings import Settings
from models.enums import Role
from models.mentorship import MentorshipNudge
from scheduler.tick import run_due
from tests import test_mentorship_support as support
from tests.conftest import base_settings
from tests.test_mentorship_support import (
    actor_of,
    buttons_of,
    form_pair,
    local_today,
    make_coordinator,
    make_person,
    outbox_to,
)

factory = support.factory
translator = support.translator


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
        await mentorships.end(
            session, clock, actor_of(mentor), ms.id, translator, outcome="completed"
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
    assert mentorship_reminders.nudge_weeks(settings) == 1
    await _run_days(factory, clock, translator, 8, settings)
    assert _nudges(await _texts(factory, mentor)) == 1


async def test_unconfirmed_mentorship_reminds_once(factory, clock, translator) -> None:
    _, mentor, mentee, ms = await _pair(factory, clock, translator, confirm=False)
    async with transaction(factory) as session:
        await mentorships.confirm(session, clock, actor_of(mentor), ms.id, translator)
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
        reminders = overdue(await _texts(factory, person))
        assert len(reminders) == mentorship_reminders.OVERDUE_REMINDERS
        assert all("Просроченный шаг" in t for t in reminders)
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
    reminders = [t for t in await _texts(factory, mentee) if "Напоминание: подтвердите" in t]
    assert len(reminders) == 1 and "Первая" in reminders[0] and "45 мин" in reminders[0]
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
    assert mentorship_reminders.nudge_weeks(settings) == 2
    for name, bad in (("MENTORSHIP_NUDGE_WEEKS", "0"), ("MEETING_LOG_WINDOW_DAYS", "0")):
        monkeypatch.setenv(name, bad)
        with pytest.raises(ValidationError):
            Settings(_env_file=None)  # type: ignore[call-arg]
        monkeypatch.setenv(name, "5")
