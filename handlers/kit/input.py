"""Typed answers: text only (a command never reaches here: see handlers.kit.window); a sent
photo or document; what a dialog keeps when a typed command closes it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram.types import ContentType, Message
from aiogram_dialog import Dialog, DialogManager
from aiogram_dialog.widgets.input import MessageInput

OnText = Callable[[Message, str, DialogManager], Awaitable[None]]


def typed_text(on_text: OnText) -> MessageInput:
    async def handle(message: Message, _: Any, manager: DialogManager) -> None:
        await on_text(message, message.text or "", manager)

    return MessageInput(handle, content_types=ContentType.TEXT)


OnFile = Callable[[Message, DialogManager], Awaitable[None]]


def sent_file(on_file: OnFile) -> MessageInput:
    """A photo or a document sent at this step (the callback reads it off the message)."""

    async def handle(message: Message, _: Any, manager: DialogManager) -> None:
        await on_file(message, manager)

    return MessageInput(handle, content_types=[ContentType.PHOTO, ContentType.DOCUMENT])


OnLeave = Callable[[DialogManager, Message], Awaitable[None]]


def keeps_on_leave(dialog: Dialog, on_leave: OnLeave) -> Dialog:
    """A dialog that, when a command typed in it closes it (bot.middlewares.commands), first
    runs `on_leave(manager, message)`: keeps its draft and says how to come back to it."""
    setattr(dialog, "on_command_leave", on_leave)  # noqa: B010 (read by name in the middleware)
    return dialog
