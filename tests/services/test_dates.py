"""The one reader of typed dates: digits exactly, words by dateparser, the year-less day on
the side the question is about."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.services import dates
from bot.services.dates import MAX_LENGTH, Span, parse_day, parse_moment
from bot.services.errors import InvalidInput
from bot.services.mentorship import meetings

TODAY = date(2026, 1, 5)


@pytest.mark.parametrize(
    ("text", "future", "expected"),
    [
        ("3.01", False, date(2026, 1, 3)),
        ("28.12", False, date(2025, 12, 28)),  # the most recent one: a meeting held
        ("28.12", True, date(2026, 12, 28)),  # the next one: a deadline
        ("5.01", True, date(2026, 1, 5)),  # today is not past
        ("03.01.26", False, date(2026, 1, 3)),
        ("5/1/2027", True, date(2027, 1, 5)),
        ("2026-01-03", False, date(2026, 1, 3)),
        ("вчера", False, date(2026, 1, 4)),
        ("Позавчера", False, date(2026, 1, 3)),
        ("сегодня", True, date(2026, 1, 5)),
        ("завтра", True, date(2026, 1, 6)),
        ("25 декабря", False, date(2025, 12, 25)),
        ("25 декабря", True, date(2026, 12, 25)),
        ("3 дня назад", False, date(2026, 1, 2)),
        ("через неделю", True, date(2026, 1, 12)),
        ("15 мая 2027", True, date(2027, 5, 15)),
        ("yesterday", False, date(2026, 1, 4)),
        # TODAY is a Monday: a weekday is the last one for a meeting, the next for an event.
        ("в пятницу", False, date(2026, 1, 2)),
        ("в пятницу", True, date(2026, 1, 9)),
        ("пт", False, date(2026, 1, 2)),
        ("в среду", True, date(2026, 1, 7)),
        ("в прошлую пятницу", True, date(2026, 1, 2)),  # the word chooses the side
        ("в следующий вторник", False, date(2026, 1, 6)),
        ("в понедельник", False, date(2025, 12, 29)),  # today's weekday: a week ago
        ("через месяц", True, date(2026, 2, 5)),
        ("8 декабря", False, date(2025, 12, 8)),
        ("8 декабря", True, date(2026, 12, 8)),
        ("8 дек.", False, date(2025, 12, 8)),
        ("8 декабря 2026 г.", False, date(2026, 12, 8)),
        ("  ВЧЕРА  ", False, date(2026, 1, 4)),
        ("завтра в 16:00", True, date(2026, 1, 6)),  # a day step takes the day of a moment
    ],
)
def test_days_as_people_type_them(text: str, future: bool, expected: date) -> None:
    assert parse_day(text, TODAY, future=future) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "12",
        "31.02.2026",
        "32.01",
        "1.13.2026",
        "абракадабра",
        "29.02",
        "в пятницу 5",
        "٣ч",
        "²ч",
        "декабрь",  # a month, not a day
        "2026",
        "в",
        "в среду 5",  # the 5th is no Wednesday
        "месяц",
    ],
)
def test_what_is_not_a_day_is_refused_with_one_message(text: str) -> None:
    with pytest.raises(InvalidInput) as error:
        parse_day(text, date(2027, 1, 5))
    assert error.value.key == "error-bad-date"


def test_a_long_text_never_reaches_the_word_parser() -> None:
    with pytest.raises(InvalidInput):
        parse_day("вчера " + "а" * MAX_LENGTH, TODAY)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_a_written_out_day_reads_back_as_itself(day: date) -> None:
    assert parse_day(f"{day:%d.%m.%Y}", TODAY) == day
    assert parse_day(day.isoformat(), TODAY) == day


@given(st.integers(min_value=0, max_value=400))
def test_a_year_less_day_is_the_nearest_on_its_side(back: int) -> None:
    day = TODAY - timedelta(days=back)
    if (day.month, day.day) == (2, 29):
        return  # not every year has it
    past = parse_day(f"{day:%d.%m}", TODAY)
    future = parse_day(f"{day:%d.%m}", TODAY, future=True)
    assert past <= TODAY <= future or past == future == TODAY
    assert TODAY - past < timedelta(days=366) and future - TODAY < timedelta(days=366)
    assert (past.month, past.day) == (future.month, future.day) == (day.month, day.day)


# 7 December 2026, a Monday; the pair started on 20 November.
MONDAY = date(2026, 12, 7)
PAIR = Span(date(2026, 11, 20), MONDAY)


@pytest.mark.parametrize(
    ("text", "future", "within", "expected"),
    [
        # Inside the step's bounds the reading on its side wins…
        ("25.11", False, PAIR, date(2026, 11, 25)),
        # …else the other reading, when only it fits (an event on «06.12» is next year's)…
        ("06.12", True, dates.ahead(MONDAY, 400), date(2027, 12, 6)),
        # …else the one nearest to today: «08.12» for a meeting is tomorrow, not last year.
        ("08.12", False, PAIR, date(2026, 12, 8)),
        ("8 декабря", False, PAIR, date(2026, 12, 8)),
        ("в пятницу", False, Span(MONDAY, MONDAY), date(2026, 12, 4)),
        ("10.11", False, PAIR, date(2026, 11, 10)),  # before the start: last year is farther
    ],
)
def test_an_open_day_is_read_inside_the_steps_bounds(
    text: str, future: bool, within: Span, expected: date
) -> None:
    assert parse_day(text, MONDAY, future=future, within=within) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("08.12", "meeting-date-future"),  # not «before the pair started» (8.12.2025 would be)
        ("10.11", "meeting-date-before-start"),
        ("в прошлую пятницу", None),
        ("позавчера", None),
    ],
)
def test_a_refused_meeting_day_says_truly_why(text: str, key: str | None) -> None:
    day = parse_day(text, MONDAY, within=PAIR)
    if key is None:
        meetings.check_held_on(day, MONDAY, 90, PAIR.first)
        return
    with pytest.raises(InvalidInput) as error:
        meetings.check_held_on(day, MONDAY, 90, PAIR.first)
    assert error.value.key == key


TOMSK = ZoneInfo("Asia/Tomsk")  # UTC+7
NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)  # 17:00 in Tomsk


@pytest.mark.parametrize(
    ("text", "local"),
    [
        ("завтра в 16:00", datetime(2026, 12, 8, 16, 0)),
        ("завтра 9:30", datetime(2026, 12, 8, 9, 30)),
        ("08.12.2026 15:30", datetime(2026, 12, 8, 15, 30)),
        ("8 декабря в 10:00", datetime(2026, 12, 8, 10, 0)),
        ("в пятницу, 9.30", datetime(2026, 12, 11, 9, 30)),
        ("2026-12-25T15:00", datetime(2026, 12, 25, 15, 0)),
        ("06.12 10:00", datetime(2027, 12, 6, 10, 0)),  # a time is asked for what is to come
    ],
)
def test_moments_are_read_in_the_bots_zone(text: str, local: datetime) -> None:
    assert parse_moment(text, TOMSK, NOW) == local.replace(tzinfo=TOMSK).astimezone(UTC)


@pytest.mark.parametrize("text", ["завтра", "25:00 завтра", "завтра в 25:00", "16:00", ""])
def test_what_is_no_moment_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput) as error:
        parse_moment(text, TOMSK, NOW)
    assert error.value.key == "bc-bad-datetime"


_WORDS = st.sampled_from(
    [
        "вчера",
        "завтра",
        "в",
        "пятницу",
        "прошлую",
        "декабря",
        "8",
        "08.12",
        "2026",
        "16:00",
        "через",
        "неделю",
        "дня",
        "назад",
        "next",
        "friday",
        ",",
        "٣",
        "²",
        "-",
        ".",
    ]
)
_TEXT = st.one_of(
    st.text(max_size=60),
    st.lists(_WORDS, max_size=6).map(" ".join),
)


@given(_TEXT, st.booleans())
def test_any_text_is_a_day_within_the_steps_bounds_or_refused(text: str, future: bool) -> None:
    """Whatever is typed: no exception but InvalidInput, and what the meeting log takes lies
    within its bounds (the pair's start … today)."""
    try:
        day = parse_day(text, MONDAY, future=future, within=PAIR)
        meetings.check_held_on(day, MONDAY, 90, PAIR.first)
    except InvalidInput:
        return
    assert day in PAIR


@given(_TEXT)
def test_any_text_is_a_moment_or_refused(text: str) -> None:
    try:
        moment = parse_moment(text, TOMSK, NOW, within=dates.ahead(MONDAY, 366))
    except InvalidInput as error:
        assert error.key == "bc-bad-datetime"
        return
    assert moment.tzinfo is not None
