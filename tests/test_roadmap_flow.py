"""Roadmaps through the dispatcher: /roadmap, importing a table or a template with a preview,
bad files, scope, stale and forged buttons, and dates set in the chat."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import func, select

from bot.callbacks import pack
from bot.services.roadmaps import reminders
from bot.services.roadmaps.presses import BELOW, RoadmapPress
from models.enums import RoadmapStatus, ScopeLevel
from models.roadmap import (
    Roadmap,
    RoadmapDeadline,
    RoadmapItem,
    RoadmapOccurrence,
    RoadmapParty,
)
from tests.roadmap_support import (
    DOCX,
    MUNI_COORD,
    OTHER_SCHOOL_COORD,
    REGION_COORD,
    ROWS,
    SCHOOL_COORD,
    TEACHER,
    XLSX,
    make_csv,
    make_docx,
    make_xlsx,
    make_yaml,
    people,
    texts_to,
    tick,
)
from tests.support import World


async def count(world: World, model: type) -> int:
    async with world.db() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def start_import(world: World, tg_id: int) -> object:
    user = world.user(tg_id)
    await user.send("/roadmap")
    await user.click("Загрузить таблицу")
    return user


def test_the_roadmap_router_and_scan_are_wired_into_the_bot() -> None:
    import scheduler.tick  # noqa: F401 - imports every job module, as the runner does
    from handlers import get_routers
    from scheduler.registry import handler_for

    names = [router.name for router in get_routers()]
    assert names.index("handlers.roadmaps") < names.index("handlers.fallback")
    assert handler_for(reminders.SCAN_KIND) is not None


async def test_roadmap_is_for_coordinators_only(world: World) -> None:
    await people(world)
    teacher = world.user(TEACHER)
    await teacher.send("/roadmap")
    assert "только координаторам" in teacher.last_text
    stranger = world.user(7999)
    await stranger.send("/roadmap")
    assert "только координаторам" in stranger.last_text
    # Buttons of the feature, pressed by someone with no scope, change nothing: a
    # coordinator's screen (another person's dialog) and a reminder's button.
    coordinator = world.user(MUNI_COORD)
    await coordinator.send("/roadmap")
    await teacher.press_data(coordinator.data_of("Загрузить таблицу"))
    assert "устарела" in teacher.last_callback_answer
    assert "Чья это" not in (teacher.last_text or "")
    await teacher.press_data(pack(RoadmapPress(BELOW)))
    assert "только координаторам" in teacher.last_callback_answer


async def test_csv_import_shows_a_preview_and_saves_only_on_confirm(world: World) -> None:
    await people(world)
    coord = await start_import(world, MUNI_COORD)
    assert "Ничего не сохранится" in coord.last_text
    await coord.send_document("карта.csv", make_csv(), "text/csv")
    preview = coord.last_text
    assert "Проверьте перед сохранением" in preview
    assert "Период: 01.01.2026 — 31.12.2028" in preview
    assert "мероприятий: 5" in preview
    # What could not be read is named with its row and cell.
    assert "строка 7, столбец «Срок»: «Когда получится» — фраза не распознана" in preview
    assert "строка 6, столбец «Срок»: «После утверждения региональных критериев»" in preview
    assert "строка 7: «Совет ветеранов»" in preview
    assert "организаций — 3" in preview  # СОШ № 1, Пудинская СОШ, ДДТ: the municipality's
    assert await count(world, Roadmap) == 0  # nothing until confirmed
    confirm = coord.data_of("Сохранить дорожную карту")
    await coord.click("Сохранить дорожную карту")
    assert coord.last_callback_answer == "Сохранено"
    assert "Дорожная карта сохранена" in coord.last_text
    async with world.db() as session:
        roadmap = (await session.scalars(select(Roadmap))).one()
        assert (roadmap.scope_level, roadmap.source) == ("municipality", "карта.csv")
        items = list(await session.scalars(select(RoadmapItem).order_by(RoadmapItem.position)))
        assert [i.number for i in items] == ["1", "2", "3", "4", "5"]
        assert [i.flagged for i in items] == [False, False, True, True, False]
        unknown = await session.scalar(select(RoadmapParty).where(RoadmapParty.level.is_(None)))
        assert unknown is not None and unknown.text == "Совет ветеранов"
    # A replayed confirm (the conversation is over) saves nothing twice.
    await coord.press_data(confirm)
    assert "устарела" in coord.last_callback_answer
    assert await count(world, Roadmap) == 1


async def test_xlsx_docx_and_yaml_import(world: World) -> None:
    await people(world)
    for name, content, mime in (
        ("карта.xlsx", make_xlsx(), XLSX),
        ("карта.docx", make_docx(), DOCX),
    ):
        coord = await start_import(world, MUNI_COORD)
        await coord.send_document(name, content, mime)
        assert "мероприятий: 5" in coord.last_text, name
        await coord.click("Сохранить дорожную карту")
        assert "Дорожная карта сохранена" in coord.last_text
    # The second import replaced the first (same owner, overlapping period).
    async with world.db() as session:
        statuses = list(await session.scalars(select(Roadmap.status).order_by(Roadmap.id)))
    assert statuses == [RoadmapStatus.archived, RoadmapStatus.active]
    school = await start_import(world, SCHOOL_COORD)
    await school.send_document("карта.yaml", make_yaml(), "application/x-yaml")
    assert "Период: 01.09.2026 — 31.08.2027" in school.last_text
    await school.click("Сохранить дорожную карту")
    async with world.db() as session:
        own = (
            await session.scalars(select(Roadmap).where(Roadmap.scope_level == "organization"))
        ).one()
        parties = list(
            await session.scalars(select(RoadmapParty).where(RoadmapParty.roadmap_id == own.id))
        )
    assert {(p.level, p.scope_id) for p in parties} == {("organization", own.scope_id)}


async def test_bad_files_name_the_row_and_cell_and_save_nothing(world: World) -> None:
    await people(world)
    coord = await start_import(world, MUNI_COORD)
    await coord.send_document("пусто.csv", b"", "text/csv")
    assert "Файл пустой" in coord.last_text and "Ничего не сохранено" in coord.last_text
    await coord.send_document("карта.xlsx", b"PK\x03\x04 not a workbook", XLSX)
    assert "повреждён" in coord.last_text
    await coord.send_document("карта.pdf", b"%PDF-1.4", "application/pdf")
    assert "формат не подходит" in coord.last_text
    no_header = "Список дел\nчто;когда\nпоесть;завтра\n".encode()
    await coord.send_document("карта.csv", no_header, "text/csv")
    assert "Не нашёл строку заголовков" in coord.last_text
    outside = [["1", "Назначение", "Приказ", "Май 2035 г.", "ОО"]]
    await coord.send_document("карта.csv", make_csv(outside), "text/csv")
    text = coord.last_text
    assert "«Май 2035 г.» выходит за период" in text
    assert "строка 3, столбец «Срок»" in text
    missing = [["1", "", "Приказ", "Май 2027 г.", "ОО"]]
    await coord.send_document("карта.csv", make_csv(missing), "text/csv")
    assert "не заполнено название" in coord.last_text
    assert "строка 3, столбец «Мероприятие»" in coord.last_text
    await coord.send_document("карта.csv", make_csv(title="Дорожная карта"), "text/csv")
    assert "Не понял период" in coord.last_text
    huge = b"x" * (5 * 1024 * 1024 + 1)
    await coord.send_document("карта.csv", huge, "text/csv")
    assert "слишком большой" in coord.last_text
    await coord.send("вот таблица")
    assert "Пришлите таблицу файлом" in coord.last_text
    assert await count(world, Roadmap) == 0
    # After all that the conversation still takes a good file; the caption names the period.
    await coord.send_document(
        "карта.csv", make_csv(title="Дорожная карта"), "text/csv", "2026-2027"
    )
    assert "Период: 01.01.2026 — 31.12.2027" in coord.last_text


async def test_the_size_limit_follows_the_setting(world: World) -> None:
    await people(world)
    world.app.settings.roadmap_import_max_mb = 0.002  # about 2 KB
    try:
        coord = await start_import(world, MUNI_COORD)
        assert "до 0.002 МБ" in coord.last_text
        rows = [[str(n), f"Мероприятие {n}", "Приказ", "Май 2027 г.", "ОО"] for n in range(60)]
        big = make_csv(rows)
        assert len(big) > 0.002 * 1024 * 1024
        await coord.send_document("карта.csv", big, "text/csv")
        assert "слишком большой: можно до 0.002 МБ" in coord.last_text
        assert "Ничего не сохранено" in coord.last_text
        await coord.send_document("карта.csv", make_csv(rows[:2]), "text/csv")
        assert "Проверьте перед сохранением" in coord.last_text
    finally:
        world.app.settings.roadmap_import_max_mb = 5.0
    assert await count(world, Roadmap) == 0


async def test_cancel_and_stale_buttons(world: World) -> None:
    await people(world)
    coord = await start_import(world, MUNI_COORD)
    await coord.send_document("карта.csv", make_csv(), "text/csv")
    confirm = coord.data_of("Сохранить дорожную карту")
    await coord.click("Отмена")
    assert "отменено" in coord.last_text.lower()
    # The confirm button of the preview, pressed from an old copy of the message.
    await coord.press_data(confirm)
    assert "устарела" in coord.last_callback_answer
    assert await count(world, Roadmap) == 0


async def test_owner_choice_is_checked_against_the_scope(world: World) -> None:
    found = await people(world)
    await world.add_person(
        7010,
        name="Двойной Координатор",
        org="Зональненская СОШ",
        coordinator_of=(ScopeLevel.organization, found.zonalnoe),
    )
    async with world.db() as session:
        from models import RoleGrant

        person = await world.person(7010)
        session.add(
            RoleGrant(
                participant_id=person.id,
                role="coordinator",
                scope_level="municipality",
                scope_id=found.district,
                created_at=world.now(),
            )
        )
    coord = world.user(7010)
    await coord.send("/roadmap")
    await coord.click("Загрузить таблицу")
    assert "Чья это дорожная карта" in coord.last_text
    assert set(coord.buttons()) >= {"Зональненская СОШ", "Томский район"}
    # Forged owners: a municipality outside the scope, and junk.
    owner = coord.data_of("Томский район").rpartition(":")[0]
    await coord.press_data(f"{owner}:m{found.kedrovy}")
    assert "за пределами вашей зоны" in coord.last_callback_answer
    await coord.press_data(f"{owner}:zz")
    assert "устарела" in coord.last_callback_answer
    await coord.click("Томский район")
    assert "для «Томский район»" in coord.last_text


async def test_template_for_the_current_period(world: World) -> None:
    found = await people(world)
    coord = world.user(REGION_COORD)
    await coord.send("/roadmap")
    await coord.click("Из шаблона")
    assert "Томская область — региональная" in coord.buttons()
    await coord.click("Томская область — региональная")
    assert coord.buttons()[:2] == ["2026", "2027"]
    year = coord.data_of("2026").rpartition(":")[0]
    await coord.press_data(f"{year}:2019")
    assert "устарела" in coord.last_callback_answer
    await coord.click("2027")
    preview = coord.last_text
    assert "Период: 01.01.2027 — 31.12.2031" in preview
    assert "Шаблон: tomsk-region-2020-2024" in preview
    await coord.click("Сохранить дорожную карту")
    async with world.db() as session:
        roadmap = (await session.scalars(select(Roadmap))).one()
        first_due = await session.scalar(select(func.min(RoadmapOccurrence.due_on)))
    assert (roadmap.scope_level, roadmap.scope_id) == ("region", found.region)
    assert roadmap.template == "tomsk-region-2020-2024"
    assert roadmap.period_start == date(2027, 1, 1) and first_due >= date(2027, 1, 1)


async def test_dates_set_in_the_chat(world: World) -> None:
    await people(world)
    coord = await start_import(world, MUNI_COORD)
    await coord.send_document("карта.csv", make_csv(ROWS), "text/csv")
    await coord.click("Сохранить дорожную карту")
    await coord.click("К дорожным картам")
    await coord.click("Указать сроки")
    assert "Мероприятия без сроков: 2" in coord.last_text
    assert "Строка 6, «Срок»: «После утверждения региональных критериев»" in coord.last_text
    pick = coord.data_of("№ 3, строка 6")
    await coord.click("№ 3, строка 6")
    assert "Пришлите срок" in coord.last_text
    await coord.send("когда-нибудь потом")
    assert "Не понял дату" in coord.last_text
    await coord.send("Май 2035")
    assert "вне периода" in coord.last_text
    await coord.send("Сентябрь 2027")
    assert "Срок установлен: 30.09.2027" in coord.last_text
    async with world.db() as session:
        deadline = await session.scalar(
            select(RoadmapDeadline).where(RoadmapDeadline.phrase.like("После%"))
        )
        item = await session.get(RoadmapItem, deadline.item_id)
        dated = await session.scalar(
            select(func.count(RoadmapOccurrence.id))
            .join(RoadmapParty, RoadmapParty.id == RoadmapOccurrence.party_id)
            .where(RoadmapParty.deadline_id == deadline.id)
        )
    assert (deadline.kind, deadline.needs_dates, item.flagged) == ("dates", False, False)
    assert dated == 1  # МОУО: the municipality itself
    # A replayed "set date" on the dated deadline, a forged one, another coordinator's press.
    await coord.click("Остальные без сроков")
    assert "Мероприятия без сроков: 1" in coord.last_text
    await coord.press_data(pick)
    assert "уже с датой" in coord.last_callback_answer
    await coord.press_data(pick.rpartition(":")[0] + f":{10**8}")
    assert "недоступно" in coord.last_callback_answer
    async with world.db() as session:
        undated = await session.scalar(
            select(RoadmapDeadline.id).where(RoadmapDeadline.needs_dates.is_(True))
        )
    other = world.user(OTHER_SCHOOL_COORD)
    await other.send("/roadmap")
    await other.press_data(pick.rpartition(":")[0] + f":{undated}")
    assert "устарела" in other.last_callback_answer
    async with world.db() as session:
        still = await session.get(RoadmapDeadline, undated)
    assert still is not None and still.needs_dates


async def test_school_years_and_months_without_a_year_in_a_table(world: World) -> None:
    """School-year phrases and yearless months become dates inside the roadmap's period; a
    school year that is not two years in a row is named with its row and cell, and its date
    can be set in the chat with a school-year phrase too."""
    await people(world)
    coord = await start_import(world, MUNI_COORD)
    rows = [
        ["1", "Отчёт", "Отчёт", "в течение 2026-2027 учебного года", "ОО"],
        ["2", "Приказ", "Приказ", "К началу учебного года", "ОО"],
        ["3", "Мониторинг", "Справка", "май, сентябрь", "МОУО"],
        ["4", "Встреча", "Протокол", "в течение 2027-2029 учебного года", "МОУО"],
    ]
    await coord.send_document("карта.csv", make_csv(rows), "text/csv")
    preview = coord.last_text
    # 30.06.2027; 1 September of 2026-2028; May and September of 2026-2028.
    assert "Конкретных дат: 10 (с 31.05.2026 по 30.09.2028)" in preview
    assert (
        "строка 6, столбец «Срок»: «в течение 2027-2029 учебного года» — "
        "учебный год — это два года подряд: «2027-2029»"
    ) in preview
    await coord.click("Сохранить дорожную карту")
    async with world.db() as session:
        found = {
            d.phrase: (d.kind, d.due_dates, d.recurrence)
            for d in await session.scalars(select(RoadmapDeadline))
        }
    assert found["в течение 2026-2027 учебного года"] == ("dates", ["2027-06-30"], None)
    assert found["К началу учебного года"] == (
        "dates",
        ["2026-09-01", "2027-09-01", "2028-09-01"],
        "yearly",
    )
    assert found["май, сентябрь"][2] == "yearly" and len(found["май, сентябрь"][1]) == 6
    assert found["в течение 2027-2029 учебного года"][0] == "unparsed"
    await coord.click("К дорожным картам")
    await coord.click("Указать сроки")
    assert "учебный год — это два года подряд: «2027-2029»" in coord.last_text
    await coord.click("№ 4, строка 6")
    await coord.send("в течение 2027-2029 учебного года")
    assert "Не понял дату" in coord.last_text
    await coord.send("к началу учебного года")
    assert "Срок установлен: 01.09.2027, 01.09.2028 (всего дат: 2)" in coord.last_text


async def test_days_of_the_month_and_ranges_of_quarters_in_a_table(world: World) -> None:
    """ "До 5 числа каждого месяца" is a monthly series and "I–II квартал 2027 года" one date;
    "ежеквартально до 5 числа" (which month of the quarter?) is shown in the preview for a
    human, with its row and cell, instead of a guessed date."""
    await people(world)
    coord = await start_import(world, MUNI_COORD)
    rows = [
        ["1", "Отчёт", "Отчёт", "до 5 числа каждого месяца", "ОО"],
        ["2", "Анализ", "Справка", "I–II квартал 2027 года", "МОУО"],
        ["3", "Сверка", "Акт", "ежеквартально до 5 числа", "МОУО"],
        ["4", "Итоги", "Справка", "По итогам каждого полугодия", "МОУО"],
    ]
    await coord.send_document("карта.csv", make_csv(rows), "text/csv")
    assert (
        "строка 5, столбец «Срок»: «ежеквартально до 5 числа» — "
        "указано число, но не ясно, какого месяца: «5 числа»"
    ) in coord.last_text
    await coord.click("Сохранить дорожную карту")
    async with world.db() as session:
        found = {
            d.phrase: (d.kind, d.due_dates, d.recurrence)
            for d in await session.scalars(select(RoadmapDeadline))
        }
    monthly = found["до 5 числа каждого месяца"]
    assert (monthly[0], monthly[2], len(monthly[1])) == ("dates", "monthly", 36)
    assert (monthly[1][0], monthly[1][-1]) == ("2026-01-05", "2028-12-05")
    assert found["I–II квартал 2027 года"] == ("dates", ["2027-06-30"], None)
    assert found["ежеквартально до 5 числа"][:2] == ("unparsed", [])
    halves = found["По итогам каждого полугодия"]
    assert (halves[2], halves[1][0], len(halves[1])) == ("twice_a_year", "2026-06-30", 6)


async def _all_deadline_pages(coord: object) -> list[str]:
    """The preview's «📅 Все сроки» list, every page of it, line by line."""
    lines: list[str] = []
    while True:
        text = coord.last_text  # type: ignore[attr-defined]
        lines += [line for line in text.split("\n") if line.startswith("• ")]
        if "▶" not in coord.buttons():  # type: ignore[attr-defined]
            return lines
        await coord.click("▶")  # type: ignore[attr-defined]


