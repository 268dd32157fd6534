"""The catch-all, registered last: anything no other handler took gets a helpful answer."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager

from bot.context import Ctx
from bot.i18n import Texts
from bot.services import menu
from handlers.main_menu import show_menu
from models.enums import Role


async def on_unknown_command(message: Message, texts: Texts) -> None:
    await message.answer(texts("fallback-unknown-command"))


async def on_anything(message: Message, ctx: Ctx, dialog_manager: DialogManager) -> None:
    texts, actor = ctx.texts, ctx.actor
    if dialog_manager.has_context():
        # In a dialog whose window takes no such message (a photo where text is asked).
        await message.answer(texts("fallback-step"))
        return
    if not actor.participant_id and not actor.is_admin and not actor.pending:
        await message.answer(texts("fallback-stranger"))
        return
    if actor.pending and not actor.is_admin:
        await show_menu(message, ctx)  # the waiting person's menu says who decides and when
        return
    # Someone writing to the bot in words ("Здравствуйте! Мне нужна помощь"): their menu, and
    # to a mentee the way to ask a mentor for help.
    mentee = Role.mentee in actor.roles and "flash" in menu.main_menu_for(actor)
    await show_menu(
        message, ctx, intro=texts("fallback-menu-mentee" if mentee else "fallback-menu")
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
