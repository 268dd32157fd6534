"""Surveys as the real app is wired: the routers listed in handlers/__init__.py, the template
library validated by the app factory, the reminder settings."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.app import build_app
from bot.fakes.telegram import FakeTelegram
from bot.i18n import Translator
from bot.services.audience import AudienceSpec
from bot.services.surveys.library import library_at
from bot.services.surveys.templates import TEMPLATES_DIR, TemplateError, load_template
from handlers import campaigns, get_routers, surveys
from models.enums import Category, MentorshipStatus
from models.mentorship import Mentorship, MentorshipMentee
from models.survey import SurveyCampaign
from tests.conftest import base_settings
from tests.support import World
from tests.survey_helpers import launch, region_coordinator, teachers, tick

CRITERIA = load_template(TEMPLATES_DIR / "tomsk_effectiveness_criteria.yaml")


def test_the_survey_routers_are_registered_before_the_catch_all() -> None:
    routers = get_routers()
    at = [r.name for r in routers].index("handlers.fallback")
    # packages: a fresh router per dispatcher, their dialogs included
    for package in (surveys, campaigns):
        [router] = [r for r in routers if r.name == package.__name__]
        assert routers.index(router) < at


async def test_surveys_and_campaigns_answer_in_the_real_app(world: World) -> None:
    await region_coordinator(world)
    await teachers(world, 901)
    teacher = world.user(901)
    await teacher.send("/surveys")
    assert "открытых анкет для вас нет" in teacher.last_text
    coordinator = world.user(700)
    await coordinator.send("/campaigns")
    assert "Пока ни одного анкетирования" in coordinator.last_text
    await coordinator.click("➕ Новое анкетирование")
    # The library the app factory loaded offers every shipped template.
    assert "Критерии эффективности" in " ".join(coordinator.buttons())
    await teacher.send("/help")
    assert "/surveys" in teacher.last_text


def test_the_app_factory_validates_the_templates(tmp_path: Path, translator: Translator) -> None:
    app = build_app(
        base_settings(), session=FakeTelegram(), with_scheduler=False, translator=translator
    )
    assert len(app.dispatcher["survey_library"]) == 7
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        (TEMPLATES_DIR / "flash_feedback.yaml")
        .read_text("utf-8")
        .replace("kind: scale", "kind: slider", 1),
        "utf-8",
    )
    with pytest.raises(TemplateError) as error:
        build_app(
            base_settings(survey_templates_dir=str(tmp_path)),
            session=FakeTelegram(),
            with_scheduler=False,
            translator=translator,
        )
    assert "broken.yaml" in str(error.value) and error.value.code == "unknown_kind"
    assert error.value.question_id is not None and error.value.question_id in str(error.value)
    # Fixed, the same folder loads (a failure is not remembered).
    broken.write_text((TEMPLATES_DIR / "flash_feedback.yaml").read_text("utf-8"), "utf-8")
    assert [t.id for t in library_at(tmp_path)] == ["flash_feedback"]


def test_the_runner_turns_a_broken_template_into_a_clear_exit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio

    from bot import runner

    (tmp_path / "bad.yaml").write_text("id: bad\nversion: [\n", "utf-8")
    settings = base_settings(survey_templates_dir=str(tmp_path), bot_token="1:x")

    async def no_upgrade(url: str) -> None:
        return None

    monkeypatch.setattr(runner, "upgrade", no_upgrade)
    with pytest.raises(SystemExit) as stopped:
        asyncio.run(runner.run(settings))
    assert "bad.yaml" in str(stopped.value.code)


async def test_reminders_follow_the_settings(world: World) -> None:
    world.app.settings.survey_reminder_days = 5
    world.app.settings.survey_max_reminders = 1
    actor = await region_coordinator(world)
    await teachers(world, 911)
    await launch(world, actor, CRITERIA, AudienceSpec(categories=frozenset({"teacher"})), days=20)

    def reminders() -> int:
        return sum("Напоминание" in (m.text or "") for m in world.fake.sent_messages(911))

    world.app.clock.advance(timedelta(days=4))
    await tick(world)
    assert reminders() == 0  # the default would have reminded on day 3
    world.app.clock.advance(timedelta(days=1))
    await tick(world)
    assert reminders() == 1
    world.app.clock.advance(timedelta(days=10))
    await tick(world)
    assert reminders() == 1  # at most once
    coordinator = world.user(700)
    await coordinator.send("/campaigns")
    await coordinator.click(0)
    assert "раз в 5 дней, не больше 1 раза" in coordinator.last_text


async def test_the_wizard_filters_by_form_category_and_municipality(world: World) -> None:
    await region_coordinator(world)
    mentor = await world.add_person(921, name="Наставник Группы", role="mentor")
    mentee = await world.add_person(922, name="Наставляемый Группы")
    await world.add_person(923, name="Учитель Без Пары")
    await world.add_person(924, name="Студент Вуза", category=Category.university_student)
    await world.add_person(925, name="Учитель Района", org="Зональненская СОШ")
    async with world.db() as session:
        group = Mentorship(
            organization_id=mentor.organization_id,
            mentor_id=mentor.id,
            form="group",
            model_element="adaptation",
            role_model="teacher_teacher",
            status=MentorshipStatus.active,
            started_on=date(2026, 9, 1),
            created_at=world.app.clock.now(),
        )
        session.add(group)
        await session.flush()
        session.add(MentorshipMentee(mentorship_id=group.id, participant_id=mentee.id))
        await session.commit()
    coordinator = world.user(700)
    await coordinator.send("/campaigns")
    await coordinator.click("➕ Новое анкетирование")
    await coordinator.click("Входная анкета наставника")
    await coordinator.click("Роли")
    await coordinator.click("✅ Наставник")  # the template's default: mentors; now anyone
    await coordinator.click("Готово")
    assert "Получат анкету сейчас: 6 человек" in coordinator.last_text  # with the coordinator
    await coordinator.click("Формы наставничества")
    await coordinator.click("групповая («круги наставничества»)")
    await coordinator.click("Готово")
    text = coordinator.last_text
    assert "Формы наставничества: групповая" in text
    assert "Получат анкету сейчас: 2 человека" in text  # the group's mentor and mentee
    await coordinator.click("Формы наставничества")
    await coordinator.click("✅ групповая («круги наставничества»)")
    await coordinator.click("Готово")
    await coordinator.click("Категории")
    await coordinator.click("Студент вуза")
    await coordinator.click("Готово")
    assert "Получат анкету сейчас: 1 человек " in coordinator.last_text
    await coordinator.click("Категории")
    await coordinator.click("✅ Студент вуза")
    await coordinator.click("Готово")
    await coordinator.click("Муниципалитеты")
    await coordinator.click("Томский район")
    await coordinator.click("Готово")
    assert "Получат анкету сейчас: 1 человек " in coordinator.last_text
    await coordinator.click("Далее ▶")
    await coordinator.click("Сегодня")
    await coordinator.click("14 дней (до 08.12)")
    await coordinator.click("🚀 Запустить")
    async with world.db() as session:
        campaign = await session.scalar(select(SurveyCampaign))
    assert campaign is not None and campaign.audience_size == 1
    assert campaign.audience["municipality_ids"] and campaign.audience["roles"] == []


def test_the_scheduler_draws_survey_messages_without_the_handlers() -> None:
    """Layering: scheduler jobs are thin adapters over services; they import no handler
    (and the survey services import no aiogram)."""
    import ast

    root = Path(__file__).resolve().parent.parent
    files = [root / "scheduler" / "survey_jobs.py", *(root / "bot/services/surveys").glob("*.py")]
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = [
            node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
        ] + [
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        ]
        assert not [m for m in modules if m.split(".")[0] in {"handlers", "aiogram"}], path
