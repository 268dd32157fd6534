"""A day as people type it: the one reader of typed dates.

Digits first, read exactly (25.11, 25.11.2026, 25.11.26, 25/11, 2026-11-25); then words, by
dateparser, in Russian or English ("вчера", "позавчера", "25 ноября", "3 дня назад",
"через неделю", "yesterday"). A day without a year is the nearest such day on the side the
question is about: the most recent for a meeting held, the next for a deadline.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from dateparser.date import DateDataParser

from bot.services.errors import InvalidInput

MAX_LENGTH = 40  # longer text is not a date: never hand it to the word parser
BAD_DATE = "error-bad-date"

_DIGITS = re.compile(r"^([0-9]{1,2})[./-]([0-9]{1,2})(?:[./-]([0-9]{2}|[0-9]{4}))?$")
_ISO = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
_WORDY = re.compile(r"[^\W\d_]", re.UNICODE)  # at least one letter


def _words(direction: str, today: date) -> DateDataParser:
    # Cheap to build (the language data is loaded once, globally); the base is per call.
    return DateDataParser(
        languages=["ru", "en"],
        settings={
            "PREFER_DATES_FROM": direction,
            "RELATIVE_BASE": datetime(today.year, today.month, today.day, 12),
            "REQUIRE_PARTS": ["day", "month"],
        },
    )


def warm_up() -> None:
    """dateparser loads its language data on first use (~0.1 s): do it before the first
    person waits for it (called in a thread at start)."""
    _words("past", date.today()).get_date_data("вчера")


def _other_digits(value: str) -> bool:
    """«٣ч», «²» are no day («٣ч» was today to the word parser): digits are ASCII here."""
    return any(not char.isascii() and char.isnumeric() for char in value)


def _nearest(day: int, month: int, today: date, future: bool) -> date:
    this_year = date(today.year, month, day)
    if future:
        return this_year if this_year >= today else date(today.year + 1, month, day)
    return this_year if this_year <= today else date(today.year - 1, month, day)


def parse_day(text: str | None, today: date, *, future: bool = False) -> date:
    """The day meant by `text`, seen from `today`; InvalidInput("error-bad-date") otherwise."""
    value = (text or "").strip().lower()
    try:
        if match := _ISO.match(value):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _DIGITS.match(value):
            day, month, year = int(match[1]), int(match[2]), match[3]
            if year is None:
                return _nearest(day, month, today, future)
            return date(int(year) + (2000 if len(year) == 2 else 0), month, day)
    except ValueError:
        raise InvalidInput(BAD_DATE) from None  # 31.02 and the like
    if len(value) > MAX_LENGTH or not _WORDY.search(value) or _other_digits(value):
        raise InvalidInput(BAD_DATE)
    parsed = _words("future" if future else "past", today).get_date_data(value)
    if parsed.date_obj is None:
        raise InvalidInput(BAD_DATE)
    return parsed.date_obj.date()
