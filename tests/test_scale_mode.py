"""Scale mode: PostgreSQL for data, Redis for conversation state and locks, several processes."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.clock import FakeClock
from bot.db import transaction
from bot.fakes.telegram import FakeTelegram
from bot.services import directory
from data import DIRECTORY_EXAMPLE
from models import Participant
from models.enums import ParticipantStatus
from tests.conftest import base_settings, make_app
from tests.support import World

pytestmark = pytest.mark.scale


async def test_registration_survives_a_restart_on_postgres_and_redis(
    pg_database: str, redis_url: str, clock: FakeClock
) -> None:
    import asyncio

    from tests.conftest import _truncate_pg, run_blocking

    run_blocking(asyncio.run, _truncate_pg(pg_database))
    settings = base_settings(database_url=pg_database, redis_url=redis_url)
    fake = FakeTelegram()
    first = await make_app(settings, clock, fake)
    async with transaction(first.factory) as session:
        await directory.load_directory(session, directory.read_directory_file(DIRECTORY_EXAMPLE))
    teacher = World(first, fake).user(3001)
    await teacher.send("/start")
    await teacher.click("Согласен")
    await teacher.send("Редисова Полина")
    await teacher.click("Педагог")
    await first.close()

    second = await make_app(settings, clock, fake)  # another process, same Redis and PostgreSQL
    try:
        again = World(second, fake).user(3001)
        again.history = teacher.history
        await again.click("Томский район")
        await again.click("Зональненская СОШ")
        await again.click("Наставник")
        await again.click("Готово")
        await again.send("12")
        await again.click("Методика преподавания")
        await again.click("Готово")
        await again.click("2")
        await again.click("Нет")
        await again.click("Очно")
        await again.click("Готово")
        await again.click("Подтвердить")
        async with transaction(second.factory) as session:
            person = await session.scalar(select(Participant).where(Participant.tg_id == 3001))
        assert (
            person is not None
            and person.formats == ["offline"]
            and person.status == ParticipantStatus.pending
        )
    finally:
        await second.close()


async def test_two_senders_on_postgres_never_send_twice(pg_database: str, clock: FakeClock) -> None:
    import asyncio

    from bot.delivery.local_limits import RateLimiter
    from bot.services import outbox
    from tests.conftest import _truncate_pg, run_blocking

    run_blocking(asyncio.run, _truncate_pg(pg_database))
    fake = FakeTelegram()
    settings = base_settings(database_url=pg_database, outbox_batch_size=7)
    one, two = await make_app(settings, clock, fake), await make_app(settings, clock, fake)
    try:
        async with transaction(one.factory) as session:
            for chat in range(4000, 4100):
                await outbox.enqueue_text(session, clock, chat_id=chat, text="объявление")
        for app in (one, two):
            app.sender.limiter = RateLimiter(100_000, 0, 20)
        await asyncio.gather(one.sender.drain(), two.sender.drain())
        chats = [m.chat.id for m in fake.sent_messages()]
        assert sorted(chats) == list(range(4000, 4100))  # each exactly once
        assert one.sender.stats.sent > 0 and two.sender.stats.sent > 0
    finally:
        await one.close()
        await two.close()


async def test_a_double_tap_split_across_two_processes_registers_once(
    pg_database: str, redis_url: str, clock: FakeClock
) -> None:
    """Two worker processes behind one webhook get the two taps of one person at once: the
    lock in Redis runs them one after another, so the second finds the conversation over."""
    import asyncio

    from sqlalchemy import func

    from tests.conftest import _truncate_pg, run_blocking

    run_blocking(asyncio.run, _truncate_pg(pg_database))
    settings = base_settings(database_url=pg_database, redis_url=redis_url)
    fake = FakeTelegram()
    one = await make_app(settings, clock, fake)
    two = await make_app(settings, clock, fake)
    try:
        async with transaction(one.factory) as session:
            await directory.load_directory(
                session, directory.read_directory_file(DIRECTORY_EXAMPLE)
            )
        teacher = World(one, fake).user(3002)
        await teacher.send("/start")
        await teacher.click("Согласен")
        await teacher.send("Двойная Нажимова")
        await teacher.click("Педагог")
        await teacher.click("Город Кедровый")
        await teacher.click("СОШ № 1 г. Кедрового")
        await teacher.click("Наставляемый")
        await teacher.click("Готово")
        await teacher.send("1")
        await teacher.click("Готово")
        summary = teacher.last_message
        confirm = teacher.data_of("Подтвердить", summary)
        other = World(two, fake).user(3002)
        other.history = teacher.history
        await asyncio.gather(
            teacher.press_data(confirm, message=summary),
            other.press_data(confirm, message=summary),
        )
        async with transaction(one.factory) as session:
            count = await session.scalar(
                select(func.count()).select_from(Participant).where(Participant.tg_id == 3002)
            )
        assert count == 1
        answers = [c.text or "" for c in fake.calls if type(c).__name__ == "AnswerCallbackQuery"]
        assert sum("устарела" in a for a in answers[-2:]) == 1
        assert not any("пошло не так" in a for a in answers)
    finally:
        await one.close()
        await two.close()


async def test_a_dialog_on_redis_keeps_its_step_on_an_error_and_across_a_restart(
    pg_database: str, redis_url: str, clock: FakeClock
) -> None:
    import asyncio

    from tests.conftest import _truncate_pg, run_blocking
    from tests.flash_helpers import add_teacher

    run_blocking(asyncio.run, _truncate_pg(pg_database))
    settings = base_settings(database_url=pg_database, redis_url=redis_url)
    fake = FakeTelegram()
    first = await make_app(settings, clock, fake)
    async with transaction(first.factory) as session:
        await directory.load_directory(session, directory.read_directory_file(DIRECTORY_EXAMPLE))
    world = World(first, fake)
    await add_teacher(world, 3101)
    teacher = world.user(3101)
    await teacher.send("/flash")
    topic = teacher.data_of("Цифровые инструменты")
    await teacher.press_data(topic.rsplit(":", 1)[0] + ":subject.bogus")  # a rule error
    assert "Такой темы нет" in (teacher.last_callback_answer or "")
    await teacher.click("Цифровые инструменты")  # still the topic step: nothing moved
    await teacher.send("помогите")  # too short: the step stays
    assert "хотя бы 10 символов" in (teacher.last_text or "")
    await first.close()

    second = await make_app(settings, clock, fake)  # another process, the same Redis
    try:
        again = World(second, fake).user(3101)
        await again.send("Как вести электронный журнал в начальной школе")
        assert "Как удобнее встретиться?" in (again.last_text or "")
    finally:
        await second.close()
