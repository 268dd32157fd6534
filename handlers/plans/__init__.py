"""Development plans: the plan and goal screens of a mentorship card (PlanCb buttons, also on
overdue reminders) and the dialogs that add a goal or a step."""

from __future__ import annotations

from aiogram import F, Router

from bot.callbacks.mentorship import PlanCb
from handlers.plans import screens
from handlers.plans.dialogs import goal_dialog, step_dialog


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(F.chat.type == "private")
    on = router.callback_query.register
    on(screens.on_show, PlanCb.filter(F.action == "show"))
    on(screens.on_goal, PlanCb.filter(F.action == "goal"))
    on(screens.on_toggle, PlanCb.filter(F.action == "tg"))
    on(screens.on_mark_done, PlanCb.filter(F.action == "dn"))  # on an overdue reminder
    on(screens.on_add_goal, PlanCb.filter(F.action == "addg"))
    on(screens.on_add_step, PlanCb.filter(F.action == "adds"))
    on(screens.on_delete_step, PlanCb.filter(F.action == "dels"))
    on(screens.on_delete_goal, PlanCb.filter(F.action == "delg"))
    on(screens.on_delete_goal_yes, PlanCb.filter(F.action == "delgy"))
    router.include_routers(goal_dialog(), step_dialog())
    return router
