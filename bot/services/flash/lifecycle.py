"""How a request ends or moves on without anyone pressing a button: waves running out,
deadlines, closing, people who left. Called by the due-work handlers and by the services."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select, update

from bot.services.flash import (
    candidates,
    coordination,
    notify,
    offers,
    parties,
    topic_index,
    withdrawal,
)
from bot.services.flash.config import DRAFT_TTL, FlashEnv
from bot.services.flash.states import FINAL, SESSION, WAITING, S, transition
from models import OutboxMessage
from models.enums import FlashOfferStatus, FlashStatus, OutboxStatus
from models.flash import FlashOffer, FlashRating, FlashRequest

# Who is told what when a request closes, by the reason of the closing.
_TELL_MENTOR = {
    "requester": "flash-told-cancelled",
    "requester_deleted": "flash-told-requester-left",
    "no_time": "flash-told-no-time",
    "unconfirmed": "flash-told-unconfirmed",
}
_TELL_REQUESTER = {
    "deadline": "flash-told-expired",
    "no_time": "flash-told-no-time",
    "unconfirmed": "flash-told-unconfirmed",
}


async def close(
    env: FlashEnv,
    request: FlashRequest,
    to: FlashStatus,
    *,
    actor_id: int | None,
    reason: str,
) -> None:
    """Cancel or expire a request: withdraw its offers and tell whom it concerns."""
    had_session = request.status in SESSION
    await transition(env.session, env.clock, request, to, actor_id=actor_id, reason=reason)
    await offers.close_offers(env, request, why="cancelled" if to == S.cancelled else "expired")
    if had_session and (mentor_key := _TELL_MENTOR.get(reason)):
        mentor = await parties.get_person(env.session, request.mentor_id)
        await notify.tell(
            env,
            mentor,
            lambda texts, _zone: texts(mentor_key, id=request.id),
            dedup_key=f"flash-closed:{request.id}:mentor",
        )
    if requester_key := _TELL_REQUESTER.get(reason):
        requester = await parties.get_person(env.session, request.requester_id)
        await notify.tell(
            env,
            requester,
            lambda texts, _zone: texts(requester_key, id=request.id),
            dedup_key=f"flash-closed:{request.id}:requester",
        )


async def drop_if_requester_gone(env: FlashEnv, request: FlashRequest) -> bool:
    """A requester who deleted the account: the request is cancelled, the mentor told."""
    requester = await parties.get_person(env.session, request.requester_id)
    if parties.is_active(requester) or request.status in FINAL:
        return False
    await close(env, request, S.cancelled, actor_id=None, reason="requester_deleted")
    return True


async def reopen_if_mentor_gone(env: FlashEnv, request: FlashRequest) -> bool:
    """A mentor who deleted the account mid-session: the search starts again."""
    if request.status not in SESSION:
        return False
    mentor = await parties.get_person(env.session, request.mentor_id)
    if parties.is_active(mentor):
        return False
    await reopen(env, request)
    return True


async def reopen(
    env: FlashEnv,
    request: FlashRequest,
    *,
    reason: str = "mentor_left",
    tell: str = "flash-told-mentor-left",
) -> None:
    """The mentor left a session: back to open, the requester told, a new wave."""
    await transition(
        env.session,
        env.clock,
        request,
        S.open,
        actor_id=None,
        reason=reason,
        mentor_id=None,
        matched_at=None,
        scheduled_at=None,
        slots=[],
        slots_version=request.slots_version + 1,
        schedule_version=request.schedule_version + 1,
    )
    requester = await parties.get_person(env.session, request.requester_id)
    await notify.tell(
        env,
        requester,
        lambda texts, _zone: texts(tell, id=request.id),
        dedup_key=f"flash-mentor-left:{request.id}:{request.schedule_version}",
    )
    if not await offers.dispatch_wave(env, request):
        await coordination.escalate(env, request)


async def hand_back(env: FlashEnv, request_id: int, mentor_id: int) -> bool:
    """The mentor role was taken away (withdrawal.hand_back_sessions planned this): a session
    still with that mentor goes back to the search, both told. Not when the role was given
    back meanwhile, nor once the agreed meeting time has come: the mentor still says whether
    it took place."""
    request = await env.session.get(FlashRequest, request_id)
    if request is None or request.status not in SESSION or request.mentor_id != mentor_id:
        return False
    mentor = await parties.get_person(env.session, mentor_id)
    if not parties.is_active(mentor):
        await reopen(env, request)  # deleted meanwhile: as for any mentor who left
        return True
    if parties.is_active_mentor(mentor) or meeting_due(request, env.clock.now()):
        return False
    await reopen(env, request, reason="mentor_revoked", tell="flash-told-mentor-withdrawn")
    await notify.tell(
        env,
        mentor,
        lambda texts, _zone: texts("flash-told-handed-on", id=request.id),
        dedup_key=f"flash-handed-on:{request.id}:{mentor_id}:{request.schedule_version}",
    )
    return True


def meeting_due(request: FlashRequest, now: datetime) -> bool:
    """An agreed meeting whose time has come (held or not, it is the mentor's to confirm)."""
    return (
        request.status == S.scheduled
        and request.scheduled_at is not None
        and request.scheduled_at <= now
    )


async def settle_departures(env: FlashEnv, request: FlashRequest) -> bool:
    """True when the request changed because one side has left."""
    return await drop_if_requester_gone(env, request) or await reopen_if_mentor_gone(env, request)


def _shows(key: str, person: int, own: set[int], mentored: set[int], offers_: set[int]) -> bool:
    """Whether a queued flash message (by its dedup key, "kind:request:...", a "#n" tail on
    the parts of a long text) shows `person` to its recipient: their request in an offer,
    their card, their contact, their relayed words, their name in a reminder."""
    kind, *rest = key.split("#", 1)[0].split(":")
    ids = [int(part) if part.isdigit() else None for part in rest]
    first = ids[0] if ids else None
    second = ids[1] if len(ids) > 1 else None
    if kind == "flash-offer":  # flash-offer:<offer>: the request's text, to a mentor
        return first in offers_
    if kind in ("flash-assigned", "flash-escalated"):  # the requester's card
        return first in own
    if kind in ("flash-matched", "flash-contact", "flash-relay"):  # ...:<request>:<whose>
        return second == person
    if kind == "flash-reminder":  # names the other side of the session
        return first in own or first in mentored
    return False


# The kinds of message that can show one person to another (see _shows).
_SHOWING = (
    "flash-offer:",
    "flash-assigned:",
    "flash-escalated:",
    "flash-matched:",
    "flash-contact:",
    "flash-relay:",
    "flash-reminder:",
)


async def withdraw_queued(env: FlashEnv, participant_id: int) -> int:
    """Account deletion: flash messages that show the person to someone else (their request
    in an offer, their card, contact, relayed words, their name in a reminder) lose their
    text, as mentorship.pair_notices.withdraw_queued does: those still waiting are cancelled, and
    those already sent, failed or cancelled are emptied too, or the outbox would keep the
    person's words forever. A row being sent this second is left to the sender. What is
    addressed to the person goes with the account (privacy.delete_account); plain status
    notices that name nobody stay. Returns how many rows were emptied."""
    session = env.session
    own = set(
        await session.scalars(
            select(FlashRequest.id).where(FlashRequest.requester_id == participant_id)
        )
    )
    mentored = set(
        await session.scalars(
            select(FlashRequest.id).where(FlashRequest.mentor_id == participant_id)
        )
    )
    offered = set(
        await session.scalars(
            select(FlashOffer.id)
            .join(FlashRequest, FlashRequest.id == FlashOffer.request_id)
            .where(FlashRequest.requester_id == participant_id)
        )
    )
    # Only the kinds that can show someone; an account deletion is rare enough to read them.
    found = await session.execute(
        select(OutboxMessage.id, OutboxMessage.dedup_key, OutboxMessage.status).where(
            OutboxMessage.status != OutboxStatus.sending,
            or_(*(OutboxMessage.dedup_key.startswith(kind) for kind in _SHOWING)),
            or_(
                OutboxMessage.participant_id.is_(None),
                OutboxMessage.participant_id != participant_id,
            ),
        )
    )
    doomed = [
        (row_id, status)
        for row_id, key, status in found.all()
        if key is not None and _shows(key, participant_id, own, mentored, offered)
    ]
    queued = [row_id for row_id, status in doomed if status == OutboxStatus.pending]
    done = [row_id for row_id, status in doomed if status != OutboxStatus.pending]
    if queued:
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(queued), OutboxMessage.status == OutboxStatus.pending)
            .values(status=OutboxStatus.cancelled, params={})
            .execution_options(synchronize_session=False)
        )
    if done:  # sent, failed or cancelled: the status is history, only the text goes
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(done), OutboxMessage.status != OutboxStatus.sending)
            .values(params={})
            .execution_options(synchronize_session=False)
        )
    return len(doomed)


