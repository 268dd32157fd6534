"""Adding a goal (one window: its title) and a step (its title, then when it is due: a quick
choice or a day of the calendar, or a typed day)."""

from __future__ import annotations

from aiogram_dialog import Dialog

from handlers.kit import Tr, Window, cancel_button, choices, day_picker, nav_row, typed_text
from handlers.plans import getters
from handlers.plans import handlers as on
from handlers.plans.states import PlanGoal, PlanStep


def goal_dialog() -> Dialog:
    return Dialog(
        Window(
            Tr("plan-ask-goal"),
            typed_text(on.on_goal_title),
            cancel_button(on.back_to_plan),
            state=PlanGoal.title,
        ),
        on_start=on.started,
    )


def step_dialog() -> Dialog:
    return Dialog(
        Window(
            Tr("plan-ask-step"),
            typed_text(on.on_step_title),
            cancel_button(on.back_to_plan),
            state=PlanStep.title,
        ),
        Window(
            Tr("plan-ask-due"),
            choices("due", on.on_due_quick, width=3),
            *day_picker("due_day", on.on_due_day, future=True),
            nav_row(on_cancel=on.back_to_plan),
            getter=getters.due,
            state=PlanStep.due,
        ),
        on_start=on.started,
    )
