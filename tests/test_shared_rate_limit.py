"""Scale mode: the outbox's rate limits are shared through Redis by every process sending with
one bot token, so N processes together stay within Telegram's 30/s (not N×30), and a 429 seen
by one process pauses the others.

Real Redis (db 15), real time: skipped when Redis is unreachable, failing under
MENTORBOT_SCALE_TESTS=1 (see tests/conftest.py).
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from datetime import timedelta

import pytest
from aiogram.methods import SendMessage

from bot.app import App
from bot.clock import FakeClock
from bot.db import transaction
from bot.delivery.local_limits import RateLimiter
from bot.delivery.redis_limits import IN_FLIGHT_MARGIN_SECONDS, ChatBusy, SharedRateLimiter
from bot.fakes.telegram import FakeTelegram
from bot.services import outbox
from tests.conftest import base_settings, make_app

pytestmark = pytest.mark.scale

RATE = 30.0  # Telegram's default overall limit


async def _two_processes(
    sqlite_url: str, redis_url: str | None, clock: FakeClock, fake: FakeTelegram
) -> tuple[App, App]:
    """Two apps on one database and one token: what two worker processes are."""
    settings = base_settings(
        database_url=sqlite_url,
        redis_url=redis_url,
        outbox_rate_per_second=RATE,
        outbox_chat_interval_seconds=1.0,
        outbox_batch_size=10,
    )
    return await make_app(settings, clock, fake), await make_app(settings, clock, fake)


async def _queue(app: App, clock: FakeClock, chats: range) -> None:
    async with transaction(app.factory) as session:
        for chat in chats:
            await outbox.enqueue_text(session, clock, chat_id=chat, text="объявление")


async def test_two_senders_sharing_redis_stay_within_the_global_rate(
    sqlite_url: str, redis_url: str, clock: FakeClock
) -> None:
    fake = FakeTelegram()
    fake.enforce_limits(per_second=RATE, per_chat_per_second=1, per_group_per_minute=20)
    one, two = await _two_processes(sqlite_url, redis_url, clock, fake)
    try:
        assert isinstance(one.sender.limiter, SharedRateLimiter)
        chats = range(5000, 5075)
        await _queue(one, clock, chats)
        started = time.monotonic()
        await asyncio.gather(one.sender.drain(), two.sender.drain())
        elapsed = time.monotonic() - started
    finally:
        await one.close()
        await two.close()
    assert fake.rate_limited == 0  # the fake answers 429 to anything over 30 in a second
    delivered = Counter(m.chat.id for m in fake.sent_messages())
    assert sorted(delivered) == list(chats) and set(delivered.values()) == {1}
    assert one.sender.stats.sent > 0 and two.sender.stats.sent > 0  # both really sent
    # 75 messages at 30/s take at least two seconds, whichever process sends them.
    assert elapsed >= (len(chats) - RATE) / RATE


async def test_without_redis_two_senders_overrun_the_limit(
    sqlite_url: str, clock: FakeClock
) -> None:
    """The control: each process's own limiter allows 30/s, together they draw 429s."""
    fake = FakeTelegram()
    fake.enforce_limits(per_second=RATE, per_chat_per_second=1, per_group_per_minute=20)
    one, two = await _two_processes(sqlite_url, None, clock, fake)
    try:
        assert isinstance(one.sender.limiter, RateLimiter)
        await _queue(one, clock, range(5000, 5075))
        await asyncio.gather(one.sender.drain(), two.sender.drain())
    finally:
        await one.close()
        await two.close()
    assert fake.rate_limited > 0


async def test_a_429_seen_by_one_sender_pauses_the_other(
    sqlite_url: str, redis_url: str, clock: FakeClock
) -> None:
    fake = FakeTelegram()
    one, two = await _two_processes(sqlite_url, redis_url, clock, fake)
    try:
        fake.fail_next(SendMessage, "429", chat_id=6001, retry_after=2)
        await _queue(one, clock, range(6001, 6002))
        await one.sender.drain()
        assert one.sender.stats.rate_limited == 1 and not fake.sent_messages()
        assert isinstance(one.sender.limiter, SharedRateLimiter)
        await one.sender.limiter.settle()  # its pause is in Redis now
        limiter = two.sender.limiter
        assert isinstance(limiter, SharedRateLimiter)
        assert limiter.paused_for == 0  # the other process has not seen a 429 itself
        assert 1.5 < await limiter.shared_pause() <= 2.0

        await _queue(two, clock, range(6002, 6003))
        started = time.monotonic()
        await two.sender.drain()
        waited = time.monotonic() - started
    finally:
        await one.close()
        await two.close()
    assert [m.chat.id for m in fake.sent_messages()] == [6002]
    assert waited >= 1.5  # held for the rest of the other process's retry_after


