"""Due-work handlers of the pairs feature and the meeting log. Thin: ids in, services act.

Each reloads the state by id (see bot/services/mentorship/reminders.py), so a reminder that
fell due after the pair ended, the step was checked off or the entry was edited does nothing.
"""

from __future__ import annotations

from typing import Any

from bot.services.mentorship import meetings, pairs, plans, reminders
from scheduler.registry import JobContext, due_handler


@due_handler(reminders.NUDGE)
async def nudge_idle_mentorship(ctx: JobContext, payload: dict[str, Any]) -> None:
    await reminders.check_nudge(
        ctx.session,
        ctx.clock,
        ctx.translator,
        int(payload["mentorship_id"]),
        reminders.nudge_weeks(ctx.settings),
    )


@due_handler(plans.STEP_OVERDUE)
async def remind_overdue_step(ctx: JobContext, payload: dict[str, Any]) -> None:
    await reminders.remind_overdue_step(
        ctx.session,
        ctx.clock,
        ctx.translator,
        int(payload["step_id"]),
        int(payload.get("attempt", 1)),
    )


@due_handler(pairs.CONFIRM_REMINDER)
async def remind_unconfirmed_mentorship(ctx: JobContext, payload: dict[str, Any]) -> None:
    await reminders.remind_unconfirmed(
        ctx.session, ctx.clock, ctx.translator, int(payload["mentorship_id"])
    )


@due_handler(meetings.ANSWER_REMINDER)
async def remind_meeting_answer(ctx: JobContext, payload: dict[str, Any]) -> None:
    await reminders.remind_meeting_answer(
        ctx.session,
        ctx.clock,
        ctx.translator,
        int(payload["meeting_id"]),
        int(payload["revision_id"]),
    )
