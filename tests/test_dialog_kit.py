"""The dialog kit through the dispatcher: the pager pages by count, the checklist marks and
unmarks, a forged item is refused, Cancel leaves its word. A small dialog of its own is added
to the real app, as a feature package would add one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram_dialog import Dialog, DialogManager, StartMode
from aiogram_dialog.widgets.kbd import Button
from aiogram_dialog.widgets.text import Const, Format, Multi

import bot.app
from handlers import get_routers
from handlers.kit import (
    TO_CALLER,
    Link,
    Pager,
    Tr,
    Window,
    back_button,
    cancel_button,
    checklist,
    choices,
    choices_page,
    leave_button,
    links,
    nav_row,
    paged,
    paged_choices,
    sent_file,
    served,
)
from handlers.kit.dates import day_bounds, day_picker
from handlers.kit.picks import chosen, stale
from tests.announcement_support import send_photo
from tests.support import ErrorLog, World, conversation_of

ITEMS = [f"Школа № {n}" for n in range(1, 21)]


class KitSG(StatesGroup):
    listing = State()
    picking = State()
    school = State()
    day = State()
    limited = State()
    elsewhere = State()
    served = State()


@dataclass(frozen=True)
class _ServicePage:
    """What a service that pages in SQL returns: a page, clamped, and the count."""

    items: list[str]
    page: int
    pages: int


async def _cut_by_the_service(page: int) -> _ServicePage:
    pages = 3  # 20 items, 8 a page
    page = min(max(page, 0), pages - 1)
    return _ServicePage(ITEMS[page * 8 : (page + 1) * 8], page, pages)


class KitSubSG(StatesGroup):
    levels = State()


async def _listing(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    page, pager = await paged(dialog_manager, "schools", ITEMS, str, per_page=8)
    return {"lines": "\n".join(page.lines), **pager}


async def _picking(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    return {"items": [("math", "Математика"), ("art", "ИЗО")]}


async def _schools(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"items": [(str(n), name) for n, name in enumerate(ITEMS, 1)]}
    return {**data, **await choices_page(dialog_manager, "school", data)}


async def _served(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    page, pager = await served(dialog_manager, "served", _cut_by_the_service)
    return {"lines": "\n".join(page.items), **pager}


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


async def _three(**_: Any) -> dict[str, Any]:
    return {"items": [("a", "Один"), ("b", "Два"), ("c", "Три")]}


async def _limited(callback: CallbackQuery, key: str, manager: DialogManager) -> None:
    if len(chosen(manager, "limited")) > 2:  # the mark has changed already: refuse it
        raise stale()
    await callback.answer(f"saved {key}")


async def _done(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    await callback.answer(",".join(sorted(chosen(manager, "subjects"))) or "none")


async def _levels(**_: Any) -> dict[str, Any]:
    return {"items": [("a", "A"), ("b", "B")]}


async def _level(callback: CallbackQuery, key: str, manager: DialogManager) -> None:
    if key not in {"a", "b"}:
        raise stale()


async def _got_file(message: Message, manager: DialogManager) -> None:
    await message.answer("file " + ("photo" if message.photo else "document"))


async def _sub(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    await manager.start(KitSubSG.levels)


async def _sub_result(_: Any, result: Any, manager: DialogManager) -> None:
    manager.dialog_data["result"] = repr(result)


def _sub_dialog() -> Dialog:
    return Dialog(
        Window(
            Const("Уровни"),
            checklist("levels", on_toggle=_level),
            sent_file(_got_file),
            nav_row(back=TO_CALLER),
            getter=_levels,
            state=KitSubSG.levels,
        )
    )


async def _elsewhere_data(**_: Any) -> dict[str, Any]:
    return {"there": "kit:there", "links": [("kit:there", "Туда"), ("kit:also", "И туда")]}


async def _there(callback: CallbackQuery) -> None:
    await callback.answer(f"there {callback.data}")


def _dialog() -> Dialog:
    return Dialog(
        Window(
            Multi(Format("{lines}"), Tr("list-page")),
            Pager("schools"),
            Button(Const("→"), id="next", on_click=lambda c, b, m: m.next()),
            Button(Const("↓"), id="sub", on_click=_sub),
            getter=_listing,
            state=KitSG.listing,
        ),
        Window(
            Const("Выберите"),
            checklist("subjects", on_toggle=_pick),
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
        Window(
            Const("Не больше двух"),
            checklist("limited", on_toggle=_limited),
            back_button(),
            getter=_three,
            state=KitSG.limited,
        ),
        Window(
            Const("Когда?"),
            *day_picker("held_on", _day),
            leave_button("btn-back", _plain_screen, id="back"),
            getter=_day_bounds,
            state=KitSG.day,
        ),
        Window(
            Const("Другие разделы"),
            Link(Const("Раздел"), "there"),
            links(),
            getter=_elsewhere_data,
            state=KitSG.elsewhere,
        ),
        Window(
            Multi(Format("{lines}"), Tr("list-page")),
            Pager("served"),
            nav_row(back=lambda manager: KitSG.school),  # decided at the press
            getter=_served,
            state=KitSG.served,
        ),
        on_process_result=_sub_result,
    )


async def _start(message: Message, dialog_manager: DialogManager) -> None:
    await dialog_manager.start(KitSG.listing, mode=StartMode.RESET_STACK)


async def _start_day(message: Message, dialog_manager: DialogManager) -> None:
    await dialog_manager.start(KitSG.day, mode=StartMode.RESET_STACK)


async def _start_limited(message: Message, dialog_manager: DialogManager) -> None:
    await dialog_manager.start(KitSG.limited, mode=StartMode.RESET_STACK)


async def _start_served(message: Message, dialog_manager: DialogManager) -> None:
    await dialog_manager.start(KitSG.served, mode=StartMode.RESET_STACK)


async def _start_elsewhere(message: Message, dialog_manager: DialogManager) -> None:
    await dialog_manager.start(KitSG.elsewhere, mode=StartMode.RESET_STACK)


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
            checklist("marks", on_toggle=_ticked),
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
    own.message.register(_start_served, Command("kitserved"))
    own.message.register(_start_day, Command("kitday"))
    own.message.register(_start_limited, Command("kitlimit"))
    own.message.register(_start_elsewhere, Command("kitlinks"))
    own.message.register(_start_skipping, Command("kitskip"))
    own.include_routers(_dialog(), _skipping(), _sub_dialog())
    # Another feature's handler, after the dialog: its presses pass the dialog by.
    other = Router(name="kit-other")
    other.callback_query.register(_there, F.data.startswith("kit:"))
    return [*routers[:-1], own, other, routers[-1]]


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
    mark = user.data_of(0).rsplit(":", 1)[0]
    await user.press_data(mark + ":bogus")  # a forged mark: refused, and rolled back
    assert "устарела" in user.last_callback_answer
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


async def test_a_checklist_saves_each_tick_and_a_refused_one_stays_unmarked(world: World) -> None:
    await world.add_person(702)
    user = world.user(702)
    await user.send("/kitlimit")
    await user.click("Один")
    assert user.last_callback_answer == "saved a"
    await user.click("Два")
    await user.click("Три")
    assert "устарела" in user.last_callback_answer
    assert user.buttons() == ["✅ Один", "✅ Два", "Три", "◀ Назад"]
    await user.click("✅ Один")  # unticking is a change too
    assert user.last_callback_answer == "saved a"
    await user.click("◀ Назад")  # back_button alone: the window before, without a Cancel
    assert "Школа" in user.last_text


async def test_a_forged_page_is_an_outdated_button(world: World, errors: ErrorLog) -> None:
    await world.add_person(702)
    user = world.user(702)
    await user.send("/kitdemo")
    arrow = user.data_of("▶").rsplit(":", 1)[0]  # the Pager's ▶, its page after the ':'
    await user.click("→")
    await user.click("→")
    intent = user.data_of(ITEMS[0]).split("\x1d")[0]
    for data in (
        arrow,
        f"{intent}\x1dschool_next",  # the paged buttons' ▶
        f"{intent}\x1dschool",  # their scroll (its own pager is hidden, but takes a page)
    ):
        for page in ("²", "-1", "p1", str(2**64), "1" * 40):
            await user.press_data(f"{data}:{page}")
            assert "устарела" in user.last_callback_answer, (data, page)
    assert not errors.records
    assert user.last_text == "Школа, страница 1 из 3"  # still where it was


async def test_served_pages_a_list_the_service_cuts_and_back_is_decided_at_the_press(
    world: World,
) -> None:
    await world.add_person(703)
    user = world.user(703)
    await user.send("/kitserved")
    assert "Школа № 8" in user.last_text and "Школа № 9" not in user.last_text
    assert "(стр. 1 из 3)" in user.last_text and "◀" not in user.buttons()
    await user.click("▶")
    await user.click("▶")
    assert "Школа № 20" in user.last_text and "(стр. 3 из 3)" in user.last_text
    assert "▶" not in user.buttons()
    await user.click("Назад")
    assert user.last_text == "Школа, страница 1 из 3"


async def test_links_and_notices_reach_their_own_handlers_past_an_open_dialog(
    world: World,
) -> None:
    await world.add_person(703)
    user = world.user(703)
    notice = await world.app.bot.send_message(
        703,
        "…",
        reply_markup=InlineKeyboardMarkup(
            inline_keyboard=[[InlineKeyboardButton(text="Уведомление", callback_data="kit:also")]]
        ),
    )
    await user.send("/kitlinks")
    assert user.buttons() == ["Раздел", "Туда", "И туда"]
    assert user.data_of("Раздел") == "kit:there"  # the feature's own data, no dialog's intent
    assert user.data_of("И туда") == "kit:also"
    # A notice's button, pressed while the dialog is open: its own handler (after the dialog's
    # router) runs, and the dialog stays open under it.
    await user.press_data("kit:also", message=notice)
    assert user.last_callback_answer == "there kit:also"
    await user.click("Туда")  # a link on the dialog's own message: the same
    assert user.last_callback_answer == "there kit:there"
    await user.send("просто текст")  # text is the dialog's
    assert user.last_text == "Другие разделы"
    assert await conversation_of(world, 703) == "KitSG:elsewhere"


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


async def test_a_sub_dialog_checks_picks_takes_a_file_and_goes_back_or_cancels_all(
    world: World,
) -> None:
    await world.add_person(704)
    user = world.user(704)
    await user.send("/kitdemo")
    await user.click("↓")
    await user.click("A")
    assert user.buttons()[:2] == ["✅ A", "B"]
    forged = user.data_of("B").rsplit(":", 1)[0] + ":z"
    await user.press_data(forged)  # refused: the mark rolls back
    assert "устарела" in user.last_callback_answer and user.buttons()[:2] == ["✅ A", "B"]
    await send_photo(user)
    shown = [m.text for m in world.fake.sent_messages(704)[-2:]]
    assert shown == ["file photo", "Уровни"]  # and the step again below
    await user.click("Назад")  # the sub-dialog closes: its caller's window again
    assert "Школа № 1" in user.last_text
    assert await conversation_of(world, 704) == "KitSG:listing"
    await user.click("↓")
    await user.click("Отмена")  # ends the caller too
    assert user.last_text == world.app.translator.get("ru", "cancelled")
    assert await conversation_of(world, 704) is None


async def test_leave_button_closes_the_dialog_for_a_plain_screen(world: World) -> None:
    await world.add_person(703)
    user = world.user(703)
    await user.send("/kitday")
    back = user.data_of("◀ Назад")
    await user.click("◀ Назад")
    assert user.last_text == "Обычный экран" and user.buttons() == ["Дальше"]
    await user.press_data(back)  # the closed dialog's button
    assert "устарела" in user.last_callback_answer
