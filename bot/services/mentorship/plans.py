"""Individual development plans ("индивидуальный план развития") of a mentorship.

Goals hold steps with due dates. The mentor writes the plan; the mentor and the mentees check
steps off. A step not done by its due date reminds both sides (scheduler/mentorship_jobs.py).
A plan changes only while its mentorship is active: buttons of an ended one are refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services import dates, due, reminder_time
from bot.services.access import Actor
from bot.services.errors import Forbidden, InvalidInput, NotFound
from bot.services.mentorship import pairs
from models.enums import MentorshipStatus, Role
from models.mentorship import DevelopmentGoal, DevelopmentStep, Mentorship, MentorshipMentee

TITLE_MIN, TITLE_MAX = 3, 300
MAX_GOALS = 12
MAX_STEPS = 20  # per goal
MAX_AHEAD = dates.PLAN_STEP_AHEAD
STEP_OVERDUE = "plan-step-overdue"


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    overdue: int


def parse_title(text: str | None) -> str:
    title = " ".join((text or "").split())
    if not TITLE_MIN <= len(title) <= TITLE_MAX:
        raise InvalidInput("plan-bad-title", min=TITLE_MIN, max=TITLE_MAX)
    return title


async def goals_of(session: AsyncSession, mentorship_id: int) -> list[DevelopmentGoal]:
    rows = await session.scalars(
        select(DevelopmentGoal)
        .where(DevelopmentGoal.mentorship_id == mentorship_id)
        .order_by(DevelopmentGoal.created_at, DevelopmentGoal.id)
    )
    return list(rows)


async def progress(session: AsyncSession, mentorship_id: int, today: date) -> Progress:
    row = (
        await session.execute(
            select(
                func.count(DevelopmentStep.id),
                func.count(DevelopmentStep.done_at),
                func.count(DevelopmentStep.id).filter(
                    DevelopmentStep.done_at.is_(None), DevelopmentStep.due_on < today
                ),
            ).where(DevelopmentStep.mentorship_id == mentorship_id)
        )
    ).one()
    return Progress(done=int(row[1]), total=int(row[0]), overdue=int(row[2]))


async def _writable(session: AsyncSession, actor: Actor, mentorship_id: int) -> Mentorship:
    """The plan of an active mentorship, for its mentor."""
    mentorship = await pairs.get_visible(session, actor, mentorship_id)
    if mentorship.mentor_id != actor.participant_id:
        raise Forbidden("plan-mentor-only")
    if mentorship.status != MentorshipStatus.active:
        raise InvalidInput("mentorship-not-active")
    return mentorship


async def add_goal(
    session: AsyncSession, clock: Clock, actor: Actor, mentorship_id: int, title: str | None
) -> DevelopmentGoal:
    mentorship = await _writable(session, actor, mentorship_id)
    count = await session.scalar(
        select(func.count(DevelopmentGoal.id)).where(DevelopmentGoal.mentorship_id == mentorship.id)
    )
    if (count or 0) >= MAX_GOALS:
        raise InvalidInput("plan-too-many-goals", max=MAX_GOALS)
    goal = DevelopmentGoal(
        mentorship_id=mentorship.id,
        title=parse_title(title),
        created_by=actor.participant_id,
        created_at=clock.now(),
    )
    session.add(goal)
    await session.flush()
    await session.refresh(goal, ["steps"])
    return goal


async def _goal(session: AsyncSession, goal_id: int) -> DevelopmentGoal:
    goal = await session.get(DevelopmentGoal, goal_id)
    if goal is None:
        raise NotFound("error-not-found")
    return goal


async def check_step_due(
    session: AsyncSession, clock: Clock, mentorship: Mentorship, due_on: date
) -> None:
    today = await pairs.local_today(session, clock, mentorship.organization_id)
    if due_on < today:
        raise InvalidInput("plan-due-past")
    if due_on - today > MAX_AHEAD:
        raise InvalidInput("plan-due-too-far", last=f"{(today + MAX_AHEAD):%d.%m.%Y}")


async def add_step(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    goal_id: int,
    title: str | None,
    due_on: date,
) -> DevelopmentStep:
    goal = await _goal(session, goal_id)
    mentorship = await _writable(session, actor, goal.mentorship_id)
    if len(goal.steps) >= MAX_STEPS:
        raise InvalidInput("plan-too-many-steps", max=MAX_STEPS)
    await check_step_due(session, clock, mentorship, due_on)
    step = DevelopmentStep(
        goal_id=goal.id,
        mentorship_id=mentorship.id,
        title=parse_title(title),
        due_on=due_on,
        created_by=actor.participant_id,
        created_at=clock.now(),
    )
    session.add(step)
    await session.flush()
    await session.refresh(goal, ["steps"])
    await plan_overdue_reminder(session, clock, mentorship, step, attempt=1)
    return step


async def plan_overdue_reminder(
    session: AsyncSession,
    clock: Clock,
    mentorship: Mentorship,
    step: DevelopmentStep,
    *,
    attempt: int,
) -> None:
    """The morning after the due date (then weekly, a few times) in the pair's region."""
    day = step.due_on + timedelta(days=1 + 7 * (attempt - 1))
    due_at = await reminder_time.morning(session, mentorship.organization_id, day)
    await due.plan(
        session,
        kind=STEP_OVERDUE,
        due_at=max(due_at, clock.now()),
        payload={"step_id": step.id, "attempt": attempt},
        now=clock.now(),
        dedup_key=f"{STEP_OVERDUE}:{step.id}:{attempt}",
    )


