"""Flash mentoring through the dispatcher: asking, offers, the first accept, the coordinator,
and every stale, forged or out-of-role press along the way."""

from __future__ import annotations

from sqlalchemy import select

from bot.app import App
from bot.clock import FakeClock
from bot.fakes.client import TelegramUser
from models import OutboxMessage, Participant
from models.enums import FlashOfferStatus, FlashStatus, ParticipantStatus, ScopeLevel
from models.flash import FlashEvent, FlashRequest
from tests.conftest import base_settings, make_app
from tests.flash_helpers import (
    OTHER_MUNI_SCHOOL,
    SCHOOL_2,
    add_coordinator,
    add_mentor,
    add_teacher,
    ask,
    later,
    offers_of,
    texts_to,
    the_request,
)
from tests.support import World, conversation_of, muni_id


async def revoke_mentor(coordinator: TelegramUser, name: str) -> None:
    """The coordinator takes the mentor role away through /participants and the card."""
    await coordinator.send("/participants")
    await coordinator.click("Наставники")
    await coordinator.click(name)
    await coordinator.click("Снять роль наставника")


def shown(world: World, tg_id: int) -> list[str]:
    """What the chat shows now (after edits), bot messages only, oldest first."""
    return [
        m.text or ""
        for m in world.fake.chat_messages(tg_id)
        if m.from_user is not None and m.from_user.id == world.fake.bot_id
    ]


# --- asking --------------------------------------------------------------------------------


async def test_the_conversation_with_back_edit_and_bad_input(world: World) -> None:
    await add_teacher(world, 100, deficits=["digital", "parents"])
    await add_mentor(world, 201, "Петрова Анна Сергеевна", expertise=("digital",))
    teacher = world.user(100)
    await teacher.send("/flash")
    assert "Флэш-наставник" in shown(world, 100)[-2]
    assert teacher.buttons()[:2] == ["⭐ Цифровые инструменты", "⭐ Работа с родителями"]
    await teacher.click("Школьный предмет")
    assert "⭐ Математика" in teacher.buttons()
    await teacher.click("Назад")
    await teacher.click("⭐ Цифровые инструменты")
    assert "Тема: <b>" not in teacher.last_text and "Цифровые инструменты" in teacher.last_text
    await teacher.send("помогите")
    assert "хотя бы 10 символов" in teacher.last_text
    await teacher.send("а" * 600)
    assert "Слишком длинно: 600" in teacher.last_text
    await teacher.click("Назад")
    assert "С чем нужна помощь?" in teacher.last_text
    await teacher.click("Цифровые инструменты")
    await teacher.send("Как вести электронный журнал <и не сойти с ума>")
    await teacher.click("Онлайн")
    await teacher.click("Назад")
    assert "Как удобнее встретиться?" in teacher.last_text
    await teacher.click("Онлайн")
    await teacher.click("Сегодня")
    summary = teacher.last_text
    assert "Проверьте запрос" in summary and "&lt;и не сойти с ума&gt;" not in summary
    assert "<и не сойти с ума>" in summary  # shown as typed, not as markup
    await teacher.click("✏ Описание")
    assert "Сейчас: «Как вести электронный журнал" in teacher.last_text
    await teacher.send("Как вести электронный журнал и проверять домашние задания")
    assert "проверять домашние задания" in teacher.last_text  # straight back to the summary
    request = await the_request(world)
    assert request.status == FlashStatus.draft and request.timing == "today"
    await teacher.click("Отправить")
    assert "отправлен 1 наставнику" in teacher.last_text
    assert teacher.last_callback_answer == "Запрос отправлен"
    request = await the_request(world)
    assert (request.status, request.topic, request.format) == (
        FlashStatus.offered,
        "deficit:digital",
        "online",
    )
    assert await conversation_of(world, 100) is None  # a sent request closes the dialog


