"""The windows of /mentorships, /pairs and a pair's card (Back walks them as each says)."""

from aiogram.fsm.state import State, StatesGroup


class MineSG(StatesGroup):
    """A person's own pairs and groups."""

    list = State()


class ScopeSG(StatesGroup):
    """A coordinator's pairs in scope."""

    home = State()
    list = State()
    over = State()
    free = State()
    disputes = State()


class CardSG(StatesGroup):
    """One pair's card, started over the list it was opened from: its Back closes it."""

    card = State()
    meetings = State()
    end = State()  # completed or stopped early
    reason = State()  # why it stopped early
    confirm = State()
    rating = State()
    comment = State()


class PairTalkSG(StatesGroup):
    """Writing to the other side of a pair through the bot (over its card, or below a relayed
    message)."""

    relay = State()
