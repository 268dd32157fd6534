"""Forming a pair and adding to a plan as dialogs: Back walks each way's own order, Cancel
leaves nothing, the calendar and typed days, forged and stale presses, a restart mid-way."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from bot.app import App
from bot.clock import FakeClock
from models.enums import MentorshipStatus, ScopeLevel
from models.mentorship import DevelopmentStep, Mentorship
from tests.conftest import base_settings, make_app
from tests.mentorship_support import ZONALNAYA, world_pair
from tests.support import World, conversation_of

SCHOOL = "СОШ № 1 г. Кедрового"
STALE = "устарела"


async def _people(world: World) -> None:
    await world.add_person(
        700,
        name="Координатор Школы",
        coordinator_of=(ScopeLevel.organization, await world.org_id(SCHOOL)),
    )
    await world.add_person(
        801, name="Петрова Анна Ивановна", role="mentor", expertise=["digital"], capacity=3
    )
    await world.add_person(802, name="Сидорова Мария", deficits=["digital"])
    await world.add_person(803, name="Кузнецова Ольга")


async def _mentorships(world: World) -> list[Mentorship]:
    async with world.db() as session:
        return list(await session.scalars(select(Mentorship).order_by(Mentorship.id)))


def _newest(world: World, tg_id: int) -> str:
    """The bot's newest message in the chat (below an edited one)."""
    return world.fake.chat_messages(tg_id)[-1].text or ""


def _today(world: World) -> date:
    return world.now().astimezone(world.app.settings.zone).date()


async def _to_element(world: World) -> None:
    coord = world.user(700)
    await coord.send("/pairs")
    await coord.click("Сформировать пару или группу")
    await coord.click("Традиционная (один на один)")
    await coord.click("Сидорова Мария")
    await coord.click("1. Петрова Анна Ивановна")


async def test_back_walks_the_forming_order_and_the_proposing_one(world: World) -> None:
    await _people(world)
    await _to_element(world)
    coord = world.user(700)
    await coord.click("Адаптация")
    await coord.click("Педагог — педагог")
    assert await conversation_of(world, 700) == "PairCreate:start"
    await coord.click("Сегодня")
    await coord.click("◀ Назад")  # from the end back to the start
    assert "Когда начинается" in coord.last_text
    for _ in range(3):  # start → role model → element → the suggestions
        await coord.click("◀ Назад")
    assert "Подходящие наставники" in coord.last_text
    await coord.click("Все наставники")
    assert "Все наставники вашей зоны" in coord.last_text
    await coord.click("◀ Назад")  # the side list returns where the suggestions do
    assert await conversation_of(world, 700) == "PairCreate:mentees"

    mentor = world.user(801)
    await mentor.send("/mentorships")
    await mentor.click("Предложить наставничество")
    assert "◀ Назад" not in mentor.buttons()  # the first step
    await mentor.click("Традиционная (один на один)")
    await mentor.click("Сидорова Мария")
    await mentor.click("Сопровождение")
    await mentor.click("Педагог — педагог")
    assert "Плановое окончание" in mentor.last_text  # a proposal has no start to ask
    await mentor.click("◀ Назад")
    assert await conversation_of(world, 801) == "PairPropose:role_model"
    await mentor.click("Педагог — педагог")
    await mentor.click("Через 3 мес.")
    await mentor.click("◀ Назад")
    assert await conversation_of(world, 801) == "PairPropose:end"


async def test_the_calendar_and_typed_days_inside_the_steps_days(world: World) -> None:
    await _people(world)
    await _to_element(world)
    coord = world.user(700)
    await coord.click("Адаптация")
    await coord.click("Педагог — педагог")
    today = _today(world)
    await coord.click(f"•{today.day}•")  # today in the calendar
    assert await conversation_of(world, 700) == "PairCreate:end"
    # The end's calendar opens on this month, where no day up to the start can be pressed.
    prefix, raw = coord.data_of("▶" if today.day > 27 else str(today.day + 1)).rsplit(":", 1)
    for forged in ("0", str(int(raw) - 400 * 86400), "x"):
        await coord.press_data(f"{prefix}:{forged}")
        assert STALE in coord.last_callback_answer
    await coord.send("позавчера")  # a typed day before the start: the service says why
    assert "позже начала" in coord.last_text
    end = today + timedelta(days=200)
    await coord.send(end.strftime("%d.%m.%Y"))
    assert "Проверьте" in coord.last_text
    await coord.click("✅ Сформировать")
    (ms,) = await _mentorships(world)
    assert (ms.started_on, ms.planned_end_on) == (today, end)