async def test_per_chat_and_per_group_limits_are_shared(redis_url: str) -> None:
    from redis.asyncio import Redis

    redis = Redis.from_url(redis_url)
    try:
        first = SharedRateLimiter(redis, 1000, chat_interval=1.0, group_per_minute=3)
        second = SharedRateLimiter(redis, 1000, chat_interval=1.0, group_per_minute=3)
        # One message to a person from the first process: the second is told the chat is
        # busy for the rest of the second (to defer it, not to wait under its lock).
        await first.acquire(42)
        first.release(42)
        await first.settle()
        with pytest.raises(ChatBusy) as held:
            await second.acquire(42)
        assert 0.8 < held.value.seconds <= 1.0
        assert not second.chat_busy(42)  # not granted: nothing left behind
        await asyncio.sleep(held.value.seconds)
        await second.acquire(42)
        second.release(42)
        # A group: three a minute between both processes, the fourth is held for the minute.
        for limiter in (first, second, first):
            while True:  # a second apart: the group's own interval, as for a person
                try:
                    await limiter.acquire(-100500)
                    break
                except ChatBusy as busy:
                    await asyncio.sleep(busy.seconds)
            limiter.release(-100500)
            await limiter.settle()
        await first.settle()
        await second.settle()
        with pytest.raises(ChatBusy) as held:
            await second.acquire(-100500)
        assert 55 < held.value.seconds <= 60
        assert not second.chat_busy(-100500)
    finally:
        await redis.aclose()


@pytest.mark.parametrize("url", ["redis://127.0.0.1:1/0"])  # nothing listens there
async def test_while_redis_is_unreachable_nothing_is_granted(url: str) -> None:
    """No Redis, no shared limit: the sender holds its sends (and asks again) rather than
    sending blind past the other processes."""
    from redis.asyncio import Redis

    redis = Redis.from_url(url, socket_connect_timeout=0.2)
    try:
        limiter = SharedRateLimiter(redis, 30, chat_interval=1.0, group_per_minute=20)
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(limiter.acquire(42), timeout=1.5)
        assert not limiter.chat_busy(42)
        limiter.pause(5)  # a 429 meanwhile: kept locally, the write's failure only logged
        await limiter.settle()
        assert 3 < limiter.paused_for <= 5
    finally:
        await redis.aclose()


async def _hold_chat(redis_url: str, chat_id: int, ttl_ms: int) -> None:
    """What another process's request in flight leaves in Redis (or a crashed one's)."""
    from redis.asyncio import Redis

    redis = Redis.from_url(redis_url)
    try:
        seconds, micros = await redis.time()
        in_flight_until = seconds * 1000 + micros / 1000 + 65_000
        await redis.set(f"outbox:rate:chat:{chat_id}", str(in_flight_until), px=ttl_ms)
    finally:
        await redis.aclose()


async def test_a_chat_busy_in_another_process_does_not_hold_up_other_chats(
    sqlite_url: str, redis_url: str, clock: FakeClock
) -> None:
    fake = FakeTelegram()
    one, two = await _two_processes(sqlite_url, redis_url, clock, fake)
    try:
        await _hold_chat(redis_url, 7001, ttl_ms=60_000)
        async with transaction(one.factory) as session:
            # Two parts for the held chat, queued first, then five other people.
            await outbox.enqueue_text(session, clock, chat_id=7001, text="часть 1")
            await outbox.enqueue_text(session, clock, chat_id=7001, text="часть 2")
        await _queue(one, clock, range(7002, 7007))
        # Waiting for the held chat under the limiter's lock would take the marker's minute.
        await asyncio.wait_for(one.sender.drain(), timeout=15)
        assert sorted(m.chat.id for m in fake.sent_messages()) == list(range(7002, 7007))
        assert one.sender.stats.deferred >= 2

        # The other process finishes (its marker goes): the held chat's messages go, once
        # each and in order.
        from redis.asyncio import Redis

        redis = Redis.from_url(redis_url)
        try:
            await redis.delete("outbox:rate:chat:7001")
        finally:
            await redis.aclose()
        for _ in range(10):
            clock.advance(timedelta(seconds=2))
            await asyncio.wait_for(one.sender.drain(), timeout=15)
            if len(fake.sent_messages(7001)) == 2:
                break
            await asyncio.sleep(0.5)  # the chat's one-second interval, in real time
    finally:
        await one.close()
        await two.close()
    assert [m.text for m in fake.sent_messages(7001)] == ["часть 1", "часть 2"]
    assert len(fake.sent_messages()) == 7


async def test_a_crashed_process_holds_its_chat_only_for_the_request_timeout(
    sqlite_url: str, redis_url: str, clock: FakeClock
) -> None:
    from redis.asyncio import Redis

    fake = FakeTelegram()
    fake.timeout = 7  # the Bot session's request timeout (aiogram's BaseSession setting)
    one, two = await _two_processes(sqlite_url, redis_url, clock, fake)
    redis = Redis.from_url(redis_url)
    try:
        limiter = one.sender.limiter
        assert isinstance(limiter, SharedRateLimiter)
        assert limiter.request_timeout == 7  # the Bot session's, not a fixed 90 s
        await limiter.acquire(7101)  # granted, then the process "dies": never released
        ttl = await redis.pttl("outbox:rate:chat:7101")
        assert 6_000 < ttl <= (7 + IN_FLIGHT_MARGIN_SECONDS) * 1000
        other = two.sender.limiter
        assert isinstance(other, SharedRateLimiter)
        with pytest.raises(ChatBusy):  # meanwhile the chat is deferred, not waited for
            await other.acquire(7101)
        await other.acquire(7102)  # and other chats are granted
        other.release(7102)
        await other.settle()
    finally:
        await redis.aclose()
        await one.close()
        await two.close()
