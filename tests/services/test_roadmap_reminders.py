"""The reminder rules: when each notice is due, in whose time zone, to whom, and that no
notice is ever sent twice — two scans, two ticks, concurrent scans on both databases."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime

import pytest
from pydantic import ValidationError
from sqlalchemy import func, select

from bot.db import transaction
from bot.services.roadmaps import reminders
from bot.services.roadmaps.reminders import NoticeConfig, next_notice_on
from bot.services.roadmaps.render import NoticeTexts
from bot.settings import Settings
from models import DueTask, OutboxMessage
from models.enums import DueTaskStatus, OccurrenceStatus, ScopeLevel
from models.roadmap import RoadmapOccurrence
from tests.roadmap_support import (
    MUNI_COORD,
    OTHER_SCHOOL_COORD,
    REGION_COORD,
    SCHOOL_COORD,
    create,
    make_csv,
    people,
    tick,
)
from tests.support import World

CONFIG = NoticeConfig()
DUE = date(2027, 2, 28)


def at(year: int, month: int, day: int, hour: int = 3, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_next_notice_dates() -> None:
    assert next_notice_on("due", DUE, None, False, False, CONFIG) == date(2027, 2, 14)
    assert next_notice_on("due", DUE, 14, False, False, CONFIG) == date(2027, 2, 25)
    assert next_notice_on("due", DUE, 3, False, False, CONFIG) == DUE
    assert next_notice_on("due", DUE, 0, False, False, CONFIG) == date(2027, 3, 1)
    assert next_notice_on("due", DUE, 0, True, False, CONFIG) == date(2027, 3, 7)
    assert next_notice_on("due", DUE, 0, True, True, CONFIG) is None
    assert next_notice_on("check_in", DUE, None, False, False, CONFIG) == DUE
    assert next_notice_on("check_in", DUE, 0, False, False, CONFIG) is None
    custom = NoticeConfig(reminder_days=(30, 1), escalate_after_days=2)
    assert next_notice_on("due", DUE, None, False, False, custom) == date(2027, 1, 29)
    assert next_notice_on("due", DUE, 1, True, False, custom) == date(2027, 3, 2)


def test_config_from_settings_reads_optional_fields() -> None:
    class Configured:
        roadmap_reminder_days = (0, 7, 7, 1)
        roadmap_escalate_after_days = 3
        roadmap_reminder_hour = 8

    config = NoticeConfig.from_settings(Configured())
    assert config == NoticeConfig((7, 1, 0), 3, 8)
    assert NoticeConfig.from_settings(object()) == NoticeConfig((14, 3, 0), 7, 9)


def test_settings_as_an_operator_writes_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROADMAP_REMINDER_DAYS", "3, 14;0,3")
    monkeypatch.setenv("ROADMAP_ESCALATE_AFTER_DAYS", "10")
    monkeypatch.setenv("ROADMAP_REMINDER_HOUR", "8")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.roadmap_reminder_days == [14, 3, 0]
    assert NoticeConfig.from_settings(settings) == NoticeConfig((14, 3, 0), 10, 8)
    for name in ("ROADMAP_ESCALATE_AFTER_DAYS", "ROADMAP_REMINDER_HOUR", "ROADMAP_REMINDER_DAYS"):
        monkeypatch.delenv(name)
    assert NoticeConfig.from_settings(Settings(_env_file=None)) == NoticeConfig()  # type: ignore[call-arg]
    for bad in ("-1", "", "soon"):
        monkeypatch.setenv("ROADMAP_REMINDER_DAYS", bad)
        with pytest.raises(ValidationError):
            Settings(_env_file=None)  # type: ignore[call-arg]


async def _municipal(world: World) -> None:
    found = await people(world)
    rows = [["1", "Назначение ответственного лица", "Приказ", "Февраль 2027 г.", "ОО"]]
    await create(world, MUNI_COORD, "municipality", found.kedrovy, make_csv(rows), "m.csv")


async def plan_at(world: World, moment: datetime, config: NoticeConfig = CONFIG) -> list:
    async with world.db() as session:
        plan = await reminders.due_notices(session, moment, config)
    return plan.notices


async def test_reminders_go_out_from_nine_local_time(world: World) -> None:
    await _municipal(world)
    # Tomsk is UTC+7: 01:59 UTC is 08:59 there, 02:00 UTC is 09:00.
    assert await plan_at(world, at(2027, 2, 14, 1, 59)) == []
    notices = await plan_at(world, at(2027, 2, 14, 2, 0))
    assert {(n.kind, n.days, n.key) for n in notices} == {("reminder", 14, "r14")}
    assert len(notices) == 2  # СОШ № 1 and Пудинская СОШ
    school = next(n for n in notices if not n.via_above)
    assert [r.tg_id for r in school.recipients] == [SCHOOL_COORD]
    orphan = next(n for n in notices if n.via_above)
    assert [r.tg_id for r in orphan.recipients] == [MUNI_COORD]
    # A custom schedule.
    assert await plan_at(world, at(2027, 2, 14, 3), NoticeConfig((7,), 7, 9)) == []
    seven = await plan_at(world, at(2027, 2, 21, 3), NoticeConfig((7,), 7, 9))
    assert {n.key for n in seven} == {"r7"}


async def test_each_region_in_its_own_zone(world: World) -> None:
    samara_school = await world.org_id("СОШ № 1 Самара")
    await world.add_person(
        7101,
        name="Самарский Координатор",
        org="СОШ № 1 Самара",
        coordinator_of=(ScopeLevel.organization, samara_school),
    )
    rows = [["1", "Отчёт", "Отчёт", "Февраль 2027 г.", "ОО"]]
    await create(world, 7101, "organization", samara_school, make_csv(rows), "s.csv")
    await _municipal(world)
    # 03:00 UTC: 10:00 in Tomsk, 07:00 in Samara (UTC+4).
    tomsk_only = await plan_at(world, at(2027, 2, 14, 3))
    assert 7101 not in {r.tg_id for n in tomsk_only for r in n.recipients}
    both = await plan_at(world, at(2027, 2, 14, 5))
    assert 7101 in {r.tg_id for n in both for r in n.recipients}


async def test_two_scans_send_each_notice_once(world: World) -> None:
    await _municipal(world)
    renderer = NoticeTexts(world.app.translator)
    world.app.clock.set(at(2027, 2, 14, 3))
    reports = []
    for _ in range(2):
        async with world.db() as session:
            reports.append(await reminders.run_scan(session, world.app.clock, CONFIG, renderer))
    assert reports[0].messages == 2 and reports[1].messages == 0
    async with world.db() as session:
        total = await session.scalar(select(func.count(OutboxMessage.id)))
    assert total == 2


async def test_concurrent_scans_never_duplicate(any_world: World) -> None:
    """Two processes scanning at once (e.g. a lease ran out): the dedup keys hold."""
    world = any_world
    await _municipal(world)
    renderer = NoticeTexts(world.app.translator)
    world.app.clock.set(at(2027, 3, 8, 3))  # overdue and escalation at once

    async def scan() -> None:
        async with transaction(world.app.factory) as session:
            await reminders.run_scan(session, world.app.clock, CONFIG, renderer)

    await asyncio.gather(scan(), scan())
    async with world.db() as session:
        keys = list(await session.scalars(select(OutboxMessage.dedup_key)))
    assert len(keys) == len(set(keys))
    # Overdue for two schools (one through the level above) and one escalation digest.
    assert sum(":od:" in k for k in keys) == 2
    assert sum(k.startswith("rm:esc:") for k in keys) == 1


async def test_escalation_goes_one_level_up_in_one_digest(world: World) -> None:
    await _municipal(world)
    renderer = NoticeTexts(world.app.translator)
    world.app.clock.set(at(2027, 3, 7, 3))
    async with world.db() as session:
        await reminders.run_scan(session, world.app.clock, CONFIG, renderer)
    await world.drain()
    digests = [
        m.text or ""
        for m in world.fake.sent_messages(MUNI_COORD)
        if "уровнях ниже" in (m.text or "")
    ]
    assert len(digests) == 1
    assert "СОШ № 1 г. Кедрового" in digests[0] and "Пудинская СОШ" in digests[0]
    assert [m for m in world.fake.sent_messages(REGION_COORD)] == []
    async with world.db() as session:
        rows = list(await session.scalars(select(RoadmapOccurrence)))
    assert all(o.escalated_at is not None and o.next_notice_on is None for o in rows)


async def test_closed_deadlines_get_nothing_in_progress_ones_still_do(world: World) -> None:
    await _municipal(world)
    async with world.db() as session:
        rows = list(await session.scalars(select(RoadmapOccurrence).order_by(RoadmapOccurrence.id)))
        rows[0].status, rows[0].next_notice_on = OccurrenceStatus.done, None
        rows[1].status = OccurrenceStatus.in_progress
    notices = await plan_at(world, at(2027, 2, 14, 3))
    assert [n.occurrence_id for n in notices] == [rows[1].id]


async def test_continuous_work_gets_check_ins_not_overdue(world: World) -> None:
    found = await people(world)
    rows = [["1", "Наполнение раздела сайта", "Раздел", "Постоянно", "Отдел образования"]]
    await create(world, MUNI_COORD, "municipality", found.kedrovy, make_csv(rows), "c.csv")
    async with world.db() as session:
        check_ins = list(
            await session.scalars(
                select(RoadmapOccurrence.due_on).order_by(RoadmapOccurrence.due_on)
            )
        )
    assert check_ins[:2] == [date(2026, 12, 31), date(2027, 3, 31)]
    assert check_ins[-1] == date(2028, 12, 31)
    notices = await plan_at(world, at(2026, 12, 31, 3))
    assert [(n.kind, n.key) for n in notices] == [("check_in", "ci")]
    # Long after: the missed check-in is sent once, never as overdue.
    late = await plan_at(world, at(2027, 1, 20, 3))
    assert [n.kind for n in late] == ["check_in"]


async def test_a_region_level_deadline_has_no_level_above(world: World) -> None:
    found = await people(world)
    rows = [["1", "Методические рекомендации", "Рекомендации", "Февраль 2027 г.", "ОГБУ «РЦРО»"]]
    await create(world, REGION_COORD, "region", found.region, make_csv(rows), "r.csv")
    notices = await plan_at(world, at(2027, 3, 8, 3))
    assert {n.kind for n in notices} == {"overdue", "escalation"}
    escalation = next(n for n in notices if n.kind == "escalation")
    assert escalation.recipients == ()


async def test_the_scan_is_a_chain_of_hourly_due_tasks(world: World) -> None:
    await _municipal(world)
    app = world.app
    assert await tick(app) == 1  # the import started the chain
    assert await tick(app) == 0  # the next one waits for the next hour
    app.clock.advance(hours=1)
    assert await tick(app) == 1
    async with world.db() as session:
        waiting = list(
            await session.scalars(
                select(DueTask.due_at).where(
                    DueTask.kind == reminders.SCAN_KIND, DueTask.status == DueTaskStatus.pending
                )
            )
        )
        assert await reminders.ensure_scan(session, app.clock.now()) is False
    assert len(waiting) == 1 and waiting[0].minute == 0


async def test_a_broken_chain_is_started_again(world: World) -> None:
    await _municipal(world)
    async with world.db() as session:
        await session.execute(
            DueTask.__table__.update().values(status=DueTaskStatus.failed)  # type: ignore[attr-defined]
        )
        assert await reminders.ensure_scan(session, world.app.clock.now()) is True
    assert await tick(world.app) == 1


async def test_a_party_without_coordinators_is_heard_higher_up(world: World) -> None:
    found = await people(world)
    rows = [["1", "Отчёт", "Отчёт", "Февраль 2027 г.", "ОО"]]
    await create(world, REGION_COORD, "municipality", found.district, make_csv(rows), "d.csv")
    notices = await plan_at(world, at(2027, 2, 14, 3))
    # Four schools in Томский район; only Зональненская СОШ has a coordinator, the district
    # has none: the region hears of the other three.
    heard = sorted((n.via_above, tuple(r.tg_id for r in n.recipients)) for n in notices)
    assert heard == [(False, (OTHER_SCHOOL_COORD,))] + [(True, (REGION_COORD,))] * 3
