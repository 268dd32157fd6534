"""The catch-all, registered last: anything no other handler took gets a helpful answer."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager

from bot.i18n import Texts


async def on_unknown_command(message: Message, texts: Texts) -> None:
    await message.answer(texts("fallback-unknown-command"))


async def on_anything(message: Message, texts: Texts, dialog_manager: DialogManager) -> None:
    # In a dialog whose window takes no such message (a photo where text is asked).
    await message.answer(
        texts("fallback-step" if dialog_manager.has_context() else "fallback-idle")
    )


async def on_stale_button(callback: CallbackQuery, texts: Texts) -> None:
    """A button from an old message, another conversation, or forged data."""
    await callback.answer(texts("error-stale-button"), show_alert=True)


def create_router() -> Router:
    """A fresh router per dispatcher (aiogram lets a router have one parent)."""
    router = Router(name=__name__)
    router.message.register(on_unknown_command, F.chat.type == "private", F.text.startswith("/"))
    router.message.register(on_anything, F.chat.type == "private")
    router.callback_query.register(on_stale_button)
    return router
