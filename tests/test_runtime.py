"""The runtime pieces: error handler, throttling, the outbox sender, due work and storage."""

from __future__ import annotations

from datetime import timedelta

import pytest
from aiogram.fsm.storage.base import DefaultKeyBuilder, StorageKey
from aiogram.methods import SendMessage
from sqlalchemy import select

from bot.app import App
from bot.clock import FakeClock
from bot.db import create_engine, create_session_factory, transaction
from bot.delivery.local_limits import RateLimiter
from bot.fakes.client import TelegramUser
from bot.fakes.telegram import FakeTelegram
from bot.middlewares.throttling import MemoryRateCounter, RedisRateCounter
from bot.services import directory, outbox
from bot.storage import SqlStorage
from data import DIRECTORY_EXAMPLE
from models import DueTask, FsmRecord, OutboxMessage
from models.enums import DueTaskStatus, OutboxStatus, ScopeLevel
from scheduler.tick import run_due
from tests.conftest import base_settings
from tests.support import ADMIN_ID, World, muni_id


async def test_unexpected_error_gets_a_polite_answer_and_admins_are_told(
    world: World, monkeypatch, caplog: pytest.LogCaptureFixture
) -> None:
    from handlers import common

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(common.menu, "commands_for", broken)
    user = world.user(1001)
    update_id = world.fake.next_update_id() + 1  # the id the next update will get
    with caplog.at_level("ERROR", logger="bot.errors"):
        await user.send("/help")
    assert "Что-то пошло не так" in user.last_text
    assert f"update {update_id} failed" in caplog.text
    await world.drain()
    report = world.fake.sent_messages(ADMIN_ID)
    assert report and "RuntimeError" in (report[-1].text or "")
    assert str(update_id) in (report[-1].text or "")


async def test_throttling_drops_a_flood_with_one_warning(sqlite_url: str, clock: FakeClock) -> None:
    from tests.conftest import make_app

    app = await make_app(base_settings(database_url=sqlite_url, throttle_rate=3), clock)
    try:
        world = World(app, app.bot.session)  # type: ignore[arg-type]
        user = world.user(1002)
        for _ in range(6):
            await user.send("/help")
        texts = [m.text or "" for m in world.fake.sent_messages(1002)]
        assert sum("Что я умею" in t for t in texts) == 3
        assert sum("Слишком много действий" in t for t in texts) == 1
    finally:
        await app.close()


async def test_a_throttled_button_press_is_still_answered_and_changes_nothing(
    sqlite_url: str, clock: FakeClock
) -> None:
    from tests.conftest import make_app

    app = await make_app(base_settings(database_url=sqlite_url, throttle_rate=2), clock)
    try:
        world = World(app, app.bot.session)  # type: ignore[arg-type]
        user = world.user(1003)
        await user.send("/start")
        await user.send("/language")
        await user.click("English")  # over the limit: dropped, but the spinner is stopped
        assert "Слишком много действий" in user.last_callback_answer
        async with transaction(app.factory) as session:
            stored = list(await session.scalars(select(FsmRecord.data)))
        assert stored and all("lang" not in (data or {}) for data in stored)  # none chosen
    finally:
        await app.close()


async def test_memory_rate_counter_window() -> None:
    now = [0.0]
    counter = MemoryRateCounter(period=2.0, clock=lambda: now[0])
    assert [await counter.hit(1) for _ in range(3)] == [1, 2, 3]
    now[0] = 2.5
    assert await counter.hit(1) == 1


@pytest.mark.scale
async def test_redis_rate_counter(redis_url: str) -> None:
    from redis.asyncio import Redis

    redis = Redis.from_url(redis_url)
    try:
        counter = RedisRateCounter(redis, period=5.0, prefix="t-throttle")
        assert [await counter.hit(7) for _ in range(3)] == [1, 2, 3]
        assert await counter.hit(8) == 1
    finally:
        await redis.aclose()


# --- the sender -----------------------------------------------------------------------------


async def queue(app: App, *chat_ids: int, text: str = "hello") -> None:
    async with transaction(app.factory) as session:
        for chat_id in chat_ids:
            await outbox.enqueue_text(session, app.clock, chat_id=chat_id, text=text)


