"""The meeting log through the dispatcher: logging, confirming, disputing, editing, totals."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

from aiogram_dialog.widgets.kbd.calendar_kbd import raw_from_date
from openpyxl import load_workbook
from sqlalchemy import func, select

from bot.app import App
from bot.callbacks.mentorship import MeetingCb
from bot.clock import FakeClock
from bot.fakes.client import TelegramUser
from bot.services.mentorship import pairs
from handlers.mentorship_ui import TotalsCb
from models import Municipality
from models.enums import MeetingStatus, MentorshipStatus, ScopeLevel
from models.mentorship import Meeting
from tests.conftest import base_settings, make_app
from tests.mentorship_support import ZONALNAYA, world_pair
from tests.support import World, conversation_of, muni_id

SCHOOL = "СОШ № 1 г. Кедрового"


async def _setup(world: World, group: bool = False, running_days: int = 60) -> int:
    await world.add_person(
        700,
        name="Координатор Школы",
        coordinator_of=(ScopeLevel.organization, await world.org_id(SCHOOL)),
    )
    await world.add_person(801, name="Петрова Анна Ивановна", role="mentor", capacity=5)
    await world.add_person(802, name="Сидорова Мария")
    mentees = [802]
    if group:
        await world.add_person(803, name="Кузнецова Ольга")
        mentees.append(803)
    # Running for two months by default: the past days of the log window may be logged.
    ms = await world_pair(
        world,
        700,
        801,
        mentees,
        form="group" if group else "traditional",
        running_days=running_days,
    )
    await world.drain()
    return ms.id


async def _meetings(world: World) -> list[Meeting]:
    async with world.db() as session:
        return list(await session.scalars(select(Meeting).order_by(Meeting.id)))


async def _log_today(world: World, topic: str = "Технологическая карта урока") -> None:
    mentor = world.user(801)
    await mentor.send("/meet")
    await mentor.click("Сегодня")
    await mentor.click("1 ч")
    await mentor.click("Онлайн")
    await mentor.send(topic)
    await mentor.click("Пропустить")
    await mentor.click("✅ Сохранить")


async def test_a_mentor_logs_in_a_few_taps_and_the_mentee_confirms(world: World) -> None:
    await _setup(world)
    mentor = world.user(801)
    await mentor.send("/meet")
    assert "Когда она была?" in mentor.last_text  # one mentorship: no need to choose it
    await mentor.click("Вчера")
    await mentor.click("1 ч 30 мин")
    await mentor.click("Очно")
    await mentor.send("Разбор открытого урока <7 класс>")
    await mentor.send("Составили план урока")
    assert "Проверьте запись" in mentor.last_text and "&lt;" not in mentor.last_text
    await mentor.click("✅ Сохранить")
    assert "Встреча записана" in mentor.last_text
    (meeting,) = await _meetings(world)
    assert (meeting.duration_minutes, meeting.format, meeting.status) == (
        90,
        "offline",
        MeetingStatus.logged,
    )
    assert meeting.held_on == (world.now() + timedelta(hours=7)).date() - timedelta(days=1)
    await world.drain()
    mentee = world.user(802)
    assert "Новая запись о встрече" in mentee.last_text and "<7 класс>" in mentee.last_text
    await mentee.click("Да, всё верно")
    assert "подтверждена" in mentee.last_callback_answer
    assert (await _meetings(world))[0].status == MeetingStatus.confirmed
    await mentee.press_data(MeetingCb(action="ok", id=meeting.id).pack())
    assert "уже так ответили" in mentee.last_callback_answer


async def test_a_dispute_goes_to_the_coordinator_who_voids_it(world: World) -> None:
    await _setup(world)
    await _log_today(world)
    await world.drain()
    mentee = world.user(802)
    await mentee.click("Не так / не было")
    await mentee.click("Оспорить без причины")
    assert "Координатор разберётся" in mentee.last_callback_answer
    await world.drain()
    coord = world.user(700)
    assert "оспорена" in coord.last_text and "Причина" not in coord.last_text
    await coord.click("Аннулировать")
    assert "аннулирована" in coord.last_callback_answer
    (meeting,) = await _meetings(world)
    assert meeting.status == MeetingStatus.deleted
    assert "🗑 Аннулировать" not in coord.buttons()  # the card shows the decision
    await coord.press_data(MeetingCb(action="keep", id=meeting.id).pack())
    assert "не оспорена" in coord.last_callback_answer
    await world.drain()
    assert any("аннулировал" in (m.text or "") for m in world.fake.sent_messages(801))


async def test_a_dispute_reaches_the_school_and_the_region_decides_from_its_list(
    world: World,
) -> None:
    """The dispute goes to the school's coordinator only; the municipality's and the region's
    are not flooded, yet the regional coordinator finds it in /pairs and decides it."""
    await _setup(world)
    async with world.db() as session:
        kedr = await muni_id(session, "Город Кедровый")
        region = await session.scalar(select(Municipality.region_id).where(Municipality.id == kedr))
    await world.add_person(
        710, name="Координатор Города", coordinator_of=(ScopeLevel.municipality, kedr)
    )
    await world.add_person(
        711, name="Координатор Региона", coordinator_of=(ScopeLevel.region, region)
    )
    await _log_today(world)
    await world.drain()
    await world.user(802).click("Не так / не было")
    await world.user(802).send("Встречи не было, мы перенесли её")
    await world.drain()
    assert "оспорена" in (world.user(700).last_text or "")
    assert world.fake.sent_messages(710) == [] and world.fake.sent_messages(711) == []
    regional = world.user(711)
    await regional.send("/pairs")
    await regional.click("Оспоренные встречи (1)")
    (meeting,) = await _meetings(world)
    await regional.press_data(MeetingCb(action="open", id=meeting.id).pack())
    await regional.click("✅ Оставить")
    assert "оставлена" in regional.last_callback_answer
    assert (await _meetings(world))[0].status == MeetingStatus.confirmed


async def test_bad_input_in_the_wizard_is_refused_and_the_step_stays(world: World) -> None:
    await _setup(world)
    mentor = world.user(801)
    await mentor.send("/meet")
    tomorrow = (world.now() + timedelta(hours=7, days=1)).strftime("%d.%m.%Y")
    await mentor.send(tomorrow)
    assert "не может быть в будущем" in mentor.last_text
    await mentor.send("1.1.2020")
    assert "старше 30 дней" in mentor.last_text
    await mentor.send("вчера утром")
    assert "понять дату" in mentor.last_text
    await mentor.send((world.now() + timedelta(hours=7, days=-3)).strftime("%d.%m"))
    assert "Сколько длилась встреча" in mentor.last_text
    for bad in ("0", "2000", "полчаса"):
        await mentor.send(bad)
        assert "число минут от 5 до 600" in mentor.last_text
    await mentor.send("45")
    await mentor.press_data(_forged(mentor, "Онлайн", "phone"))
    assert "устарела" in mentor.last_callback_answer
    await mentor.click("Онлайн")
    await mentor.send("x")
    assert "от 2 до 300" in mentor.last_text
    await mentor.click("◀ Назад")
    assert "Формат встречи" in mentor.last_text
    await mentor.click("Онлайн")
    await mentor.send("Рабочая программа")
    await mentor.click("Пропустить")
    await mentor.click("✅ Сохранить")
    (meeting,) = await _meetings(world)
    assert meeting.duration_minutes == 45 and meeting.topic == "Рабочая программа"


async def test_edit_within_the_window_and_locked_after(world: World) -> None:
    await _setup(world)
    await _log_today(world)
    (meeting,) = await _meetings(world)
    mentor = world.user(801)
    await mentor.click("Открыть запись")
    assert "Наставник может изменить запись до" in mentor.last_text
    await mentor.click("✏ Изменить")
    await mentor.click("Длительность")
    await mentor.send("1:15")
    assert "Изменено" in mentor.last_text and "1 ч 15 мин" in mentor.last_text
    assert "изменено (Длительность)" in mentor.last_text  # the history
    await world.drain()
    assert "изменил запись" in world.user(802).last_text
    await mentor.click("✏ Изменить")
    topic = mentor.data_of("Тема")  # the edit left open while the window closes
    world.app.clock.advance(days=8)  # type: ignore[attr-defined]
    await mentor.press_data(topic)
    assert "прошло 7 дней" in mentor.last_callback_answer
    await mentor.press_data(MeetingCb(action="edit", id=meeting.id).pack())  # the card's ✏
    assert "прошло 7 дней" in mentor.last_callback_answer
    await mentor.press_data(MeetingCb(action="dely", id=meeting.id).pack())
    assert "прошло 7 дней" in mentor.last_callback_answer
    (meeting,) = await _meetings(world)
    assert meeting.duration_minutes == 75 and meeting.status == MeetingStatus.logged
    await mentor.press_data(MeetingCb(action="open", id=meeting.id).pack())
    assert "🔒" in mentor.last_text and "✏ Изменить" not in mentor.buttons()


async def test_delete_within_the_window(world: World) -> None:
    await _setup(world)
    await _log_today(world)
    mentor = world.user(801)
    await mentor.click("Открыть запись")
    await mentor.click("🗑 Удалить")
    await mentor.click("Да, удалить")
    (meeting,) = await _meetings(world)
    assert meeting.status == MeetingStatus.deleted


async def test_only_the_mentor_logs_and_only_attendees_answer(world: World) -> None:
    ms_id = await _setup(world)
    mentee = world.user(802)
    await mentee.send("/meet")
    assert "только наставникам" in mentee.last_text
    await mentee.send("/mentorships")
    await mentee.press_data(MeetingCb(action="new", id=ms_id).pack())
    assert "только наставник этой пары" in mentee.last_callback_answer
    await _log_today(world)
    (meeting,) = await _meetings(world)
    await world.add_person(804, name="Посторонний Учитель")
    outsider = world.user(804)
    await outsider.send("/mentorships")
    await outsider.press_data(MeetingCb(action="ok", id=meeting.id).pack())
    assert "Не найдено" in outsider.last_callback_answer
    mentor = world.user(801)
    await mentor.press_data(MeetingCb(action="ok", id=meeting.id).pack())
    assert "только тот, кто на ней был" in mentor.last_callback_answer
    assert (await _meetings(world))[0].status == MeetingStatus.logged


async def test_the_mentorship_ending_mid_wizard_makes_save_stale(world: World) -> None:
    ms_id = await _setup(world)
    mentor = world.user(801)
    await mentor.send("/meet")
    await mentor.click("Сегодня")
    await mentor.click("1 ч")
    await mentor.click("Онлайн")
    await mentor.send("Тема")
    await mentor.click("Пропустить")
    async with world.db() as session:
        from bot.services.access import actor_for
        from bot.services.registration import find_by_tg

        coord = await find_by_tg(session, 700)
        await pairs.end(
            session,
            world.app.clock,
            actor_for(700, coord, []),
            ms_id,
            world.app.translator,
            outcome=MentorshipStatus.completed,
        )
    await mentor.click("✅ Сохранить")
    assert "не действует" in mentor.last_callback_answer
    assert await _meetings(world) == []


async def test_a_group_meeting_with_who_was_present(world: World) -> None:
    await _setup(world, group=True)
    mentor = world.user(801)
    await mentor.send("/meet")
    await mentor.click("Сегодня")
    await mentor.click("45 мин")
    await mentor.click("Очно")
    await mentor.send("Круг наставничества")
    await mentor.send("Обсудили кейсы")
    assert "Кто из наставляемых был" in mentor.last_text
    await mentor.click("✅ Кузнецова Ольга")  # untick: she was absent
    await mentor.click("✅ Сидорова Мария")
    await mentor.click("Готово")
    assert "хотя бы одного" in mentor.last_callback_answer
    await mentor.click("Сидорова Мария")
    await mentor.click("Готово")
    await mentor.click("✅ Сохранить")
    (meeting,) = await _meetings(world)
    async with world.db() as session:
        fresh = await session.get(Meeting, meeting.id)
        assert [a.participant_id for a in fresh.attendees] == [(await world.person(802)).id]
    await world.drain()
    assert not any("Новая запись" in (m.text or "") for m in world.fake.sent_messages(803))


async def test_totals_screen_and_the_mentors_record(world: World) -> None:
    await _setup(world)
    await _log_today(world)
    await _log_today(world, "Вторая встреча")
    coord = world.user(700)
    await coord.send("/pairs")
    await coord.click("Встречи и часы")
    assert "Всего: встреч 2, 2 ч" in coord.last_text
    assert "СОШ № 1 г. Кедрового — 2, 2 ч" in coord.last_text
    await coord.click("Наставники")
    assert "Петрова Анна Ивановна — 2, 2 ч" in coord.last_text
    await coord.click("Всё время")
    assert "за всё время" in coord.last_text
    await coord.click("Муниципалитеты")
    assert "Город Кедровый — 2, 2 ч" in coord.last_text
    await coord.click("Месяцы")
    month = (world.now() + timedelta(hours=7)).strftime("%Y-%m")
    assert f"{month} — 2, 2 ч" in coord.last_text
    await coord.click("Прошлый месяц")
    assert "Всего: встреч 0" in coord.last_text and "За этот период встреч нет" in coord.last_text
    # Per pair: on the mentorship's card and its list of meetings.
    await coord.send("/pairs")
    await coord.click("Все пары и группы")
    await coord.click(0)
    assert "Встречи: 2, всего 2 ч (подтверждено: 0)" in coord.last_text
    await coord.click("📅 Встречи")
    assert len([b for b in coord.buttons() if "Вторая встреча" in b]) == 1
    await coord.press_data(TotalsCb(group="nonsense", period="x").pack())
    assert "Организации:" in coord.last_text  # forged values fall back to the defaults
    teacher = world.user(802)
    await teacher.send("/mentorships")
    await teacher.press_data(TotalsCb(group="mentor", period="all").pack())
    assert "только координаторам" in teacher.last_callback_answer

    mentor = world.user(801)
    await mentor.send("/mentorships")
    await mentor.click("Моё портфолио наставника")
    document = mentor.last_message
    assert document.document is not None and document.document.file_name.endswith(".xlsx")
    assert "встреч — 2" in (document.caption or "")
    book = load_workbook(io.BytesIO(world.fake.document_bytes(document)))
    assert book.sheetnames == ["Сводка", "Пары и группы", "Встречи", "Отзывы"]
    summary = {row[0]: row[1] for row in book["Сводка"].iter_rows(min_row=2, values_only=True)}
    assert summary["Наставник"] == "Петрова Анна Ивановна"
    assert summary["Встреч"] == 2 and summary["Часов"] == 2
    topics = [row[4] for row in book["Встречи"].iter_rows(min_row=2, values_only=True)]
    assert sorted(topics) == ["Вторая встреча", "Технологическая карта урока"]
    await teacher.press_data(MeetingCb(action="record").pack())
    assert "только наставникам" in teacher.last_callback_answer
    async with world.db() as session:
        assert await session.scalar(select(func.count(Meeting.id))) == 2


def _forged(user: TelegramUser, label: str, item: str) -> str:
    """A real button's dialog data with another item after the last ':'."""
    return user.data_of(label).rsplit(":", 1)[0] + ":" + item


