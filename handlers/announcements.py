"""/announce: write, attach, pick the audience, preview, then send now or at a chosen time.

The audience, preview and confirmation screens are shared with /newevent (handlers/events.py),
whose draft is an event instead of a text. The draft lives in the conversation state; every
step re-checks it against the coordinator's scope as it is at that moment.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.delivery.methods import method_class
from bot.i18n import Texts, Translator
from bot.services import catalog, directory
from bot.services.access import Actor
from bot.services.audience import AudienceSpec
from bot.services.broadcast import announcements, events, rendering, telegram_html
from bot.services.broadcast.attachments import Attachment, check_document, check_photo
from bot.services.broadcast.when import format_local, parse_local, zone_label
from bot.services.errors import InvalidInput
from bot.services.numbers import MAX_PAGE, parse_int
from bot.settings import Settings
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
    send_to_presser,
)
from models.broadcast import Announcement, Event
from models.enums import AnnouncementStatus, MentoringForm, Role

router = Router(name=__name__)
router.message.filter(F.chat.type == "private")

DIMENSIONS = ("roles", "categories", "munis", "orgs", "forms")
ORG_PAGE = 8


class ComposeSG(StatesGroup):
    text = State()
    attachment = State()
    audience = State()
    confirm = State()
    when = State()


class ComposeCb(CallbackData, prefix="an"):
    action: str  # noatt back aud dim tog all next send later edit cancel
    dim: str = ""
    value: str = ""


class AnnListCb(CallbackData, prefix="axl"):
    """A page of one's scheduled announcements under /announce."""

    page: Page


class AnnActionCb(CallbackData, prefix="ax"):
    """Buttons on saved announcements; rendering.ann_action_data spells the same."""

    action: str  # cancel cancel_ok stop stop_ok keep
    a: OptionalId


# --- the draft in the conversation -------------------------------------------------------------


def spec_of(data: dict[str, Any]) -> AudienceSpec:
    return AudienceSpec.from_json(data.get("audience"))


def event_draft_of(data: dict[str, Any]) -> events.EventDraft | None:
    raw = data.get("event")
    if data.get("mode") != "event" or not raw:
        return None
    return events.EventDraft(**{**raw, "starts_at": datetime.fromisoformat(raw["starts_at"])})


def _cancel_row(texts: Texts) -> list[Any]:
    return [button(texts("btn-cancel"), ComposeCb(action="cancel"))]


# --- /announce and the text ---------------------------------------------------------------------


async def _start_screen(
    session: AsyncSession, actor: Actor, texts: Texts, zone: ZoneInfo, page: int = 0
) -> tuple[str, InlineKeyboardMarkup]:
    """Ask for the text; below it, a page of the author's scheduled announcements."""
    lines = [texts("ann-ask-text", max=telegram_html.MESSAGE_LIMIT)]
    scheduled = [
        (item, await _title(session, item))
        for item in await announcements.scheduled_of(session, actor)
    ]

    def line(entry: tuple[Announcement, str]) -> str:
        item, title = entry
        when = format_local(item.send_at, zone)
        return texts("ann-scheduled-item", when=when, title=telegram_html.escape(title))

    shown = page_by_length(scheduled, line, page)
    rows = []
    if scheduled:
        heading = texts("ann-scheduled-list")
        if shown.pages > 1:
            heading += " " + texts("list-page", page=shown.page + 1, pages=shown.pages)
        lines += ["", heading, *shown.lines]
        for item, title in shown.items:
            label = button_text(texts("ann-btn-cancel-scheduled", title=title))
            rows.append([button(label, AnnActionCb(action="cancel", a=item.id))])
        rows.append(pager_row(shown, lambda n: AnnListCb(page=n)))
    return "\n".join(lines), markup([*rows, _cancel_row(texts)])


@router.message(Command("announce"))
async def cmd_announce(
    message: Message,
    actor: Actor,
    state: FSMContext,
    texts: Texts,
    session: AsyncSession,
    zone: ZoneInfo,
) -> None:
    actor.require_coordinator()
    await state.clear()
    await state.set_state(ComposeSG.text)
    await state.update_data(mode="announcement", audience=AudienceSpec().to_json())
    text, keyboard = await _start_screen(session, actor, texts, zone)
    await message.answer(text, reply_markup=keyboard)


