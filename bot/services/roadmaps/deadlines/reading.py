"""The facts of one deadline sorted by role, the period they are read against, and the
exception that leaves a phrase for a human."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from bot.services.roadmaps.deadlines.facts import (
    Anchor,
    Continuous,
    Event,
    Fact,
    Flag,
    Freq,
    MonthDay,
    Paren,
    Problem,
    SchoolYear,
    Terms,
    Then,
)
from bot.services.roadmaps.deadlines.spec import SCHOOL_TERMS, SCHOOL_YEAR_START


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    # False when the caller has no period: only dated one-off deadlines can then be read.
    known: bool = True

    @property
    def school(self) -> bool:
        """A school's plan "на 2026-2027 учебный год": it starts on 1 September, so a
        half-year without a year is the school's (September to December, January to May)
        and repetitions rest over the summer holidays."""
        return self.known and (self.start.month, self.start.day) == SCHOOL_YEAR_START


@dataclass
class Reading:
    """The facts of one deadline, sorted by role."""

    head: list[Anchor] = field(default_factory=list)  # dated before any repetition
    tail: list[Anchor] = field(default_factory=list)  # after "далее" / the frequency
    since: Anchor | None = None
    steps: list[int] = field(default_factory=list)
    continuous: bool = False
    school_year: Literal["during", "end", "start"] | None = None
    flags: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    bracket_months: list[Anchor] = field(default_factory=list)
    month_days: list[MonthDay] = field(default_factory=list)
    terms: bool = False  # "раз в четверть", "по итогам четверти": every school term's end


def read_facts(facts: Iterable[Fact]) -> Reading:
    reading = Reading()
    repeating = False  # after "далее" or a frequency, anchors shape the repetitions
    for fact in facts:
        match fact:
            case Anchor(role="from"):
                reading.since = fact
            case Anchor():
                (reading.tail if repeating else reading.head).append(fact)
            case Freq(step_months=step):
                reading.steps.append(step)
                repeating = True
            case Then():
                repeating = True
            case Terms():
                reading.terms = True
                reading.head.extend(term_anchors())
            case Continuous():
                reading.continuous = True
                repeating = True
            case MonthDay():
                reading.month_days.append(fact)
            case SchoolYear(point=point):
                reading.school_year = point
            case Flag(name=name):
                reading.flags.append(name)
            case Event(text=text):
                reading.events.append(text)
            case Paren(text=text, flags=flags, months=months):
                reading.notes.append(text)
                reading.flags.extend(flags)
                reading.bracket_months.extend(months)
            case Problem():
                reading.problems.append(fact)
    return reading


class Unresolvable(Exception):
    def __init__(self, reason: str, **params: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.params = params


def term_anchors() -> list[Anchor]:
    """The ends of the four school terms, without a year: due every school year."""
    return [
        Anchor(last[0], last[1], None, first=(None, *first))
        for first, last in SCHOOL_TERMS.values()
    ]