def _offered(buttons: list[str]) -> list[int]:
    """The days the calendar offers (today's between dots)."""
    return [int(b.strip("•")) for b in buttons if re.fullmatch(r"•?\d{1,2}•?", b)]


def _month(world: World, day: date) -> str:
    return world.app.translator.get("ru", "calendar-month", month=day.month)


def _label(day: date, today: date) -> str:
    return f"•{day.day}•" if day == today else str(day.day)


async def _pick(world: World, user: TelegramUser, day: date, today: date) -> None:
    """A day of the calendar: this month's, or the month before's."""
    if day.month != today.month:
        await user.click(f"◀ {_month(world, day)}")
    await user.click(_label(day, today))


def _today(world: World) -> date:
    return (world.now() + timedelta(hours=7)).date()


async def test_the_date_picker_shows_the_window_a_month_at_a_time(world: World) -> None:
    await _setup(world)
    mentor = world.user(801)
    today = _today(world)
    oldest = today - timedelta(days=30)  # the default window: 30 days
    assert oldest.month == today.month - 1  # the clock's day: the window spans two months

    await mentor.send("/meet")
    assert _offered(mentor.buttons()) == list(range(1, today.day + 1))  # nothing after today
    assert f"•{today.day}•" in mentor.buttons()
    await mentor.click(f"◀ {_month(world, oldest)}")
    assert _offered(mentor.buttons()) == list(range(oldest.day, 32))
    assert not any(b.startswith("◀") for b in mentor.buttons())  # nothing older
    # A day before the window, forged from the oldest day's button: the button is old.
    older = str(raw_from_date(oldest - timedelta(days=1)))
    await mentor.press_data(_forged(mentor, str(oldest.day), older))
    assert "устарела" in mentor.last_callback_answer
    await mentor.click(f"{_month(world, today)} ▶")
    assert _offered(mentor.buttons())[-1] == today.day
    await _pick(world, mentor, today - timedelta(days=29), today)
    assert "Сколько длилась встреча" in mentor.last_text


