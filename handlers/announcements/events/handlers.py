"""What /newevent and /events do with a command, a press or a typed answer: the broadcast
services decide (bot.services.broadcast.events); here the dialog moves.

/newevent collects the draft step by step in the dialog's data, then hands it over to
/announce (the audience, the preview, the sending) by starting that dialog; its "edit" starts
this one again on the title, with the draft and the audience kept.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from aiogram.fsm.state import State
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram_dialog import DialogManager, ShowMode, StartMode

from bot.context import Ctx
from bot.services import dates
from bot.services.audience import AudienceSpec
from bot.services.broadcast import announcements, attendance_export, event_notices, events
from bot.services.broadcast.telegram_html import escape
from bot.services.broadcast.when import format_local, zone_label
from bot.services.errors import InvalidInput
from bot.services.numbers import parse_id, parse_int
from handlers.announcements.events.getters import CAPACITY_CHOICES, event_id, local_today
from handlers.announcements.events.notices import rsvp_note, tell_promoted
from handlers.announcements.events.states import EventSG, EventsSG
from handlers.announcements.states import AnnounceSG
from handlers.kit.context import ctx_of
from handlers.kit.picks import chosen, stale
from models.enums import EventStatus

# --- /newevent ---------------------------------------------------------------------------------


async def newevent_command(message: Message, dialog_manager: DialogManager, ctx: Ctx) -> None:
    ctx.actor.require_coordinator()
    await dialog_manager.start(
        EventSG.kind,
        data={"event": {"timezone": ctx.zone.key}, "audience": AudienceSpec().to_json()},
        mode=StartMode.RESET_STACK,
        show_mode=ShowMode.SEND,
    )


async def on_start_draft(start_data: Any, manager: DialogManager) -> None:
    """A new draft, or the one /announce's "edit" gives back (with the audience chosen)."""
    data = start_data if isinstance(start_data, dict) else {}
    manager.dialog_data.update(event=dict(data.get("event") or {}), audience=data.get("audience"))


def asked(state: State, manager: DialogManager) -> bool:
    """Whether a step was asked, for Back: the time only after a day from the calendar, the
    capacity only when registration is required."""
    data = manager.dialog_data
    if state == EventSG.time:
        return "day" in data
    if state == EventSG.capacity:
        return bool(data["event"].get("registration_required"))
    return True


def _save(manager: DialogManager, **values: Any) -> None:
    manager.dialog_data["event"] = {**manager.dialog_data["event"], **values}


async def _hand_over(manager: DialogManager) -> None:
    """The last step: the draft goes to /announce, the audience first; this dialog ends."""
    data = manager.dialog_data
    await manager.start(
        AnnounceSG.confirm,
        data={"mode": "event", "event": data["event"], "audience": data.get("audience")},
        mode=StartMode.RESET_STACK,
    )


async def on_kind(callback: CallbackQuery, key: str, manager: DialogManager) -> None:
    ctx_of(manager).actor.require_coordinator()
    if key not in events.KINDS:
        raise stale()
    _save(manager, kind=key)
    await manager.switch_to(EventSG.title)


async def on_title(message: Message, text: str, manager: DialogManager) -> None:
    _save(manager, title=events.check_title(text))
    await manager.switch_to(EventSG.starts)


def _set_start(manager: DialogManager, ctx: Ctx, starts_at: Any) -> None:
    checked = events.check_starts(starts_at, ctx.clock.now())
    _save(manager, starts_at=checked.isoformat(), timezone=ctx.zone.key)


async def on_starts(message: Message, text: str, manager: DialogManager) -> None:
    """A day and a time ("25.12 15:00", "tomorrow 10:00"): on; a day alone: its time next."""
    ctx = ctx_of(manager)
    within = dates.ahead(local_today(ctx), events.MAX_AHEAD)
    try:
        starts_at = await dates.read_moment(text, ctx.zone, ctx.clock.now(), within=within)
    except InvalidInput:
        try:
            day = await dates.read_day(text, local_today(ctx), future=True, within=within)
        except InvalidInput:
            raise InvalidInput("bc-bad-datetime") from None
        await on_day(message, day, manager)
        return
    _set_start(manager, ctx, starts_at)
    manager.dialog_data.pop("day", None)
    await manager.switch_to(EventSG.duration)


