"""Days and times as people type them: the one reader of typed dates, and how far each kind of
date may reach.

Digits first, read exactly (25.11, 25.11.2026, 25.11.26, 25/11, 2026-11-25); then words, by
dateparser, in Russian or English ("вчера", "позавчера", "в пятницу", "в прошлый вторник",
"25 ноября", "3 дня назад", "через неделю", "yesterday"), seen from the local "now" of the
bot's zone (dateparser's RELATIVE_BASE; the caller gives the day in its zone).

A day that the text leaves open — no year («08.12», «8 декабря»), a weekday («в пятницу») —
has two readings, the nearest before today and the nearest after. The step says which side it
is about (a meeting held: the past; an event, a deadline: the future) and, when it has them,
its bounds: the reading on the step's side wins if it is inside them, else the other one if
that is inside, else the reading nearest to today, so that the step's own check says truly
why it is refused («08.12» typed on 7 December for a meeting is «in the future», not «before
the pair started», which last year's 8 December would have been).
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateparser.date import DateDataParser

from bot.services.errors import InvalidInput

MAX_LENGTH = 40  # longer text is not a date: never hand it to the word parser (CPU work)
BAD_DATE = "error-bad-date"
BAD_MOMENT = "bc-bad-datetime"

# --- how far each kind of date may reach: the one place, used by the services and the
# calendars alike (the refusals name these numbers) -------------------------------------------
SURVEY_OPENS_AHEAD_DAYS = 366  # a campaign is planned for this school year, not for 2040
SURVEY_LASTS_DAYS = 92  # and stays open a school term at most
EVENT_AHEAD = timedelta(days=366)  # an event is announced within the year ahead
ANNOUNCEMENT_AHEAD = timedelta(days=366)  # a scheduled send, likewise
PLAN_STEP_AHEAD = timedelta(days=3 * 366)  # a development plan spans a mentorship (≤ 3 years)

_DIGITS = re.compile(r"^([0-9]{1,2})[./-]([0-9]{1,2})(?:[./-]([0-9]{2}|[0-9]{4}))?$")
_ISO = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
_WORDY = re.compile(r"[^\W\d_]", re.UNICODE)  # at least one letter
# «прошлую пятницу», «следующий вторник»: dateparser knows neither word in Russian, so they
# only choose the side, and the weekday is read without them.
_PAST_WORDS = re.compile(r"\b(?:прошл\w*|last)\b")
_NEXT_WORDS = re.compile(r"\b(?:следующ\w*|ближайш\w*|будущ\w*|next|this)\b")
# A day and a time: «25.12 15:00», «завтра в 16:00», «в пятницу, 9.30», «2026-12-25T15:00».
_MOMENT = re.compile(
    r"^(?P<day>.+?)(?:\s*,?\s*(?:в|at)?\s+|T)(?P<h>[0-9]{1,2})[:.](?P<min>[0-9]{2})$"
)
_WEEKDAYS = [  # a weekday named beside a number («в пятницу 5») must be that day's weekday
    re.compile(rf"\b(?:{stems})")
    for stems in (
        r"понедельн|пн\b|monday|mon\b",
        r"вторн|вт\b|tuesday|tue\b",
        r"сред[ау]|ср\b|wednesday|wed\b",
        r"четверг|чт\b|thursday|thu\b",
        r"пятниц|пт\b|friday|fri\b",
        r"суббот|сб\b|saturday|sat\b",
        r"воскресень|вс\b|sunday|sun\b",
    )
]
_DAY_PERIODS = ("day", "time")  # «декабрь» alone is a month, «2026» a year: no day
# …but «через неделю», «месяц назад» are days counted from today.
_COUNTED = re.compile(r"\b(?:через|назад|спустя|ago|in)\b")


@dataclass(frozen=True)
class Span:
    """The days a step allows, both included."""

    first: date
    last: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last


def ahead(today: date, reach: timedelta | int) -> Span:
    """From today to `reach` ahead (a timedelta or a number of days)."""
    days = reach if isinstance(reach, timedelta) else timedelta(days=reach)
    return Span(today, today + days)


def _words(direction: str, today: date) -> DateDataParser:
    # Cheap to build (the language data is loaded once, globally); the base is per call.
    return DateDataParser(
        languages=["ru", "en"],
        settings={
            "PREFER_DATES_FROM": direction,
            "RELATIVE_BASE": datetime(today.year, today.month, today.day, 12),
            "RETURN_TIME_AS_PERIOD": True,  # to tell a day from a month or a year
            "DATE_ORDER": "DMY",
        },
    )


def warm_up() -> None:
    """dateparser loads its language data on first use (~0.3 s): do it before the first
    person waits for it (called in a thread at start)."""
    _words("past", date.today()).get_date_data("вчера")


def _other_digits(value: str) -> bool:
    """«٣ч», «²» are no day («٣ч» was today to the word parser): digits are ASCII here."""
    return any(not char.isascii() and char.isnumeric() for char in value)


def _nearest(day: int, month: int, today: date, future: bool) -> date | None:
    """The nearest `day`.`month` on one side of today (today included); None when there is
    none within a year on that side (29.02)."""
    for shift in (0, 1):
        year = today.year + shift if future else today.year - shift
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if abs((candidate - today).days) > 366:
            return None
        if (candidate >= today) if future else (candidate <= today):
            return candidate
    return None


def _by_words(value: str, today: date, future: bool) -> list[date]:
    """The readings of a worded day, the preferred side's first."""
    if _PAST_WORDS.search(value):
        sides = ["past"]
    elif _NEXT_WORDS.search(value):
        sides = ["future"]
    else:
        sides = ["future", "past"] if future else ["past", "future"]
    value = " ".join(_NEXT_WORDS.sub(" ", _PAST_WORDS.sub(" ", value)).split())
    if not _WORDY.search(value):
        return []
    readings: list[date] = []
    for side in sides:
        parsed = _words(side, today).get_date_data(value)
        if parsed.date_obj is None:
            continue
        if parsed.period not in _DAY_PERIODS and not _COUNTED.search(value):
            continue
        readings.append(parsed.date_obj.date())
    named = [number for number, weekday in enumerate(_WEEKDAYS) if weekday.search(value)]
    if named:
        readings = [day for day in readings if day.weekday() in named]
    return readings


