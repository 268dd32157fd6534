"""Small keyboard and rendering helpers shared by the feature routers."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar
from zoneinfo import ZoneInfo

from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import pack
from bot.callbacks.fields import OptionalId
from bot.i18n import Texts
from bot.services.broadcast import telegram_html
from bot.services.outbox import Button, Keyboard

log = logging.getLogger(__name__)

Rows = list[list[InlineKeyboardButton]]
T = TypeVar("T")

# A list screen's lines stay well inside Telegram's 4096 characters: its header, a hint and
# the page counter come on top. Raw HTML is longer than what Telegram counts, so it is safe.
LIST_TEXT_BUDGET = 3400
LIST_PAGE_ITEMS = 8
# Telegram shows about this much of a button's text on a phone; longer only wraps badly.
BUTTON_TEXT_LIMIT = 60


class PeopleCb(CallbackData, prefix="pl"):
    """Opens a participant's card (handlers.people) from another feature's screen (the
    mentors over capacity)."""

    action: str  # open
    pid: OptionalId = 0


def button(text: str, data: CallbackData | str) -> InlineKeyboardButton:
    packed = data.pack() if isinstance(data, CallbackData) else data
    return InlineKeyboardButton(text=text, callback_data=packed)


def markup(rows: Iterable[Sequence[InlineKeyboardButton]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[list(row) for row in rows if row])


def grid(buttons: Sequence[InlineKeyboardButton], width: int = 2) -> Rows:
    return [list(buttons[i : i + width]) for i in range(0, len(buttons), width)]


def button_text(text: str, limit: int = BUTTON_TEXT_LIMIT) -> str:
    """A label cut to a button's length (never use it as message text: see ListPage)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class ListPage(Generic[T]):
    """One page of a list screen: its items, their rendered lines, where it is."""

    items: list[T]
    lines: list[str]
    page: int  # from 0, clamped to what exists
    pages: int


def page_by_length(
    items: Sequence[T],
    render: Callable[[T], str],
    page: int,
    *,
    per_page: int = LIST_PAGE_ITEMS,
    budget: int = LIST_TEXT_BUDGET,
) -> ListPage[T]:
    """Pages end after `per_page` items or before the lines would pass `budget` characters,
    whichever comes first, so long titles never push a screen over Telegram's limit. A line
    that alone exceeds the budget is cut (valid HTML kept) rather than left without a page."""
    pages: list[list[tuple[T, str]]] = [[]]
    used = 0
    for item in items:
        line = render(item)
        if len(line) > budget:
            line = telegram_html.split(line, budget - 1)[0] + "…"
        current = pages[-1]
        if current and (len(current) >= per_page or used + 1 + len(line) > budget):
            pages.append([])
            current, used = pages[-1], 0
        current.append((item, line))
        used += len(line) + 1
    number = min(max(page, 0), len(pages) - 1)
    chosen = pages[number]
    return ListPage([item for item, _ in chosen], [line for _, line in chosen], number, len(pages))


def pager_row(page: ListPage[T], to: Callable[[int], CallbackData]) -> list[InlineKeyboardButton]:
    """◀ / ▶ under a paged list (nothing when it fits one page)."""
    row = []
    if page.page > 0:
        row.append(button("◀", to(page.page - 1)))
    if page.page < page.pages - 1:
        row.append(button("▶", to(page.page + 1)))
    return row


def from_plain(keyboard: Keyboard) -> InlineKeyboardMarkup:
    """The services' plain buttons as a Telegram keyboard."""
    return markup([_button_of(b) for b in row] for row in keyboard)


def _button_of(plain: Button) -> InlineKeyboardButton:
    data = pack(plain.press) if plain.press is not None else plain.callback_data
    return InlineKeyboardButton(text=plain.text, callback_data=data, url=plain.url)


def local_time(moment: datetime, zone: ZoneInfo) -> str:
    """A moment as the participant reads it, in their region's zone."""
    return moment.astimezone(zone).strftime("%d.%m.%Y %H:%M")


def names(texts: Texts, prefix: str, keys: Iterable[str]) -> str:
    listed = [texts(f"{prefix}-{key}") for key in keys]
    return ", ".join(listed) if listed else texts("value-none")


async def send_to_presser(
    callback: CallbackQuery, text: str, reply_markup: InlineKeyboardMarkup | None = None
) -> None:
    """A new message for the person who pressed, in their private chat: the pressed message
    may be in a group (forwarded there), and a screen can carry personal data."""
    if callback.bot is None:
        return
    try:
        await callback.bot.send_message(callback.from_user.id, text, reply_markup=reply_markup)
    except TelegramForbiddenError:  # they never opened the bot privately: nowhere safe to show
        log.info("no private chat with the presser of a button outside it")


def pressed_in_private(callback: CallbackQuery) -> bool:
    """The pressed message is in the presser's own chat with the bot (not in a group)."""
    return _in_presser_chat(callback) is not None


def _in_presser_chat(callback: CallbackQuery) -> Message | None:
    message = callback.message
    if isinstance(message, Message) and message.chat.id == callback.from_user.id:
        return message
    return None


async def edit_or_send(
    callback: CallbackQuery, text: str, reply_markup: InlineKeyboardMarkup | None
) -> None:
    """Turn the pressed message into the next screen; a new message if it cannot be edited.
    Only a message in the presser's private chat is edited; the new one goes there too."""
    message = _in_presser_chat(callback)
    if message is None:  # a group, a channel, an inaccessible message: never show it there
        await send_to_presser(callback, text, reply_markup)
        return
    try:
        await message.edit_text(text, reply_markup=reply_markup)
    except TelegramBadRequest as error:
        # "not modified" is harmless (a double tap); anything else (48 h old, deleted):
        # show the screen in a new message instead.
        if "message is not modified" not in str(error):
            await send_to_presser(callback, text, reply_markup)