async def test_the_dialog_survives_a_restart_and_gives_way_to_commands(
    world: World, app: App, clock: FakeClock
) -> None:
    await add_teacher(world, 107)
    teacher = world.user(107)
    await teacher.send("/flash")
    await teacher.click("Цифровые инструменты")
    assert await conversation_of(world, 107) == "FlashAsk:description"
    await app.close()  # a new process on the same database: the dialog goes on
    restarted = await make_app(
        base_settings(database_url=app.settings.database_url), clock, world.fake
    )
    try:
        again = World(restarted, world.fake)
        teacher = again.user(107)
        await teacher.send("Как вести электронный журнал в начальной школе")
        assert "Как удобнее встретиться?" in teacher.last_text
        # Text where a button is asked: what is awaited, and the step again below it.
        answer = await teacher.send("Ещё текст, но шаг ждёт кнопку")
        hint = restarted.translator.get("ru", "fallback-step")
        assert answer[0].text == hint and "Онлайн" in teacher.buttons()
        await teacher.send("/requests")  # a command leaves the dialog and runs
        assert teacher.last_text == restarted.translator.get("ru", "flash-requests-empty")
        assert await conversation_of(again, 107) is None
        await teacher.send("Как вести электронный журнал")  # no dialog: not an answer
        hint = restarted.translator.get("ru", "fallback-menu-mentee")
        assert teacher.last_text.startswith(hint)
        # A command of a router after flash's, typed at the text step, runs too.
        await teacher.send("/flash")
        await teacher.click("Цифровые инструменты")
        await teacher.send("/surveys")
        assert teacher.last_text != hint and await conversation_of(again, 107) is None
    finally:
        await restarted.close()


async def test_cancel_keeps_nothing_and_buttons_of_a_finished_conversation_are_stale(
    world: World,
) -> None:
    await add_teacher(world, 101)
    teacher = world.user(101)
    await ask(teacher)
    send, edit_format = teacher.data_of("Отправить"), teacher.data_of("Формат")
    await teacher.click("Отмена")
    assert "не отправлен" in teacher.last_text
    assert (await the_request(world)).status == FlashStatus.cancelled
    await teacher.press_data(send)  # a button of the finished dialog
    assert "устарела" in teacher.last_callback_answer
    await teacher.press_data(edit_format)
    assert "устарела" in teacher.last_callback_answer
    await teacher.send("/flash")
    topic = teacher.data_of("Цифровые инструменты")
    await teacher.press_data(topic.rsplit(":", 1)[0] + ":subject.bogus")  # a forged item
    assert "Такой темы нет" in teacher.last_callback_answer
    await teacher.press_data(send)  # the old dialog's button, a new dialog open
    assert "устарела" in teacher.last_callback_answer
    await teacher.press_data(topic.split("\x1d")[0] + "\x1dformat:online")  # a later step's
    assert "устарела" in teacher.last_callback_answer
    await teacher.send("/cancel")
    assert "отменено" in teacher.last_text
    assert await conversation_of(world, 101) is None


async def test_strangers_and_unapproved_people_cannot_ask(world: World) -> None:
    stranger = world.user(102)
    await stranger.send("/flash")
    assert "Сначала зарегистрируйтесь" in stranger.last_text
    await add_teacher(world, 103, status=ParticipantStatus.pending)
    pending = world.user(103)
    # The one rule for a pending person (bot.services.menu) answers before the feature does.
    waiting = world.app.translator.get("ru", "pending-not-yet")
    await pending.send("/flash")
    assert pending.last_text == waiting
    await pending.send("/requests")
    assert pending.last_text == waiting


async def test_the_command_menu_offers_flash_by_role(world: World) -> None:
    await add_teacher(world, 105)
    await add_mentor(world, 205, "Петрова Анна Сергеевна")
    teacher, mentor = world.user(105), world.user(205)
    await teacher.send("/help")
    assert "/flash" in teacher.last_text and "/requests" in teacher.last_text
    assert "/offers" not in teacher.last_text
    await mentor.send("/help")
    assert all(f"/{name}" in mentor.last_text for name in ("flash", "requests", "offers"))
    stranger = world.user(106)
    await stranger.send("/help")
    assert "/flash" not in stranger.last_text


