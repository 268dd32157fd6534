"""Development plans: goals and steps with due dates, checked off by the mentor and mentees.

The plan screen lists every goal and step; a goal screen toggles its steps (members) and adds
or removes steps (the mentor). These screens are buttons of the mentorship card (PlanCb),
and the "done" button comes on an overdue reminder; adding a goal or a step is a dialog.
"""

from __future__ import annotations

from datetime import date
from html import escape

from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup
from aiogram_dialog import DialogManager, StartMode

from bot.callbacks.mentorship import MsCb, PlanCb
from bot.context import Ctx
from bot.i18n import Texts
from bot.services.errors import InvalidInput
from bot.services.mentorship import pairs as mentorships
from bot.services.mentorship import plans
from handlers.mentorship_ui import fmt_date, short
from handlers.plans.states import PlanGoal, PlanStep
from handlers.ui import button, edit_or_send, markup
from models.enums import MentorshipStatus
from models.mentorship import DevelopmentGoal, DevelopmentStep, Mentorship


def _step_line(texts: Texts, step: DevelopmentStep, today: date) -> str:
    overdue = step.done_at is None and step.due_on < today
    return texts(
        "plan-step-line",
        mark="☑" if step.done_at else "☐",
        title=escape(step.title),
        due=fmt_date(step.due_on),
        overdue="yes" if overdue else "no",
    )


async def plan_screen(ctx: Ctx, ms: Mentorship) -> tuple[str, InlineKeyboardMarkup]:
    texts, session = ctx.texts, ctx.session
    today = await mentorships.local_today(session, ctx.clock, ms.organization_id)
    goals = await plans.goals_of(session, ms.id)
    progress = await plans.progress(session, ms.id, today)
    lines = [texts("plan-title", done=progress.done, total=progress.total)]
    if not goals:
        lines.append(texts("plan-empty"))
    rows: list[list[InlineKeyboardButton]] = []
    for goal in goals:
        done = sum(1 for s in goal.steps if s.done_at)
        lines += [
            "",
            texts("plan-goal-line", title=escape(goal.title), done=done, total=len(goal.steps)),
        ]
        lines += [_step_line(texts, step, today) for step in goal.steps]
        label = texts(
            "plan-goal-button", title=short(goal.title, 40), done=done, total=len(goal.steps)
        )
        rows.append([button(label, PlanCb(action="goal", id=goal.id))])
    if plans.can_edit(ms, ctx.actor):
        rows.append([button(texts("plan-btn-add-goal"), PlanCb(action="addg", id=ms.id))])
    rows.append([button(texts("btn-back"), MsCb(action="open", id=ms.id))])
    return "\n".join(lines), markup(rows)


async def goal_screen(ctx: Ctx, goal: DevelopmentGoal) -> tuple[str, InlineKeyboardMarkup]:
    texts, session, actor = ctx.texts, ctx.session, ctx.actor
    ms = await mentorships.get(session, goal.mentorship_id)
    today = await mentorships.local_today(session, ctx.clock, ms.organization_id)
    await session.refresh(goal, ["steps"])
    lines = [texts("plan-goal-title", title=escape(goal.title))]
    if not goal.steps:
        lines.append(texts("plan-goal-empty"))
    lines += [_step_line(texts, step, today) for step in goal.steps]
    rows: list[list[InlineKeyboardButton]] = []
    checkable, editable = plans.can_check(ms, actor), plans.can_edit(ms, actor)
    for step in goal.steps:
        row = []
        if checkable:
            mark = "☑ " if step.done_at else "☐ "
            row.append(button(mark + short(step.title, 45), PlanCb(action="tg", id=step.id)))
        if editable:
            row.append(button("🗑", PlanCb(action="dels", id=step.id)))
        rows.append(row)
    if editable:
        rows.append(
            [
                button(texts("plan-btn-add-step"), PlanCb(action="adds", id=goal.id)),
                button(texts("plan-btn-delete-goal"), PlanCb(action="delg", id=goal.id)),
            ]
        )
    rows.append([button(texts("btn-back"), PlanCb(action="show", id=ms.id))])
    return "\n".join(lines), markup(rows)


async def on_show(
    callback: CallbackQuery, callback_data: PlanCb, ctx: Ctx, dialog_manager: DialogManager
) -> None:
    ms = await mentorships.get_visible(ctx.session, ctx.actor, callback_data.id)
    await dialog_manager.reset_stack(remove_keyboard=False)  # an unfinished goal or step
    text, keyboard = await plan_screen(ctx, ms)
    await callback.answer()
    await edit_or_send(callback, text, keyboard)


