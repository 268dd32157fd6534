"""A deadline of a responsible party, from /roadmap or from a reminder: in progress, done with
a comment or a file as evidence, not applicable with a reason, postpone (the level above
decides). Every press re-reads the deadline and re-checks the presser's scope."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Texts, Translator
from bot.services import outbox
from bot.services.access import Actor
from bot.services.errors import InvalidInput
from bot.services.outbox import Button, Keyboard
from bot.services.roadmaps import buttons, render, status
from bot.services.roadmaps.reminders import NoticeConfig
from bot.services.roadmaps.status import OccurrenceCard
from bot.settings import Settings
from handlers.roadmap_ui import PostponeCb, RoadmapCb, RoadmapSG, reply, show, today_in
from models import Participant
from models.enums import OccurrenceStatus

router = Router(name=__name__)
router.message.filter(F.chat.type == "private")

_NOT_A_COMMAND = F.text & ~F.text.startswith("/")


def _card_screen(
    texts: Texts, card: OccurrenceCard, clock: Clock, zone: ZoneInfo
) -> tuple[str, Keyboard]:
    return render.card_text(texts, card, today_in(clock, zone)), render.card_keyboard(texts, card)


def _cancel(texts: Texts, occurrence_id: int) -> list[list[Button]]:
    return [[Button(texts("btn-cancel"), buttons.roadmap(buttons.CARD, occurrence_id))]]


@router.callback_query(RoadmapCb.filter(F.action == buttons.CARD))
async def on_card(
    callback: CallbackQuery,
    callback_data: RoadmapCb,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    clock: Clock,
    zone: ZoneInfo,
    state: FSMContext,
) -> None:
    card = await status.get_card(session, actor, callback_data.id)
    await state.clear()  # "Cancel" of a step comes back here
    await show(callback, *_card_screen(texts, card, clock, zone))


@router.callback_query(RoadmapCb.filter(F.action == buttons.PROGRESS))
async def on_in_progress(
    callback: CallbackQuery,
    callback_data: RoadmapCb,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    clock: Clock,
    zone: ZoneInfo,
) -> None:
    card = await status.set_status(
        session, clock, actor, callback_data.id, OccurrenceStatus.in_progress
    )
    await show(
        callback,
        *_card_screen(texts, card, clock, zone),
        answer=texts(
            "roadmap-marked", status=render.status_name(texts, OccurrenceStatus.in_progress)
        ),
    )


async def _open_card(
    session: AsyncSession, actor: Actor, occurrence_id: int, *, due_only: bool = False
) -> OccurrenceCard:
    card = await status.get_card(session, actor, occurrence_id)
    if not card.is_open:
        raise InvalidInput("roadmap-already-closed")
    if due_only and card.kind != "due":
        raise InvalidInput("roadmap-postpone-not-due")
    if due_only and card.pending_postponement is not None:
        raise InvalidInput("roadmap-postpone-pending")
    return card


@router.callback_query(RoadmapCb.filter(F.action == buttons.DONE))
async def on_done(
    callback: CallbackQuery,
    callback_data: RoadmapCb,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    state: FSMContext,
) -> None:
    card = await _open_card(session, actor, callback_data.id)
    await state.set_state(RoadmapSG.evidence)
    await state.update_data(occurrence=card.id)
    await show(
        callback,
        texts(
            "roadmap-ask-evidence",
            item=render.item_name(texts, card.item_number, card.activity, 200),
        ),
        _cancel(texts, card.id),
    )


@router.message(RoadmapSG.evidence, F.document | F.photo | _NOT_A_COMMAND)
async def on_evidence(
    message: Message,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    clock: Clock,
    zone: ZoneInfo,
    state: FSMContext,
) -> None:
    file_id = file_name = None
    if message.document is not None:
        file_id, file_name = message.document.file_id, message.document.file_name or "document"
    elif message.photo:
        file_id, file_name = message.photo[-1].file_id, "photo.jpg"
    comment = message.caption if file_id else message.text
    data = await state.get_data()
    card = await status.set_status(
        session,
        clock,
        actor,
        int(data.get("occurrence", 0)),
        OccurrenceStatus.done,
        comment=comment,
        file_id=file_id,
        file_name=file_name,
    )
    await state.clear()
    await reply(
        message, texts("roadmap-marked", status=render.status_name(texts, OccurrenceStatus.done))
    )
    await reply(message, *_card_screen(texts, card, clock, zone))


@router.callback_query(RoadmapCb.filter(F.action == buttons.NOT_APPLICABLE))
async def on_not_applicable(
    callback: CallbackQuery,
    callback_data: RoadmapCb,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    state: FSMContext,
) -> None:
    card = await _open_card(session, actor, callback_data.id)
    await state.set_state(RoadmapSG.na_reason)
    await state.update_data(occurrence=card.id)
    await show(
        callback,
        texts("roadmap-ask-reason", item=render.item_name(texts, card.item_number, card.activity)),
        _cancel(texts, card.id),
    )


@router.message(RoadmapSG.na_reason, _NOT_A_COMMAND)
async def on_reason(
    message: Message,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    clock: Clock,
    zone: ZoneInfo,
    state: FSMContext,
) -> None:
    data = await state.get_data()
    card = await status.set_status(
        session,
        clock,
        actor,
        int(data.get("occurrence", 0)),
        OccurrenceStatus.not_applicable,
        comment=message.text,
    )
    await state.clear()
    await reply(
        message,
        texts("roadmap-marked", status=render.status_name(texts, OccurrenceStatus.not_applicable)),
    )
    await reply(message, *_card_screen(texts, card, clock, zone))


@router.callback_query(RoadmapCb.filter(F.action == buttons.POSTPONE_ASK))
async def on_postpone(
    callback: CallbackQuery,
    callback_data: RoadmapCb,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    state: FSMContext,
) -> None:
    card = await _open_card(session, actor, callback_data.id, due_only=True)
    await state.set_state(RoadmapSG.postpone)
    await state.update_data(occurrence=card.id)
    await show(
        callback,
        texts(
            "roadmap-ask-postpone",
            item=render.item_name(texts, card.item_number, card.activity),
            date=render.day(card.due_on),
            end=render.day(card.period_end),
        ),
        _cancel(texts, card.id),
    )


@router.message(RoadmapSG.postpone, _NOT_A_COMMAND)
async def on_postpone_text(
    message: Message,
    session: AsyncSession,
    actor: Actor,
    participant: Participant | None,
    texts: Texts,
    clock: Clock,
    zone: ZoneInfo,
    state: FSMContext,
    settings: Settings,
    translator: Translator,
) -> None:
    data = await state.get_data()
    result = await status.request_postpone(
        session,
        clock,
        actor,
        int(data.get("occurrence", 0)),
        message.text or "",
        NoticeConfig.from_settings(settings),
    )
    await state.clear()
    if result.applied:
        await reply(message, texts("roadmap-postponed", date=render.day(result.card.due_on)))
        await reply(message, *_card_screen(texts, result.card, clock, zone))
        return
    requester = participant.full_name if participant else None
    for approver in result.approvers:
        atexts = translator.for_lang(approver.language)
        await outbox.enqueue_text(
            session,
            clock,
            chat_id=approver.tg_id,
            participant_id=approver.participant_id,
            text=render.postpone_request_text(
                atexts, result.card, requester, result.to_due_on, result.reason
            ),
            keyboard=render.postpone_keyboard(atexts, result.postponement_id),
            priority=outbox.Priority.OFFER,
            dedup_key=f"rmp:{result.postponement_id}:{approver.participant_id}",
        )
    await reply(
        message,
        texts(
            "roadmap-postpone-sent",
            date=render.day(result.to_due_on),
            count=len(result.approvers),
        ),
        [[render.back_button(texts)]],
    )


@router.callback_query(PostponeCb.filter())
async def on_postpone_decision(
    callback: CallbackQuery,
    callback_data: PostponeCb,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    clock: Clock,
    zone: ZoneInfo,
    settings: Settings,
    translator: Translator,
) -> None:
    if callback_data.decision not in ("y", "n"):
        raise InvalidInput("error-stale-button")
    approve = callback_data.decision == "y"
    decision = await status.decide_postpone(
        session, clock, actor, callback_data.id, approve, NoticeConfig.from_settings(settings)
    )
    key = "roadmap-postpone-approved" if approve else "roadmap-postpone-declined"
    item = decision.card
    requester = decision.requester
    if requester is not None and requester.tg_id is not None:
        rtexts = translator.for_lang(requester.language)
        await outbox.enqueue_text(
            session,
            clock,
            chat_id=requester.tg_id,
            participant_id=requester.id,
            text=rtexts(
                key,
                item=render.item_name(rtexts, item.item_number, item.activity, 200),
                party=render.esc(item.party_label),
                date_from=render.day(decision.from_due_on),
                date_to=render.day(decision.to_due_on),
            ),
            keyboard=[[Button(rtexts("roadmap-btn-open"), buttons.roadmap(buttons.CARD, item.id))]],
            priority=outbox.Priority.OFFER,
            dedup_key=f"rmp:{decision.postponement_id}:decided",
        )
    await show(
        callback,
        texts(
            key,
            item=render.item_name(texts, item.item_number, item.activity, 200),
            party=render.esc(item.party_label),
            date_from=render.day(decision.from_due_on),
            date_to=render.day(decision.to_due_on),
        ),
        [[render.back_button(texts)]],
    )
