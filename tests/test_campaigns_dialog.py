"""/campaigns as dialogs: Back over every step of the launch wizard (the audience picker
included, its choices kept), Cancel from each, forged keys, pages and days, an old button
after the wizard ended, and a wizard that goes on across a restart."""

from __future__ import annotations

from sqlalchemy import select

from bot.app import App
from bot.clock import FakeClock
from bot.fakes.client import TelegramUser
from models.survey import SurveyCampaign, SurveySchedule
from tests.conftest import base_settings, make_app
from tests.support import ErrorLog, World, conversation_of
from tests.survey_helpers import count_rows, region_coordinator, teachers

TEMPLATE = "Критерии эффективности"
CANCELLED = "Действие отменено"


async def _new(coordinator: TelegramUser) -> None:
    await coordinator.send("/campaigns")
    await coordinator.click("➕ Новое анкетирование")


async def test_back_walks_every_step_of_a_campaign(world: World) -> None:
    await region_coordinator(world)
    await teachers(world, 1001, 1002)
    coordinator = world.user(700)
    await _new(coordinator)
    assert "Выберите анкету" in coordinator.last_text
    await coordinator.click("◀ Назад")  # the template step: back to the list
    assert "Анкетирования: 0" in coordinator.last_text
    await coordinator.click("➕ Новое анкетирование")
    await coordinator.click(TEMPLATE)
    assert "Кому отправить анкету" in coordinator.last_text
    await coordinator.click("◀ Назад")  # the picker: back to the template
    assert "Выберите анкету" in coordinator.last_text
    await coordinator.click(TEMPLATE)
    await coordinator.click("Роли")
    await coordinator.click("Наставляемый")
    await coordinator.click("Готово")
    await coordinator.click("Далее ▶")
    assert "Когда открыть" in coordinator.last_text
    await coordinator.click("◀ Назад")  # the opening day: back to the picker, choices kept
    assert "Роли: Наставляемый" in coordinator.last_text
    assert await conversation_of(world, 700) == "AudienceSG:main"
    await coordinator.click("Далее ▶")
    await coordinator.click("Сегодня")
    assert "До какого дня" in coordinator.last_text
    await coordinator.click("◀ Назад")
    assert "Когда открыть" in coordinator.last_text
    await coordinator.click("Завтра")
    assert "Открытие: 26.11.2026" in coordinator.last_text
    await coordinator.click("7 дней (до 02.12)")
    assert "Ответы до: 02.12.2026" in coordinator.last_text and "Роли: Наставляемый" in (
        coordinator.last_text
    )
    await coordinator.click("◀ Назад")
    assert "До какого дня" in coordinator.last_text
    await coordinator.click("14 дней (до 09.12)")
    await coordinator.click("🚀 Запустить")
    assert "запущено" in coordinator.last_text
    await coordinator.click("📋 Открыть анкетирование")
    assert "запланировано" in coordinator.last_text
    await coordinator.click("◀ К списку анкетирований")
    assert "Анкетирования: 1" in coordinator.last_text
    async with world.db() as session:
        campaign = await session.scalar(select(SurveyCampaign))
    assert campaign is not None and campaign.audience["roles"] == ["mentee"]


async def test_back_walks_every_step_of_a_schedule(world: World) -> None:
    await region_coordinator(world)
    coordinator = world.user(700)
    await coordinator.send("/campaigns")
    await coordinator.click("🔁 Регулярные анкетирования")
    await coordinator.click("➕ Новое регулярное анкетирование")
    await coordinator.click("◀ Назад")  # back to the schedules it was started from
    assert "Регулярные анкетирования:" in coordinator.last_text
    await coordinator.click("➕ Новое регулярное анкетирование")
    await coordinator.click(TEMPLATE)
    await coordinator.click("Далее ▶")
    await coordinator.click("✅ май")
    await coordinator.click("март")
    await coordinator.click("◀ Назад")  # to the picker
    assert "Кому отправить анкету" in coordinator.last_text
    await coordinator.click("Далее ▶")  # the months as they were left
    assert "✅ март" in coordinator.buttons() and "✅ май" not in coordinator.buttons()
    await coordinator.click("Далее ▶")
    assert "Сколько дней" in coordinator.last_text
    await coordinator.click("◀ Назад")
    assert "В какие месяцы" in coordinator.last_text
    await coordinator.click("Далее ▶")
    await coordinator.click("21 день")
    assert "Месяцы: март, ноябрь" in coordinator.last_text
    await coordinator.click("◀ Назад")
    assert "Сколько дней" in coordinator.last_text
    await coordinator.click("30 дней")
    await coordinator.click("🚀 Запустить")
    assert "настроено" in coordinator.last_text
    await coordinator.click("🔁 Регулярные анкетирования")
    assert "март, ноябрь, по 30 дн." in coordinator.last_text
    assert await count_rows(world, SurveySchedule) == 1


