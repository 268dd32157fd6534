"""The windows of /newevent and /events (Back walks each group in this order, or as a window
says)."""

from aiogram.fsm.state import State, StatesGroup


class EventSG(StatesGroup):
    """/newevent's steps; then /announce's audience, preview and sending take the draft."""

    kind = State()
    title = State()
    starts = State()  # a typed day and time, or a day from the calendar
    time = State()  # only after a day without a time
    duration = State()
    place = State()
    description = State()
    registration = State()
    capacity = State()  # only when registration is required


class EventsSG(StatesGroup):
    """/events: what is coming and one's answers; the author's events and their attendance."""

    list = State()
    card = State()
    manage = State()  # the author's events
    managed = State()  # one of them: counts, attendance, spreadsheet, cancel
    attendance = State()  # started here too by the "mark attendance" notice
    cancel = State()  # "cancel it?" before the registered are told
    edit = State()  # what to change: title, time, place, seats, description
    edit_value = State()  # the new value, typed
