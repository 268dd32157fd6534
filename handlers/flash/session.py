"""After a match, for both sides: agreeing a time, writing through the bot, sharing a contact,
"did it take place?", the meeting record and the ratings."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup
from aiogram_dialog import DialogManager, ShowMode, StartMode

from bot.callbacks.flash import SessionCb
from bot.context import Ctx
from bot.i18n import Texts
from bot.services.access import Actor
from bot.services.errors import InvalidInput
from bot.services.flash import buttons, parties, presses, render, sessions
from bot.services.flash.config import FlashEnv
from bot.services.flash.parties import MENTOR, REQUESTER
from bot.services.flash.states import S
from bot.services.numbers import MAX_ID, MAX_PAGE, parse_int
from handlers.flash.states import FlashTalk
from handlers.flash.ui import flash_env
from handlers.kit.picks import stale
from handlers.kit.under import start_under
from handlers.ui import button, edit_or_send, from_plain, markup, send_to_presser
from models.flash import FlashRequest


def _parse_arg(arg: str, parts: int) -> list[str]:
    values = arg.split(".")
    if len(values) != parts:
        raise InvalidInput("error-stale-button")
    return values


async def followup_rows(
    env: FlashEnv, actor: Actor, texts: Texts, request: FlashRequest
) -> list[list[InlineKeyboardButton]]:
    """'Did it take place?' once the time has passed, and stars once it is completed."""
    me = actor.participant_id or 0
    side = MENTOR if request.mentor_id == me else REQUESTER
    if (
        request.status == S.scheduled
        and request.scheduled_at is not None
        and request.scheduled_at <= env.clock.now()
        and (request.mentor_held if side == MENTOR else request.requester_held) is None
    ):
        return list(from_plain(buttons.held_keyboard(texts, request.id)).inline_keyboard)
    if request.status == S.completed and not await sessions.has_rated(env, request.id, me):
        return list(from_plain(buttons.rating_keyboard(request.id)).inline_keyboard)
    return []


async def session_screen(
    env: FlashEnv, actor: Actor, texts: Texts, zone: ZoneInfo, request_id: int
) -> tuple[str, InlineKeyboardMarkup]:
    request, side, other = await sessions.session_view(env, actor, request_id)
    lines = [
        texts(
            "flash-session-title",
            id=request.id,
            status=render.status_name(texts, request.status),
        ),
        render.request_summary(texts, request),
        "",
    ]
    if other is not None and side == MENTOR:
        lines.append(render.requester_card(texts, other))
    elif other is not None:
        profile = await parties.profile_of(env.session, other.id)
        lines.append(render.mentor_card(texts, other, profile))
    if request.status == S.scheduled and request.scheduled_at is not None:
        lines += [
            "",
            texts("flash-line-time", value=render.short_moment(request.scheduled_at, zone, texts)),
        ]
    elif request.status == S.matched and request.slots:
        lines += [
            "",
            texts("flash-line-proposed"),
            render.slots_text(texts, sessions.proposed(request), zone),
        ]
    rows: list[list[InlineKeyboardButton]] = []
    if request.status in (S.matched, S.scheduled):
        rows += from_plain(
            buttons.session_keyboard(
                texts, request.id, mentor=side == MENTOR, status=request.status
            )
        ).inline_keyboard
        if side == REQUESTER and request.status == S.matched and request.slots:
            rows += from_plain(
                sessions.pick_keyboard(
                    texts, zone, request.id, request.slots_version, sessions.proposed(request)
                )
            ).inline_keyboard
    rows += await followup_rows(env, actor, texts, request)
    return "\n".join(lines), markup(rows)


async def on_open(callback: CallbackQuery, callback_data: SessionCb, ctx: Ctx) -> None:
    texts = ctx.texts
    env = flash_env(ctx)
    text, keyboard = await session_screen(env, ctx.actor, texts, ctx.zone, callback_data.rid)
    await callback.answer()
    await edit_or_send(callback, text, keyboard)


# --- writing through the bot -------------------------------------------------------------


async def on_write(
    callback: CallbackQuery,
    callback_data: SessionCb,
    ctx: Ctx,
    dialog_manager: DialogManager | None = None,
) -> None:
    target = await sessions.relay_check(flash_env(ctx), ctx.actor, callback_data.rid)
    await callback.answer()
    await start_under(dialog_manager, FlashTalk.relay, {"rid": target.request.id})


# --- agreeing a time -----------------------------------------------------------------------


async def on_propose(
    callback: CallbackQuery,
    callback_data: SessionCb,
    ctx: Ctx,
    dialog_manager: DialogManager | None = None,
) -> None:
    request = await sessions.check_can_propose(flash_env(ctx), ctx.actor, callback_data.rid)
    await callback.answer()
    await start_under(dialog_manager, FlashTalk.slots, {"rid": request.id})


async def on_pick(callback: CallbackQuery, callback_data: SessionCb, ctx: Ctx) -> None:
    texts = ctx.texts
    version_text, index_text = _parse_arg(callback_data.arg, 2)
    version = parse_int(version_text, high=MAX_ID)
    index = parse_int(index_text, high=MAX_PAGE)
    if version is None or index is None:
        raise InvalidInput("error-stale-button")
    env = flash_env(ctx)
    request = await sessions.pick_slot(env, ctx.actor, callback_data.rid, version, index)
    assert request.scheduled_at is not None
    await callback.answer(texts("flash-picked-alert"))
    await edit_or_send(
        callback,
        texts(
            "flash-picked",
            id=request.id,
            when=render.short_moment(request.scheduled_at, ctx.zone, texts),
        ),
        from_plain(
            buttons.session_keyboard(texts, request.id, mentor=False, status=request.status)
        ),
    )


async def on_other_time(callback: CallbackQuery, callback_data: SessionCb, ctx: Ctx) -> None:
    texts = ctx.texts
    env = flash_env(ctx)
    request = await sessions.ask_other_time(env, ctx.actor, callback_data.rid)
    await callback.answer()
    await edit_or_send(
        callback,
        texts("flash-other-time-asked", id=request.id),
        from_plain(
            buttons.session_keyboard(texts, request.id, mentor=False, status=request.status)
        ),
    )


# --- sharing a contact ---------------------------------------------------------------------


async def on_share(callback: CallbackQuery, callback_data: SessionCb, ctx: Ctx) -> None:
    texts = ctx.texts
    env = flash_env(ctx)
    target = await sessions.relay_check(env, ctx.actor, callback_data.rid)
    await callback.answer()
    await send_to_presser(
        callback,
        texts("flash-share-confirm", name=render.esc(target.to.full_name)),
        reply_markup=markup(
            [
                [
                    button(
                        texts("flash-btn-share-yes"),
                        SessionCb(action=presses.SHARE_YES, rid=target.request.id),
                    )
                ],
                [
                    button(
                        texts("flash-btn-share-no"),
                        SessionCb(action="n", rid=target.request.id),
                    )
                ],
            ]
        ),
    )


async def on_share_yes(callback: CallbackQuery, callback_data: SessionCb, ctx: Ctx) -> None:
    texts = ctx.texts
    env = flash_env(ctx)
    done = await sessions.share_contact(env, ctx.actor, callback_data.rid)
    await callback.answer()
    await edit_or_send(
        callback, texts("flash-share-done", name=render.esc(done.to.full_name)), None
    )


async def on_share_no(callback: CallbackQuery, texts: Texts) -> None:
    await callback.answer()
    await edit_or_send(callback, texts("flash-share-kept"), None)


# --- after the meeting -----------------------------------------------------------------------


def _durations_keyboard(texts: Texts, request: FlashRequest) -> InlineKeyboardMarkup:
    formats = [request.format] if request.format in ("online", "offline") else ["online", "offline"]
    rows = [
        [
            button(
                texts(f"flash-duration-{fmt}", minutes=minutes),
                SessionCb(action=presses.DURATION, rid=request.id, arg=f"{minutes}.{fmt}"),
            )
            for minutes in (30, 45, 60, 90)
        ]
        for fmt in formats
    ]
    return markup(rows)


async def on_held(callback: CallbackQuery, callback_data: SessionCb, ctx: Ctx) -> None:
    texts = ctx.texts
    if callback_data.arg not in ("0", "1"):
        raise InvalidInput("error-stale-button")
    held = callback_data.arg == "1"
    env = flash_env(ctx)
    request, side, _other = await sessions.session_view(env, ctx.actor, callback_data.rid)
    if side == REQUESTER:
        request = await sessions.requester_held(env, ctx.actor, request.id, held)
        rows = await followup_rows(env, ctx.actor, texts, request)
        key = "flash-held-thanks" if held else "flash-held-sorry"
        await callback.answer()
        await edit_or_send(callback, texts(key, id=request.id), markup(rows) if rows else None)
        return
    if not held:
        request = await sessions.mentor_not_held(env, ctx.actor, request.id)
        await callback.answer()
        await edit_or_send(
            callback,
            texts("flash-not-held-mentor", id=request.id),
            from_plain(
                buttons.session_keyboard(texts, request.id, mentor=True, status=request.status)
            ),
        )
        return
    # The mentor's yes: how long (and how) it was, then the meeting is logged.
    await sessions.check_meeting_time(env, ctx.actor, request.id)
    await callback.answer()
    await edit_or_send(
        callback, texts("flash-ask-duration", id=request.id), _durations_keyboard(texts, request)
    )


async def on_duration(callback: CallbackQuery, callback_data: SessionCb, ctx: Ctx) -> None:
    texts = ctx.texts
    minutes_text, fmt = _parse_arg(callback_data.arg, 2)
    minutes = parse_int(minutes_text, high=MAX_PAGE)  # the service checks the real range
    if minutes is None:
        raise InvalidInput("error-stale-button")
    env = flash_env(ctx)
    meeting = await sessions.confirm_meeting(env, ctx.actor, callback_data.rid, minutes, fmt)
    await callback.answer(texts("flash-meeting-logged-alert"))
    await edit_or_send(
        callback,
        texts("flash-meeting-logged", id=callback_data.rid, minutes=meeting.duration_minutes),
        from_plain(buttons.rating_keyboard(callback_data.rid)),
    )


async def on_rate(
    callback: CallbackQuery,
    callback_data: SessionCb,
    ctx: Ctx,
    dialog_manager: DialogManager | None = None,
) -> None:
    stars = parse_int(callback_data.arg, high=MAX_PAGE)  # the service checks 1–5
    if stars is None:
        raise InvalidInput("error-stale-button")
    rating = await sessions.rate(flash_env(ctx), ctx.actor, callback_data.rid, stars)
    await callback.answer(ctx.texts("flash-rated-alert"))
    if dialog_manager is None:
        raise stale()  # a press without its message: a forged one
    # The stars go from the pressed message; the comment is asked below it.
    await dialog_manager.start(
        FlashTalk.comment,
        data={"rid": callback_data.rid, "score": rating.score},
        mode=StartMode.RESET_STACK,
        show_mode=ShowMode.SEND,
    )


def create_router() -> Router:
    """A fresh router per dispatcher (aiogram lets a router have one parent)."""
    router = Router(name=__name__)
    router.message.filter(F.chat.type == "private")
    router.callback_query.register(on_open, SessionCb.filter(F.action == presses.OPEN))
    router.callback_query.register(on_write, SessionCb.filter(F.action == presses.WRITE))
    router.callback_query.register(on_propose, SessionCb.filter(F.action == presses.SLOTS))
    router.callback_query.register(on_pick, SessionCb.filter(F.action == presses.PICK))
    router.callback_query.register(on_other_time, SessionCb.filter(F.action == presses.OTHER_TIME))
    router.callback_query.register(on_share, SessionCb.filter(F.action == presses.SHARE))
    router.callback_query.register(on_share_yes, SessionCb.filter(F.action == presses.SHARE_YES))
    router.callback_query.register(on_share_no, SessionCb.filter(F.action == "n"))
    router.callback_query.register(on_held, SessionCb.filter(F.action == presses.HELD))
    router.callback_query.register(on_duration, SessionCb.filter(F.action == presses.DURATION))
    router.callback_query.register(on_rate, SessionCb.filter(F.action == presses.RATE))
    return router
