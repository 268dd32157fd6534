"""The windows of the audience picker: the summary, then one window per dimension."""

from aiogram.fsm.state import State, StatesGroup


class AudienceSG(StatesGroup):
    main = State()
    roles = State()
    categories = State()
    munis = State()
    orgs = State()
    forms = State()
    cohorts = State()
