"""Events through the dispatcher (/newevent, RSVP, reminders, attendance, XLSX, /events, cancel),
and the capacity under concurrent presses on the service."""

from __future__ import annotations

import asyncio
import io
from datetime import UTC, datetime, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from bot.app import App
from bot.db import transaction
from bot.services import registration
from bot.services.access import actor_for
from bot.services.audience import AudienceSpec
from bot.services.broadcast import announcements, events
from models import Participant, Region, RoleGrant
from models.broadcast import Event, EventRsvp
from models.enums import Role, ScopeLevel
from scheduler.tick import run_due
from tests.announcement_support import (
    OTHER_SCHOOL,
    SCHOOL,
    school_coordinator,
    settle,
    teachers,
    texts_of,
    tick_args,
)
from tests.support import World


def local(world: World, moment: object) -> str:
    return moment.astimezone(world.app.settings.zone).strftime("%d.%m.%Y %H:%M")  # type: ignore[attr-defined]


async def create_event(world: World, *, capacity: str = "2", days: int = 3) -> None:
    """The coordinator (700) creates a seminar through /newevent and sends it to the school."""
    coord = world.user(700)
    await coord.send("/newevent")
    assert "Новое мероприятие" in (coord.last_text or "")
    await coord.click("Семинар")
    await coord.send("Наставничество в цифровой школе")
    await coord.send(local(world, world.now() + timedelta(days=days)))
    await coord.click("1 ч 30 мин")
    await coord.send("Кедровый, ул. Школьная, 1, актовый зал")
    await coord.click("Без описания")
    await coord.click("Да, запись обязательна")
    await coord.send(capacity)
    assert "Получателей сейчас" in (coord.last_text or "")
    await coord.click("Далее")
    await coord.click("Отправить сейчас")
    await settle(world)


async def rsvp(world: World, tg_id: int, label: str) -> str:
    user = world.user(tg_id)
    card = world.fake.sent_messages(tg_id)[0]
    await user.click(label, card)
    return user.last_callback_answer or ""


async def going(world: World) -> list[int]:
    async with world.db() as session:
        rows = await session.scalars(select(EventRsvp).where(EventRsvp.answer == "going"))
        return sorted(r.participant_id for r in rows)


async def test_create_event_and_rsvp_with_capacity(world: World) -> None:
    await school_coordinator(world)
    people = await teachers(world, 1000, 3)
    outsider = await world.add_person(1100, org=OTHER_SCHOOL)
    await create_event(world, capacity="2")
    card = world.fake.sent_messages(1000)[0]
    assert "Семинар: Наставничество в цифровой школе" in (card.text or "")
    assert "мест: 2" in (card.text or "")
    assert world.fake.sent_messages(outsider.tg_id) == []
    assert "Свободных мест осталось: 1" in await rsvp(world, 1000, "Приду")
    assert "Свободных мест осталось: 0" in await rsvp(world, 1001, "Приду")
    # The card shows the answer given.
    shown = world.fake.get_message(1000, card.message_id)
    assert shown is not None and "✔ 🙋 Приду" in world.user(1000).buttons(shown)
    # Full: the third joins the waiting list, and is told their place in it.
    assert "в листе ожидания: 1-й по очереди" in await rsvp(world, 1002, "Приду")
    assert "уже в листе ожидания: 1-й" in await rsvp(world, 1002, "Приду")
    assert len(await going(world)) == 2
    # Changing one's mind frees the seat: the first in line gets it; the same answer twice
    # changes nothing.
    assert "не сможете" in await rsvp(world, 1000, "Не смогу")
    assert "уже учтён" in await rsvp(world, 1000, "Не смогу")
    assert await going(world) == sorted([people[1].id, people[2].id])
    assert "уже учтён" in await rsvp(world, 1002, "Приду")
    async with world.db() as session:
        event = await session.scalar(select(Event))
        assert event is not None and event.going_count == 2


