"""After the match, through the dispatcher: a time agreed, reminders, talking through the
bot, contacts, "did it take place?", the meeting record, ratings."""

from __future__ import annotations

from sqlalchemy import select

from bot.app import App
from models import Meeting
from models.enums import FlashStatus, MeetingStatus
from models.flash import FlashRating
from tests.flash_helpers import (
    add_mentor,
    add_teacher,
    ask,
    later,
    the_request,
)
from tests.support import World


def shown(world: World, tg_id: int) -> list[str]:
    return [
        m.text or ""
        for m in world.fake.chat_messages(tg_id)
        if m.from_user is not None and m.from_user.id == world.fake.bot_id
    ]


def with_button(world: World, tg_id: int, label: str):  # type: ignore[no-untyped-def]
    """The newest message in the chat that has a button `label`."""
    for message in reversed(world.fake.chat_messages(tg_id)):
        markup = message.reply_markup
        rows = getattr(markup, "inline_keyboard", None) or []
        if any(button.text == label for row in rows for button in row):
            return message
    raise AssertionError(f"no message with {label!r}")


async def matched(world: World) -> tuple:  # type: ignore[type-arg]
    await add_teacher(world, 300)
    await add_mentor(world, 400, "Петрова Анна Сергеевна")
    teacher, mentor = world.user(300), world.user(400)
    await ask(teacher)
    await teacher.click("Отправить")
    await world.drain()
    await mentor.click("Возьму")
    await world.drain()
    return teacher, mentor


async def test_a_whole_session_from_match_to_ratings(world: World, app: App) -> None:
    teacher, mentor = await matched(world)
    await mentor.click("🕒 Предложить время")
    assert "от одного до 3 вариантов" in mentor.last_text
    await mentor.send("в понедельник вечером")
    assert "Не понял время" in mentor.last_text
    await mentor.send("завтра 18:00\n27.11 16:30")  # the clock: Wed 25.11, 10:00 in Tomsk
    assert "Отправил варианты" in mentor.last_text and "чт 26.11 18:00" in mentor.last_text
    await world.drain()
    assert "предлагает время встречи" in shown(world, 300)[-1]
    assert teacher.buttons() == ["🕒 чт 26.11 18:00", "🕒 пт 27.11 16:30", "Ни одно не подходит"]
    await teacher.click("🕒 чт 26.11 18:00")
    assert "Встреча по запросу №1: <b>" not in teacher.last_text
    assert "чт 26.11 18:00" in teacher.last_text
    await world.drain()
    assert "согласовано: чт 26.11 18:00" in shown(world, 400)[-1]
    assert (await the_request(world)).status == FlashStatus.scheduled
    # 26.11 18:00 Tomsk = 11:00 UTC; now 25.11 03:00 UTC. A day before: 25.11 11:00 UTC.
    await later(app, world, hours=8, minutes=1)
    assert "Завтра, чт 26.11 18:00" in shown(world, 300)[-1]
    assert "Молодая Учительница" in shown(world, 400)[-1]
    await later(app, world, hours=23)
    assert "Через час" in shown(world, 300)[-1] and "Через час" in shown(world, 400)[-1]
    await later(app, world, hours=2)  # an hour after the meeting: did it take place?
    assert "состоялась?" in shown(world, 300)[-1] and "состоялась?" in shown(world, 400)[-1]
    await teacher.click("Да, состоялась")
    assert "отмечено, что встреча состоялась" in teacher.last_text
    await mentor.click("Да, состоялась")
    assert "Сколько длилась встреча" in mentor.last_text
    await mentor.click("🤝 60 мин")
    assert "Встреча по запросу №1 записана (60 мин)" in mentor.last_text
    await mentor.click("5 ⭐")
    assert "Ваша оценка: 5" in mentor.last_text
    await mentor.click("Пропустить")
    await world.drain()
    assert "подтвердил встречу" in shown(world, 300)[-1]
    await teacher.click("4 ⭐")
    await teacher.send("Спасибо, очень помогло!")
    assert "комментарий сохранён" in teacher.last_text
    await teacher.press_data("fs:r:1:5")
    assert "уже оценили" in teacher.last_callback_answer
    async with world.db() as session:
        meeting = await session.scalar(select(Meeting))
        ratings = list(await session.scalars(select(FlashRating).order_by(FlashRating.id)))
    assert meeting.duration_minutes == 60 and meeting.format == "offline"
    assert meeting.status == MeetingStatus.confirmed and meeting.flash_request_id == 1
    assert [(r.score, r.comment) for r in ratings] == [(5, None), (4, "Спасибо, очень помогло!")]
    request = await the_request(world)
    assert request.status == FlashStatus.completed
    await teacher.send("/requests")
    assert "Завершённые (последние): 1" in teacher.last_text


async def test_no_time_fits_and_stale_slot_buttons(world: World, app: App) -> None:
    teacher, mentor = await matched(world)
    await mentor.click("🕒 Предложить время")
    await mentor.send("завтра 18:00")
    await world.drain()
    old_slots = teacher.last_message
    await teacher.click("Ни одно не подходит")
    assert "Попросил наставника предложить другое время" in teacher.last_text
    await world.drain()
    assert "не подошло ни одно время" in shown(world, 400)[-1]
    await mentor.click("🕒 Предложить время")
    await mentor.send("27.11 16:30")
    await world.drain()
    await teacher.press_data("fs:p:1:1.0", message=old_slots)
    assert "уже не действуют" in teacher.last_callback_answer
    await teacher.click("🕒 пт 27.11 16:30")
    assert (await the_request(world)).status == FlashStatus.scheduled
    await mentor.press_data("fs:p:1:2.0")
    assert "только автору запроса" in mentor.last_callback_answer
    await teacher.press_data("fs:t:1:")
    assert "только наставнику" in teacher.last_callback_answer
    await mentor.press_data("fs:h:1:1")
    assert "Встреча ещё впереди" in mentor.last_callback_answer


