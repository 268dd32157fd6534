"""The roadmap dialogs' own rules: Back and Cancel, text where a button is asked, forged
items, presses of a finished dialog, a restart in the middle of an import, and a reminder's
button opening the deadline's dialog."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.app import App
from bot.callbacks import pack
from bot.clock import FakeClock
from bot.services.roadmaps import store
from bot.services.roadmaps.presses import DONE, RoadmapPress
from bot.services.roadmaps.table_import import import_roadmap
from models.enums import OccurrenceStatus
from models.roadmap import Roadmap, RoadmapOccurrence, RoadmapParty
from tests.conftest import base_settings, make_app
from tests.roadmap_support import (
    MUNI_COORD,
    REGION_COORD,
    ROWS,
    SCHOOL_COORD,
    actor,
    make_csv,
    people,
)
from tests.support import World, conversation_of


async def roadmaps(world: World) -> int:
    async with world.db() as session:
        return int(await session.scalar(select(func.count()).select_from(Roadmap)) or 0)


async def test_back_walks_the_import_and_the_lists(world: World) -> None:
    await people(world)
    coord = world.user(REGION_COORD)
    await coord.send("/roadmap")
    await coord.click("Из шаблона")
    await coord.click("Томская область — региональная")
    assert "2026" in coord.buttons()
    await coord.click("Назад")
    assert "Томская область — региональная" in coord.buttons()
    assert await conversation_of(world, REGION_COORD) == "RoadmapImport:template"
    await coord.click("Отмена")
    assert "отменено" in coord.last_text.lower()
    await coord.send("/roadmap")
    await coord.click("Уровни ниже")
    assert await conversation_of(world, REGION_COORD) == "RoadmapHome:below"
    await coord.click("Назад")
    assert "📥 Загрузить таблицу" in coord.buttons()


async def test_text_at_a_button_step_gets_a_hint_and_the_step_again(world: World) -> None:
    await people(world)
    coord = world.user(REGION_COORD)
    await coord.send("/roadmap")
    await coord.click("Из шаблона")
    await coord.click("Томская область — региональная")
    answer = await coord.send("2027")
    assert answer[0].text == world.app.translator.get("ru", "fallback-step")
    assert coord.buttons()[:2] == ["2026", "2027"]  # the step again, below the hint
    assert await roadmaps(world) == 0


async def test_forged_items_and_a_finished_dialogs_buttons(world: World) -> None:
    found = await people(world)
    parsed = import_roadmap(make_csv(), "карта.csv")
    async with world.db() as session:
        await store.create_roadmap(
            session,
            world.app.clock,
            await actor(world, MUNI_COORD),
            "municipality",
            found.kedrovy,
            parsed,
        )
    coord = world.user(SCHOOL_COORD)
    await coord.send("/roadmap")
    await coord.click("Все мои сроки")
    first = coord.data_of(0)
    item = first.rpartition(":")[0]
    await coord.press_data(f"{item}:{10**8}")  # a deadline that is not there
    assert "Не найдено" in coord.last_callback_answer
    for junk in ("x", str(2**64), "-1"):
        await coord.press_data(f"{item}:{junk}")
        assert "устарела" in coord.last_callback_answer, junk
    await coord.click(0)
    assert "Статус: запланировано" in coord.last_text
    done = coord.data_of("Выполнено")
    await coord.click("Выполнено")
    await coord.send("/cancel")  # the dialog ends: its buttons are stale
    await coord.press_data(done)
    assert "устарела" in coord.last_callback_answer
    await coord.press_data(first)
    assert "устарела" in coord.last_callback_answer


async def test_an_import_survives_a_restart(world: World, app: App, clock: FakeClock) -> None:
    await people(world)
    coord = world.user(MUNI_COORD)
    await coord.send("/roadmap")
    await coord.click("Загрузить таблицу")
    await coord.send_document("карта.csv", make_csv(ROWS), "text/csv")
    assert "Проверьте перед сохранением" in coord.last_text
    await app.close()  # a new process on the same database: the preview's confirm still works
    restarted = await make_app(
        base_settings(database_url=app.settings.database_url), clock, world.fake
    )
    try:
        again = World(restarted, world.fake)
        coord = again.user(MUNI_COORD)
        await coord.click("Сохранить дорожную карту")
        assert "Дорожная карта сохранена" in coord.last_text
        assert await roadmaps(again) == 1
    finally:
        await restarted.close()


async def test_a_reminders_done_opens_the_step_and_its_back_the_card(world: World) -> None:
    found = await people(world)
    parsed = import_roadmap(make_csv(), "карта.csv")
    async with world.db() as session:
        await store.create_roadmap(
            session,
            world.app.clock,
            await actor(world, MUNI_COORD),
            "municipality",
            found.kedrovy,
            parsed,
        )
        occurrence_id = await session.scalar(
            select(RoadmapOccurrence.id)
            .join(RoadmapParty, RoadmapParty.id == RoadmapOccurrence.party_id)
            .where(RoadmapParty.level == "organization", RoadmapParty.scope_id == found.school)
            .limit(1)
        )
    school = world.user(SCHOOL_COORD)
    await school.send("/help")  # a reminder's button is pressed on a message in the chat
    await school.press_data(pack(RoadmapPress(DONE, occurrence_id)))
    assert "Пришлите подтверждение" in school.last_text
    await school.click("Назад")
    assert "Статус: запланировано" in school.last_text
    await school.click("Не требуется")
    await school.click("Отмена")
    assert "отменено" in school.last_text.lower()
    async with world.db() as session:
        occurrence = await session.get(RoadmapOccurrence, occurrence_id)
    assert occurrence is not None and occurrence.status == OccurrenceStatus.planned