async def test_rsvp_closes_at_the_start_and_on_a_cancelled_event(world: World) -> None:
    await school_coordinator(world)
    await teachers(world, 1000, 3)
    await create_event(world, capacity="10", days=3)
    await rsvp(world, 1000, "Приду")
    coord = world.user(700)
    await coord.send("/events")
    await coord.click("Мои мероприятия")
    await coord.click("Наставничество")
    await coord.click("Отменить мероприятие")
    await coord.click("Да, отменить")
    assert "Сообщили записавшимся: 1" in (coord.last_callback_answer or "")
    await world.drain()
    assert any("отменено организатором" in (m.text or "") for m in world.fake.sent_messages(1000))
    assert "Мероприятие отменено" in await rsvp(world, 1001, "Приду")
    assert len(await going(world)) == 1  # nothing changed
    # No reminders for a cancelled event.
    world.app.clock.advance(days=3)  # type: ignore[attr-defined]
    await run_due(**tick_args(world.app))
    await world.drain()
    assert not any("Напоминание" in (m.text or "") for m in world.fake.sent_messages(1000))


async def test_answer_cannot_change_after_the_start(world: World) -> None:
    await school_coordinator(world)
    await teachers(world, 1000, 2)
    await create_event(world, capacity="10", days=1)
    await rsvp(world, 1000, "Приду")
    world.app.clock.advance(days=1, minutes=5)  # type: ignore[attr-defined]
    assert "уже началось" in await rsvp(world, 1000, "Не смогу")
    assert len(await going(world)) == 1


async def test_reminders_a_day_and_an_hour_before_go_to_those_registered(world: World) -> None:
    await school_coordinator(world)
    await teachers(world, 1000, 3)
    await create_event(world, capacity="10", days=3)
    await rsvp(world, 1000, "Приду")
    await rsvp(world, 1001, "Не смогу")
    world.app.clock.advance(days=2, minutes=1)  # type: ignore[attr-defined]
    await run_due(**tick_args(world.app))
    await world.drain()
    day = [m.text or "" for m in world.fake.sent_messages(1000) if "завтра" in (m.text or "")]
    assert len(day) == 1 and "Наставничество в цифровой школе" in day[0]
    world.app.clock.advance(hours=23)  # type: ignore[attr-defined]
    await run_due(**tick_args(world.app))
    await world.drain()
    hour = [m.text for m in world.fake.sent_messages(1000) if "Через час" in (m.text or "")]
    assert len(hour) == 1
    for declined_or_silent in (1001, 1002):
        assert not any(
            "Напоминание" in (m.text or "") or "Через час" in (m.text or "")
            for m in world.fake.sent_messages(declined_or_silent)
        )


async def test_attendance_marking_and_xlsx_export(world: World) -> None:
    await school_coordinator(world)
    people = await teachers(world, 1000, 3)
    await create_event(world, capacity="10", days=1)
    for tg in (1000, 1001, 1002):
        await rsvp(world, tg, "Приду")
    # Before the start nothing can be marked.
    coord = world.user(700)
    await coord.press_data("em:att:1:0:0")
    assert "ещё не началось" in (coord.last_callback_answer or "")
    world.app.clock.advance(days=1, hours=2)  # type: ignore[attr-defined]
    await run_due(**tick_args(world.app))
    await world.drain()
    # Participants are asked whether they came; one confirms, one says no.
    for tg, label in ((1000, "Да, был(а)"), (1001, "Нет, не смог(ла)")):
        user = world.user(tg)
        ask = next(m for m in world.fake.sent_messages(tg) if "прошло" in (m.text or ""))
        await user.click(label, ask)
        assert "Спасибо" in (user.last_callback_answer or "")
    # The author was asked to mark attendance; they mark the third person.
    note = next(m for m in world.fake.sent_messages(700) if "Отметьте, кто был" in (m.text or ""))
    await coord.click("Отметить присутствие", note)
    assert "записались 3" in (coord.last_text or "")
    await coord.click(people[2].full_name or "")
    assert "присутствовавшие 2" in (coord.last_text or "")
    # A participant cannot override the coordinator's mark.
    third = world.user(1002)
    await third.press_data("ev:away:1")
    assert "Координатор уже отметил" in (third.last_callback_answer or "")
    await coord.click("Назад")
    await coord.click("Выгрузить XLSX")
    document = world.fake.sent_messages(700)[-1]
    assert document.document is not None
    book = load_workbook(io.BytesIO(world.fake.document_bytes(document)))
    rows = list(book.active.iter_rows(values_only=True))
    header = rows.index(next(r for r in rows if r and r[0] == "№"))
    table = {r[1]: r for r in rows[header + 1 :]}
    assert len(table) == 3
    assert table[people[0].full_name][5:] == ("да", "сам(а)")
    assert table[people[1].full_name][5:] == ("нет", "сам(а)")
    assert table[people[2].full_name][5:] == ("да", "координатор")
    assert any(r and r[0] == "Итого" and "присутствовали: 2" in r[1] for r in rows)