async def test_the_date_picker_follows_the_window_setting(world: World) -> None:
    await _setup(world)
    world.app.settings.meeting_log_window_days = 5  # MEETING_LOG_WINDOW_DAYS, read per update
    mentor = world.user(801)
    await mentor.send("/meet")
    assert "не старше 5 дней" in mentor.last_text
    today = _today(world)
    # Back to the edge of the window; nothing older, nothing later.
    assert _offered(mentor.buttons()) == [(today - timedelta(days=n)).day for n in range(5, -1, -1)]
    await mentor.send((today - timedelta(days=6)).strftime("%d.%m.%Y"))
    assert "старше 5 дней" in mentor.last_text
    # Forged calendar days outside the window or in the future change nothing.
    for forged in (today - timedelta(days=6), today + timedelta(days=1)):
        await mentor.press_data(_forged(mentor, _label(today, today), str(raw_from_date(forged))))
        assert "устарела" in mentor.last_callback_answer
    # A forged quick day: only today and yesterday are quick.
    await mentor.press_data(_forged(mentor, "Сегодня", "6"))
    assert "устарела" in mentor.last_callback_answer
    await _pick(world, mentor, today - timedelta(days=4), today)
    assert "Сколько длилась встреча" in mentor.last_text
    await mentor.click("1 ч")
    await mentor.click("Онлайн")
    await mentor.send("Анализ урока")
    await mentor.click("Пропустить")
    await mentor.click("✅ Сохранить")
    (meeting,) = await _meetings(world)
    assert meeting.held_on == today - timedelta(days=4)


