"""Saving roadmaps: owner and scope, parties and occurrences, templates, targets, replacing,
deadlines already gone by, and nothing half-imported."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from bot.services.access import Actor
from bot.services.errors import Forbidden
from bot.services.roadmaps import store
from bot.services.roadmaps.table_import import preview, seed_templates, start_from_template
from models.enums import OccurrenceStatus, RoadmapStatus
from models.roadmap import (
    Roadmap,
    RoadmapDeadline,
    RoadmapItem,
    RoadmapOccurrence,
    RoadmapParty,
)
from tests.roadmap_support import (
    MUNI_COORD,
    OTHER_SCHOOL_COORD,
    REGION_COORD,
    SCHOOL_COORD,
    TEACHER,
    actor,
    create,
    make_csv,
    people,
)
from tests.support import ADMIN_ID, World


async def count(world: World, model: type, *where: object) -> int:
    async with world.db() as session:
        query = select(func.count()).select_from(model)
        for condition in where:
            query = query.where(condition)  # type: ignore[arg-type]
        return int(await session.scalar(query) or 0)


async def test_a_regional_template_reaches_every_level(any_world: World) -> None:
    world = any_world
    found = await people(world)
    parsed = start_from_template("tomsk-region-2020-2024", date(2027, 1, 1))
    async with world.db() as session:
        created = await store.create_roadmap(
            session,
            world.app.clock,
            await actor(world, REGION_COORD),
            "region",
            found.region,
            parsed,
            template="tomsk-region-2020-2024",
        )
    assert created.items == len(list(parsed.items()))
    assert created.past == 0 and created.unrecognised == 0 and created.needs_dates == 0
    async with world.db() as session:
        item4 = await session.scalar(select(RoadmapItem).where(RoadmapItem.number == "4"))
        parties = list(
            await session.scalars(select(RoadmapParty).where(RoadmapParty.item_id == item4.id))
        )
        dates = sorted(
            set(
                await session.scalars(
                    select(RoadmapOccurrence.due_on)
                    .join(RoadmapParty, RoadmapParty.id == RoadmapOccurrence.party_id)
                    .where(RoadmapParty.item_id == item4.id)
                )
            )
        )
    # "ОО, ДО": every school and supplementary-education organization of the region.
    assert {p.level for p in parties} == {"organization"} and len(parties) == 9
    assert found.school in {p.scope_id for p in parties}
    # "Май 2021 г., далее – ежегодно до 1 февраля 2024 года", seven years on.
    assert dates == [date(2028, 5, 31), date(2029, 2, 1), date(2030, 2, 1), date(2031, 2, 1)]
    assert await count(world, RoadmapOccurrence) == created.occurrences > 0


@pytest.mark.parametrize("name", sorted(seed_templates()))
async def test_every_seed_starts_a_roadmap(world: World, name: str) -> None:
    found = await people(world)
    parsed = start_from_template(name, date(2027, 1, 1))
    async with world.db() as session:
        created = await store.create_roadmap(
            session,
            world.app.clock,
            await actor(world, MUNI_COORD),
            "municipality",
            found.kedrovy,
            parsed,
            template=name,
        )
    assert created.items > 0 and created.occurrences > 0
    assert created.past == 0  # a period starting next year has nothing in the past


async def test_targets_by_year_come_from_the_indicator_column(world: World) -> None:
    found = await people(world)
    parsed = start_from_template("tomsk-region-program-2020-2024", date(2027, 1, 1))
    async with world.db() as session:
        await store.create_roadmap(
            session,
            world.app.clock,
            await actor(world, REGION_COORD),
            "region",
            found.region,
            parsed,
        )
        first = await session.scalar(select(RoadmapItem).order_by(RoadmapItem.id).limit(1))
    assert first.targets == {"2027": "20", "2028": "20", "2029": "20", "2030": "20", "2031": "20"}


async def test_import_needs_scope_over_the_owner(world: World) -> None:
    found = await people(world)
    parsed = start_from_template("kedrovy-city-2020-2024", date(2027, 1, 1))
    refused = [
        (MUNI_COORD, "region", found.region),
        (MUNI_COORD, "municipality", found.district),
        (SCHOOL_COORD, "municipality", found.kedrovy),
        (OTHER_SCHOOL_COORD, "organization", found.school),
        (MUNI_COORD, "galaxy", 1),
    ]
    for tg_id, level, scope_id in refused:
        async with world.db() as session:
            with pytest.raises(Forbidden):
                await store.create_roadmap(
                    session, world.app.clock, await actor(world, tg_id), level, scope_id, parsed
                )
    async with world.db() as session:
        with pytest.raises(Forbidden) as refusal:
            await store.create_roadmap(
                session,
                world.app.clock,
                await actor(world, TEACHER),
                "organization",
                found.school,
                parsed,
            )
    assert refusal.value.key == "error-not-coordinator"
    assert await count(world, Roadmap) == 0
    # Scope over the owner is enough: the municipality may import a school's roadmap, an
    # admin anyone's.
    async with world.db() as session:
        await store.create_roadmap(
            session,
            world.app.clock,
            await actor(world, MUNI_COORD),
            "organization",
            found.school,
            parsed,
        )
        admin = Actor(tg_id=ADMIN_ID, is_admin=True)
        await store.create_roadmap(session, world.app.clock, admin, "region", found.region, parsed)
        choices = await store.owner_choices(session, admin)
    assert await count(world, Roadmap) == 2
    assert {c.label for c in choices} == {"Томская область", "Самарская область"}


async def test_a_new_roadmap_replaces_the_owners_overlapping_one(world: World) -> None:
    found = await people(world)
    first = await create(world, MUNI_COORD, "municipality", found.kedrovy, make_csv(), "a.csv")
    second = await create(world, MUNI_COORD, "municipality", found.kedrovy, make_csv(), "b.csv")
    assert second.replaced == [first.title]
    async with world.db() as session:
        old = await session.get(Roadmap, first.roadmap_id)
        pending = await session.scalar(
            select(func.count(RoadmapOccurrence.id)).where(
                RoadmapOccurrence.roadmap_id == first.roadmap_id,
                RoadmapOccurrence.next_notice_on.is_not(None),
            )
        )
    assert old.status == RoadmapStatus.archived and pending == 0
    # Another owner's roadmap is not touched.
    await create(world, SCHOOL_COORD, "organization", found.school, make_csv(), "c.csv")
    assert await count(world, Roadmap, Roadmap.status == RoadmapStatus.active) == 2


async def test_deadlines_already_gone_by_are_overdue_without_notices(world: World) -> None:
    found = await people(world)
    rows = [["1", "Назначение ответственного", "Приказ", "Май 2026 г.", "ОО"]]
    created = await create(
        world, MUNI_COORD, "municipality", found.kedrovy, make_csv(rows), "x.csv"
    )
    assert created.past == 2  # two schools in Kedrovy, May 2026 is before 25.11.2026
    async with world.db() as session:
        rows_found = list(await session.scalars(select(RoadmapOccurrence)))
        parties = list(await session.scalars(select(RoadmapParty.status)))
    assert {(o.status, o.next_notice_on) for o in rows_found} == {(OccurrenceStatus.overdue, None)}
    assert set(parties) == {OccurrenceStatus.overdue}


async def test_unparsed_and_event_deadlines_are_kept_and_flagged(world: World) -> None:
    found = await people(world)
    created = await create(world, MUNI_COORD, "municipality", found.kedrovy, make_csv(), "x.csv")
    assert (created.needs_dates, created.unrecognised, created.flagged_items) == (2, 1, 2)
    async with world.db() as session:
        undated = list(
            await session.scalars(
                select(RoadmapDeadline).where(RoadmapDeadline.needs_dates.is_(True))
            )
        )
    assert {d.kind for d in undated} == {"event_triggered", "unparsed"}
    assert {d.source_row for d in undated} == {6, 7}
    # No occurrences for them: nobody is reminded of a date that does not exist.
    async with world.db() as session:
        dated = await session.scalar(
            select(func.count(RoadmapOccurrence.id))
            .join(RoadmapParty, RoadmapParty.id == RoadmapOccurrence.party_id)
            .where(RoadmapParty.deadline_id.in_([d.id for d in undated]))
        )
    assert dated == 0


async def test_nothing_is_half_imported(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    found = await people(world)
    calls = {"n": 0}
    original = store._Writer.item

    async def failing(self: store._Writer, section_id: int, parsed: object) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk full")
        await original(self, section_id, parsed)  # type: ignore[arg-type]

    monkeypatch.setattr(store._Writer, "item", failing)
    with pytest.raises(RuntimeError):
        await create(world, MUNI_COORD, "municipality", found.kedrovy, make_csv(), "x.csv")
    for model in (Roadmap, RoadmapItem, RoadmapDeadline, RoadmapParty, RoadmapOccurrence):
        assert await count(world, model) == 0, model


async def test_preview_counts_what_would_be_created(world: World) -> None:
    found = await people(world)
    parsed = start_from_template("kedrovy-city-2020-2024", date(2026, 1, 1))
    async with world.db() as session:
        owner = await store.require_owner(
            session, await actor(world, MUNI_COORD), "municipality", found.kedrovy
        )
        preview = await store.preview_parties(session, world.app.clock, owner, parsed)
    assert await count(world, Roadmap) == 0
    async with world.db() as session:
        created = await store.create_roadmap(
            session,
            world.app.clock,
            await actor(world, MUNI_COORD),
            "municipality",
            found.kedrovy,
            parsed,
        )
    assert (preview.occurrences, preview.past) == (created.occurrences, created.past)
    assert preview.past > 0  # a 2026 period seen on 25.11.2026
    assert preview.municipalities == 1 and preview.organizations == 3


@pytest.mark.parametrize("name", sorted(seed_templates()))
async def test_the_preview_lists_exactly_the_deadlines_that_are_saved(
    world: World, name: str
) -> None:
    """Every "Срок" the preview lists (its phrase, responsible, kind, due dates, check-ins) is
    one saved deadline, in the same order, and nothing saved was not listed."""
    found = await people(world)
    parsed = start_from_template(name, date(2027, 1, 1))
    listed = [
        (
            e.phrase,
            e.responsible,
            e.kind,
            [d.isoformat() for d in e.spec.due_dates] if e.spec else None,
            [d.isoformat() for d in e.spec.check_in_dates] if e.spec else None,
        )
        for e in preview(parsed).deadlines
    ]
    async with world.db() as session:
        await store.create_roadmap(
            session,
            world.app.clock,
            await actor(world, MUNI_COORD),
            "municipality",
            found.kedrovy,
            parsed,
            template=name,
        )
    async with world.db() as session:
        rows = await session.execute(
            select(
                RoadmapDeadline.phrase,
                RoadmapDeadline.responsible,
                RoadmapDeadline.kind,
                RoadmapDeadline.due_dates,
                RoadmapDeadline.check_in_dates,
            )
            .join(RoadmapItem, RoadmapItem.id == RoadmapDeadline.item_id)
            .order_by(RoadmapItem.position, RoadmapDeadline.position)
        )
        saved = [(p, r, k, list(d), list(c)) for p, r, k, d, c in rows.all()]
    assert listed == saved and len(saved) == preview(parsed).deadline_count