async def statuses(app: App) -> dict[int, str]:
    async with transaction(app.factory) as session:
        rows = await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        return {row.chat_id: row.status for row in rows}


async def test_sender_delivers_and_handles_403_429_and_5xx(
    world: World, app: App, fake: FakeTelegram
) -> None:
    blocked = await world.add_person(1101, name="Заблокировавший Бота")
    fake.fail_next(SendMessage, "403", chat_id=1101)
    fake.fail_next(SendMessage, "429", chat_id=1102, retry_after=1)
    fake.fail_next(SendMessage, "500", chat_id=1103)
    await queue(app, 1101, 1102, 1103, 1104)
    app.sender.limiter = RateLimiter(1000, 0, 20)  # no waiting in a unit test
    await app.sender.drain_once()
    assert await statuses(app) == {
        1101: OutboxStatus.blocked,
        1102: OutboxStatus.pending,
        1103: OutboxStatus.pending,
        1104: OutboxStatus.sent,
    }
    assert (await world.person(blocked.tg_id)).bot_blocked
    app.clock.advance(seconds=5)  # type: ignore[attr-defined]
    await app.sender.drain()
    assert await statuses(app) == {
        1101: OutboxStatus.blocked,
        1102: OutboxStatus.sent,
        1103: OutboxStatus.sent,
        1104: OutboxStatus.sent,
    }
    assert [len(fake.sent_messages(c)) for c in (1101, 1102, 1103, 1104)] == [0, 1, 1, 1]


async def test_sender_gives_up_after_max_attempts(app: App, fake: FakeTelegram) -> None:
    fake.fail_next(SendMessage, "timeout", times=100, chat_id=1201)
    await queue(app, 1201)
    app.sender.limiter = RateLimiter(1000, 0, 20)
    for _ in range(app.settings.outbox_max_attempts):
        await app.sender.drain()
        app.clock.advance(minutes=10)  # type: ignore[attr-defined]
    assert await statuses(app) == {1201: OutboxStatus.failed}


async def test_sender_picks_replies_before_bulk(app: App, fake: FakeTelegram) -> None:
    async with transaction(app.factory) as session:
        for i in range(3):
            await outbox.enqueue_text(
                session, app.clock, chat_id=1300 + i, text="bulk", priority=outbox.Priority.BULK
            )
        await outbox.enqueue_text(
            session, app.clock, chat_id=1399, text="urgent", priority=outbox.Priority.REPLY
        )
    app.sender.limiter = RateLimiter(1000, 0, 20)
    await app.sender.drain()
    assert fake.sent_messages()[0].chat.id == 1399


async def test_a_busy_chat_is_put_back_not_waited_for(app: App, fake: FakeTelegram) -> None:
    app.sender.limiter = RateLimiter(1000, chat_interval=60.0, group_per_minute=20)
    await queue(app, 1501, 1501, 1502)
    await app.sender.drain()
    # The second message to 1501 waits for its chat; 1502 did not wait behind it.
    assert [m.chat.id for m in fake.sent_messages()] == [1501, 1502]
    async with transaction(app.factory) as session:
        rows = list(
            await session.scalars(
                select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.pending)
            )
        )
    assert len(rows) == 1 and rows[0].next_at > app.clock.now()


async def test_rate_limiter_spaces_messages() -> None:
    now = [0.0]

    async def fake_sleep(seconds: float) -> None:
        now[0] += seconds

    import bot.delivery.local_limits as limits_module

    limiter = RateLimiter(
        per_second=10, chat_interval=1.0, group_per_minute=20, monotonic=lambda: now[0]
    )
    original = limits_module.asyncio.sleep
    limits_module.asyncio.sleep = fake_sleep  # type: ignore[assignment]
    try:
        for chat in (1, 2, 3):
            await limiter.acquire(chat)
        assert now[0] == pytest.approx(0.2)  # 10/s overall
        await limiter.acquire(1)
        assert now[0] == pytest.approx(1.0)  # 1/s in one chat
        limiter.pause(5)
        await limiter.acquire(4)
        assert now[0] == pytest.approx(6.0)  # a 429 holds everything
    finally:
        limits_module.asyncio.sleep = original  # type: ignore[assignment]