def _readings(value: str, today: date, future: bool) -> list[date]:
    try:
        if match := _ISO.match(value):
            return [date(int(match[1]), int(match[2]), int(match[3]))]
        if match := _DIGITS.match(value):
            day, month, year = int(match[1]), int(match[2]), match[3]
            if year is not None:
                return [date(int(year) + (2000 if len(year) == 2 else 0), month, day)]
            if not (1 <= month <= 12 and 1 <= day <= 31):
                return []
            sides = (future, not future)
            return [d for side in sides if (d := _nearest(day, month, today, side)) is not None]
    except ValueError:
        return []  # 31.02 and the like
    if not _WORDY.search(value) or _other_digits(value):
        return []
    return _by_words(value, today, future)


def parse_day(
    text: str | None, today: date, *, future: bool = False, within: Span | None = None
) -> date:
    """The day meant by `text`, seen from `today`; InvalidInput("error-bad-date") otherwise.

    `future` is the side an open day is read on; `within`, the step's bounds, lets the other
    reading win when only it fits (see the module's docstring). The day is not checked
    against the bounds here: the step's service says why one is refused."""
    value = " ".join((text or "").lower().split())
    if not value or len(value) > MAX_LENGTH:
        raise InvalidInput(BAD_DATE)
    readings = _readings(value, today, future)
    if not readings:
        raise InvalidInput(BAD_DATE)
    if within is None:
        return readings[0]
    inside = [day for day in readings if day in within]
    if inside:
        return inside[0]
    return min(readings, key=lambda day: abs((day - today).days))


def parse_moment(
    text: str | None, zone: ZoneInfo, now: datetime, *, within: Span | None = None
) -> datetime:
    """A day and a time ('25.12.2026 15:00', '25.12 15:00', 'завтра в 16:00', 'в пятницу
    9:30') in `zone` → aware, in `now`'s zone. The day is read on the future side (a time
    is asked for what is to come). Raises InvalidInput("bc-bad-datetime") otherwise."""
    value = " ".join((text or "").split())
    match = _MOMENT.match(value) if len(value) <= MAX_LENGTH + 6 else None
    if match is None:
        raise InvalidInput(BAD_MOMENT)
    today = now.astimezone(zone).date()
    try:
        day = parse_day(match["day"], today, future=True, within=within)
        moment_time = time(int(match["h"]), int(match["min"]))
    except (InvalidInput, ValueError) as error:  # not a day; 25:00
        raise InvalidInput(BAD_MOMENT) from error
    return datetime.combine(day, moment_time, zone).astimezone(now.tzinfo)


# dateparser is CPU work (a few milliseconds a text, tens on a busy machine): the handlers
# read typed dates through these, in a worker thread, so one person's text never stalls the
# updates of everyone else.


async def read_day(
    text: str | None, today: date, *, future: bool = False, within: Span | None = None
) -> date:
    return await asyncio.to_thread(parse_day, text, today, future=future, within=within)


async def read_moment(
    text: str | None, zone: ZoneInfo, now: datetime, *, within: Span | None = None
) -> datetime:
    return await asyncio.to_thread(parse_moment, text, zone, now, within=within)
