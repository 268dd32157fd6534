"""Leases of claimed outbox rows: short, renewed by a live sender's heartbeat, taken from a dead
one when they run out, and on the embedded default reclaimed at once by the next process."""

from __future__ import annotations

import asyncio
from typing import Any

from aiogram.methods import SendMessage
from sqlalchemy import select

from bot.app import App
from bot.clock import FakeClock
from bot.db import transaction
from bot.delivery.local_limits import RateLimiter
from bot.delivery.sender import LEASE, OutboxSender
from bot.fakes.telegram import FakeTelegram
from models import OutboxMessage
from models.enums import OutboxStatus
from tests.conftest import base_settings, make_app
from tests.test_delivery_engine import queue, rows, wait_until


def other_sender(app: App) -> OutboxSender:
    """A second sender on the same database (another process in scale mode)."""
    return OutboxSender(app.bot, app.factory, app.settings, app.clock, RateLimiter(100_000, 0, 20))


async def lease_ends(app: App) -> dict[int, Any]:
    async with transaction(app.factory) as session:
        found = await session.execute(
            select(OutboxMessage.chat_id, OutboxMessage.next_at).where(
                OutboxMessage.status == OutboxStatus.sending
            )
        )
        return dict(found.all())


async def test_the_next_process_on_sqlite_takes_the_dead_ones_rows_at_once(
    sqlite_url: str, clock: FakeClock
) -> None:
    settings = base_settings(database_url=sqlite_url)
    first = await make_app(settings, clock)
    try:
        await queue(first, *range(7600, 7610))
        assert len(await other_sender(first)._claim()) == 10  # claimed, then the process died
    finally:
        await first.close()
    fake = FakeTelegram()
    second = await make_app(settings, clock, fake)  # the clock has not moved: leases hold
    try:
        running = asyncio.create_task(second.sender.run(idle_seconds=0.01))
        try:
            await wait_until(lambda: len(fake.sent_messages()) == 10)
        finally:
            running.cancel()
            await asyncio.gather(running, return_exceptions=True)
        assert {r.status for r in await rows(second)} == {OutboxStatus.sent}
    finally:
        await second.close()


async def test_a_live_sender_keeps_its_rows_and_a_dead_ones_are_taken_after_the_lease(
    database_url: str, clock: FakeClock
) -> None:
    fake = FakeTelegram()
    app = await make_app(base_settings(database_url=database_url, outbox_batch_size=5), clock, fake)
    try:
        live, dead, third = other_sender(app), other_sender(app), other_sender(app)
        await queue(app, *range(7700, 7705))
        assert len(await live._claim()) == 5
        await queue(app, *range(7710, 7715))
        assert len(await dead._claim()) == 5  # and then its process died: no heartbeat
        assert LEASE.total_seconds() <= 60  # a crash costs recipients seconds, not minutes
        for _ in range(3):  # the live one beats every third of a lease
            clock.advance(LEASE / 3)
            assert await live.renew_leases() == 5
        # Both were claimed a whole lease ago: only the dead one's have run out.
        assert await third.drain_once() == 5
        assert sorted(m.chat.id for m in fake.sent_messages()) == list(range(7710, 7715))
        held = await lease_ends(app)
        assert sorted(held) == list(range(7700, 7705))
        assert all(end > clock.now() for end in held.values())
        # A sender starting meanwhile takes a live one's rows only where no other process can
        # be alive (the embedded SQLite default); in scale mode it leaves them alone.
        assert await third.reclaim_orphans() == (5 if app.settings.is_sqlite else 0)
    finally:
        await app.close()


async def test_the_heartbeat_runs_while_a_slow_request_is_in_flight(
    app: App, fake: FakeTelegram, clock: FakeClock
) -> None:
    """A request that outlasts the lease keeps its row: nobody else sends it meanwhile."""
    gate = asyncio.Event()
    original = fake.make_request

    async def held_up(bot: Any, method: Any, **kwargs: Any) -> Any:
        if isinstance(method, SendMessage):
            await gate.wait()
        return await original(bot, method, **kwargs)

    fake.make_request = held_up  # type: ignore[method-assign]
    await queue(app, 7801)
    app.sender.limiter = RateLimiter(100_000, 0, 20)
    app.sender.heartbeat_seconds = 0.01
    running = asyncio.create_task(app.sender.run(idle_seconds=0.01))
    try:
        await wait_until(lambda: bool(app.sender._held))
        claimed_until = (await lease_ends(app))[7801]
        clock.advance(LEASE * 2)  # the request is still in flight
        async with asyncio.timeout(20):
            while (await lease_ends(app))[7801] <= clock.now():  # noqa: ASYNC110 (the db)
                await asyncio.sleep(0.01)
        assert (await lease_ends(app))[7801] > claimed_until
        assert await other_sender(app).drain_once() == 0  # not taken from the live sender
        gate.set()
        await wait_until(lambda: len(fake.sent_messages()) == 1)
        await wait_until(lambda: not app.sender._held)
    finally:
        gate.set()
        running.cancel()
        await asyncio.gather(running, return_exceptions=True)
    assert [r.status for r in await rows(app)] == [OutboxStatus.sent]
    assert len(fake.sent_messages(7801)) == 1