@router.callback_query(AnnListCb.filter())
async def on_scheduled_page(
    callback: CallbackQuery,
    callback_data: AnnListCb,
    actor: Actor,
    texts: Texts,
    session: AsyncSession,
    zone: ZoneInfo,
) -> None:
    actor.require_coordinator()
    text, keyboard = await _start_screen(session, actor, texts, zone, callback_data.page)
    await callback.answer()
    await edit_or_send(callback, text, keyboard)


@router.message(ComposeSG.text, F.text)
async def on_text(
    message: Message,
    state: FSMContext,
    texts: Texts,
    session: AsyncSession,
    actor: Actor,
    zone: ZoneInfo,
    bot: Bot,
) -> None:
    actor.require_coordinator()
    kinds = {entity.type for entity in message.entities or []}
    html = announcements.compose_html(message.text or "", message.html_text, kinds)
    text = announcements.check_text(html)
    data = await state.get_data()
    await state.update_data(text=text, editing=False)
    if data.get("editing"):
        await show_preview(message.chat.id, bot, state, texts, session, actor, zone)
        return
    if data.get("attachment"):  # the file came first, without a caption
        await show_audience(message, state, texts, session, actor)
        return
    await state.set_state(ComposeSG.attachment)
    await message.answer(
        texts("ann-ask-attachment"),
        reply_markup=markup(
            [
                [button(texts("ann-btn-no-attachment"), ComposeCb(action="noatt"))],
                [
                    button(texts("btn-back"), ComposeCb(action="back")),
                    *_cancel_row(texts),
                ],
            ]
        ),
    )


def attachment_of(message: Message) -> Attachment:
    if message.photo:
        largest = message.photo[-1]
        return check_photo(largest.file_id, largest.file_size)
    document = message.document
    if document is None:
        raise InvalidInput("ann-attachment-kind")
    return check_document(
        document.file_id, document.file_name, document.mime_type, document.file_size
    )


@router.message(ComposeSG.text, F.photo | F.document)
async def on_file_with_text(
    message: Message,
    state: FSMContext,
    texts: Texts,
    session: AsyncSession,
    actor: Actor,
) -> None:
    """A photo or document sent instead of the text: keep it; its caption is the text."""
    actor.require_coordinator()
    attachment = attachment_of(message)
    if not (message.caption or "").strip():
        await state.update_data(attachment=attachment.to_json())
        await message.answer(texts("ann-file-kept-ask-text"))
        return
    kinds = {entity.type for entity in message.caption_entities or []}
    html = announcements.compose_html(message.caption or "", message.html_text, kinds)
    text = announcements.check_text(html)
    await state.update_data(text=text, attachment=attachment.to_json())
    await show_audience(message, state, texts, session, actor)


@router.message(ComposeSG.attachment, F.photo | F.document)
async def on_attachment(
    message: Message,
    state: FSMContext,
    texts: Texts,
    session: AsyncSession,
    actor: Actor,
) -> None:
    actor.require_coordinator()
    attachment = attachment_of(message)
    await state.update_data(attachment=attachment.to_json())
    await show_audience(message, state, texts, session, actor)


@router.callback_query(ComposeSG.attachment, ComposeCb.filter(F.action == "noatt"))
async def on_no_attachment(
    callback: CallbackQuery,
    state: FSMContext,
    texts: Texts,
    session: AsyncSession,
    actor: Actor,
) -> None:
    await state.update_data(attachment=None)
    await callback.answer()
    await show_audience(callback, state, texts, session, actor)


@router.callback_query(ComposeSG.attachment, ComposeCb.filter(F.action == "back"))
async def on_back_to_text(callback: CallbackQuery, state: FSMContext, texts: Texts) -> None:
    await state.set_state(ComposeSG.text)
    await callback.answer()
    await edit_or_send(
        callback,
        texts("ann-ask-text", max=telegram_html.MESSAGE_LIMIT),
        markup([_cancel_row(texts)]),
    )


# --- the audience -------------------------------------------------------------------------------


async def _names(
    session: AsyncSession, actor: Actor, texts: Texts, spec: AudienceSpec
) -> dict[str, str]:
    munis = {m.id: m.name for m in await directory.municipalities_in_scope(session, actor)}
    orgs = {o.id: o.label for o in await directory.organizations_in_scope(session, actor)}

    def listed(values: list[str]) -> str:
        return ", ".join(values) if values else texts("ann-audience-any")

    return {
        "roles": listed([texts(f"role-{r}") for r in sorted(spec.roles)]),
        "categories": listed([texts(f"category-{c}") for c in sorted(spec.categories)]),
        "munis": listed([munis.get(i, "—") for i in sorted(spec.municipality_ids)]),
        "orgs": listed([orgs.get(i, "—") for i in sorted(spec.organization_ids)]),
        "forms": listed([texts(f"bc-form-{f}") for f in sorted(spec.forms)]),
    }


