"""Buttons on messages the bot sent on its own: the RSVP buttons of an event's announcement,
the "were you there?" follow-up, the author's "mark attendance" notice and the preview's
dummy buttons. They are not part of anyone's dialog, so they stay CallbackData (declared in
bot/callbacks/events.py); every press is checked
against the presser and the event as it is."""

from __future__ import annotations

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager, StartMode

from bot.callbacks import pack
from bot.callbacks.events import EventCb, ManageCb
from bot.context import Ctx
from bot.i18n import Texts
from bot.services.broadcast import event_notices, events, rendering
from bot.services.broadcast.presses import GOING, EventPress
from bot.services.errors import InvalidInput
from handlers.announcements.events.states import EventsSG
from handlers.kit.picks import stale
from handlers.ui import from_plain, pressed_in_private


def rsvp_note(texts: Texts, result: events.RsvpResult, going: bool) -> str:
    """What the presser is told of their answer (the card in /events says the same)."""
    event = result.event
    if result.answer == events.WAITING and result.position is not None:
        key = "event-rsvp-waiting" if result.changed else "event-rsvp-still-waiting"
        return texts(key, position=result.position)
    if not result.changed:
        return texts("event-rsvp-same")
    if going and event.capacity is not None:
        return texts("event-rsvp-going-seats", left=max(0, event.capacity - event.going_count))
    return texts("event-rsvp-going" if going else "event-rsvp-not-going")


async def tell_promoted(ctx: Ctx, result: events.RsvpResult) -> None:
    """Whoever got the seat this answer freed is told (through the outbox)."""
    if result.promoted:
        await event_notices.tell_seat(
            ctx.session, ctx.clock, ctx.translator, result.event, list(result.promoted)
        )


def _has_rsvp_buttons(callback: CallbackQuery, event_id: int) -> bool:
    message = callback.message
    keyboard = message.reply_markup if isinstance(message, Message) else None
    if keyboard is None:
        return False
    datas = {b.callback_data for row in keyboard.inline_keyboard for b in row}
    return pack(EventPress(GOING, event_id)) in datas


async def on_rsvp(callback: CallbackQuery, callback_data: EventCb, ctx: Ctx) -> None:
    going = callback_data.action == "go"
    result = await events.answer(
        ctx.session, ctx.clock, ctx.settings, ctx.person, callback_data.e, going
    )
    await tell_promoted(ctx, result)
    await callback.answer(rsvp_note(ctx.texts, result, going), show_alert=result.changed)
    if result.changed and _has_rsvp_buttons(callback, result.event.id):
        # The card ticks the answer given (a reminder's lone "can't" stays as it is).
        keyboard = rendering.event_keyboard(ctx.texts, result.event.id, result.answer)
        message = callback.message
        if isinstance(message, Message):
            try:
                await message.edit_reply_markup(reply_markup=from_plain(keyboard))
            except TelegramBadRequest:
                pass  # too old to edit: the answer is saved and was confirmed above


async def on_attended(callback: CallbackQuery, callback_data: EventCb, ctx: Ctx) -> None:
    attended = callback_data.action == "here"
    await events.confirm_attendance(ctx.session, ctx.clock, ctx.person, callback_data.e, attended)
    await callback.answer(ctx.texts("event-attendance-thanks"))
    message = callback.message
    if isinstance(message, Message):
        try:
            await message.edit_reply_markup(reply_markup=None)
        except TelegramBadRequest:
            pass


async def on_mark_attendance(
    callback: CallbackQuery,
    callback_data: ManageCb,
    ctx: Ctx,
    dialog_manager: DialogManager | None = None,
) -> None:
    """The author's notice: the attendance window of /events, in the pressed message."""
    event = await events.managed(ctx.session, ctx.actor, callback_data.e)
    if ctx.clock.now() < event.starts_at:
        raise InvalidInput("event-not-started")
    if dialog_manager is None or not pressed_in_private(callback):
        raise stale()  # a forwarded copy: the list of people is shown in one's own chat only
    await callback.answer()
    await dialog_manager.start(
        EventsSG.attendance, data={"event": event.id}, mode=StartMode.RESET_STACK
    )


async def on_preview_button(callback: CallbackQuery, ctx: Ctx) -> None:
    await callback.answer(ctx.texts("event-preview-button"), show_alert=True)
