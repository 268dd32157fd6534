"""Picking from a list: one of many (`choices`, `paged_choices` for a long list such as the
schools of a municipality) or several (`checklist`, with check marks).

Items are `(key, label)` pairs the getter returns under `items`. A pressed key is text from
outside like any callback data: the on-pick callback checks it against its catalog (the
services do) and a forged key gets «кнопка устарела» from `stale()`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from operator import itemgetter
from typing import Any

from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Group, Multiselect, ScrollingGroup, Select
from aiogram_dialog.widgets.text import Format

from bot.services.errors import DomainError
from handlers.kit.pages import arrows

OnPick = Callable[[CallbackQuery, str, DialogManager], Awaitable[None]]
_KEY = itemgetter(0)


def stale() -> DomainError:
    """What a forged or outdated pick raises: the presser is told the button is old."""
    return DomainError("error-stale-button")


def _select(id: str, on_pick: OnPick, items: str) -> Select[str]:
    async def picked(callback: CallbackQuery, _: Any, manager: DialogManager, key: str) -> None:
        await on_pick(callback, key, manager)

    return Select(Format("{item[1]}"), id=id, item_id_getter=_KEY, items=items, on_click=picked)


def choices(id: str, on_pick: OnPick, *, items: str = "items", width: int = 1) -> Group:
    return Group(_select(id, on_pick, items), width=width)


def paged_choices(
    id: str, on_pick: OnPick, *, items: str = "items", width: int = 1, height: int = 8
) -> Group:
    """`choices` a page of `height` rows at a time, under the same ◀ ▶ as every list."""
    select = _select(f"{id}_item", on_pick, items)
    scroll = ScrollingGroup(select, id=id, width=width, height=height, hide_pager=True)
    return Group(scroll, arrows(id))


def checklist(
    id: str, *, on_pick: OnPick | None = None, items: str = "items", width: int = 1
) -> Group:
    """Check marks on what is chosen; pressing toggles. Read it with `chosen(manager, id)`.
    `on_pick` checks a pressed key before it toggles (raise `stale()` for a forged one); for a
    long list give the getter's `items` a page of `paged()` and put a `Pager` under it."""

    async def check(callback: CallbackQuery, _: Any, manager: DialogManager, key: str) -> None:
        if on_pick is not None:
            await on_pick(callback, key, manager)

    select: Multiselect[str] = Multiselect(
        Format("✅ {item[1]}"),
        Format("{item[1]}"),
        id=id,
        item_id_getter=_KEY,
        items=items,
        on_click=check,
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
    await widget.reset_checked()
    for key in keys:
        await widget.set_checked(key, True)
