"""Helpers of the survey tests: the routers, a template with every kind, launching, ticking.

Holds no tests of its own; the survey test modules import from it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import func, select

from bot.app import App
from bot.services.access import Actor, actor_for
from bot.services.audience import AudienceSpec
from bot.services.surveys import campaigns
from bot.services.surveys.library import TemplateLibrary, load_library
from bot.services.surveys.templates import SurveyTemplate, parse_template
from models import Region
from models.enums import Role, ScopeLevel
from models.survey import SurveyCampaign
from scheduler.tick import run_due
from tests.support import World

ZONE_NAME = "Asia/Tomsk"


def _t(ru: str, en: str) -> dict[str, str]:
    return {"ru": ru, "en": en}


def kinds_template(*, anonymous: bool = False, version: int = 1, **extra: Any) -> SurveyTemplate:
    """A small template with every question kind, an optional question and a condition."""
    data: dict[str, Any] = {
        "id": "kinds",
        "version": version,
        "anonymous": anonymous,
        "audience": ["participant"],
        "title": _t("Проверка всех видов", "Every kind"),
        "intro": _t("Короткая анкета для проверки.", "A short test survey."),
        "sections": [
            {
                "id": "first",
                "title": _t("Первый раздел", "First section"),
                "questions": [
                    {
                        "id": "role",
                        "kind": "single",
                        "text": _t("Ваша роль?", "Your role?"),
                        "options": [
                            {"id": "teacher", "text": _t("Учитель", "Teacher")},
                            {"id": "other", "text": _t("Другое", "Other")},
                        ],
                    },
                    {
                        "id": "topics",
                        "kind": "multi",
                        "max_choices": 2,
                        "text": _t("Какие темы важны?", "Which topics matter?"),
                        "options": [
                            {"id": "a", "text": _t("Тема А", "Topic A")},
                            {"id": "b", "text": _t("Тема Б", "Topic B")},
                            {"id": "c", "text": _t("Тема В", "Topic C")},
                        ],
                    },
                    {
                        "id": "rate",
                        "kind": "scale",
                        "text": _t("Оцените поддержку", "Rate the support"),
                        "labels": {1: _t("плохо", "poor"), 5: _t("отлично", "great")},
                    },
                ],
            },
            {
                "id": "second",
                "title": _t("Второй раздел", "Second section"),
                "questions": [
                    {
                        "id": "years",
                        "kind": "number",
                        "min": 0,
                        "max": 60,
                        "integer": True,
                        "text": _t("Стаж, лет", "Experience, years"),
                    },
                    {
                        "id": "has_mentor",
                        "kind": "yesno",
                        "text": _t("Есть ли наставник?", "Do you have a mentor?"),
                    },
                    {
                        "id": "mentor_name",
                        "kind": "text",
                        "max_length": 20,
                        "show_if": {"question": "has_mentor", "equals": "yes"},
                        "text": _t("Как зовут наставника?", "Your mentor's name?"),
                    },
                    {
                        "id": "comment",
                        "kind": "text",
                        "optional": True,
                        "max_length": 50,
                        "text": _t("Комментарий", "A comment"),
                    },
                ],
            },
        ],
    }
    data.update(extra)
    return parse_template(data)


def library_with(*templates: SurveyTemplate) -> TemplateLibrary:
    shipped = {t.id: t for t in load_library()}
    shipped.update({t.id: t for t in templates})
    return TemplateLibrary(shipped)


def use_library(app: App, library: TemplateLibrary) -> None:
    """What the app factory does at start-up (bot/app.py), with a chosen library."""
    app.dispatcher["survey_library"] = library


async def region_id(world: World, code: str = "tomsk") -> int:
    async with world.db() as session:
        value = await session.scalar(select(Region.id).where(Region.code == code))
    assert value is not None
    return value


async def region_coordinator(world: World, tg_id: int = 700) -> Actor:
    person = await world.add_person(
        tg_id,
        name="Региональный Координатор",
        org="РЦРО",
        role=Role.mentor,  # so that an audience of mentees leaves the coordinator out
        coordinator_of=(ScopeLevel.region, await region_id(world)),
    )
    async with world.db() as session:
        from bot.services.registration import find_by_tg

        found = await find_by_tg(session, person.tg_id or 0)
        assert found is not None
        return actor_for(found.tg_id or 0, found, [])


async def tick(world: World) -> int:
    """Run what fell due, then deliver what it queued."""
    app = world.app
    done = 0
    for _ in range(10):  # work planned by work (open -> invite) is due at once: run it too
        ran = await run_due(app.factory, app.clock, app.settings, app.translator)
        if not ran:
            break
        done += ran
    await world.drain()
    return done


async def launch(
    world: World,
    actor: Actor,
    template: SurveyTemplate,
    spec: AudienceSpec | None = None,
    days: int = 14,
    opens_in: int = 0,
) -> int:
    """Launch a campaign as a coordinator would (set-up), open it and send the invitations."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(ZONE_NAME)
    async with world.db() as session:
        today = campaigns.local_today(world.app.clock, zone)
        opens = today + timedelta(days=opens_in)
        campaign = await campaigns.launch(
            session,
            world.app.clock,
            actor,
            template,
            spec or AudienceSpec(),
            opens,
            opens + timedelta(days=days - 1),
            zone,
        )
        campaign_id = campaign.id
    await tick(world)
    return campaign_id


async def get_campaign(world: World, campaign_id: int) -> SurveyCampaign:
    async with world.db() as session:
        campaign = await session.get(SurveyCampaign, campaign_id)
    assert campaign is not None
    return campaign


async def count_rows(world: World, model: type, *where: Any) -> int:
    async with world.db() as session:
        query = select(func.count()).select_from(model)
        for condition in where:
            query = query.where(condition)
        return int(await session.scalar(query) or 0)


async def teachers(world: World, *tg_ids: int, org: str = "СОШ № 1 г. Кедрового") -> None:
    for index, tg_id in enumerate(tg_ids):
        await world.add_person(tg_id, name=f"Учитель Номер {chr(1040 + index)}", org=org)


MENTEE = Role.mentee
