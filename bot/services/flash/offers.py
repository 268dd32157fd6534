"""Offers: waves of offers to the best-ranked mentors, their answers, and the first accept.

The first accept wins through `states.transition`: a conditional UPDATE of the request from
'offered' to 'matched'. Two mentors pressing Accept at once both try it; the database lets
exactly one through, the other gets 'already taken' and nothing of theirs is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from bot.i18n import Texts
from bot.services import outbox
from bot.services.access import Actor
from bot.services.errors import Forbidden, InvalidInput, NotFound
from bot.services.flash import buttons, candidates, notify, parties, render, timers
from bot.services.flash.config import DELIVERY_CHECK, MATCH_NUDGE, MATCH_TTL, FlashEnv
from bot.services.flash.ranking import rank_mentors
from bot.services.flash.states import WAITING, S, transition
from models import OutboxMessage, Participant
from models.base import rows_affected
from models.enums import FlashOfferStatus, OutboxStatus
from models.flash import FlashMentorProfile, FlashOffer, FlashRequest

# An offer that can still be accepted.
OPEN_OFFER = frozenset({FlashOfferStatus.offered, FlashOfferStatus.later})
RETRACT_RETRY = timedelta(minutes=1)  # an offer message in flight is edited a bit later
RETRACT_ATTEMPTS = 5


def offer_dedup(offer_id: int) -> str:
    return f"flash-offer:{offer_id}"


# --- waves -------------------------------------------------------------------------------


async def dispatch_wave(env: FlashEnv, request: FlashRequest, size: int | None = None) -> int:
    """Offer the request to the next `size` (default: a wave) best mentors not asked yet;
    return how many offers went out.

    0 means nobody (new) fits: the caller escalates. The wave counter is advanced with a
    conditional UPDATE first, so a timeout and a last decline arriving together cannot
    both send a wave.
    """
    if request.status not in WAITING:
        return 0
    session, now = env.session, env.clock.now()
    pool = await candidates.load(session, env.translator, request, now)
    limit = env.config.wave_size if size is None else size
    ranked = rank_mentors(candidates.query_of(request), pool, limit=limit)
    if not ranked:
        return 0
    wave = request.wave + 1
    claimed = await session.execute(
        update(FlashRequest)
        .where(FlashRequest.id == request.id, FlashRequest.wave == request.wave)
        .values(wave=wave)
        .execution_options(synchronize_session=False)
    )
    if rows_affected(claimed) != 1:
        return 0  # another wave went out meanwhile
    set_committed_value(request, "wave", wave)
    if request.status == S.open:
        await transition(session, env.clock, request, S.offered, actor_id=None, reason="wave")
    offers = [
        FlashOffer(
            request_id=request.id,
            mentor_id=item.participant_id,
            wave=wave,
            position=position,
            score=item.score,
            reasons=[[reason.code, dict(reason.params)] for reason in item.reasons],
            status=FlashOfferStatus.offered,
            created_at=now,
        )
        for position, item in enumerate(ranked, start=1)
    ]
    session.add_all(offers)
    await session.flush()
    requester = await parties.get_person(session, request.requester_id)
    assert requester is not None  # a foreign key
    mentors = await _people(session, [offer.mentor_id for offer in offers])
    for offer in offers:
        if not await send_offer(env, request, requester, mentors[offer.mentor_id], offer):
            # Unreachable since the candidate query: next wave.
            offer.status = FlashOfferStatus.skipped
            offer.answered_at = now
    delivered = sum(offer.status == FlashOfferStatus.offered for offer in offers)
    zone = await notify.zone_of(env, requester)
    await timers.plan(
        env,
        timers.WAVE,
        timers.awake_after(now, env.config.wave_timeout, zone),
        {"request_id": request.id, "wave": wave},
        request.id,
        wave,
    )
    await timers.plan(
        env,
        timers.DELIVERY,
        now + DELIVERY_CHECK,
        {"request_id": request.id, "wave": wave},
        request.id,
        wave,
    )
    return delivered


async def send_offer(
    env: FlashEnv,
    request: FlashRequest,
    requester: Participant,
    mentor: Participant,
    offer: FlashOffer,
) -> bool:
    return await notify.tell(
        env,
        mentor,
        lambda texts, _zone: render.offer_text(
            texts, request, requester, offer.reasons, assigned=offer.assigned_by is not None
        ),
        lambda texts, _zone: buttons.offer_keyboard(texts, offer.id),
        dedup_key=offer_dedup(offer.id),
        priority=outbox.Priority.OFFER,
    )


async def _people(session: AsyncSession, ids: list[int]) -> dict[int, Participant]:
    rows = await session.scalars(select(Participant).where(Participant.id.in_(ids)))
    return {person.id: person for person in rows}


async def asked_count(session: AsyncSession, request_id: int) -> int:
    """Mentors asked so far, not counting offers that never reached anyone."""
    value = await session.scalar(
        select(func.count(FlashOffer.id)).where(
            FlashOffer.request_id == request_id,
            FlashOffer.status != FlashOfferStatus.skipped,
            FlashOffer.assigned_by.is_(None),
        )
    )
    return int(value or 0)


async def has_open_offers(session: AsyncSession, request_id: int) -> bool:
    found = await session.scalar(
        select(FlashOffer.id)
        .where(FlashOffer.request_id == request_id, FlashOffer.status == FlashOfferStatus.offered)
        .limit(1)
    )
    return found is not None


# --- answers -----------------------------------------------------------------------------


@dataclass(frozen=True)
class OfferView:
    offer: FlashOffer
    request: FlashRequest
    requester: Participant


async def own_offer(env: FlashEnv, actor: Actor, offer_id: int) -> OfferView:
    """The actor's own offer; someone else's id gets the same answer as a missing one."""
    me = actor.require_registered()
    offer = await env.session.get(FlashOffer, offer_id)
    if offer is None or offer.mentor_id != me:
        raise NotFound("flash-offer-not-found")
    request = await parties.get_request(env.session, offer.request_id)
    requester = await parties.get_person(env.session, request.requester_id)
    assert requester is not None
    return OfferView(offer, request, requester)


def offer_stale(request: FlashRequest, offer: FlashOffer, me: int) -> InvalidInput | None:
    """Why this offer cannot be answered any more, if it cannot."""
    if request.mentor_id == me and request.status not in WAITING:
        return InvalidInput("flash-offer-yours")
    if request.status in (S.matched, S.scheduled, S.completed):
        return InvalidInput("flash-offer-taken")
    if request.status == S.cancelled:
        return InvalidInput("flash-offer-cancelled")
    if request.status in (S.expired, S.draft):
        return InvalidInput("flash-offer-expired")
    if offer.status not in OPEN_OFFER:
        return InvalidInput(f"flash-offer-was-{offer.status}")
    return None


async def accept(env: FlashEnv, actor: Actor, offer_id: int) -> OfferView:
    view = await own_offer(env, actor, offer_id)
    offer, request, requester = view.offer, view.request, view.requester
    mentor = await parties.get_person(env.session, offer.mentor_id)
    if not parties.is_active_mentor(mentor):
        raise Forbidden("flash-not-mentor-anymore")
    assert mentor is not None
    if (error := offer_stale(request, offer, mentor.id)) is not None:
        raise error
    if not parties.is_active(requester):
        raise InvalidInput("flash-requester-gone")
    if await parties.mentor_load(env.session, mentor.id) >= mentor.capacity:
        raise InvalidInput("flash-mentor-full", capacity=mentor.capacity)
    await match(env, request, offer, mentor, requester, actor_id=mentor.id, reason="accepted")
    return view


async def match(
    env: FlashEnv,
    request: FlashRequest,
    offer: FlashOffer,
    mentor: Participant,
    requester: Participant,
    *,
    actor_id: int | None,
    reason: str,
) -> None:
    now = env.clock.now()
    try:
        await transition(
            env.session,
            env.clock,
            request,
            S.matched,
            actor_id=actor_id,
            reason=reason,
            mentor_id=mentor.id,
            matched_at=now,
        )
    except InvalidInput as error:
        # Someone else's accept committed first: say it as the offer sees it.
        raise (offer_stale(request, offer, mentor.id) or error) from None
    # The offer too is written only if nobody changed it since it was read: a coordinator
    # taking the mentor role away withdraws it in a parallel transaction, and a plain
    # attribute write would put 'accepted' over 'withdrawn' (a non-mentor holding the
    # session, no hand-back planned). No row changed: the stale error rolls everything back.
    # A coordinator may assign a mentor whose offer was declined: that status is the one read.
    expected = OPEN_OFFER if offer.status in OPEN_OFFER else frozenset({offer.status})
    written = await env.session.execute(
        update(FlashOffer)
        .where(FlashOffer.id == offer.id, FlashOffer.status.in_(expected))
        .values(status=FlashOfferStatus.accepted, answered_at=now)
        .execution_options(synchronize_session=False)
    )
    if rows_affected(written) != 1:
        await env.session.refresh(offer)
        raise InvalidInput(f"flash-offer-was-{offer.status}")
    set_committed_value(offer, "status", FlashOfferStatus.accepted)
    set_committed_value(offer, "answered_at", now)
    await close_offers(env, request, why="taken", keep=offer.id)
    await after_match(env, request, mentor, requester, assigned=reason == "assigned")


async def after_match(
    env: FlashEnv,
    request: FlashRequest,
    mentor: Participant,
    requester: Participant,
    *,
    assigned: bool,
) -> None:
    """Both get each other's card; the mentor is the one who proposes a time."""
    profile = await parties.profile_of(env.session, mentor.id)
    await notify.tell(
        env,
        requester,
        lambda texts, _zone: "\n\n".join(
            [
                texts("flash-matched-requester", id=request.id),
                render.mentor_card(texts, mentor, profile),
                texts("flash-matched-requester-next"),
            ]
        ),
        lambda texts, _zone: buttons.session_keyboard(
            texts, request.id, mentor=False, status=request.status
        ),
        dedup_key=f"flash-matched:{request.id}:{mentor.id}",
    )
    if assigned:  # a coordinator chose the mentor: the mentor did not press anything
        await notify.tell(
            env,
            mentor,
            lambda texts, _zone: mentor_match_text(texts, request, requester, assigned=True),
            lambda texts, _zone: buttons.session_keyboard(
                texts, request.id, mentor=True, status=request.status
            ),
            dedup_key=f"flash-assigned:{request.id}:{mentor.id}",
        )
    now = env.clock.now()
    await timers.plan(
        env,
        timers.MATCH_NUDGE,
        now + MATCH_NUDGE,
        {"request_id": request.id},
        request.id,
        mentor.id,
    )
    await plan_match_expiry(env, request)


