"""The one reader of typed dates: digits exactly, words by dateparser, the year-less day on
the side the question is about."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.services.dates import MAX_LENGTH, parse_day
from bot.services.errors import InvalidInput

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
