"""The windows of /invite (Back walks them in this order; the municipality is skipped, both
ways, for a coordinator who has only one)."""

from aiogram.fsm.state import State, StatesGroup


class InviteSG(StatesGroup):
    role = State()
    category = State()
    municipality = State()
    organization = State()
    expiry = State()
    uses = State()
    consent = State()  # only for an invite of students (minors)
