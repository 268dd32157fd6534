"""Saved announcements: cancel a scheduled one, stop a running one. These buttons are on
messages outside the /announce dialog (the delivery report, the "scheduled" notice, the
confirmation), so they stay CallbackData buttons (AnnActionCb, in bot/callbacks/events.py)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery

from bot.callbacks.events import AnnActionCb
from bot.context import Ctx
from bot.services.broadcast import announcements, telegram_html
from bot.services.broadcast.when import format_local
from bot.services.errors import InvalidInput
from handlers.ui import button, edit_or_send, markup, send_to_presser
from models.enums import AnnouncementStatus


async def ask(callback: CallbackQuery, ctx: Ctx, action: str, announcement_id: int) -> None:
    """«Cancel (or stop) this one?», in a new message with Yes and No."""
    announcement = await announcements.get_own(ctx.session, ctx.actor, announcement_id)
    expected = AnnouncementStatus.scheduled if action == "cancel" else AnnouncementStatus.sending
    if announcement.status != expected:
        raise InvalidInput(f"ann-cannot-{action}")
    title = telegram_html.escape(await announcements.title_of(ctx.session, announcement))
    texts = ctx.texts
    await callback.answer()
    await send_to_presser(
        callback,
        texts(
            f"ann-confirm-{action}", title=title, when=format_local(announcement.send_at, ctx.zone)
        ),
        reply_markup=markup(
            [
                [
                    button(
                        texts(f"ann-btn-{action}-yes"),
                        AnnActionCb(action=f"{action}_ok", a=announcement.id),
                    ),
                    button(texts("ann-btn-keep"), AnnActionCb(action="keep", a=0)),
                ]
            ]
        ),
    )


async def on_ask(callback: CallbackQuery, callback_data: AnnActionCb, ctx: Ctx) -> None:
    await ask(callback, ctx, callback_data.action, callback_data.a)


async def on_cancel(callback: CallbackQuery, callback_data: AnnActionCb, ctx: Ctx) -> None:
    announcement = await announcements.cancel(ctx.session, ctx.clock, ctx.actor, callback_data.a)
    title = telegram_html.escape(await announcements.title_of(ctx.session, announcement))
    await callback.answer(ctx.texts("ann-cancelled-short"))
    await edit_or_send(callback, ctx.texts("ann-cancelled", title=title), None)


async def on_stop(callback: CallbackQuery, callback_data: AnnActionCb, ctx: Ctx) -> None:
    announcement = await announcements.stop(ctx.session, ctx.clock, ctx.actor, callback_data.a)
    title = telegram_html.escape(await announcements.title_of(ctx.session, announcement))
    await callback.answer(ctx.texts("ann-stopped-short"))
    await edit_or_send(callback, ctx.texts("ann-stopped", title=title), None)


async def on_keep(callback: CallbackQuery, ctx: Ctx) -> None:
    await callback.answer()
    await edit_or_send(callback, ctx.texts("ann-kept"), None)


def saved_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(on_ask, AnnActionCb.filter(F.action.in_({"cancel", "stop"})))
    router.callback_query.register(on_cancel, AnnActionCb.filter(F.action == "cancel_ok"))
    router.callback_query.register(on_stop, AnnActionCb.filter(F.action == "stop_ok"))
    router.callback_query.register(on_keep, AnnActionCb.filter(F.action == "keep"))
    return router
