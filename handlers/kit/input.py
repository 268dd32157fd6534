"""Typed answers: text only, and never a command (a command starts that command instead)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram.types import ContentType, Message
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.input import MessageInput

from bot.middlewares.commands import command_name
from bot.services import menu

OnText = Callable[[Message, str, DialogManager], Awaitable[None]]

_COMMANDS = menu.all_commands()


def _not_a_command(message: Message) -> bool:
    return command_name(message.text) not in _COMMANDS


def typed_text(on_text: OnText) -> MessageInput:
    async def handle(message: Message, _: Any, manager: DialogManager) -> None:
        await on_text(message, message.text or "", manager)

    return MessageInput(handle, content_types=ContentType.TEXT, filter=_not_a_command)
