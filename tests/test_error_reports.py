"""Admin error reports are rate-limited: a flood of failing updates is one message, and the
next report says how many were held back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.clock import FakeClock
from bot.services import menu
from bot.services.error_reports import (
    CAP,
    PER_KIND,
    RedisReportLimiter,
    ReportLimiter,
    report_gate,
)
from models.runtime import OutboxMessage
from tests.support import ADMIN_ID, World

T0 = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)


async def test_one_report_per_kind_then_the_held_back_count() -> None:
    limiter = ReportLimiter()
    assert await limiter.admit("OverflowError", T0) == 0
    assert await limiter.admit("OverflowError", T0 + timedelta(seconds=1)) is None
    assert await limiter.admit("OverflowError", T0 + timedelta(seconds=2)) is None
    assert await limiter.admit("KeyError", T0 + timedelta(seconds=3)) == 2  # another kind goes
    assert await limiter.admit("OverflowError", T0 + PER_KIND) == 0


async def test_a_cap_over_all_kinds() -> None:
    limiter = ReportLimiter()
    admitted = [await limiter.admit(f"Error{n}", T0) for n in range(CAP + 5)]
    assert admitted.count(None) == 5
    assert await limiter.admit("Late", T0 + limiter.window) == 5


async def _reports(world: World) -> list[str]:
    async with world.db() as session:
        rows = await session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.chat_id == ADMIN_ID)
            .order_by(OutboxMessage.id)
        )
        return [str(row.params.get("text", "")) for row in rows]


async def test_forty_failing_updates_are_one_admin_report(
    world: World, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> list[str]:
        raise RuntimeError("boom")

    monkeypatch.setattr(menu, "commands_for", broken)
    stranger = world.user(6100)
    for _ in range(40):
        replies = await stranger.send("/help")
        assert replies, "every update is answered even when it fails"
    assert len(await _reports(world)) == 1

    clock.advance(PER_KIND)
    await stranger.send("/help")
    reports = await _reports(world)
    assert len(reports) == 2
    assert "пропущено ещё 39 сообщений" in reports[-1], reports[-1]
    assert "39" not in reports[0] and "пропущено" not in reports[0], reports[0]


@pytest.mark.scale
async def test_in_scale_mode_the_limits_are_shared_by_every_worker(redis_url: str) -> None:
    from redis.asyncio import Redis

    client = Redis.from_url(redis_url)
    try:
        one, two = RedisReportLimiter(client, cap=3), RedisReportLimiter(client, cap=3)
        assert await one.admit("OverflowError", T0) == 0
        assert await two.admit("OverflowError", T0) is None  # the other worker saw it
        assert await two.admit("KeyError", T0) == 1  # another kind goes, with the count
        assert await one.admit("ValueError", T0) == 0
        assert await two.admit("TypeError", T0) is None  # three sent in the window: the cap
        # The kind's key expiring (its TTL is PER_KIND) lets the next one of it through.
        await client.delete("mentorbot:error-reports:kind:OverflowError")
        await client.delete("mentorbot:error-reports:sent")
        assert await one.admit("OverflowError", T0) == 1
        ttl = await client.pttl("mentorbot:error-reports:kind:OverflowError")
        assert 0 < ttl <= PER_KIND.total_seconds() * 1000
    finally:
        await client.aclose()


async def test_without_redis_the_process_still_limits_the_reports() -> None:
    from redis.asyncio import Redis
    from redis.asyncio.retry import Retry
    from redis.backoff import NoBackoff

    unreachable = Redis(host="127.0.0.1", port=1, retry=Retry(NoBackoff(), 0))
    try:
        gate = RedisReportLimiter(unreachable)
        assert await gate.admit("OverflowError", T0) == 0
        assert await gate.admit("OverflowError", T0) is None
    finally:
        await unreachable.aclose()


def test_the_gate_follows_the_mode() -> None:
    assert isinstance(report_gate(None), ReportLimiter)
    assert isinstance(report_gate(object()), RedisReportLimiter)
