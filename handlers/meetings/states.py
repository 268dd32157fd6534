"""The windows of the meeting log and of a saved entry's edit (Back walks them in order)."""

from aiogram.fsm.state import State, StatesGroup


class MeetLog(StatesGroup):
    pair = State()  # only when the mentor has several pairs
    date = State()
    duration = State()
    format = State()
    topic = State()
    outcome = State()
    attendees = State()  # only for a group
    confirm = State()


class MeetEdit(StatesGroup):
    """One field of a saved entry: the field, then its step; saved at once."""

    fields = State()
    date = State()
    duration = State()
    format = State()
    topic = State()
    outcome = State()
    attendees = State()


class MeetDispute(StatesGroup):
    """A mentee disputing an entry: why (typed, or skipped), then the dispute is recorded."""

    reason = State()
