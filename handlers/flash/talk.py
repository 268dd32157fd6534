"""Typed answers after a button on a session card or the mentor's settings, as one small
dialog: writing to the other side through the bot, proposing times, a comment after the
stars, the mentor's own words. It opens below the pressed message, which keeps its buttons
(handlers.kit.under)."""

from __future__ import annotations

import asyncio
from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager, ShowMode
from aiogram_dialog.widgets.kbd import Button

from bot.services.errors import InvalidInput
from bot.services.flash import mentor_settings, parties, render, sessions
from handlers.flash.mentor import settings_screen
from handlers.flash.states import FlashTalk
from handlers.flash.ui import flash_env
from handlers.kit import Tr, Window, typed_text
from handlers.kit.context import ctx_of
from handlers.kit.relay import mark_sent, relay_window, was_sent
from handlers.ui import edit_or_send


def _rid(manager: DialogManager) -> int:
    data = manager.start_data
    rid = data.get("rid") if isinstance(data, dict) else None
    if not isinstance(rid, int):
        raise InvalidInput("error-stale-button")
    return rid


async def _close(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    """Done, Cancel, Skip: the prompt becomes a word, its button goes."""
    await manager.done(show_mode=ShowMode.NO_UPDATE)
    if isinstance(callback.message, Message):
        await callback.message.edit_text(ctx_of(manager).texts("flash-write-done"))


# --- writing through the bot ------------------------------------------------------------------


async def _to_whom(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    ctx = ctx_of(dialog_manager)
    target = await sessions.relay_check(flash_env(ctx), ctx.actor, _rid(dialog_manager))
    return {"name": render.esc(target.to.full_name), "sent": was_sent(dialog_manager)}


async def _relay_text(_: Message, text: str, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    await sessions.relay_text(flash_env(ctx), ctx.actor, _rid(manager), text)
    mark_sent(manager)


async def _relay_file(message: Message, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    await sessions.relay_copy(
        flash_env(ctx), ctx.actor, _rid(manager), message.chat.id, message.message_id
    )
    mark_sent(manager)


# --- proposing times --------------------------------------------------------------------------


async def _slots_prompt(**_: Any) -> dict[str, Any]:
    return {"max": sessions.MAX_SLOTS}


async def _slots(message: Message, text: str, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    # The one date reader is CPU work: off the event loop (bot.services.dates.read_day).
    slots = await asyncio.to_thread(sessions.parse_slots, text, ctx.clock.now(), ctx.zone)
    request = await sessions.propose_slots(flash_env(ctx), ctx.actor, _rid(manager), slots)
    await manager.done(show_mode=ShowMode.NO_UPDATE)
    requester = await parties.get_person(ctx.session, request.requester_id)
    name = render.esc(requester.full_name if requester else "")
    sent = ctx.texts("flash-slots-sent", name=name)
    await message.answer(sent + "\n" + render.slots_text(ctx.texts, slots, ctx.zone))


# --- a comment after the stars ----------------------------------------------------------------


async def _score(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data = dialog_manager.start_data
    return {"score": data.get("score", 0) if isinstance(data, dict) else 0}


async def _comment(message: Message, text: str, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    await sessions.comment(flash_env(ctx), ctx.actor, _rid(manager), text)
    await manager.done(show_mode=ShowMode.NO_UPDATE)
    await message.answer(ctx.texts("flash-comment-saved"))


# --- a mentor's own words ---------------------------------------------------------------------


async def _notes_prompt(**_: Any) -> dict[str, Any]:
    return {"max": mentor_settings.NOTES_MAX}


async def _notes(message: Message, text: str, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    await mentor_settings.set_notes(flash_env(ctx), ctx.actor, text)
    await manager.done(show_mode=ShowMode.NO_UPDATE)
    screen, keyboard = await settings_screen(flash_env(ctx), ctx.actor, ctx.texts, ctx.zone)
    await message.answer(ctx.texts("flash-notes-saved") + "\n\n" + screen, reply_markup=keyboard)


async def _notes_back(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    await manager.done(show_mode=ShowMode.NO_UPDATE)
    screen, keyboard = await settings_screen(flash_env(ctx), ctx.actor, ctx.texts, ctx.zone)
    await edit_or_send(callback, screen, keyboard)


def talk_dialog() -> Dialog:
    return Dialog(
        relay_window(
            FlashTalk.relay,
            prompt="flash-write-prompt",
            sent="flash-write-sent",
            getter=_to_whom,
            on_text=_relay_text,
            on_file=_relay_file,
            on_done=_close,
        ),
        Window(
            Tr("flash-slots-prompt"),
            typed_text(_slots),
            Button(Tr("btn-cancel"), id="cancel", on_click=_close),
            getter=_slots_prompt,
            state=FlashTalk.slots,
        ),
        Window(
            Tr("flash-rated"),
            typed_text(_comment),
            Button(Tr("flash-btn-skip"), id="skip", on_click=_close),
            getter=_score,
            state=FlashTalk.comment,
        ),
        Window(
            Tr("flash-ask-notes"),
            typed_text(_notes),
            Button(Tr("btn-back"), id="back", on_click=_notes_back),
            getter=_notes_prompt,
            state=FlashTalk.notes,
        ),
    )