async def test_nobody_to_offer_and_no_coordinator_is_said_plainly(world: World) -> None:
    await add_teacher(world, 104)
    teacher = world.user(104)
    await ask(teacher)
    await teacher.click("Отправить")
    assert "подходящих свободных наставников сейчас нет" in teacher.last_text
    request = await the_request(world)
    assert request.status == FlashStatus.open


# --- offers --------------------------------------------------------------------------------


async def test_first_accept_wins_and_the_other_offers_say_it_is_taken(world: World) -> None:
    teacher_row = await add_teacher(world, 110)
    await add_mentor(world, 211, "Петрова Анна Сергеевна")
    await add_mentor(world, 212, "Сидоров Пётр Ильич", org=SCHOOL_2)
    await add_mentor(world, 213, "Кузнецова Ольга", org=OTHER_MUNI_SCHOOL)
    await add_mentor(world, 214, "Химик Не По Теме", subjects=("chemistry",), expertise=())
    teacher = world.user(110)
    await ask(teacher)
    await teacher.click("Отправить")
    await world.drain()
    assert texts_to(world, 214) == []  # unrelated to the topic: never asked
    offer = shown(world, 211)[-1]
    assert "Запрос о помощи №" in offer and "молодой специалист" in offer
    assert "Молодая Учительница" not in offer  # the name only after a match
    assert "коллега из вашей организации" in offer
    assert "из вашего муниципалитета" in shown(world, 212)[-1]
    assert "сетевое наставничество" in shown(world, 213)[-1]
    second = world.user(212)
    await second.click("Возьму")
    assert second.last_callback_answer == "Запрос ваш!"
    assert "Запрос №1 ваш" in second.last_text and "Молодая Учительница" in second.last_text
    assert "🕒 Предложить время" in second.buttons()
    await world.drain()
    for other in (211, 213):
        assert "уже взял другой наставник" in shown(world, other)[-1]
        assert world.user(other).buttons() == []  # the buttons are gone
    card = shown(world, 110)[-1]
    assert "Наставник найден" in card and "Сидоров Пётр Ильич" in card
    # A replayed Accept from an edited offer: a clear alert, nothing changes.
    first = world.user(211)
    offers = await offers_of(world, (await the_request(world)).id)
    await first.press_data(f"fo:a:{offers[0].id}")
    assert "уже взял другой наставник" in first.last_callback_answer
    await second.press_data(f"fo:a:{offers[1].id}")
    assert "Вы уже взяли этот запрос" in second.last_callback_answer
    request = await the_request(world)
    assert request.status == FlashStatus.matched and request.mentor_id == offers[1].mentor_id
    async with world.db() as session:
        matched = await session.scalar(
            select(FlashEvent).where(FlashEvent.to_status == FlashStatus.matched)
        )
    assert matched.actor_id == offers[1].mentor_id and request.requester_id == teacher_row.id


async def test_decline_and_not_now(world: World, app: App) -> None:
    await add_teacher(world, 120)
    await add_mentor(world, 221, "Петрова Анна Сергеевна")
    await add_mentor(world, 222, "Сидоров Пётр Ильич")
    teacher = world.user(120)
    await ask(teacher)
    await teacher.click("Отправить")
    await world.drain()
    one, two = world.user(221), world.user(222)
    await one.click("Не моё")
    assert "предложим другим наставникам" in one.last_text
    await one.press_data(f"fo:a:{(await offers_of(world, 1))[0].id}")
    assert "уже отказались" in one.last_callback_answer
    await two.click("Не сейчас")
    assert "новых запросов не пришлю" in two.last_text
    await two.send("/offers")
    assert "Ждут вашего ответа: 1" in two.last_text
    await two.click("⏰ №1 · Математика")
    await two.click("Возьму")
    assert "Запрос №1 ваш" in two.last_text
    # The pause keeps new offers away from the mentor for a few hours.
    await add_teacher(world, 121, name="Другая Учительница")
    other = world.user(121)
    await ask(other)
    await other.click("Отправить")
    await world.drain()
    assert not any("№2" in text for text in texts_to(world, 222))


