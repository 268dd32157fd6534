"""The windows of /announce (Back walks them in this order); the audience is the shared
picker's sub-dialog (handlers.kit.audience), started between the attachment and the preview."""

from aiogram.fsm.state import State, StatesGroup


class AnnounceSG(StatesGroup):
    text = State()
    attachment = State()
    confirm = State()  # after the preview messages: send now, schedule, edit, audience
    when = State()
