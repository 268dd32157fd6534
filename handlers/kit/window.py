"""A dialog window that never ignores a person. aiogram_dialog quietly redraws a window on a
press no widget of it knows (a later step's button, forged data) and on a message it has no
input for; here the press gets error-stale-button, the message a word on what is awaited, and
a command is left to its own handler (which closes the dialog first).

A press on a button that is no dialog's (another feature's CallbackData: a notice, a kit Link)
is left to its own handler too, and so is a message while a hand-written conversation (an
aiogram FSM state, started from such a button) waits for it."""

from __future__ import annotations

from typing import Any

from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_dialog import DialogManager
from aiogram_dialog import Window as DialogWindow
from aiogram_dialog.api.internal import CALLBACK_DATA_KEY, RawKeyboard
from aiogram_dialog.api.internal.widgets import MarkupVariant
from aiogram_dialog.api.protocols import DialogProtocol
from aiogram_dialog.utils import CB_SEP
from aiogram_dialog.widgets.markup.inline_keyboard import InlineKeyboardFactory

from bot.middlewares.commands import command_name
from bot.services import menu
from handlers.kit.context import ctx_of
from handlers.kit.links import LINK_MARK
from handlers.kit.picks import stale

_COMMANDS = menu.all_commands()


class _Keyboard(InlineKeyboardFactory):
    """aiogram_dialog's keyboard, but a Link keeps its feature's data (no dialog intent)."""

    async def render_markup(
        self, data: dict[str, Any], manager: DialogManager, keyboard: RawKeyboard
    ) -> MarkupVariant:
        markup = await super().render_markup(data, manager, keyboard)
        marked = manager.current_context().id + CB_SEP + LINK_MARK
        if isinstance(markup, InlineKeyboardMarkup):
            for row in markup.inline_keyboard:
                for button in row:
                    packed = button.callback_data
                    if packed and packed.startswith(marked):
                        button.callback_data = packed.removeprefix(marked)
        return markup


class Window(DialogWindow):
    def __init__(self, *widgets: Any, **options: Any) -> None:
        options.setdefault("markup_factory", _Keyboard())
        super().__init__(*widgets, **options)

    async def process_callback(
        self, callback: CallbackQuery, dialog: DialogProtocol, manager: DialogManager
    ) -> bool:
        if await super().process_callback(callback, dialog, manager):
            return True
        pressed = manager.middleware_data.get(CALLBACK_DATA_KEY) or ""
        if CB_SEP not in pressed:  # no dialog's button: its own feature's handler runs
            raise SkipHandler
        raise stale()

    async def process_message(
        self, message: Message, dialog: DialogProtocol, manager: DialogManager
    ) -> bool:
        if command_name(message.text) in _COMMANDS:
            raise SkipHandler  # the command's handler runs instead
        if await super().process_message(message, dialog, manager):
            return True
        ctx = ctx_of(manager)
        await message.answer(ctx.texts("fallback-step"))
        return True  # and the window again, below the hint
