"""The main menu: the person's commands as buttons, for a phone where typing /pairs is a chore.

A button runs exactly what its command runs: the press is turned into the command message
and given to that command's handler, found by the handler's own filters, inside the same
update (the same transaction, the same per-person lock), so every command keeps one
implementation.
"""

from __future__ import annotations

from typing import Any

from aiogram import Dispatcher, F, Router
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Chat, InlineKeyboardMarkup, Message
from aiogram_dialog import Dialog, DialogManager
from aiogram_dialog.api.internal import CONTEXT_KEY

from bot.context import Ctx
from bot.i18n import Texts
from bot.middlewares.commands import INSIDE_A_CONVERSATION
from bot.services import menu, pending_notices
from bot.services.access import Actor
from handlers.ui import button, edit_or_send, grid, markup
from models import Participant


class MenuCb(CallbackData, prefix="mm"):
    command: str


class MenuSectionCb(CallbackData, prefix="mn"):
    """A section of the coordinator's menu; the empty one is the main menu itself (Back)."""

    section: str


def main_menu_keyboard(
    actor: Actor, texts: Texts, section: str | None = None
) -> InlineKeyboardMarkup | None:
    """A person's menu (or one section of it) as buttons; None: nothing to show."""
    entries = menu.menu_screen(actor, section)
    if not entries:
        return None
    buttons = [
        button(texts(f"menu-section-{e.name}"), MenuSectionCb(section=e.name))
        if e.section
        else button(texts(f"menu-btn-{e.name}"), MenuCb(command=e.name))
        for e in entries
    ]
    rows = grid(buttons)
    if section is not None:
        rows = [*rows, [button(texts("btn-back"), MenuSectionCb(section=""))]]
    return markup(rows)


async def show_menu(message: Message, ctx: Ctx, *, intro: str | None = None) -> None:
    """The person's menu: /menu, and the answer to a message the bot does not understand."""
    texts, actor = ctx.texts, ctx.actor
    keyboard = main_menu_keyboard(actor, texts)
    if keyboard is None:  # not registered: the stranger's way in is /start
        await message.answer(texts("menu-register-first"))
        return
    if actor.pending and not actor.is_admin and ctx.participant is not None:
        # Registered and waiting: who decides it, and what can be done meanwhile.
        text = await pending_text(ctx, ctx.participant)
    else:
        text = texts("menu-title")
    if intro:
        text = f"{intro}\n\n{text}"
    await message.answer(text, reply_markup=keyboard)


async def pending_text(ctx: Ctx, person: Participant) -> str:
    who = await pending_notices.reviewer(ctx.session, person, ctx.settings.admin_ids)
    return ctx.texts(
        "menu-pending",
        reach=who.reach.value,
        organization=who.organization,
        municipality=who.municipality,
        region=who.region,
    )


async def cmd_menu(message: Message, ctx: Ctx) -> None:
    await show_menu(message, ctx)


async def on_section(callback: CallbackQuery, callback_data: MenuSectionCb, ctx: Ctx) -> None:
    """A section's screen, or Back to the main menu, in place of the pressed menu."""
    section = callback_data.section or None
    keyboard = main_menu_keyboard(ctx.actor, ctx.texts, section)
    if keyboard is None:  # a section they no longer have, or forged data
        await callback.answer(ctx.texts("error-stale-button"), show_alert=True)
        return
    title = ctx.texts(f"menu-title-{section}") if section else ctx.texts("menu-title")
    await edit_or_send(callback, title, keyboard)
    await callback.answer()


async def on_menu(
    callback: CallbackQuery,
    callback_data: MenuCb,
    dispatcher: Dispatcher,
    ctx: Ctx,
    state: FSMContext,
    dialog_manager: DialogManager,
    **data: Any,
) -> None:
    texts = ctx.texts
    # Re-check against the presser's roles now: an old menu may offer what they lost since.
    name = callback_data.command
    if name not in menu.main_menu_for(ctx.actor):
        await callback.answer(texts("error-stale-button"), show_alert=True)
        return
    if name not in INSIDE_A_CONVERSATION:  # as a typed command does, leave the conversation
        if dialog_manager.has_context():
            await dialog_manager.reset_stack()
            data[CONTEXT_KEY] = None  # the closed dialog's filter reads this
    user = callback.from_user
    command = Message(
        message_id=callback.message.message_id if callback.message else 0,
        date=ctx.clock.now(),
        chat=Chat(id=user.id, type="private"),
        from_user=user,
        text=f"/{name}",
    ).as_(data["bot"])
    kwargs = dict(data, ctx=ctx, state=state, dialog_manager=dialog_manager)
    # The command's own handler, found by its own filters, called in this update: not fed
    # back through the dispatcher, whose per-person locks this press already holds.
    for router in dispatcher.chain_tail:
        # A dialog's handler takes any message of its open window (its router's filter says
        # which, and handler.check does not see it): never a command from the menu. Other
        # routers' own filters count too.
        if (
            isinstance(router, Dialog)
            or not (await router.message.check_root_filters(command, **kwargs))[0]
        ):
            continue
        for handler in router.message.handlers:
            matches, found = await handler.check(command, **kwargs)
            if matches:
                await handler.call(command, **found)
                # Answered after the command: a rule error on the way is the press's answer.
                await callback.answer()
                return
    await callback.answer(texts("error-stale-button"), show_alert=True)


def create_router() -> Router:
    """A fresh router per dispatcher (aiogram lets a router have one parent)."""
    router = Router(name=__name__)
    router.message.filter(F.chat.type == "private")
    router.message.register(cmd_menu, Command("menu"), StateFilter("*"))
    router.callback_query.register(on_menu, MenuCb.filter())
    router.callback_query.register(on_section, MenuSectionCb.filter())
    return router
