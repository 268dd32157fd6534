"""The request's state machine: allowed moves, history, and the first accept winning a race."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select

from bot.services.errors import DomainError, InvalidInput
from bot.services.flash import offers, requests
from bot.services.flash.config import FlashConfig
from bot.services.flash.states import FINAL, TRANSITIONS, S, can_move, transition
from models import OutboxMessage
from models.enums import FlashOfferStatus, FlashStatus, Role
from models.flash import FlashEvent, FlashOffer, FlashRequest
from tests.services.flash_setup import Seed, draft

ALL = list(FlashStatus)

# The transitions the product allows, written out independently of TRANSITIONS.
EXPECTED = {
    (S.draft, S.open),
    (S.draft, S.cancelled),
    (S.draft, S.expired),
    (S.open, S.offered),
    (S.open, S.matched),
    (S.open, S.cancelled),
    (S.open, S.expired),
    (S.offered, S.matched),
    (S.offered, S.cancelled),
    (S.offered, S.expired),
    (S.matched, S.scheduled),
    (S.matched, S.open),
    (S.matched, S.cancelled),
    (S.matched, S.expired),
    (S.scheduled, S.scheduled),
    (S.scheduled, S.matched),
    (S.scheduled, S.completed),
    (S.scheduled, S.open),
    (S.scheduled, S.cancelled),
    (S.scheduled, S.expired),
}


@pytest.mark.parametrize("source", ALL)
@pytest.mark.parametrize("target", ALL)
def test_allowed_moves(source: FlashStatus, target: FlashStatus) -> None:
    assert can_move(source, target) == ((source, target) in EXPECTED)


def test_final_states_are_final() -> None:
    assert all(not TRANSITIONS[status] for status in FINAL)


async def _draft_request(seed: Seed) -> tuple[FlashRequest, int]:
    teacher = await seed.person("Учитель Первый", deficits=["digital"])
    async with seed.env() as env:
        request = await requests.save_draft(env, await seed.actor(teacher), draft())
    return request, teacher.id


async def test_transition_records_who_when_why(seed: Seed) -> None:
    request, teacher_id = await _draft_request(seed)
    seed.clock.advance(minutes=5)
    async with seed.env() as env:
        loaded = await env.session.get(FlashRequest, request.id)
        await transition(
            env.session, env.clock, loaded, S.cancelled, actor_id=teacher_id, reason="requester"
        )
    async with seed.env() as env:
        events = list(
            await env.session.scalars(
                select(FlashEvent)
                .where(FlashEvent.request_id == request.id)
                .order_by(FlashEvent.id)
            )
        )
        loaded = await env.session.get(FlashRequest, request.id)
    assert [(e.from_status, e.to_status, e.actor_id, e.reason) for e in events] == [
        (None, FlashStatus.draft, teacher_id, None),
        (FlashStatus.draft, FlashStatus.cancelled, teacher_id, "requester"),
    ]
    assert events[1].at == seed.clock.now() and loaded.closed_at == seed.clock.now()


async def test_forbidden_move_changes_nothing(seed: Seed) -> None:
    request, teacher_id = await _draft_request(seed)
    async with seed.env() as env:
        loaded = await env.session.get(FlashRequest, request.id)
        with pytest.raises(InvalidInput) as error:
            await transition(env.session, env.clock, loaded, S.completed, actor_id=teacher_id)
    assert error.value.key == "flash-now-draft"
    async with seed.env() as env:
        assert (await env.session.get(FlashRequest, request.id)).status == FlashStatus.draft
        assert await env.session.scalar(select(func.count(FlashEvent.id))) == 1


async def test_a_move_from_a_state_someone_left_is_refused(seed: Seed) -> None:
    """Two sessions saw 'draft'; the one that moves second finds it cancelled."""
    request, teacher_id = await _draft_request(seed)
    async with seed.env() as first, seed.env() as second:
        mine = await first.session.get(FlashRequest, request.id)
        theirs = await second.session.get(FlashRequest, request.id)
        await transition(first.session, first.clock, mine, S.cancelled, actor_id=teacher_id)
        await first.session.commit()
        with pytest.raises(InvalidInput) as error:
            await transition(second.session, second.clock, theirs, S.open, actor_id=teacher_id)
    assert error.value.key == "flash-now-cancelled"


@pytest.mark.parametrize("mentors", [12])
async def test_many_concurrent_accepts_give_exactly_one_match(seed: Seed, mentors: int) -> None:
    seed.config = FlashConfig(wave_size=mentors)
    teacher = await seed.person("Учитель Спрашивающий", deficits=["digital"])
    people = [
        await seed.person(f"Наставник Номер {chr(0x410 + i)}", role=Role.mentor)
        for i in range(mentors)
    ]
    async with seed.env() as env:
        actor = await seed.actor(teacher)
        request = await requests.save_draft(env, actor, draft())
    async with seed.env() as env:
        sent = await requests.submit(env, actor, request.id)
    assert sent.offers == mentors
    async with seed.env() as env:
        by_mentor = {
            o.mentor_id: o.id
            for o in await env.session.scalars(
                select(FlashOffer).where(FlashOffer.request_id == request.id)
            )
        }
    actors = {p.id: await seed.actor(p) for p in people}
    start = asyncio.Event()

    async def press(mentor_id: int) -> str:
        await start.wait()
        try:
            async with seed.env() as env:
                await offers.accept(env, actors[mentor_id], by_mentor[mentor_id])
        except DomainError as error:
            return error.key
        return "won"

    tasks = [asyncio.create_task(press(p.id)) for p in people]
    await asyncio.sleep(0)
    start.set()
    results = await asyncio.gather(*tasks)
    assert results.count("won") == 1
    assert set(results) - {"won"} <= {"flash-offer-taken"}
    winner = people[results.index("won")].id
    async with seed.env() as env:
        final = await env.session.get(FlashRequest, request.id)
        statuses = {
            o.mentor_id: o.status
            for o in await env.session.scalars(
                select(FlashOffer).where(FlashOffer.request_id == request.id)
            )
        }
        matched = await env.session.scalar(
            select(func.count(FlashEvent.id)).where(
                FlashEvent.request_id == request.id, FlashEvent.to_status == FlashStatus.matched
            )
        )
        told = await env.session.scalar(
            select(func.count(OutboxMessage.id)).where(
                OutboxMessage.dedup_key.like(f"flash-matched:{request.id}:%")
            )
        )
    assert final.status == FlashStatus.matched and final.mentor_id == winner
    assert statuses[winner] == FlashOfferStatus.accepted
    assert {s for m, s in statuses.items() if m != winner} == {FlashOfferStatus.withdrawn}
    assert matched == 1 and told == 1
