"""What a person may use is decided in one place (bot.services.menu): the main menu shows only
that, a pending person gets a polite word for the rest, and a press is answered exactly once
(the fake Bot API rejects a second answer to one query, as Telegram does)."""

from __future__ import annotations

import pytest
from aiogram.methods import AnswerCallbackQuery

from bot.fakes.client import TelegramUser
from bot.services.broadcast import events
from bot.services.errors import Forbidden
from models.enums import ParticipantStatus
from tests.support import ADMIN_ID, World

PENDING_ID = 7001


def _answers(world: World) -> list[tuple[str, bool]]:
    """(query id, accepted) of every answerCallbackQuery the bot made."""
    return [
        (record.method.callback_query_id, record.ok)
        for record in world.fake.records
        if isinstance(record.method, AnswerCallbackQuery)
    ]


def _answered_once(world: World) -> None:
    answers = _answers(world)
    assert all(ok for _, ok in answers), f"a second answer was rejected: {answers}"
    ids = [query for query, _ in answers]
    assert len(ids) == len(set(ids)), f"a query answered twice: {answers}"


async def test_an_admin_without_a_profile_sees_only_what_works(world: World) -> None:
    admin = world.user(ADMIN_ID)
    await admin.send("/menu")
    labels = admin.buttons()
    assert "👥 Люди" in labels
    assert not {"📅 Мероприятия", "📋 Анкеты", "👤 Профиль"} & set(labels), labels
    await admin.click("👥 Люди")
    assert "👥 Участники" in admin.buttons()
    await admin.click("◀ Назад")
    await admin.click("📢 Мероприятия и объявления")
    assert "📅 Мероприятия" not in admin.buttons()  # no profile: nothing of their own
    await admin.click("◀ Назад")
    await admin.send("/help")
    assert "/events" not in admin.last_text and "/profile" not in admin.last_text

    # A button of an older menu: one polite answer, not «register first» answered twice.
    await admin.press_data("mm:events")
    assert admin.last_callback_answer == world.app.translator.get("ru", "error-stale-button")
    _answered_once(world)


async def test_a_rule_error_in_a_command_from_the_menu_is_the_one_answer(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def refused(*args: object, **kwargs: object) -> None:
        raise Forbidden("error-not-coordinator")

    monkeypatch.setattr(events, "upcoming_for", refused)  # what /events shows first
    await world.add_person(7002)
    teacher = world.user(7002)
    await teacher.send("/menu")
    await teacher.click("📅 Мероприятия")
    assert teacher.last_callback_answer == world.app.translator.get("ru", "error-not-coordinator")
    _answered_once(world)


async def _pending(world: World) -> TelegramUser:
    await world.add_person(PENDING_ID, status=ParticipantStatus.pending)
    return world.user(PENDING_ID)


@pytest.mark.parametrize(
    "command",
    ["/events", "/surveys", "/mentorships", "/flash", "/meet", "/offers", "/requests", "/pairs"],
)
async def test_a_pending_person_is_told_to_wait(world: World, command: str) -> None:
    person = await _pending(world)
    replies = await person.send(command)
    waiting = world.app.translator.get("ru", "pending-not-yet")
    assert [m.text for m in replies] == [waiting], command
    assert "/profile" in waiting and "/mydata" in waiting


@pytest.mark.parametrize("command", ["/profile", "/mydata", "/help", "/language"])
async def test_a_pending_person_can_use_what_concerns_them(world: World, command: str) -> None:
    person = await _pending(world)
    replies = await person.send(command)
    assert replies
    assert all(m.text != world.app.translator.get("ru", "pending-not-yet") for m in replies)


async def test_a_pending_persons_menu_offers_only_what_they_can_use(world: World) -> None:
    person = await _pending(world)
    await person.send("/menu")
    assert set(person.buttons(person.last_message)), person.last_text
    assert set(person.buttons()) == {"👤 Профиль", "🌐 Язык"}
    await person.click("👤 Профиль")
    assert person.last_callback_answered
    _answered_once(world)
