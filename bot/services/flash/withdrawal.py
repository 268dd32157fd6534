"""A mentor who can no longer take flash requests: the mentor role taken away by a
coordinator, or flash offers switched off in their own profile. (Losing the role also
hands back the sessions already matched or scheduled with them; switching flash off does
not: it only stops new offers.)

Their open offers are withdrawn in the same transaction (an Accept pressed a second later is
already stale), and two pieces of due work follow at the next tick: the offer message is
edited to say it was withdrawn, and a request left with no open offer sends its next wave
instead of waiting for the wave's timeout. Only the database and the clock are needed here,
so the profile and coordinator services can call it without the flash environment.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from bot.clock import Clock
from bot.services.flash import timers
from bot.services.flash.states import SESSION, WAITING
from models.base import rows_affected
from models.enums import FlashOfferStatus
from models.flash import FlashOffer, FlashRequest

# As offers.OPEN_OFFER: an offer that can still be accepted.
OPEN_OFFER = (FlashOfferStatus.offered, FlashOfferStatus.later)
WHY_NOT_MENTOR = "not-mentor"  # the role was taken away
WHY_UNAVAILABLE = "unavailable"  # flash offers switched off in the profile
WHY_ACCOUNT_DELETED = "account-deleted"  # the mentor deleted their account


async def withdraw_offers(
    session: AsyncSession, clock: Clock, mentor_id: int, why: str
) -> list[int]:
    """Withdraw the mentor's open offers; return the ids of the requests concerned."""
    rows = list(
        await session.execute(
            select(FlashOffer, FlashRequest)
            .join(FlashRequest, FlashRequest.id == FlashOffer.request_id)
            .where(
                FlashOffer.mentor_id == mentor_id,
                FlashOffer.status.in_(OPEN_OFFER),
                FlashRequest.status.in_(WAITING),
            )
            .order_by(FlashOffer.id)
        )
    )
    if not rows:
        return []
    now = clock.now()
    withdrawn = []
    for offer, request in rows:
        # Only if still open when written: an Accept committed since the SELECT keeps its
        # 'accepted' (the session then goes back through hand_back_sessions), as Accept
        # does not overwrite 'withdrawn' (offers.match).
        written = await session.execute(
            update(FlashOffer)
            .where(FlashOffer.id == offer.id, FlashOffer.status.in_(OPEN_OFFER))
            .values(status=FlashOfferStatus.withdrawn, answered_at=now)
            .execution_options(synchronize_session=False)
        )
        if rows_affected(written) == 1:
            set_committed_value(offer, "status", FlashOfferStatus.withdrawn)
            set_committed_value(offer, "answered_at", now)
            withdrawn.append((offer, request))
        else:
            await session.refresh(offer)
    requests: dict[int, FlashRequest] = {}
    for offer, request in withdrawn:
        requests[request.id] = request
        await timers.plan_in(
            session,
            now,
            timers.RETRACT,
            now,
            {"offer_id": offer.id, "why": why, "attempt": 0},
            offer.id,
            0,
        )
    for request in requests.values():
        still_open = await session.scalar(
            select(FlashOffer.id)
            .where(
                FlashOffer.request_id == request.id, FlashOffer.status == FlashOfferStatus.offered
            )
            .limit(1)
        )
        if still_open is None:
            # Nobody left to answer this wave: the next one at the next tick, as after the
            # last decline (same key, so both together still send one wave).
            await timers.plan_in(
                session,
                now,
                timers.WAVE,
                now,
                {"request_id": request.id, "wave": request.wave},
                request.id,
                request.wave,
                "answered",
            )
    return list(requests)


async def hand_back_sessions(session: AsyncSession, clock: Clock, mentor_id: int) -> list[int]:
    """The mentor role taken away: each session still with them goes back to the search at
    the next tick, the requester told (lifecycle.hand_back, which needs the flash environment
    and skips a meeting whose time has already come). Returns the request ids."""
    now = clock.now()
    ids = list(
        await session.scalars(
            select(FlashRequest.id)
            .where(FlashRequest.mentor_id == mentor_id, FlashRequest.status.in_(SESSION))
            .order_by(FlashRequest.id)
        )
    )
    for request_id in ids:
        await timers.plan_in(
            session,
            now,
            timers.HAND_BACK,
            now,
            {"request_id": request_id, "mentor_id": mentor_id},
            request_id,
            mentor_id,
            now.isoformat(),
        )
    return ids
