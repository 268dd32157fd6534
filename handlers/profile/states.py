"""The windows of /profile: the card, then its side windows (each returns to the card)."""

from aiogram.fsm.state import State, StatesGroup


class ProfileSG(StatesGroup):
    card = State()
    full_name = State()
    experience = State()
    subjects = State()
    deficits = State()
    expertise = State()
    formats = State()
    capacity = State()
    delete = State()
    # Moving to another organization: where, then what it means, then confirm.
    move_municipality = State()
    move_organization = State()
    move_confirm = State()
