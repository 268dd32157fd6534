"""The windows of the /flash conversation (Back walks them in the dialog's window order)."""

from aiogram.fsm.state import State, StatesGroup


class FlashAsk(StatesGroup):
    topic = State()
    description = State()
    format = State()
    timing = State()
    confirm = State()
    subject = State()  # a side window of `topic`: its Back returns there
