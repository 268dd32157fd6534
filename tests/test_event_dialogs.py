"""The /newevent and /events dialogs through the dispatcher: Back over every step, Cancel, the
calendar with a typed time, forged days, pages and attendees, buttons of a finished dialog,
a restart in the middle, a bad typed time; attendance over pages with check marks."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from bot.app import App
from bot.clock import FakeClock
from bot.db import transaction
from bot.fakes.client import TelegramUser
from bot.services import registration
from bot.services.access import actor_for
from bot.services.audience import AudienceSpec
from bot.services.broadcast import announcements, events
from models import Participant
from models.broadcast import Event, EventRsvp
from tests.announcement_support import school_coordinator, settle, teachers
from tests.conftest import base_settings, make_app
from tests.support import World, conversation_of, conversation_records

STALE = "устарела"


def _local(world: World, days: int) -> str:
    moment = world.now() + timedelta(days=days)
    return moment.astimezone(world.app.settings.zone).strftime("%d.%m.%Y %H:%M")


def _today(world: World) -> date:
    return world.now().astimezone(world.app.settings.zone).date()


async def _step(world: World) -> str | None:
    return await conversation_of(world, 700)


async def _event_count(world: World) -> int:
    async with world.db() as session:
        return len(list(await session.scalars(select(Event))))


def _day_data(user: TelegramUser, day: date) -> str:
    """The calendar's data for `day`, made from today's button (between dots)."""
    (today,) = [label for label in user.buttons() if label.startswith("•")]
    prefix = user.data_of(today).rsplit(":", 1)[0]
    return f"{prefix}:{int((day - date(1970, 1, 1)).total_seconds())}"


async def _to_capacity(world: World) -> TelegramUser:
    """Every step asked: a day from the calendar, its time typed, registration required."""
    coord = world.user(700)
    await coord.send("/newevent")
    await coord.click("Семинар")
    await coord.send("Семинар наставников")
    await coord.press_data(_day_data(coord, _today(world) + timedelta(days=3)))
    assert "Во сколько" in (coord.last_text or "")
    await coord.send("15:30")
    await coord.click("1 ч 30 мин")
    await coord.send("Актовый зал")
    await coord.click("Без описания")
    await coord.click("Да, запись обязательна")
    assert await _step(world) == "EventSG:capacity"
    return coord


async def test_back_walks_every_step_and_passes_over_the_skipped_ones(world: World) -> None:
    await school_coordinator(world)
    await teachers(world, 1000, 1)
    coord = await _to_capacity(world)
    walked = []
    while True:
        await coord.click("Назад")
        walked.append(await _step(world))
        if "◀ Назад" not in coord.buttons():
            break
    assert walked == [
        "EventSG:registration",
        "EventSG:description",
        "EventSG:place",
        "EventSG:duration",
        "EventSG:time",
        "EventSG:starts",
        "EventSG:title",
        "EventSG:kind",
    ]
    assert "Новое мероприятие" in (coord.last_text or "")
    # A day and time typed at once: no time step, and Back from the duration skips it.
    await coord.click("Вебинар")
    await coord.send("Вебинар")
    await coord.send(_local(world, 2))
    assert await _step(world) == "EventSG:duration"
    await coord.click("Назад")
    assert await _step(world) == "EventSG:starts"
    await coord.send(_local(world, 2))
    await coord.click("1 ч")
    await coord.send("https://example.org/live")
    await coord.click("Без описания")
    await coord.click("Нет, приходите все")  # no capacity step: on to the audience
    assert "Получателей сейчас: 2" in (coord.last_text or "")
    await coord.click("Далее")
    await coord.click("Отправить сейчас")
    await settle(world)
    async with world.db() as session:
        event = await session.scalar(select(Event))
        assert event is not None and event.kind == "webinar" and event.capacity is None


async def test_a_day_from_the_calendar_and_a_typed_time(world: World) -> None:
    await school_coordinator(world)
    await teachers(world, 1000, 1)
    coord = await _to_capacity(world)
    await coord.click("50")
    await coord.click("Далее")
    await coord.click("Отправить сейчас")
    await settle(world)
    async with world.db() as session:
        event = await session.scalar(select(Event))
    assert event is not None and event.capacity == 50 and event.duration_minutes == 90
    local = event.starts_at.astimezone(world.app.settings.zone)
    assert (local.date(), local.hour, local.minute) == (_today(world) + timedelta(days=3), 15, 30)


async def test_a_bad_time_or_day_is_asked_again_and_nothing_changes(world: World) -> None:
    await school_coordinator(world)
    coord = world.user(700)
    await coord.send("/newevent")
    await coord.click("Семинар")
    await coord.send("Семинар")
    before = await conversation_records(world, 700)
    await coord.send("когда-нибудь")
    assert "Не понял дату и время" in (coord.last_text or "")
    assert await conversation_records(world, 700) == before
    await coord.send("28.11")  # a day alone: its time next
    assert await _step(world) == "EventSG:time"
    before = await conversation_records(world, 700)
    for bad in ("25:99", "в обед", "９:００"):
        await coord.send(bad)
        assert "Не понял время" in (coord.last_text or ""), bad
        assert await conversation_records(world, 700) == before, bad
    await coord.send("10:00")
    assert await _step(world) == "EventSG:duration"


async def test_cancel_in_the_middle_and_the_finished_dialogs_buttons(world: World) -> None:
    await school_coordinator(world)
    coord = world.user(700)
    await coord.send("/newevent")
    kind = coord.data_of("Семинар")
    await coord.click("Семинар")
    await coord.send("Семинар")
    await coord.send("25.11")
    back = coord.data_of("Назад")
    await coord.click("Отмена")
    assert coord.last_text == world.app.translator.get("ru", "cancelled")
    assert coord.buttons() == [] and await _step(world) is None
    for old in (kind, back):
        await coord.press_data(old)
        assert STALE in (coord.last_callback_answer or "")
    assert await _step(world) is None and await _event_count(world) == 0


async def test_forged_kind_day_and_minutes_are_stale(world: World) -> None:
    await school_coordinator(world)
    coord = world.user(700)
    await coord.send("/newevent")
    seminar = coord.data_of("Семинар")
    await coord.press_data(seminar.rsplit(":", 1)[0] + ":party")
    assert STALE in (coord.last_callback_answer or "")
    await coord.click("Семинар")
    await coord.send("Семинар")
    before = await conversation_records(world, 700)
    today = _today(world)
    for day in (today - timedelta(days=1), today + events.MAX_AHEAD + timedelta(days=1)):
        await coord.press_data(_day_data(coord, day))
        assert STALE in (coord.last_callback_answer or ""), day
    await coord.press_data(_day_data(coord, today).rsplit(":", 1)[0] + ":²")
    assert STALE in (coord.last_callback_answer or "")
    assert await conversation_records(world, 700) == before
    await coord.send(_local(world, 2))
    one_hour = coord.data_of("1 ч")
    await coord.press_data(one_hour.rsplit(":", 1)[0] + ":45")  # a duration with no button
    assert STALE in (coord.last_callback_answer or "")
    assert await _step(world) == "EventSG:duration"


async def test_the_steps_survive_a_restart(world: World, app: App, clock: FakeClock) -> None:
    await school_coordinator(world)
    await teachers(world, 1000, 1)
    coord = world.user(700)
    await coord.send("/newevent")
    await coord.click("Семинар")
    await coord.send("До перезапуска")
    await coord.send(_local(world, 3))
    await coord.click("2 ч")
    await app.close()  # a new process on the same database: the dialog goes on
    restarted = await make_app(
        base_settings(database_url=app.settings.database_url), clock, world.fake
    )
    try:
        again = World(restarted, world.fake)
        coord = again.user(700)
        await coord.send("Актовый зал")
        await coord.click("Назад")  # Back still knows the steps
        assert await conversation_of(again, 700) == "EventSG:place"
        await coord.send("Актовый зал")
        await coord.click("Без описания")
        await coord.click("Нет, приходите все")
        await coord.click("Далее")
        await coord.click("Отправить сейчас")
        await settle(again)
        card = world.fake.sent_messages(1000)[0]
        assert "Семинар: До перезапуска" in (card.text or "") and "2 ч" in (card.text or "")
    finally:
        await restarted.close()


# --- /events: the pages, the author's events and attendance -------------------------------------


async def _past_event(world: World, going: int) -> int:
    """An announced seminar that started an hour ago, with `going` registered teachers."""
    app = world.app
    people = await teachers(world, 1000, going)
    async with transaction(app.factory) as session:
        author = await registration.find_by_tg(session, 700)
        event, announcement = await events.create(
            session,
            app.clock,
            actor_for(700, author, []),
            events.EventDraft(
                kind="seminar",
                title="Прошедший семинар",
                starts_at=app.clock.now() + timedelta(days=1),
                duration_minutes=60,
                timezone="Asia/Tomsk",
                place="Зал",
                online=False,
                description="",
                registration_required=True,
                capacity=None,
            ),
            AudienceSpec(),
        )
        await announcements.start_now(
            session, app.clock, app.settings, app.translator, announcement
        )
        for person in people:
            found = await session.get(Participant, person.id)
            assert found is not None
            await events.answer(session, app.clock, app.settings, found, event.id, True)
        event_id = event.id
    await settle(world)
    app.clock.advance(days=1, hours=1)  # type: ignore[attr-defined]
    return event_id


async def _attended(world: World) -> set[int]:
    async with world.db() as session:
        rows = await session.scalars(select(EventRsvp).where(EventRsvp.attended.is_(True)))
        return {r.participant_id for r in rows}


async def test_attendance_pages_and_marks_and_refuses_a_forged_person(world: World) -> None:
    await school_coordinator(world)
    await _past_event(world, going=10)
    coord = world.user(700)
    await coord.send("/events")
    await coord.click("Мои мероприятия")
    await coord.click("Прошедший семинар")
    await coord.click("Присутствие")
    assert "записались 10" in (coord.last_text or "") and "стр. 1 из 2" in (coord.last_text or "")
    first = coord.buttons()[0]
    await coord.click(first)
    assert coord.buttons()[0] == f"✅ {first}"
    assert "присутствовавшие 1" in (coord.last_text or "")
    await coord.click("▶")
    assert "стр. 2 из 2" in (coord.last_text or "")
    last = coord.buttons()[0]
    await coord.click(last)
    assert "присутствовавшие 2" in (coord.last_text or "")
    await coord.click(f"✅ {last}")  # a second press takes the mark off
    assert "присутствовавшие 1" in (coord.last_text or "")
    marked = await _attended(world)
    before = await conversation_records(world, 700)
    item = coord.data_of(last).rsplit(":", 1)[0]
    outsider = await world.add_person(1100, name="Не Записавшийся")
    for forged in ("²", "-1", str(2**64), str(outsider.id)):
        await coord.press_data(f"{item}:{forged}")
        answer = coord.last_callback_answer or ""
        assert STALE in answer or "Не найдено" in answer, forged
    intent = coord.data_of(0).split("\x1d")[0]
    for page in ("²", "-1", str(2**64)):
        await coord.press_data(f"{intent}\x1dattendees_next:{page}")
        assert STALE in (coord.last_callback_answer or ""), page
    assert await _attended(world) == marked
    assert await conversation_records(world, 700) == before
    # Back: the event's card, the author's events, the list of what is coming.
    await coord.click("Назад")
    assert "Записались: 10" in (coord.last_text or "")
    await coord.click("Назад")
    assert "Мои мероприятия" in (coord.last_text or "")
    await coord.click("Назад")
    assert "Ближайшие мероприятия" in (coord.last_text or "")


async def test_an_old_events_button_after_the_dialog_ended_is_stale(world: World) -> None:
    await school_coordinator(world)
    await _past_event(world, going=1)
    teacher = world.user(1000)
    await teacher.send("/events")
    confirm = teacher.data_of("Прошедший семинар")
    await teacher.send("/cancel")
    await teacher.press_data(confirm)
    assert STALE in (teacher.last_callback_answer or "")
    # The list again: the past event to confirm, and its card asks whether they came.
    await teacher.send("/events")
    await teacher.click("Прошедший семинар")
    await teacher.click("Да, был(а)")
    assert "Спасибо" in (teacher.last_callback_answer or "")
    assert "Вы были на мероприятии" in (teacher.last_text or "")
    assert "Да, был(а)" not in teacher.buttons()


async def test_a_day_typed_in_words_and_the_bounds_named(world: World) -> None:
    """«завтра в 16:00» is a moment; a day too far and 100,000 seats are refused with the bound
    they break, and nothing changes."""
    await school_coordinator(world)
    coord = world.user(700)
    await coord.send("/newevent")
    await coord.click("Семинар")
    await coord.send("Семинар")
    before = await conversation_records(world, 700)
    far = _today(world) + events.MAX_AHEAD + timedelta(days=1)
    await coord.send(f"{far:%d.%m.%Y} 10:00")
    last = f"{_today(world) + events.MAX_AHEAD:%d.%m.%Y}"
    assert f"не больше чем на год вперёд, до {last}" in (coord.last_text or "")
    assert await conversation_records(world, 700) == before
    await coord.send("завтра в 16:00")
    assert await _step(world) == "EventSG:duration"
    await coord.click("1 ч")
    await coord.send("Актовый зал")
    await coord.click("Без описания")
    await coord.click("Да, запись обязательна")
    assert f"не больше {events.MAX_CAPACITY}" in (coord.last_text or "").replace("\u00a0", "")
    before = await conversation_records(world, 700)
    await coord.send("100000")
    assert f"от 1 до {events.MAX_CAPACITY}" in (coord.last_text or "").replace("\u00a0", "")
    assert await conversation_records(world, 700) == before
    await coord.send("40")
    assert await _step(world) != "EventSG:capacity"
    draft = await conversation_records(world, 700)
    assert "40" in str(draft)
    tomorrow = _today(world) + timedelta(days=1)
    assert f"{tomorrow:%Y-%m-%d}T" in str(draft)  # the day of «завтра», local
