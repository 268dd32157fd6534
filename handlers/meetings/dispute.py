"""A mentee disputes a meeting entry: the reason is asked first (typed, bounded, or skipped),
then the dispute is recorded and the mentor and the coordinator see the reason with it.

The question opens below the notice, which keeps its confirm / dispute buttons
(handlers.kit.under): a mentee who walks away has disputed nothing and can still answer.
"""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager, ShowMode
from aiogram_dialog.widgets.kbd import Button

from bot.callbacks.mentorship import MeetingCb
from bot.context import Ctx
from bot.services.mentorship import meetings
from handlers.kit import Tr, Window, cancel_button, typed_text
from handlers.kit.context import ctx_of
from handlers.kit.picks import stale
from handlers.kit.under import start_under
from handlers.meetings import card
from handlers.meetings.states import MeetDispute
from handlers.ui import edit_or_send


async def ask_reason(
    callback: CallbackQuery,
    callback_data: MeetingCb,
    ctx: Ctx,
    dialog_manager: DialogManager | None = None,
) -> None:
    """«Оспорить» on a notice or a card: checked as the dispute will be, then the question."""
    meeting = await meetings.check_can_dispute(ctx.session, ctx.clock, ctx.actor, callback_data.id)
    await callback.answer()
    await start_under(dialog_manager, MeetDispute.reason, {"meeting_id": meeting.id})


def _meeting_id(manager: DialogManager) -> int:
    data = manager.start_data
    meeting_id = data.get("meeting_id") if isinstance(data, dict) else None
    if not isinstance(meeting_id, int):
        raise stale()
    return meeting_id


async def _dispute(
    event: CallbackQuery | Message, manager: DialogManager, reason: str | None
) -> None:
    ctx = ctx_of(manager)
    meeting = await meetings.answer(
        ctx.session,
        ctx.clock,
        ctx.actor,
        _meeting_id(manager),
        ctx.translator,
        confirmed=False,
        reason=reason,
    )
    await manager.done(show_mode=ShowMode.NO_UPDATE)
    text, keyboard = await card.meeting_card(ctx, meeting)
    said = ctx.texts("meeting-you-disputed")
    if isinstance(event, CallbackQuery):
        await event.answer(said)
        await edit_or_send(event, said + "\n\n" + text, keyboard)
    else:
        await event.answer(said + "\n\n" + text, reply_markup=keyboard)


async def on_reason(message: Message, text: str, manager: DialogManager) -> None:
    await _dispute(message, manager, meetings.parse_dispute_reason(text))


async def on_skip(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    await _dispute(callback, manager, None)


async def _prompt(**_: Any) -> dict[str, Any]:
    return {"max": meetings.DISPUTE_REASON_MAX}


def dispute_dialog() -> Dialog:
    return Dialog(
        Window(
            Tr("meeting-dispute-ask"),
            typed_text(on_reason),
            Button(Tr("meeting-btn-dispute-skip"), id="skip", on_click=on_skip),
            cancel_button(said="meeting-dispute-cancelled"),
            getter=_prompt,
            state=MeetDispute.reason,
        ),
    )
