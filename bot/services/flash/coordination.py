"""When no mentor takes a request: the coordinators of the requester's organization, then of
the municipality, are told and can assign a mentor by hand."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from bot.i18n import Texts
from bot.services import access, coordinator_reach
from bot.services.access import Actor
from bot.services.errors import Forbidden, InvalidInput, NotFound
from bot.services.flash import candidates, notify, offers, parties, presses, render, timers
from bot.services.flash.config import FlashEnv
from bot.services.flash.presses import AssignPress
from bot.services.flash.ranking import Reason, rank_mentors
from bot.services.flash.states import WAITING, stale
from bot.services.outbox import Button
from models import Municipality, Organization, Participant
from models.enums import FlashOfferStatus, ScopeLevel
from models.flash import FlashOffer, FlashRequest

# Escalation levels, nearest first. The region is asked only when neither the school nor the
# municipality has a coordinator: it has every unserved request of the region otherwise.
ORGANIZATION, MUNICIPALITY, REGION = 1, 2, 3
EXHAUSTED = 9
ASSIGN_LIMIT = 10


_LEVEL_OF_SCOPE = {
    ScopeLevel.organization: ORGANIZATION,
    ScopeLevel.municipality: MUNICIPALITY,
    ScopeLevel.region: REGION,
}


async def coordinators_by_level(
    env: FlashEnv, request: FlashRequest
) -> dict[int, list[Participant]]:
    """The coordinators over the request's school by escalation level; one who holds two
    levels is asked at the nearer. A coordinator asking for help is not asked to help
    themself."""
    by_scope = await coordinator_reach.coordinators_by_level(
        env.session, request.organization_id, exclude=[request.requester_id]
    )
    found: dict[int, list[Participant]] = {}
    seen: set[int] = set()
    for scope_level in coordinator_reach.LEVELS:  # nearest first
        for person in by_scope.get(scope_level, []):
            if person.id not in seen:
                seen.add(person.id)
                found.setdefault(_LEVEL_OF_SCOPE[scope_level], []).append(person)
    return found


async def escalate(env: FlashEnv, request: FlashRequest, *, tell_requester: bool = True) -> bool:
    """Tell the next level of coordinators; False when there is nobody left to tell.

    The requester hears about it once, at the first step (unless the caller is answering
    them itself, as sending the request does)."""
    by_level = await coordinators_by_level(env, request)
    ladder = [ORGANIZATION, MUNICIPALITY] if by_level.keys() & {1, 2} else [REGION]
    next_levels = [lvl for lvl in ladder if lvl > request.escalation and by_level.get(lvl)]
    requester = await parties.get_person(env.session, request.requester_id)
    assert requester is not None
    first = request.escalation == 0 and tell_requester
    if not next_levels:
        if request.escalation != EXHAUSTED:
            request.escalation = EXHAUSTED
            if first:  # nobody at all to ask: say so now rather than at the deadline
                await notify.tell(
                    env,
                    requester,
                    lambda texts, _zone: texts("flash-told-no-mentor", id=request.id),
                    dedup_key=f"flash-no-mentor:{request.id}",
                )
        await env.session.flush()
        return False
    level = next_levels[0]
    request.escalation = level
    await env.session.flush()
    for coordinator in by_level[level]:
        await notify.tell(
            env,
            coordinator,
            lambda texts, _zone: escalation_text(texts, request, requester),
            lambda texts, _zone: [
                [
                    Button(
                        texts("flash-btn-assign"),
                        press=AssignPress(presses.ASSIGN_LIST, request.id),
                    )
                ]
            ],
            dedup_key=f"flash-escalated:{request.id}:{coordinator.id}",
        )
    if first:
        await notify.tell(
            env,
            requester,
            lambda texts, _zone: texts("flash-told-escalated", id=request.id),
            dedup_key=f"flash-escalated:{request.id}:requester",
        )
    zone = await notify.zone_of(env, requester)
    await timers.plan(
        env,
        timers.ESCALATE,
        timers.awake_after(env.clock.now(), env.config.wave_timeout, zone),
        {"request_id": request.id, "level": level},
        request.id,
        level,
    )
    return True


def escalation_text(
    texts: Texts, request: FlashRequest, requester: Participant, *, hint: bool = True
) -> str:
    lines = [
        texts("flash-escalated-title", id=request.id),
        texts(
            "flash-line-requester",
            name=render.esc(requester.full_name),
            organization=render.esc(requester.organization.label),
        ),
        render.request_summary(texts, request),
    ]
    if hint:
        lines += ["", texts("flash-escalated-hint")]
    return "\n".join(lines)


# --- assigning by hand -------------------------------------------------------------------


@dataclass(frozen=True)
class Assignable:
    mentor: Participant
    reasons: tuple[Reason, ...]  # empty: not related to the topic by the ranking
    load: int


async def _coordinated_request(env: FlashEnv, actor: Actor, request_id: int) -> FlashRequest:
    actor.require_coordinator()
    request = await env.session.get(FlashRequest, request_id)
    if request is None or not await access.covers_organization(
        env.session, actor, request.organization_id
    ):
        raise NotFound("flash-not-found")
    if request.status not in WAITING:
        raise stale(request.status)
    return request


async def assignable(
    env: FlashEnv, actor: Actor, request_id: int
) -> tuple[FlashRequest, list[Assignable]]:
    """Mentors of the coordinator's scope in the requester's region who have a free slot:
    those the ranking relates to the request first, then the others by name. A coordinator
    may pick a mentor who switched flash offers off: they know their people."""
    request = await _coordinated_request(env, actor, request_id)
    query = candidates.mentors_query(request.region_id, env.clock.now(), manual=True).where(
        Participant.id != request.requester_id, access.organization_condition(actor)
    )
    rows = list(await env.session.execute(query))
    pool = [candidates.candidate_of(env.translator, request.region_id, row) for row in rows]
    ranked = rank_mentors(candidates.query_of(request), pool)
    load = {c.participant_id: c.active_load for c in pool}
    order = [item.participant_id for item in ranked]
    reasons = {item.participant_id: item.reasons for item in ranked}
    people = {
        p.id: p
        for p in await env.session.scalars(
            select(Participant).where(Participant.id.in_(load.keys()))
        )
    }
    rest = sorted(
        (pid for pid in people if pid not in reasons),
        key=lambda pid: (people[pid].full_name or "", pid),
    )
    chosen = [*order, *rest][:ASSIGN_LIMIT]
    return request, [Assignable(people[pid], reasons.get(pid, ()), load[pid]) for pid in chosen]


async def assign(env: FlashEnv, actor: Actor, request_id: int, mentor_id: int) -> FlashRequest:
    request = await _coordinated_request(env, actor, request_id)
    mentor = await parties.get_person(env.session, mentor_id)
    if not parties.is_active_mentor(mentor) or mentor is None:
        raise InvalidInput("flash-assign-not-mentor")
    if not await access.covers_organization(env.session, actor, mentor.organization_id):
        raise Forbidden("error-out-of-scope")
    region = await env.session.scalar(
        select(Municipality.region_id)
        .join(Organization, Organization.municipality_id == Municipality.id)
        .where(Organization.id == mentor.organization_id)
    )
    if mentor.id == request.requester_id or region != request.region_id:
        raise InvalidInput("flash-assign-not-mentor")
    if mentor.tg_id is None or mentor.bot_blocked:
        raise InvalidInput("flash-assign-unreachable")
    if await parties.mentor_load(env.session, mentor.id) >= mentor.capacity:
        raise InvalidInput("flash-mentor-full", capacity=mentor.capacity)
    requester = await parties.get_person(env.session, request.requester_id)
    if not parties.is_active(requester) or requester is None:
        raise InvalidInput("flash-requester-gone")
    offer = await env.session.scalar(
        select(FlashOffer).where(
            FlashOffer.request_id == request.id, FlashOffer.mentor_id == mentor.id
        )
    )
    if offer is None:
        offer = FlashOffer(
            request_id=request.id,
            mentor_id=mentor.id,
            wave=request.wave,
            position=0,
            score=0.0,
            reasons=[],
            status=FlashOfferStatus.offered,
            created_at=env.clock.now(),
        )
        env.session.add(offer)
    offer.assigned_by = actor.participant_id
    await env.session.flush()
    await offers.match(
        env, request, offer, mentor, requester, actor_id=actor.participant_id, reason="assigned"
    )
    return request