async def test_when_everyone_declines_the_next_wave_goes_out_at_once(
    world: World, app: App
) -> None:
    await add_teacher(world, 122)
    for tg_id, name in ((223, "Первая Наставница"), (224, "Второй Наставник")):
        await add_mentor(world, tg_id, name)
    await add_mentor(world, 225, "Третья Наставница")
    await add_mentor(world, 226, "Соседка Из Пудино", org=SCHOOL_2)
    teacher = world.user(122)
    await ask(teacher)
    await teacher.click("Отправить")
    await world.drain()
    for tg_id in (223, 224, 225):
        await world.user(tg_id).click("Не моё")
    assert texts_to(world, 226) == []
    await later(app, world, seconds=1)  # the next tick, not the wave's 30 minutes
    assert "Запрос о помощи №1" in shown(world, 226)[-1]
    await world.user(226).click("Возьму")
    assert (await the_request(world)).status == FlashStatus.matched


async def test_offers_list_for_mentors_only(world: World) -> None:
    await add_teacher(world, 130)
    teacher = world.user(130)
    await teacher.send("/offers")
    assert "только наставникам" in teacher.last_text
    await add_mentor(world, 231, "Петрова Анна Сергеевна")
    mentor = world.user(231)
    await mentor.send("/offers")
    assert "Новых запросов для вас нет" in mentor.last_text
    await mentor.click("Настройки")
    await mentor.click("С чем могу помочь")
    await mentor.send("дроби и проценты, подготовка к ОГЭ")
    assert "Сохранено" in mentor.last_text and "дроби и проценты" in mentor.last_text
    await mentor.click("Пауза")
    assert "Пауза до" in mentor.last_text
    await mentor.click("Снять паузу")
    assert "Паузы нет" in mentor.last_text
    await mentor.click("Принимать запросы")
    assert "Принимаю флэш-запросы: Нет" in mentor.last_text


async def test_a_mentor_who_lost_the_role_cannot_accept(world: World, app: App) -> None:
    await add_teacher(world, 140)
    await add_mentor(world, 241, "Петрова Анна Сергеевна")
    await add_coordinator(world, 740)
    teacher = world.user(140)
    await ask(teacher)
    await teacher.click("Отправить")
    await world.drain()
    coordinator = world.user(740)
    await revoke_mentor(coordinator, "Петрова Анна Сергеевна")
    mentor = world.user(241)
    await mentor.click("Возьму")
    assert "больше нет роли наставника" in mentor.last_callback_answer
    assert (await the_request(world)).status == FlashStatus.offered


async def _wave_with_two_declines(world: World, requester: int, mentors: list[int]) -> None:
    """A request offered to three mentors of the school; the last two decline, so only the
    first mentor's offer is still open (a fourth mentor, in another school, waits)."""
    await add_teacher(world, requester)
    teacher = world.user(requester)
    await ask(teacher)
    await teacher.click("Отправить")
    await world.drain()
    for tg_id in mentors[1:]:
        await world.user(tg_id).click("Не моё")
    assert texts_to(world, 249) == []


async def test_a_mentor_whose_role_is_revoked_loses_the_offer_and_the_wave_moves_on(
    world: World, app: App
) -> None:
    first = await add_mentor(world, 242, "Петрова Анна Сергеевна")
    await add_mentor(world, 243, "Сидоров Пётр Ильич")
    await add_mentor(world, 244, "Кузнецова Ольга")
    await add_mentor(world, 249, "Соседка Из Пудино", org=SCHOOL_2)
    await add_coordinator(world, 741)
    await _wave_with_two_declines(world, 142, [242, 243, 244])
    coordinator = world.user(741)
    await revoke_mentor(coordinator, "Петрова Анна Сергеевна")
    assert "Роль наставника снята" in coordinator.last_callback_answer
    request = await the_request(world)
    assert request.wave == 1
    assert (await offers_of(world, request.id))[0].status == FlashOfferStatus.withdrawn  # at once
    await later(app, world, seconds=1)  # the next tick, not the wave's 30 minutes
    (offer_message,) = [
        m for m in world.fake.chat_messages(242) if "Запрос о помощи №1" in (m.text or "")
    ]
    assert "Предложение снято: у вас больше нет роли наставника" in (offer_message.text or "")
    assert world.user(242).buttons(offer_message) == []  # the buttons are gone
    assert "Запрос о помощи №1" in shown(world, 249)[-1]
    assert (await the_request(world)).wave == 2
    # The old offer pressed anyway: a clear alert, nothing changes.
    mentor = world.user(242)
    await mentor.press_data(f"fo:a:{(await offers_of(world, request.id))[0].id}")
    assert "больше нет роли наставника" in mentor.last_callback_answer
    await world.user(249).click("Возьму")
    request = await the_request(world)
    assert request.status == FlashStatus.matched and request.mentor_id != first.id