# --- due work ------------------------------------------------------------------------------


async def test_pending_registration_reminds_coordinators_once_after_a_day(
    world: World, app: App
) -> None:
    school = await world.org_id("СОШ № 1 г. Кедрового")
    await world.add_person(
        1401, name="Координатор Школы", coordinator_of=(ScopeLevel.organization, school)
    )
    async with world.db() as session:
        kedrovy = await muni_id(session, "Город Кедровый")
    # Levels above the school are not told: the school's own coordinator decides.
    await world.add_person(
        1403, name="Координатор Города", coordinator_of=(ScopeLevel.municipality, kedrovy)
    )
    await register_newcomer(world.user(1402), "Новенькая Учительница", "СОШ № 1 г. Кедрового")
    await world.drain()
    assert any("Новая заявка" in (m.text or "") for m in world.fake.sent_messages(1401))
    tick = dict(
        factory=app.factory, clock=app.clock, settings=app.settings, translator=app.translator
    )
    assert await run_due(**tick) == 0
    app.clock.advance(days=1, minutes=1)  # type: ignore[attr-defined]
    assert await run_due(**tick) == 1
    assert await run_due(**tick) == 0  # done once, not again
    await world.drain()
    reminders = [
        m
        for m in world.fake.sent_messages(1401)
        if "ждёт подтверждения уже сутки" in (m.text or "")
    ]
    assert len(reminders) == 1
    assert world.fake.sent_messages(1403) == []
    await world.user(1401).click("Открыть заявки", message=reminders[0])
    assert "Новенькая Учительница" in " ".join(world.user(1401).buttons())


async def register_newcomer(newcomer: TelegramUser, name: str, school: str) -> None:
    """A teacher registers as a mentee of a school chosen from the directory (pending)."""
    await newcomer.send("/start")
    await newcomer.click("Согласен")
    await newcomer.send(name)
    await newcomer.click("Педагог")
    await newcomer.click("Город Кедровый")
    await newcomer.click(school)
    await newcomer.click("Наставляемый")
    await newcomer.click("Готово")
    await newcomer.send("1")
    await newcomer.click("Готово")
    await newcomer.click("Подтвердить")


async def test_a_school_without_a_coordinator_sends_registrations_to_the_municipality(
    world: World,
) -> None:
    async with world.db() as session:
        kedrovy = await muni_id(session, "Город Кедровый")
    await world.add_person(
        1404, name="Координатор Города", coordinator_of=(ScopeLevel.municipality, kedrovy)
    )
    await register_newcomer(world.user(1405), "Ещё Одна Учительница", "СОШ № 1 г. Кедрового")
    await world.drain()
    told = [m.text or "" for m in world.fake.sent_messages(1404)]
    assert any("Новая заявка" in text and "Ещё Одна Учительница" in text for text in told)


async def test_failing_due_task_is_retried_then_given_up(app: App) -> None:
    async with transaction(app.factory) as session:
        session.add(
            DueTask(
                kind="no-such-kind", payload={}, due_at=app.clock.now(), created_at=app.clock.now()
            )
        )
    tick = dict(
        factory=app.factory, clock=app.clock, settings=app.settings, translator=app.translator
    )
    for _ in range(6):
        await run_due(**tick)
        app.clock.advance(hours=2)  # type: ignore[attr-defined]
    async with transaction(app.factory) as session:
        task = await session.scalar(select(DueTask))
    assert task.status == DueTaskStatus.failed and "no-such-kind" in task.last_error


async def test_scheduler_is_configured_to_run_late_ticks(app: App) -> None:
    from scheduler.setup import TICK_JOB_ID, create_scheduler

    scheduler = create_scheduler(app.factory, app.clock, app.settings, app.translator)
    scheduler.start(paused=True)
    try:
        job = scheduler.get_job(TICK_JOB_ID)
        assert job is not None
        assert job.misfire_grace_time is None and job.coalesce is True and job.max_instances == 1
    finally:
        scheduler.shutdown(wait=False)


