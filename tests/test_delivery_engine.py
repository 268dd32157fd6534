"""The delivery engine against the fake Bot API: limits, 429, 403, 5xx, timeouts, shapes,
priorities, message ids."""

from __future__ import annotations

import asyncio
import itertools
from collections import Counter, deque
from datetime import timedelta
from typing import Any

import pytest
from aiogram.methods import EditMessageText, SendMessage
from sqlalchemy import select

from bot.app import App
from bot.clock import FakeClock
from bot.db import transaction
from bot.delivery.batch import Batch, Claimed
from bot.delivery.local_limits import RateLimiter
from bot.delivery.redis_limits import ChatBusy
from bot.delivery.sender import BACKOFF_CAP_SECONDS, BREAKER_THRESHOLD, LEASE, OutboxSender
from bot.fakes.telegram import FakeTelegram, parse_html
from bot.services import outbox
from bot.services.outbox import MessageRejected, Priority
from models import OutboxMessage
from models.enums import OutboxStatus
from tests.conftest import base_settings, make_app
from tests.support import World


class VirtualTime:
    """A monotonic clock and a sleep that moves it, for the limiter: no real waiting."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


def record_times(fake: FakeTelegram, time: VirtualTime) -> list[tuple[int, float, bool]]:
    """(chat, virtual time, ok) of every request, in the order the fake got them."""
    log: list[tuple[int, float, bool]] = []
    original = fake.make_request

    async def timed(bot: Any, method: Any, **kwargs: Any) -> Any:
        moment = time.now
        try:
            result = await original(bot, method, **kwargs)
        except Exception:
            log.append((int(method.chat_id), moment, False))
            raise
        log.append((int(method.chat_id), moment, True))
        return result

    fake.make_request = timed  # type: ignore[method-assign]
    return log


async def queue(app: App, *chats: int, text: str = "Объявление", **kwargs: Any) -> None:
    async with transaction(app.factory) as session:
        for chat in chats:
            await outbox.enqueue_text(session, app.clock, chat_id=chat, text=text, **kwargs)


async def rows(app: App) -> list[OutboxMessage]:
    async with transaction(app.factory) as session:
        return list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


async def wait_until(condition: Any, seconds: float = 20.0) -> None:
    """Poll a condition of the fake (it has no events to wait on) until it holds."""
    async with asyncio.timeout(seconds):
        while not condition():  # noqa: ASYNC110
            await asyncio.sleep(0.005)


def sequential(app: App, limiter: RateLimiter) -> OutboxSender:
    """A sender with one request at a time, so the order of events is exact."""
    return OutboxSender(app.bot, app.factory, app.settings, app.clock, limiter, concurrency=1)


# --- 429 ---------------------------------------------------------------------------------------


async def test_429_waits_exactly_retry_after_and_slows_the_whole_sender(
    app: App, fake: FakeTelegram
) -> None:
    time = VirtualTime()
    limiter = RateLimiter(10, 0, 20, monotonic=time.monotonic, sleep=time.sleep)
    sender = sequential(app, limiter)
    log = record_times(fake, time)
    fake.fail_next(SendMessage, "429", chat_id=2001, retry_after=3)
    await queue(app, 2001, 2002, 2003, 2004)
    await sender.drain_once()
    assert [(chat, ok) for chat, _t, ok in log] == [
        (2001, False),
        (2002, True),
        (2003, True),
        (2004, True),
    ]
    (_c, refused, _ok), (_c2, next_send, _ok2) = log[0], log[1]
    # Every chat waited: the next request went exactly retry_after after the 429 …
    assert next_send - refused == pytest.approx(3.0)
    # … and the pace stays slower for a while (10/s is 0.1 s apart; now about twice that).
    gaps = [b[1] - a[1] for a, b in itertools.pairwise(log[1:])]
    assert all(gap > 0.18 for gap in gaps)
    statuses = {row.chat_id: (row.status, row.attempts) for row in await rows(app)}
    # The refused message waits its turn again; a 429 is not the message's fault.
    assert statuses[2001] == (OutboxStatus.pending, 0)
    refused_row = next(r for r in await rows(app) if r.chat_id == 2001)
    assert refused_row.next_at == app.clock.now() + timedelta(seconds=3)
    assert sender.stats.rate_limited == 1
    app.clock.advance(seconds=3)  # type: ignore[attr-defined]
    await sender.drain()
    assert Counter(m.chat.id for m in fake.sent_messages()) == Counter(
        {2001: 1, 2002: 1, 2003: 1, 2004: 1}
    )


async def test_limits_of_the_fake_api_are_never_exceeded(sqlite_url: str, clock: FakeClock) -> None:
    fake = FakeTelegram()
    fake.enforce_limits(per_second=40, per_chat_per_second=1, per_group_per_minute=20)
    settings = base_settings(
        database_url=sqlite_url, outbox_rate_per_second=40.0, outbox_chat_interval_seconds=1.0
    )
    app = await make_app(settings, clock, fake)
    try:
        chats = list(range(5000, 5060))
        await queue(app, *chats)
        await queue(app, 5000, 5000, text="Ещё одно")  # one chat, three messages
        deadline = asyncio.get_running_loop().time() + 20
        while asyncio.get_running_loop().time() < deadline:
            await app.sender.drain()
            if all(r.status == OutboxStatus.sent for r in await rows(app)):
                break
            clock.advance(seconds=1)  # the per-chat deferral is in clock time
            await asyncio.sleep(0.2)
        assert fake.rate_limited == 0
        got = Counter(m.chat.id for m in fake.sent_messages())
        assert got[5000] == 3 and all(got[c] == 1 for c in chats[1:])
    finally:
        await app.close()


async def test_group_limit_per_minute_in_virtual_time() -> None:
    time = VirtualTime()
    limiter = RateLimiter(30, 0, 20, monotonic=time.monotonic, sleep=time.sleep)
    stamps = []
    for _ in range(21):
        await limiter.acquire(-100500)
        stamps.append(time.now)
        limiter.release(-100500)
    assert stamps[19] < 60 <= stamps[20] - stamps[0]  # the 21st waits for the minute


async def test_rate_window_counts_requests_until_they_complete() -> None:
    """However long requests take, never more than per_second in any second."""
    time = VirtualTime()
    limiter = RateLimiter(5, 0, 20, monotonic=time.monotonic, sleep=time.sleep)
    for chat in range(5):
        await limiter.acquire(chat)  # five requests in flight, none completed yet
    task = asyncio.create_task(limiter.acquire(99))
    for _ in range(50):
        await asyncio.sleep(0)
    assert not task.done()  # however much time passes: five are in flight
    completed = time.now
    for chat in range(5):
        limiter.release(chat)
    await task
    assert time.now - completed >= 1.0  # a second after the five completed


class HeldElsewhere(RateLimiter):
    """A limiter whose shared state says some chats are busy in another process (what
    SharedRateLimiter raises after asking Redis)."""

    def __init__(self, held: set[int]) -> None:
        super().__init__(100_000, 0, 20)
        self.held = held

    async def acquire(self, chat_id: int) -> None:
        if chat_id in self.held:
            raise ChatBusy(3.0)
        await super().acquire(chat_id)


async def test_a_chat_busy_in_another_process_is_deferred_and_the_rest_go(
    app: App, fake: FakeTelegram
) -> None:
    limiter = HeldElsewhere({2701})
    sender = OutboxSender(app.bot, app.factory, app.settings, app.clock, limiter)
    async with transaction(app.factory) as session:
        for chat in (2701, 2702, 2703):
            await outbox.enqueue_text(session, app.clock, chat_id=chat, text="новость")
    await sender.drain()
    assert sorted(m.chat.id for m in fake.sent_messages()) == [2702, 2703]
    held = (await rows(app))[0]
    # Put back untried (no attempt counted), due when the other process's hold ends.
    assert (held.status, held.attempts) == (OutboxStatus.pending, 0)
    assert held.next_at == app.clock.now() + timedelta(seconds=3)
    assert sender.stats.deferred == 1 and not limiter.chat_busy(2701)

    limiter.held.clear()
    app.clock.advance(timedelta(seconds=3))
    await sender.drain()
    assert [m.chat.id for m in fake.sent_messages()][-1] == 2701
    assert [r.status for r in await rows(app)] == [
        OutboxStatus.sent,
        OutboxStatus.sent,
        OutboxStatus.sent,
    ]


# --- 403 -----------------------------------------------------------------------------------------


async def test_403_marks_the_participant_and_never_retries(
    world: World, app: App, fake: FakeTelegram
) -> None:
    person = await world.add_person(2101, name="Заблокировала Бота")
    fake.blocked.add(2101)
    await queue(app, 2101, 2101, 2102)
    await app.sender.drain()
    app.clock.advance(hours=1)  # type: ignore[attr-defined]
    await app.sender.drain()
    statuses = [(r.chat_id, r.status) for r in await rows(app)]
    assert statuses == [
        (2101, OutboxStatus.blocked),
        (2101, OutboxStatus.blocked),
        (2102, OutboxStatus.sent),
    ]
    assert (await world.person(person.tg_id)).bot_blocked  # type: ignore[arg-type,union-attr]
    asked = [r for r in fake.records if getattr(r.method, "chat_id", None) == 2101]
    assert len(asked) == 1  # one refusal, then nothing more for that chat
    # Writing to the bot again lifts the mark.
    await world.user(2101).send("/help")
    assert not (await world.person(2101)).bot_blocked  # type: ignore[union-attr]


# --- 5xx and network errors ------------------------------------------------------------------


async def test_5xx_and_timeouts_back_off_exponentially_with_a_cap(
    app: App, fake: FakeTelegram
) -> None:
    fake.fail_next(SendMessage, "500", times=3, chat_id=2201)
    fake.fail_next(SendMessage, "timeout", times=2, chat_id=2201)
    await queue(app, 2201)
    delays = []
    for _ in range(5):
        await app.sender.drain()
        (row,) = await rows(app)
        assert row.status == OutboxStatus.pending and row.last_error
        delays.append((row.next_at - app.clock.now()).total_seconds())
        app.clock.advance(seconds=delays[-1])  # type: ignore[attr-defined]
    assert delays == sorted(delays) and delays[0] < delays[-1]
    assert delays[1] / delays[0] == pytest.approx(2.0)  # doubling (same jitter per row)
    await app.sender.drain()
    (row,) = await rows(app)
    assert (row.status, row.attempts) == (OutboxStatus.sent, 6)
    assert len(fake.sent_messages(2201)) == 1


async def test_backoff_is_capped_and_gives_up_after_max_attempts(app: App) -> None:
    def claimed(attempts: int) -> Claimed:
        return Claimed(
            id=7, chat_id=1, method="sendMessage", params={}, attempts=attempts, priority=5
        )

    sender = app.sender
    delays = []
    for attempts in range(app.settings.outbox_max_attempts - 1):
        sender._transient_streak = 0
        outcome = sender._backoff(claimed(attempts), TimeoutError("slow"), Batch(deque()))
        delays.append((outcome["next_at"] - app.clock.now()).total_seconds())
    assert delays == sorted(delays) and max(delays) <= BACKOFF_CAP_SECONDS
    last = sender._backoff(
        claimed(app.settings.outbox_max_attempts - 1), TimeoutError("slow"), Batch(deque())
    )
    assert last["status"] == OutboxStatus.failed
    capped = sender._backoff(claimed(2), TimeoutError("slow"), Batch(deque()))
    assert capped["status"] == OutboxStatus.pending


async def test_an_outage_holds_the_sender_instead_of_burning_attempts(
    app: App, fake: FakeTelegram
) -> None:
    fake.fail_next(SendMessage, "502", times=BREAKER_THRESHOLD)
    await queue(app, *range(2300, 2300 + BREAKER_THRESHOLD + 5))
    app.sender.concurrency = 1
    await app.sender.drain()
    tried = [r for r in await rows(app) if r.attempts]
    assert len(tried) == BREAKER_THRESHOLD  # then it stopped claiming
    assert await app.sender.drain_once() == 0  # held for a while
    app.clock.advance(seconds=5)  # type: ignore[attr-defined]
    await app.sender.drain()
    app.clock.advance(seconds=60)  # type: ignore[attr-defined]
    await app.sender.drain()
    assert all(r.status == OutboxStatus.sent for r in await rows(app))


# --- shapes ------------------------------------------------------------------------------------


async def test_long_html_is_split_into_valid_parts_before_queueing(
    app: App, fake: FakeTelegram
) -> None:
    paragraph = "<b>Важно:</b> наставник <i>помогает</i> молодому педагогу &amp; школе. "
    text = (paragraph * 40 + "\n\n") * 4  # about 11,000 characters of markup
    async with transaction(app.factory) as session:
        queued = await outbox.enqueue_text(
            session, app.clock, chat_id=2401, text=text, dedup_key="long"
        )
    assert queued >= 3
    await app.sender.drain()
    sent = fake.sent_messages(2401)
    assert len(sent) == queued
    assert all(len(m.text or "") <= 4096 for m in sent)
    assert all(any(e.type == "bold" for e in m.entities or []) for m in sent)
    joined = " ".join((m.text or "") for m in sent).split()
    assert joined == parse_html(text)[0].split()  # nothing lost, nothing repeated


async def test_what_telegram_would_refuse_is_refused_before_it_is_queued(app: App) -> None:
    async with transaction(app.factory) as session:
        with pytest.raises(MessageRejected):
            await outbox.enqueue(
                session,
                app.clock,
                method="sendMessage",
                params={"chat_id": 1, "text": "я" * 4097},
                chat_id=1,
            )
        with pytest.raises(MessageRejected):
            await outbox.enqueue(
                session,
                app.clock,
                method="sendDocument",
                params={"chat_id": 1, "document": "file", "caption": "я" * 1025},
                chat_id=1,
            )
        with pytest.raises(MessageRejected):
            await outbox.enqueue(
                session,
                app.clock,
                method="sendMessage",
                params={"chat_id": 1, "text": "<b>не закрыт"},
                chat_id=1,
            )
        with pytest.raises(MessageRejected):
            await outbox.enqueue_text(session, app.clock, chat_id=1, text="   ")
        # 4,096 characters after the markup is parsed fit, however long the markup is.
        fits = "<b>" + "я" * 4096 + "</b>"
        assert await outbox.enqueue(
            session, app.clock, method="sendMessage", params={"chat_id": 1, "text": fits}, chat_id=1
        )
        # A text that is not valid markup (a name with "<") is sent as it reads.
        assert await outbox.enqueue_text(session, app.clock, chat_id=2, text="Иванова <Мария>")
    async with transaction(app.factory) as session:
        escaped = await session.scalar(
            select(OutboxMessage.params).where(OutboxMessage.chat_id == 2)
        )
    assert escaped["text"] == "Иванова &lt;Мария&gt;"


async def test_a_row_too_long_is_failed_by_the_sender_without_calling_the_api(
    app: App, fake: FakeTelegram
) -> None:
    async with transaction(app.factory) as session:
        session.add(
            OutboxMessage(
                chat_id=2501,
                method="sendMessage",
                params={"chat_id": 2501, "text": "я" * 5000},
                priority=5,
                status=OutboxStatus.pending,
                attempts=0,
                next_at=app.clock.now(),
                created_at=app.clock.now(),
            )
        )
    await app.sender.drain()
    (row,) = await rows(app)
    assert row.status == OutboxStatus.failed and "rejected" in (row.last_error or "")
    assert fake.records == []


# --- priorities ---------------------------------------------------------------------------------


async def test_a_reply_overtakes_a_bulk_batch_in_progress(
    sqlite_url: str, clock: FakeClock
) -> None:
    fake = FakeTelegram()
    settings = base_settings(
        database_url=sqlite_url, outbox_rate_per_second=200.0, outbox_batch_size=100
    )
    app = await make_app(settings, clock, fake)
    try:
        async with transaction(app.factory) as session:
            for chat in range(6000, 6300):
                await outbox.enqueue_text(
                    session, clock, chat_id=chat, text="рассылка", priority=Priority.BULK
                )
        sending = asyncio.create_task(app.sender.drain())
        await wait_until(lambda: len(fake.sent_messages()) >= 10)
        async with transaction(app.factory) as session:
            await outbox.enqueue_text(
                session, clock, chat_id=6999, text="ответ", priority=Priority.REPLY
            )
        app.sender.wake()
        await sending
        order = [m.chat.id for m in fake.sent_messages()]
        assert len(order) == 301
        # After the few already taken by the workers (0.1 s of sending), not after the 290
        # bulk messages that were still waiting.
        assert order.index(6999) < 100
    finally:
        await app.close()


async def test_flash_offers_go_before_reminders_before_bulk(app: App, fake: FakeTelegram) -> None:
    async with transaction(app.factory) as session:
        await outbox.enqueue_text(session, app.clock, chat_id=1, text="b", priority=Priority.BULK)
        await outbox.enqueue_text(
            session, app.clock, chat_id=2, text="r", priority=Priority.REMINDER
        )
        await outbox.enqueue_text(session, app.clock, chat_id=3, text="o", priority=Priority.OFFER)
        await outbox.enqueue_text(session, app.clock, chat_id=4, text="q", priority=Priority.REPLY)
    app.sender.concurrency = 1
    await app.sender.drain()
    assert [m.chat.id for m in fake.sent_messages()] == [4, 3, 2, 1]


# --- message ids and edits ----------------------------------------------------------------------


async def test_the_sent_message_id_is_recorded_for_later_edits(
    app: App, fake: FakeTelegram
) -> None:
    async with transaction(app.factory) as session:
        await outbox.enqueue_text(session, app.clock, chat_id=2601, text="v1", dedup_key="status")
    await app.sender.drain()
    async with transaction(app.factory) as session:
        message_id = await session.scalar(
            select(OutboxMessage.message_id).where(OutboxMessage.dedup_key == "status")
        )
        assert message_id == fake.sent_messages(2601)[0].message_id
        for text in ("v2", "v2"):  # the second is "not modified": harmless, not a failure
            await outbox.enqueue(
                session,
                app.clock,
                method="editMessageText",
                params={"chat_id": 2601, "message_id": message_id, "text": text},
                chat_id=2601,
            )
    await app.sender.drain()
    assert fake.get_message(2601, message_id).text == "v2"  # type: ignore[union-attr]
    assert len(fake.requests(EditMessageText)) == 2
    assert [r.status for r in await rows(app)] == [
        OutboxStatus.sent,
        OutboxStatus.sent,
        OutboxStatus.sent,
    ]


async def test_dedup_key_queues_once(app: App) -> None:
    async with transaction(app.factory) as session:
        first = await outbox.enqueue_text(session, app.clock, chat_id=1, text="a", dedup_key="k")
        again = await outbox.enqueue_text(session, app.clock, chat_id=1, text="a", dedup_key="k")
        await outbox.enqueue_many(
            session,
            app.clock,
            [outbox.Outgoing("sendMessage", {"chat_id": 2, "text": "b"}, 2, "m")] * 2,
        )
    assert (first, again) == (1, 0)
    assert len(await rows(app)) == 2


# --- a stop in the middle, and a restart ------------------------------------------------------


def slow_api(fake: FakeTelegram, seconds: float = 0.003) -> None:
    """Requests take a moment, so a stop finds some of them in flight."""
    original = fake.make_request

    async def slow(bot: Any, method: Any, **kwargs: Any) -> Any:
        await asyncio.sleep(seconds)
        return await original(bot, method, **kwargs)

    fake.make_request = slow  # type: ignore[method-assign]


@pytest.mark.parametrize("stop_after", [1, 37, 150, 240])
async def test_a_sender_stopped_midway_and_restarted_sends_each_copy_exactly_once(
    sqlite_url: str, clock: FakeClock, stop_after: int
) -> None:
    fake = FakeTelegram()
    slow_api(fake)
    settings = base_settings(
        database_url=sqlite_url, outbox_rate_per_second=100_000.0, outbox_batch_size=40
    )
    first = await make_app(settings, clock, fake)
    chats = list(range(7000, 7300))
    try:
        async with transaction(first.factory) as session:
            await outbox.enqueue_many(
                session,
                clock,
                [
                    outbox.Outgoing("sendMessage", {"chat_id": c, "text": "Текст"}, c, f"a:{c}")
                    for c in chats
                ],
            )
        running = asyncio.create_task(first.sender.run(idle_seconds=0.01))
        await wait_until(lambda: len(fake.sent_messages()) >= stop_after)
        running.cancel()  # a stop (SIGTERM, a redeploy) in the middle of a batch
        with pytest.raises(asyncio.CancelledError):
            await running
        before = Counter(m.chat.id for m in fake.sent_messages())
        assert 0 < sum(before.values()) < len(chats)
        # Everything Telegram accepted is written down; nothing is left claimed.
        states = Counter(r.status for r in await rows(first))
        assert states[OutboxStatus.sending] == 0
        assert states[OutboxStatus.sent] == sum(before.values())
    finally:
        await first.close()
    # Another process starts on the same database, at once (no lease to wait out).
    second = await make_app(settings, clock, fake)
    try:
        await second.sender.drain()
        delivered = Counter(m.chat.id for m in fake.sent_messages())
        assert sorted(delivered) == chats  # none skipped
        assert set(delivered.values()) == {1}  # none twice
        assert {r.status for r in await rows(second)} == {OutboxStatus.sent}
    finally:
        await second.close()


async def test_a_sender_that_died_leaves_its_rows_to_the_next_after_the_lease(
    app: App, fake: FakeTelegram
) -> None:
    """A process killed after claiming (before sending) holds its rows only until the lease
    ends; then another sender takes them, and nothing is lost."""
    await queue(app, *range(7400, 7410))
    dead = sequential(app, RateLimiter(100_000, 0, 20))
    claimed = await dead._claim()  # claimed, then the process died: nothing sent or written
    assert len(claimed) == 10
    assert await app.sender.drain_once() == 0  # leased to the dead one
    app.clock.advance(seconds=LEASE.total_seconds() + 1)  # type: ignore[attr-defined]
    await app.sender.drain()
    assert sorted(m.chat.id for m in fake.sent_messages()) == list(range(7400, 7410))


_CHILD = """
import asyncio, sys
from bot.app import build_app
from bot.fakes.telegram import FakeTelegram
from tests.conftest import base_settings

