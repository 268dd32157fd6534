"""/newevent, /events, the RSVP buttons, attendance and its spreadsheet.

/newevent asks for the event step by step (Back on every step), then hands over to the
audience, preview and confirmation of the /announce dialog (handlers.announcements). The RSVP
buttons arrive on messages sent from the background; every press is checked against the
presser and the event as it is.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_dialog import DialogManager
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.context import Ctx
from bot.i18n import Texts
from bot.services import directory, outbox
from bot.services.access import Actor
from bot.services.audience import AudienceSpec
from bot.services.broadcast import announcements, attendance_export, events, rendering
from bot.services.broadcast.telegram_html import escape
from bot.services.broadcast.when import format_local, parse_local, zone_label
from bot.services.errors import Forbidden, InvalidInput
from bot.services.numbers import MAX_PAGE, parse_int
from bot.settings import Settings
from handlers.announcements import broadcast_event
from handlers.callback_fields import OptionalId, Page
from handlers.ui import (
    button,
    button_text,
    edit_or_send,
    from_plain,
    grid,
    markup,
    page_by_length,
    pager_row,
)
from models import Participant
from models.broadcast import Event
from models.enums import EventStatus

router = Router(name=__name__)
router.message.filter(F.chat.type == "private")

ATTENDANCE_PAGE = 8
STEPS = ("kind", "title", "starts", "duration", "place", "description", "registration", "capacity")
CAPACITY_CHOICES = (20, 50, 100)


class EventSG(StatesGroup):
    kind = State()
    title = State()
    starts = State()
    duration = State()
    place = State()
    description = State()
    registration = State()
    capacity = State()


STATE_OF = {step: getattr(EventSG, step) for step in STEPS}


class NewEventCb(CallbackData, prefix="en"):
    step: str
    value: str = ""


class EventCb(CallbackData, prefix="ev"):
    """RSVP and attendance buttons; rendering.rsvp_data spells the same."""

    action: str  # go no here away open list
    e: OptionalId


class EventListCb(CallbackData, prefix="evl"):
    """A page of the upcoming events."""

    page: Page


class ManageCb(CallbackData, prefix="em"):
    """The author's buttons; rendering.manage_data spells the same."""

    action: str  # list open att mark xlsx cancel cancel_ok
    e: OptionalId
    v: OptionalId = 0
    page: Page = 0


# --- /newevent: the steps ---------------------------------------------------------------------


def _nav(texts: Texts, back: bool = True) -> list[Any]:
    row = [button(texts("btn-back"), NewEventCb(step="back"))] if back else []
    return [*row, button(texts("btn-cancel"), NewEventCb(step="cancel"))]


def _prompt(
    step: str, texts: Texts, zone: ZoneInfo, clock: Clock
) -> tuple[str, InlineKeyboardMarkup]:
    if step == "kind":
        kinds = [
            button(texts(f"event-kind-{k}"), NewEventCb(step="kind", value=k)) for k in events.KINDS
        ]
        return texts("event-ask-kind"), markup([*grid(kinds), _nav(texts, back=False)])
    if step == "starts":
        return texts("event-ask-starts", zone=zone_label(clock.now(), zone)), markup([_nav(texts)])
    if step == "duration":
        options = [
            button(rendering.duration_text(texts, m), NewEventCb(step="duration", value=str(m)))
            for m in events.DURATIONS
        ]
        return texts("event-ask-duration"), markup([*grid(options, 4), _nav(texts)])
    if step == "description":
        skip = [button(texts("event-btn-no-description"), NewEventCb(step="description"))]
        return texts("event-ask-description"), markup([skip, _nav(texts)])
    if step == "registration":
        choice = [
            button(texts("event-btn-registration-yes"), NewEventCb(step="registration", value="1")),
            button(texts("event-btn-registration-no"), NewEventCb(step="registration", value="0")),
        ]
        return texts("event-ask-registration"), markup([choice, _nav(texts)])
    if step == "capacity":
        options = [
            button(str(n), NewEventCb(step="capacity", value=str(n))) for n in CAPACITY_CHOICES
        ]
        unlimited = [button(texts("event-btn-unlimited"), NewEventCb(step="capacity", value="0"))]
        return texts("event-ask-capacity"), markup([options, unlimited, _nav(texts)])
    return texts(f"event-ask-{step}"), markup([_nav(texts)])