async def test_a_mentor_who_switches_flash_off_loses_the_offer_and_the_wave_moves_on(
    world: World, app: App
) -> None:
    await add_mentor(world, 245, "Петрова Анна Сергеевна")
    await add_mentor(world, 246, "Сидоров Пётр Ильич")
    await add_mentor(world, 247, "Кузнецова Ольга")
    await add_mentor(world, 249, "Соседка Из Пудино", org=SCHOOL_2)
    await _wave_with_two_declines(world, 143, [245, 246, 247])
    mentor = world.user(245)
    offer_id = (await offers_of(world, (await the_request(world)).id))[0].id
    await mentor.send("/offers")
    await mentor.click("Настройки")
    await mentor.click("Принимать запросы")
    assert "Принимаю флэш-запросы: Нет" in mentor.last_text
    await later(app, world, seconds=1)
    (offer_message,) = [
        m for m in world.fake.chat_messages(245) if "Запрос о помощи №1" in (m.text or "")
    ]
    assert "Предложение снято: вы отключили флэш-запросы" in (offer_message.text or "")
    assert mentor.buttons(offer_message) == []
    assert "Запрос о помощи №1" in shown(world, 249)[-1]
    await mentor.press_data(f"fo:a:{offer_id}")
    assert "больше не действует" in mentor.last_callback_answer
    assert (await the_request(world)).status == FlashStatus.offered


async def test_a_requester_who_deleted_the_account(world: World, app: App) -> None:
    await add_teacher(world, 150)
    await add_mentor(world, 251, "Петрова Анна Сергеевна")
    teacher = world.user(150)
    await ask(teacher)
    await teacher.click("Отправить")
    await world.drain()
    await teacher.send("/profile")
    await teacher.click("Удалить")
    await teacher.click("Да, удалить")
    request = await the_request(world)
    # Closed at once, the description erased with the rest of the personal data.
    assert request.status == FlashStatus.cancelled and request.description == ""
    await world.drain()
    assert "отменил этот запрос" in shown(world, 251)[-1]  # the offer message is edited
    mentor = world.user(251)
    await mentor.press_data(f"fo:a:{(await offers_of(world, request.id))[0].id}")
    assert "отменил" in mentor.last_callback_answer
    assert (await the_request(world)).mentor_id is None
    async with world.db() as session:
        moves = list(await session.scalars(select(FlashEvent.to_status)))
    assert moves.count(FlashStatus.matched) == 0


async def test_a_requester_who_left_before_the_bot_saw_it(world: World, app: App) -> None:
    """Deleted by other means (the admin, the database): the offer is refused, and the
    wave's timeout closes the request."""
    await add_teacher(world, 152)
    await add_mentor(world, 253, "Петрова Анна Сергеевна")
    teacher = world.user(152)
    await ask(teacher)
    await teacher.click("Отправить")
    await world.drain()
    async with world.db() as session:
        person = await session.scalar(select(Participant).where(Participant.tg_id == 152))
        person.status = ParticipantStatus.deleted
    mentor = world.user(253)
    await mentor.click("Возьму")
    assert "удалил свой аккаунт" in mentor.last_callback_answer
    assert (await the_request(world)).status == FlashStatus.offered
    await later(app, world, minutes=31)
    assert (await the_request(world)).status == FlashStatus.cancelled
    assert "отменил этот запрос" in shown(world, 253)[-1]


