"""Campaign, schedule and answering rules as services, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import io
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import FakeClock
from bot.db import transaction
from bot.services import registration
from bot.services.access import Actor, Scope
from bot.services.audience import AudienceSpec
from bot.services.errors import Forbidden, InvalidInput, NotFound
from bot.services.registration import RegistrationDraft
from bot.services.surveys import campaigns, reporting, responding, schedules
from bot.services.surveys.campaigns import (
    MAX_CAMPAIGN_DAYS,
    campaign_window,
    default_spec,
)
from bot.services.surveys.library import TemplateLibrary, load_library
from bot.services.surveys.templates import TEMPLATES_DIR, SurveyTemplate, load_template
from models import DueTask, Organization, Participant, Region, RoleGrant
from models.enums import CampaignStatus, Category, ParticipantStatus, Role, ScopeLevel
from models.survey import SurveyCampaign, SurveyInvitation, SurveyResponse
from tests.support import muni_id

TOMSK = ZoneInfo("Asia/Tomsk")
CRITERIA = load_template(TEMPLATES_DIR / "tomsk_effectiveness_criteria.yaml")


# --- pure rules -----------------------------------------------------------------------------


def test_campaign_window_in_the_coordinators_zone() -> None:
    now = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)  # 10:00 in Tomsk
    opens, closes = campaign_window(now, TOMSK, date(2026, 11, 25), date(2026, 12, 8))
    assert opens == now  # today: at once
    assert closes == datetime(2026, 12, 8, 17, 0, tzinfo=UTC)  # 9 December 00:00 in Tomsk
    opens, _ = campaign_window(now, TOMSK, date(2026, 11, 26), date(2026, 11, 26))
    assert opens == datetime(2026, 11, 26, 3, 0, tzinfo=UTC)  # a later day: 10:00 local
    cases = [
        (date(2026, 11, 24), date(2026, 12, 1), "survey-opens-in-past"),
        (date(2040, 9, 1), date(2040, 9, 30), "survey-opens-too-far"),
        (date(2026, 11, 26), date(2026, 11, 25), "survey-closes-before-opening"),
        (
            date(2026, 11, 25),
            date(2026, 11, 25) + timedelta(days=MAX_CAMPAIGN_DAYS),
            "survey-too-long",
        ),
    ]
    for opens_on, closes_on, key in cases:
        with pytest.raises(InvalidInput) as error:
            campaign_window(now, TOMSK, opens_on, closes_on)
        assert error.value.key == key


def test_next_run_of_a_schedule() -> None:
    after = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)
    assert schedules.next_run([5, 11], TOMSK, after) == datetime(2027, 5, 1, 3, 0, tzinfo=UTC)
    assert schedules.next_run([12], TOMSK, after) == datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
    # exactly at a run: the next one, not the same
    at_run = datetime(2027, 5, 1, 3, 0, tzinfo=UTC)
    assert schedules.next_run([5, 11], TOMSK, at_run) == datetime(2027, 11, 1, 3, 0, tzinfo=UTC)
    with pytest.raises(InvalidInput):
        schedules.next_run([], TOMSK, after)


def test_default_audience_follows_the_template() -> None:
    library = load_library()
    assert default_spec(library.get("tomsk_effectiveness_criteria")) == AudienceSpec(
        categories=frozenset({"teacher"})
    )
    assert default_spec(library.get("mentor_satisfaction_start")).roles == {"mentor"}
    assert default_spec(library.get("coordinator_roadmap")).roles == {"coordinator"}
    with pytest.raises(NotFound):
        library.get("no_such_template")


def test_the_library_loads_at_start_and_a_broken_template_stops_it(tmp_path) -> None:
    assert len(load_library()) == 7
    (tmp_path / "broken.yaml").write_text(
        (TEMPLATES_DIR / "flash_feedback.yaml")
        .read_text("utf-8")
        .replace("kind: scale", "kind: slider", 1),
        "utf-8",
    )
    from bot.services.surveys.templates import TemplateError

    with pytest.raises(TemplateError) as error:
        load_library(tmp_path)
    assert "broken.yaml" in str(error.value) and error.value.code == "unknown_kind"
    assert error.value.question_id is not None
    assert error.value.question_id in str(error.value)


# --- with a database ------------------------------------------------------------------------


async def _org(session: AsyncSession, short: str) -> int:
    value = await session.scalar(select(Organization.id).where(Organization.short_name == short))
    assert value is not None
    return value


async def _person(
    session: AsyncSession, clock: FakeClock, tg_id: int, short: str, role: Role = Role.mentee
) -> Participant:
    person = await registration.register(
        session,
        clock,
        tg_id,
        RegistrationDraft(
            consent_version="v",
            consent_at=clock.now(),
            language="ru",
            full_name="Участник " + "".join(chr(1072 + int(d)) for d in str(tg_id)),
            category=Category.teacher,
            organization_id=await _org(session, short),
            role=role,
            capacity=1,
            formats=["online"],
        ),
    )
    person.status = ParticipantStatus.active  # as if a coordinator had approved them
    await session.flush()
    return person


async def _coordinator(
    session: AsyncSession, clock: FakeClock, tg_id: int, short: str, scope: Scope
) -> Actor:
    person = await _person(session, clock, tg_id, short, Role.mentor)
    session.add(
        RoleGrant(
            participant_id=person.id,
            role=Role.coordinator,
            scope_level=scope.level,
            scope_id=scope.id,
            created_at=clock.now(),
        )
    )
    await session.flush()
    return Actor(tg_id=tg_id, participant_id=person.id, scopes=(scope,))


async def _open(
    factory: async_sessionmaker[AsyncSession], clock: FakeClock, actor: Actor, spec: AudienceSpec
) -> int:
    async with transaction(factory) as session:
        today = campaigns.local_today(clock, TOMSK)
        campaign = await campaigns.launch(
            session, clock, actor, CRITERIA, spec, today, today + timedelta(days=13), TOMSK
        )
        await campaigns.open_campaign(session, clock, campaign.id)
        return campaign.id


async def _answer_all(
    factory: async_sessionmaker[AsyncSession],
    clock: FakeClock,
    person: Participant | None,
    campaign_id: int,
    submit: bool = True,
) -> None:
    async with transaction(factory) as session:
        screen = await responding.begin(session, clock, person, campaign_id)
        while screen.question is not None:
            if screen.question.optional:
                screen = await responding.skip(session, clock, person, campaign_id, screen.position)
            else:
                screen = await responding.choose(
                    session, clock, person, campaign_id, screen.position, 0
                )
        if submit:
            await responding.submit(session, clock, person, campaign_id)


async def test_launch_pins_the_template_and_opening_invites_the_audience(
    factory: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with transaction(factory) as session:
        kedr = await muni_id(session, "Город Кедровый")
        actor = await _coordinator(
            session, clock, 1, "Отдел образования г. Кедровый", Scope(ScopeLevel.municipality, kedr)
        )
        await _person(session, clock, 2, "СОШ № 1 г. Кедрового")
        await _person(session, clock, 3, "Пудинская СОШ")
        await _person(session, clock, 4, "Зональненская СОШ")  # another municipality
    spec = AudienceSpec(roles=frozenset({"mentee"}))
    async with transaction(factory) as session:
        with pytest.raises(Forbidden):
            await campaigns.launch(
                session,
                clock,
                actor,
                CRITERIA,
                AudienceSpec(
                    organization_ids=frozenset({await _org(session, "Зональненская СОШ")})
                ),
                date(2026, 11, 25),
                date(2026, 11, 30),
                TOMSK,
            )
        with pytest.raises(InvalidInput) as error:
            await campaigns.launch(
                session,
                clock,
                actor,
                CRITERIA,
                AudienceSpec(roles=frozenset({"coordinator"}), categories=frozenset({"student"})),
                date(2026, 11, 25),
                date(2026, 11, 30),
                TOMSK,
            )
        assert error.value.key == "survey-audience-empty"
        campaign = await campaigns.launch(
            session, clock, actor, CRITERIA, spec, date(2026, 11, 26), date(2026, 11, 30), TOMSK
        )
        campaign_id = campaign.id
        assert (
            campaign.snapshot == CRITERIA.snapshot() and campaign.status == CampaignStatus.scheduled
        )
        assert campaign.audience_size == 2
        kinds = set(await session.scalars(select(DueTask.kind)))
        assert kinds == {"survey-open", "survey-close"}
    # Someone registers before the opening: the audience is taken when the campaign opens.
    async with transaction(factory) as session:
        await _person(session, clock, 5, "ДДТ г. Кедрового")
        opened = await campaigns.open_campaign(session, clock, campaign_id)
        assert (
            opened is not None
            and opened.status == CampaignStatus.open
            and opened.audience_size == 3
        )
        assert await campaigns.open_campaign(session, clock, campaign_id) is None  # once only
        invited = await session.scalar(
            select(func.count(SurveyInvitation.id)).where(
                SurveyInvitation.campaign_id == campaign_id
            )
        )
        assert invited == 3


async def test_one_submission_even_when_two_devices_race(
    factory: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with transaction(factory) as session:
        kedr = await muni_id(session, "Город Кедровый")
        actor = await _coordinator(
            session, clock, 1, "Отдел образования г. Кедровый", Scope(ScopeLevel.municipality, kedr)
        )
        teacher = await _person(session, clock, 2, "СОШ № 1 г. Кедрового")
    campaign_id = await _open(factory, clock, actor, AudienceSpec(roles=frozenset({"mentee"})))
    await _answer_all(factory, clock, teacher, campaign_id, submit=False)

    async def submit() -> str:
        try:
            async with transaction(factory) as session:
                await responding.submit(session, clock, teacher, campaign_id)
            return "ok"
        except InvalidInput as error:
            return error.key

    outcomes = sorted(await asyncio.gather(submit(), submit()))
    assert outcomes[0] == "ok" and outcomes[1] in {
        "survey-already-submitted",
        "survey-stale-question",  # the loser found the answers in progress already gone
    }
    async with transaction(factory) as session:
        count = await session.scalar(
            select(func.count(SurveyResponse.id)).where(SurveyResponse.campaign_id == campaign_id)
        )
        assert count == 1
        response = await session.scalar(select(SurveyResponse))
        assert response is not None and response.participant_id is None  # anonymous
    assert await submit() == "survey-already-submitted"


async def test_results_are_limited_to_the_viewers_scope(
    factory: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with transaction(factory) as session:
        region_id = await session.scalar(select(Region.id).where(Region.code == "tomsk"))
        assert region_id is not None
        regional = await _coordinator(
            session, clock, 1, "РЦРО", Scope(ScopeLevel.region, region_id)
        )
        school = await _org(session, "СОШ № 1 г. Кедрового")
        school_actor = await _coordinator(
            session, clock, 2, "СОШ № 1 г. Кедрового", Scope(ScopeLevel.organization, school)
        )
        people = [await _person(session, clock, 10 + i, "СОШ № 1 г. Кедрового") for i in range(3)]
        people += [await _person(session, clock, 20 + i, "Зональненская СОШ") for i in range(4)]
    campaign_id = await _open(factory, clock, regional, AudienceSpec(roles=frozenset({"mentee"})))
    for person in people[:2] + people[3:6]:
        await _answer_all(factory, clock, person, campaign_id)
    async with transaction(factory) as session:
        everyone = await reporting.build_report(session, regional, campaign_id, "organization")
        assert everyone.results.responses == 5 and everyone.results.overall.audience == 7
        assert everyone.hidden is False
        mine = await reporting.build_report(session, school_actor, campaign_id, None)
        assert mine.results.responses == 2 and mine.results.overall.audience == 3
        assert mine.hidden is True  # an anonymous survey, two answers: not shown
        with pytest.raises(InvalidInput):
            await reporting.export(session, school_actor, mine, "ru", TOMSK)
        counts = await campaigns.counts_in_scope(session, school_actor, mine.campaign)
        assert (counts.invited, counts.submitted) == (3, 2)
        samara = await _org(session, "СОШ № 1 Самара")
        outsider = Actor(tg_id=9, scopes=(Scope(ScopeLevel.organization, samara),))
        with pytest.raises(NotFound):
            await reporting.build_report(session, outsider, campaign_id, None)
        with pytest.raises(Forbidden):
            await reporting.build_report(session, Actor(tg_id=10), campaign_id, None)


def _cells(payload: bytes) -> dict[str, list[tuple[Any, ...]]]:
    book = load_workbook(io.BytesIO(payload), read_only=True)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


async def test_named_export_in_one_pass_is_the_report_and_its_xlsx(
    factory: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    """build_export reads a named campaign's responses once, for the results and the raw
    sheet together: the same report and the same workbook as build_report then export, and
    only the viewer's scope."""
    named = SurveyTemplate.from_snapshot({**CRITERIA.snapshot(), "anonymous": False})
    async with transaction(factory) as session:
        kedr = await muni_id(session, "Город Кедровый")
        municipal = await _coordinator(
            session, clock, 1, "Отдел образования г. Кедровый", Scope(ScopeLevel.municipality, kedr)
        )
        people = [await _person(session, clock, 10 + i, "СОШ № 1 г. Кедрового") for i in range(2)]
        people += [await _person(session, clock, 20 + i, "Пудинская СОШ") for i in range(3)]
        outside = await _person(session, clock, 30, "Зональненская СОШ")
        region_id = await session.scalar(select(Region.id).where(Region.code == "tomsk"))
        assert region_id is not None
        region = Scope(ScopeLevel.region, region_id)
        regional = await _coordinator(session, clock, 2, "РЦРО", region)
        today = campaigns.local_today(clock, TOMSK)
        campaign = await campaigns.launch(
            session,
            clock,
            regional,
            named,
            AudienceSpec(roles=frozenset({"mentee"})),
            today,
            today + timedelta(days=13),
            TOMSK,
        )
        await campaigns.open_campaign(session, clock, campaign.id)
        campaign_id = campaign.id
    for person in [*people[1:], outside]:
        await _answer_all(factory, clock, person, campaign_id)
    async with transaction(factory) as session:
        report, payload = await reporting.build_export(
            session, municipal, campaign_id, "organization", "ru", TOMSK
        )
        separate = await reporting.build_report(session, municipal, campaign_id, "organization")
        expected = await reporting.export(session, municipal, separate, "ru", TOMSK)
    assert report.results == separate.results and report.group_names == separate.group_names
    assert report.results.responses == 4 and report.results.overall.audience == 5
    assert sorted(report.group_names.values()) == ["Пудинская СОШ", "СОШ № 1 г. Кедрового"]
    sheets = _cells(payload)
    assert sheets == _cells(expected)
    raw = sheets["Ответы"]
    assert len(raw) == 1 + 4  # the header and the four answers of the municipality
    assert {row[1] for row in raw[1:]} == {"Пудинская СОШ", "СОШ № 1 г. Кедрового"}
    assert list(sheets)[:: len(sheets) - 1] == ["Сводка", "Ответы"]  # the raw sheet last