async def plan_match_expiry(env: FlashEnv, request: FlashRequest) -> None:
    await timers.plan(
        env,
        timers.MATCH_EXPIRE,
        env.clock.now() + MATCH_TTL,
        {"request_id": request.id, "version": request.schedule_version},
        request.id,
        request.schedule_version,
    )


def mentor_match_text(
    texts: Texts, request: FlashRequest, requester: Participant, *, assigned: bool = False
) -> str:
    return "\n\n".join(
        [
            texts(
                "flash-matched-mentor-assigned" if assigned else "flash-matched-mentor",
                id=request.id,
            ),
            render.request_summary(texts, request),
            render.requester_card(texts, requester),
            texts("flash-matched-mentor-next"),
        ]
    )


async def decline(env: FlashEnv, actor: Actor, offer_id: int, *, later: bool) -> OfferView:
    """Decline (not for me) or "Not now" (busy: no new offers for a while; this one stays
    acceptable from /offers while the request is open)."""
    view = await own_offer(env, actor, offer_id)
    offer, request = view.offer, view.request
    me = offer.mentor_id
    if (error := offer_stale(request, offer, me)) is not None:
        raise error
    if later and offer.status == FlashOfferStatus.later:
        raise InvalidInput("flash-offer-was-later")
    now = env.clock.now()
    offer.status = FlashOfferStatus.later if later else FlashOfferStatus.declined
    offer.answered_at = now
    if later:
        profile = await parties.profile_of(env.session, me)
        if profile is None:
            profile = FlashMentorProfile(participant_id=me, stems="", updated_at=now)
            env.session.add(profile)
        profile.snoozed_until = now + env.config.snooze
        profile.updated_at = now
    await env.session.flush()
    if not await has_open_offers(env.session, request.id):
        # Everyone asked has answered: the next wave at the next tick, not after the timeout.
        await timers.plan(
            env,
            timers.WAVE,
            now,
            {"request_id": request.id, "wave": request.wave},
            request.id,
            request.wave,
            "answered",
        )
    return view


