"""The dialog kit through the dispatcher: the pager pages by count, the checklist marks and
unmarks, a forged item is refused, Cancel leaves its word. A small dialog of its own is added
to the real app, as a feature package would add one."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from aiogram import Router
from aiogram.filters import Command
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram_dialog import Dialog, DialogManager, StartMode
from aiogram_dialog.widgets.kbd import Button
from aiogram_dialog.widgets.text import Const, Format, Multi

import bot.app
from handlers import get_routers
from handlers.kit import (
    Pager,
    Tr,
    Window,
    cancel_button,
    checklist,
    choices,
    leave_button,
    paged,
    paged_choices,
)
from handlers.kit.dates import day_bounds, day_picker
from handlers.kit.picks import chosen, stale
from tests.support import World

ITEMS = [f"Школа № {n}" for n in range(1, 21)]


class KitSG(StatesGroup):
    listing = State()
    picking = State()
    school = State()
    day = State()


async def _listing(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    page, pager = await paged(dialog_manager, "schools", ITEMS, str, per_page=8)
    return {"lines": "\n".join(page.lines), **pager}


async def _picking(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    return {"items": [("math", "Математика"), ("art", "ИЗО")]}


async def _schools(**_: Any) -> dict[str, Any]:
    return {"items": [(str(n), name) for n, name in enumerate(ITEMS, 1)]}


async def _school(callback: CallbackQuery, key: str, manager: DialogManager) -> None:
    if not key.isdigit() or not 1 <= int(key) <= len(ITEMS):
        raise stale()
    await callback.answer(ITEMS[int(key) - 1])


async def _day_bounds(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    ctx = dialog_manager.middleware_data["ctx"]
    today = ctx.clock.now().astimezone(ctx.zone).date()
    return {"days": day_bounds(today - timedelta(days=40), today, today)}


async def _day(event: CallbackQuery | Message, day: date, manager: DialogManager) -> None:
    if isinstance(event, CallbackQuery):
        await event.answer(f"day {day.isoformat()}")
    else:
        await event.answer(f"typed {day.isoformat()}")


async def _plain_screen(manager: DialogManager) -> tuple[str, InlineKeyboardMarkup | None]:
    button = InlineKeyboardButton(text="Дальше", callback_data="kit:plain")
    return "Обычный экран", InlineKeyboardMarkup(inline_keyboard=[[button]])


async def _pick(callback: CallbackQuery, key: str, manager: DialogManager) -> None:
    if key not in {"math", "art"}:
        raise stale()
    await callback.answer(f"picked {key}")


async def _done(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    await callback.answer(",".join(sorted(chosen(manager, "subjects"))) or "none")


def _dialog() -> Dialog:
    return Dialog(
        Window(
            Multi(Format("{lines}"), Tr("list-page")),
            Pager("schools"),
            Button(Const("→"), id="next", on_click=lambda c, b, m: m.next()),
            getter=_listing,
            state=KitSG.listing,
        ),
        Window(
            Const("Выберите"),
            checklist("subjects"),
            choices("one", _pick),
            Button(Const("Готово"), id="done", on_click=_done),
            Button(Const("→"), id="next", on_click=lambda c, b, m: m.next()),
            cancel_button(),
            getter=_picking,
            state=KitSG.picking,
        ),
        Window(
            Const("Школа"),
            paged_choices("school", _school),
            getter=_schools,
            state=KitSG.school,
        ),
        Window(
            Const("Когда?"),
            *day_picker("held_on", _day),
            leave_button("btn-back", _plain_screen, id="back"),
            getter=_day_bounds,
            state=KitSG.day,
        ),
    )


async def _start(message: Message, dialog_manager: DialogManager) -> None:
    await dialog_manager.start(KitSG.listing, mode=StartMode.RESET_STACK)


async def _start_day(message: Message, dialog_manager: DialogManager) -> None:
    await dialog_manager.start(KitSG.day, mode=StartMode.RESET_STACK)


def _with_kit_dialog() -> list[Router]:
    """The real routers with this dialog before the catch-all, as a feature would add it."""
    routers = get_routers()
    own = Router(name="kit-demo")
    own.message.register(_start, Command("kitdemo"))
    own.message.register(_start_day, Command("kitday"))
    own.include_router(_dialog())
    return [*routers[:-1], own, routers[-1]]


@pytest.fixture(autouse=True)
def _kit_routers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Autouse, so it is in place before the app fixture builds the dispatcher."""
    monkeypatch.setattr(bot.app, "get_routers", _with_kit_dialog)


