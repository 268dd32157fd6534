"""The windows of the registration, in the order of its steps (bot.services.steps.ORDER):
Back walks them backwards, passing over those the answers (or an invite) skipped."""

from aiogram.fsm.state import State, StatesGroup


class RegistrationSG(StatesGroup):
    consent = State()
    full_name = State()
    category = State()
    municipality = State()
    organization = State()
    role = State()
    subjects = State()
    experience = State()
    deficits = State()
    expertise = State()
    capacity = State()
    flash = State()
    formats = State()
    confirm = State()
