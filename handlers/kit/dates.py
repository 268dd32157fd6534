"""The one date picker: a month calendar in the person's language, inside the days the step
allows, and a typed day read by the one date reader (bot.services.dates).

The getter gives the bounds under `days` (`day_bounds(first, last, today)`): the calendar
opens on `today`'s month, shows only days between `first` and `last`, and a pressed day
outside them (forged, or from an old keyboard) is an out-of-date button. A typed day goes to
the step's callback as it is: the service says why a day is not allowed ("a meeting cannot
be in the future"), which a calendar cannot.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

from aiogram.types import CallbackQuery, ContentType, InlineKeyboardButton, Message
from aiogram_dialog import DialogManager
from aiogram_dialog.api.entities import ChatEvent
from aiogram_dialog.api.internal import RawKeyboard
from aiogram_dialog.api.protocols import DialogProtocol
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Calendar, CalendarConfig, CalendarUserConfig
from aiogram_dialog.widgets.kbd.calendar_kbd import (
    CALLBACK_PREFIX_MONTH,
    CALLBACK_PREFIX_YEAR,
    CalendarDaysView,
    CalendarMonthView,
    CalendarScope,
    CalendarScopeView,
    CalendarYearsView,
    date_from_raw,
)
from aiogram_dialog.widgets.text import Format, Text

from bot.services import dates
from handlers.kit.context import ctx_of
from handlers.kit.picks import stale

OnDay = Callable[[CallbackQuery | Message, date, DialogManager], Awaitable[None]]
_NOOP = "_"  # the week header and the blanks: pressing them does nothing


def day_bounds(first: date, last: date, today: date) -> dict[str, date]:
    """What a date step's getter returns under `days`."""
    return {"first": first, "last": last, "today": today}


class _Month(Text):
    """The month and year (or the month alone), from Fluent: strftime speaks the server's locale."""

    def __init__(self, pattern: str = "{}", *, year: bool = True) -> None:
        super().__init__()
        self.pattern, self.year = pattern, year

    async def _render_text(self, data: dict[str, Any], manager: DialogManager) -> str:
        ctx = ctx_of(manager)
        day: date = data["date"]
        name = ctx.texts("calendar-month", month=day.month)
        return self.pattern.format(f"{name} {day.year}" if self.year else name)


class _Day(Text):
    """The day's number; today's between dots (today of the step's clock and zone)."""

    def __init__(self, bounds: str) -> None:
        super().__init__()
        self.bounds = bounds

    async def _render_text(self, data: dict[str, Any], manager: DialogManager) -> str:
        day: date = data["date"]
        return f"•{day.day}•" if day == data["data"][self.bounds]["today"] else str(day.day)


class _Weekday(Text):
    async def _render_text(self, data: dict[str, Any], manager: DialogManager) -> str:
        ctx = ctx_of(manager)
        return ctx.texts("calendar-weekdays").split()[data["date"].weekday()]


class DayPicker(Calendar):
    def __init__(self, id: str, on_day: OnDay, *, bounds: str = "days") -> None:
        async def picked(event: ChatEvent, _: Any, manager: DialogManager, day: date, /) -> None:
            assert isinstance(event, CallbackQuery)  # a calendar is pressed
            await on_day(event, day, manager)

        self.bounds = bounds  # before the views are made
        super().__init__(id=id, on_click=picked, config=CalendarConfig(firstweekday=0))

    def _init_views(self) -> dict[CalendarScope, CalendarScopeView]:
        item = self._item_callback_data
        return {
            CalendarScope.DAYS: CalendarDaysView(
                item,
                date_text=_Day(self.bounds),
                today_text=_Day(self.bounds),
                weekday_text=_Weekday(),
                header_text=_Month("🗓 {}"),
                prev_month_text=_Month("◀ {}", year=False),
                next_month_text=_Month("{} ▶", year=False),
                zoom_out_text=Format("🔍"),
            ),
            CalendarScope.MONTHS: CalendarMonthView(
                item,
                month_text=_Month(year=False),
                this_month_text=_Month("•{}•", year=False),
                header_text=Format("🗓 {date:%Y}"),
                prev_year_text=Format("◀ {date:%Y}"),
                next_year_text=Format("{date:%Y} ▶"),
            ),
            CalendarScope.YEARS: CalendarYearsView(
                item,
                prev_page_text=Format("◀ {date:%Y}"),
                next_page_text=Format("{date:%Y} ▶"),
            ),
        }

    async def _get_user_config(
        self, data: dict[str, Any], manager: DialogManager
    ) -> CalendarUserConfig:
        days = data[self.bounds]
        return CalendarUserConfig(min_date=days["first"], max_date=days["last"])

    async def _render_keyboard(self, data: dict[str, Any], manager: DialogManager) -> RawKeyboard:
        days = data[self.bounds]
        kept = self.get_widget_data(manager, {})
        kept.update({key: day.isoformat() for key, day in days.items()})
        if self.get_offset(manager) is None:  # the step's today, not the server's
            self.set_offset(days["today"], manager)
        keyboard = await super()._render_keyboard(data, manager)
        for row in keyboard:
            for button in row:
                if isinstance(button, InlineKeyboardButton) and not button.callback_data:
                    button.callback_data = self._item_callback_data(_NOOP)
        return keyboard

    async def _process_item_callback(
        self, callback: CallbackQuery, data: str, dialog: DialogProtocol, manager: DialogManager
    ) -> bool:
        if data == _NOOP:
            await callback.answer()
            return True
        if data.startswith((CALLBACK_PREFIX_MONTH, CALLBACK_PREFIX_YEAR)):
            number = data.removeprefix(CALLBACK_PREFIX_MONTH).removeprefix(CALLBACK_PREFIX_YEAR)
            if not number.isdigit() or not 1 <= int(number) <= 9999:
                raise stale()
            if data.startswith(CALLBACK_PREFIX_MONTH) and int(number) > 12:
                raise stale()
        elif data not in self._handlers:
            self._check_day(data, manager)
        return await super()._process_item_callback(callback, data, dialog, manager)

    def _check_day(self, data: str, manager: DialogManager) -> None:
        kept = self.get_widget_data(manager, {})
        if not data.isdigit() or "first" not in kept:
            raise stale()
        try:
            day = date_from_raw(int(data))
        except (OverflowError, ValueError):
            raise stale() from None
        if not date.fromisoformat(kept["first"]) <= day <= date.fromisoformat(kept["last"]):
            raise stale()


def day_picker(
    id: str, on_day: OnDay, *, bounds: str = "days", future: bool = False
) -> tuple[DayPicker, MessageInput]:
    """The calendar and the typed day, both to `on_day`; put both in the step's window:
    `Window(..., *day_picker("held_on", on.held_on), ...)`."""
    picker = DayPicker(id, on_day, bounds=bounds)

    async def typed(message: Message, _: Any, manager: DialogManager) -> None:
        kept = picker.get_widget_data(manager, {})
        today = date.fromisoformat(kept["today"]) if "today" in kept else None
        if today is None:
            ctx = ctx_of(manager)
            today = ctx.clock.now().astimezone(ctx.zone).date()
        # The calendar's bounds choose between an open day's readings («08.12»: this year's
        # or last year's); the step's service still says why a day is refused.
        within = (
            dates.Span(date.fromisoformat(kept["first"]), date.fromisoformat(kept["last"]))
            if "first" in kept
            else None
        )
        day = await dates.read_day(message.text, today, future=future, within=within)
        await on_day(message, day, manager)

    return picker, MessageInput(typed, content_types=ContentType.TEXT)
