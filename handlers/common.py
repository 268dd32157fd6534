"""Commands that work everywhere and in any state: /cancel, /help, /language."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager

from bot.context import Ctx
from bot.i18n import SUPPORTED, Texts
from bot.services import menu, participants
from bot.services.access import Actor
from handlers import menu as menu_ui
from handlers.main_menu import main_menu_keyboard
from handlers.ui import button, markup


class LangCb(CallbackData, prefix="lg"):
    lang: str


async def cmd_cancel(
    message: Message, state: FSMContext, dialog_manager: DialogManager, texts: Texts
) -> None:
    had_state = await state.get_state() is not None or dialog_manager.has_context()
    await state.clear()
    if dialog_manager.has_context():
        await dialog_manager.reset_stack()
    await message.answer(texts("cancelled" if had_state else "nothing-to-cancel"))


async def cmd_help(message: Message, texts: Texts, actor: Actor) -> None:
    lines = [texts("help-title")]
    lines += [f"/{name} — {texts(f'cmd-{name}')}" for name in menu.commands_for(actor)]
    await message.answer("\n".join(lines), reply_markup=main_menu_keyboard(actor, texts))


async def cmd_language(message: Message, texts: Texts) -> None:
    await message.answer(
        texts("language-choose"),
        reply_markup=markup(
            [[button(texts(f"language-{lang}"), LangCb(lang=lang)) for lang in SUPPORTED]]
        ),
    )


async def on_language(
    callback: CallbackQuery, callback_data: LangCb, state: FSMContext, ctx: Ctx
) -> None:
    if callback_data.lang not in SUPPORTED:
        await callback.answer(ctx.texts("error-stale-button"), show_alert=True)
        return
    texts = ctx.translator.for_lang(callback_data.lang)
    if ctx.participant is not None:
        await participants.update_profile(
            ctx.session, ctx.clock, ctx.participant, "language", callback_data.lang
        )
        await menu_ui.queue_commands(
            ctx.session, ctx.clock, ctx.translator, ctx.participant, ctx.settings.admin_ids
        )
    else:
        # Not registered yet: remember the choice in the conversation; registration keeps it.
        await state.update_data(lang=callback_data.lang)
    await callback.answer(texts("language-set"))
    if isinstance(callback.message, Message):
        await callback.message.edit_text(texts("language-set"))


def create_router() -> Router:
    """A fresh router per dispatcher (aiogram lets a router have one parent)."""
    router = Router(name=__name__)
    router.message.filter(F.chat.type == "private")
    # /cancel first, so that it works in the middle of any conversation.
    router.message.register(cmd_cancel, Command("cancel"), StateFilter("*"))
    router.message.register(cmd_help, Command("help"), StateFilter("*"))
    router.message.register(cmd_language, Command("language"), StateFilter("*"))
    router.callback_query.register(on_language, LangCb.filter())
    return router