async def test_writing_through_the_bot_and_sharing_a_contact(world: World) -> None:
    teacher, mentor = await matched(world)
    card = with_button(world, teacher.id, "✉ Написать")
    await teacher.click("✉ Написать")
    assert "Напишите сообщение для Петрова Анна Сергеевна" in teacher.last_text
    # The prompt opens below; the card keeps its buttons for later.
    assert (
        "✉ Написать" in teacher.buttons(card) and teacher.last_message.message_id != card.message_id
    )
    await teacher.send("Здравствуйте! Удобно <завтра> после 15?")
    assert "Передано" in teacher.last_text
    await world.drain()
    relayed = shown(world, 400)[-1]
    await teacher.send_document("plan.pdf", b"%PDF-1.4", "application/pdf")
    assert "Передано" in teacher.last_text
    await teacher.send("/requests")  # a command is never relayed
    await world.drain()
    copied = world.fake.chat_messages(400)[-1]  # a copy: the file, no sender shown
    assert copied.document is not None and copied.document.file_name == "plan.pdf"
    assert "Молодая Учительница" in shown(world, 400)[-2]  # the line saying who sent it
    assert "Молодая Учительница" in relayed and "Удобно <завтра> после 15?" in relayed
    assert not any("/requests" in text for text in shown(world, 400))
    await mentor.click("✉ Ответить")
    await mentor.send("Да, давайте в 16:00")
    await mentor.click("Готово")
    await mentor.send("просто текст")
    assert "Вот ваше меню" in mentor.last_text  # no longer writing: the menu
    await world.drain()
    assert "Да, давайте в 16:00" in shown(world, 300)[-1]
    await teacher.send("/cancel")
    await teacher.send("/requests")
    await teacher.click("№1 · Математика · наставник найден")
    await teacher.click("📇 Поделиться контактом")
    assert "Поделиться вашим контактом" in teacher.last_text
    await teacher.click("Нет")
    assert "контакт остаётся скрытым" in teacher.last_text
    await world.drain()
    assert not any("поделился контактом" in t for t in shown(world, 400))
    await mentor.click(
        "📇 Поделиться контактом", with_button(world, 400, "📇 Поделиться контактом")
    )
    await mentor.click("Да, поделиться")
    await world.drain()
    contact = world.fake.chat_messages(300)[-1]
    assert "поделился контактом" in (contact.text or "")
    assert any(
        e.type == "text_link" and e.url == "tg://user?id=400" for e in contact.entities or []
    )


async def test_the_mentor_sees_sessions_in_offers_and_the_requester_cancels(
    world: World, app: App
) -> None:
    teacher, mentor = await matched(world)
    await mentor.send("/offers")
    assert "Ваши флэш-сессии: 1" in mentor.last_text
    await mentor.click("№1 · Молодая Учительница · наставник найден")
    assert "Флэш-сессия №1" in mentor.last_text and "Кто просит помощи" in mentor.last_text
    await teacher.send("/requests")
    await teacher.click("№1 · Математика · наставник найден")
    await teacher.click("Отменить запрос")
    assert "Наставник получит сообщение об отмене" in teacher.last_text
    await teacher.click("Да, отменить")
    await world.drain()
    assert "Автор отменил запрос №1" in shown(world, 400)[-1]
    await mentor.press_data("fs:t:1:")
    assert "отменён" in mentor.last_callback_answer
    await mentor.press_data("fs:w:1:")
    assert "отменён" in mentor.last_callback_answer


async def test_no_time_agreed_within_a_week_closes_the_session(world: World, app: App) -> None:
    await matched(world)
    await later(app, world, days=1, minutes=1)
    assert "ещё не предложено время" in shown(world, 400)[-1]
    await later(app, world, days=6)
    assert (await the_request(world)).status == FlashStatus.expired
    assert "так и не согласовали" in shown(world, 300)[-1]
    assert "так и не согласовали" in shown(world, 400)[-1]


async def test_a_mentor_sets_what_they_help_with_and_comes_back(world: World) -> None:
    await add_mentor(world, 300, "Петрова Анна Сергеевна")
    mentor = world.user(300)
    await mentor.send("/offers")
    await mentor.click("⚙ Настройки флэш-наставничества")
    assert "Настройки флэш-наставничества" in mentor.last_text
    await mentor.click("✏ С чем могу помочь")
    assert "Опишите своими словами" in mentor.last_text
    await mentor.click("◀ Назад")  # changes nothing, back on the settings
    assert "Настройки флэш-наставничества" in mentor.last_text
    await mentor.click("✏ С чем могу помочь")
    await mentor.send("дроби и проценты, подготовка к ОГЭ")
    assert "Сохранено." in mentor.last_text
    assert "С чем могу помочь: дроби и проценты, подготовка к ОГЭ" in mentor.last_text
    await mentor.send("ещё текст")  # no longer asked: not saved as notes
    await mentor.send("/offers")
    await mentor.click("⚙ Настройки флэш-наставничества")
    assert "ещё текст" not in mentor.last_text