async def _ask(
    target: Message | CallbackQuery,
    state: FSMContext,
    step: str,
    texts: Texts,
    zone: ZoneInfo,
    clock: Clock,
) -> None:
    await state.set_state(STATE_OF[step])
    text, keyboard = _prompt(step, texts, zone, clock)
    if isinstance(target, CallbackQuery):
        await edit_or_send(target, text, keyboard)
    else:
        await target.answer(text, reply_markup=keyboard)


async def _draft(state: FSMContext) -> dict[str, Any]:
    return dict((await state.get_data()).get("event") or {})


async def _save(state: FSMContext, **values: Any) -> dict[str, Any]:
    draft = {**await _draft(state), **values}
    await state.update_data(event=draft)
    return draft


async def _next(
    target: Message | CallbackQuery,
    state: FSMContext,
    step: str,
    ctx: Ctx,
    dialog_manager: DialogManager,
) -> None:
    """Go to the step after `step`; after the last one, to the audience (the /announce dialog
    from there on: this conversation ends)."""
    draft = await _draft(state)
    index = STEPS.index(step) + 1
    if step == "registration" and not draft.get("registration_required"):
        index = len(STEPS)
    if index < len(STEPS):
        await _ask(target, state, STEPS[index], ctx.texts, ctx.zone, ctx.clock)
        return
    data = await state.get_data()
    await state.clear()
    await broadcast_event(dialog_manager, draft, data.get("audience"))


@router.message(Command("newevent"))
async def cmd_newevent(message: Message, ctx: Ctx, state: FSMContext) -> None:
    texts = ctx.texts
    ctx.actor.require_coordinator()
    await state.clear()
    await state.update_data(
        mode="event",
        text="",
        audience=AudienceSpec().to_json(),
        event={"timezone": ctx.zone.key},
    )
    await _ask(message, state, "kind", texts, ctx.zone, ctx.clock)


async def restart_editing(
    callback: CallbackQuery, state: FSMContext, texts: Texts, zone: ZoneInfo, clock: Clock
) -> None:
    """From the preview: go through the steps again, from the title, keeping the answers."""
    await _ask(callback, state, "title", texts, zone, clock)


@router.callback_query(NewEventCb.filter(F.step == "cancel"))
async def on_cancel(callback: CallbackQuery, texts: Texts, state: FSMContext) -> None:
    await state.clear()
    await callback.answer()
    await edit_or_send(callback, texts("cancelled"), None)


@router.callback_query(NewEventCb.filter(F.step == "back"))
async def on_back(callback: CallbackQuery, ctx: Ctx, state: FSMContext) -> None:
    texts = ctx.texts
    current = await state.get_state()
    step = next((s for s, st in STATE_OF.items() if st.state == current), None)
    if step is None or step == "kind":
        raise InvalidInput("error-nothing-back")
    await callback.answer()
    await _ask(callback, state, STEPS[STEPS.index(step) - 1], texts, ctx.zone, ctx.clock)


@router.callback_query(EventSG.kind, NewEventCb.filter(F.step == "kind"))
async def on_kind(
    callback: CallbackQuery,
    callback_data: NewEventCb,
    ctx: Ctx,
    state: FSMContext,
    dialog_manager: DialogManager,
) -> None:
    ctx.actor.require_coordinator()
    await _save(state, kind=events.check_kind(callback_data.value))
    await callback.answer()
    await _next(callback, state, "kind", ctx, dialog_manager)


@router.message(EventSG.title, F.text)
async def on_title(
    message: Message, ctx: Ctx, state: FSMContext, dialog_manager: DialogManager
) -> None:
    await _save(state, title=events.check_title(message.text or ""))
    await _next(message, state, "title", ctx, dialog_manager)


