"""The embedded default under a rush: many people registering at once on the SQLite file."""

from __future__ import annotations

import asyncio
import logging

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from bot.app import App
from bot.db import transaction
from bot.fakes.client import TelegramUser
from models import FsmRecord, OutboxMessage, Participant
from models.enums import ScopeLevel
from tests.roadmap_support import MUNI_COORD, XLSX, make_xlsx, people
from tests.slow_network import GatedUploads, add_latency, hold_requests_to
from tests.support import ADMIN_ID, World

RUSH = 50
# Without a network's delay every request finishes at once, and nothing queues at SQLite's
# lock long enough to fail: 30 ms is a short round trip to Telegram.
NETWORK_SECONDS = 0.03


async def register(person: TelegramUser, n: int) -> None:
    await person.send("/start")
    await person.click("Согласен")
    await person.send(f"Смирнова Ольга Ивановна{'а' * (n % 5)}")
    await person.click("Педагог")
    await person.click("Город Томск")
    await person.click("Гимназия № 24")
    await person.click("Наставляемый")
    await person.click("Математика")
    await person.click("Готово")
    await person.send("2")
    await person.click("Цифровые инструменты")
    await person.click("Готово")
    await person.click("Подтвердить")
    assert "отправлена координатору" in (person.last_text or ""), person.last_text


@pytest.mark.parametrize("slow_update", [False, True], ids=["alone", "with a slow upload"])
async def test_a_rush_of_registrations(
    world: World, caplog: pytest.LogCaptureFixture, slow_update: bool
) -> None:
    await world.add_person(
        700,
        name="Координатор Школы",
        coordinator_of=(ScopeLevel.organization, await world.org_id("Гимназия № 24")),
        org="Гимназия № 24",
    )
    upload: asyncio.Future[object] | None = None
    if slow_update:
        # A coordinator's roadmap upload stays in flight, waiting for its parse, all along.
        await people(world)
        gated = GatedUploads(world.app.uploads)
        world.app.dispatcher["uploads"] = gated
        coordinator = world.user(MUNI_COORD)
        await coordinator.send("/roadmap")
        await coordinator.click("Загрузить таблицу")
        upload = asyncio.ensure_future(coordinator.send_document("карта.xlsx", make_xlsx(), XLSX))
        await gated.gate.reached.wait()
    add_latency(world.fake, NETWORK_SECONDS)
    people_ = [world.user(10_000 + n) for n in range(RUSH)]
    with caplog.at_level(logging.ERROR):
        results = await asyncio.gather(
            *(register(p, n) for n, p in enumerate(people_)), return_exceptions=True
        )
        failures = [r for r in results if isinstance(r, BaseException)]
        assert not failures, failures[:3]
        if upload is not None:
            assert not upload.done()  # the rush went through while it waited
            gated.gate.open()
            await upload
            assert "Проверьте перед сохранением" in (coordinator.last_text or "")
    async with world.db() as session:
        registered = select(func.count()).select_from(Participant)
        assert await session.scalar(registered.where(Participant.tg_id >= 10_000)) == RUSH
        reports = await session.scalar(
            select(func.count()).select_from(OutboxMessage).where(OutboxMessage.chat_id == ADMIN_ID)
        )
    assert reports == 0
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_writers_take_turns_and_readers_never_wait(app: App) -> None:
    """A transaction that read before another committed can still write (no
    SQLITE_BUSY_SNAPSHOT); a second writer waits for the first one's commit, a reader does
    not wait at all."""
    order: list[str] = []
    first_wrote = asyncio.Event()
    release_first = asyncio.Event()

    async def first() -> None:
        async with transaction(app.factory) as session:
            await session.scalar(select(func.count()).select_from(Participant))
            session.add(FsmRecord(key="first", state="s", data={}))
            await session.flush()
            first_wrote.set()
            await release_first.wait()
            order.append("first commits")

    async def second() -> None:
        async with transaction(app.factory) as session:
            session.add(FsmRecord(key="second", state="s", data={}))
            await session.flush()
            order.append("second wrote")

    running = asyncio.ensure_future(first())
    await first_wrote.wait()
    waiting = asyncio.ensure_future(second())
    async with transaction(app.factory) as session:  # a reader, while a writer holds its turn
        assert await session.get(FsmRecord, "first") is None  # not committed yet
    order.append("read")
    release_first.set()
    await asyncio.gather(running, waiting)
    assert order == ["read", "first commits", "second wrote"]
    async with transaction(app.factory) as session:
        # Read first, then someone else commits, then write: fine on our turn.
        await session.get(FsmRecord, "first")
        await _write_alone(app, "third")
        session.add(FsmRecord(key="fourth", state="s", data={}))
    async with transaction(app.factory) as session:
        keys = set(await session.scalars(select(FsmRecord.key)))
    assert keys == {"first", "second", "third", "fourth"}


async def _write_alone(app: App, key: str) -> None:
    async with transaction(app.factory) as session:
        session.add(FsmRecord(key=key, state="s", data={}))


async def test_a_second_writer_in_the_same_task_fails_instead_of_deadlocking(app: App) -> None:
    with pytest.raises(RuntimeError, match="already writes"):
        async with transaction(app.factory) as outer:
            outer.add(FsmRecord(key="outer", state="s", data={}))
            await outer.flush()
            async with transaction(app.factory) as inner:
                inner.add(FsmRecord(key="inner", state="s", data={}))
                await inner.flush()
    # Both rolled back, and the turn was given back: the next writer gets it.
    async with transaction(app.factory) as session:
        session.add(FsmRecord(key="after", state="s", data={}))
    async with transaction(app.factory) as session:
        assert list(await session.scalars(select(FsmRecord.key))) == ["after"]


async def test_a_failed_write_gives_the_turn_back(app: App) -> None:
    with pytest.raises(IntegrityError):
        async with transaction(app.factory) as session:
            session.add(Participant(tg_id=1))  # NOT NULL columns missing
            await session.flush()
    async with transaction(app.factory) as session:
        session.add(FsmRecord(key="after", state="s", data={}))
    async with transaction(app.factory) as session:
        assert await session.get(FsmRecord, "after") is not None


async def test_a_conversation_step_holds_no_write_turn_while_it_talks_to_telegram(
    world: World,
) -> None:
    """The step is written at commit: while the handler waits for Telegram, others write."""
    teacher = world.user(501)
    await teacher.send("/start")
    gate = hold_requests_to(world.fake, 501)
    pressing = asyncio.ensure_future(teacher.click("Согласен"))
    await gate.reached.wait()
    await asyncio.wait_for(_write_alone(world.app, "someone else"), timeout=30)
    gate.open()
    await pressing
    assert "фамилию, имя и отчество" in (teacher.last_text or "")
