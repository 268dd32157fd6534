"""The one pager: a list screen's text split into pages by count and by length.

Telegram allows 4096 characters a message, so a page ends after a number of items or before
its lines would pass a budget (handlers.ui.page_by_length). The getter asks `paged()` for
the page the ◀ ▶ buttons chose; the window shows `Pager(id)` under its list. A list the
service pages itself (in SQL) asks `served()` instead.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Protocol, TypeVar

from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import NextPage, PrevPage, Row, StubScroll
from aiogram_dialog.widgets.text import Const

from handlers.ui import LIST_PAGE_ITEMS, LIST_TEXT_BUDGET, ListPage, page_by_length

T = TypeVar("T")


class ServedPage(Protocol):
    """A page a service cut itself (in SQL): from 0, clamped to what exists."""

    @property
    def page(self) -> int: ...

    @property
    def pages(self) -> int: ...


P = TypeVar("P", bound=ServedPage)


def _pages_key(id: str) -> str:
    return f"{id}_pages"


def _has_prev(data: dict[str, Any], _: Any, __: DialogManager) -> bool:
    return bool(data["current_page"] > 0)  # a pager button's data: its page and the count


def _has_next(data: dict[str, Any], _: Any, __: DialogManager) -> bool:
    return bool(data["current_page"] < data["pages"] - 1)


def arrows(scroll: str) -> Row:
    """◀ ▶ for the scroll `scroll` (a Pager's or a paged list of buttons); they hide at the
    ends and on a single page."""
    return Row(
        PrevPage(scroll=scroll, id=f"{scroll}_prev", text=Const("◀"), when=_has_prev),
        NextPage(scroll=scroll, id=f"{scroll}_next", text=Const("▶"), when=_has_next),
    )


class Pager(Row):
    """The scroll state of a list screen's text and its ◀ ▶ row."""

    def __init__(self, id: str) -> None:
        self.scroll = StubScroll(id=id, pages=_pages_key(id))
        super().__init__(self.scroll, arrows(id))


async def paged(
    manager: DialogManager,
    id: str,
    items: Sequence[T],
    render: Callable[[T], str],
    *,
    per_page: int = LIST_PAGE_ITEMS,
    budget: int = LIST_TEXT_BUDGET,
) -> tuple[ListPage[T], dict[str, Any]]:
    """The page to show and what the Pager needs from the getter (merge it into its data)."""
    scroll = manager.find(id)
    assert scroll is not None, id
    wanted = await scroll.get_page()
    page = page_by_length(items, render, wanted, per_page=per_page, budget=budget)
    if page.page != wanted:  # the list shrank under the person: stay on a page that exists
        await scroll.set_page(page.page)
    return page, {
        _pages_key(id): page.pages,
        "page": page.page + 1,
        "pages": page.pages,
    }


async def served(
    manager: DialogManager, id: str, fetch: Callable[[int], Awaitable[P]]
) -> tuple[P, dict[str, Any]]:
    """A list the service pages itself (a region's pairs, cut in SQL): the page the Pager's
    ◀ ▶ chose, fetched, and what the Pager needs from the getter."""
    scroll = manager.find(id)
    assert scroll is not None, id
    wanted = await scroll.get_page()
    page = await fetch(wanted)
    if page.page != wanted:  # the list shrank under the person: stay on a page that exists
        await scroll.set_page(page.page)
    return page, {_pages_key(id): page.pages, "page": page.page + 1, "pages": page.pages}