async def test_a_network_pairs_meetings_show_at_both_schools(world: World) -> None:
    """The mentor is at another school (Zonalnaya): the mentees' school coordinator sees the
    pair's meetings in their totals, and so does the mentor's school."""
    await world.add_person(
        700,
        name="Координатор Школы",
        coordinator_of=(ScopeLevel.organization, await world.org_id(SCHOOL)),
    )
    await world.add_person(
        701,
        name="Координатор Зональной",
        org=ZONALNAYA,
        coordinator_of=(ScopeLevel.organization, await world.org_id(ZONALNAYA)),
    )
    await world.add_person(811, name="Морозов Иван", role="mentor", org=ZONALNAYA)
    await world.add_person(802, name="Сидорова Мария")
    await world_pair(world, 700, 811, [802], form="network", running_days=5)
    await world.drain()
    mentor = world.user(811)
    await mentor.send("/meet")
    await mentor.click("Вчера")
    await mentor.click("1 ч")
    await mentor.click("Онлайн")
    await mentor.send("Сетевое занятие")
    await mentor.click("Пропустить")
    await mentor.click("✅ Сохранить")
    assert len(await _meetings(world)) == 1
    for tg_id in (700, 701):
        coord = world.user(tg_id)
        await coord.send("/pairs")
        await coord.click("Встречи и часы")
        assert "Всего: встреч 1, 1 ч" in coord.last_text
    assert "СОШ № 1 г. Кедрового — 1, 1 ч" in world.user(700).last_text


