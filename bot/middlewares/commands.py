"""A command sent in the middle of a conversation starts that command.

Without this, a conversation's text step takes "/pairs" (typed, or pressed in the main menu)
as its answer: the announcement text, the flash description. So the conversation is left
first, and the command is routed as if none were running. /help, /language and /cancel are
the exceptions: they work inside a conversation without ending it (/cancel ends it itself).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.dispatcher.event.handler import HandlerObject
from aiogram.types import Message, TelegramObject
from aiogram_dialog import Dialog, DialogManager

from bot.i18n import Texts
from bot.services import menu
from bot.services.access import Actor

INSIDE_A_CONVERSATION = frozenset({"help", "language", "cancel"})


def command_name(text: str | None) -> str | None:
    """'/pairs@mentor_bot args' → 'pairs'; None for a text that is not a command."""
    if not text or not text.startswith("/") or len(text) < 2:
        return None
    return text[1:].split(maxsplit=1)[0].split("@", 1)[0].lower()


class CommandLeavesDialogMiddleware(BaseMiddleware):
    """A command typed in a dialog closes it (an inner middleware: it needs aiogram_dialog's
    manager).
    A dialog's window passes a command on (handlers.kit.window), so the command reaches its
    own handler; here the open dialog is closed before that handler runs."""

    def __init__(self) -> None:
        self._leaving = menu.all_commands() - INSIDE_A_CONVERSATION

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        manager: DialogManager | None = data.get("dialog_manager")
        if (
            isinstance(event, Message)
            and manager is not None
            and manager.has_context()
            and command_name(event.text) in self._leaving
            and not _is_dialog(data.get("handler"))  # it passes the command on: not yet
        ):
            # A dialog may keep what was answered before it goes (the /meet draft): its
            # `on_command_leave(manager, message)`, set by handlers.kit.keeps_on_leave.
            dialog = getattr(manager, "dialog", None)  # the manager's, not its protocol's
            leave = getattr(dialog(), "on_command_leave", None) if callable(dialog) else None
            if leave is not None:
                await leave(manager, event)
            await manager.reset_stack()
        return await handler(event, data)


def _is_dialog(handler: HandlerObject | None) -> bool:
    return handler is not None and isinstance(getattr(handler.callback, "__self__", None), Dialog)


class PendingGateMiddleware(BaseMiddleware):
    """A person whose registration waits for approval gets, for a command they may not use
    yet, a polite word and what they can already do (bot.services.menu decides which)."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        actor: Actor | None = data.get("actor")
        if isinstance(event, Message) and actor is not None:
            name = command_name(event.text)
            if name is not None and menu.held_until_approved(actor, name):
                texts: Texts = data["texts"]
                await event.answer(texts("pending-not-yet"))
                return None
        return await handler(event, data)
