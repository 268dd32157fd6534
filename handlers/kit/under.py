"""A dialog started from a button on a message the bot sent on its own (a session card, an
invitation): the new window goes below, and the pressed message keeps its buttons.

aiogram_dialog, started from a press, takes the pressed message for the dialog's previous one
and strips its keyboard when it sends the window. For a notice that is wrong: its other
buttons ("write", "propose a time") must keep working. `start_under` marks the start, and the
message manager the dialogs are set up with leaves that one message alone.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from aiogram import Bot
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager, ShowMode, StartMode
from aiogram_dialog.api.entities import OldMessage
from aiogram_dialog.manager.message_manager import MessageManager

from bot.middlewares import callback_answers
from handlers.kit.picks import stale

_keep: ContextVar[int | None] = ContextVar("keep_pressed_message", default=None)


class NoticeKeepingMessageManager(MessageManager):
    async def remove_inline_kbd(self, bot: Bot, old_message: OldMessage | None) -> Message | None:
        if old_message is not None and old_message.message_id == _keep.get():
            return None
        return await super().remove_inline_kbd(bot, old_message)

    async def answer_callback(self, bot: Bot, callback_query: CallbackQuery) -> None:
        # aiogram_dialog answers every press after its on_click; a click that answered with
        # its own words («Запрос отправлен») must not be answered a second time (Telegram
        # rejects it, and the log fills with «query is too old»).
        if callback_answers.was_answered(callback_query.id):
            return
        await super().answer_callback(bot, callback_query)


async def start_under(manager: DialogManager | None, state: State, data: dict[str, Any]) -> None:
    """Start `state`'s dialog in a new message below the pressed one, which stays as it is.

    A press that came without its message (a forged one: Telegram always sends it) has no
    dialog manager: the button is old."""
    if manager is None:
        raise stale()
    event = manager.event
    pressed = getattr(event, "message", None)
    token = _keep.set(pressed.message_id if isinstance(pressed, Message) else None)
    try:
        await manager.start(state, data=data, mode=StartMode.RESET_STACK, show_mode=ShowMode.SEND)
    finally:
        _keep.reset(token)