async def audience_screen(
    session: AsyncSession, actor: Actor, texts: Texts, data: dict[str, Any]
) -> tuple[str, InlineKeyboardMarkup]:
    spec = spec_of(data)
    count = await announcements.recipients(session, actor, spec)
    names = await _names(session, actor, texts, spec)
    text = texts(
        "ann-audience",
        roles=names["roles"],
        categories=names["categories"],
        municipalities=names["munis"],
        organizations=names["orgs"],
        forms=names["forms"],
        count=count,
    )
    dims = [button(texts(f"ann-dim-{d}"), ComposeCb(action="dim", dim=d)) for d in DIMENSIONS]
    rows = [
        *grid(dims),
        [button(texts("ann-btn-everyone"), ComposeCb(action="all"))],
        [button(texts("ann-btn-preview"), ComposeCb(action="next"))],
        _cancel_row(texts),
    ]
    return text, markup(rows)


async def show_audience(
    target: Message | CallbackQuery,
    state: FSMContext,
    texts: Texts,
    session: AsyncSession,
    actor: Actor,
) -> None:
    await state.set_state(ComposeSG.audience)
    text, keyboard = await audience_screen(session, actor, texts, await state.get_data())
    if isinstance(target, CallbackQuery):
        await edit_or_send(target, text, keyboard)
    else:
        await target.answer(text, reply_markup=keyboard)


async def _choices(
    session: AsyncSession, actor: Actor, texts: Texts, dim: str, spec: AudienceSpec
) -> list[tuple[str, str]]:
    """(value, label) pairs a coordinator may pick in a dimension: only inside their scope."""
    if dim == "roles":
        return [(r.value, texts(f"role-{r.value}")) for r in Role]
    if dim == "categories":
        return [(c, texts(f"category-{c}")) for c in catalog.CATEGORIES]
    if dim == "forms":
        return [(f.value, texts(f"bc-form-{f.value}")) for f in MentoringForm]
    if dim == "munis":
        return [
            (str(m.id), m.name) for m in await directory.municipalities_in_scope(session, actor)
        ]
    if dim == "orgs":
        orgs = await directory.organizations_in_scope(session, actor)
        if spec.municipality_ids:
            orgs = [o for o in orgs if o.municipality_id in spec.municipality_ids]
        return [(str(o.id), o.label) for o in orgs]
    raise InvalidInput("error-stale-button")


def _chosen(spec: AudienceSpec, dim: str) -> set[str]:
    return {
        "roles": set(spec.roles),
        "categories": set(spec.categories),
        "forms": set(spec.forms),
        "munis": {str(i) for i in spec.municipality_ids},
        "orgs": {str(i) for i in spec.organization_ids},
    }[dim]


def _with(spec: AudienceSpec, dim: str, chosen: set[str]) -> AudienceSpec:
    # Only the chosen dimension is converted: role or form values are not numbers.
    field = {
        "roles": "roles",
        "categories": "categories",
        "forms": "forms",
        "munis": "municipality_ids",
        "orgs": "organization_ids",
    }[dim]
    numeric = dim in ("munis", "orgs")
    values = {field: frozenset(int(v) if numeric else v for v in chosen)}
    return AudienceSpec(**{**{f: getattr(spec, f) for f in spec.__dataclass_fields__}, **values})