async def on_day(_: CallbackQuery | Message, day: date, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    manager.dialog_data["day"] = events.check_day(day, local_today(ctx)).isoformat()
    await manager.switch_to(EventSG.time)


async def on_time(message: Message, text: str, manager: DialogManager) -> None:
    """«15:00» on the day picked (a whole «25.12 15:00» is taken too)."""
    ctx = ctx_of(manager)
    day = date.fromisoformat(manager.dialog_data["day"])
    now = ctx.clock.now()
    try:
        starts_at = await dates.read_moment(text, ctx.zone, now)
    except InvalidInput:
        try:
            starts_at = await dates.read_moment(f"{day:%d.%m.%Y} {text.strip()}", ctx.zone, now)
        except InvalidInput:
            raise InvalidInput("event-bad-time") from None
    _set_start(manager, ctx, starts_at)
    await manager.switch_to(EventSG.duration)


async def on_duration(callback: CallbackQuery, key: str, manager: DialogManager) -> None:
    minutes = parse_int(key, low=1, high=events.MAX_DURATION)
    if minutes not in events.DURATIONS:
        raise stale()
    _save(manager, duration_minutes=minutes)
    await manager.switch_to(EventSG.place)


async def on_duration_typed(message: Message, text: str, manager: DialogManager) -> None:
    _save(manager, duration_minutes=events.parse_duration(text))
    await manager.switch_to(EventSG.place)


async def on_place(message: Message, text: str, manager: DialogManager) -> None:
    place, online = events.check_place(text)
    _save(manager, place=place, online=online)
    await manager.switch_to(EventSG.description)


async def on_description(message: Message, text: str, manager: DialogManager) -> None:
    kinds = {entity.type for entity in message.entities or []}
    html = announcements.compose_html(text, message.html_text, kinds)
    _save(manager, description=events.check_description(html))
    await manager.switch_to(EventSG.registration)


async def on_no_description(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    _save(manager, description="")
    await manager.switch_to(EventSG.registration)


async def on_registration(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    _save(manager, registration_required=True)
    await manager.switch_to(EventSG.capacity)


async def on_no_registration(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    _save(manager, registration_required=False, capacity=None)
    await _hand_over(manager)


async def on_capacity(callback: CallbackQuery, key: str, manager: DialogManager) -> None:
    if key not in {str(n) for n in CAPACITY_CHOICES}:
        raise stale()
    _save(manager, capacity=events.check_capacity(int(key)))
    await _hand_over(manager)


async def on_unlimited(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    _save(manager, capacity=None)
    await _hand_over(manager)


async def on_capacity_typed(message: Message, text: str, manager: DialogManager) -> None:
    _save(manager, capacity=events.parse_capacity(text))
    await _hand_over(manager)


# --- /events: the list and one event -------------------------------------------------------------


async def events_command(message: Message, dialog_manager: DialogManager, ctx: Ctx) -> None:
    ctx.person  # noqa: B018 - a stranger is told to register
    await dialog_manager.start(EventsSG.list, mode=StartMode.RESET_STACK, show_mode=ShowMode.SEND)


async def on_start_events(start_data: Any, manager: DialogManager) -> None:
    """Opened on one event (the author's notice opens its attendance)."""
    if isinstance(start_data, dict) and "event" in start_data:
        manager.dialog_data["event"] = int(start_data["event"])


def _picked(key: str) -> int:
    found = parse_id(key)
    if found is None:
        raise stale()
    return found


async def on_open(callback: CallbackQuery, key: str, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    event = await events.visible_event(ctx.session, ctx.settings, ctx.person, _picked(key))
    manager.dialog_data["event"] = event.id
    await manager.switch_to(EventsSG.card)


async def _answer(callback: CallbackQuery, manager: DialogManager, going: bool) -> None:
    ctx = ctx_of(manager)
    result = await events.answer(
        ctx.session, ctx.clock, ctx.settings, ctx.person, event_id(manager), going
    )
    await tell_promoted(ctx, result)
    await callback.answer(rsvp_note(ctx.texts, result, going), show_alert=result.changed)


async def on_going(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    await _answer(callback, manager, True)


async def on_not_going(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    await _answer(callback, manager, False)


async def _attended(callback: CallbackQuery, manager: DialogManager, attended: bool) -> None:
    ctx = ctx_of(manager)
    await events.confirm_attendance(ctx.session, ctx.clock, ctx.person, event_id(manager), attended)
    await callback.answer(ctx.texts("event-attendance-thanks"))


async def on_here(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    await _attended(callback, manager, True)


async def on_away(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    await _attended(callback, manager, False)


# --- the author's side: their events, attendance, the spreadsheet, cancelling --------------------


async def on_manage(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    ctx_of(manager).actor.require_coordinator()
    await manager.switch_to(EventsSG.manage)


async def on_open_managed(callback: CallbackQuery, key: str, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    event = await events.managed(ctx.session, ctx.actor, _picked(key))
    manager.dialog_data["event"] = event.id
    await manager.switch_to(EventsSG.managed)


async def on_attendance(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    event = await events.managed(ctx.session, ctx.actor, event_id(manager))
    if ctx.clock.now() < event.starts_at:
        raise InvalidInput("event-not-started")
    await manager.switch_to(EventsSG.attendance)


async def on_mark(callback: CallbackQuery, key: str, manager: DialogManager) -> None:
    """The check mark changed: save it (a forged person is refused and the mark rolls back)."""
    ctx = ctx_of(manager)
    await events.mark_attendance(
        ctx.session,
        ctx.clock,
        ctx.actor,
        event_id(manager),
        _picked(key),
        key in chosen(manager, "attended"),
    )


async def on_export(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    event = await events.managed(ctx.session, ctx.actor, event_id(manager))
    rows = await events.attendance(ctx.session, ctx.actor, event.id)
    when = f"{format_local(event.starts_at, ctx.zone)} ({zone_label(event.starts_at, ctx.zone)})"
    content = attendance_export.build(ctx.texts, event, when, rows)
    await callback.answer()
    if isinstance(callback.message, Message):
        await callback.message.answer_document(
            BufferedInputFile(content, filename=f"attendance-{event.id}.xlsx"),
            caption=ctx.texts("event-xlsx-caption", title=escape(event.title), count=len(rows)),
        )
    manager.show_mode = ShowMode.NO_UPDATE  # the card stays above the file


async def on_ask_cancel(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    event = await events.managed(ctx.session, ctx.actor, event_id(manager))
    if event.status != EventStatus.scheduled:
        raise InvalidInput("event-cancelled")
    await manager.switch_to(EventsSG.cancel)


async def on_cancel_event(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    event, registered = await events.cancel(ctx.session, ctx.clock, ctx.actor, event_id(manager))
    await event_notices.tell_cancelled(ctx.session, ctx.clock, ctx.translator, event, registered)
    await callback.answer(ctx.texts("event-cancelled-done", count=len(registered)), show_alert=True)
    await manager.switch_to(EventsSG.managed)


# --- editing an event: its author or a coordinator whose scope holds it -----------------------


async def on_edit(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    event = await events.managed(ctx.session, ctx.actor, event_id(manager))
    events.check_editable(event, ctx.clock.now())
    await manager.switch_to(EventsSG.edit)


async def on_edit_field(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    event = await events.managed(ctx.session, ctx.actor, event_id(manager))
    if key not in events.editable_fields(event):
        raise stale()
    events.check_editable(event, ctx.clock.now())
    manager.dialog_data["edit_field"] = key
    await manager.switch_to(EventsSG.edit_value)


async def _save_edit(manager: DialogManager, value: Any) -> int:
    """The change, the people it concerns told; how many were told."""
    ctx = ctx_of(manager)
    field = str(manager.dialog_data.get("edit_field", ""))
    done = await events.edit(ctx.session, ctx.clock, ctx.actor, event_id(manager), field, value)
    await event_notices.tell_changed(
        ctx.session, ctx.clock, ctx.translator, done.event, list(done.to_tell)
    )
    await event_notices.tell_seat(
        ctx.session, ctx.clock, ctx.translator, done.event, list(done.promoted)
    )
    manager.dialog_data["edited"] = {"told": len(done.to_tell), "seated": len(done.promoted)}
    return len(done.to_tell)


async def on_edit_value(message: Message, text: str, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    field = str(manager.dialog_data.get("edit_field", ""))
    value: Any = text
    if field == "starts":
        within = dates.ahead(local_today(ctx), events.MAX_AHEAD)
        value = await dates.read_moment(text, ctx.zone, ctx.clock.now(), within=within)
    elif field == "capacity":
        value = events.parse_capacity(text)
    elif field == "description":
        kinds = {entity.type for entity in message.entities or []}
        value = announcements.compose_html(text, message.html_text, kinds)
    await _save_edit(manager, value)
    await manager.switch_to(EventsSG.managed, show_mode=ShowMode.SEND)


async def on_edit_unlimited(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    if manager.dialog_data.get("edit_field") != "capacity":
        raise stale()
    await _save_edit(manager, None)
    await manager.switch_to(EventsSG.managed)