@router.message(EventSG.starts, F.text)
async def on_starts(
    message: Message, ctx: Ctx, state: FSMContext, dialog_manager: DialogManager
) -> None:
    starts_at = events.check_starts(
        parse_local(message.text or "", ctx.zone, ctx.clock.now()), ctx.clock.now()
    )
    await _save(state, starts_at=starts_at.isoformat(), timezone=ctx.zone.key)
    await _next(message, state, "starts", ctx, dialog_manager)


@router.message(EventSG.duration, F.text)
async def on_duration_typed(
    message: Message, ctx: Ctx, state: FSMContext, dialog_manager: DialogManager
) -> None:
    await _save(state, duration_minutes=events.parse_duration(message.text or ""))
    await _next(message, state, "duration", ctx, dialog_manager)


@router.callback_query(EventSG.duration, NewEventCb.filter(F.step == "duration"))
async def on_duration(
    callback: CallbackQuery,
    callback_data: NewEventCb,
    ctx: Ctx,
    state: FSMContext,
    dialog_manager: DialogManager,
) -> None:
    minutes = parse_int(callback_data.value, high=MAX_PAGE)
    if minutes is None:
        raise InvalidInput("error-stale-button")
    await _save(state, duration_minutes=events.check_duration(minutes))
    await callback.answer()
    await _next(callback, state, "duration", ctx, dialog_manager)


@router.message(EventSG.place, F.text)
async def on_place(
    message: Message, ctx: Ctx, state: FSMContext, dialog_manager: DialogManager
) -> None:
    place, online = events.check_place(message.text or "")
    await _save(state, place=place, online=online)
    await _next(message, state, "place", ctx, dialog_manager)


@router.message(EventSG.description, F.text)
async def on_description(
    message: Message, ctx: Ctx, state: FSMContext, dialog_manager: DialogManager
) -> None:
    kinds = {entity.type for entity in message.entities or []}
    html = announcements.compose_html(message.text or "", message.html_text, kinds)
    await _save(state, description=events.check_description(html))
    await _next(message, state, "description", ctx, dialog_manager)


@router.callback_query(EventSG.description, NewEventCb.filter(F.step == "description"))
async def on_no_description(
    callback: CallbackQuery, ctx: Ctx, state: FSMContext, dialog_manager: DialogManager
) -> None:
    await _save(state, description="")
    await callback.answer()
    await _next(callback, state, "description", ctx, dialog_manager)


@router.callback_query(EventSG.registration, NewEventCb.filter(F.step == "registration"))
async def on_registration(
    callback: CallbackQuery,
    callback_data: NewEventCb,
    ctx: Ctx,
    state: FSMContext,
    dialog_manager: DialogManager,
) -> None:
    if callback_data.value not in ("0", "1"):
        raise InvalidInput("error-stale-button")
    required = callback_data.value == "1"
    await _save(state, registration_required=required, capacity=None)
    await callback.answer()
    await _next(callback, state, "registration", ctx, dialog_manager)


@router.message(EventSG.capacity, F.text)
async def on_capacity_typed(
    message: Message, ctx: Ctx, state: FSMContext, dialog_manager: DialogManager
) -> None:
    await _save(state, capacity=events.parse_capacity(message.text or ""))
    await _next(message, state, "capacity", ctx, dialog_manager)


@router.callback_query(EventSG.capacity, NewEventCb.filter(F.step == "capacity"))
async def on_capacity(
    callback: CallbackQuery,
    callback_data: NewEventCb,
    ctx: Ctx,
    state: FSMContext,
    dialog_manager: DialogManager,
) -> None:
    allowed = {"0", *(str(n) for n in CAPACITY_CHOICES)}
    if callback_data.value not in allowed:
        raise InvalidInput("error-stale-button")
    value = int(callback_data.value)
    await _save(state, capacity=events.check_capacity(value) if value else None)
    await callback.answer()
    await _next(callback, state, "capacity", ctx, dialog_manager)


