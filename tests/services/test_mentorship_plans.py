"""Rules of development plans."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.db import transaction
from bot.services.errors import Forbidden, InvalidInput, NotFound
from bot.services.mentorship import pairs, plans
from models import DueTask
from models.enums import MentorshipStatus, Role
from models.mentorship import DevelopmentStep
from tests.mentorship_support import (
    actor_of,
    form_pair,
    local_today,
    make_coordinator,
    make_person,
)


async def _pair(session, clock, translator):  # type: ignore[no-untyped-def]
    coord = await make_coordinator(session, clock, 1)
    mentor = await make_person(session, clock, 2, role=Role.mentor)
    mentee = await make_person(session, clock, 3)
    ms = await form_pair(session, clock, translator, coord, mentor, [mentee])
    return coord, mentor, mentee, ms


async def test_the_mentor_writes_the_plan_and_both_check_it_off(factory, clock, translator) -> None:
    async with transaction(factory) as session:
        _, mentor, mentee, ms = await _pair(session, clock, translator)
        today = await local_today(session, clock, mentor)
        goal = await plans.add_goal(session, clock, actor_of(mentor), ms.id, "Освоить ФГОС")
        step = await plans.add_step(
            session, clock, actor_of(mentor), goal.id, "Посетить три урока", today
        )
        assert step.mentorship_id == ms.id
        reminder = await session.scalar(select(DueTask).where(DueTask.kind == plans.STEP_OVERDUE))
        assert reminder.payload == {"step_id": step.id, "attempt": 1}
        step = await plans.toggle_step(session, clock, actor_of(mentee), step.id)
        assert step.done_by == mentee.id
        progress = await plans.progress(session, ms.id, today)
        assert (progress.done, progress.total, progress.overdue) == (1, 1, 0)
        step = await plans.toggle_step(session, clock, actor_of(mentor), step.id)
        assert step.done_at is None


async def test_plan_refusals(factory, clock, translator) -> None:
    async with transaction(factory) as session:
        coord, mentor, mentee, ms = await _pair(session, clock, translator)
        stranger = await make_person(session, clock, 9)
        today = await local_today(session, clock, mentor)
        with pytest.raises(Forbidden, match="plan-mentor-only"):
            await plans.add_goal(session, clock, actor_of(mentee), ms.id, "Моя цель")
        with pytest.raises(NotFound):
            await plans.add_goal(session, clock, actor_of(stranger), ms.id, "Чужая цель")
        with pytest.raises(InvalidInput, match="plan-bad-title"):
            await plans.add_goal(session, clock, actor_of(mentor), ms.id, "  a ")
        goal = await plans.add_goal(session, clock, actor_of(mentor), ms.id, "Цель")
        with pytest.raises(InvalidInput, match="plan-due-past"):
            await plans.add_step(
                session, clock, actor_of(mentor), goal.id, "Шаг", today - timedelta(days=1)
            )
        with pytest.raises(InvalidInput, match="plan-due-too-far"):
            await plans.add_step(
                session, clock, actor_of(mentor), goal.id, "Шаг", today + timedelta(days=1200)
            )
        step = await plans.add_step(session, clock, actor_of(mentor), goal.id, "Шаг", today)
        with pytest.raises(Forbidden, match="plan-members-only"):
            await plans.toggle_step(session, clock, actor_of(coord), step.id)
        with pytest.raises(Forbidden, match="plan-mentor-only"):
            await plans.delete_step(session, actor_of(mentee), step.id)
        await pairs.end(  # by the coordinator: the mentor alone only asks (see its test)
            session, clock, actor_of(coord), ms.id, translator, outcome=MentorshipStatus.completed
        )
        with pytest.raises(InvalidInput, match="mentorship-not-active"):
            await plans.toggle_step(session, clock, actor_of(mentee), step.id)
        with pytest.raises(InvalidInput, match="mentorship-not-active"):
            await plans.add_goal(session, clock, actor_of(mentor), ms.id, "Поздно")
        assert (await session.get(DevelopmentStep, step.id)).done_at is None


async def test_deleting_a_goal_takes_its_steps(factory, clock, translator) -> None:
    async with transaction(factory) as session:
        _, mentor, _, ms = await _pair(session, clock, translator)
        today = await local_today(session, clock, mentor)
        goal = await plans.add_goal(session, clock, actor_of(mentor), ms.id, "Цель")
        for n in range(3):
            await plans.add_step(session, clock, actor_of(mentor), goal.id, f"Шаг {n}", today)
        assert await plans.delete_goal(session, actor_of(mentor), goal.id) == ms.id
        assert await session.scalar(select(func.count(DevelopmentStep.id))) == 0
        assert await plans.goals_of(session, ms.id) == []
