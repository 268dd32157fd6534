"""The windows of the roadmap dialogs (Back walks them in each dialog's window order)."""

from aiogram.fsm.state import State, StatesGroup


class RoadmapHome(StatesGroup):
    """/roadmap: the overview and its lists; dates for deadlines the table did not date."""

    home = State()
    mine = State()
    below = State()
    unknown = State()
    needs = State()
    set_date = State()  # data: deadline, item, phrase
    dated = State()  # data: dates, count, parties


class RoadmapImport(StatesGroup):
    """A table or a template: whose, which, the preview, saved. Data: flow, owner, …"""

    owner = State()
    template = State()
    year = State()
    file = State()
    confirm = State()
    created = State()
    deadlines = State()  # every "Срок" of the preview, paged; Back: the preview


class RoadmapStatus(StatesGroup):
    """One deadline (start data: occurrence): its card, then done / not applicable /
    postpone with what the step asks for."""

    card = State()
    evidence = State()
    reason = State()
    postpone = State()
    sent = State()  # the postponement went to the level above: data: to, count