async def on_goal(
    callback: CallbackQuery, callback_data: PlanCb, ctx: Ctx, dialog_manager: DialogManager
) -> None:
    goal = await plans.goal_for_member(ctx.session, ctx.actor, callback_data.id)
    await dialog_manager.reset_stack(remove_keyboard=False)
    text, keyboard = await goal_screen(ctx, goal)
    await callback.answer()
    await edit_or_send(callback, text, keyboard)


async def on_toggle(callback: CallbackQuery, callback_data: PlanCb, ctx: Ctx) -> None:
    step = await plans.toggle_step(ctx.session, ctx.clock, ctx.actor, callback_data.id)
    goal = await plans.goal_for_member(ctx.session, ctx.actor, step.goal_id)
    text, keyboard = await goal_screen(ctx, goal)
    await callback.answer(ctx.texts("plan-step-done" if step.done_at else "plan-step-undone"))
    await edit_or_send(callback, text, keyboard)


async def on_mark_done(callback: CallbackQuery, callback_data: PlanCb, ctx: Ctx) -> None:
    """From an overdue reminder: mark done, never undo (the other side may have done it)."""
    step = await ctx.session.get(DevelopmentStep, callback_data.id)
    if step is not None and step.done_at is not None:
        await plans.goal_for_member(ctx.session, ctx.actor, step.goal_id)  # only for members
        await callback.answer(ctx.texts("plan-step-already-done"), show_alert=True)
        return
    step = await plans.toggle_step(ctx.session, ctx.clock, ctx.actor, callback_data.id)
    goal = await plans.goal_for_member(ctx.session, ctx.actor, step.goal_id)
    text, keyboard = await goal_screen(ctx, goal)
    await callback.answer(ctx.texts("plan-step-done"))
    await edit_or_send(callback, text, keyboard)


# --- adding and removing (the mentor) --------------------------------------------------------


def _require_edit(ms: Mentorship, ctx: Ctx) -> None:
    if not plans.can_edit(ms, ctx.actor):
        raise InvalidInput(
            "plan-mentor-only" if ms.status == MentorshipStatus.active else "mentorship-not-active"
        )


async def on_add_goal(
    callback: CallbackQuery, callback_data: PlanCb, ctx: Ctx, dialog_manager: DialogManager
) -> None:
    ms = await mentorships.get_visible(ctx.session, ctx.actor, callback_data.id)
    _require_edit(ms, ctx)
    await callback.answer()
    await dialog_manager.start(PlanGoal.title, {"mentorship_id": ms.id}, mode=StartMode.RESET_STACK)


async def on_add_step(
    callback: CallbackQuery, callback_data: PlanCb, ctx: Ctx, dialog_manager: DialogManager
) -> None:
    goal = await plans.goal_for_member(ctx.session, ctx.actor, callback_data.id)
    _require_edit(await mentorships.get(ctx.session, goal.mentorship_id), ctx)
    await callback.answer()
    await dialog_manager.start(PlanStep.title, {"goal_id": goal.id}, mode=StartMode.RESET_STACK)


async def on_delete_step(callback: CallbackQuery, callback_data: PlanCb, ctx: Ctx) -> None:
    goal_id = await plans.delete_step(ctx.session, ctx.actor, callback_data.id)
    goal = await plans.goal_for_member(ctx.session, ctx.actor, goal_id)
    text, keyboard = await goal_screen(ctx, goal)
    await callback.answer(ctx.texts("plan-step-deleted"))
    await edit_or_send(callback, text, keyboard)


async def on_delete_goal(callback: CallbackQuery, callback_data: PlanCb, ctx: Ctx) -> None:
    goal = await plans.goal_for_member(ctx.session, ctx.actor, callback_data.id)
    _require_edit(await mentorships.get(ctx.session, goal.mentorship_id), ctx)
    texts = ctx.texts
    await callback.answer()
    await edit_or_send(
        callback,
        texts("plan-delete-goal-ask", title=escape(goal.title), steps=len(goal.steps)),
        markup(
            [
                [button(texts("plan-btn-delete-goal-yes"), PlanCb(action="delgy", id=goal.id))],
                [button(texts("btn-back"), PlanCb(action="goal", id=goal.id))],
            ]
        ),
    )


async def on_delete_goal_yes(callback: CallbackQuery, callback_data: PlanCb, ctx: Ctx) -> None:
    mentorship_id = await plans.delete_goal(ctx.session, ctx.actor, callback_data.id)
    ms = await mentorships.get(ctx.session, mentorship_id)
    text, keyboard = await plan_screen(ctx, ms)
    await callback.answer(ctx.texts("plan-goal-deleted"))
    await edit_or_send(callback, text, keyboard)