async def test_a_schedule_stops_when_its_owner_is_no_coordinator(
    factory: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with transaction(factory) as session:
        kedr = await muni_id(session, "Город Кедровый")
        actor = await _coordinator(
            session, clock, 1, "Отдел образования г. Кедровый", Scope(ScopeLevel.municipality, kedr)
        )
        await _person(session, clock, 2, "СОШ № 1 г. Кедрового")
        schedule = await schedules.create_schedule(
            session, clock, actor, CRITERIA, AudienceSpec(), [12], 14, TOMSK
        )
        schedule_id = schedule.id
        with pytest.raises(InvalidInput):
            await schedules.create_schedule(
                session, clock, actor, CRITERIA, AudienceSpec(), [], 14, TOMSK
            )
    library = TemplateLibrary({CRITERIA.id: CRITERIA})
    clock.set(datetime(2026, 12, 1, 3, 0, tzinfo=UTC))
    async with transaction(factory) as session:
        run = await schedules.run_schedule(session, clock, library, [], schedule_id)
        assert run is not None and run.campaign is not None
        assert await schedules.run_schedule(session, clock, library, [], schedule_id) is None
        grant = await session.scalar(select(RoleGrant).where(RoleGrant.role == "coordinator"))
        await session.delete(grant)
    clock.set(datetime(2027, 12, 1, 3, 0, tzinfo=UTC))
    async with transaction(factory) as session:
        run = await schedules.run_schedule(session, clock, library, [], schedule_id)
        assert run is not None and run.skipped == "survey-schedule-owner-gone"
        assert run.schedule.active is False
        assert await session.scalar(select(func.count(SurveyCampaign.id))) == 1


async def test_personal_data_export_and_erasure(
    factory: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    from bot.services.surveys import personal

    named = type(CRITERIA).from_snapshot({**CRITERIA.snapshot(), "anonymous": False})
    async with transaction(factory) as session:
        kedr = await muni_id(session, "Город Кедровый")
        actor = await _coordinator(
            session, clock, 1, "Отдел образования г. Кедровый", Scope(ScopeLevel.municipality, kedr)
        )
        teacher = await _person(session, clock, 2, "СОШ № 1 г. Кедрового")
        today = campaigns.local_today(clock, TOMSK)
        spec = AudienceSpec(roles=frozenset({"mentee"}))
        ids = []
        for template in (named, CRITERIA, named):
            campaign = await campaigns.launch(
                session, clock, actor, template, spec, today, today, TOMSK
            )
            await campaigns.open_campaign(session, clock, campaign.id)
            ids.append(campaign.id)
    await _answer_all(factory, clock, teacher, ids[0])  # named, submitted
    await _answer_all(factory, clock, teacher, ids[1])  # anonymous, submitted
    async with transaction(factory) as session:  # named, in progress
        await responding.begin(session, clock, teacher, ids[2])
    async with transaction(factory) as session:
        exported = await personal.export_personal_data(session, teacher.id)
        assert [item["campaign"] for item in exported["survey_answers"]] == [ids[0]]
        assert [item["campaign"] for item in exported["survey_answers_in_progress"]] == [ids[2]]
        await personal.erase_personal_data(session, teacher.id)
    async with transaction(factory) as session:
        assert await personal.export_personal_data(session, teacher.id) == {
            "survey_answers": [],
            "survey_answers_in_progress": [],
        }
        kept = await session.scalar(
            select(func.count(SurveyResponse.id)).where(SurveyResponse.campaign_id == ids[0])
        )
        assert kept == 1  # still counted, no longer theirs
