"""Events through the dispatcher: the waiting list of a full event (told their place; the
first in line gets the seat that frees up, and is told) and editing an event (by its author or
a coordinator whose scope holds it; the registered told of a new time or place)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.services.access import actor_for
from bot.services.broadcast import events
from bot.services.errors import NotFound
from models import DueTask, Participant
from models.broadcast import Event, EventRsvp
from models.enums import DueTaskStatus, EventStatus
from tests.announcement_support import (
    municipal_coordinator,
    school_coordinator,
    settle,
    teachers,
)
from tests.support import World
from tests.test_announcement_events import create_event, local, rsvp


async def create_event_by(world: World, tg_id: int) -> None:
    """create_event, by another coordinator (the helper's steps, typed by tg_id)."""
    coord = world.user(tg_id)
    await coord.send("/newevent")
    await coord.click("Семинар")
    await coord.send("Наставничество в цифровой школе")
    await coord.send(local(world, world.now() + timedelta(days=3)))
    await coord.click("1 ч 30 мин")
    await coord.send("Кедровый, ДК")
    await coord.click("Без описания")
    await coord.click("Да, запись обязательна")
    await coord.send("10")
    await coord.click("Далее")
    await coord.click("Отправить сейчас")
    await settle(world)


async def _answers(world: World) -> dict[int, str]:
    async with world.db() as session:
        rows = await session.scalars(select(EventRsvp))
        return {r.participant_id: r.answer for r in rows}


async def _event(world: World) -> Event:
    async with world.db() as session:
        event = await session.scalar(select(Event))
        assert event is not None
        return event


def _texts(world: World, tg_id: int) -> list[str]:
    return [m.text or "" for m in world.fake.sent_messages(tg_id)]


async def _open_managed(world: World, tg_id: int = 700) -> None:
    coord = world.user(tg_id)
    await coord.send("/events")
    await coord.click("Мои мероприятия")
    await coord.click("Наставничество")


# --- the waiting list -------------------------------------------------------------------------


async def test_a_full_event_keeps_a_waiting_list_and_the_first_gets_the_seat(
    world: World,
) -> None:
    await school_coordinator(world)
    a, b, c = await teachers(world, 1000, 3)
    await create_event(world, capacity="1")
    assert "Свободных мест осталось: 0" in await rsvp(world, 1000, "Приду")
    assert "1-й по очереди" in await rsvp(world, 1001, "Приду")
    assert "2-й по очереди" in await rsvp(world, 1002, "Приду")
    assert (await _event(world)).going_count == 1
    # C sees the place in /events.
    c_user = world.user(1002)
    await c_user.send("/events")
    await c_user.click("Наставничество")
    assert "в листе ожидания" in (c_user.last_text or "")
    assert "Ваше место в очереди: 2" in (c_user.last_text or "")
    # A cannot come: B, the first in line, gets the seat and is told; C moves up.
    await rsvp(world, 1000, "Не смогу")
    await world.drain()
    assert await _answers(world) == {a.id: "not_going", b.id: "going", c.id: "waiting"}
    assert (await _event(world)).going_count == 1
    assert any("Освободилось место" in t for t in _texts(world, 1001))
    assert not any("Освободилось место" in t for t in _texts(world, 1002))
    assert "уже в листе ожидания: 1-й" in await rsvp(world, 1002, "Приду")
    # A changes their mind again: the event is full, so A queues behind C.
    assert "2-й по очереди" in await rsvp(world, 1000, "Приду")


async def test_leaving_the_waiting_list_frees_no_seat(world: World) -> None:
    await school_coordinator(world)
    a, b, c = await teachers(world, 1000, 3)
    await create_event(world, capacity="1")
    await rsvp(world, 1000, "Приду")
    await rsvp(world, 1001, "Приду")
    await rsvp(world, 1002, "Приду")
    await rsvp(world, 1001, "Не смогу")  # B leaves the line: nobody moves into a seat
    await world.drain()
    assert await _answers(world) == {a.id: "going", b.id: "not_going", c.id: "waiting"}
    assert "уже в листе ожидания: 1-й" in await rsvp(world, 1002, "Приду")
    assert not any("Освободилось место" in t for t in _texts(world, 1002))
    # The author sees the line.
    await _open_managed(world)
    assert "В листе ожидания: 1" in (world.user(700).last_text or "")


async def test_a_deleted_account_frees_its_seat_for_the_first_in_line(world: World) -> None:
    await school_coordinator(world)
    _a, b = await teachers(world, 1000, 2)
    await create_event(world, capacity="1")
    await rsvp(world, 1000, "Приду")
    await rsvp(world, 1001, "Приду")  # waiting
    user = world.user(1000)
    await user.send("/profile")
    await user.click("Удалить аккаунт")
    await user.click("Да, удалить")
    await world.drain()
    assert await _answers(world) == {b.id: "going"}
    assert (await _event(world)).going_count == 1
    assert any("Освободилось место" in t for t in _texts(world, 1001))


# --- editing ----------------------------------------------------------------------------------


async def test_the_author_moves_the_event_and_the_registered_are_told(world: World) -> None:
    await school_coordinator(world)
    await teachers(world, 1000, 2)
    await create_event(world, capacity="10", days=3)
    await rsvp(world, 1000, "Приду")  # 1001 does not answer
    await _open_managed(world)
    coord = world.user(700)
    await coord.click("✏ Изменить")
    assert {"Название", "Дату и время", "Место", "Число мест", "Описание"} <= set(coord.buttons())
    await coord.click("Дату и время")
    assert "Сейчас:" in (coord.last_text or "")
    await coord.send("послезавтра в 25:00")  # no such time: asked again, nothing changed
    assert coord.last_text == world.app.translator.get("ru", "bc-bad-datetime")
    await coord.send(local(world, world.now() - timedelta(hours=1)))  # gone already
    assert "прошл" in (coord.last_text or "")
    before = await _event(world)
    new_time = world.now() + timedelta(days=5)
    await coord.send(local(world, new_time))
    assert "Сохранено. Об изменении сообщу 1 участнику" in (coord.last_text or "")
    event = await _event(world)
    assert event.starts_at != before.starts_at
    assert local(world, event.starts_at) == local(world, new_time)
    await world.drain()
    told = [t for t in _texts(world, 1000) if "изменилось" in t]
    assert len(told) == 1 and local(world, new_time) in told[0]
    assert not any("изменилось" in t for t in _texts(world, 1001))  # not registered
    # The reminders follow the new time.
    async with world.db() as session:
        tasks = list(
            await session.scalars(
                select(DueTask).where(
                    DueTask.dedup_key.like(f"event-remind:{event.id}:%"),
                    DueTask.status == DueTaskStatus.pending,
                )
            )
        )
    due = {t.dedup_key: t.due_at.replace(tzinfo=None) for t in tasks}
    expected = (event.starts_at - timedelta(days=1)).replace(tzinfo=None)
    assert due[f"event-remind:{event.id}:day"] == expected


async def test_place_title_and_description_edits(world: World) -> None:
    await school_coordinator(world)
    await teachers(world, 1000, 1)
    await create_event(world, capacity="10")
    await rsvp(world, 1000, "Приду")
    await _open_managed(world)
    coord = world.user(700)
    await coord.click("✏ Изменить")
    await coord.click("Название")
    await coord.send("Цифровая школа: практикум")
    assert "Сообщать никому не нужно" in (coord.last_text or "")  # a title is no news
    assert "Цифровая школа: практикум" in (coord.last_text or "")
    await coord.click("✏ Изменить")
    await coord.click("Место")
    await coord.send("https://meet.example.org/room")
    assert "сообщу 1 участнику" in (coord.last_text or "")
    event = await _event(world)
    assert event.online and event.place == "https://meet.example.org/room"
    await coord.click("✏ Изменить")
    await coord.click("Описание")
    await coord.send("Возьмите ноутбук")
    assert (await _event(world)).description == "Возьмите ноутбук"
    await world.drain()
    assert sum("изменилось" in t for t in _texts(world, 1000)) == 1  # the place only


async def test_seats_cannot_drop_below_the_registered_and_more_seats_fill_the_line(
    world: World,
) -> None:
    await school_coordinator(world)
    *_, c = await teachers(world, 1000, 3)
    await create_event(world, capacity="2")
    for tg in (1000, 1001, 1002):
        await rsvp(world, tg, "Приду")
    await _open_managed(world)
    coord = world.user(700)
    await coord.click("✏ Изменить")
    await coord.click("Число мест")
    assert "записались: 2" in (coord.last_text or "")
    await coord.send("1")
    assert "Уже записались 2 человека: мест не может быть меньше" in (coord.last_text or "")
    assert (await _event(world)).capacity == 2  # nothing changed
    await coord.send("0")
    assert (await _event(world)).capacity == 2
    await coord.send("3")
    assert "Из листа ожидания записан 1 человек" in (coord.last_text or "")
    event = await _event(world)
    assert (event.capacity, event.going_count) == (3, 3)
    assert (await _answers(world))[c.id] == "going"
    await world.drain()
    assert any("Освободилось место" in t for t in _texts(world, 1002))


async def test_edit_by_someone_out_of_scope_and_stale_buttons(world: World) -> None:
    await school_coordinator(world)
    await school_coordinator(world, tg_id=702, org="Зональненская СОШ")
    await teachers(world, 1000, 1)
    await create_event(world, capacity="10")
    await _open_managed(world)
    coord = world.user(700)
    await coord.click("✏ Изменить")
    title_button = coord.data_of("Название")
    # Another school's coordinator replays the button: not theirs.
    other = world.user(702)
    await other.send("/events")
    await other.click("Мои мероприятия")
    assert not any("Наставничество" in b for b in other.buttons())
    await other.press_data(title_button)
    assert "устарела" in (other.last_callback_answer or "") or "Не найдено" in (
        other.last_callback_answer or ""
    )
    # A forged field is stale; the event is unchanged.
    await coord.press_data(title_button.rsplit(":", 1)[0] + ":author_id")
    assert "устарела" in (coord.last_callback_answer or "")
    # After the start, nothing can be edited.
    await coord.click("Название")
    world.app.clock.advance(days=4)  # type: ignore[attr-defined]
    await coord.send("Поздно")
    assert "уже началось" in (coord.last_text or "")
    assert (await _event(world)).title == "Наставничество в цифровой школе"


async def test_a_municipal_coordinator_edits_a_school_event(world: World) -> None:
    await school_coordinator(world)
    await municipal_coordinator(world)
    await teachers(world, 1000, 1)
    await create_event(world, capacity="10")
    await rsvp(world, 1000, "Приду")
    await _open_managed(world, 701)  # not the author, but the school is in the municipality
    coord = world.user(701)
    await coord.click("✏ Изменить")
    await coord.click("Место")
    await coord.send("Кедровый, ДК, малый зал")
    assert (await _event(world)).place == "Кедровый, ДК, малый зал"
    await settle(world)
    assert any("малый зал" in t for t in _texts(world, 1000))


async def test_a_school_coordinator_cannot_edit_the_municipalitys_event(world: World) -> None:
    """The other way round: the municipality's event reaches beyond her school."""
    await municipal_coordinator(world)
    await school_coordinator(world)
    await teachers(world, 1000, 1)
    await create_event_by(world, 701)
    school = world.user(700)
    await school.send("/events")
    await school.click("Мои мероприятия")
    assert not any("Наставничество" in b for b in school.buttons())
    async with world.db() as session:
        event = await session.scalar(select(Event))
        assert event is not None
        author = await session.get(Participant, event.author_id)
        me = await session.scalar(select(Participant).where(Participant.tg_id == 700))
        assert author is not None and me is not None
        actor = actor_for(700, me, [])
        assert not await events.covers_event(session, actor, event)
        try:
            await events.edit(session, world.app.clock, actor, event.id, "title", "Чужое")
        except NotFound:
            pass
        else:
            raise AssertionError("a school coordinator edited the municipality's event")
    assert (await _event(world)).title == "Наставничество в цифровой школе"


async def test_an_edit_screen_left_open_on_a_cancelled_event_changes_nothing(
    world: World,
) -> None:
    await school_coordinator(world)
    await teachers(world, 1000, 1)
    await create_event(world, capacity="10")
    await _open_managed(world)
    coord = world.user(700)
    await coord.click("✏ Изменить")
    async with world.db() as session:
        event = await session.scalar(select(Event))
        assert event is not None
        event.status = EventStatus.cancelled  # cancelled meanwhile (another device)
    await coord.click("Число мест")
    assert "отменено" in (coord.last_callback_answer or "")
    assert (await _event(world)).capacity == 10
