"""/requests: one's own flash requests, their history, sending a draft, cancelling."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.callbacks.flash import RequestCb
from bot.context import Ctx
from bot.i18n import Texts
from bot.services.access import Actor
from bot.services.flash import buttons, parties, render
from bot.services.flash import requests as flash_requests
from bot.services.flash.config import FlashEnv
from bot.services.flash.states import FINAL, SESSION, S, stale
from handlers.flash import session as flash_session
from handlers.flash.ui import flash_env
from handlers.ui import button, edit_or_send, from_plain, markup
from models.flash import FlashRequest


async def cmd_requests(message: Message, ctx: Ctx) -> None:
    await flash_requests.requester_of(ctx.session, ctx.actor)
    text, keyboard = await _list_screen(ctx.session, ctx.actor, ctx.texts)
    await message.answer(text, reply_markup=keyboard)


async def _list_screen(
    session: AsyncSession, actor: Actor, texts: Texts
) -> tuple[str, InlineKeyboardMarkup | None]:
    going, done = await flash_requests.mine(session, actor)
    if not going and not done:
        return texts("flash-requests-empty"), None
    rows = []
    lines = [texts("flash-requests-title")]
    if going:
        lines.append(texts("flash-requests-going", count=len(going)))
    if done:
        lines.append(texts("flash-requests-done", count=len(done)))
    for request in [*going, *done]:
        label = texts(
            "flash-requests-row",
            id=request.id,
            topic=render.topic_name(texts, request.topic),
            status=render.status_name(texts, request.status),
        )
        rows.append([button(label, RequestCb(action="v", rid=request.id))])
    return "\n".join(lines), markup(rows)


async def request_screen(
    env: FlashEnv, actor: Actor, texts: Texts, zone: ZoneInfo, request: FlashRequest
) -> tuple[str, InlineKeyboardMarkup]:
    """The requester's card of one request: where it is, its history, what can be done."""
    events = await flash_requests.history(env.session, request.id)
    mentor = await parties.get_person(env.session, request.mentor_id)
    text = render.request_card(texts, request, zone, mentor=mentor, events=events)
    rows: list[list[InlineKeyboardButton]] = []
    if request.status == S.draft:
        rows.append([button(texts("flash-btn-send"), RequestCb(action="s", rid=request.id))])
    if request.status in (S.matched, S.scheduled):
        rows += from_plain(
            buttons.session_keyboard(texts, request.id, mentor=False, status=request.status)
        ).inline_keyboard
    elif request.status not in FINAL:
        rows.append(
            [button(texts("flash-btn-cancel-request"), RequestCb(action="x", rid=request.id))]
        )
    rows += await flash_session.followup_rows(env, actor, texts, request)
    rows.append([button(texts("btn-back"), RequestCb(action="l", rid=0))])
    return text, markup(rows)


async def on_list(callback: CallbackQuery, ctx: Ctx) -> None:
    text, keyboard = await _list_screen(ctx.session, ctx.actor, ctx.texts)
    await callback.answer()
    await edit_or_send(callback, text, keyboard)


async def on_view(callback: CallbackQuery, callback_data: RequestCb, ctx: Ctx) -> None:
    request = await flash_requests.own(ctx.session, ctx.actor, callback_data.rid)
    text, keyboard = await request_screen(flash_env(ctx), ctx.actor, ctx.texts, ctx.zone, request)
    await callback.answer()
    await edit_or_send(callback, text, keyboard)


async def on_send_draft(callback: CallbackQuery, callback_data: RequestCb, ctx: Ctx) -> None:
    """A draft left in /requests (the conversation was interrupted) can still be sent. (No
    /flash dialog is open on it: /requests, typed or from the menu, has closed that.)"""
    env = flash_env(ctx)
    result = await flash_requests.submit(env, ctx.actor, callback_data.rid)
    await callback.answer(ctx.texts("flash-sent-alert"))
    text, keyboard = await request_screen(env, ctx.actor, ctx.texts, ctx.zone, result.request)
    await edit_or_send(callback, text, keyboard)


async def on_cancel_ask(callback: CallbackQuery, callback_data: RequestCb, ctx: Ctx) -> None:
    texts = ctx.texts
    request = await flash_requests.own(ctx.session, ctx.actor, callback_data.rid)
    if request.status in FINAL:
        raise stale(request.status)
    key = "flash-cancel-confirm-mentor" if request.status in SESSION else "flash-cancel-confirm"
    await callback.answer()
    await edit_or_send(
        callback,
        texts(key, id=request.id),
        markup(
            [
                [button(texts("flash-btn-cancel-yes"), RequestCb(action="xy", rid=request.id))],
                [button(texts("flash-btn-cancel-no"), RequestCb(action="v", rid=request.id))],
            ]
        ),
    )


async def on_cancel_yes(callback: CallbackQuery, callback_data: RequestCb, ctx: Ctx) -> None:
    texts = ctx.texts
    request = await flash_requests.cancel(flash_env(ctx), ctx.actor, callback_data.rid)
    await callback.answer(texts("flash-cancelled-alert"))
    await edit_or_send(
        callback,
        texts("flash-cancelled", id=request.id),
        markup([[button(texts("flash-btn-my-requests"), RequestCb(action="l", rid=0))]]),
    )


def create_router() -> Router:
    """A fresh router per dispatcher (aiogram lets a router have one parent)."""
    router = Router(name=__name__)
    router.message.filter(F.chat.type == "private")
    router.message.register(cmd_requests, Command("requests"))
    router.callback_query.register(on_list, RequestCb.filter(F.action == "l"))
    router.callback_query.register(on_view, RequestCb.filter(F.action == "v"))
    router.callback_query.register(on_send_draft, RequestCb.filter(F.action == "s"))
    router.callback_query.register(on_cancel_ask, RequestCb.filter(F.action == "x"))
    router.callback_query.register(on_cancel_yes, RequestCb.filter(F.action == "xy"))
    return router
