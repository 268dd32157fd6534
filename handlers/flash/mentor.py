"""Mentors: /offers (open offers and active flash sessions), Accept / Decline / Not now, and
the flash settings (what I can help with, pausing offers, availability)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_dialog import DialogManager, ShowMode, StartMode

from bot.callbacks.flash import OfferCb, SessionCb
from bot.context import Ctx
from bot.i18n import Texts
from bot.services import participants
from bot.services.access import Actor
from bot.services.errors import Forbidden
from bot.services.flash import buttons, mentor_settings, offers, parties, presses, render, sessions
from bot.services.flash.config import FlashEnv
from handlers.flash.states import FlashTalk
from handlers.flash.ui import MentorCb, flash_env
from handlers.ui import button, edit_or_send, from_plain, markup
from models.enums import FlashOfferStatus, FlashStatus, Role

# --- /offers -------------------------------------------------------------------------------


async def offers_screen(
    env: FlashEnv, actor: Actor, texts: Texts, zone: ZoneInfo
) -> tuple[str, InlineKeyboardMarkup]:
    me = actor.require_registered()
    waiting = await sessions.open_offers(env, me)
    going = await sessions.mentor_sessions(env, me)
    if Role.mentor not in actor.roles and not waiting and not going:
        raise Forbidden("error-not-mentor")
    lines = [texts("flash-offers-title")]
    rows = []
    if waiting:
        lines.append(texts("flash-offers-waiting", count=len(waiting)))
        for offer, request in waiting:
            mark = "⏰ " if offer.status == FlashOfferStatus.later else "⚡ "
            label = texts(
                "flash-offers-row", id=request.id, topic=render.topic_name(texts, request.topic)
            )
            rows.append([button(mark + label, OfferCb(action="o", id=offer.id))])
    else:
        lines.append(texts("flash-offers-none"))
    if going:
        lines.append(texts("flash-offers-sessions", count=len(going)))
        for request in going:
            requester = await parties.get_person(env.session, request.requester_id)
            when = (
                render.short_moment(request.scheduled_at, zone, texts)
                if request.scheduled_at is not None and request.status == FlashStatus.scheduled
                else render.status_name(texts, request.status)
            )
            label = texts(
                "flash-offers-session-row",
                id=request.id,
                name=requester.full_name if requester and requester.full_name else "—",
                when=when,
            )
            rows.append([button(label, SessionCb(action=presses.OPEN, rid=request.id))])
    if Role.mentor in actor.roles:
        rows.append([button(texts("flash-btn-settings"), MentorCb(action="settings"))])
    return "\n".join(lines), markup(rows)


async def cmd_offers(message: Message, ctx: Ctx) -> None:
    texts = ctx.texts
    env = flash_env(ctx)
    text, keyboard = await offers_screen(env, ctx.actor, texts, ctx.zone)
    await message.answer(text, reply_markup=keyboard)


async def on_offers(callback: CallbackQuery, ctx: Ctx) -> None:
    texts = ctx.texts
    env = flash_env(ctx)
    text, keyboard = await offers_screen(env, ctx.actor, texts, ctx.zone)
    await callback.answer()
    await edit_or_send(callback, text, keyboard)


# --- one offer -------------------------------------------------------------------------------


async def on_open_offer(callback: CallbackQuery, callback_data: OfferCb, ctx: Ctx) -> None:
    texts = ctx.texts
    env = flash_env(ctx)
    view = await offers.own_offer(env, ctx.actor, callback_data.id)
    if (error := offers.offer_stale(view.request, view.offer, view.offer.mentor_id)) is not None:
        raise error
    text = render.offer_text(
        texts,
        view.request,
        view.requester,
        view.offer.reasons,
        assigned=view.offer.assigned_by is not None,
    )
    await callback.answer()
    await edit_or_send(callback, text, from_plain(buttons.offer_keyboard(texts, view.offer.id)))


async def on_accept(callback: CallbackQuery, callback_data: OfferCb, ctx: Ctx) -> None:
    texts = ctx.texts
    env = flash_env(ctx)
    view = await offers.accept(env, ctx.actor, callback_data.id)
    request = view.request
    await callback.answer(texts("flash-accepted-alert"))
    await edit_or_send(
        callback,
        offers.mentor_match_text(texts, request, view.requester),
        from_plain(buttons.session_keyboard(texts, request.id, mentor=True, status=request.status)),
    )


async def on_decline(callback: CallbackQuery, callback_data: OfferCb, ctx: Ctx) -> None:
    texts = ctx.texts
    env = flash_env(ctx)
    later = callback_data.action == "l"
    view = await offers.decline(env, ctx.actor, callback_data.id, later=later)
    await callback.answer()
    if later:
        profile = await parties.profile_of(ctx.session, view.offer.mentor_id)
        until = mentor_settings.paused_until(profile, ctx.clock.now())
        text = texts(
            "flash-later-done",
            id=view.request.id,
            until=render.moment(until, ctx.zone) if until else "—",
        )
    else:
        text = texts("flash-declined-done", id=view.request.id)
    await edit_or_send(
        callback, text, markup([[button(texts("flash-btn-my-offers"), MentorCb(action="offers"))]])
    )


# --- flash settings --------------------------------------------------------------------------


async def settings_screen(
    env: FlashEnv, actor: Actor, texts: Texts, zone: ZoneInfo
) -> tuple[str, InlineKeyboardMarkup]:
    mentor = await mentor_settings.mentor_of(env, actor)
    profile = await parties.profile_of(env.session, mentor.id)
    until = mentor_settings.paused_until(profile, env.clock.now())
    lines = [
        texts("flash-settings-title"),
        texts(
            "flash-settings-available",
            value=texts("btn-yes" if mentor.flash_available else "btn-no"),
        ),
        texts("flash-settings-paused", until=render.moment(until, zone))
        if until
        else texts("flash-settings-not-paused"),
        texts(
            "flash-settings-notes",
            value=render.esc(profile.notes) if profile and profile.notes else texts("value-none"),
        ),
    ]
    rating = render.rating_value(profile)
    if rating is not None:
        lines.append(texts("flash-card-rating", avg=rating[0], count=rating[1]))
    pause = (
        button(texts("flash-btn-resume"), MentorCb(action="resume"))
        if until
        else button(texts("flash-btn-pause"), MentorCb(action="pause"))
    )
    rows = [
        [button(texts("flash-btn-notes"), MentorCb(action="notes"))],
        [pause],
        [button(texts("flash-btn-availability"), MentorCb(action="avail"))],
        [button(texts("btn-back"), MentorCb(action="offers"))],
    ]
    return "\n".join(lines), markup(rows)


async def on_settings(
    callback: CallbackQuery,
    callback_data: MentorCb,
    ctx: Ctx,
) -> None:
    texts = ctx.texts
    env = flash_env(ctx)
    mentor = await mentor_settings.mentor_of(env, ctx.actor)
    if callback_data.action in ("pause", "resume"):
        await mentor_settings.pause(env, ctx.actor, on=callback_data.action == "pause")
    elif callback_data.action == "avail":
        await participants.update_profile(
            ctx.session, ctx.clock, mentor, "flash", not mentor.flash_available
        )
    text, keyboard = await settings_screen(env, ctx.actor, texts, ctx.zone)
    await callback.answer()
    await edit_or_send(callback, text, keyboard)


async def on_notes(callback: CallbackQuery, ctx: Ctx, dialog_manager: DialogManager) -> None:
    await mentor_settings.mentor_of(flash_env(ctx), ctx.actor)
    await callback.answer()
    await dialog_manager.start(FlashTalk.notes, mode=StartMode.RESET_STACK, show_mode=ShowMode.SEND)


def create_router() -> Router:
    """A fresh router per dispatcher (aiogram lets a router have one parent)."""
    router = Router(name=__name__)
    router.message.filter(F.chat.type == "private")
    router.message.register(cmd_offers, Command("offers"))
    router.callback_query.register(on_offers, MentorCb.filter(F.action == "offers"))
    router.callback_query.register(on_open_offer, OfferCb.filter(F.action == "o"))
    router.callback_query.register(on_accept, OfferCb.filter(F.action == "a"))
    router.callback_query.register(on_decline, OfferCb.filter(F.action.in_({"d", "l"})))
    router.callback_query.register(
        on_settings, MentorCb.filter(F.action.in_({"settings", "pause", "resume", "avail"}))
    )
    router.callback_query.register(on_notes, MentorCb.filter(F.action == "notes"))
    return router