async def test_events_lists_upcoming_events_of_the_scope(world: World) -> None:
    await school_coordinator(world)
    await teachers(world, 1000, 1)
    await world.add_person(1100, org=OTHER_SCHOOL)
    await create_event(world, capacity="10", days=3)
    inside, outside = world.user(1000), world.user(1100)
    await inside.send("/events")
    assert "Наставничество в цифровой школе" in (inside.last_text or "")
    assert "нет ответа" in (inside.last_text or "")
    await inside.click("Наставничество")
    await inside.click("Приду")
    await inside.send("/events")
    assert "приду" in (inside.last_text or "")
    await outside.send("/events")
    assert "Пока ничего не запланировано" in (outside.last_text or "")
    # A forged button for an event not announced to them is "not found".
    await outside.press_data("ev:go:1")
    assert "Не найдено" in (outside.last_callback_answer or "")


async def test_bad_event_input_is_refused_and_nothing_changes(world: World) -> None:
    await school_coordinator(world)
    await teachers(world, 1000, 1)
    coord = world.user(700)
    await coord.send("/newevent")
    await coord.click("Семинар")
    await coord.send("Семинар")
    await coord.send(local(world, world.now() - timedelta(days=1)))
    assert "уже прошло" in (coord.last_text or "")
    await coord.send(local(world, world.now() + timedelta(days=2)))  # still at that step
    await coord.click("1 ч")
    await coord.send("Актовый зал")
    await coord.click("Без описания")
    await coord.click("Да, запись обязательна")
    await coord.send("0")
    assert "хотя бы одно" in (coord.last_text or "")
    await coord.send("много")
    assert "цифрами" in (coord.last_text or "")
    async with world.db() as session:
        assert await session.scalar(select(Event)) is None


# --- capacity under concurrent presses ----------------------------------------------------------


async def _concurrent_presses(app: App, world: World, capacity: int, people: int) -> None:
    await school_coordinator(world)
    persons = await teachers(world, 1000, people)
    async with transaction(app.factory) as session:
        author = await registration.find_by_tg(session, 700)
        event, announcement = await events.create(
            session,
            app.clock,
            actor_for(700, author, []),
            events.EventDraft(
                kind="seminar",
                title="Семинар",
                starts_at=app.clock.now() + timedelta(days=2),
                duration_minutes=60,
                timezone="Asia/Tomsk",
                place="Зал",
                online=False,
                description="",
                registration_required=True,
                capacity=capacity,
            ),
            AudienceSpec(),
        )
        event_id = event.id
        # Announced (sending): the audience may answer.
        assert await announcements.start_now(
            session, app.clock, app.settings, app.translator, announcement
        )

    async def press(person_id: int) -> bool:
        async with transaction(app.factory) as session:
            person = await session.get(Participant, person_id)
            assert person is not None
            result = await events.answer(session, app.clock, app.settings, person, event_id, True)
        return result.answer == "going"  # else the waiting list

    results = await asyncio.gather(*(press(p.id) for p in persons))
    assert sum(results) == capacity
    async with transaction(app.factory) as session:
        event = await session.get(Event, event_id)
        assert event is not None and event.going_count == capacity
        rows = await session.scalars(select(EventRsvp).where(EventRsvp.event_id == event_id))
        answers = [r.answer for r in rows]
        assert answers.count("going") == capacity
        assert answers.count("waiting") == people - capacity