# --- /events: what is coming, and the answers ------------------------------------------------


def _require(participant: Participant | None) -> Participant:
    if participant is None:
        raise Forbidden("error-not-registered")
    return participant


def _answer_label(texts: Texts, answer: str | None) -> str:
    return texts(f"event-answer-{answer or 'none'}")


async def _list_screen(
    session: AsyncSession,
    clock: Clock,
    settings: Settings,
    participant: Participant,
    actor: Actor,
    texts: Texts,
    zone: ZoneInfo,
    page: int = 0,
) -> tuple[str, InlineKeyboardMarkup]:
    upcoming = await events.upcoming_for(session, clock, settings, participant)
    past = await events.to_confirm_for(session, clock, participant)

    def line(item: tuple[Event, Any]) -> str:
        event, rsvp = item
        return texts(
            "event-list-item",
            when=format_local(event.starts_at, zone),
            kind=texts(f"event-kind-{event.kind}"),
            title=escape(event.title),
            answer=_answer_label(texts, rsvp.answer if rsvp else None),
        )

    shown = page_by_length(upcoming, line, page)
    lines = [texts("event-list-title")]
    if shown.pages > 1:
        lines[0] += " " + texts("list-page", page=shown.page + 1, pages=shown.pages)
    rows: list[list[Any]] = []
    if not upcoming:
        lines.append(texts("event-list-empty"))
    lines += shown.lines
    for event, _rsvp in shown.items:
        label = f"{event.starts_at.astimezone(zone):%d.%m} · {event.title}"
        rows.append([button(button_text(label), EventCb(action="open", e=event.id))])
    rows.append(pager_row(shown, lambda n: EventListCb(page=n)))
    if past and shown.page == 0:
        lines += ["", texts("event-list-confirm")]
        for event in past:
            label = button_text(f"✔ {event.title}")
            rows.append([button(label, EventCb(action="open", e=event.id))])
    if actor.is_coordinator:
        rows.append([button(texts("event-btn-manage"), ManageCb(action="list", e=0))])
    return "\n".join(lines), markup(rows)


@router.message(Command("events"))
async def cmd_events(message: Message, ctx: Ctx) -> None:
    texts = ctx.texts
    person = _require(ctx.participant)
    text, keyboard = await _list_screen(
        ctx.session, ctx.clock, ctx.settings, person, ctx.actor, texts, ctx.zone
    )
    await message.answer(text, reply_markup=keyboard)


@router.callback_query(EventCb.filter(F.action == "list"))
@router.callback_query(EventListCb.filter())
async def on_list(callback: CallbackQuery, callback_data: EventCb | EventListCb, ctx: Ctx) -> None:
    texts = ctx.texts
    person = _require(ctx.participant)
    page = callback_data.page if isinstance(callback_data, EventListCb) else 0
    text, keyboard = await _list_screen(
        ctx.session, ctx.clock, ctx.settings, person, ctx.actor, texts, ctx.zone, page
    )
    await callback.answer()
    await edit_or_send(callback, text, keyboard)


async def _card(
    session: AsyncSession,
    clock: Clock,
    event: Event,
    person: Participant,
    texts: Texts,
    zone: ZoneInfo,
) -> tuple[str, InlineKeyboardMarkup]:
    rsvp = await events.rsvp_of(session, event.id, person.id)
    lines = [rendering.event_card(texts, event, zone), ""]
    now = clock.now()
    rows: list[list[Any]] = []
    if event.status == EventStatus.cancelled:
        lines.append(texts("event-is-cancelled"))
    else:
        lines.append(
            texts("event-your-answer", answer=_answer_label(texts, rsvp.answer if rsvp else None))
        )
        if event.capacity is not None:
            lines.append(texts("event-seats", taken=event.going_count, capacity=event.capacity))
        if event.starts_at > now:
            keyboard = rendering.event_keyboard(texts, event.id, rsvp.answer if rsvp else None)
            rows += from_plain(keyboard).inline_keyboard
        elif rsvp is not None and rsvp.answer == "going":
            if rsvp.attended is None:
                rows.append(
                    [
                        button(texts("event-btn-attended"), EventCb(action="here", e=event.id)),
                        button(texts("event-btn-missed"), EventCb(action="away", e=event.id)),
                    ]
                )
            else:
                lines.append(texts("event-attended-yes" if rsvp.attended else "event-attended-no"))
    rows.append([button(texts("btn-back"), EventCb(action="list", e=0))])
    return "\n".join(lines), markup(rows)


