"""The windows of the /flash conversation (Back walks them in the dialog's window order)."""

from aiogram.fsm.state import State, StatesGroup


class FlashAsk(StatesGroup):
    topic = State()
    description = State()
    format = State()
    timing = State()
    confirm = State()
    subject = State()  # a side window of `topic`: its Back returns there


class FlashTalk(StatesGroup):
    """A typed answer after a button on a session or settings message (start data: rid)."""

    relay = State()  # writing to the other side through the bot, text or files
    slots = State()  # the mentor proposing times
    comment = State()  # a comment after the stars
    notes = State()  # a mentor's own words on what they can help with