async def _step_for_member(
    session: AsyncSession, actor: Actor, step_id: int
) -> tuple[DevelopmentStep, Mentorship]:
    step = await session.get(DevelopmentStep, step_id)
    if step is None:
        raise NotFound("error-not-found")
    mentorship = await pairs.get_visible(session, actor, step.mentorship_id)
    if pairs.role_in(mentorship, actor.participant_id) is None:
        raise Forbidden("plan-members-only")
    if mentorship.status != MentorshipStatus.active:
        raise InvalidInput("mentorship-not-active")
    return step, mentorship


async def toggle_step(
    session: AsyncSession, clock: Clock, actor: Actor, step_id: int
) -> DevelopmentStep:
    """Check a step off, or back on: the mentor and the mentees alike."""
    step, _ = await _step_for_member(session, actor, step_id)
    if step.done_at is None:
        step.done_at = clock.now()
        step.done_by = actor.participant_id
    else:
        step.done_at = None
        step.done_by = None
    await session.flush()
    return step


async def delete_step(session: AsyncSession, actor: Actor, step_id: int) -> int:
    """Remove a step; returns its goal's id. Its pending reminders find nothing and stop."""
    step = await session.get(DevelopmentStep, step_id)
    if step is None:
        raise NotFound("error-not-found")
    await _writable(session, actor, step.mentorship_id)
    goal_id = step.goal_id
    await session.delete(step)
    await session.flush()
    return goal_id


async def delete_goal(session: AsyncSession, actor: Actor, goal_id: int) -> int:
    goal = await _goal(session, goal_id)
    mentorship = await _writable(session, actor, goal.mentorship_id)
    await session.delete(goal)
    await session.flush()
    return mentorship.id


async def goal_for_member(session: AsyncSession, actor: Actor, goal_id: int) -> DevelopmentGoal:
    goal = await _goal(session, goal_id)
    await pairs.get_visible(session, actor, goal.mentorship_id)
    return goal


def can_edit(mentorship: Mentorship, actor: Actor) -> bool:
    return (
        mentorship.status == MentorshipStatus.active
        and mentorship.mentor_id == actor.participant_id
    )


def can_check(mentorship: Mentorship, actor: Actor) -> bool:
    return mentorship.status == MentorshipStatus.active and pairs.role_in(
        mentorship, actor.participant_id
    ) in (
        Role.mentor,
        Role.mentee,
    )


# Put in place of an erased title: the goal and its steps still count in the progress totals.
ERASED_TITLE = "—"


async def forget_participant(session: AsyncSession, participant_id: int) -> None:
    """Account deletion: a plan belongs to its mentorship, so the goals and steps stay (their
    counts, due dates and checks feed the progress totals), but their words go when they are
    the person's: what they wrote (the mentor writes the plan), and the whole plan of a pair
    whose only mentee they are (it describes that person's development). A group's plan stays
    when one of its mentees leaves. Run before the person leaves their mentorships."""
    sole_mentee = (
        select(MentorshipMentee.mentorship_id)
        .group_by(MentorshipMentee.mentorship_id)
        .having(
            func.count(MentorshipMentee.id) == 1,
            func.max(MentorshipMentee.participant_id) == participant_id,
        )
    )
    for model in (DevelopmentGoal, DevelopmentStep):
        await session.execute(
            update(model)
            .where(
                or_(
                    model.created_by == participant_id,
                    model.mentorship_id.in_(sole_mentee),
                )
            )
            .values(title=ERASED_TITLE)
            .execution_options(synchronize_session=False)
        )
