"""Development plans: goals and steps with due dates, checked off by the mentor and mentees.

The plan screen lists every goal and step; a goal screen toggles its steps (members) and adds
or removes steps (the mentor). Adding asks for a title, then a due date (quick choices or typed).
"""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Texts
from bot.services import dates
from bot.services.access import Actor
from bot.services.errors import InvalidInput
from bot.services.mentorship import pairs as mentorships
from bot.services.mentorship import plans
from handlers.mentorship_ui import MsCb, PlanCb, fmt_date, short
from handlers.ui import button, edit_or_send, markup
from models.enums import MentorshipStatus
from models.mentorship import DevelopmentGoal, DevelopmentStep, Mentorship

router = Router(name=__name__)
router.message.filter(F.chat.type == "private")

QUICK_DUE_DAYS = (7, 14, 30)


class PlanSG(StatesGroup):
    goal_title = State()
    step_title = State()
    step_due = State()


def _step_line(texts: Texts, step: DevelopmentStep, today: date) -> str:
    overdue = step.done_at is None and step.due_on < today
    return texts(
        "plan-step-line",
        mark="☑" if step.done_at else "☐",
        title=escape(step.title),
        due=fmt_date(step.due_on),
        overdue="yes" if overdue else "no",
    )


async def plan_screen(
    session: AsyncSession, clock: Clock, actor: Actor, texts: Texts, ms: Mentorship
) -> tuple[str, InlineKeyboardMarkup]:
    today = await mentorships.local_today(session, clock, ms.organization_id)
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
    if plans.can_edit(ms, actor):
        rows.append([button(texts("plan-btn-add-goal"), PlanCb(action="addg", id=ms.id))])
    rows.append([button(texts("btn-back"), MsCb(action="open", id=ms.id))])
    return "\n".join(lines), markup(rows)


async def goal_screen(
    session: AsyncSession, clock: Clock, actor: Actor, texts: Texts, goal: DevelopmentGoal
) -> tuple[str, InlineKeyboardMarkup]:
    ms = await mentorships.get(session, goal.mentorship_id)
    today = await mentorships.local_today(session, clock, ms.organization_id)
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


@router.callback_query(PlanCb.filter(F.action == "show"))
async def on_show(
    callback: CallbackQuery,
    callback_data: PlanCb,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    state: FSMContext,
) -> None:
    ms = await mentorships.get_visible(session, actor, callback_data.id)
    await state.clear()
    text, keyboard = await plan_screen(session, clock, actor, texts, ms)
    await callback.answer()
    await edit_or_send(callback, text, keyboard)


@router.callback_query(PlanCb.filter(F.action == "goal"))
async def on_goal(
    callback: CallbackQuery,
    callback_data: PlanCb,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    state: FSMContext,
) -> None:
    goal = await plans.goal_for_member(session, actor, callback_data.id)
    await state.clear()
    text, keyboard = await goal_screen(session, clock, actor, texts, goal)
    await callback.answer()
    await edit_or_send(callback, text, keyboard)


@router.callback_query(PlanCb.filter(F.action == "tg"))
async def on_toggle(
    callback: CallbackQuery,
    callback_data: PlanCb,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
) -> None:
    step = await plans.toggle_step(session, clock, actor, callback_data.id)
    goal = await plans.goal_for_member(session, actor, step.goal_id)
    text, keyboard = await goal_screen(session, clock, actor, texts, goal)
    await callback.answer(texts("plan-step-done" if step.done_at else "plan-step-undone"))
    await edit_or_send(callback, text, keyboard)


@router.callback_query(PlanCb.filter(F.action == "dn"))
async def on_mark_done(
    callback: CallbackQuery,
    callback_data: PlanCb,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
) -> None:
    """From an overdue reminder: mark done, never undo (the other side may have done it)."""
    step = await session.get(DevelopmentStep, callback_data.id)
    if step is not None and step.done_at is not None:
        await plans.goal_for_member(session, actor, step.goal_id)  # still only for members
        await callback.answer(texts("plan-step-already-done"), show_alert=True)
        return
    step = await plans.toggle_step(session, clock, actor, callback_data.id)
    goal = await plans.goal_for_member(session, actor, step.goal_id)
    text, keyboard = await goal_screen(session, clock, actor, texts, goal)
    await callback.answer(texts("plan-step-done"))
    await edit_or_send(callback, text, keyboard)


# --- adding and removing (the mentor) --------------------------------------------------------


def _cancel_row(texts: Texts, back: PlanCb) -> InlineKeyboardMarkup:
    return markup([[button(texts("btn-back"), back)]])


@router.callback_query(PlanCb.filter(F.action == "addg"))
async def on_add_goal(
    callback: CallbackQuery,
    callback_data: PlanCb,
    actor: Actor,
    session: AsyncSession,
    texts: Texts,
    state: FSMContext,
) -> None:
    ms = await mentorships.get_visible(session, actor, callback_data.id)
    if not plans.can_edit(ms, actor):
        raise InvalidInput(
            "plan-mentor-only" if ms.status == MentorshipStatus.active else "mentorship-not-active"
        )
    await state.set_state(PlanSG.goal_title)
    await state.update_data(mentorship_id=ms.id)
    await callback.answer()
    await edit_or_send(
        callback, texts("plan-ask-goal"), _cancel_row(texts, PlanCb(action="show", id=ms.id))
    )