async def dimension_screen(
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    data: dict[str, Any],
    dim: str,
    page: int,
) -> tuple[str, InlineKeyboardMarkup]:
    spec = spec_of(data)
    choices = await _choices(session, actor, texts, dim, spec)
    chosen = _chosen(spec, dim)
    pages = max(1, -(-len(choices) // ORG_PAGE))
    page = min(max(page, 0), pages - 1)
    shown = choices[page * ORG_PAGE : (page + 1) * ORG_PAGE]
    rows = [
        [
            button(
                ("✅ " if value in chosen else "▫ ") + label,
                ComposeCb(action="tog", dim=dim, value=f"{value}.{page}"),
            )
        ]
        for value, label in shown
    ]
    paging = []
    if page > 0:
        paging.append(button("◀", ComposeCb(action="dim", dim=dim, value=str(page - 1))))
    if page < pages - 1:
        paging.append(button("▶", ComposeCb(action="dim", dim=dim, value=str(page + 1))))
    rows += [paging, [button(texts("btn-done"), ComposeCb(action="aud"))]]
    text = texts(f"ann-dim-{dim}-ask", page=page + 1, pages=pages)
    return text, markup(rows)


@router.callback_query(ComposeSG.audience, ComposeCb.filter(F.action == "dim"))
async def on_dimension(
    callback: CallbackQuery,
    callback_data: ComposeCb,
    state: FSMContext,
    texts: Texts,
    session: AsyncSession,
    actor: Actor,
) -> None:
    actor.require_coordinator()
    if callback_data.dim not in DIMENSIONS:
        raise InvalidInput("error-stale-button")
    page = parse_int(callback_data.value, high=MAX_PAGE) or 0
    text, keyboard = await dimension_screen(
        session, actor, texts, await state.get_data(), callback_data.dim, page
    )
    await callback.answer()
    await edit_or_send(callback, text, keyboard)


@router.callback_query(ComposeSG.audience, ComposeCb.filter(F.action == "tog"))
async def on_toggle(
    callback: CallbackQuery,
    callback_data: ComposeCb,
    state: FSMContext,
    texts: Texts,
    session: AsyncSession,
    actor: Actor,
) -> None:
    actor.require_coordinator()
    dim = callback_data.dim
    value, _, page = callback_data.value.partition(".")
    if dim not in DIMENSIONS:
        raise InvalidInput("error-stale-button")
    data = await state.get_data()
    spec = spec_of(data)
    allowed = {v for v, _label in await _choices(session, actor, texts, dim, spec)}
    if value not in allowed:
        # A forged or replayed id: outside the scope (or no such value).
        raise InvalidInput(
            "error-out-of-scope" if dim in ("munis", "orgs") else "error-stale-button"
        )
    chosen = _chosen(spec, dim) ^ {value}
    spec = _with(spec, dim, chosen)
    if dim == "munis" and spec.organization_ids:
        # Organizations outside the chosen municipalities would select nobody: drop them.
        keep = {v for v, _label in await _choices(session, actor, texts, "orgs", spec)}
        spec = _with(spec, "orgs", _chosen(spec, "orgs") & keep)
    await state.update_data(audience=spec.to_json())
    text, keyboard = await dimension_screen(
        session, actor, texts, await state.get_data(), dim, parse_int(page, high=MAX_PAGE) or 0
    )
    await callback.answer()
    await edit_or_send(callback, text, keyboard)


@router.callback_query(ComposeSG.audience, ComposeCb.filter(F.action.in_({"aud", "all"})))
async def on_audience(
    callback: CallbackQuery,
    callback_data: ComposeCb,
    state: FSMContext,
    texts: Texts,
    session: AsyncSession,
    actor: Actor,
) -> None:
    actor.require_coordinator()
    if callback_data.action == "all":
        await state.update_data(audience=AudienceSpec().to_json())
    await callback.answer()
    await show_audience(callback, state, texts, session, actor)


@router.callback_query(ComposeSG.confirm, ComposeCb.filter(F.action == "aud"))
async def on_change_audience(
    callback: CallbackQuery,
    state: FSMContext,
    texts: Texts,
    session: AsyncSession,
    actor: Actor,
) -> None:
    actor.require_coordinator()
    await callback.answer()
    await show_audience(callback, state, texts, session, actor)


# --- preview and confirmation ------------------------------------------------------------------


@router.callback_query(ComposeSG.audience, ComposeCb.filter(F.action == "next"))
async def on_preview(
    callback: CallbackQuery,
    state: FSMContext,
    texts: Texts,
    session: AsyncSession,
    actor: Actor,
    zone: ZoneInfo,
    bot: Bot,
) -> None:
    actor.require_coordinator()
    if await announcements.recipients(session, actor, spec_of(await state.get_data())) == 0:
        raise InvalidInput("ann-no-recipients")
    await callback.answer()
    if isinstance(callback.message, Message):
        await callback.message.edit_reply_markup(reply_markup=None)
    chat_id = callback.message.chat.id if callback.message else callback.from_user.id
    await show_preview(chat_id, bot, state, texts, session, actor, zone)


async def show_preview(
    chat_id: int,
    bot: Bot,
    state: FSMContext,
    texts: Texts,
    session: AsyncSession,
    actor: Actor,
    zone: ZoneInfo,
) -> None:
    """Send the coordinator exactly the messages recipients will get, then the choice."""
    data = await state.get_data()
    count = await announcements.recipients(session, actor, spec_of(data))
    draft = event_draft_of(data)
    messages = rendering.announcement_messages(
        texts,
        text=data.get("text") or "",
        attachment=Attachment.from_json(data.get("attachment")),
        event=draft,
        event_id=None,
        zone=zone,
    )
    await bot.send_message(chat_id, texts("ann-preview-intro"))
    for method, params in messages:
        await bot(method_class(method)(chat_id=chat_id, **params))
    await state.set_state(ComposeSG.confirm)
    rows = [
        [
            button(texts("ann-btn-send-now"), ComposeCb(action="send")),
            button(texts("ann-btn-schedule"), ComposeCb(action="later")),
        ],
        [
            button(texts("ann-btn-edit"), ComposeCb(action="edit")),
            button(texts("ann-btn-audience"), ComposeCb(action="aud")),
        ],
        _cancel_row(texts),
    ]
    summary = texts("ann-preview-summary", count=count)
    if draft is not None:
        # The preview is on the author's clock; recipients elsewhere read their own.
        zones = await announcements.recipient_zones(session, actor, spec_of(data))
        if others := rendering.other_zone_times(draft.starts_at, zone, zones):
            summary = texts("event-preview-other-zones", times=", ".join(others)) + "\n\n" + summary
    await bot.send_message(chat_id, summary, reply_markup=markup(rows))


@router.callback_query(ComposeSG.confirm, ComposeCb.filter(F.action == "edit"))
async def on_edit(
    callback: CallbackQuery,
    state: FSMContext,
    texts: Texts,
    actor: Actor,
    zone: ZoneInfo,
    clock: Clock,
) -> None:
    actor.require_coordinator()
    data = await state.get_data()
    await callback.answer()
    if data.get("mode") == "event":
        from handlers import events as event_handlers  # the event steps live there

        await event_handlers.restart_editing(callback, state, texts, zone, clock)
        return
    await state.update_data(editing=True)
    await state.set_state(ComposeSG.text)
    await edit_or_send(
        callback,
        texts("ann-ask-new-text", max=telegram_html.MESSAGE_LIMIT),
        markup([_cancel_row(texts)]),
    )


async def _publish(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    data: dict[str, Any],
    send_at: datetime | None,
) -> Announcement:
    spec = spec_of(data)
    draft = event_draft_of(data)
    if data.get("mode") == "event":
        if draft is None:
            raise InvalidInput("error-stale-button")
        _event, announcement = await events.create(
            session, clock, actor, draft, spec, send_at=send_at
        )
        return announcement
    return await announcements.publish(
        session,
        clock,
        actor,
        announcements.Draft(
            text=data.get("text") or "",
            attachment=Attachment.from_json(data.get("attachment")),
            audience=spec,
        ),
        send_at=send_at,
    )


@router.callback_query(ComposeSG.confirm, ComposeCb.filter(F.action == "send"))
async def on_send_now(
    callback: CallbackQuery,
    state: FSMContext,
    texts: Texts,
    session: AsyncSession,
    actor: Actor,
    clock: Clock,
    settings: Settings,
    translator: Translator,
    zone: ZoneInfo,
) -> None:
    data = await state.get_data()
    announcement = await _publish(session, clock, actor, data, send_at=None)
    await announcements.start_now(
        session, clock, settings, translator, announcement, announcements.FIRST_CHUNK
    )
    text = await announcements.report_text(session, texts, announcement, zone)
    keyboard = from_plain(rendering.report_keyboard(texts, announcement.id, running=True))
    await state.clear()
    await callback.answer(texts("ann-started"))
    # This message becomes the delivery report; the background edits it as copies go out.
    announcement.report_chat_id = callback.from_user.id
    announcement.report_text = text
    announcement.report_message_id = await _show_report(callback, text, keyboard)


async def _show_report(
    callback: CallbackQuery, text: str, keyboard: InlineKeyboardMarkup
) -> int | None:
    message = callback.message
    if isinstance(message, Message):
        try:
            await message.edit_text(text, reply_markup=keyboard)
            return message.message_id
        except TelegramBadRequest:
            sent = await message.answer(text, reply_markup=keyboard)
            return sent.message_id
    return None


@router.callback_query(ComposeSG.confirm, ComposeCb.filter(F.action == "later"))
async def on_schedule(
    callback: CallbackQuery,
    state: FSMContext,
    texts: Texts,
    actor: Actor,
    clock: Clock,
    zone: ZoneInfo,
) -> None:
    actor.require_coordinator()
    await state.set_state(ComposeSG.when)
    await callback.answer()
    await edit_or_send(
        callback,
        texts("ann-ask-time", zone=zone_label(clock.now(), zone)),
        markup([[button(texts("btn-back"), ComposeCb(action="back"))], _cancel_row(texts)]),
    )


@router.callback_query(ComposeSG.when, ComposeCb.filter(F.action == "back"))
async def on_back_to_confirm(
    callback: CallbackQuery,
    state: FSMContext,
    texts: Texts,
    session: AsyncSession,
    actor: Actor,
    zone: ZoneInfo,
    bot: Bot,
) -> None:
    await callback.answer()
    chat_id = callback.message.chat.id if callback.message else callback.from_user.id
    await show_preview(chat_id, bot, state, texts, session, actor, zone)


@router.message(ComposeSG.when, F.text)
async def on_time(
    message: Message,
    state: FSMContext,
    texts: Texts,
    session: AsyncSession,
    actor: Actor,
    clock: Clock,
    zone: ZoneInfo,
) -> None:
    send_at = parse_local(message.text or "", zone, clock.now())
    announcement = await _publish(session, clock, actor, await state.get_data(), send_at)
    await state.clear()
    await message.answer(
        texts(
            "ann-scheduled",
            when=format_local(send_at, zone),
            zone=zone_label(send_at, zone),
            count=announcement.recipients_expected,
        ),
        reply_markup=markup(
            [
                [
                    button(
                        texts("ann-btn-cancel-send"),
                        AnnActionCb(action="cancel", a=announcement.id),
                    )
                ]
            ]
        ),
    )


@router.callback_query(ComposeCb.filter(F.action == "cancel"))
async def on_cancel_compose(callback: CallbackQuery, state: FSMContext, texts: Texts) -> None:
    await state.clear()
    await callback.answer()
    await edit_or_send(callback, texts("cancelled"), None)


# --- saved announcements: cancel a scheduled one, stop a running one --------------------------


async def _title(session: AsyncSession, announcement: Announcement) -> str:
    if announcement.event_id is not None:
        event = await session.get(Event, announcement.event_id)
        if event is not None:
            return event.title
    return rendering.short_title(announcement.text) or (announcement.attachment_name or "—")


@router.callback_query(AnnActionCb.filter(F.action.in_({"cancel", "stop"})))
async def on_ask_action(
    callback: CallbackQuery,
    callback_data: AnnActionCb,
    texts: Texts,
    session: AsyncSession,
    actor: Actor,
    zone: ZoneInfo,
) -> None:
    announcement = await announcements.get_own(session, actor, callback_data.a)
    action = callback_data.action
    expected = AnnouncementStatus.scheduled if action == "cancel" else AnnouncementStatus.sending
    if announcement.status != expected:
        raise InvalidInput(f"ann-cannot-{action}")
    title = telegram_html.escape(await _title(session, announcement))
    await callback.answer()
    await send_to_presser(
        callback,
        texts(f"ann-confirm-{action}", title=title, when=format_local(announcement.send_at, zone)),
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


@router.callback_query(AnnActionCb.filter(F.action == "cancel_ok"))
async def on_cancel_scheduled(
    callback: CallbackQuery,
    callback_data: AnnActionCb,
    texts: Texts,
    session: AsyncSession,
    actor: Actor,
    clock: Clock,
) -> None:
    announcement = await announcements.cancel(session, clock, actor, callback_data.a)
    title = telegram_html.escape(await _title(session, announcement))
    await callback.answer(texts("ann-cancelled-short"))
    await edit_or_send(callback, texts("ann-cancelled", title=title), None)


@router.callback_query(AnnActionCb.filter(F.action == "stop_ok"))
async def on_stop(
    callback: CallbackQuery,
    callback_data: AnnActionCb,
    texts: Texts,
    session: AsyncSession,
    actor: Actor,
    clock: Clock,
) -> None:
    announcement = await announcements.stop(session, clock, actor, callback_data.a)
    title = telegram_html.escape(await _title(session, announcement))
    await callback.answer(texts("ann-stopped-short"))
    await edit_or_send(callback, texts("ann-stopped", title=title), None)


@router.callback_query(AnnActionCb.filter(F.action == "keep"))
async def on_keep(callback: CallbackQuery, texts: Texts) -> None:
    await callback.answer()
    await edit_or_send(callback, texts("ann-kept"), None)
