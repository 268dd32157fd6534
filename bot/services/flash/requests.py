"""The requester's side: writing a request, sending it, cancelling it, seeing it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import directory, registration
from bot.services.access import Actor
from bot.services.errors import Forbidden, InvalidInput, NotFound
from bot.services.flash import coordination, lifecycle, offers, parties, timers, topics
from bot.services.flash.config import DRAFT_TTL, TIMING_HORIZON, TODAY_MINIMUM, FlashEnv
from bot.services.flash.states import ACTIVE, FINAL, S, create, stale, transition
from models import Municipality, Organization, Participant
from models.enums import ParticipantStatus
from models.flash import FlashEvent, FlashRequest

DESCRIPTION_MIN = 10
DESCRIPTION_MAX = 500
FORMATS: tuple[str, ...] = ("online", "offline", "any")
TIMINGS: tuple[str, ...] = ("today", "week", "flexible")
# Open requests one person may have at once: a tired double send should not reach six
# mentors twice.
MAX_ACTIVE = 3
HISTORY_LIMIT = 10

_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class RequestDraft:
    topic: str
    description: str
    format: str
    timing: str


def parse_description(text: str | None) -> str:
    """Free text, tidied: runs of spaces and blank lines collapsed, length-limited."""
    cleaned = _BLANK_LINES.sub("\n\n", _SPACES.sub(" ", (text or "").replace("\r", ""))).strip()
    letters = sum(ch.isalpha() for ch in cleaned)
    if len(cleaned) < DESCRIPTION_MIN or letters < DESCRIPTION_MIN // 2:
        raise InvalidInput("flash-description-short", min=DESCRIPTION_MIN)
    if len(cleaned) > DESCRIPTION_MAX:
        raise InvalidInput("flash-description-long", max=DESCRIPTION_MAX, length=len(cleaned))
    return cleaned


def check_choice(value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise InvalidInput("flash-choice-unknown")
    return value


def validate(draft: RequestDraft) -> RequestDraft:
    return RequestDraft(
        topic=topics.check_topic(draft.topic),
        description=parse_description(draft.description),
        format=check_choice(draft.format, FORMATS),
        timing=check_choice(draft.timing, TIMINGS),
    )


async def requester_of(session: AsyncSession, actor: Actor) -> Participant:
    """Only an active participant may ask (a pending one waits for approval first)."""
    if actor.participant_id is None:
        known = await registration.find_by_tg(session, actor.tg_id) if actor.tg_id else None
        if known is not None and known.status == ParticipantStatus.pending:
            raise Forbidden("flash-not-active")
    me = actor.require_registered()
    person = await session.get(Participant, me)
    if not parties.is_active(person) or person is None:
        raise Forbidden("flash-not-active")
    return person


async def _place(session: AsyncSession, organization_id: int) -> tuple[int, int]:
    row = (
        await session.execute(
            select(Organization.municipality_id, Municipality.region_id)
            .join(Municipality, Municipality.id == Organization.municipality_id)
            .where(Organization.id == organization_id)
        )
    ).one()
    return int(row[0]), int(row[1])


async def save_draft(env: FlashEnv, actor: Actor, draft: RequestDraft) -> FlashRequest:
    """Keep what the conversation collected as the person's one draft (the summary shows it;
    Send turns it into a request). An abandoned draft expires by itself."""
    requester = await requester_of(env.session, actor)
    clean = validate(draft)
    request = await env.session.scalar(
        select(FlashRequest)
        .where(FlashRequest.requester_id == requester.id, FlashRequest.status == S.draft)
        .order_by(FlashRequest.id.desc())
        .limit(1)
    )
    municipality_id, region_id = await _place(env.session, requester.organization_id)
    if request is None:
        request = FlashRequest(requester_id=requester.id)
        _fill(request, clean, requester.organization_id, municipality_id, region_id)
        await create(env.session, env.clock, request, actor_id=requester.id)
    else:
        _fill(request, clean, requester.organization_id, municipality_id, region_id)
        request.updated_at = env.clock.now()
    await timers.plan(
        env,
        timers.DRAFT,
        env.clock.now() + DRAFT_TTL,
        {"request_id": request.id},
        request.id,
        int(env.clock.now().timestamp()),
    )
    await env.session.flush()
    return request


def _fill(
    request: FlashRequest, draft: RequestDraft, organization_id: int, muni: int, region: int
) -> None:
    request.topic = draft.topic
    request.description = draft.description
    request.format = draft.format
    request.timing = draft.timing
    request.organization_id = organization_id
    request.municipality_id = muni
    request.region_id = region


def deadline_for(timing: str, now: datetime, zone: ZoneInfo) -> datetime:
    if timing in TIMING_HORIZON:
        return now + TIMING_HORIZON[timing]
    local = now.astimezone(zone)
    end_of_day = datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=zone)
    return max(end_of_day, now + TODAY_MINIMUM)


@dataclass(frozen=True)
class Submitted:
    request: FlashRequest
    offers: int  # offers sent in the first wave
    escalated: bool  # nobody fits: coordinators were told


async def submit(env: FlashEnv, actor: Actor, request_id: int) -> Submitted:
    requester = await requester_of(env.session, actor)
    request = await own(env.session, actor, request_id)
    if request.status != S.draft:
        raise stale(request.status)
    active = await env.session.scalar(
        select(func.count(FlashRequest.id)).where(
            FlashRequest.requester_id == requester.id, FlashRequest.status.in_(ACTIVE)
        )
    )
    if int(active or 0) >= MAX_ACTIVE:
        raise InvalidInput("flash-too-many", max=MAX_ACTIVE)
    now = env.clock.now()
    zone = await directory.zone_of_organization(env.session, requester.organization_id)
    due = deadline_for(request.timing, now, zone)
    await transition(
        env.session,
        env.clock,
        request,
        S.open,
        actor_id=requester.id,
        reason="submitted",
        deadline_at=due,
    )
    await timers.plan(env, timers.DEADLINE, due, {"request_id": request.id}, request.id)
    sent = await offers.dispatch_wave(env, request)
    escalated = False
    if not sent:
        escalated = await coordination.escalate(env, request, tell_requester=False)
    return Submitted(request, sent, escalated)


async def own(session: AsyncSession, actor: Actor, request_id: int) -> FlashRequest:
    """The actor's own request; another person's id answers like a missing one."""
    me = actor.require_registered()
    request = await session.get(FlashRequest, request_id)
    if request is None or request.requester_id != me:
        raise NotFound("flash-not-found")
    return request


async def cancel(env: FlashEnv, actor: Actor, request_id: int) -> FlashRequest:
    """The requester may cancel at any moment before the end; mentors are told."""
    request = await own(env.session, actor, request_id)
    if request.status in FINAL:
        raise stale(request.status)
    await lifecycle.close(
        env, request, S.cancelled, actor_id=actor.participant_id, reason="requester"
    )
    return request


async def mine(
    session: AsyncSession, actor: Actor
) -> tuple[list[FlashRequest], list[FlashRequest]]:
    """The actor's requests: those still going (drafts too), then the latest finished."""
    me = actor.require_registered()
    going = await session.scalars(
        select(FlashRequest)
        .where(FlashRequest.requester_id == me, FlashRequest.status.not_in(FINAL))
        .order_by(FlashRequest.id.desc())
    )
    done = await session.scalars(
        select(FlashRequest)
        .where(FlashRequest.requester_id == me, FlashRequest.status.in_(FINAL))
        .order_by(FlashRequest.updated_at.desc(), FlashRequest.id.desc())
        .limit(HISTORY_LIMIT)
    )
    return list(going), list(done)


async def history(session: AsyncSession, request_id: int) -> list[FlashEvent]:
    return list(
        await session.scalars(
            select(FlashEvent)
            .where(FlashEvent.request_id == request_id)
            .order_by(FlashEvent.at, FlashEvent.id)
        )
    )