async def test_a_mentor_who_deletes_the_account_mid_session(world: World, app: App) -> None:
    await add_teacher(world, 154)
    await add_mentor(world, 255, "Петрова Анна Сергеевна")
    teacher = world.user(154)
    await ask(teacher)
    await teacher.click("Отправить")
    await world.drain()
    mentor = world.user(255)
    await mentor.click("Возьму")
    assert (await the_request(world)).status == FlashStatus.matched
    await add_mentor(world, 256, "Запасная Наставница", org=SCHOOL_2)
    await mentor.send("/profile")
    await mentor.click("Удалить")
    await mentor.click("Да, удалить")
    await world.drain()
    request = await the_request(world)
    assert request.status == FlashStatus.offered and request.mentor_id is None
    assert "больше не работает в боте" in shown(world, 154)[-1]
    assert "Запрос о помощи №1" in shown(world, 256)[-1]


async def test_a_mentor_whose_role_is_revoked_mid_session_hands_it_back(
    world: World, app: App
) -> None:
    await add_teacher(world, 158)
    await add_mentor(world, 258, "Петрова Анна Сергеевна")
    await add_coordinator(world, 758)
    teacher = world.user(158)
    await ask(teacher)
    await teacher.click("Отправить")
    await world.drain()
    mentor = world.user(258)
    await mentor.click("Возьму")
    assert (await the_request(world)).status == FlashStatus.matched
    await add_mentor(world, 259, "Запасная Наставница", org=SCHOOL_2)
    coordinator = world.user(758)
    await revoke_mentor(coordinator, "Петрова Анна Сергеевна")
    assert "Роль наставника снята" in coordinator.last_callback_answer
    await later(app, world, seconds=1)  # the next tick
    request = await the_request(world)
    assert request.status == FlashStatus.offered and request.mentor_id is None
    assert "больше не может его вести" in shown(world, 158)[-1]
    assert "больше нет роли наставника" in shown(world, 258)[-1]
    assert "Запрос о помощи №1" in shown(world, 259)[-1]
    # The old session's buttons do nothing for the former mentor now.
    await mentor.press_data(f"fs:w:{request.id}:")
    assert "не найден" in mentor.last_callback_answer
    await world.user(259).click("Возьму")
    assert (await the_request(world)).status == FlashStatus.matched


async def test_a_mentor_who_blocked_the_bot_is_skipped(world: World, app: App) -> None:
    await add_teacher(world, 160)
    await add_mentor(world, 261, "Петрова Анна Сергеевна")
    await add_mentor(world, 262, "Сидоров Пётр Ильич")
    await add_mentor(world, 263, "Кузнецова Ольга")
    await add_mentor(world, 264, "Запасная Наставница", org=SCHOOL_2)
    world.fake.blocked.add(261)
    teacher = world.user(160)
    await ask(teacher)
    await teacher.click("Отправить")
    await world.drain()  # the sender meets the 403 and marks the mentor
    assert texts_to(world, 264) == []
    await later(app, world, minutes=3)  # the delivery check replaces the skipped offer
    assert "Запрос о помощи №1" in shown(world, 264)[-1]
    statuses = {o.mentor_id: o.status for o in await offers_of(world, 1)}
    assert sorted(statuses.values()) == [
        FlashOfferStatus.offered,
        FlashOfferStatus.offered,
        FlashOfferStatus.offered,
        FlashOfferStatus.skipped,
    ]


async def test_forged_and_foreign_ids_learn_nothing(world: World) -> None:
    await add_teacher(world, 170)
    await add_teacher(world, 171, name="Чужая Учительница")
    await add_mentor(world, 271, "Петрова Анна Сергеевна")
    teacher = world.user(170)
    await ask(teacher)
    await teacher.click("Отправить")
    await world.drain()
    rid = (await the_request(world)).id
    stranger = world.user(171)
    for data in (
        f"fr:v:{rid}",
        f"fr:x:{rid}",
        f"fr:xy:{rid}",
        f"fs:w:{rid}:",
        f"fs:v:{rid}:",
        f"fs:p:{rid}:1.0",
        "fo:a:9999",
    ):
        await stranger.press_data(data)
        assert "не найден" in (stranger.last_callback_answer or ""), data
    await stranger.press_data(f"fa:l:{rid}:0")
    assert "только координаторам" in stranger.last_callback_answer
    await teacher.press_data(f"fs:p:{rid}:x.y")
    assert "устарела" in teacher.last_callback_answer
    assert (await the_request(world)).status == FlashStatus.offered


