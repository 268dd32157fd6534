"""Helpers of the roadmap tests (no tests here): the Tomsk world with coordinators at every
level, actors, and tables made in memory."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from bot.app import App
from bot.services.access import Actor, actor_for
from models import Region
from models.enums import ScopeLevel
from scheduler.tick import run_due
from tests.support import World, muni_id

REGION_COORD = 7001
MUNI_COORD = 7002  # Город Кедровый
SCHOOL_COORD = 7003  # СОШ № 1 г. Кедрового
OTHER_SCHOOL_COORD = 7004  # Зональненская СОШ (Томский район)
TEACHER = 7005

HEADERS = ("№", "Мероприятие", "Результат", "Срок", "Ответственные")
TITLE = "Дорожная карта реализации программы наставничества на 2026-2028 гг."


@dataclass(frozen=True)
class Ids:
    region: int
    kedrovy: int
    district: int
    school: int
    pudino: int
    ddt: int
    zonalnoe: int


async def ids(world: World) -> Ids:
    async with world.db() as session:
        region = await session.scalar(select(Region.id).where(Region.code == "tomsk"))
        kedrovy = await muni_id(session, "Город Кедровый")
        district = await muni_id(session, "Томский район")
    assert region is not None
    return Ids(
        region,
        kedrovy,
        district,
        await world.org_id("СОШ № 1 г. Кедрового"),
        await world.org_id("Пудинская СОШ"),
        await world.org_id("ДДТ г. Кедрового"),
        await world.org_id("Зональненская СОШ"),
    )


async def people(world: World) -> Ids:
    """Coordinators of the region, of Kedrovy, of two schools; and a plain teacher."""
    found = await ids(world)
    await world.add_person(
        REGION_COORD,
        name="Региональный Координатор",
        org="РЦРО",
        coordinator_of=(ScopeLevel.region, found.region),
    )
    await world.add_person(
        MUNI_COORD,
        name="Муниципальный Координатор",
        org="Отдел образования г. Кедровый",
        coordinator_of=(ScopeLevel.municipality, found.kedrovy),
    )
    await world.add_person(
        SCHOOL_COORD,
        name="Школьный Координатор",
        coordinator_of=(ScopeLevel.organization, found.school),
    )
    await world.add_person(
        OTHER_SCHOOL_COORD,
        name="Чужой Координатор",
        org="Зональненская СОШ",
        coordinator_of=(ScopeLevel.organization, found.zonalnoe),
    )
    await world.add_person(TEACHER, name="Простой Учитель")
    return found


async def actor(world: World, tg_id: int) -> Actor:
    person = await world.person(tg_id)
    return actor_for(tg_id, person, world.app.settings.admin_ids)


def tick_args(app: App) -> dict[str, Any]:
    return dict(
        factory=app.factory, clock=app.clock, settings=app.settings, translator=app.translator
    )


async def tick(app: App) -> int:
    return await run_due(**tick_args(app))


def texts_to(world: World, tg_id: int) -> list[str]:
    return [m.text or m.caption or "" for m in world.fake.sent_messages(tg_id)]


# ---------------------------------------------------------------------------------------
# Tables


ROWS: list[list[str]] = [
    ["ПОДГОТОВИТЕЛЬНЫЙ ЭТАП", "", "", "", ""],
    ["1", "Назначение ответственного лица", "Приказ", "Февраль 2027 г.", "ОО, ДО"],
    ["2", "Утверждение дорожной карты ОО", "Приказ", "Май 2027 г., далее – ежегодно", "ОО"],
    ["3", "Мониторинг", "Отчёт", "После утверждения региональных критериев", "МОУО"],
    ["4", "Встреча", "Протокол", "Когда получится", "Совет ветеранов"],
    ["ОСНОВНОЙ ЭТАП", "", "", "", ""],
    ["5", "Наполнение раздела сайта", "Раздел сайта", "Постоянно", "Образовательные организации"],
]


def make_csv(rows: list[list[str]] = ROWS, *, title: str | None = TITLE) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    if title:
        writer.writerow([title])
    writer.writerow(HEADERS)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def make_xlsx(rows: list[list[str]] = ROWS, *, title: str | None = TITLE) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    if title:
        sheet.append([title])
    sheet.append(list(HEADERS))
    for row in rows:
        sheet.append([value or None for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def make_docx(rows: list[list[str]] = ROWS, *, title: str | None = TITLE) -> bytes:
    import docx

    document = docx.Document()
    if title:
        document.add_paragraph(title)
    table = document.add_table(rows=len(rows) + 1, cols=len(HEADERS))
    for c, header in enumerate(HEADERS):
        table.cell(0, c).text = header
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_yaml() -> bytes:
    return """
title: Дорожная карта школы
period: {start: 2026-09-01, end: 2027-08-31}
stages:
  - title: Основной этап
    items:
      - number: "1"
        activity: Утверждение программы наставничества школы
        result: Приказ
        deadlines:
          - {phrase: "Декабрь 2026 г.", responsible: "Образовательная организация"}
      - number: "2"
        activity: Отчёт о наставничестве
        deadlines:
          - {phrase: "Ежеквартально", responsible: "ОО"}
""".encode()


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


async def create(
    world: World, tg_id: int, level: str, scope_id: int, data: bytes, name: str, **options: Any
) -> Any:
    """Import a file through the store service, as the given coordinator."""
    from bot.services.roadmaps import store
    from bot.services.roadmaps.table_import import import_roadmap

    parsed = import_roadmap(data, name)
    async with world.db() as session:
        return await store.create_roadmap(
            session, world.app.clock, await actor(world, tg_id), level, scope_id, parsed, **options
        )