async def test_cancel_a_typed_answer_at_a_button_step_and_stale_presses(world: World) -> None:
    await _people(world)
    outsider = await world.add_person(900, name="Чужой Учитель", org=ZONALNAYA)
    coord = world.user(700)
    await coord.send("/pairs")
    await coord.click("Сформировать пару или группу")
    await coord.click("Групповая (круг наставничества)")
    mark = coord.data_of("Сидорова Мария").rpartition(":")[0]
    await coord.press_data(f"{mark}:{outsider.id}")  # a forged mark: outside the scope
    assert "Не найдено" in coord.last_callback_answer
    await coord.press_data(f"{mark}:0{(await world.person(802)).id}")  # not as it was sent
    assert STALE in coord.last_callback_answer
    await coord.click("Сидорова Мария")
    await coord.click("Кузнецова Ольга")
    assert "Готово (выбрано: 2)" in coord.buttons()
    await coord.click("Кузнецова Ольга")  # unmarked again
    assert "Готово (выбрано: 1)" in coord.buttons()
    await coord.click("Кузнецова Ольга")
    await coord.click("Готово (выбрано: 2)")
    await coord.click("1. Петрова Анна Ивановна")
    answer = await coord.send("Адаптация")  # typed where a button is asked
    assert answer[0].text == world.app.translator.get("ru", "fallback-step")
    assert "Адаптация" in coord.buttons()
    adaptation = coord.data_of("Адаптация")
    await coord.click("Отмена")
    assert coord.last_text == world.app.translator.get("ru", "cancelled")
    assert await conversation_of(world, 700) is None
    await coord.press_data(adaptation)  # a button of the closed dialog
    assert STALE in coord.last_callback_answer
    assert await _mentorships(world) == []


async def test_a_mentor_who_lost_the_role_mid_way_cannot_propose(world: World) -> None:
    await _people(world)
    mentor = world.user(801)
    await mentor.send("/mentorships")
    await mentor.click("Предложить наставничество")
    await mentor.click("Традиционная (один на один)")
    async with world.db() as session:
        person = await world.person(801)
        from models import RoleGrant

        grant = await session.scalar(
            select(RoleGrant).where(
                RoleGrant.participant_id == person.id, RoleGrant.role == "mentor"
            )
        )
        await session.delete(grant)
    await mentor.click("Сидорова Мария")
    assert "наставник" in mentor.last_callback_answer
    assert await _mentorships(world) == []


async def test_the_wizard_survives_a_restart(world: World, app: App, clock: FakeClock) -> None:
    await _people(world)
    await _to_element(world)
    assert await conversation_of(world, 700) == "PairCreate:element"
    await app.close()  # a new process on the same database: the dialog goes on
    restarted = await make_app(
        base_settings(database_url=app.settings.database_url), clock, world.fake
    )
    try:
        again = World(restarted, world.fake)
        coord = again.user(700)
        await coord.click("Адаптация")
        await coord.click("Педагог — педагог")
        await coord.click("Сегодня")
        await coord.click("Через 6 мес.")
        await coord.click("✅ Сформировать")
        assert "отправлены запросы" in coord.last_text
        (ms,) = await _mentorships(again)
        assert ms.status == MentorshipStatus.proposed
    finally:
        await restarted.close()


async def test_adding_a_step_by_the_calendar_a_typed_day_and_cancel(world: World) -> None:
    await _people(world)
    await world_pair(world, 700, 801, [802])
    mentor = world.user(801)
    await mentor.send("/mentorships")
    await mentor.click(0)
    await mentor.click("План развития")
    await mentor.click("➕ Цель")
    await mentor.click("Отмена")  # the plan comes back under the word
    assert mentor.last_text == world.app.translator.get("ru", "cancelled")
    assert "Целей пока нет" in _newest(world, 801) and "➕ Цель" in mentor.buttons()
    await mentor.click("➕ Цель")
    await mentor.send("Освоить формирующее оценивание")
    await mentor.click("➕ Шаг")
    await mentor.send("Посетить урок")
    assert await conversation_of(world, 801) == "PlanStep:due"
    await mentor.click("◀ Назад")
    assert "Напишите шаг" in mentor.last_text
    await mentor.send("Посетить три урока")
    week = mentor.data_of("Через 7 дней")
    today = _today(world)
    await mentor.send((today - timedelta(days=1)).strftime("%d.%m.%Y"))
    assert "не может быть в прошлом" in mentor.last_text
    await mentor.click(f"•{today.day}•")
    assert "Шаг добавлен" in mentor.last_callback_answer
    assert "☐ Посетить три урока" in " ".join(mentor.buttons())
    await mentor.press_data(week)  # the finished dialog's button
    assert STALE in mentor.last_callback_answer
    await mentor.click("➕ Шаг")
    await mentor.send("Провести открытый урок")
    due = today + timedelta(days=40)
    await mentor.send(due.strftime("%d.%m.%Y"))
    assert "Шаг добавлен" in mentor.last_text
    await mentor.click("➕ Шаг")
    await mentor.send("Лишний шаг")
    await mentor.click("Отмена")
    assert "Провести открытый урок" in _newest(world, 801)  # the goal again
    async with world.db() as session:
        steps = list(await session.scalars(select(DevelopmentStep).order_by(DevelopmentStep.id)))
    assert [(s.title, s.due_on) for s in steps] == [
        ("Посетить три урока", today),
        ("Провести открытый урок", due),
    ]
    assert await conversation_of(world, 801) is None
