"""Reminders before deadlines, their buttons, overdue pushes, escalation one level up, and
postponements approved by the level above — through the scheduler and the dispatcher, with a
moved clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select

from bot.callbacks import pack
from bot.callbacks.roadmaps import PostponeCb
from bot.services.roadmaps import store
from bot.services.roadmaps.presses import (
    CARD,
    DONE,
    NOT_APPLICABLE,
    POSTPONE_ASK,
    PROGRESS,
    RoadmapPress,
)
from bot.services.roadmaps.table_import import import_roadmap, start_from_template
from models import OutboxMessage
from models.enums import OccurrenceEvent, OccurrenceStatus
from models.roadmap import (
    RoadmapOccurrence,
    RoadmapParty,
    RoadmapPostponement,
    RoadmapStatusEvent,
)
from tests.roadmap_support import (
    MUNI_COORD,
    OTHER_SCHOOL_COORD,
    REGION_COORD,
    SCHOOL_COORD,
    Ids,
    actor,
    make_csv,
    people,
    texts_to,
    tick,
)
from tests.support import World

ROWS = [
    ["1", "Назначение ответственного лица", "Приказ", "Февраль 2027 г.", "ОО, ДО"],
    ["2", "Наполнение раздела сайта", "Раздел", "Постоянно", "Отдел образования"],
]


def at(year: int, month: int, day: int, hour: int = 3) -> datetime:
    """A moment in UTC; 03:00 UTC is 10:00 in Tomsk."""
    return datetime(year, month, day, hour, tzinfo=UTC)


async def municipal_roadmap(world: World, found: Ids) -> None:
    parsed = import_roadmap(make_csv(ROWS), "карта.csv")
    async with world.db() as session:
        await store.create_roadmap(
            session,
            world.app.clock,
            await actor(world, MUNI_COORD),
            "municipality",
            found.kedrovy,
            parsed,
        )


async def occurrence_of(world: World, org_id: int) -> RoadmapOccurrence:
    async with world.db() as session:
        return (
            await session.scalars(
                select(RoadmapOccurrence)
                .join(RoadmapParty, RoadmapParty.id == RoadmapOccurrence.party_id)
                .where(RoadmapParty.level == "organization", RoadmapParty.scope_id == org_id)
            )
        ).one()


def with_text(world: World, tg_id: int, fragment: str) -> list[str]:
    return [t for t in texts_to(world, tg_id) if fragment in t]


async def test_reminders_14_3_0_days_overdue_and_escalation_each_once(world: World) -> None:
    found = await people(world)
    await municipal_roadmap(world, found)
    clock = world.app.clock
    await tick(world.app)
    await world.drain()
    assert with_text(world, SCHOOL_COORD, "срок") == []
    for moment in (at(2027, 2, 14), at(2027, 2, 14, 5)):  # the same day twice
        clock.set(moment)
        await tick(world.app)
    await world.drain()
    assert len(with_text(world, SCHOOL_COORD, "Через 14 дней срок")) == 1
    # Пудинская СОШ and ДДТ have no coordinator: the level above hears it for them.
    via_above = with_text(world, MUNI_COORD, "напоминание пришло вам как уровню выше")
    assert len(via_above) == 2 and any("Пудинская СОШ" in t for t in via_above)
    clock.set(at(2027, 2, 25))
    await tick(world.app)
    clock.set(at(2027, 2, 28))
    await tick(world.app)
    await world.drain()
    assert len(with_text(world, SCHOOL_COORD, "Через 3 дня срок")) == 1
    assert len(with_text(world, SCHOOL_COORD, "Сегодня срок")) == 1
    clock.set(at(2027, 3, 1))
    await tick(world.app)
    await world.drain()
    assert len(with_text(world, SCHOOL_COORD, "Просрочено на 1 день")) == 1
    assert (await occurrence_of(world, found.school)).status == OccurrenceStatus.overdue
    clock.set(at(2027, 3, 7))
    await tick(world.app)
    await tick(world.app)
    await world.drain()
    digest = with_text(world, MUNI_COORD, "Просрочено на уровнях ниже")
    assert len(digest) == 1
    assert "СОШ № 1 г. Кедрового" in digest[0] and "Пудинская СОШ" in digest[0]
    assert "просрочено на 7 дней" in digest[0]
    assert with_text(world, REGION_COORD, "Просрочено") == []
    # A restart (a new app on the same database) sends nothing again.
    from tests.conftest import make_app

    again = await make_app(world.app.settings, clock)
    try:
        clock.advance(hours=2)
        await tick(again)
        await again.sender.drain()
    finally:
        await again.close()
    await world.drain()
    assert len(with_text(world, MUNI_COORD, "Просрочено на уровнях ниже")) == 1
    assert len(with_text(world, SCHOOL_COORD, "Просрочено на")) == 1


async def test_reminder_days_and_escalation_follow_the_settings(world: World) -> None:
    settings = world.app.settings
    settings.roadmap_reminder_days = [5]
    settings.roadmap_escalate_after_days = 2
    try:
        found = await people(world)
        await municipal_roadmap(world, found)  # due 28.02.2027
        clock = world.app.clock
        clock.set(at(2027, 2, 14))
        await tick(world.app)
        await world.drain()
        assert with_text(world, SCHOOL_COORD, "срок") == []
        clock.set(at(2027, 2, 23))
        await tick(world.app)
        await world.drain()
        assert len(with_text(world, SCHOOL_COORD, "Через 5 дней срок")) == 1
        clock.set(at(2027, 3, 1))
        await tick(world.app)
        await world.drain()
        assert len(with_text(world, SCHOOL_COORD, "Просрочено на 1 день")) == 1
        assert with_text(world, MUNI_COORD, "Просрочено на уровнях ниже") == []
        clock.set(at(2027, 3, 2))
        await tick(world.app)
        await world.drain()
        digest = with_text(world, MUNI_COORD, "Просрочено на уровнях ниже")
        assert len(digest) == 1 and "просрочено на 2 дня" in digest[0]
    finally:
        settings.roadmap_reminder_days = [14, 3, 0]
        settings.roadmap_escalate_after_days = 7


async def test_downtime_sends_only_the_nearest_reminder(world: World) -> None:
    found = await people(world)
    await municipal_roadmap(world, found)
    world.app.clock.set(at(2027, 2, 26))  # the bot was down from November
    await tick(world.app)
    await world.drain()
    assert with_text(world, SCHOOL_COORD, "Через 14 дней") == []
    assert len(with_text(world, SCHOOL_COORD, "Через 2 дня срок")) == 1


async def test_reminder_buttons_in_progress_and_done_with_evidence(world: World) -> None:
    found = await people(world)
    await municipal_roadmap(world, found)
    world.app.clock.set(at(2027, 2, 14))
    await tick(world.app)
    await world.drain()
    school = world.user(SCHOOL_COORD)
    reminder = [m for m in world.fake.sent_messages(SCHOOL_COORD) if "14 дней" in (m.text or "")]
    assert school.buttons(reminder[0]) == [
        "✅ Выполнено",
        "🔄 В работе",
        "🚫 Не требуется",
        "📅 Перенести",
    ]
    await school.click("В работе", message=reminder[0])
    assert school.last_callback_answer == "Отмечено: в работе"
    assert "Статус: в работе" in school.last_text
    await school.click("В работе")
    assert "Уже отмечено" in school.last_callback_answer
    await school.click("Выполнено")
    assert "Пришлите подтверждение" in school.last_text
    await school.send_document("приказ.pdf", b"%PDF-1.4 order", "application/pdf", "Приказ № 12")
    assert "Подтверждение: Приказ № 12" in school.last_text
    assert "Файл: приказ.pdf" in school.last_text
    occurrence = await occurrence_of(world, found.school)
    assert occurrence.status == OccurrenceStatus.done and occurrence.evidence_file_id is not None
    async with world.db() as session:
        history = list(
            await session.scalars(
                select(RoadmapStatusEvent.status)
                .where(RoadmapStatusEvent.occurrence_id == occurrence.id)
                .order_by(RoadmapStatusEvent.id)
            )
        )
        party = await session.get(RoadmapParty, occurrence.party_id)
    assert history == [OccurrenceEvent.in_progress, OccurrenceEvent.done]
    assert party.status == OccurrenceStatus.done
    # Pressed again from the old reminder: closed, nothing changes.
    await school.press_data(pack(RoadmapPress(NOT_APPLICABLE, occurrence.id)))
    assert "уже закрыто" in school.last_callback_answer
    # Done means done: no more reminders or overdue pushes for it.
    world.app.clock.set(at(2027, 3, 8))
    await tick(world.app)
    await world.drain()
    assert with_text(world, SCHOOL_COORD, "Просрочено на") == []


async def test_not_applicable_needs_a_reason(world: World) -> None:
    found = await people(world)
    await municipal_roadmap(world, found)
    occurrence = await occurrence_of(world, found.school)
    school = world.user(SCHOOL_COORD)
    await school.send("/roadmap")
    await school.press_data(pack(RoadmapPress(NOT_APPLICABLE, occurrence.id)))
    assert "Почему мероприятие не требуется" in school.last_text
    await school.send("В школе уже есть ответственный, назначен в 2025 году")
    assert "Отмечено: не требуется" in texts_to(world, SCHOOL_COORD)[-2]
    assert "Почему не требуется: В школе уже есть ответственный" in school.last_text
    assert (await occurrence_of(world, found.school)).status == OccurrenceStatus.not_applicable


async def test_roadmap_shows_what_is_due_soon_and_overdue_in_the_scope(world: World) -> None:
    found = await people(world)
    await municipal_roadmap(world, found)  # due 28.02.2027 for three organizations
    clock = world.app.clock
    clock.set(at(2027, 1, 20))
    muni, school = world.user(MUNI_COORD), world.user(SCHOOL_COORD)
    await muni.send("/roadmap")
    assert "Просрочено: 0" in muni.last_text
    assert "Срок в ближайшие 14 дней: 0" in muni.last_text
    clock.set(at(2027, 2, 20))
    await muni.send("/roadmap")
    assert "Срок в ближайшие 14 дней: 3" in muni.last_text
    assert "28.02.2027 — п. 1. Назначение ответственного лица — 3 ответственных" in muni.last_text
    await school.send("/roadmap")
    assert "Срок в ближайшие 14 дней: 1" in school.last_text
    assert "— п. 1. Назначение ответственного лица — СОШ № 1 г. Кедрового" in school.last_text
    # A school of another municipality has nothing due from this roadmap.
    other = world.user(OTHER_SCHOOL_COORD)
    await other.send("/roadmap")
    assert "Срок в ближайшие 14 дней: 0" in other.last_text
    clock.set(at(2027, 3, 2))
    await tick(world.app)
    await muni.send("/roadmap")
    assert "Просрочено: 3" in muni.last_text
    assert "Срок в ближайшие 14 дней: 0" in muni.last_text
    # Done at the school, with evidence: the school has nothing overdue, the municipality two.
    occurrence = await occurrence_of(world, found.school)
    await school.send("/roadmap")
    await school.press_data(pack(RoadmapPress(DONE, occurrence.id)))
    await school.send("Приказ № 5 от 01.03.2027")
    await school.send("/roadmap")
    assert "Просрочено: 0" in school.last_text
    await muni.send("/roadmap")
    assert "Просрочено: 2" in muni.last_text
    assert "— 2 ответственных" in muni.last_text


async def test_someone_elses_deadline_is_not_found(world: World) -> None:
    found = await people(world)
    await municipal_roadmap(world, found)
    occurrence = await occurrence_of(world, found.school)
    other = world.user(OTHER_SCHOOL_COORD)
    await other.send("/roadmap")
    for action in (CARD, PROGRESS, DONE, POSTPONE_ASK):
        await other.press_data(pack(RoadmapPress(action, occurrence.id)))
        assert "Не найдено" in other.last_callback_answer
    await other.press_data(pack(RoadmapPress(DONE, 10**8)))
    assert "Не найдено" in other.last_callback_answer
    assert (await occurrence_of(world, found.school)).status == OccurrenceStatus.planned
    # The municipality above may act on its school's deadline.
    muni = world.user(MUNI_COORD)
    await muni.send("/roadmap")
    await muni.press_data(pack(RoadmapPress(CARD, occurrence.id)))
    assert "Ответственный: СОШ № 1 г. Кедрового" in muni.last_text


async def test_postpone_asks_the_level_above(world: World) -> None:
    found = await people(world)
    await municipal_roadmap(world, found)
    occurrence = await occurrence_of(world, found.school)
    school = world.user(SCHOOL_COORD)
    await school.send("/roadmap")
    await school.press_data(pack(RoadmapPress(POSTPONE_ASK, occurrence.id)))
    assert "Сейчас срок 28.02.2027" in school.last_text
    await school.send("01.02.2027, раньше")
    assert "позже нынешнего" in school.last_text
    await school.send("15.03.2027, ждём приказ управления")
    assert "отправлен координатору уровня выше" in school.last_text
    await world.drain()
    muni = world.user(MUNI_COORD)
    request = with_text(world, MUNI_COORD, "Запрос на перенос срока")
    assert len(request) == 1 and "с 28.02.2027 на 15.03.2027" in request[0]
    assert "Причина: ждём приказ управления" in request[0]
    async with world.db() as session:
        postponement = (await session.scalars(select(RoadmapPostponement))).one()
    # The school cannot approve its own request, nor ask twice.
    await school.press_data(PostponeCb(decision="y", id=postponement.id).pack())
    assert "согласует уровень выше" in school.last_callback_answer
    await school.press_data(pack(RoadmapPress(POSTPONE_ASK, occurrence.id)))
    assert "уже запрошен" in school.last_callback_answer
    await muni.click("Согласовать")
    assert "Перенос согласован" in muni.last_text
    await muni.press_data(PostponeCb(decision="n", id=postponement.id).pack())
    assert "уже принято решение" in muni.last_callback_answer
    await world.drain()
    assert len(with_text(world, SCHOOL_COORD, "теперь срок 15.03.2027")) == 1
    moved = await occurrence_of(world, found.school)
    assert (moved.due_on, moved.original_due_on) == (date(2027, 3, 15), date(2027, 2, 28))
    # Reminders follow the new date: nothing on the old one, the 3-day one before the new.
    world.app.clock.set(at(2027, 3, 1))
    await tick(world.app)
    world.app.clock.set(at(2027, 3, 12))
    await tick(world.app)
    await world.drain()
    assert with_text(world, SCHOOL_COORD, "Просрочено на") == []
    assert len(with_text(world, SCHOOL_COORD, "Через 3 дня срок")) == 1


async def test_declined_postponement_keeps_the_date(world: World) -> None:
    found = await people(world)
    await municipal_roadmap(world, found)
    occurrence = await occurrence_of(world, found.school)
    school = world.user(SCHOOL_COORD)
    await school.send("/roadmap")
    await school.press_data(pack(RoadmapPress(POSTPONE_ASK, occurrence.id)))
    await school.send("20.03.2027")
    await world.drain()
    muni = world.user(MUNI_COORD)
    await muni.click("Отклонить")
    assert "Перенос не согласован" in muni.last_text
    await world.drain()
    assert len(with_text(world, SCHOOL_COORD, "срок остаётся 28.02.2027")) == 1
    assert (await occurrence_of(world, found.school)).due_on == date(2027, 2, 28)


async def test_levels_below_show_who_has_not_approved_their_roadmap(world: World) -> None:
    """Item 4 of the Tomsk regional roadmap: each school approves its own roadmap."""
    found = await people(world)
    parsed = start_from_template("tomsk-region-2020-2024", date(2026, 1, 1))
    async with world.db() as session:
        await store.create_roadmap(
            session,
            world.app.clock,
            await actor(world, REGION_COORD),
            "region",
            found.region,
            parsed,
        )
    school = world.user(SCHOOL_COORD)
    await school.send("/roadmap")
    assert "Томской области" in school.last_text  # the region's roadmap names this school
    # Item 4 is due on 31.05.2027: not soon, so the school opens all its deadlines.
    await school.click("Все мои сроки")
    while not (item4 := [b for b in school.buttons() if "4. Разработка и утверждение" in b]):
        await school.click("▶")
    assert item4[0].startswith("31.05.27")
    await school.click(item4[0])
    await school.click("Выполнено")
    await school.send("Приказ № 7 от 20.05.2026 об утверждении программы и дорожной карты")
    region = world.user(REGION_COORD)
    await region.send("/roadmap")
    await region.click("Уровни ниже")
    text = region.last_text
    assert "Свои дорожные карты у образовательных организаций: 0 из 9" in text
    assert "п. 4. Разработка и утверждение программы" in text
    block = text.split("п. 4. Разработка и утверждение программы")[1].split("\n\n")[0]
    assert "выполнили 1 из 9" in block
    assert "ещё не выполнили (8): Богашевская СОШ" in block
    assert "СОШ № 1 г. Кедрового" not in block
    # A school that imports its own roadmap counts as having one.
    from tests.roadmap_support import make_yaml

    own = import_roadmap(make_yaml(), "school.yaml")
    async with world.db() as session:
        await store.create_roadmap(
            session,
            world.app.clock,
            await actor(world, SCHOOL_COORD),
            "organization",
            found.school,
            own,
        )
    await region.click("Назад")
    await region.click("Уровни ниже")
    assert "у образовательных организаций: 1 из 9" in region.last_text


async def test_outbox_rows_carry_dedup_keys(world: World) -> None:
    found = await people(world)
    await municipal_roadmap(world, found)
    world.app.clock.set(at(2027, 2, 14))
    await tick(world.app)
    async with world.db() as session:
        keys = list(
            await session.scalars(
                select(OutboxMessage.dedup_key).where(OutboxMessage.dedup_key.like("rm:%"))
            )
        )
        total = await session.scalar(select(func.count(OutboxMessage.id)))
    assert keys and all(k.count(":") == 4 for k in keys)
    assert len(keys) == total


async def test_many_notices_at_once_come_as_one_digest(world: World) -> None:
    found = await people(world)
    rows = [[str(n), f"Мероприятие {n}", "Отчёт", "Февраль 2027 г.", "ОО"] for n in range(1, 6)]
    parsed = import_roadmap(make_csv(rows), "карта.csv")
    async with world.db() as session:
        await store.create_roadmap(
            session,
            world.app.clock,
            await actor(world, MUNI_COORD),
            "municipality",
            found.kedrovy,
            parsed,
        )
    world.app.clock.set(at(2027, 2, 14))
    await tick(world.app)
    await world.drain()
    digest = [
        m
        for m in world.fake.sent_messages(SCHOOL_COORD)
        if "Сроки по дорожным картам: 5" in (m.text or "")
    ]
    assert len(digest) == 1 and with_text(world, SCHOOL_COORD, "Через 14 дней") == []
    assert (
        "через 14 дней, 28.02.2027 — п. 3. Мероприятие 3 — СОШ № 1 г. Кедрового" in digest[0].text
    )
    school = world.user(SCHOOL_COORD)
    assert len([b for b in school.buttons(digest[0]) if b.startswith("28.02")]) == 5
    await school.click("28.02 · 3. Мероприятие 3 · СОШ № 1 г. Кедрового", message=digest[0])
    assert "п. 3. Мероприятие 3" in school.last_text and "Статус: запланировано" in school.last_text
    assert "✅ Выполнено" in school.buttons()


async def test_reminders_speak_the_coordinators_language(world: World) -> None:
    found = await people(world)
    from models.enums import ScopeLevel

    await world.add_person(
        7020,
        name="English Coordinator",
        org="Пудинская СОШ",
        language="en",
        coordinator_of=(ScopeLevel.organization, found.pudino),
    )
    await municipal_roadmap(world, found)
    world.app.clock.set(at(2027, 2, 25))
    await tick(world.app)
    await world.drain()
    english = texts_to(world, 7020)
    assert len(english) == 1 and "A roadmap deadline in 3 days" in english[0]
    assert "Responsible: Пудинская СОШ" in english[0]
    assert world.user(7020).buttons() == [
        "✅ Done",
        "🔄 In progress",
        "🚫 Not applicable",
        "📅 Postpone",
    ]


async def test_unrecognised_parties_are_listed_for_the_owner(world: World) -> None:
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
    muni = world.user(MUNI_COORD)
    await muni.send("/roadmap")
    assert "Не распознаны ответственные: 1" in muni.last_text
    await muni.click("Нераспознанные")
    assert "(строка 7): «Совет ветеранов»" in muni.last_text
    # The schools do not own this roadmap: nothing of it to fix for them.
    school = world.user(SCHOOL_COORD)
    await school.send("/roadmap")
    assert "Не распознаны" not in school.last_text


async def test_a_postponed_date_typed_in_words(world: World) -> None:
    """The new date may be typed as people type it («через 20 дней»), read by the one date
    reader; words that are no date are refused and nothing is asked."""
    found = await people(world)
    await municipal_roadmap(world, found)
    occurrence = await occurrence_of(world, found.school)
    school = world.user(SCHOOL_COORD)
    await school.send("/roadmap")
    await school.press_data(pack(RoadmapPress(POSTPONE_ASK, occurrence.id)))
    await school.send("когда-нибудь потом, ждём приказ")
    assert "Не понял дату" in school.last_text
    today = world.now().astimezone(world.app.settings.zone).date()
    days = (occurrence.due_on - today).days + 15
    await school.send(f"через {days} дней, ждём приказ управления")
    assert "отправлен координатору уровня выше" in school.last_text
    async with world.db() as session:
        postponement = (await session.scalars(select(RoadmapPostponement))).one()
    assert postponement.to_due_on == today + timedelta(days=days)
