"""The facts the grammar reads out of a phrase: anchors, frequencies, continuous work, days
of the month, school years, flags, events, remarks in brackets and problems."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Anchor:
    """A point or span of time: due on (year, month, day), optionally from `first`.
    `named_day` is set when the phrase names the day ("31 мая", "31.05.2022"), not only its
    month ("май", whose day is MONTH_END): as the start of a span it starts on that day."""

    month: int
    day: int
    year: int | None
    first: tuple[int | None, int, int] | None = None
    role: Literal["at", "by", "from"] = "at"
    named_day: bool = False
    # A half-year without a year ("I полугодие"), as (first, last) half: in a school year's
    # plan it is the school's half-year, not the calendar's.
    halves: tuple[int, int] | None = None


@dataclass(frozen=True)
class Freq:
    step_months: int


@dataclass(frozen=True)
class Continuous:
    pass


@dataclass(frozen=True)
class MonthDay:
    """ "до 5 числа каждого месяца", "до 10 числа месяца, следующего за кварталом": a day of
    the month; `per` is 1 when the phrase says which month ("месяца", "каждого месяца"),
    `following` the length in months of the period it follows (1, 3, 6 or 12)."""

    day: int
    text: str
    per: int | None = None
    following: int | None = None


@dataclass(frozen=True)
class SchoolYear:
    """A school year without its years: every one in the period ("в течение учебного года")."""

    point: Literal["during", "end", "start"]


@dataclass(frozen=True)
class Terms:
    """ "Раз в четверть", "по итогам четверти": at the end of every school term."""


@dataclass(frozen=True)
class Then:
    pass


@dataclass(frozen=True)
class Flag:
    name: str


@dataclass(frozen=True)
class Event:
    text: str


@dataclass(frozen=True)
class Paren:
    text: str
    flags: tuple[str, ...]
    # "Ежегодно (сентябрь)": a bracket holding only months says when a repetition falls.
    months: tuple[Anchor, ...] = ()


@dataclass(frozen=True)
class Problem:
    """Something the phrase says that cannot be used: an unknown word, an invalid date."""

    reason: str
    value: str


Fact = (
    Anchor
    | Freq
    | Continuous
    | MonthDay
    | SchoolYear
    | Terms
    | Then
    | Flag
    | Event
    | Paren
    | Problem
)


@dataclass(frozen=True)
class Located:
    fact: Fact
    first_lex: int
    last_lex: int
