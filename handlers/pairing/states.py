"""The windows of forming a pair, one order per way of forming it (Back walks that order).

A coordinator forms (every step); a mentor proposes (no mentor to pick, no start: it starts
when the coordinator approves and everyone confirms).
"""

from aiogram.fsm.state import State, StatesGroup


class PairCreate(StatesGroup):
    form = State()
    mentees = State()
    mentor = State()  # ranked suggestions
    element = State()
    role_model = State()
    start = State()
    end = State()
    confirm = State()
    mentors = State()  # a side window of `mentor`: every mentor in scope; Back → mentees


class PairPropose(StatesGroup):
    form = State()
    mentees = State()
    element = State()
    role_model = State()
    end = State()
    confirm = State()


def mode_of(state: State | None) -> str:
    """«create» or «propose»: which order the open window belongs to."""
    return "create" if state is not None and state.group is PairCreate else "propose"