async def _saved_deadlines(world: World) -> list[tuple[str, list[str], str]]:
    async with world.db() as session:
        rows = await session.execute(
            select(RoadmapDeadline.phrase, RoadmapDeadline.due_dates, RoadmapDeadline.kind)
            .join(RoadmapItem, RoadmapItem.id == RoadmapDeadline.item_id)
            .order_by(RoadmapItem.position, RoadmapDeadline.position)
        )
        return [(phrase, list(due), kind) for phrase, due, kind in rows.all()]


def _day(iso: str) -> str:
    return date.fromisoformat(iso).strftime("%d.%m.%Y")


async def test_a_school_plan_from_its_template_reminds_the_schools_coordinator(
    world: World,
) -> None:
    """The school template: a school year's plan whose every responsible is the school's own
    people, so the school's coordinator gets the reminders; the preview lists every "Срок"
    with its dates, the same dates that are saved."""
    found = await people(world)
    coord = world.user(SCHOOL_COORD)
    await coord.send("/roadmap")
    await coord.click("Из шаблона")
    await coord.click("Школа — на учебный год")
    assert "На какой учебный год?" in coord.last_text
    assert coord.buttons()[:2] == ["2026/2027 учебный год", "2027/2028 учебный год"]
    await coord.click("2027/2028 учебный год")
    preview = coord.last_text
    assert "на 2027-2028 учебный год" in preview
    assert "Период: 01.09.2027 — 31.08.2028" in preview
    assert "Не распознаны ответственные" not in preview
    await coord.click("📅 Все сроки (18)")
    assert "Сроки из таблицы: 18" in coord.last_text
    assert "стр. 1 из 3" in coord.last_text
    # A page the ◀ ▶ could not have made is refused, the list stays.
    forged = coord.data_of("▶").rpartition(":")[0]
    await coord.press_data(f"{forged}:²")
    assert "устарела" in coord.last_callback_answer
    shown = await _all_deadline_pages(coord)
    assert any("«I полугодие» → 31.12.2027" in line for line in shown)
    assert any(
        "«1 раз в четверть» → 31.10.2027, 31.12.2027, 31.03.2028, 31.05.2028" in line
        for line in shown
    )
    assert any("«Ежемесячно» → 30.09.2027" in line and "и ещё" in line for line in shown)
    await coord.click("◀ Назад")
    assert "Проверьте перед сохранением" in coord.last_text
    assert await count(world, Roadmap) == 0
    await coord.click("Сохранить дорожную карту")
    saved = await _saved_deadlines(world)
    assert len(saved) == len(shown) == 18
    for line, (phrase, due, _kind) in zip(shown, saved, strict=True):
        assert f"«{phrase}»" in line, (line, phrase)
        assert all(_day(d) in line for d in due[:4]), (line, due)
    async with world.db() as session:
        parties = set(
            (await session.execute(select(RoadmapParty.level, RoadmapParty.scope_id))).all()
        )
    assert parties == {("organization", found.school)}
    # 14 days before «Сентябрь 2027 г.»: the school's own coordinator is reminded.
    world.app.clock.set(datetime(2027, 9, 16, 3, tzinfo=UTC))
    await tick(world.app)
    await world.drain()
    digest = [t for t in texts_to(world, SCHOOL_COORD) if "Сроки по дорожным картам: 5" in t]
    assert len(digest) == 1 and "через 14 дней, 30.09.2027" in digest[0]


