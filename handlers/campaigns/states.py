"""The windows of /campaigns (Back walks each dialog in this order). The audience is the
shared picker's sub-dialog (handlers.kit.audience), started over the template step."""

from aiogram.fsm.state import State, StatesGroup


class CampaignsSG(StatesGroup):
    list = State()
    card = State()
    close = State()  # «close it now?» over the card
    schedules = State()
    launched = State()  # what the launch made: a campaign, or a schedule


class LaunchSG(StatesGroup):
    template = State()  # then the audience picker
    opens = State()  # a campaign's dates
    closes = State()
    months = State()  # a schedule's months and duration
    duration = State()
    confirm = State()