async def forget_participant(env: FlashEnv, participant_id: int) -> None:
    """Account deletion: close what the person asked, hand on what they mentored, erase
    what they wrote. (Called by account_deletion.delete_account; the due-work handlers
    also notice a departed person on their own.)"""
    session = env.session
    # First, before the notices below (which name nobody) are queued.
    await withdraw_queued(env, participant_id)
    own = await session.scalars(
        select(FlashRequest).where(FlashRequest.requester_id == participant_id)
    )
    for request in list(own):
        if request.status not in FINAL:
            await close(env, request, S.cancelled, actor_id=None, reason="requester_deleted")
        request.description = ""
    mentored = await session.scalars(
        select(FlashRequest).where(
            FlashRequest.mentor_id == participant_id, FlashRequest.status.in_(SESSION)
        )
    )
    for request in list(mentored):
        await reopen(env, request)
    # As when the role is taken away: the offer message is edited and a wave left with
    # nobody to answer moves on at the next tick, not after its timeout.
    await withdrawal.withdraw_offers(
        session, env.clock, participant_id, withdrawal.WHY_ACCOUNT_DELETED
    )
    profile = await parties.profile_of(session, participant_id)
    if profile is not None:
        profile.notes = None
        profile.stems = ""
    # Nothing of the profile or the notes is left to find the person by, in memory either.
    candidates.forget_cached_texts()
    await topic_index.sync_profile(session, participant_id, (), ())
    await topic_index.sync_words(session, participant_id, ())
    # Their comments are their words; the scores stay, anonymous, in the mentors' totals.
    await session.execute(
        update(FlashRating)
        .where(FlashRating.rater_id == participant_id)
        .values(comment=None)
        .execution_options(synchronize_session=False)
    )
    await session.flush()