async def test_capacity_holds_under_concurrent_presses(app: App, world: World) -> None:
    await _concurrent_presses(app, world, capacity=5, people=20)


@pytest.mark.scale
async def test_capacity_holds_under_concurrent_presses_on_postgres(
    pg_database: str, clock: object
) -> None:
    from bot.fakes.telegram import FakeTelegram
    from tests.conftest import _truncate_pg, base_settings, make_app, run_blocking

    run_blocking(asyncio.run, _truncate_pg(pg_database))
    fake = FakeTelegram()
    app = await make_app(base_settings(database_url=pg_database), clock, fake)  # type: ignore[arg-type]
    try:
        from bot.services import directory
        from data import DIRECTORY_EXAMPLE

        async with transaction(app.factory) as session:
            await directory.load_directory(
                session, directory.read_directory_file(DIRECTORY_EXAMPLE)
            )
        await _concurrent_presses(app, World(app, fake), capacity=5, people=30)
    finally:
        await app.close()


async def test_an_online_event_without_registration_in_english(world: World) -> None:
    await school_coordinator(world)
    english = await world.add_person(1000, name="Смирнова Анна", language="en")
    coord = world.user(700)
    await coord.send("/newevent")
    await coord.click("Вебинар")
    await coord.send("Цифровые сервисы наставника")
    await coord.send(local(world, world.now() + timedelta(days=5)))
    await coord.send("1:30")
    await coord.send("https://example.org/webinar")
    await coord.send("Для <b>молодых</b> педагогов")
    await coord.click("Нет, приходите все")  # no capacity step
    assert "Получателей сейчас: 2" in (coord.last_text or "")
    await coord.click("Далее")
    assert "часовых поясах" not in (coord.last_text or "")  # one region, one clock
    await coord.click("Отправить сейчас")
    await settle(world)
    card = world.fake.sent_messages(english.tg_id or 0)[0]
    assert "Webinar: Цифровые сервисы наставника" in (card.text or "")
    assert "Online: https://example.org/webinar" in (card.text or "")
    assert "1 h 30 min" in (card.text or "")
    user = world.user(english.tg_id or 0)
    await user.click("I will attend", card)
    assert "You are registered" in (user.last_callback_answer or "")
    async with world.db() as session:
        event = await session.scalar(select(Event))
        assert event is not None and event.online and event.capacity is None
        assert event.going_count == 1 and not event.registration_required


