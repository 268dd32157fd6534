"""What the adding windows show: the quick due dates and the days a due date may be on."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from aiogram_dialog import DialogManager

from bot.context import Ctx
from bot.services.mentorship import pairs, plans
from handlers.kit import day_bounds

QUICK_DUE_DAYS = (7, 14, 30)


async def today_of_goal(ctx: Ctx, manager: DialogManager) -> date:
    """Today in the pair's region (a member only: the goal is looked up for the actor)."""
    goal = await plans.goal_for_member(ctx.session, ctx.actor, int(manager.dialog_data["goal_id"]))
    ms = await pairs.get(ctx.session, goal.mentorship_id)
    return await pairs.local_today(ctx.session, ctx.clock, ms.organization_id)


async def due(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    today = await today_of_goal(ctx, dialog_manager)
    items = [(str(n), ctx.texts("plan-due-in-days", days=n)) for n in QUICK_DUE_DAYS]
    return {"items": items, "days": day_bounds(today, today + plans.MAX_AHEAD, today)}


def quick_due(key: str, today: date) -> date | None:
    """The day a quick button means, or None for a key no button has."""
    days = {str(n): n for n in QUICK_DUE_DAYS}.get(key)
    return None if days is None else today + timedelta(days=days)
