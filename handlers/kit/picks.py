"""Picking from a list: one of many (`choices`, `paged_choices` for a long list such as the
schools of a municipality) or several (`checklist`, with check marks).

Items are `(key, label)` pairs the getter returns under `items`. A pressed key is text from
outside like any callback data: the on-pick callback checks it against its catalog (the
services do) and a forged key gets "this button is out of date" (error-stale-button) from `stale()`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from operator import itemgetter
from typing import Any

from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager
from aiogram_dialog.api.entities import ChatEvent
from aiogram_dialog.api.protocols import DialogProtocol
from aiogram_dialog.widgets.kbd import (
    Group,
    ManagedMultiselect,
    Multiselect,
    ScrollingGroup,
    Select,
)
from aiogram_dialog.widgets.text import Format

from bot.services.numbers import MAX_PAGE, parse_int
from handlers.kit.errors import stale
from handlers.kit.pages import arrows

OnPick = Callable[[CallbackQuery, str, DialogManager], Awaitable[None]]
_KEY = itemgetter(0)


def _select(id: str, on_pick: OnPick, items: str) -> Select[str]:
    async def picked(callback: CallbackQuery, _: Any, manager: DialogManager, key: str) -> None:
        await on_pick(callback, key, manager)

    return Select(Format("{item[1]}"), id=id, item_id_getter=_KEY, items=items, on_click=picked)


def choices(id: str, on_pick: OnPick, *, items: str = "items", width: int = 1) -> Group:
    return Group(_select(id, on_pick, items), width=width)


class _Rows(ScrollingGroup):
    """aiogram_dialog's scrolling group, refusing a page number that is no page (its own
    page buttons are hidden, but their data is still taken: `int("²")` raised)."""

    async def _process_item_callback(
        self, callback: CallbackQuery, data: str, dialog: DialogProtocol, manager: DialogManager
    ) -> bool:
        if parse_int(data, high=MAX_PAGE) is None:
            raise stale()
        return await super()._process_item_callback(callback, data, dialog, manager)


def paged_choices(
    id: str, on_pick: OnPick, *, items: str = "items", width: int = 1, height: int = 8
) -> Group:
    """`choices` a page of `height` rows at a time, under the same ◀ ▶ as every list."""
    select = _select(f"{id}_item", on_pick, items)
    scroll = _Rows(select, id=id, width=width, height=height, hide_pager=True)
    return Group(scroll, arrows(id))


async def choices_page(manager: DialogManager, id: str, data: dict[str, Any]) -> dict[str, int]:
    """Where a `paged_choices` list stands, for its title: `page` (from 1) of `pages`.
    `data` holds its items as the getter returns them."""
    scroll = manager.find(id)
    assert scroll is not None, id
    pages = max(1, await scroll.get_page_count(data))
    return {"page": min(await scroll.get_page(), pages - 1) + 1, "pages": pages}


def checklist(
    id: str, *, items: str = "items", width: int = 1, on_toggle: OnPick | None = None
) -> Group:
    """Check marks on what is chosen; pressing toggles. Read it with `chosen(manager, id)`.
    `on_toggle` runs once the mark has changed (to save the tick at once); what it raises
    rolls the mark back with the rest of the update. `choose()` does not call it. For a long
    list the getter gives a page of `paged()` as `items`, with a `Pager` under the list."""

    async def toggled(
        event: ChatEvent, _: ManagedMultiselect[str], manager: DialogManager, key: str
    ) -> None:
        if on_toggle is not None and isinstance(event, CallbackQuery):
            await on_toggle(event, key, manager)

    select: Multiselect[str] = Multiselect(
        Format("✅ {item[1]}"),
        Format("{item[1]}"),
        id=id,
        item_id_getter=_KEY,
        items=items,
        on_state_changed=toggled,
    )
    return Group(select, width=width)


def chosen(manager: DialogManager, id: str) -> list[str]:
    widget = manager.find(id)
    assert widget is not None, id
    return list(widget.get_checked())


async def choose(manager: DialogManager, id: str, keys: list[str]) -> None:
    """Set what a checklist shows as chosen (the person's saved answers, when editing)."""
    widget = manager.find(id)
    assert widget is not None, id
    widget.widget.set_widget_data(manager, [str(key) for key in keys])  # no on_toggle