async def test_each_recipient_sees_the_time_in_their_own_zone(world: World) -> None:
    """A coordinator of two regions (Tomsk, UTC+7, and Samara, UTC+4) types the start on their
    own clock; each recipient reads it on theirs, in the card, in /events and in reminders."""
    coord = await world.add_person(710, name="Координатор Двух Регионов", org=SCHOOL)
    async with world.db() as session:
        regions = {name: id_ for name, id_ in await session.execute(select(Region.name, Region.id))}
        for region in ("Томская область", "Самарская область"):
            session.add(
                RoleGrant(
                    participant_id=coord.id,
                    role=Role.coordinator,
                    scope_level=ScopeLevel.region,
                    scope_id=regions[region],
                    created_at=world.now(),
                )
            )
    tomsk = await world.add_person(1000, name="Томская Учительница", org=SCHOOL)
    samara = await world.add_person(1001, name="Самарская Учительница", org="СОШ № 1 Самара")
    user = world.user(710)
    await user.send("/newevent")
    await user.click("Семинар")
    await user.send("Межрегиональный семинар")
    assert "по вашему времени (UTC+7)" in (user.last_text or "")
    await user.send("10.12.2026 15:00")  # 08:00 UTC
    await user.click("1 ч")
    await user.send("https://example.org/seminar")
    await user.click("Без описания")
    await user.click("Нет, приходите все")
    assert "Получателей сейчас: 3" in (user.last_text or "")  # both regions
    mark = world.fake.mark()
    await user.click("Далее")
    preview = [m.text or "" for m in world.fake.messages_since(mark, 710)]
    assert any("10.12.2026 15:00 (UTC+7)" in text for text in preview)  # on their own clock
    # …and told what the recipients in Samara will read.
    assert "по своим часам: 10.12.2026 12:00 (UTC+4)" in preview[-1]
    await user.click("Отправить сейчас")
    await settle(world)
    async with world.db() as session:
        event = await session.scalar(select(Event))
        assert event is not None
        assert event.starts_at.astimezone(UTC).replace(tzinfo=None) == datetime(2026, 12, 10, 8)
    cards = {
        person.tg_id: world.fake.sent_messages(person.tg_id or 0)[0].text or ""
        for person in (tomsk, samara)
    }
    assert "10.12.2026 15:00 (UTC+7)" in cards[1000]
    assert "10.12.2026 12:00 (UTC+4)" in cards[1001] and "15:00" not in cards[1001]
    await world.user(1001).send("/events")
    assert "10.12.2026 12:00" in (world.user(1001).last_text or "")
    await world.user(1001).click("Межрегиональный", world.fake.sent_messages(1001)[-1])
    await world.user(1001).click("Приду", world.fake.sent_messages(1001)[0])
    # The reminder a day before, on the recipient's clock too.
    world.app.clock.advance(datetime(2026, 12, 9, 8, 1, tzinfo=UTC) - world.now())  # type: ignore[attr-defined]
    await run_due(**tick_args(world.app))
    await world.drain()
    reminders = [t for t in texts_of(world, 1001) if "завтра" in t]
    assert len(reminders) == 1 and "10.12.2026 12:00 (UTC+4)" in reminders[0]


async def test_an_event_goes_to_the_picker_and_back_to_its_steps_to_edit(world: World) -> None:
    await school_coordinator(world)
    await teachers(world, 1000, 2)
    coord = world.user(700)
    await coord.send("/newevent")
    await coord.click("Семинар")
    await coord.send("Черновое название")
    await coord.send(local(world, world.now() + timedelta(days=3)))
    await coord.click("1 ч")
    await coord.send("Актовый зал")
    await coord.click("Без описания")
    await coord.click("Нет, приходите все")
    # The audience picker: nothing to go back to (the steps were another conversation).
    assert "Получателей сейчас: 3" in (coord.last_text or "")
    assert "◀ Назад" not in coord.buttons()
    await coord.click("Роли")
    await coord.click("Наставляемый")
    await coord.click("Готово")
    await coord.click("Далее")
    assert "Получателей: 3" in (coord.last_text or "")
    await coord.click("Изменить")  # the event's steps again, from the title
    assert "Черновое название" not in (coord.last_text or "")
    await coord.send("Чистовое название")
    await coord.send(local(world, world.now() + timedelta(days=4)))
    await coord.click("1 ч")
    await coord.send("Актовый зал")
    await coord.click("Без описания")
    await coord.click("Нет, приходите все")
    assert "Роли: Наставляемый" in (coord.last_text or "")  # the audience as it was chosen
    await coord.click("Далее")
    await coord.click("Отправить сейчас")
    await settle(world)
    card = world.fake.sent_messages(1000)[0]
    assert "Семинар: Чистовое название" in (card.text or "")
    async with world.db() as session:
        assert [e.title for e in await session.scalars(select(Event))] == ["Чистовое название"]


async def test_cancel_on_an_event_step_keeps_nothing(world: World) -> None:
    await school_coordinator(world)
    coord = world.user(700)
    await coord.send("/newevent")
    await coord.click("Семинар")
    await coord.click("Отмена")
    assert coord.last_text == world.app.translator.get("ru", "cancelled")
    await coord.send("Название")  # no conversation any more
    # An answer to nothing: the coordinator's menu, no event drafted.
    assert world.app.translator.get("ru", "menu-title") in coord.last_text