async def test_no_meeting_is_dated_before_the_mentorship_started(world: World) -> None:
    """The picker offers no day before the start; a typed or forged one is refused politely,
    when logging and when editing, and nothing changes."""
    await _setup(world, running_days=3)
    mentor = world.user(801)
    today = _today(world)
    start, before = today - timedelta(days=3), today - timedelta(days=4)
    await mentor.send("/meet")
    assert _offered(mentor.buttons()) == [(today - timedelta(days=n)).day for n in (3, 2, 1, 0)]
    assert not any(b.startswith("◀") for b in mentor.buttons())
    assert f"Не раньше начала наставничества: {start:%d.%m.%Y}" in mentor.last_text
    await mentor.send(before.strftime("%d.%m.%Y"))
    assert f"раньше начала наставничества ({start:%d.%m.%Y})" in mentor.last_text
    await mentor.press_data(_forged(mentor, str(start.day), str(raw_from_date(before))))
    assert "устарела" in mentor.last_callback_answer
    await _pick(world, mentor, start, today)
    assert "Сколько длилась встреча" in mentor.last_text
    await mentor.click("1 ч")
    await mentor.click("Онлайн")
    await mentor.send("Знакомство")
    await mentor.click("Пропустить")
    await mentor.click("✅ Сохранить")
    (meeting,) = await _meetings(world)
    assert meeting.held_on == start
    # Editing the date: the same picker, the same refusal.
    await mentor.click("Открыть запись")
    await mentor.click("✏ Изменить")
    await mentor.click("Дата")
    assert _offered(mentor.buttons()) == [(today - timedelta(days=n)).day for n in (3, 2, 1, 0)]
    await mentor.send(before.strftime("%d.%m.%Y"))
    assert f"раньше начала наставничества ({start:%d.%m.%Y})" in mentor.last_text
    (meeting,) = await _meetings(world)
    assert meeting.held_on == start


async def test_a_pair_started_today_offers_only_today(world: World) -> None:
    await _setup(world, running_days=0)
    mentor = world.user(801)
    today = _today(world)
    await mentor.send("/meet")
    assert "Сегодня" in " ".join(mentor.buttons())
    assert not any(b.startswith(("Вчера", "📅")) for b in mentor.buttons())
    assert _offered(mentor.buttons()) == [today.day]
    assert "Не раньше начала наставничества" in mentor.last_text
    await mentor.press_data(_forged(mentor, "Сегодня", "1"))  # forged: yesterday
    assert "раньше начала наставничества" in mentor.last_callback_answer
    yesterday = str(raw_from_date(today - timedelta(days=1)))
    await mentor.press_data(_forged(mentor, _label(today, today), yesterday))
    assert "устарела" in mentor.last_callback_answer
    assert await _meetings(world) == []


async def test_a_pair_starting_next_week_offers_no_date_yet(world: World) -> None:
    await _setup(world, running_days=-7)  # confirmed, but it starts in a week
    mentor = world.user(801)
    await mentor.send("/meet")
    start = (world.now() + timedelta(hours=7, days=7)).date()
    assert f"Наставничество начинается {start:%d.%m.%Y}" in mentor.last_text
    assert not any(b.startswith(("Сегодня", "Вчера", "📅")) for b in mentor.buttons())
    await mentor.send((world.now() + timedelta(hours=7)).strftime("%d.%m.%Y"))
    assert "раньше начала наставничества" in mentor.last_text
    assert await _meetings(world) == []


async def test_a_mentor_without_an_active_pair_is_told_where_to_log(world: World) -> None:
    await world.add_person(805, name="Лебедева Нина", role="mentor")
    mentor = world.user(805)
    await mentor.send("/meet")
    assert "нет действующих наставнических пар" in mentor.last_text
    assert "/offers" in mentor.last_text  # flash sessions are logged in the session itself
    await mentor.click("Мои записи")
    assert "Записей встреч пока нет" in mentor.last_text


