"""Forged numbers inside a button's value, in the middle of a conversation, through the
dispatcher. The generated presses of test_forged_callbacks reach the first step of each
screen; these reach the steps where a value carries a page, an id or minutes («p²» was a
page to str.isdigit() and a ValueError to int())."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest

from bot.fakes.client import TelegramUser
from models.enums import ScopeLevel
from tests.mentorship_support import world_pair
from tests.support import ErrorLog, World, conversation_records, muni_id

SCHOOL = "СОШ № 1 г. Кедрового"
HUGE = str(2**64)
FORGED = ["²", "٣", "①", "-1", HUGE, "1" * 40]


async def _registration_organization(world: World) -> TelegramUser:
    newcomer = world.user(501)
    await newcomer.send("/start")
    await newcomer.click("Согласен")
    await newcomer.send("Смирнова Ольга Ивановна")
    await newcomer.click("Педагог")
    await newcomer.click("Город Томск")
    return newcomer


async def _invite_organization(world: World) -> TelegramUser:
    async with world.db() as session:
        kedr = await muni_id(session, "Город Кедровый")
    await world.add_person(
        701,
        name="Муниципальный Координатор",
        org="Отдел образования г. Кедровый",
        coordinator_of=(ScopeLevel.municipality, kedr),
    )
    coordinator = world.user(701)
    await coordinator.send("/invite")
    await coordinator.click("Наставляемый")
    await coordinator.click("Педагог")
    return coordinator


async def _mentor(world: World) -> TelegramUser:
    org = await world.org_id(SCHOOL)
    await world.add_person(
        700, name="Координатор Школы", coordinator_of=(ScopeLevel.organization, org)
    )
    await world.add_person(801, name="Петрова Анна Ивановна", role="mentor", capacity=5)
    await world.add_person(802, name="Сидорова Мария")
    await world_pair(world, 700, 801, [802], running_days=60)
    await world.drain()
    return world.user(801)


async def _meeting_date(world: World) -> TelegramUser:
    mentor = await _mentor(world)
    await mentor.send("/meet")
    return mentor


async def _meeting_duration(world: World) -> TelegramUser:
    mentor = await _meeting_date(world)
    await mentor.click("Сегодня")
    return mentor


async def _event_duration(world: World) -> TelegramUser:
    org = await world.org_id(SCHOOL)
    await world.add_person(
        700, name="Координатор Школы", coordinator_of=(ScopeLevel.organization, org)
    )
    coordinator = world.user(700)
    await coordinator.send("/newevent")
    await coordinator.click("Семинар")
    await coordinator.send("Наставничество в цифровой школе")
    moment = world.now().astimezone(world.app.settings.zone)
    await coordinator.send(f"{moment.day:02d}.{moment.month:02d}.{moment.year + 1} 10:00")
    return coordinator


def _invite_dialog(widget: str) -> Callable[[TelegramUser], str]:
    """The invite dialog's data for its widget `widget` (an arrow or an organization),
    with {} for the value: the intent of the open dialog, forged after it."""
    return lambda user: user.data_of(0).split("\x1d")[0] + f"\x1d{widget}:{{}}"


def _dialog_item(label: str) -> Callable[[TelegramUser], str]:
    """A dialog button's data with {} for its item (the part after the last ':')."""

    def pattern(user: TelegramUser) -> str:
        return user.data_of(label).rsplit(":", 1)[0].replace("{", "{{").replace("}", "}}") + ":{}"

    return pattern


def _calendar_day(user: TelegramUser) -> str:
    """Today's calendar day (between dots) with {} for the day it carries."""
    (today,) = [label for label in user.buttons() if label.startswith("•")]
    return _dialog_item(today)(user)


# Where the value is read as a number: how to get there, the data with {} for the value (or
# how to make it from a dialog's button), and the answer (an invite's organization that is no
# page is checked against the scope).
Pattern = str | Callable[[TelegramUser], str]
SITES: dict[str, tuple[Callable[[World], Awaitable[TelegramUser]], Pattern, str]] = {
    "registration: page of organizations": (
        _registration_organization,
        "{intent}\x1dorgs:{}",  # the dialog's list of organizations, its page
        "error-stale-button",
    ),
    "invite: page of organizations": (
        _invite_organization,
        _invite_dialog("orgs_next"),
        "error-stale-button",
    ),
    "invite: page of organizations, the list's own pager": (
        _invite_organization,
        _invite_dialog("orgs"),
        "error-stale-button",
    ),
    "invite: an organization": (
        _invite_organization,
        _invite_dialog("orgs_item"),
        "error-out-of-scope",
    ),
    "meeting: quick day": (_meeting_date, _dialog_item("Сегодня"), "error-stale-button"),
    "meeting: day of the calendar": (_meeting_date, _calendar_day, "error-stale-button"),
    "meeting: minutes": (_meeting_duration, _dialog_item("1 ч"), "error-stale-button"),
    "event: minutes": (_event_duration, _dialog_item("1 ч"), "error-stale-button"),
}


@pytest.mark.parametrize("site", list(SITES))
async def test_a_forged_number_in_a_value_is_an_outdated_button(
    world: World, errors: ErrorLog, site: str
) -> None:
    reach, pattern, answer = SITES[site]
    user = await reach(world)
    before = await conversation_records(world, user.id)
    expected = world.app.translator.get("ru", answer)
    # A dialog's buttons carry its intent id (before \x1d): the forged value goes to it.
    intent = user.data_of(0).split("\x1d")[0]
    template = pattern if isinstance(pattern, str) else pattern(user)
    for value in FORGED:
        data = template.format(value, intent=intent)[:64]
        await user.press_data(data)
        assert not errors.records, f"{data!r}: {errors.records[-1].exc_info}"
        assert user.last_callback_answer == expected, (data, user.last_callback_answer)
        assert await conversation_records(world, user.id) == before, data