# --- waves, the coordinator ------------------------------------------------------------------


async def test_silence_moves_to_the_coordinator_who_assigns_by_hand(world: World, app: App) -> None:
    await add_teacher(world, 180)
    await add_mentor(world, 281, "Петрова Анна Сергеевна")
    await add_mentor(world, 282, "Химик Без Флэша", subjects=("chemistry",), flash=False)
    await add_coordinator(world, 780)
    teacher = world.user(180)
    await ask(teacher)
    await teacher.click("Отправить")
    await world.drain()
    await later(app, world, minutes=20)
    assert not any("никто не взял" in t for t in texts_to(world, 780))
    await later(app, world, minutes=11)  # the wave's timeout: nobody new, the coordinator
    assert "никто не взял" in shown(world, 780)[-1]
    assert "передал его координатору" in shown(world, 180)[-1]
    coordinator = world.user(780)
    await coordinator.click("Назначить наставника")
    assert coordinator.buttons()[0].startswith("✓ Петрова Анна Сергеевна")
    await coordinator.click("Химик Без Флэша")
    assert "Назначить Химик Без Флэша" in coordinator.last_text
    await coordinator.click("✅ Назначить")
    assert "назначен(а) наставником" in coordinator.last_text
    await world.drain()
    assert "Координатор назначил вас" in shown(world, 282)[-1]
    assert "Химик Без Флэша" in shown(world, 180)[-1]
    assert "уже взял другой наставник" in shown(world, 281)[-1]
    await coordinator.press_data("fa:y:1:282")
    assert "уже работает наставник" in coordinator.last_callback_answer


async def test_waves_then_the_school_then_the_municipality_across_a_restart(
    world: World, app: App, clock: FakeClock
) -> None:
    """Silence, driven by the clock: wave 1 (the school), wave 2 (the municipality), the
    school's coordinator, then the municipality's. The bot restarts in the middle: the
    timeouts live in the database, not in the process."""
    await add_teacher(world, 185)
    for tg_id, name in ((283, "Первая Наставница"), (284, "Второй Наставник")):
        await add_mentor(world, tg_id, name)
    await add_mentor(world, 285, "Третья Наставница")
    await add_mentor(world, 286, "Соседка Из Пудино", org=SCHOOL_2)
    await add_coordinator(world, 785)
    async with world.db() as session:
        muni = await muni_id(session, "Город Кедровый")
    await world.add_person(
        786, name="Координатор Района", coordinator_of=(ScopeLevel.municipality, muni)
    )
    teacher = world.user(185)
    await ask(teacher)
    await teacher.click("Отправить")
    await world.drain()
    first = {o.mentor_id for o in await offers_of(world, 1)}
    assert len(first) == 3 and texts_to(world, 286) == []
    await later(app, world, minutes=29)
    assert texts_to(world, 286) == []  # the wave's time is not up yet
    await later(app, world, minutes=2)
    assert "Запрос о помощи №1" in shown(world, 286)[-1]
    assert (await the_request(world)).wave == 2

    await app.close()  # a new process on the same database
    restarted = await make_app(
        base_settings(database_url=app.settings.database_url),
        clock,
        world.fake,
    )
    try:
        again = World(restarted, world.fake)
        await later(restarted, again, minutes=31)  # wave 2 ran out; nobody new: the school
        assert "никто не взял" in shown(world, 785)[-1]
        assert texts_to(world, 786) == []
        assert "передал его координатору" in shown(world, 185)[-1]
        await later(restarted, again, minutes=31)  # the school did not assign: the municipality
        assert "никто не взял" in shown(world, 786)[-1]
        request = await the_request(again)
        assert request.status == FlashStatus.offered and request.escalation == 2
        assert len(await offers_of(again, 1)) == 4
    finally:
        await restarted.close()


