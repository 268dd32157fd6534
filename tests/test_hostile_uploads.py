"""Hostile files sent to the roadmap import through the dispatcher: each gets a polite
answer naming the limit, nothing is saved, and other people are answered meanwhile."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.uploads import ParseLimits, ParseOutOfMemory, UploadParser
from models.roadmap import Roadmap
from tests import hostile_files
from tests.roadmap_support import DOCX, MUNI_COORD, TEACHER, XLSX, people
from tests.slow_network import GatedUploads
from tests.support import World

YAML = "application/x-yaml"

HOSTILE: list[tuple[str, Callable[[], bytes], str, str]] = [
    ("вложенность.yaml", hostile_files.nested_yaml, YAML, "можно до 30 уровней"),
    ("бомба.yaml", hostile_files.alias_bomb, YAML, "ссылки (&якорь и *ссылка)"),
    ("далёкая ячейка.xlsx", hostile_files.far_cell_xlsx, XLSX, "2000 × 1000"),
    ("объединения.xlsx", lambda: hostile_files.many_merges_xlsx(5001), XLSX, "до 5000"),
    ("строки.xlsx", lambda: hostile_files.lying_dimension_xlsx(5000), XLSX, "до 5000 строк"),
    ("бомба.xlsx", lambda: hostile_files.zip_bomb("xlsx"), XLSX, "можно до 40 МБ"),
    ("бомба.docx", lambda: hostile_files.zip_bomb("docx"), DOCX, "можно до 40 МБ"),
    ("широкая.docx", hostile_files.wide_docx, DOCX, "до 5000 строк и 100 столбцов"),
    ("таблицы.docx", hostile_files.many_tables_docx, DOCX, "можно до 50"),
]


async def start_import(world: World, button: str = "Загрузить таблицу") -> Any:
    user = world.user(MUNI_COORD)
    await user.send("/roadmap")
    await user.click(button)
    return user


async def roadmaps(world: World) -> int:
    async with world.db() as session:
        return int(await session.scalar(select(func.count()).select_from(Roadmap)) or 0)


@pytest.mark.parametrize(
    ("name", "make", "mime", "limit"), HOSTILE, ids=[case[0] for case in HOSTILE]
)
async def test_a_hostile_file_gets_a_polite_answer_naming_the_limit(
    world: World, name: str, make: Callable[[], bytes], mime: str, limit: str
) -> None:
    await people(world)
    coordinator = await start_import(world)
    await coordinator.send_document(name, make(), mime)
    text = coordinator.last_text or ""
    assert text.startswith("❌") and limit in text, text
    assert "Ничего не сохранено" in text
    assert await roadmaps(world) == 0


async def test_the_answer_is_in_the_persons_language(world: World) -> None:
    await people(world)
    async with world.db() as session:
        person = await world.person(MUNI_COORD)
        assert person is not None
        person = await session.merge(person)
        person.language = "en"
    coordinator = await start_import(world, "Upload a table")
    await coordinator.send_document("bomb.yaml", hostile_files.alias_bomb(), YAML)
    assert "references (&anchor and *alias)" in (coordinator.last_text or "")
    assert "Nothing was saved" in (coordinator.last_text or "")


async def test_a_parse_past_its_time_is_stopped_with_a_message(world: World) -> None:
    await people(world)
    world.app.dispatcher["uploads"] = slow = UploadParser(ParseLimits(seconds=0.05))
    try:
        coordinator = await start_import(world)
        # Under every bound, but thousands of rows take longer than 0.05 s to read.
        await coordinator.send_document(
            "карта.xlsx", hostile_files.lying_dimension_xlsx(4900), XLSX
        )
    finally:
        await slow.close()
    text = coordinator.last_text or ""
    assert "читался дольше 0.05 с" in text and "Ничего не сохранено" in text


async def test_a_parse_out_of_memory_is_stopped_with_a_message(world: World) -> None:
    class OutOfMemory(UploadParser):
        async def parse(self, function: Any, *args: Any, **kwargs: Any) -> Any:
            raise ParseOutOfMemory

    await people(world)
    world.app.dispatcher["uploads"] = OutOfMemory(ParseLimits(memory_mb=768))
    coordinator = await start_import(world)
    await coordinator.send_document("карта.xlsx", hostile_files.far_cell_xlsx(10, 3), XLSX)
    assert "больше 768 МБ памяти" in (coordinator.last_text or "")


async def test_others_are_answered_while_a_file_is_being_parsed(world: World) -> None:
    await people(world)
    gated = GatedUploads(world.app.uploads)
    world.app.dispatcher["uploads"] = gated
    coordinator = await start_import(world)
    upload = asyncio.ensure_future(
        coordinator.send_document("карта.xlsx", hostile_files.far_cell_xlsx(), XLSX)
    )
    await gated.gate.reached.wait()
    teacher = world.user(TEACHER)
    newcomers = [world.user(20_000 + n) for n in range(10)]
    await asyncio.gather(teacher.send("/help"), *(n.send("/start") for n in newcomers))
    assert "/profile" in (teacher.last_text or "")
    assert all("Согласие" in (n.last_text or "") for n in newcomers)
    assert not upload.done()
    gated.gate.open()
    await upload
    assert "2000 × 1000" in (coordinator.last_text or "")