@router.message(PlanSG.goal_title, F.text)
async def on_goal_title(
    message: Message,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    state: FSMContext,
) -> None:
    data = await state.get_data()
    goal = await plans.add_goal(session, clock, actor, int(data["mentorship_id"]), message.text)
    await state.clear()
    text, keyboard = await goal_screen(session, clock, actor, texts, goal)
    await message.answer(texts("plan-goal-added") + "\n\n" + text, reply_markup=keyboard)


@router.callback_query(PlanCb.filter(F.action == "adds"))
async def on_add_step(
    callback: CallbackQuery,
    callback_data: PlanCb,
    actor: Actor,
    session: AsyncSession,
    texts: Texts,
    state: FSMContext,
) -> None:
    goal = await plans.goal_for_member(session, actor, callback_data.id)
    ms = await mentorships.get(session, goal.mentorship_id)
    if not plans.can_edit(ms, actor):
        raise InvalidInput(
            "plan-mentor-only" if ms.status == MentorshipStatus.active else "mentorship-not-active"
        )
    await state.set_state(PlanSG.step_title)
    await state.update_data(goal_id=goal.id)
    await callback.answer()
    await edit_or_send(
        callback, texts("plan-ask-step"), _cancel_row(texts, PlanCb(action="goal", id=goal.id))
    )


@router.message(PlanSG.step_title, F.text)
async def on_step_title(message: Message, texts: Texts, state: FSMContext) -> None:
    title = plans.parse_title(message.text)
    data = await state.get_data()
    await state.update_data(title=title)
    await state.set_state(PlanSG.step_due)
    rows = [
        [
            button(texts("plan-due-in-days", days=days), PlanCb(action="due", id=days))
            for days in QUICK_DUE_DAYS
        ],
        [button(texts("btn-back"), PlanCb(action="goal", id=int(data["goal_id"])))],
    ]
    await message.answer(texts("plan-ask-due"), reply_markup=markup(rows))


async def _save_step(
    target: CallbackQuery | Message,
    due_on: date,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    state: FSMContext,
) -> None:
    data = await state.get_data()
    step = await plans.add_step(
        session, clock, actor, int(data["goal_id"]), str(data.get("title") or ""), due_on
    )
    await state.clear()
    goal = await plans.goal_for_member(session, actor, step.goal_id)
    text, keyboard = await goal_screen(session, clock, actor, texts, goal)
    if isinstance(target, CallbackQuery):
        await target.answer(texts("plan-step-added"))
        await edit_or_send(target, text, keyboard)
    else:
        await target.answer(texts("plan-step-added") + "\n\n" + text, reply_markup=keyboard)


@router.callback_query(PlanSG.step_due, PlanCb.filter(F.action == "due"))
async def on_due_quick(
    callback: CallbackQuery,
    callback_data: PlanCb,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    state: FSMContext,
) -> None:
    if callback_data.id not in QUICK_DUE_DAYS:
        raise InvalidInput("error-stale-button")
    goal = await plans.goal_for_member(session, actor, int((await state.get_data())["goal_id"]))
    ms = await mentorships.get(session, goal.mentorship_id)
    today = await mentorships.local_today(session, clock, ms.organization_id)
    due_on = today + timedelta(days=callback_data.id)
    await _save_step(callback, due_on, actor, session, clock, texts, state)


@router.message(PlanSG.step_due, F.text)
async def on_due_typed(
    message: Message,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    state: FSMContext,
) -> None:
    goal = await plans.goal_for_member(session, actor, int((await state.get_data())["goal_id"]))
    ms = await mentorships.get(session, goal.mentorship_id)
    today = await mentorships.local_today(session, clock, ms.organization_id)
    due_on = dates.parse_day(message.text, today, future=True)
    await _save_step(message, due_on, actor, session, clock, texts, state)


@router.callback_query(PlanCb.filter(F.action == "dels"))
async def on_delete_step(
    callback: CallbackQuery,
    callback_data: PlanCb,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
) -> None:
    goal_id = await plans.delete_step(session, actor, callback_data.id)
    goal = await plans.goal_for_member(session, actor, goal_id)
    text, keyboard = await goal_screen(session, clock, actor, texts, goal)
    await callback.answer(texts("plan-step-deleted"))
    await edit_or_send(callback, text, keyboard)


@router.callback_query(PlanCb.filter(F.action == "delg"))
async def on_delete_goal(
    callback: CallbackQuery,
    callback_data: PlanCb,
    actor: Actor,
    session: AsyncSession,
    texts: Texts,
) -> None:
    goal = await plans.goal_for_member(session, actor, callback_data.id)
    ms = await mentorships.get(session, goal.mentorship_id)
    if not plans.can_edit(ms, actor):
        raise InvalidInput(
            "plan-mentor-only" if ms.status == MentorshipStatus.active else "mentorship-not-active"
        )
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


@router.callback_query(PlanCb.filter(F.action == "delgy"))
async def on_delete_goal_yes(
    callback: CallbackQuery,
    callback_data: PlanCb,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
) -> None:
    mentorship_id = await plans.delete_goal(session, actor, callback_data.id)
    ms = await mentorships.get(session, mentorship_id)
    text, keyboard = await plan_screen(session, clock, actor, texts, ms)
    await callback.answer(texts("plan-goal-deleted"))
    await edit_or_send(callback, text, keyboard)
