"""Typed answers: text only (a command never reaches here: see handlers.kit.window)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram.types import ContentType, Message
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.input import MessageInput

OnText = Callable[[Message, str, DialogManager], Awaitable[None]]


def typed_text(on_text: OnText) -> MessageInput:
    async def handle(message: Message, _: Any, manager: DialogManager) -> None:
        await on_text(message, message.text or "", manager)

    return MessageInput(handle, content_types=ContentType.TEXT)
