"""What /announce does with a press or a message: the broadcast services decide.

The draft lives in the dialog's data: the text, the attachment, the audience (the picker's
result) and, when /newevent hands over, the event. Every step re-checks it against the
coordinator's scope as it is at that moment.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_dialog import DialogManager, ShowMode, StartMode

from bot.callbacks import packed_params
from bot.context import Ctx
from bot.delivery.methods import method_class
from bot.services import dates
from bot.services.audience import AudienceSpec
from bot.services.broadcast import announcements, events, rendering
from bot.services.broadcast.attachments import Attachment, check_document, check_photo
from bot.services.broadcast.signature import signature_of
from bot.services.broadcast.when import format_local, zone_label
from bot.services.errors import InvalidInput
from bot.services.numbers import parse_id
from handlers.announcements import saved
from handlers.announcements.events.states import EventSG
from handlers.announcements.states import AnnounceSG
from handlers.kit.audience import AudienceAsk, AudienceSG, chosen_audience
from handlers.kit.context import ctx_of
from handlers.kit.picks import stale
from handlers.ui import button, from_plain, markup


def spec_of(data: dict[str, Any]) -> AudienceSpec:
    return AudienceSpec.from_json(data.get("audience"))


def event_draft_of(data: dict[str, Any]) -> events.EventDraft | None:
    raw = data.get("event")
    if data.get("mode") != "event" or not raw:
        return None
    return events.EventDraft(**{**raw, "starts_at": datetime.fromisoformat(raw["starts_at"])})


# --- the start: /announce, or an event (/newevent's last step starts confirm) ------------


async def start(message: Message, dialog_manager: DialogManager, ctx: Ctx) -> None:
    ctx.actor.require_coordinator()
    await dialog_manager.start(
        AnnounceSG.text,
        data={"mode": "announcement"},
        mode=StartMode.RESET_STACK,
        show_mode=ShowMode.SEND,
    )


async def on_start(start_data: Any, manager: DialogManager) -> None:
    data = start_data if isinstance(start_data, dict) else {}
    manager.dialog_data.update(
        mode=data.get("mode", "announcement"),
        event=data.get("event"),
        audience=AudienceSpec.from_json(data.get("audience")).to_json(),
        text="",
    )
    if data.get("mode") == "event":
        await ask_audience(manager)


# --- the text and the attachment --------------------------------------------------------------


def _text_of(text: str | None, html: str | None, entities: Any) -> str:
    kinds = {entity.type for entity in entities or []}
    return announcements.check_text(announcements.compose_html(text or "", html, kinds))


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


async def on_text(message: Message, text: str, manager: DialogManager) -> None:
    ctx_of(manager).actor.require_coordinator()
    data = manager.dialog_data
    data["text"] = _text_of(text, message.html_text, message.entities)
    if data.pop("editing", False):
        await show_preview(manager)
    elif data.get("attachment"):  # the file came first, without a caption
        await ask_audience(manager)
    else:
        await manager.switch_to(AnnounceSG.attachment)


async def on_file_with_text(message: Message, manager: DialogManager) -> None:
    """A photo or document sent instead of the text: keep it; its caption is the text."""
    ctx_of(manager).actor.require_coordinator()
    attachment = attachment_of(message)
    data = manager.dialog_data
    if not (message.caption or "").strip():
        data["attachment"] = attachment.to_json()
        return  # the text window again, saying the file is kept
    data["text"] = _text_of(message.caption, message.html_text, message.caption_entities)
    data["attachment"] = attachment.to_json()
    data.pop("editing", None)
    await ask_audience(manager)


async def on_attachment(message: Message, manager: DialogManager) -> None:
    ctx_of(manager).actor.require_coordinator()
    manager.dialog_data["attachment"] = attachment_of(message).to_json()
    await ask_audience(manager)


async def on_no_attachment(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    manager.dialog_data["attachment"] = None
    await ask_audience(manager)


async def on_cancel_scheduled(callback: CallbackQuery, key: str, manager: DialogManager) -> None:
    """A scheduled one listed under the text step: asked about in a message of its own."""
    announcement_id = parse_id(key)
    if announcement_id is None:
        raise stale()
    await saved.ask(callback, ctx_of(manager), "cancel", announcement_id)
    manager.show_mode = ShowMode.NO_UPDATE  # the text step stays as it is


# --- the audience (the shared picker) and the preview -----------------------------------------


async def ask_audience(manager: DialogManager) -> None:
    data = manager.dialog_data
    # An event's first audience has nothing to go back to: its steps are another conversation.
    back = data.get("mode") != "event" or bool(data.get("previewed"))
    ask = AudienceAsk(spec=spec_of(data), back=back)
    await manager.start(AudienceSG.main, data=ask.to_data())


async def on_change_audience(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    ctx_of(manager).actor.require_coordinator()
    await ask_audience(manager)


async def on_audience(_: Any, result: Any, manager: DialogManager) -> None:
    """The picker closed: an audience goes to the preview; Back shows this step again (and
    Cancel closes /announce too, right after)."""
    spec = chosen_audience(result)
    if spec is None:
        return
    manager.dialog_data["audience"] = spec.to_json()
    await show_preview(manager)


async def show_preview(manager: DialogManager) -> None:
    """Send the coordinator exactly the messages recipients will get, then the choice."""
    ctx = ctx_of(manager)
    data = manager.dialog_data
    messages = rendering.announcement_messages(
        ctx.texts,
        text=data.get("text") or "",
        attachment=Attachment.from_json(data.get("attachment")),
        event=event_draft_of(data),
        event_id=None,
        zone=ctx.zone,
        signature=await signature_of(ctx.session, ctx.participant, ctx.actor),
    )
    bot = manager.middleware_data["bot"]
    chat_id = manager.middleware_data["event_chat"].id
    await bot.send_message(chat_id, ctx.texts("ann-preview-intro"))
    for method, params in messages:
        await bot(method_class(method)(**{"chat_id": chat_id, **packed_params(params)}))
    data["previewed"] = True
    await manager.switch_to(AnnounceSG.confirm, show_mode=ShowMode.SEND)  # below the preview


# --- the confirmation: edit, send now, or at a time -------------------------------------------


async def on_edit(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    ctx.actor.require_coordinator()
    data = dict(manager.dialog_data)
    if data.get("mode") != "event":
        manager.dialog_data["editing"] = True
        await manager.switch_to(AnnounceSG.text)
        return
    # The event's steps are /newevent's dialog: it takes the draft back, from the title.
    await manager.start(
        EventSG.title,
        data={"event": data["event"], "audience": data["audience"]},
        mode=StartMode.RESET_STACK,
    )


async def _publish(ctx: Ctx, data: dict[str, Any], send_at: datetime | None) -> Any:
    spec = spec_of(data)
    if data.get("mode") == "event":
        draft = event_draft_of(data)
        if draft is None:
            raise InvalidInput("error-stale-button")
        _event, announcement = await events.create(
            ctx.session, ctx.clock, ctx.actor, draft, spec, send_at=send_at
        )
        return announcement
    return await announcements.publish(
        ctx.session,
        ctx.clock,
        ctx.actor,
        announcements.Draft(
            text=data.get("text") or "",
            attachment=Attachment.from_json(data.get("attachment")),
            audience=spec,
        ),
        send_at=send_at,
    )


async def on_send_now(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    announcement = await _publish(ctx, manager.dialog_data, send_at=None)
    await announcements.start_now(
        ctx.session,
        ctx.clock,
        ctx.settings,
        ctx.translator,
        announcement,
        announcements.FIRST_CHUNK,
    )
    text = await announcements.report_text(ctx.session, ctx.texts, announcement, ctx.zone)
    keyboard = from_plain(rendering.report_keyboard(ctx.texts, announcement.id, running=True))
    await manager.done(show_mode=ShowMode.NO_UPDATE)
    await callback.answer(ctx.texts("ann-started"))
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


async def on_time(message: Message, text: str, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    now = ctx.clock.now()
    within = dates.ahead(now.astimezone(ctx.zone).date(), announcements.MAX_AHEAD)
    send_at = await dates.read_moment(text, ctx.zone, now, within=within)
    announcement = await _publish(ctx, manager.dialog_data, send_at)
    await manager.done()
    await message.answer(
        ctx.texts(
            "ann-scheduled",
            when=format_local(send_at, ctx.zone),
            zone=zone_label(send_at, ctx.zone),
            count=announcement.recipients_expected,
        ),
        reply_markup=markup(
            [
                [
                    button(
                        ctx.texts("ann-btn-cancel-send"),
                        saved.AnnActionCb(action="cancel", a=announcement.id),
                    )
                ]
            ]
        ),
    )