# --- due work ----------------------------------------------------------------------------


async def advance(env: FlashEnv, request_id: int, wave: int) -> None:
    """Wave `wave` ran out (timeout, or every offer in it was answered): the next wave, or,
    with no waves or candidates left, the coordinators."""
    request = await env.session.get(FlashRequest, request_id)
    if request is None or request.status not in WAITING or request.wave != wave:
        return
    if await drop_if_requester_gone(env, request):
        return
    if request.escalation:
        return  # coordinators already have it; their own timer moves it on
    # The waves' budget is in people asked, so offers that never arrived cost nothing.
    budget = env.config.wave_size * env.config.max_waves
    left = budget - await offers.asked_count(env.session, request.id)
    if left > 0 and await offers.dispatch_wave(env, request, min(left, env.config.wave_size)):
        return
    await coordination.escalate(env, request)


async def check_delivery(env: FlashEnv, request_id: int, wave: int) -> None:
    """Offers of a wave Telegram refused (the mentor blocked the bot) are skipped, and the
    next candidates get theirs now instead of after the whole timeout."""
    session = env.session
    request = await session.get(FlashRequest, request_id)
    if request is None or request.status not in WAITING or request.wave != wave:
        return
    live = list(
        await session.scalars(
            select(FlashOffer).where(
                FlashOffer.request_id == request_id,
                FlashOffer.wave == wave,
                FlashOffer.status == FlashOfferStatus.offered,
            )
        )
    )
    if not live:
        return
    keys = {offers.offer_dedup(offer.id): offer for offer in live}
    refused = await session.scalars(
        select(OutboxMessage.dedup_key).where(
            OutboxMessage.dedup_key.in_(keys),
            OutboxMessage.status.in_((OutboxStatus.blocked, OutboxStatus.failed)),
        )
    )
    skipped = [keys[key] for key in refused if key is not None]
    if not skipped:
        return
    for offer in skipped:
        offer.status = FlashOfferStatus.skipped
        offer.answered_at = env.clock.now()
    await session.flush()
    # The next candidates take the undelivered places now (a new wave with its own timeout:
    # the offers still out stay open meanwhile).
    if await offers.dispatch_wave(env, request, len(skipped)):
        return
    if not await offers.has_open_offers(session, request.id):
        await advance(env, request.id, wave)


async def escalation_timeout(env: FlashEnv, request_id: int, level: int) -> None:
    request = await env.session.get(FlashRequest, request_id)
    if request is None or request.status not in WAITING or request.escalation != level:
        return
    if await drop_if_requester_gone(env, request):
        return
    await coordination.escalate(env, request)


async def deadline(env: FlashEnv, request_id: int) -> None:
    request = await env.session.get(FlashRequest, request_id)
    if request is None or request.status not in WAITING:
        return
    if await drop_if_requester_gone(env, request):
        return
    await close(env, request, S.expired, actor_id=None, reason="deadline")


async def draft_timeout(env: FlashEnv, request_id: int) -> None:
    request = await env.session.get(FlashRequest, request_id)
    if request is None or request.status != S.draft:
        return
    if request.updated_at + DRAFT_TTL > env.clock.now():
        return  # edited since this timer was set; a later one covers it
    await transition(env.session, env.clock, request, S.expired, actor_id=None, reason="abandoned")


async def retract_later(env: FlashEnv, offer_id: int, why: str, attempt: int) -> None:
    offer = await env.session.get(FlashOffer, offer_id)
    if offer is None or offer.status != FlashOfferStatus.withdrawn:
        return
    request = await env.session.get(FlashRequest, offer.request_id)
    if request is not None:
        await offers.retract(env, offer, request, why, attempt=attempt)
