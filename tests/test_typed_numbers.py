"""Numbers typed into a conversation step, through the dispatcher: any text gets an answer,
never an exception; a text the step does not take leaves the step and its data as they were;
a number in digits other than ASCII ones («²», «٣», «①», full-width) is never taken."""

from __future__ import annotations

import unicodedata
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.fakes.client import TelegramUser
from models.enums import ScopeLevel
from tests.hypothesis_profiles import examples
from tests.mentorship_support import world_pair
from tests.support import ErrorLog, World, conversation_of, conversation_records

SCHOOL = "СОШ № 1 г. Кедрового"
COORDINATOR, MENTOR, MENTEE, NEWCOMER = 700, 801, 802, 501


def _local(world: World, days: int) -> str:
    moment = world.now() + timedelta(days=days)
    return moment.astimezone(world.app.settings.zone).strftime("%d.%m.%Y %H:%M")


async def _coordinator(world: World) -> TelegramUser:
    if await world.person(COORDINATOR) is None:
        org = await world.org_id(SCHOOL)
        await world.add_person(
            COORDINATOR, name="Координатор Школы", coordinator_of=(ScopeLevel.organization, org)
        )
    return world.user(COORDINATOR)


async def _event_starts(world: World) -> TelegramUser:
    coordinator = await _coordinator(world)
    await coordinator.send("/newevent")
    await coordinator.click("Семинар")
    await coordinator.send("Наставничество в цифровой школе")
    return coordinator


async def _event_duration(world: World) -> TelegramUser:
    coordinator = await _event_starts(world)
    await coordinator.send(_local(world, 3))
    return coordinator


async def _event_capacity(world: World) -> TelegramUser:
    coordinator = await _event_duration(world)
    await coordinator.click("1 ч 30 мин")
    await coordinator.send("Кедровый, ул. Школьная, 1")
    await coordinator.click("Без описания")
    await coordinator.click("Да, запись обязательна")
    return coordinator


async def _registration_experience(world: World) -> TelegramUser:
    newcomer = world.user(NEWCOMER)
    await newcomer.send("/start")
    await newcomer.click("Согласен")
    await newcomer.send("Смирнова Ольга Ивановна")
    await newcomer.click("Педагог")
    await newcomer.click("Город Томск")
    await newcomer.click("Гимназия № 24")
    await newcomer.click("Наставляемый")
    await newcomer.click("Математика")
    await newcomer.click("Готово")
    return newcomer


async def _profile_experience(world: World) -> TelegramUser:
    if await world.person(MENTEE) is None:
        await world.add_person(MENTEE, name="Сидорова Мария")
    teacher = world.user(MENTEE)
    await teacher.send("/profile")
    await teacher.click("✏ Стаж")
    return teacher


async def _meeting_date(world: World) -> TelegramUser:
    if await world.person(MENTOR) is None:
        await _coordinator(world)
        await world.add_person(MENTOR, name="Петрова Анна Ивановна", role="mentor", capacity=5)
        await world.add_person(MENTEE, name="Сидорова Мария")
        await world_pair(world, COORDINATOR, MENTOR, [MENTEE], running_days=60)
        await world.drain()
    mentor = world.user(MENTOR)
    await mentor.send("/meet")
    return mentor


async def _meeting_duration(world: World) -> TelegramUser:
    mentor = await _meeting_date(world)
    await mentor.click("Сегодня")
    return mentor


# Each typed-number step: who types, how they get there, and the state it is.
STEPS: dict[str, tuple[int, Callable[[World], Awaitable[TelegramUser]], str]] = {
    "event start": (COORDINATOR, _event_starts, "EventSG:starts"),
    "event duration": (COORDINATOR, _event_duration, "EventSG:duration"),
    "event capacity": (COORDINATOR, _event_capacity, "EventSG:capacity"),
    "registration experience": (NEWCOMER, _registration_experience, "RegistrationSG:experience"),
    "profile experience": (MENTEE, _profile_experience, "ProfileSG:experience"),
    "meeting date": (MENTOR, _meeting_date, "MeetLog:date"),
    "meeting duration": (MENTOR, _meeting_duration, "MeetLog:duration"),
}

OTHER_DIGITS = "²³¹⁰٣۴१১௫๒①⑳１９𝟗"
numberish = st.text(st.sampled_from("0123456789" + OTHER_DIGITS + " -+.,:/чhмин"), max_size=16)
typed = st.one_of(
    numberish,
    st.integers().map(str),
    st.sampled_from(["9" * 30, "1" * 5000, "-0", "0", "1_000", "1e3", "٣٠", "²", "３０"]),
    st.text(max_size=40),
).filter(lambda text: text.strip() and not text.lstrip().startswith("/"))  # a command leaves


def _has_other_digits(text: str) -> bool:
    return any(not char.isascii() and unicodedata.category(char) in ("Nd", "No") for char in text)


async def _where(world: World, user: TelegramUser) -> tuple[str | None, Any]:
    """The step (a dialog's window or a hand-written conversation's state) and all kept."""
    return await conversation_of(world, user.id), await conversation_records(world, user.id)


PROPERTY = settings(
    max_examples=examples(120),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize("step", list(STEPS))
@PROPERTY
@given(text=typed)
async def test_any_text_at_a_number_step_is_answered_and_non_ascii_digits_are_refused(
    world: World, errors: ErrorLog, step: str, text: str
) -> None:
    tg_id, reach, state_name = STEPS[step]
    user = world.user(tg_id)
    state, _ = await _where(world, user)
    if state is None or not state.endswith(state_name):
        # The first example, or the last text was taken and the step moved on: go back there.
        if state is not None:
            await user.send("/cancel")
        user = await reach(world)
    before = await _where(world, user)
    assert before[0] is not None and before[0].endswith(state_name), (step, before)
    unexpected = world.app.translator.get("ru", "error-unexpected")

    errors.records.clear()
    replies = await user.send(text)

    assert not errors.records, f"{text!r} at {step}: {errors.records[-1].exc_info}"
    assert replies, f"{text!r} at {step} got no answer"
    assert all(unexpected not in (m.text or "") for m in replies)
    after = await _where(world, user)
    if _has_other_digits(text):
        assert after == before, f"{text!r} with non-ASCII digits was taken at {step}"
    if after[0] == before[0]:
        assert after == before, f"{text!r} was refused at {step} but changed the data"
