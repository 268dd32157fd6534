"""A dialog window that never ignores a person. aiogram_dialog quietly redraws a window on a
press no widget of it knows (a later step's button, forged data) and on a message it has no
input for; here the press gets «кнопка устарела», the message a word on what is awaited, and
a command is left to its own handler (which closes the dialog first)."""

from __future__ import annotations

from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager
from aiogram_dialog import Window as DialogWindow
from aiogram_dialog.api.protocols import DialogProtocol

from bot.context import Ctx
from bot.middlewares.commands import command_name
from bot.services import menu
from handlers.kit.picks import stale

_COMMANDS = menu.all_commands()


class Window(DialogWindow):
    async def process_callback(
        self, callback: CallbackQuery, dialog: DialogProtocol, manager: DialogManager
    ) -> bool:
        if await super().process_callback(callback, dialog, manager):
            return True
        raise stale()

    async def process_message(
        self, message: Message, dialog: DialogProtocol, manager: DialogManager
    ) -> bool:
        if command_name(message.text) in _COMMANDS:
            raise SkipHandler  # the command's handler runs instead
        if await super().process_message(message, dialog, manager):
            return True
        ctx: Ctx = manager.middleware_data["ctx"]
        await message.answer(ctx.texts("fallback-step"))
        return True  # and the window again, below the hint