async def main(url, log_path):
    fake = FakeTelegram()
    original = fake.make_request
    log = open(log_path, "a", buffering=1)

    async def logged(bot, method, **kwargs):
        await asyncio.sleep(0.002)
        result = await original(bot, method, **kwargs)
        log.write(f"{method.chat_id}\\n")  # what "Telegram" accepted, outside this process
        return result

    fake.make_request = logged
    settings = base_settings(database_url=url, outbox_rate_per_second=500.0, outbox_batch_size=40)
    app = build_app(settings, session=fake, with_scheduler=False)
    await app.sender.run(idle_seconds=0.01)

asyncio.run(main(sys.argv[1], sys.argv[2]))
"""


async def test_a_killed_sender_loses_nothing_and_resends_at_most_its_unwritten_window(
    sqlite_url: str, tmp_path: Any
) -> None:
    """kill -9 in the middle: the rows it held come back, so nothing is lost.
    Telegram's sendMessage has no idempotency key, so what was accepted but not yet written
    down (a few dozen milliseconds of sends) can go twice; no more than that."""
    import os
    import signal
    import sys
    from datetime import UTC, datetime

    from bot.delivery.batch import FLUSH_ROWS

    chats = list(range(8000, 8400))
    setup = await make_app(base_settings(database_url=sqlite_url), FakeClock())
    try:
        async with transaction(setup.factory) as session:
            await outbox.enqueue_many(
                session,
                FakeClock(datetime(2000, 1, 1, tzinfo=UTC)),  # due at once in real time
                [
                    outbox.Outgoing("sendMessage", {"chat_id": c, "text": "Текст"}, c, f"k:{c}")
                    for c in chats
                ],
            )
    finally:
        await setup.close()
    log_path = tmp_path / "accepted.log"
    log_path.touch()
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        _CHILD,
        sqlite_url,
        str(log_path),
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    try:
        async with asyncio.timeout(60):
            while len(log_path.read_text().split()) < 120:
                assert child.returncode is None, "the sender process ended on its own"
                await asyncio.sleep(0.01)
        os.kill(child.pid, signal.SIGKILL)  # no cleanup at all
    finally:
        if child.returncode is None:
            child.kill()
        await child.wait()
    accepted = Counter(int(line) for line in log_path.read_text().split())
    assert 0 < len(accepted) < len(chats)
    # The next process on the SQLite file, at once: the dead one's leases have not run out,
    # but nobody else can be sending on the embedded default.
    fake = FakeTelegram()
    second = await make_app(base_settings(database_url=sqlite_url), FakeClock(), fake)
    try:
        second.sender.limiter = RateLimiter(100_000, 0, 20)
        assert await second.sender.reclaim_orphans() > 0
        await second.sender.drain()
        assert {r.status for r in await rows(second)} == {OutboxStatus.sent}
    finally:
        await second.close()
    total = accepted + Counter(m.chat.id for m in fake.sent_messages())
    assert sorted(total) == chats  # nobody skipped
    duplicates = sum(n - 1 for n in total.values())
    print(f"accepted before the kill: {sum(accepted.values())}, sent twice: {duplicates}")
    assert duplicates <= FLUSH_ROWS  # only the unwritten window, never the whole batch again