async def test_the_date_step_names_the_pair_in_full_however_long_the_names(world: World) -> None:
    # Two long names overflow a button's 60 characters; the message must not be cut to it.
    await world.add_person(
        700,
        name="Координатор Школы",
        coordinator_of=(ScopeLevel.organization, await world.org_id(SCHOOL)),
    )
    await world.add_person(801, name="Кузнецов Пётр Андреевич", role="mentor", capacity=5)
    await world.add_person(802, name="Сидоренко-Ковальчук Александра Викторовна")
    await world_pair(world, 700, 801, [802], running_days=60)
    await world.drain()
    mentor = world.user(801)
    await mentor.send("/meet")
    assert "Кузнецов Пётр Андреевич" in mentor.last_text
    assert "Сидоренко-Ковальчук Александра Викторовна" in mentor.last_text


async def test_one_answer_is_changed_from_the_summary_and_the_summary_comes_back(
    world: World,
) -> None:
    await _setup(world)
    mentor = world.user(801)
    await mentor.send("/meet")
    await mentor.click("Сегодня")
    await mentor.click("1 ч")
    await mentor.click("Онлайн")
    await mentor.send("Тема")
    await mentor.click("Пропустить")
    assert "Проверьте запись" in mentor.last_text
    assert "Присутствовали" not in mentor.buttons()  # one mentee: nobody to tick
    await mentor.click("Длительность")
    await mentor.click("45 мин")  # straight back to the summary, nothing asked again
    assert "Проверьте запись" in mentor.last_text and "45 мин" in mentor.last_text
    await mentor.click("Тема")
    await mentor.send("Другая тема")
    assert "Проверьте запись" in mentor.last_text and "Другая тема" in mentor.last_text
    await mentor.click("Формат")
    await mentor.click("◀ Назад")  # Back walks the steps again, one by one
    assert "Сколько длилась встреча" in mentor.last_text
    await mentor.click("45 мин")
    assert "Формат встречи" in mentor.last_text
    await mentor.click("Очно")
    await mentor.send("Другая тема")
    await mentor.click("Пропустить")
    await mentor.click("✅ Сохранить")
    (meeting,) = await _meetings(world)
    assert (meeting.duration_minutes, meeting.format, meeting.topic) == (
        45,
        "offline",
        "Другая тема",
    )


async def test_back_cancel_and_a_typed_answer_where_a_button_is_asked(world: World) -> None:
    await _setup(world)
    mentor = world.user(801)
    await mentor.send("/meet")
    assert "◀ Назад" not in mentor.buttons()  # the first step: nothing to go back to
    await mentor.click("Сегодня")
    await mentor.click("1 ч")
    answer = await mentor.send("Онлайн, конечно")  # the format is a button
    assert answer[0].text == world.app.translator.get("ru", "fallback-step")
    assert "Формат встречи" in mentor.last_text
    assert await conversation_of(world, 801) == "MeetLog:format"
    await mentor.click("◀ Назад")
    await mentor.click("◀ Назад")
    assert "Когда она была?" in mentor.last_text
    await mentor.click("Отмена")
    assert mentor.last_text == world.app.translator.get("ru", "cancelled")
    assert await conversation_of(world, 801) is None
    assert await _meetings(world) == []


async def test_a_mentor_of_several_pairs_picks_one_and_goes_back_to_the_choice(
    world: World,
) -> None:
    await _setup(world)
    await world.add_person(803, name="Кузнецова Ольга")
    await world_pair(world, 700, 801, [803], running_days=60)
    await world.drain()
    mentor = world.user(801)
    await mentor.send("/meet")
    assert "С кем была встреча?" in mentor.last_text
    pair = mentor.data_of("→ Кузн")
    await mentor.press_data(pair.rsplit(":", 1)[0] + ":999999")  # a forged pair
    assert "Не найдено" in mentor.last_callback_answer
    await mentor.press_data(pair.rsplit(":", 1)[0] + ":²")
    assert "устарела" in mentor.last_callback_answer
    await mentor.click("→ Кузн")
    assert "Кузнецова Ольга" in mentor.last_text and "Когда она была?" in mentor.last_text
    await mentor.click("◀ Назад")
    assert "С кем была встреча?" in mentor.last_text
    await mentor.click("→ Сидо")
    await mentor.click("Сегодня")
    await mentor.click("1 ч")
    await mentor.click("Онлайн")
    await mentor.send("Тема")
    await mentor.click("Пропустить")
    await mentor.click("✅ Сохранить")
    (meeting,) = await _meetings(world)
    async with world.db() as session:
        fresh = await session.get(Meeting, meeting.id)
        assert [a.participant_id for a in fresh.attendees] == [(await world.person(802)).id]


