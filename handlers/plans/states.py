"""Adding to a development plan: a goal (its title), or a step (its title, then its due date)."""

from aiogram.fsm.state import State, StatesGroup


class PlanGoal(StatesGroup):
    title = State()


class PlanStep(StatesGroup):
    title = State()
    due = State()