async def test_a_school_table_for_a_school_year_with_its_own_people(world: World) -> None:
    """A school's table «на 2026-2027 учебный год» with «Директор», «Зам. директора по УВР»,
    «Куратор», «Руководитель МО»: one school year, the school's half-years and terms, every
    row the school's own, and the preview's dates are the saved ones."""
    found = await people(world)
    rows = [
        ["1", "Приказ о кураторе", "Приказ", "Декабрь 2026 г.", "Директор"],
        ["2", "Курсы наставников", "Удостоверения", "II полугодие", "Зам. директора по УВР"],
        ["3", "Заседания МО", "Протоколы", "1 раз в четверть", "Руководитель МО"],
        ["4", "Новости на сайте", "Новости", "Ежемесячно", "Куратор"],
        ["5", "Консультации", "Журнал", "По мере необходимости", "Наставник"],
        ["6", "Встреча с ветеранами", "Протокол", "Май 2027 г.", "Совет ветеранов"],
    ]
    title = "Дорожная карта реализации наставничества в МБОУ СОШ № 1 на 2026-2027 учебный год"
    coord = await start_import(world, SCHOOL_COORD)
    await coord.send_document("план.csv", make_csv(rows, title=title), "text/csv")
    preview = coord.last_text
    assert "Период: 01.09.2026 — 31.08.2027" in preview
    # Only the one row outside the school is not recognised.
    assert "Не распознаны ответственные: 1" in preview and "«Совет ветеранов»" in preview
    await coord.click("📅 Все сроки (6)")
    shown = await _all_deadline_pages(coord)
    assert "«II полугодие» → 31.05.2027" in shown[1]
    assert "«1 раз в четверть» → 31.10.2026, 31.12.2026, 31.03.2027, 31.05.2027" in shown[2]
    assert "31.07.2027" not in shown[3]  # no monthly work in the summer holidays
    assert "«По мере необходимости» → по мере необходимости — без даты" in shown[4]
    await coord.click("◀ Назад")
    await coord.click("Сохранить дорожную карту")
    saved = await _saved_deadlines(world)
    assert [phrase for phrase, _, _ in saved] == [row[3] for row in rows]
    for line, (phrase, due, _kind) in zip(shown, saved, strict=True):
        assert f"«{phrase}»" in line and all(_day(d) in line for d in due[:4]), (line, due)
    async with world.db() as session:
        parties = list(
            await session.execute(
                select(RoadmapParty.level, RoadmapParty.scope_id, RoadmapParty.text)
            )
        )
    assert {(level, scope) for level, scope, text in parties if text != "Совет ветеранов"} == {
        ("organization", found.school)
    }
    # «Декабрь 2026 г.», directed at the director: the school's coordinator hears it.
    world.app.clock.set(datetime(2026, 12, 17, 3, tzinfo=UTC))
    await tick(world.app)
    await world.drain()
    # Three deadlines that day (the order, a term, a month) come as one digest.
    digest = [t for t in texts_to(world, SCHOOL_COORD) if "через 14 дней, 31.12.2026" in t]
    assert len(digest) == 1 and "п. 1. Приказ о кураторе" in digest[0]
    assert not any("31.12.2026" in t for t in texts_to(world, MUNI_COORD))
