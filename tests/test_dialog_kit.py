"""The dialog kit through the dispatcher: the pager pages by count, the checklist marks and
unmarks, a forged item is refused, Cancel leaves its word. A small dialog of its own is added
to the real app, as a feature package would add one."""

from __future__ import annotations

from typing import Any

import pytest
from aiogram import Router
from aiogram.filters import Command
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
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
    nav_row,
    paged,
    paged_choices,
)
from handlers.kit.picks import choice_page, chosen, stale
from tests.support import World

ITEMS = [f"Школа № {n}" for n in range(1, 21)]


class KitSG(StatesGroup):
    listing = State()
    picking = State()
    school = State()


async def _listing(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    page, pager = await paged(dialog_manager, "schools", ITEMS, str, per_page=8)
    return {"lines": "\n".join(page.lines), **pager}


async def _picking(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    return {"items": [("math", "Математика"), ("art", "ИЗО")]}


async def _schools(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"items": [(str(n), name) for n, name in enumerate(ITEMS, 1)]}
    return {**data, **await choice_page(dialog_manager, "school", data)}


async def _school(callback: CallbackQuery, key: str, manager: DialogManager) -> None:
    if not key.isdigit() or not 1 <= int(key) <= len(ITEMS):
        raise stale()
    await callback.answer(ITEMS[int(key) - 1])


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
            Format("Школа, страница {page} из {pages}"),
            paged_choices("school", _school),
            getter=_schools,
            state=KitSG.school,
        ),
    )


async def _start(message: Message, dialog_manager: DialogManager) -> None:
    await dialog_manager.start(KitSG.listing, mode=StartMode.RESET_STACK)


class SkipSG(StatesGroup):
    first = State()
    skipped = State()
    last = State()


def _asked(state: State, manager: DialogManager) -> bool:
    return state != SkipSG.skipped or bool(manager.dialog_data.get("long_way"))


async def _said(manager: DialogManager) -> str:
    return f"закрыто на {manager.current_context().state.state}"


async def _ticked(callback: CallbackQuery, key: str, manager: DialogManager) -> None:
    if key == "art":
        raise stale()  # refused: the mark is not kept
    await callback.answer(f"saved {','.join(chosen(manager, 'marks'))}")


def _skipping() -> Dialog:
    nav = nav_row(asked=_asked, said=_said)
    return Dialog(
        Window(
            Const("Первое"),
            checklist("marks", on_change=_ticked),
            Button(Const("→"), id="jump", on_click=lambda c, b, m: m.switch_to(SkipSG.last)),
            nav,
            getter=_picking,
            state=SkipSG.first,
        ),
        Window(Const("Пропущенное"), nav, state=SkipSG.skipped),
        Window(Const("Последнее"), nav, state=SkipSG.last),
    )


async def _start_skipping(message: Message, dialog_manager: DialogManager) -> None:
    await dialog_manager.start(SkipSG.first, mode=StartMode.RESET_STACK)


def _with_kit_dialog() -> list[Router]:
    """The real routers with this dialog before the catch-all, as a feature would add it."""
    routers = get_routers()
    own = Router(name="kit-demo")
    own.message.register(_start, Command("kitdemo"))
    own.message.register(_start_skipping, Command("kitskip"))
    own.include_routers(_dialog(), _skipping())
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
    assert user.buttons() == [*ITEMS[:8], "▶"] and "страница 1 из 3" in user.last_text
    await user.click("▶")
    assert user.buttons()[:8] == ITEMS[8:16] and user.buttons()[8:] == ["◀", "▶"]
    assert "страница 2 из 3" in user.last_text
    intent = user.data_of(0).split("\x1d")[0]
    for page in ("²", "-1", str(2**64)):  # the scroll's own page data, forged
        await user.press_data(f"{intent}\x1dschool:{page}")
        assert "устарела" in user.last_callback_answer
    await user.click(ITEMS[8])
    assert user.last_callback_answer == ITEMS[8]  # still on page 2
    await user.click("▶")
    assert user.buttons() == [*ITEMS[16:], "◀"]
    await user.click(ITEMS[17])
    assert user.last_callback_answer == ITEMS[17]
    forged = user.data_of(ITEMS[16]).rsplit(":", 1)[0] + ":99"
    await user.press_data(forged)
    assert "устарела" in user.last_callback_answer


async def test_back_passes_over_a_skipped_window_and_cancel_says_a_computed_word(
    world: World,
) -> None:
    await world.add_person(702)
    user = world.user(702)
    await user.send("/kitskip")
    assert user.buttons() == ["Математика", "ИЗО", "→", "◀ Назад", "✖ Отмена"]
    await user.click("Математика")
    assert user.last_callback_answer == "saved math"
    await user.click("ИЗО")  # refused by on_change: the mark is not kept
    assert "устарела" in user.last_callback_answer
    assert user.buttons()[:2] == ["✅ Математика", "ИЗО"]
    await user.click("◀ Назад")  # nothing earlier was asked
    assert "устарела" in user.last_callback_answer
    await user.click("→")
    assert user.last_text == "Последнее"
    await user.click("◀ Назад")  # over the window the dialog skipped
    assert user.last_text == "Первое"
    await user.click("→")
    await user.click("✖ Отмена")
    assert user.last_text == "закрыто на SkipSG:last" and user.buttons() == []