async def test_deadline_expires_the_request(world: World, app: App) -> None:
    await add_teacher(world, 190)
    await add_mentor(world, 291, "Петрова Анна Сергеевна")
    teacher = world.user(190)
    await ask(teacher)
    await teacher.click("Отправить")
    await world.drain()
    await later(app, world, days=7, minutes=1)
    request = await the_request(world)
    assert request.status == FlashStatus.expired
    assert "никто не откликнулся в срок" in shown(world, 190)[-1]
    assert "Срок этого запроса истёк" in shown(world, 291)[-1]
    mentor = world.user(291)
    await mentor.press_data(f"fo:a:{(await offers_of(world, request.id))[0].id}")  # a stale button
    assert "Срок этого запроса истёк" in mentor.last_callback_answer
    assert (await the_request(world)).status == FlashStatus.expired


# --- the requester's lists and cancelling -----------------------------------------------------


async def test_requests_list_card_history_and_cancel(world: World, app: App) -> None:
    await add_teacher(world, 195)
    await add_mentor(world, 295, "Петрова Анна Сергеевна")
    teacher = world.user(195)
    await teacher.send("/requests")
    assert "пока нет запросов" in teacher.last_text
    await ask(teacher)
    await teacher.click("Отправить")
    await world.drain()
    await teacher.send("/requests")
    assert "В работе: 1" in teacher.last_text
    await teacher.click("№1 · Математика · ждёт ответа наставников")
    card = teacher.last_text
    assert "История:" in card and "(отправлен)" in card and "(предложен наставникам)" in card
    await teacher.click("Отменить запрос")
    assert "Отменить запрос №1?" in teacher.last_text
    await teacher.click("Нет, оставить")
    assert (await the_request(world)).status == FlashStatus.offered
    await teacher.click("Отменить запрос")
    await teacher.click("Да, отменить")
    assert "Запрос №1 отменён" in teacher.last_text
    await world.drain()
    assert "Автор отменил этот запрос" in shown(world, 295)[-1]
    mentor = world.user(295)
    await mentor.press_data(f"fo:a:{(await offers_of(world, 1))[0].id}")  # a stale button
    assert "уже отменил" in mentor.last_callback_answer
    await mentor.press_data(f"fo:l:{(await offers_of(world, 1))[0].id}")
    assert "уже отменил" in mentor.last_callback_answer
    await teacher.press_data("fr:xy:1")
    assert "отменён" in teacher.last_callback_answer
    async with world.db() as session:
        edits = await session.scalar(
            select(OutboxMessage).where(OutboxMessage.method == "editMessageText")
        )
    assert edits is not None


async def test_an_interrupted_draft_can_be_sent_from_the_list(world: World) -> None:
    await add_teacher(world, 196)
    await add_mentor(world, 296, "Петрова Анна Сергеевна")
    teacher = world.user(196)
    await ask(teacher)
    await teacher.send("/requests")
    await teacher.click("№1 · Математика · черновик")
    await teacher.click("Отправить")
    assert (await the_request(world)).status == FlashStatus.offered
    await world.drain()
    assert "Запрос о помощи №1" in shown(world, 296)[-1]


async def test_reminder_texts_respect_a_coordinators_scope(world: World) -> None:
    """A coordinator of another school cannot open or assign someone else's request."""
    await add_teacher(world, 197)
    await add_coordinator(world, 797, org=OTHER_MUNI_SCHOOL)
    teacher = world.user(197)
    await ask(teacher)
    await teacher.click("Отправить")
    rid = (await the_request(world)).id
    outsider = world.user(797)
    await outsider.press_data(f"fa:l:{rid}:0")
    assert "не найден" in outsider.last_callback_answer
    await outsider.press_data(f"fa:y:{rid}:1")
    assert "не найден" in outsider.last_callback_answer
    assert (await the_request(world)).status == FlashStatus.open
    async with world.db() as session:
        assert (await session.get(FlashRequest, rid)).mentor_id is None