async def test_cancel_from_every_step_closes_the_wizard(world: World) -> None:
    await region_coordinator(world)
    await teachers(world, 1011)
    coordinator = world.user(700)
    steps = [
        [],
        [TEMPLATE],
        [TEMPLATE, "Роли"],  # the picker's own windows have Done, not Cancel: the summary
        [TEMPLATE, "Далее ▶"],
        [TEMPLATE, "Далее ▶", "Сегодня"],
        [TEMPLATE, "Далее ▶", "Сегодня", "14 дней (до 08.12)"],
    ]
    for presses in steps:
        await _new(coordinator)
        for label in presses:
            await coordinator.click(label)
        if presses[-1:] == ["Роли"]:
            await coordinator.click("Готово")
        await coordinator.click("✖ Отмена")
        assert CANCELLED in coordinator.last_text, presses
        assert await conversation_of(world, 700) is None, presses
    assert await count_rows(world, SurveyCampaign) == 0


async def test_forged_keys_pages_and_days_are_outdated_buttons(
    world: World, errors: ErrorLog
) -> None:
    await region_coordinator(world)
    await teachers(world, 1021)
    coordinator = world.user(700)
    await coordinator.send("/campaigns")
    intent = coordinator.data_of("➕ Новое анкетирование").split("\x1d")[0]
    for page in ("²", "-1", str(2**64)):  # the list's pager
        await coordinator.press_data(f"{intent}\x1dcampaigns_next:{page}")
        assert "устарела" in coordinator.last_callback_answer, page
    await coordinator.click("➕ Новое анкетирование")
    forged = coordinator.data_of(TEMPLATE).rsplit(":", 1)[0] + ":no_such_template"
    await coordinator.press_data(forged)
    assert "устарела" in coordinator.last_callback_answer
    await coordinator.click(TEMPLATE)
    await coordinator.click("Категории")
    forged = coordinator.data_of(0).rsplit(":", 1)[0] + ":astronaut"
    await coordinator.press_data(forged)
    assert "устарела" in coordinator.last_callback_answer
    await coordinator.click("Готово")
    await coordinator.click("Далее ▶")
    quick = coordinator.data_of("Сегодня").rsplit(":", 1)[0]
    for days in ("2", "-1", "²"):
        await coordinator.press_data(f"{quick}:{days}")
        assert "устарела" in coordinator.last_callback_answer, days
    (today,) = [label for label in coordinator.buttons() if label.startswith("•")]
    prefix, raw = coordinator.data_of(today).rsplit(":", 1)
    for day in (str(int(raw) - 86400), "not-a-day", "9" * 30):  # yesterday is not offered
        await coordinator.press_data(f"{prefix}:{day}")
        assert "устарела" in coordinator.last_callback_answer, day
    assert "Когда открыть" in coordinator.last_text
    await coordinator.click(today)  # the calendar's today
    assert "Открытие: 25.11.2026" in coordinator.last_text
    assert not errors.records
    assert await count_rows(world, SurveyCampaign) == 0


async def test_a_button_of_a_finished_wizard_is_outdated(world: World) -> None:
    await region_coordinator(world)
    await teachers(world, 1031)
    coordinator = world.user(700)
    await _new(coordinator)
    await coordinator.click(TEMPLATE)
    await coordinator.click("Далее ▶")
    await coordinator.click("Сегодня")
    await coordinator.click("14 дней (до 08.12)")
    launch = coordinator.data_of("🚀 Запустить")
    await coordinator.click("🚀 Запустить")
    assert await count_rows(world, SurveyCampaign) == 1
    await coordinator.press_data(launch)
    assert "устарела" in coordinator.last_callback_answer
    assert await count_rows(world, SurveyCampaign) == 1  # not launched twice


async def test_the_wizard_goes_on_after_a_restart(world: World, app: App, clock: FakeClock) -> None:
    await region_coordinator(world)
    await teachers(world, 1041)
    coordinator = world.user(700)
    await _new(coordinator)
    await coordinator.click(TEMPLATE)
    await coordinator.click("Далее ▶")
    await coordinator.click("Сегодня")
    assert await conversation_of(world, 700) == "LaunchSG:closes"
    await app.close()  # a new process on the same database: the wizard goes on
    restarted = await make_app(
        base_settings(database_url=app.settings.database_url), clock, world.fake
    )
    try:
        again = World(restarted, world.fake)
        coordinator = again.user(700)
        await coordinator.send("10.12.2026")
        assert "Ответы до: 10.12.2026 включительно" in coordinator.last_text
        await coordinator.click("◀ Назад")
        await coordinator.click("◀ Назад")
        await coordinator.click("◀ Назад")  # the picker, then the template step
        await coordinator.click("◀ Назад")
        assert "Выберите анкету" in coordinator.last_text
        await coordinator.click(TEMPLATE)
        await coordinator.click("Далее ▶")
        await coordinator.click("Сегодня")
        await coordinator.click("7 дней (до 01.12)")
        await coordinator.click("🚀 Запустить")
        assert "запущено" in coordinator.last_text
        assert await count_rows(again, SurveyCampaign) == 1
    finally:
        await restarted.close()


def test_intent_ids_do_not_collide(app: App) -> None:
    """Dialogs started in the same second (the picker over the wizard) get distinct ids."""
    from aiogram_dialog.api.entities import stack

    ids = [stack.new_id() for _ in range(20_000)]
    assert len(set(ids)) == len(ids) and max(map(len, ids)) <= 6