# --- FSM storage on every backend -----------------------------------------------------------


async def _storage_roundtrip(storage) -> None:  # type: ignore[no-untyped-def]
    key = StorageKey(bot_id=1, chat_id=42, user_id=42)
    assert await storage.get_state(key) is None and await storage.get_data(key) == {}
    await storage.set_state(key, "RegistrationSG:full_name")
    await storage.set_data(key, {"full_name": "Иванова", "history": ["a"]})
    assert await storage.get_state(key) == "RegistrationSG:full_name"
    assert await storage.get_data(key) == {"full_name": "Иванова", "history": ["a"]}
    await storage.update_data(key, {"x": 1})
    assert (await storage.get_data(key))["x"] == 1
    await storage.set_state(key, None)
    await storage.set_data(key, {})
    assert await storage.get_state(key) is None and await storage.get_data(key) == {}


async def test_sql_storage_on_both_databases(database_url: str) -> None:
    engine = create_engine(base_settings(database_url=database_url))
    try:
        storage = SqlStorage(create_session_factory(engine))
        await _storage_roundtrip(storage)
        with pytest.raises(TypeError):  # only what survives a restart may be stored
            await storage.set_data(StorageKey(bot_id=1, chat_id=1, user_id=1), {"when": object()})
    finally:
        await engine.dispose()


@pytest.mark.scale
async def test_redis_storage(redis_url: str) -> None:
    from aiogram.fsm.storage.redis import RedisStorage
    from redis.asyncio import Redis

    storage = RedisStorage(
        Redis.from_url(redis_url),
        key_builder=DefaultKeyBuilder(with_bot_id=True, with_destiny=True),
    )
    try:
        await _storage_roundtrip(storage)
    finally:
        await storage.close()


def test_due_lease_is_shorter_than_a_day() -> None:
    from bot.services.due import LEASE

    assert LEASE < timedelta(days=1)


async def test_the_flood_warning_is_in_the_language_the_person_chose(
    sqlite_url: str, clock: FakeClock
) -> None:
    from tests.conftest import make_app

    app = await make_app(base_settings(database_url=sqlite_url, throttle_rate=2), clock)
    try:
        world = World(app, app.bot.session)  # type: ignore[arg-type]
        async with transaction(app.factory) as session:
            await directory.load_directory(
                session, directory.read_directory_file(DIRECTORY_EXAMPLE)
            )
        await world.add_person(1004, name="English Speaker", language="en")
        user = world.user(1004)  # Telegram says Russian; they chose English in the bot
        for _ in range(3):
            await user.send("/help")
        texts = [m.text or "" for m in world.fake.sent_messages(1004)]
        assert sum("What I can do" in t for t in texts) == 2
        assert any("Too many actions" in t for t in texts)
    finally:
        await app.close()


async def test_a_tick_cancelled_by_a_stop_puts_back_what_it_claimed(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scheduler's shutdown cancels a running tick: its tasks are due again at once for
    the next process, not after their lease."""
    import asyncio

    from scheduler import tick

    started = asyncio.Event()

    async def slow(ctx, payload):  # type: ignore[no-untyped-def]
        started.set()
        await asyncio.Event().wait()  # still working when the stop comes

    monkeypatch.setattr(tick, "handler_for", lambda kind: slow)
    async with transaction(app.factory) as session:
        for n in range(3):
            session.add(
                DueTask(
                    kind=f"k{n}", payload={}, due_at=app.clock.now(), created_at=app.clock.now()
                )
            )
    running = asyncio.create_task(
        run_due(
            factory=app.factory, clock=app.clock, settings=app.settings, translator=app.translator
        )
    )
    await started.wait()
    running.cancel()
    with pytest.raises(asyncio.CancelledError):
        await running
    async with transaction(app.factory) as session:
        tasks = list(await session.scalars(select(DueTask)))
    assert [(t.status, t.attempts, t.locked_until) for t in tasks] == [
        (DueTaskStatus.pending, 0, None)
    ] * 3
