"""Pairs and groups through the dispatcher: forming, confirming, proposing, ending, plans."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.callbacks.mentorship import FbCb, MeetingCb, MsCb, PlanCb
from bot.services.access import actor_for
from bot.services.mentorship import pairs
from bot.services.registration import find_by_tg
from handlers.mentorship_ui import PairCb
from models.enums import MentorshipStatus, ScopeLevel
from models.mentorship import DevelopmentGoal, DevelopmentStep, Mentorship, MentorshipFeedback
from tests.mentorship_support import PUDINO, ZONALNAYA, world_pair
from tests.support import World, conversation_of, muni_id

SCHOOL = "СОШ № 1 г. Кедрового"


def test_the_pairs_router_is_registered_once_before_the_catch_all() -> None:
    """The app built for a test is the real one: no patching brings the pairs router in."""
    from handlers import get_routers

    found = get_routers()
    names = [router.name for router in found]
    assert names.count("handlers.mentorships") == 1
    assert names.index("handlers.mentorships") < names.index("handlers.fallback")


async def _coordinator(world: World, tg_id: int = 700, org: str = SCHOOL) -> None:
    await world.add_person(
        tg_id,
        name="Координатор Школы",
        org=org,
        coordinator_of=(ScopeLevel.organization, await world.org_id(org)),
    )


async def _people(world: World) -> None:
    await _coordinator(world)
    await world.add_person(
        801, name="Петрова Анна Ивановна", role="mentor", expertise=["digital"], capacity=2
    )
    await world.add_person(802, name="Сидорова Мария", deficits=["digital"])
    await world.add_person(803, name="Кузнецова Ольга", deficits=["parents"])


async def _mentorships(world: World) -> list[Mentorship]:
    async with world.db() as session:
        return list(await session.scalars(select(Mentorship).order_by(Mentorship.id)))


async def test_coordinator_forms_a_pair_and_both_confirm(world: World) -> None:
    await _people(world)
    coord = world.user(700)
    await coord.send("/pairs")
    assert "Наставляемые без наставника: 3" in coord.last_text  # the coordinator is one too
    await coord.click("Сформировать пару или группу")
    await coord.click("Традиционная (один на один)")
    assert "Сидорова Мария" in " ".join(coord.buttons())
    await coord.click("Сидорова Мария")
    assert "Петрова Анна Ивановна" in coord.last_text and "Цифровые инструменты" in coord.last_text
    await coord.click("1. Петрова Анна Ивановна")
    await coord.click("Адаптация")
    await coord.click("Педагог — педагог")
    await coord.click("Сегодня")
    await coord.click("Через 6 мес.")
    assert "Проверьте" in coord.last_text and "Сидорова Мария" in coord.last_text
    await coord.click("✅ Сформировать")
    assert "отправлены запросы" in coord.last_text
    (ms,) = await _mentorships(world)
    assert ms.status == MentorshipStatus.proposed and ms.form == "traditional"
    await world.drain()

    mentor, mentee = world.user(801), world.user(802)
    assert "стать наставником" in mentor.last_text
    await mentor.click("Подтверждаю")
    assert "Ждём остальных" in mentor.last_callback_answer
    assert "⏳ Сидорова Мария" in mentor.last_text
    assert "✅ Подтверждаю" not in mentor.buttons()
    assert "Вам предлагают наставничество" in mentee.last_text
    await mentee.click("Подтверждаю")
    assert "началось" in mentee.last_callback_answer
    (ms,) = await _mentorships(world)
    assert ms.status == MentorshipStatus.active
    await world.drain()
    assert "Записывайте встречи командой /meet" in mentor.last_text
    assert any("начала работу" in (m.text or "") for m in world.fake.sent_messages(700))
    # A replayed confirmation changes nothing.
    await mentee.press_data(MsCb(action="cf", id=ms.id).pack())
    assert "уже не ждёт подтверждения" in mentee.last_callback_answer


async def test_a_group_with_search_and_back(world: World) -> None:
    await _people(world)
    coord = world.user(700)
    await coord.send("/pairs")
    await coord.click("Сформировать пару или группу")
    await coord.click("Групповая (круг наставничества)")
    await coord.send("сидор")  # search by part of the surname
    assert "Поиск: «сидор»" in coord.last_text
    assert [b for b in coord.buttons() if "—" in b] == ["Сидорова Мария — СОШ № 1 г. Кедрового"]
    await coord.click("Сидорова Мария")
    await coord.click("Готово (выбрано: 1)")
    assert "от 2 до 15" in coord.last_callback_answer
    await coord.send("кузн")
    await coord.click("Кузнецова Ольга")
    await coord.click("Готово (выбрано: 2)")
    assert "Подходящие наставники" in coord.last_text
    await coord.click("◀ Назад")
    assert "Отметьте наставляемых" in coord.last_text
    await coord.click("Готово (выбрано: 2)")
    await coord.click("Все наставники")
    assert "(0/2)" in " ".join(coord.buttons())
    await coord.click("Петрова Анна Ивановна")
    await coord.click("Обучение")
    await coord.click("Педагог — педагог")
    await coord.send("01.09")  # a typed start date
    await coord.send("31.05.2020")  # an end before the start
    assert "позже начала" in coord.last_text
    await coord.click("До 31 мая")
    assert "станет 2" not in coord.last_text  # within capacity: no warning
    await coord.click("✅ Сформировать")
    (ms,) = await _mentorships(world)
    assert ms.form == "group" and len(ms.mentees) == 2 and ms.model_element == "training"


async def test_forged_and_out_of_role_presses_change_nothing(world: World) -> None:
    await _people(world)
    outsider = await world.add_person(900, name="Чужой Учитель", org=ZONALNAYA)
    teacher = world.user(802)
    await teacher.send("/pairs")
    assert "только координаторам" in teacher.last_text
    await teacher.press_data(PairCb(step="start").pack())
    assert "только координаторам" in teacher.last_callback_answer
    coord = world.user(700)
    await coord.send("/pairs")
    await coord.click("Сформировать пару или группу")
    group = coord.data_of("Групповая (круг наставничества)")
    await coord.click("Традиционная (один на один)")
    mentee = coord.data_of("Сидорова Мария").rpartition(":")[0]
    await coord.press_data(f"{mentee}:{outsider.id}")  # someone outside the scope
    assert "Не найдено" in coord.last_callback_answer
    await coord.press_data(f"{mentee}:abc")
    assert "устарела" in coord.last_callback_answer
    await coord.press_data(group)  # a step already passed
    assert "устарела" in coord.last_callback_answer
    assert await conversation_of(world, 700) == "PairCreate:mentees"
    assert await _mentorships(world) == []
    stranger = world.user(990)
    await stranger.send("/mentorships")
    assert "Сначала зарегистрируйтесь" in stranger.last_text


async def test_someone_elses_mentorship_is_not_found(world: World) -> None:
    await _people(world)
    ms = await world_pair(world, 700, 801, [802], confirm=False)
    other = world.user(803)
    await other.send("/mentorships")
    for action in ("open", "cf", "dc", "end", "ap"):
        await other.press_data(MsCb(action=action, id=ms.id).pack())
        assert other.last_callback_answer, action
    assert (await _mentorships(world))[0].status == MentorshipStatus.proposed
    await _coordinator(world, 701, ZONALNAYA)
    far = world.user(701)
    await far.press_data(MsCb(action="open", id=ms.id).pack())
    assert "Не найдено" in far.last_callback_answer


async def test_a_mentor_proposes_and_the_coordinator_approves(world: World) -> None:
    await _people(world)
    mentor = world.user(801)
    await mentor.send("/mentorships")
    assert "Пока нет ни одной" in mentor.last_text
    await mentor.click("Предложить наставничество")
    await mentor.click("Традиционная (один на один)")
    await mentor.click("Сидорова Мария")
    await mentor.click("Сопровождение")
    await mentor.click("Педагог — педагог")
    await mentor.click("Через 3 мес.")
    await mentor.click("Отправить предложение")
    assert "отправлено координатору" in mentor.last_text
    (ms,) = await _mentorships(world)
    assert ms.status == MentorshipStatus.requested and ms.form == "traditional"
    await world.drain()
    coord = world.user(700)
    assert "Наставник предлагает" in coord.last_text
    await coord.click("Одобрить")
    assert "одобрено" in coord.last_callback_answer
    assert "✅ Одобрить" not in coord.buttons()
    await world.drain()
    mentee = world.user(802)
    await mentee.click("Подтверждаю")
    (ms,) = await _mentorships(world)
    assert ms.status == MentorshipStatus.active and ms.approved_by is not None
    assert any("одобрил ваше предложение" in (m.text or "") for m in world.fake.sent_messages(801))


async def test_ending_with_a_reason_and_final_feedback(world: World) -> None:
    await _people(world)
    ms = await world_pair(world, 700, 801, [802])
    mentor, mentee = world.user(801), world.user(802)
    await mentee.send("/mentorships")
    await mentee.click(0)  # the card
    assert "⏹ Завершить наставничество" not in mentee.buttons()
    # The card's «end» pressed anyway (forged: the mentee's card has no such button).
    intent = mentee.data_of("◀ Назад").partition("\x1d")[0]
    await mentee.press_data(f"{intent}\x1dend")
    assert "наставник или координатор" in mentee.last_callback_answer
    await mentor.send("/mentorships")
    await mentor.click(0)
    assert "🟢 действует" in mentor.last_text
    await mentor.click("Завершить наставничество")
    await mentor.click("Прекратить досрочно")
    await mentor.send("ой")
    assert "от 3 до 500" in mentor.last_text
    await mentor.send("Наставляемая <переехала> в другой город")
    assert "&lt;" not in mentor.last_text and "<переехала>" in mentor.last_text
    await mentor.click("Да, завершить")
    # The mentor alone only asks: the pair stays active until the mentee or the coordinator
    # confirms, and the mentor is told so.
    assert "остаётся активным" in mentor.last_callback_answer
    assert (await _mentorships(world))[0].status == MentorshipStatus.active
    assert "ждём подтверждения" in mentor.last_text
    await mentor.click("Завершить наставничество")
    assert "уже отправлен" in mentor.last_callback_answer
    await world.drain()
    assert "предлагает прекратить наставничество досрочно" in mentee.last_text
    assert "Причина: Наставляемая &lt;переехала&gt;" not in mentee.last_text  # shown as typed
    assert "<переехала>" in mentee.last_text
    coord = world.user(700)
    assert "подтвердить может любой из вас" in coord.last_text
    # The mentee would rather go on: the request is gone, the mentor learns it.
    await mentee.click("Продолжим")
    assert "продолжается" in mentee.last_callback_answer
    await world.drain()
    assert "хочет продолжить" in (mentor.last_text or "")
    assert (await _mentorships(world))[0].status == MentorshipStatus.active
    await coord.click("Подтверждаю завершение")  # the old request: answered already
    assert "Запроса на завершение нет" in coord.last_callback_answer
    # Asked again; this time the coordinator confirms. Nobody else can.
    await mentor.send("/mentorships")
    await mentor.click(0)
    await mentor.click("Завершить наставничество")
    await mentor.click("Прекратить досрочно")
    await mentor.send("Наставляемая <переехала> в другой город")
    await mentor.click("Да, завершить")
    await mentor.press_data(MsCb(action="ec", id=ms.id).pack())
    assert "подтверждает наставляемый или координатор" in mentor.last_callback_answer
    await world.add_person(805, name="Посторонняя Учительница")
    stranger = world.user(805)
    await stranger.send("/menu")
    await stranger.press_data(MsCb(action="ec", id=ms.id).pack())
    assert "Не найдено" in (stranger.last_callback_answer or "")
    await world.drain()
    await coord.click("Подтверждаю завершение")
    assert "завершено" in coord.last_callback_answer
    (ended,) = await _mentorships(world)
    assert ended.status == MentorshipStatus.stopped and ended.ended_by == ended.mentor_id
    assert ended.end_reason == "Наставляемая <переехала> в другой город"
    await world.drain()
    assert "Оцените" in mentee.last_text
    await mentee.click("4 ★")
    assert "пару слов" in mentee.last_text
    await mentee.send("Было полезно, спасибо за поддержку!")
    assert "Отзыв сохранён" in mentee.last_text
    await mentee.press_data(FbCb(action="r", id=ms.id, rating=5).pack())
    assert "уже оставили отзыв" in mentee.last_callback_answer
    await mentor.click("3 ★")
    await mentor.click("Пропустить")
    async with world.db() as session:
        rows = list(await session.scalars(select(MentorshipFeedback)))
    assert {(r.role, r.rating, r.comment) for r in rows} == {
        ("mentee", 4, "Было полезно, спасибо за поддержку!"),
        ("mentor", 3, None),
    }
    # Stale buttons of the ended mentorship: no meeting, no plan change.
    await mentor.press_data(MeetingCb(action="new", id=ms.id).pack())
    assert "не действует" in mentor.last_callback_answer
    await mentor.press_data(PlanCb(action="addg", id=ms.id).pack())
    assert "не действует" in mentor.last_callback_answer


async def test_coordinator_lists_over_capacity_and_quick_forming(world: World) -> None:
    await _people(world)
    await world.add_person(804, name="Орлова Вера", deficits=["digital"])
    await world_pair(world, 700, 801, [802, 803], form="group")
    async with world.db() as session:
        from bot.services import registration

        mentor = await registration.find_by_tg(session, 801)
        mentor.capacity = 1
    coord = world.user(700)
    await coord.send("/pairs")
    assert "Наставники сверх нагрузки: 1" in coord.last_text
    await coord.click("Сверх нагрузки (1)")
    assert "Петрова Анна Ивановна — 2 при готовности вести 1" in coord.last_text
    await coord.click("◀ Назад")
    await coord.click("Все пары и группы")
    assert "Пары и группы: 1" in coord.last_text
    await coord.click("Форма: * ▸")
    assert (
        "Форма: Традиционная" in " ".join(coord.buttons()) and "Пары и группы: 0" in coord.last_text
    )
    await coord.click("Форма: Традиционная (один на один) ▸")
    assert "Пары и группы: 1" in coord.last_text  # group
    await coord.click(0)
    assert "Наставничество" in coord.last_text and "Кузнецова Ольга" in coord.last_text
    await coord.send("/pairs")
    await coord.click("Без наставника (2)")
    await coord.click("Орлова Вера")
    assert "Подходящие наставники" in coord.last_text


async def test_plan_goals_steps_and_checking_off(world: World) -> None:
    await _people(world)
    ms = await world_pair(world, 700, 801, [802])
    mentor, mentee = world.user(801), world.user(802)
    await mentor.send("/mentorships")
    await mentor.click(0)
    await mentor.click("План развития")
    assert "Целей пока нет" in mentor.last_text
    await mentor.click("➕ Цель")
    await mentor.send("Освоить формирующее оценивание")
    assert "Цель добавлена" in mentor.last_text
    await mentor.click("➕ Шаг")
    await mentor.send("Посетить три урока наставника")
    await mentor.click("Через 7 дней")
    assert "Шаг добавлен" in mentor.last_callback_answer
    assert "☐ Посетить три урока наставника" in mentor.last_text
    await mentee.send("/mentorships")
    await mentee.press_data(PlanCb(action="show", id=ms.id).pack())
    assert "➕ Цель" not in mentee.buttons()
    await mentee.click("Освоить формирующее оценивание")
    await mentee.click("☐ Посетить три урока наставника")
    assert "выполнено" in mentee.last_callback_answer
    async with world.db() as session:
        step = await session.scalar(select(DevelopmentStep))
        assert step.done_at is not None
    await mentee.press_data(PlanCb(action="dels", id=step.id).pack())
    assert "Менять план может наставник" in mentee.last_callback_answer
    await mentee.press_data(PlanCb(action="dn", id=step.id).pack())
    assert "уже отмечен" in mentee.last_callback_answer
    outsider = world.user(803)
    await outsider.send("/mentorships")
    await outsider.press_data(PlanCb(action="tg", id=step.id).pack())
    assert "Не найдено" in outsider.last_callback_answer
    await mentor.click("🗑 Удалить цель")
    await mentor.click("Да, удалить цель")
    async with world.db() as session:
        assert await session.scalar(select(func.count(DevelopmentGoal.id))) == 0


async def test_a_reverse_pair_with_an_experienced_teacher(world: World) -> None:
    await _people(world)
    # The one mentored in a reverse pair is an experienced teacher (here a mentor herself, with
    # no mentee role); the younger colleague mentors her on new technologies.
    await world.add_person(
        805, name="Опытная Галина Петровна", role="mentor", experience_years=28, capacity=1
    )
    coord = world.user(700)
    await coord.send("/pairs")
    await coord.click("Сформировать пару или группу")
    await coord.click("Реверсивная")
    assert "Опытная Галина Петровна" in " ".join(coord.buttons())
    await coord.click("Опытная Галина Петровна")
    await coord.click("Все наставники")
    await coord.click("Петрова Анна Ивановна")
    await coord.click("Обучение")
    await coord.click("Педагог — педагог")
    await coord.click("Сегодня")
    await coord.click("Через 6 мес.")
    assert "Реверсивная" in coord.last_text
    await coord.click("✅ Сформировать")
    (ms,) = await _mentorships(world)
    assert ms.form == "reverse" and ms.status == MentorshipStatus.proposed
    experienced = await world.person(805)
    assert [row.participant_id for row in ms.mentees] == [experienced.id]
    await world.drain()
    await world.user(801).click("Подтверждаю")
    await world.user(805).click("Подтверждаю")
    assert (await _mentorships(world))[0].status == MentorshipStatus.active


async def test_a_mentor_proposes_a_reverse_pair_to_an_experienced_teacher(world: World) -> None:
    """The younger teacher (a mentor) proposes to mentor an experienced colleague who is not
    registered as a mentee; only a teacher of the same school is offered; the coordinator
    approves as usual."""
    await _people(world)
    await world.add_person(
        805, name="Опытная Галина Петровна", role="mentor", experience_years=28, capacity=1
    )
    await world.add_person(806, name="Студентка Вера", category="university_student")
    await world.add_person(807, name="Опытный Из Пудино", role="mentor", org=PUDINO)
    mentor = world.user(801)
    await mentor.send("/mentorships")
    await mentor.click("Предложить наставничество")
    await mentor.click("Традиционная (один на один)")
    offered = " ".join(mentor.buttons())
    assert "Сидорова Мария" in offered and "Опытная Галина Петровна" not in offered
    experienced = await world.person(805)
    # A forged press on a colleague who is no mentee, for a traditional pair: refused.
    mentee = mentor.data_of("Сидорова Мария").rpartition(":")[0]
    await mentor.press_data(f"{mentee}:{experienced.id}")
    assert "устарела" in mentor.last_callback_answer
    await mentor.click("Назад")
    await mentor.click("Реверсивная")
    assert "Реверсивное наставничество" in mentor.last_text
    offered = " ".join(mentor.buttons())
    assert "Опытная Галина Петровна" in offered and "Сидорова Мария" in offered
    assert "Студентка Вера" not in offered and "Опытный Из Пудино" not in offered
    await mentor.click("Опытная Галина Петровна")
    await mentor.click("Обучение")
    await mentor.click("Педагог — педагог")
    await mentor.click("Через 3 мес.")
    await mentor.click("Отправить предложение")
    assert "отправлено координатору" in mentor.last_text
    (ms,) = await _mentorships(world)
    assert ms.status == MentorshipStatus.requested and ms.form == "reverse"
    assert [row.participant_id for row in ms.mentees] == [experienced.id]
    await world.drain()
    await world.user(700).click("Одобрить")
    await world.drain()
    await world.user(805).click("Подтверждаю")
    (ms,) = await _mentorships(world)
    assert ms.status == MentorshipStatus.active


async def test_current_and_past_mentorships_and_the_coordinators_filters(world: World) -> None:
    await _people(world)
    await world.add_person(811, name="Морозов Иван", role="mentor", org=PUDINO)
    await world.add_person(812, name="Белова Нина", org=PUDINO)
    async with world.db() as session:
        kedrovy = await muni_id(session, "Город Кедровый")
    await world.add_person(
        710, name="Координатор Района", coordinator_of=(ScopeLevel.municipality, kedrovy)
    )
    ended = await world_pair(world, 700, 801, [802])
    await world_pair(world, 700, 801, [803])
    await world_pair(world, 710, 811, [812], confirm=False)
    async with world.db() as session:
        coordinator = await find_by_tg(session, 700)
        await pairs.end(
            session,
            world.app.clock,
            actor_for(700, coordinator, []),
            ended.id,
            world.app.translator,
            outcome=MentorshipStatus.completed,
        )

    mentor = world.user(801)
    await mentor.send("/mentorships")
    text = mentor.last_text
    assert text.index("Текущие") < text.index("Кузнецова Ольга") < text.index("Завершённые")
    assert text.index("Завершённые") < text.index("Сидорова Мария")
    mentee = world.user(802)
    await mentee.send("/mentorships")
    assert "Завершённые" in mentee.last_text and "Текущие" not in mentee.last_text

    coord = world.user(710)
    await coord.send("/pairs")
    await coord.click("Все пары и группы")
    assert "Пары и группы: 3" in coord.last_text
    for label, total in (
        ("Статус: * ▸", 2),  # current: the active one at Kedrovy and the proposed one at Pudino
        ("Статус: текущие ▸", 0),  # waiting for a coordinator's approval
        ("Статус: на одобрении ▸", 1),
        ("Статус: ждут подтверждения ▸", 1),
        ("Статус: действуют ▸", 1),  # ended
    ):
        await coord.click(label)
        assert f"Пары и группы: {total} " in coord.last_text, label
    assert "→ Сидо" in " ".join(coord.buttons())  # the ended pair (the label is cut short)
    assert "Петрова Анна Ивановна → Сидорова Мария" in coord.last_text  # in full in the text
    await coord.click("Статус: завершённые ▸")  # back to every status
    for _ in range(5):  # the organizations of the municipality, one press each
        if any("Организация: Пудинская" in b for b in coord.buttons()):
            break
        await coord.click("Организация:")
    assert "Пары и группы: 1 " in coord.last_text
    assert "Белова Нина" in " ".join(coord.buttons())
    # The filters travel in no button; a pair the list did not show (forged: another
    # municipality's) is not found, and the list stays as it was.
    await _coordinator(world, 720, ZONALNAYA)
    await world.add_person(821, name="Зональный Наставник", role="mentor", org=ZONALNAYA)
    await world.add_person(822, name="Зональная Учительница", org=ZONALNAYA)
    far = await world_pair(world, 720, 821, [822])
    shown = coord.data_of("Белова Нина")
    await coord.press_data(f"{shown.rpartition(':')[0]}:{far.id}")
    assert "Не найдено" in coord.last_callback_answer
    await coord.press_data(f"{shown.rpartition(':')[0]}:²")
    assert "устарела" in coord.last_callback_answer
    assert "Пары и группы: 1 " in coord.last_text
    # A school's coordinator has no organization filter and sees only the school's pairs.
    school = world.user(700)
    await school.send("/pairs")
    await school.click("Все пары и группы")
    assert "Пары и группы: 2 " in school.last_text
    assert not any(b.startswith("Организация:") for b in school.buttons())
