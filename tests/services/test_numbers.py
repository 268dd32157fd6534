"""The one reader of numbers from outside: ASCII digits only, bounded, never an exception."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import handlers
from bot.services.errors import InvalidInput
from bot.services.numbers import MAX_ID, parse_id, parse_int, require_int


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7", 7),
        (" 42 ", 42),
        ("007", 7),
        ("0" * 50 + "7", 7),
        ("0", 0),
        ("²", None),  # "²".isdigit() is True; int("²") raises
        ("٣", None),  # int("٣") is 3: a digit nobody typed on a Russian keyboard
        ("１", None),  # full-width
        ("-1", None),
        ("+1", None),
        ("1_000", None),  # int() takes it
        ("1.0", None),
        ("", None),
        ("   ", None),
        (None, None),
        ("1" * 5000, None),  # int() raises past 4300 digits
    ],
)
def test_only_ascii_digits_are_a_number(text: str | None, expected: int | None) -> None:
    assert parse_int(text) == expected


def test_bounds() -> None:
    assert parse_int("5", low=1, high=5) == 5
    assert parse_int("6", low=1, high=5) is None
    assert parse_int("0", low=1) is None
    assert parse_id(str(MAX_ID)) == MAX_ID
    assert parse_id(str(MAX_ID + 1)) is None  # SQLite cannot bind it
    assert parse_id("0") is None


def test_require_int_asks_again_with_the_range() -> None:
    assert require_int("12", low=1, high=99, error="x") == 12
    with pytest.raises(InvalidInput) as raised:
        require_int("²", low=1, high=99, error="event-capacity-bad")
    assert raised.value.key == "event-capacity-bad"
    assert raised.value.params == {"min": 1, "max": 99}


@given(st.text(max_size=30), st.integers(0, 10**6), st.integers(0, 10**6))
def test_any_text_is_a_number_in_range_or_none(text: str, low: int, high: int) -> None:
    value = parse_int(text, low=low, high=high)
    stripped = text.strip()
    if value is None:
        assert not (stripped.isascii() and stripped.isdigit() and low <= int(stripped) <= high)
    else:
        assert stripped.isascii() and stripped.isdigit() and low <= value <= high
        assert value == int(stripped)


def test_handlers_never_read_a_number_with_isdigit() -> None:
    for path in Path(handlers.__file__).parent.glob("*.py"):
        assert ".isdigit()" not in path.read_text(encoding="utf-8"), path.name