@router.callback_query(EventCb.filter(F.action == "open"))
async def on_open(callback: CallbackQuery, callback_data: EventCb, ctx: Ctx) -> None:
    texts = ctx.texts
    person = _require(ctx.participant)
    event = await events.visible_event(ctx.session, ctx.settings, person, callback_data.e)
    text, keyboard = await _card(ctx.session, ctx.clock, event, person, texts, ctx.zone)
    await callback.answer()
    await edit_or_send(callback, text, keyboard)


def _has_rsvp_buttons(callback: CallbackQuery, event_id: int) -> bool:
    message = callback.message
    keyboard = message.reply_markup if isinstance(message, Message) else None
    if keyboard is None:
        return False
    datas = {b.callback_data for row in keyboard.inline_keyboard for b in row}
    return rendering.rsvp_data("go", event_id) in datas


@router.callback_query(EventCb.filter(F.action.in_({"go", "no"})))
async def on_rsvp(callback: CallbackQuery, callback_data: EventCb, ctx: Ctx) -> None:
    texts = ctx.texts
    person = _require(ctx.participant)
    going = callback_data.action == "go"
    result = await events.answer(
        ctx.session, ctx.clock, ctx.settings, person, callback_data.e, going
    )
    event = result.event
    if not result.changed:
        note = texts("event-rsvp-same")
    elif going and event.capacity is not None:
        note = texts("event-rsvp-going-seats", left=max(0, event.capacity - event.going_count))
    else:
        note = texts("event-rsvp-going" if going else "event-rsvp-not-going")
    await callback.answer(note, show_alert=result.changed)
    if result.changed and _has_rsvp_buttons(callback, event.id):
        keyboard = rendering.event_keyboard(texts, event.id, result.answer)
        message = callback.message
        if isinstance(message, Message):
            try:
                await message.edit_reply_markup(reply_markup=from_plain(keyboard))
            except TelegramBadRequest:
                pass  # too old to edit: the answer is saved and was confirmed above


@router.callback_query(EventCb.filter(F.action.in_({"here", "away"})))
async def on_attendance_answer(callback: CallbackQuery, callback_data: EventCb, ctx: Ctx) -> None:
    texts = ctx.texts
    person = _require(ctx.participant)
    attended = callback_data.action == "here"
    await events.confirm_attendance(ctx.session, ctx.clock, person, callback_data.e, attended)
    await callback.answer(texts("event-attendance-thanks"))
    message = callback.message
    if isinstance(message, Message):
        try:
            await message.edit_reply_markup(reply_markup=None)
        except TelegramBadRequest:
            pass


@router.callback_query(F.data.startswith(f"{rendering.PREVIEW_PREFIX}:"))
async def on_preview_button(callback: CallbackQuery, texts: Texts) -> None:
    await callback.answer(texts("event-preview-button"), show_alert=True)


# --- the author's side: list, card, attendance, spreadsheet, cancel --------------------------


