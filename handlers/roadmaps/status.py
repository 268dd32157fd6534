"""A deadline of a responsible party, from /roadmap or from a reminder: in progress, done with
a comment or a file as evidence, not applicable with a reason, postpone (the level above
decides). Every press re-reads the deadline and re-checks the presser's scope.

The buttons of reminders, digests and postponement requests are CallbackData (those messages
belong to no dialog): a press opens the deadline's dialog at the step it names.
"""

from __future__ import annotations

from typing import Any

from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager, StartMode

from bot.callbacks.roadmaps import PostponeCb, RoadmapCb
from bot.context import Ctx
from bot.services.errors import InvalidInput
from bot.services.roadmaps import postpone_notices, render, status
from bot.services.roadmaps.presses import (
    APPROVE,
    BELOW,
    CARD,
    DECLINE,
    DONE,
    HOME,
    MINE,
    NOT_APPLICABLE,
    POSTPONE_ASK,
)
from bot.services.roadmaps.reminders import NoticeConfig
from bot.services.roadmaps.status import OccurrenceCard
from handlers.kit.context import ctx_of
from handlers.roadmaps.getters import occurrence_of
from handlers.roadmaps.states import RoadmapHome, RoadmapStatus
from handlers.roadmaps.ui import home_markup
from handlers.ui import edit_or_send
from models.enums import OccurrenceStatus


async def _open_card(ctx: Ctx, occurrence_id: int, *, due_only: bool = False) -> OccurrenceCard:
    card = await status.get_card(ctx.session, ctx.actor, occurrence_id)
    if not card.is_open:
        raise InvalidInput("roadmap-already-closed")
    if due_only and card.kind != "due":
        raise InvalidInput("roadmap-postpone-not-due")
    if due_only and card.pending_postponement is not None:
        raise InvalidInput("roadmap-postpone-pending")
    return card


def _marked(ctx: Ctx, value: str) -> str:
    return ctx.texts("roadmap-marked", status=render.status_name(ctx.texts, value))


# --- presses on messages sent to people (reminders, digests, decisions) -------------------
# Registered in handlers.roadmaps.create_router, in this order: SCREENS, STEPS, PROGRESS, the
# rest of RoadmapCb, PostponeCb.

SCREENS: dict[str, State] = {
    HOME: RoadmapHome.home,
    MINE: RoadmapHome.mine,
    BELOW: RoadmapHome.below,
}
STEPS: dict[str, State] = {
    CARD: RoadmapStatus.card,
    DONE: RoadmapStatus.evidence,
    NOT_APPLICABLE: RoadmapStatus.reason,
    POSTPONE_ASK: RoadmapStatus.postpone,
}


async def on_screen(
    callback: CallbackQuery, callback_data: RoadmapCb, ctx: Ctx, dialog_manager: DialogManager
) -> None:
    ctx.actor.require_coordinator()
    await callback.answer()
    await dialog_manager.start(SCREENS[callback_data.action], mode=StartMode.RESET_STACK)


async def on_step(
    callback: CallbackQuery, callback_data: RoadmapCb, ctx: Ctx, dialog_manager: DialogManager
) -> None:
    action = callback_data.action
    if action == CARD:
        card = await status.get_card(ctx.session, ctx.actor, callback_data.id)
    else:
        card = await _open_card(ctx, callback_data.id, due_only=action == POSTPONE_ASK)
    await callback.answer()
    await dialog_manager.start(
        STEPS[action], data={"occurrence": card.id}, mode=StartMode.RESET_STACK
    )


async def on_progress_pressed(
    callback: CallbackQuery, callback_data: RoadmapCb, ctx: Ctx, dialog_manager: DialogManager
) -> None:
    card = await status.set_status(
        ctx.session, ctx.clock, ctx.actor, callback_data.id, OccurrenceStatus.in_progress
    )
    await callback.answer(_marked(ctx, OccurrenceStatus.in_progress))
    await dialog_manager.start(
        RoadmapStatus.card, data={"occurrence": card.id}, mode=StartMode.RESET_STACK
    )