async def test_buttons_of_a_finished_log_are_stale_and_my_entries_leave_it(world: World) -> None:
    await _setup(world)
    mentor = world.user(801)
    await mentor.send("/meet")
    await mentor.click("Сегодня")
    await mentor.click("1 ч")
    await mentor.click("Онлайн")
    await mentor.send("Тема")
    await mentor.click("Пропустить")
    save, edit = mentor.data_of("✅ Сохранить"), mentor.data_of("Дата")
    await mentor.click("✅ Сохранить")
    assert "Встреча записана" in mentor.last_text
    assert await conversation_of(world, 801) is None
    for old in (save, edit):
        await mentor.press_data(old)
        assert "устарела" in mentor.last_callback_answer
    assert len(await _meetings(world)) == 1
    await mentor.click("📝 Записать ещё одну")
    assert "Когда она была?" in mentor.last_text
    await mentor.click("📋 Мои записи")  # leaves the log for the list of entries
    assert "Тема" in " ".join(mentor.buttons())
    assert await conversation_of(world, 801) is None


async def test_the_log_survives_a_restart(world: World, app: App, clock: FakeClock) -> None:
    await _setup(world)
    mentor = world.user(801)
    await mentor.send("/meet")
    await mentor.click("Вчера")
    assert await conversation_of(world, 801) == "MeetLog:duration"
    await app.close()  # a new process on the same database: the log goes on
    restarted = await make_app(
        base_settings(database_url=app.settings.database_url), clock, world.fake
    )
    try:
        again = World(restarted, world.fake)
        mentor = again.user(801)
        await mentor.send("50")
        await mentor.click("Онлайн")
        await mentor.send("После перезапуска")
        await mentor.click("Пропустить")
        await mentor.click("✅ Сохранить")
        (meeting,) = await _meetings(again)
        assert (meeting.duration_minutes, meeting.topic) == (50, "После перезапуска")
        assert meeting.held_on == _today(again) - timedelta(days=1)
    finally:
        await restarted.close()


async def test_editing_an_entry_goes_back_to_its_card(world: World) -> None:
    await _setup(world)
    await _log_today(world)
    mentor = world.user(801)
    await mentor.click("Открыть запись")
    card = mentor.last_text
    await mentor.click("✏ Изменить")
    assert "Что изменить?" in mentor.last_text
    assert "Присутствовали" not in mentor.buttons()
    await mentor.click("Формат")
    await mentor.click("◀ Назад")
    assert "Что изменить?" in mentor.last_text
    await mentor.click("◀ Назад")  # out of the edit, back to the card
    assert mentor.last_text == card and "✏ Изменить" in mentor.buttons()
    assert await conversation_of(world, 801) is None
    await mentor.click("✏ Изменить")
    await mentor.click("Формат")
    await mentor.click("Очно")
    assert "Изменено" in mentor.last_callback_answer
    assert "изменено (Формат)" in mentor.last_text  # the card, with its history
    (meeting,) = await _meetings(world)
    assert meeting.format == "offline"


async def test_the_main_menus_button_starts_the_log_as_the_command_does(world: World) -> None:
    await _setup(world)
    mentor = world.user(801)
    await mentor.send("/menu")
    await mentor.click("📝 Записать встречу")
    assert "Когда она была?" in mentor.last_text
    assert await conversation_of(world, 801) == "MeetLog:date"


async def test_a_typed_day_is_read_as_meant_and_a_refusal_says_truly_why(world: World) -> None:
    """«08.12» typed the day before is tomorrow (in the future), not last year's 8 December
    (before the pair started); «позавчера» and a weekday in words are taken."""
    await _setup(world, running_days=10)
    mentor = world.user(801)
    today = _today(world)
    tomorrow = today + timedelta(days=1)
    await mentor.send("/meet")
    before = await conversation_of(world, 801)
    await mentor.send(f"{tomorrow:%d.%m}")
    assert "не может быть в будущем" in mentor.last_text
    assert "раньше начала" not in mentor.last_text
    await mentor.send(f"{today - timedelta(days=20):%d.%m}")
    assert "раньше начала наставничества" in mentor.last_text
    await mentor.send("когда-то давно")
    assert "Не получилось понять дату" in mentor.last_text
    assert await conversation_of(world, 801) == before
    await mentor.send("позавчера")
    assert "Сколько длилась встреча" in mentor.last_text
    await mentor.click("Назад")
    weekday = ("в понедельник", "во вторник", "в среду", "в четверг", "в пятницу")[
        (today - timedelta(days=3)).weekday() % 5
    ]
    await mentor.send(weekday)
    assert "Сколько длилась встреча" in mentor.last_text
    await mentor.click("1 ч")
    await mentor.click("Онлайн")
    await mentor.send("Знакомство")
    await mentor.click("Пропустить")
    await mentor.click("✅ Сохранить")
    (meeting,) = await _meetings(world)
    assert today - timedelta(days=7) <= meeting.held_on < today
    assert meeting.held_on.weekday() == (today - timedelta(days=3)).weekday() % 5