async def test_pager_checklist_and_cancel(world: World) -> None:
    app = world.app
    await world.add_person(700)
    user = world.user(700)
    await user.send("/kitdemo")
    assert "Школа № 1\n" in user.last_text and "Школа № 9" not in user.last_text
    assert "◀" not in user.buttons() and "▶" in user.buttons()
    await user.click("▶")
    assert "Школа № 9" in user.last_text and "Школа № 1\n" not in user.last_text
    await user.click("▶")
    assert "Школа № 20" in user.last_text and "▶" not in user.buttons()
    await user.click("◀")
    assert "Школа № 16" in user.last_text

    await user.click("→")
    await user.click(0)  # Математика in the checklist
    assert user.buttons()[0] == "✅ Математика"
    await user.click(1)
    await user.click(0)  # unmarked again
    assert user.buttons()[:2] == ["Математика", "✅ ИЗО"]
    await user.click("Готово")
    assert user.last_callback_answer == "art"
    one = user.data_of(2)  # the single choice's first item
    await user.press_data(one.rsplit(":", 1)[0] + ":bogus")
    assert "устарела" in user.last_callback_answer
    await user.click(2)
    assert user.last_callback_answer == "picked math"
    await user.click("Отмена")
    assert user.last_text == app.translator.get("ru", "cancelled") and user.buttons() == []


async def test_paged_choices_page_by_rows_and_refuse_a_forged_item(world: World) -> None:
    await world.add_person(701)
    user = world.user(701)
    await user.send("/kitdemo")
    await user.click("→")
    await user.click("→")
    assert user.buttons() == [*ITEMS[:8], "▶"]
    await user.click("▶")
    assert user.buttons()[:8] == ITEMS[8:16] and user.buttons()[8:] == ["◀", "▶"]
    await user.click("▶")
    assert user.buttons() == [*ITEMS[16:], "◀"]
    await user.click(ITEMS[17])
    assert user.last_callback_answer == ITEMS[17]
    forged = user.data_of(ITEMS[16]).rsplit(":", 1)[0] + ":99"
    await user.press_data(forged)
    assert "устарела" in user.last_callback_answer


async def test_day_picker_in_russian_inside_its_bounds(world: World) -> None:
    await world.add_person(702)
    user = world.user(702)
    await user.send("/kitday")
    labels = user.buttons()
    assert labels[1:8] == ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"]
    (marked,) = [label for label in labels if label.startswith("•")]  # today, of the clock
    await user.click(marked)
    assert user.last_callback_answer.startswith("day ")
    today = date.fromisoformat(user.last_callback_answer.removeprefix("day "))
    assert marked == f"•{today.day}•"
    month = world.app.translator.get("ru", "calendar-month", month=today.month)
    assert f"🗓 {month} {today.year}" in labels
    assert not any(label.endswith("▶") for label in labels)  # nothing after today
    await user.click("Пн")  # the week header does nothing, and says nothing
    assert not user.last_callback_answer

    # A day after the last one, pressed with forged data: the button is old.
    prefix, raw = user.data_of(marked).rsplit(":", 1)
    for forged in (str(int(raw) + 86400), "not-a-day", "MONTH13", "9" * 30):
        await user.press_data(f"{prefix}:{forged}")
        assert "устарела" in user.last_callback_answer, forged

    said = [m.text for m in await user.send("вчера")]
    assert f"typed {today - timedelta(days=1)}" in said
    said = [m.text for m in await user.send("тридцатое фебруарня")]
    assert world.app.translator.get("ru", "error-bad-date") in said


async def test_leave_button_closes_the_dialog_for_a_plain_screen(world: World) -> None:
    await world.add_person(703)
    user = world.user(703)
    await user.send("/kitday")
    back = user.data_of("◀ Назад")
    await user.click("◀ Назад")
    assert user.last_text == "Обычный экран" and user.buttons() == ["Дальше"]
    await user.press_data(back)  # the closed dialog's button
    assert "устарела" in user.last_callback_answer