# --- closing -----------------------------------------------------------------------------


async def close_offers(
    env: FlashEnv, request: FlashRequest, *, why: str, keep: int | None = None
) -> int:
    """Withdraw every offer of the request that could still be accepted, and turn the offer
    messages into a note saying why ('taken', 'cancelled', 'expired')."""
    query = select(FlashOffer).where(
        FlashOffer.request_id == request.id, FlashOffer.status.in_(OPEN_OFFER)
    )
    if keep is not None:
        query = query.where(FlashOffer.id != keep)
    offers = list(await env.session.scalars(query))
    now = env.clock.now()
    for offer in offers:
        offer.status = FlashOfferStatus.withdrawn
        offer.answered_at = now
    await env.session.flush()
    for offer in offers:
        await retract(env, offer, request, why)
    return len(offers)


async def retract(
    env: FlashEnv, offer: FlashOffer, request: FlashRequest, why: str, *, attempt: int = 0
) -> None:
    """Take the buttons off a delivered offer message, or stop one not yet sent."""
    session = env.session
    key = offer_dedup(offer.id)
    cancelled = await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.dedup_key == key, OutboxMessage.status == OutboxStatus.pending)
        .values(status=OutboxStatus.cancelled)
        .execution_options(synchronize_session=False)
    )
    if rows_affected(cancelled):
        return
    row = (
        await session.execute(
            select(OutboxMessage.status, OutboxMessage.message_id, OutboxMessage.chat_id).where(
                OutboxMessage.dedup_key == key
            )
        )
    ).first()
    if row is None:
        return
    status, message_id, chat_id = row
    if status == OutboxStatus.sending:
        # In flight right now: edit it once the sender has recorded the message id.
        if attempt < RETRACT_ATTEMPTS:
            await timers.plan(
                env,
                timers.RETRACT,
                env.clock.now() + RETRACT_RETRY,
                {"offer_id": offer.id, "why": why, "attempt": attempt + 1},
                offer.id,
                attempt + 1,
            )
        return
    if status != OutboxStatus.sent or message_id is None or not chat_id:
        # Blocked, failed or cancelled: nothing is showing. No chat: a deleted account's
        # Telegram id is erased from what was sent to it, so there is nowhere to edit.
        return
    mentor = await parties.get_person(session, offer.mentor_id)
    lang = mentor.language if mentor is not None else env.translator.default
    texts = env.texts(lang)
    await outbox.enqueue(
        session,
        env.clock,
        method="editMessageText",
        params={
            "chat_id": chat_id,
            "message_id": message_id,
            "text": render.offer_closed_text(texts, request, why),
        },
        chat_id=chat_id,
        participant_id=offer.mentor_id,
        priority=outbox.Priority.OFFER,
        dedup_key=f"flash-offer-closed:{offer.id}",
    )