async def on_old_screen(callback: CallbackQuery, ctx: Ctx) -> None:
    """A list or a date button of a /roadmap screen from before the screens were dialogs."""
    ctx.actor.require_coordinator()
    await callback.answer(ctx.texts("error-stale-button"), show_alert=True)


async def on_postpone_decision(
    callback: CallbackQuery, callback_data: PostponeCb, ctx: Ctx
) -> None:
    if callback_data.decision not in (APPROVE, DECLINE):
        raise InvalidInput("error-stale-button")
    approve = callback_data.decision == APPROVE
    decision = await status.decide_postpone(
        ctx.session,
        ctx.clock,
        ctx.actor,
        callback_data.id,
        approve,
        NoticeConfig.from_settings(ctx.settings),
    )
    await postpone_notices.tell_requester(ctx.session, ctx.clock, ctx.translator, decision)
    await callback.answer()
    await edit_or_send(
        callback, postpone_notices.decision_text(ctx.texts, decision), home_markup(ctx.texts)
    )


# --- the deadline's dialog -----------------------------------------------------------------


async def in_progress(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    await status.set_status(
        ctx.session, ctx.clock, ctx.actor, occurrence_of(manager), OccurrenceStatus.in_progress
    )
    await callback.answer(_marked(ctx, OccurrenceStatus.in_progress))


async def check_open(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    """Before Done or Not applicable: closed meanwhile (by someone else) is said at once."""
    await _open_card(ctx_of(manager), occurrence_of(manager))


async def check_postponable(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    await _open_card(ctx_of(manager), occurrence_of(manager), due_only=True)


async def on_evidence(message: Message, _: Any, manager: DialogManager) -> None:
    file_id = file_name = None
    if message.document is not None:
        file_id, file_name = message.document.file_id, message.document.file_name or "document"
    elif message.photo:
        file_id, file_name = message.photo[-1].file_id, "photo.jpg"
    comment = message.caption if file_id else message.text
    ctx = ctx_of(manager)
    await status.set_status(
        ctx.session,
        ctx.clock,
        ctx.actor,
        occurrence_of(manager),
        OccurrenceStatus.done,
        comment=comment,
        file_id=file_id,
        file_name=file_name,
    )
    await message.answer(_marked(ctx, OccurrenceStatus.done))
    await manager.switch_to(RoadmapStatus.card)


async def on_reason(message: Message, text: str, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    await status.set_status(
        ctx.session,
        ctx.clock,
        ctx.actor,
        occurrence_of(manager),
        OccurrenceStatus.not_applicable,
        comment=text,
    )
    await message.answer(_marked(ctx, OccurrenceStatus.not_applicable))
    await manager.switch_to(RoadmapStatus.card)


async def on_postpone(message: Message, text: str, manager: DialogManager) -> None:
    """The new date and the reason in one message ("15.06.2027, the order is pending"): the date
    may be a month ("June 2027"), so the deadline reader reads it, not the day picker."""
    ctx = ctx_of(manager)
    result = await status.request_postpone(
        ctx.session,
        ctx.clock,
        ctx.actor,
        occurrence_of(manager),
        text,
        NoticeConfig.from_settings(ctx.settings),
    )
    if result.applied:
        await message.answer(ctx.texts("roadmap-postponed", date=render.day(result.card.due_on)))
        await manager.switch_to(RoadmapStatus.card)
        return
    requester = ctx.participant.full_name if ctx.participant else None
    await postpone_notices.tell_approvers(ctx.session, ctx.clock, ctx.translator, result, requester)
    manager.dialog_data.update(to=render.day(result.to_due_on), count=len(result.approvers))
    await manager.switch_to(RoadmapStatus.sent)


async def to_home(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    """To the overview: the one below this dialog, or a new one (opened from a reminder)."""
    if len(manager.current_stack().intents) > 1:
        await manager.done()
        return
    await manager.start(RoadmapHome.home, mode=StartMode.RESET_STACK)
