"""What a postponement tells other people: the request, to the coordinators of the level above
(with Approve and Decline), and the decision, back to who asked (with Open)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Texts, Translator
from bot.services import outbox
from bot.services.reach import reachable
from bot.services.roadmaps import render
from bot.services.roadmaps.status import Decision, PostponeResult


async def tell_approvers(
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    result: PostponeResult,
    requester: str | None,
) -> None:
    """The request to each coordinator who may decide it (once each)."""
    for approver in result.approvers:
        texts = translator.for_lang(approver.language)
        await outbox.enqueue_text(
            session,
            clock,
            chat_id=approver.tg_id,
            participant_id=approver.participant_id,
            text=render.postpone_request_text(
                texts, result.card, requester, result.to_due_on, result.reason
            ),
            keyboard=render.postpone_keyboard(texts, result.postponement_id),
            priority=outbox.Priority.OFFER,
            dedup_key=f"rmp:{result.postponement_id}:{approver.participant_id}",
        )


def decision_text(texts: Texts, decision: Decision) -> str:
    """The decision as the requester reads it (and the decider sees it too)."""
    item = decision.card
    return texts(
        "roadmap-postpone-approved" if decision.approved else "roadmap-postpone-declined",
        item=render.item_name(texts, item.item_number, item.activity, 200),
        party=render.esc(item.party_label),
        date_from=render.day(decision.from_due_on),
        date_to=render.day(decision.to_due_on),
    )


async def tell_requester(
    session: AsyncSession, clock: Clock, translator: Translator, decision: Decision
) -> None:
    requester = decision.requester
    if requester is None or not reachable(requester):
        return
    texts = translator.for_lang(requester.language)
    await outbox.enqueue_text(
        session,
        clock,
        chat_id=requester.tg_id or 0,
        participant_id=requester.id,
        text=decision_text(texts, decision),
        keyboard=render.open_keyboard(texts, decision.card.id),
        priority=outbox.Priority.OFFER,
        dedup_key=f"rmp:{decision.postponement_id}:decided",
    )
