"""The rules of a party's deadline: statuses with evidence and reasons, history, postponing
through the level above, dates set by hand, and what /roadmap counts."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from bot.services.errors import Forbidden, InvalidInput, NotFound
from bot.services.roadmaps import progress, status
from bot.services.roadmaps.status import parse_one_date, summary_status
from models.enums import OccurrenceEvent, OccurrenceStatus, ScopeLevel
from models.roadmap import (
    RoadmapDeadline,
    RoadmapOccurrence,
    RoadmapParty,
    RoadmapStatusEvent,
)
from tests.roadmap_support import (
    MUNI_COORD,
    OTHER_SCHOOL_COORD,
    REGION_COORD,
    ROWS,
    SCHOOL_COORD,
    Ids,
    actor,
    create,
    make_csv,
    people,
)
from tests.support import World

FEBRUARY = [["1", "Назначение ответственного лица", "Приказ", "Февраль 2027 г.", "ОО"]]
TODAY = date(2026, 11, 25)


async def school_occurrence(world: World, found: Ids, org_id: int | None = None) -> int:
    async with world.db() as session:
        return int(
            await session.scalar(
                select(RoadmapOccurrence.id)
                .join(RoadmapParty, RoadmapParty.id == RoadmapOccurrence.party_id)
                .where(RoadmapParty.scope_id == (org_id or found.school))
                .where(RoadmapParty.level == "organization")
            )
        )


async def setup(world: World) -> tuple[Ids, int]:
    found = await people(world)
    await create(world, MUNI_COORD, "municipality", found.kedrovy, make_csv(FEBRUARY), "f.csv")
    return found, await school_occurrence(world, found)


def test_summary_status() -> None:
    assert summary_status([]) == OccurrenceStatus.planned
    assert (
        summary_status([OccurrenceStatus.done, OccurrenceStatus.overdue])
        == OccurrenceStatus.overdue
    )
    assert (
        summary_status(
            [OccurrenceStatus.done, OccurrenceStatus.in_progress, OccurrenceStatus.planned]
        )
        == OccurrenceStatus.in_progress
    )
    assert (
        summary_status([OccurrenceStatus.done, OccurrenceStatus.planned])
        == OccurrenceStatus.planned
    )
    assert (
        summary_status([OccurrenceStatus.done, OccurrenceStatus.not_applicable])
        == OccurrenceStatus.done
    )
    assert summary_status([OccurrenceStatus.not_applicable]) == OccurrenceStatus.not_applicable


async def test_statuses_need_evidence_and_reasons(world: World) -> None:
    _, occ = await setup(world)
    school = await actor(world, SCHOOL_COORD)
    clock = world.app.clock
    async with world.db() as session:
        with pytest.raises(InvalidInput) as missing:
            await status.set_status(
                session, clock, school, occ, OccurrenceStatus.done, comment="  "
            )
        assert missing.value.key == "roadmap-evidence-required"
        with pytest.raises(InvalidInput) as no_reason:
            await status.set_status(session, clock, school, occ, OccurrenceStatus.not_applicable)
        assert no_reason.value.key == "roadmap-reason-required"
        with pytest.raises(InvalidInput) as too_long:
            await status.set_status(
                session, clock, school, occ, OccurrenceStatus.done, comment="x" * 1001
            )
        assert too_long.value.key == "error-text-too-long"
        with pytest.raises(InvalidInput):
            await status.set_status(session, clock, school, occ, OccurrenceStatus.overdue)
        card = await status.set_status(session, clock, school, occ, OccurrenceStatus.in_progress)
        assert card.status == OccurrenceStatus.in_progress
        with pytest.raises(InvalidInput) as again:
            await status.set_status(session, clock, school, occ, OccurrenceStatus.in_progress)
        assert again.value.key == "roadmap-status-unchanged"
        card = await status.set_status(
            session, clock, school, occ, OccurrenceStatus.done, file_id="F1", file_name="приказ.pdf"
        )
        assert (card.status, card.evidence_file_name) == (OccurrenceStatus.done, "приказ.pdf")
        assert [h.status for h in card.history] == [
            OccurrenceEvent.done,
            OccurrenceEvent.in_progress,
        ]
        with pytest.raises(InvalidInput) as closed:
            await status.set_status(
                session, clock, school, occ, OccurrenceStatus.not_applicable, comment="x"
            )
        assert closed.value.key == "roadmap-already-closed"
        occurrence = await session.get(RoadmapOccurrence, occ)
        party = await session.get(RoadmapParty, occurrence.party_id)
        assert occurrence.next_notice_on is None and party.status == OccurrenceStatus.done


async def test_only_the_scope_of_the_party_may_act(world: World) -> None:
    _, occ = await setup(world)
    clock = world.app.clock
    async with world.db() as session:
        with pytest.raises(NotFound):
            await status.get_card(session, await actor(world, OTHER_SCHOOL_COORD), occ)
        with pytest.raises(NotFound):
            await status.set_status(
                session,
                clock,
                await actor(world, OTHER_SCHOOL_COORD),
                occ,
                OccurrenceStatus.in_progress,
            )
        # The levels above may: the municipality and the region hold the school.
        for tg_id in (MUNI_COORD, REGION_COORD):
            card = await status.get_card(session, await actor(world, tg_id), occ)
            assert card.party_label == "СОШ № 1 г. Кедрового"
        events = await session.scalar(select(RoadmapStatusEvent.id))
    assert events is None


async def test_postponing_through_the_level_above(world: World) -> None:
    _, occ = await setup(world)
    clock = world.app.clock
    school = await actor(world, SCHOOL_COORD)
    async with world.db() as session:
        for text, key in (
            ("когда-нибудь", "roadmap-date-not-understood"),
            ("15.03.2035", "roadmap-date-outside-period"),
            ("01.02.2027", "roadmap-postpone-not-later"),
        ):
            with pytest.raises(InvalidInput) as refused:
                await status.request_postpone(session, clock, school, occ, text)
            assert refused.value.key == key, text
        result = await status.request_postpone(
            session, clock, school, occ, "15 марта 2027\nприказ ещё не подписан"
        )
    assert not result.applied and result.reason == "приказ ещё не подписан"
    assert [a.tg_id for a in result.approvers] == [MUNI_COORD]
    async with world.db() as session:
        with pytest.raises(InvalidInput) as twice:
            await status.request_postpone(session, clock, school, occ, "20.03.2027")
        assert twice.value.key == "roadmap-postpone-pending"
        with pytest.raises(Forbidden):
            await status.decide_postpone(session, clock, school, result.postponement_id, True)
        with pytest.raises(NotFound):
            await status.decide_postpone(
                session, clock, await actor(world, OTHER_SCHOOL_COORD), result.postponement_id, True
            )
        decision = await status.decide_postpone(
            session, clock, await actor(world, MUNI_COORD), result.postponement_id, True
        )
        assert decision.requester is not None and decision.requester.tg_id == SCHOOL_COORD
        with pytest.raises(InvalidInput):
            await status.decide_postpone(
                session, clock, await actor(world, MUNI_COORD), result.postponement_id, False
            )
        occurrence = await session.get(RoadmapOccurrence, occ)
    assert occurrence.due_on == date(2027, 3, 15)
    assert occurrence.next_notice_on == date(2027, 3, 1)  # the notices start over


async def test_the_level_above_moves_a_date_at_once(world: World) -> None:
    found, occ = await setup(world)
    async with world.db() as session:
        result = await status.request_postpone(
            session, world.app.clock, await actor(world, MUNI_COORD), occ, "31.03.2027"
        )
    assert result.applied and result.card.due_on == date(2027, 3, 31)
    # The region's own deadline has no level above: its coordinator moves it.
    rows = [["1", "Рекомендации", "Рекомендации", "Февраль 2027 г.", "ОГБУ «РЦРО»"]]
    await create(world, REGION_COORD, "region", found.region, make_csv(rows), "r.csv")
    async with world.db() as session:
        region_occ = await session.scalar(
            select(RoadmapOccurrence.id)
            .join(RoadmapParty, RoadmapParty.id == RoadmapOccurrence.party_id)
            .where(RoadmapParty.level == "region")
        )
        moved = await status.request_postpone(
            session, world.app.clock, await actor(world, REGION_COORD), region_occ, "30.04.2027"
        )
    assert moved.applied


async def test_nobody_above_to_ask(world: World) -> None:
    samara_school = await world.org_id("СОШ № 1 Самара")
    await world.add_person(
        7101,
        name="Самарский Координатор",
        org="СОШ № 1 Самара",
        coordinator_of=(ScopeLevel.organization, samara_school),
    )
    await create(world, 7101, "organization", samara_school, make_csv(FEBRUARY), "s.csv")
    async with world.db() as session:
        occ = await session.scalar(select(RoadmapOccurrence.id))
        with pytest.raises(InvalidInput) as nobody:
            await status.request_postpone(
                session, world.app.clock, await actor(world, 7101), occ, "15.03.2027"
            )
    assert nobody.value.key == "roadmap-postpone-nobody-above"


def test_one_date_from_a_phrase() -> None:
    start, end = date(2026, 1, 1), date(2028, 12, 31)
    assert parse_one_date("15.06.2027", start, end) == date(2027, 6, 15)
    assert parse_one_date("до 15 июня 2027 г.", start, end) == date(2027, 6, 15)
    assert parse_one_date("июнь 2027", start, end) == date(2027, 6, 30)
    with pytest.raises(InvalidInput):
        parse_one_date("ежеквартально", start, end)
    with pytest.raises(InvalidInput):
        parse_one_date("31.02.2027", start, end)


async def test_dates_for_deadlines_without_them(world: World) -> None:
    found = await people(world)
    await create(world, MUNI_COORD, "municipality", found.kedrovy, make_csv(ROWS), "x.csv")
    clock = world.app.clock
    muni = await actor(world, MUNI_COORD)
    async with world.db() as session:
        event, unparsed = list(
            await session.scalars(
                select(RoadmapDeadline.id)
                .where(RoadmapDeadline.needs_dates.is_(True))
                .order_by(RoadmapDeadline.id)
            )
        )
        for text, key in (
            ("потом", "roadmap-date-not-understood"),
            ("Май 2035", "roadmap-date-outside-period"),
            ("Май 2026", "roadmap-date-in-past"),
        ):
            with pytest.raises(InvalidInput) as refused:
                await status.set_deadline_dates(session, clock, muni, event, text)
            assert refused.value.key == key
        with pytest.raises(NotFound):
            await status.set_deadline_dates(
                session, clock, await actor(world, SCHOOL_COORD), event, "Май 2027"
            )
        dated = await status.set_deadline_dates(
            session, clock, muni, unparsed, "Май 2027, далее ежегодно"
        )
        assert dated.due_dates == (date(2027, 5, 31), date(2028, 5, 31))
        assert dated.parties == 0  # "Совет ветеранов": nobody to remind, still flagged
        with pytest.raises(InvalidInput) as again:
            await status.set_deadline_dates(session, clock, muni, unparsed, "Май 2027")
        assert again.value.key == "roadmap-dates-already-set"
        dated = await status.set_deadline_dates(session, clock, muni, event, "Сентябрь 2027")
        assert (dated.parties, dated.occurrences) == (1, 1)
        found_needs = await progress.needs_dates(session, muni)
        unknown = await progress.unrecognised(session, muni)
    assert found_needs == [] and [u.text for u in unknown] == ["Совет ветеранов"]


async def test_overview_counts_the_scope(world: World) -> None:
    found, _ = await setup(world)
    rows = [["1", "Отчёт", "Отчёт", "Ноябрь 2026 г.", "ОО"]]  # due 30.11.2026: soon
    await create(world, REGION_COORD, "region", found.region, make_csv(rows), "r.csv")
    async with world.db() as session:
        school_view = await progress.overview(session, await actor(world, SCHOOL_COORD), TODAY)
        muni_view = await progress.overview(session, await actor(world, MUNI_COORD), TODAY)
        region_view = await progress.overview(session, await actor(world, REGION_COORD), TODAY)
    assert len(school_view.roadmaps) == 2  # the municipality's and the region's name it
    assert [m.due_on for m in school_view.mine] == [date(2026, 11, 30)]
    assert school_view.soon_total == 1 and school_view.soon[0].label == "СОШ № 1 г. Кедрового"
    assert muni_view.soon_total == 2 and muni_view.soon[0].parties == 2
    assert muni_view.mine == []  # the municipality itself has no deadline here
    assert region_view.soon_total == 8  # every school of the region, in one line
    assert region_view.soon[0].parties == 8 and region_view.overdue_total == 0