async def test_a_dispute_asks_the_reason_and_the_coordinator_sees_it(world: World) -> None:
    """«Не так / не было» asks why (the notice keeps its buttons): an empty or too long reason
    is asked again and records nothing; Cancel disputes nothing; the reason reaches the
    mentor and the coordinator and stands in the card's history instead of «оспорено (—)»."""
    await _setup(world)
    await _log_today(world)
    await world.drain()
    mentee = world.user(802)
    await mentee.click("Не так / не было")
    assert "Что в записи не так?" in mentee.last_text
    notice = next(m for m in world.fake.sent_messages(802) if "Не так" in str(m.reply_markup))
    assert "✖ Не так / не было" in mentee.buttons(notice)  # the notice keeps its buttons
    await mentee.click("✖ Отмена")
    assert "не оспорена" in mentee.last_text
    (meeting,) = await _meetings(world)
    assert meeting.status == MeetingStatus.logged
    await mentee.click("Не так / не было")
    for bad, said in (("   ", "Напишите причину словами"), ("я" * 501, "500")):
        await mentee.send(bad)
        assert said in mentee.last_text, bad
        assert (await _meetings(world))[0].status == MeetingStatus.logged
    await mentee.send("Встреча была 20 минут, а не час")
    assert "Запись оспорена" in mentee.last_text
    assert (await _meetings(world))[0].status == MeetingStatus.disputed
    await world.drain()
    coord, mentor = world.user(700), world.user(801)
    assert "Причина: «Встреча была 20 минут, а не час»" in coord.last_text
    assert any(
        "Причина: «Встреча была 20 минут, а не час»" in (m.text or "")
        for m in world.fake.sent_messages(801)
    )
    await coord.press_data(MeetingCb(action="open", id=meeting.id).pack())
    assert "оспорено (причина: «Встреча была 20 минут, а не час»)" in coord.last_text
    assert "(—)" not in coord.last_text
    # The same press again: already disputed, no second question.
    await mentee.press_data(MeetingCb(action="no", id=meeting.id).pack())
    assert "уже так ответили" in mentee.last_callback_answer
    assert "Причина" in (mentor.last_text or "")


async def test_a_command_in_the_middle_of_meet_keeps_the_draft(world: World) -> None:
    """/mentorships typed at the format step: the mentor is told the entry is kept and how to come
    back; the command runs; /meet goes on from the format with the answers given; nothing is
    saved until the summary. A draft of a pair that ended meanwhile is said to be gone."""
    ms_id = await _setup(world)
    mentor = world.user(801)
    await mentor.send("/meet")
    await mentor.click("Вчера")
    await mentor.click("1 ч")
    assert "Формат встречи" in mentor.last_text
    await mentor.send("/help")  # works inside the dialog: nothing to keep
    await mentor.send("/mentorships")
    texts = [m.text or "" for m in world.fake.sent_messages(801)][-3:]
    assert any("сохранил" in t and "/meet" in t for t in texts), texts
    assert await conversation_of(world, 801) == "MineSG:list"  # /mentorships ran
    assert await _meetings(world) == []
    await mentor.send("/meet")
    assert any("Продолжаем запись" in (m.text or "") for m in world.fake.sent_messages(801)[-2:])
    assert "Формат встречи" in mentor.last_text
    await mentor.click("Онлайн")
    await mentor.send("Разбор урока")
    await mentor.click("Пропустить")
    assert "Проверьте запись" in mentor.last_text
    await mentor.click("✅ Сохранить")
    (meeting,) = await _meetings(world)
    assert meeting.duration_minutes == 60 and meeting.held_on == _today(world) - timedelta(days=1)
    # The draft is taken once: the next /meet starts afresh.
    await mentor.send("/meet")
    assert "Когда она была?" in mentor.last_text
    # Nothing answered yet: a command keeps nothing and says nothing of a draft.
    await mentor.send("/mentorships")
    assert not any("сохранил" in (m.text or "") for m in world.fake.sent_messages(801)[-2:])
    # A kept draft of a pair that has ended since.
    await mentor.send("/meet")
    await mentor.click("Сегодня")
    await mentor.send("/mentorships")
    async with world.db() as session:
        from bot.services.access import actor_for
        from bot.services.registration import find_by_tg

        coord = await find_by_tg(session, 700)
        await pairs.end(
            session,
            world.app.clock,
            actor_for(700, coord, []),
            ms_id,
            world.app.translator,
            outcome=MentorshipStatus.completed,
        )
    await mentor.send("/meet")
    assert any("продолжить нельзя" in (m.text or "") for m in world.fake.sent_messages(801)[-3:])