async def _manage_list(
    session: AsyncSession, clock: Clock, actor: Actor, texts: Texts, zone: ZoneInfo, page: int = 0
) -> tuple[str, InlineKeyboardMarkup]:
    mine = await events.managed_list(session, clock, actor)

    def label(event: Event) -> str:
        mark = "✖ " if event.status == EventStatus.cancelled else ""
        return button_text(f"{mark}{event.starts_at.astimezone(zone):%d.%m} · {event.title}")

    # Only buttons here: count and length (a button's label is already short) page the same.
    shown = page_by_length(mine, label, page)
    lines = [texts("event-manage-title")]
    if shown.pages > 1:
        lines[0] += " " + texts("list-page", page=shown.page + 1, pages=shown.pages)
    if not mine:
        lines.append(texts("event-manage-empty"))
    rows = [
        [button(text, ManageCb(action="open", e=event.id))]
        for event, text in zip(shown.items, shown.lines, strict=True)
    ]
    rows.append(pager_row(shown, lambda n: ManageCb(action="list", e=0, page=n)))
    rows.append([button(texts("btn-back"), EventCb(action="list", e=0))])
    return "\n".join(lines), markup(rows)


async def _manage_card(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    event: Event,
    texts: Texts,
    zone: ZoneInfo,
) -> tuple[str, InlineKeyboardMarkup]:
    rows_people = await events.attendance(session, actor, event.id)
    going = [r for r in rows_people if r.answer == "going"]
    lines = [
        rendering.event_card(texts, event, zone),
        "",
        texts(
            "event-manage-counts",
            going=len(going),
            declined=len(rows_people) - len(going),
            attended=sum(1 for r in going if r.attended),
        ),
    ]
    if event.status == EventStatus.cancelled:
        lines.append(texts("event-is-cancelled"))
    rows = [
        [
            button(texts("event-btn-attendance"), ManageCb(action="att", e=event.id)),
            button(texts("event-btn-xlsx"), ManageCb(action="xlsx", e=event.id)),
        ]
    ]
    if event.status == EventStatus.scheduled and event.starts_at > clock.now():
        rows.append(
            [button(texts("event-btn-cancel-event"), ManageCb(action="cancel", e=event.id))]
        )
    rows.append([button(texts("btn-back"), ManageCb(action="list", e=0))])
    return "\n".join(lines), markup(rows)


@router.callback_query(ManageCb.filter(F.action == "list"))
async def on_manage_list(callback: CallbackQuery, callback_data: ManageCb, ctx: Ctx) -> None:
    texts = ctx.texts
    text, keyboard = await _manage_list(
        ctx.session, ctx.clock, ctx.actor, texts, ctx.zone, callback_data.page
    )
    await callback.answer()
    await edit_or_send(callback, text, keyboard)


@router.callback_query(ManageCb.filter(F.action == "open"))
async def on_manage_open(callback: CallbackQuery, callback_data: ManageCb, ctx: Ctx) -> None:
    texts = ctx.texts
    event = await events.managed(ctx.session, ctx.actor, callback_data.e)
    text, keyboard = await _manage_card(ctx.session, ctx.clock, ctx.actor, event, texts, ctx.zone)
    await callback.answer()
    await edit_or_send(callback, text, keyboard)


