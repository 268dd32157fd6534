"""The windows of /participants and /pending: the list, and a person's card."""

from aiogram.fsm.state import State, StatesGroup


class PeopleSG(StatesGroup):
    list = State()
    card = State()
