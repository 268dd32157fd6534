"""What the adding dialogs do with an answer: the plans service decides, then the goal's
screen shows again (as a new message under a typed answer, in place of a pressed one)."""

from __future__ import annotations

from datetime import date
from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager, ShowMode

from bot.services.mentorship import pairs, plans
from handlers.kit.context import ctx_of
from handlers.kit.picks import stale
from handlers.plans import getters
from handlers.plans.screens import goal_screen, plan_screen
from handlers.plans.states import PlanStep


async def started(start_data: Any, manager: DialogManager) -> None:
    manager.dialog_data.update(start_data or {})


async def on_goal_title(message: Message, text: str, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    mentorship_id = int(manager.dialog_data["mentorship_id"])
    goal = await plans.add_goal(ctx.session, ctx.clock, ctx.actor, mentorship_id, text)
    await manager.done()
    screen, keyboard = await goal_screen(ctx, goal)
    await message.answer(ctx.texts("plan-goal-added") + "\n\n" + screen, reply_markup=keyboard)


async def on_step_title(_: Message, text: str, manager: DialogManager) -> None:
    manager.dialog_data["title"] = plans.parse_title(text)
    await manager.switch_to(PlanStep.due)


async def _save_step(event: CallbackQuery | Message, due_on: date, manager: DialogManager) -> None:
    ctx, data = ctx_of(manager), manager.dialog_data
    step = await plans.add_step(
        ctx.session, ctx.clock, ctx.actor, int(data["goal_id"]), str(data.get("title")), due_on
    )
    goal = await plans.goal_for_member(ctx.session, ctx.actor, step.goal_id)
    screen, keyboard = await goal_screen(ctx, goal)
    added = ctx.texts("plan-step-added")
    if isinstance(event, CallbackQuery):
        await manager.done(show_mode=ShowMode.NO_UPDATE)
        await event.answer(added)
        if isinstance(event.message, Message):
            await event.message.edit_text(screen, reply_markup=keyboard)
    else:
        await manager.done()
        await event.answer(added + "\n\n" + screen, reply_markup=keyboard)


async def on_due_quick(callback: CallbackQuery, key: str, manager: DialogManager) -> None:
    due_on = getters.quick_due(key, await getters.today_of_goal(ctx_of(manager), manager))
    if due_on is None:
        raise stale()
    await _save_step(callback, due_on, manager)


async def on_due_day(event: CallbackQuery | Message, day: date, manager: DialogManager) -> None:
    await _save_step(event, day, manager)


async def back_to_plan(manager: DialogManager) -> None:
    """Cancel: the screen the adding started from comes back, below the «cancelled» word."""
    ctx, data = ctx_of(manager), manager.dialog_data
    if "goal_id" in data:
        goal = await plans.goal_for_member(ctx.session, ctx.actor, int(data["goal_id"]))
        screen, keyboard = await goal_screen(ctx, goal)
    else:
        ms = await pairs.get_visible(ctx.session, ctx.actor, int(data["mentorship_id"]))
        screen, keyboard = await plan_screen(ctx, ms)
    event = manager.event
    if isinstance(event, CallbackQuery) and isinstance(event.message, Message):
        await event.message.answer(screen, reply_markup=keyboard)