async def _attendance_screen(
    session: AsyncSession, actor: Actor, event: Event, texts: Texts, page: int
) -> tuple[str, InlineKeyboardMarkup]:
    going = [r for r in await events.attendance(session, actor, event.id) if r.answer == "going"]
    pages = max(1, -(-len(going) // ATTENDANCE_PAGE))
    page = min(max(page, 0), pages - 1)
    rows = []
    for row in going[page * ATTENDANCE_PAGE : (page + 1) * ATTENDANCE_PAGE]:
        mark = "✅" if row.attended else ("✖" if row.attended is False else "▫")
        rows.append(
            [
                button(
                    f"{mark} {row.name}"[:60],
                    ManageCb(action="mark", e=event.id, v=row.participant_id, page=page),
                )
            ]
        )
    paging = []
    if page > 0:
        paging.append(button("◀", ManageCb(action="att", e=event.id, page=page - 1)))
    if page < pages - 1:
        paging.append(button("▶", ManageCb(action="att", e=event.id, page=page + 1)))
    rows += [paging, [button(texts("btn-back"), ManageCb(action="open", e=event.id))]]
    text = texts(
        "event-attendance-title",
        title=escape(event.title),
        count=len(going),
        attended=sum(1 for r in going if r.attended),
        page=page + 1,
        pages=pages,
    )
    return text, markup(rows)


@router.callback_query(ManageCb.filter(F.action.in_({"att", "mark"})))
async def on_attendance(callback: CallbackQuery, callback_data: ManageCb, ctx: Ctx) -> None:
    texts = ctx.texts
    event = await events.managed(ctx.session, ctx.actor, callback_data.e)
    if ctx.clock.now() < event.starts_at:
        raise InvalidInput("event-not-started")
    if callback_data.action == "mark":
        current = await events.rsvp_of(ctx.session, event.id, callback_data.v)
        attended = not (current is not None and current.attended)
        await events.mark_attendance(
            ctx.session, ctx.clock, ctx.actor, event.id, callback_data.v, attended
        )
    text, keyboard = await _attendance_screen(
        ctx.session, ctx.actor, event, texts, callback_data.page
    )
    await callback.answer()
    await edit_or_send(callback, text, keyboard)


@router.callback_query(ManageCb.filter(F.action == "xlsx"))
async def on_export(callback: CallbackQuery, callback_data: ManageCb, ctx: Ctx) -> None:
    texts = ctx.texts
    event = await events.managed(ctx.session, ctx.actor, callback_data.e)
    rows = await events.attendance(ctx.session, ctx.actor, event.id)
    when = f"{format_local(event.starts_at, ctx.zone)} ({zone_label(event.starts_at, ctx.zone)})"
    content = attendance_export.build(texts, event, when, rows)
    await callback.answer()
    if isinstance(callback.message, Message):
        await callback.message.answer_document(
            BufferedInputFile(content, filename=f"attendance-{event.id}.xlsx"),
            caption=texts("event-xlsx-caption", title=escape(event.title), count=len(rows)),
        )


@router.callback_query(ManageCb.filter(F.action == "cancel"))
async def on_ask_cancel_event(callback: CallbackQuery, callback_data: ManageCb, ctx: Ctx) -> None:
    texts = ctx.texts
    event = await events.managed(ctx.session, ctx.actor, callback_data.e)
    if event.status != EventStatus.scheduled:
        raise InvalidInput("event-cancelled")
    await callback.answer()
    await edit_or_send(
        callback,
        texts("event-confirm-cancel", title=escape(event.title), going=event.going_count),
        markup(
            [
                [
                    button(texts("event-btn-cancel-yes"), ManageCb(action="cancel_ok", e=event.id)),
                    button(texts("btn-back"), ManageCb(action="open", e=event.id)),
                ]
            ]
        ),
    )


@router.callback_query(ManageCb.filter(F.action == "cancel_ok"))
async def on_cancel_event(callback: CallbackQuery, callback_data: ManageCb, ctx: Ctx) -> None:
    texts = ctx.texts
    event, registered = await events.cancel(ctx.session, ctx.clock, ctx.actor, callback_data.e)
    zones: dict[int, ZoneInfo] = {}
    for person in registered:
        ptexts = ctx.translator.for_lang(person.language)
        if person.organization_id not in zones:
            zones[person.organization_id] = await directory.zone_of_organization(
                ctx.session, person.organization_id
            )
        await outbox.enqueue_text(
            ctx.session,
            ctx.clock,
            chat_id=person.tg_id or 0,
            participant_id=person.id,
            text=ptexts(
                "event-cancelled-notice",
                title=escape(event.title),
                when=format_local(event.starts_at, zones[person.organization_id]),
            ),
            priority=outbox.Priority.REMINDER,
            dedup_key=f"event-cancelled:{event.id}:{person.id}",
        )
    await callback.answer(texts("event-cancelled-done", count=len(registered)), show_alert=True)
    text, keyboard = await _manage_card(ctx.session, ctx.clock, ctx.actor, event, texts, ctx.zone)
    await edit_or_send(callback, text, keyboard)
