"""What a deadline phrase means (`DeadlineSpec`), and the calendar conventions every stage
shares: the school year, the check-in step, the names of repetitions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

Kind = Literal["dates", "continuous", "event_triggered", "unparsed"]

# "По окончании учебного года": after the last lessons and exams of June; the school year
# itself runs 1 September - 31 August, but nothing is done for it in July and August.
SCHOOL_YEAR_END = (6, 30)
SCHOOL_YEAR_START = (9, 1)
SCHOOL_YEAR_FLAGS = {
    "during": "school_year",
    "end": "end_of_school_year",
    "start": "start_of_school_year",
}
# The school's own parts of the year, ((first month, day), (last month, day)): lessons run
# from 1 September to the end of May (reports of the whole year are due 30 June, above).
SCHOOL_HALVES = {1: ((9, 1), (12, 31)), 2: ((1, 1), (5, 31))}
SCHOOL_TERMS = {
    1: ((9, 1), (10, 31)),
    2: ((11, 1), (12, 31)),
    3: ((1, 1), (3, 31)),
    4: ((4, 1), (5, 31)),
}
# No repetition falls in the summer holidays of a school year's plan.
SUMMER_MONTHS = (7, 8)
DEFAULT_CHECK_IN_MONTHS = 3
# A day number meaning "the last day of the month", clamped to the month's length.
MONTH_END = 31

RECURRENCE_NAMES = {
    1: "monthly",
    3: "quarterly",
    6: "twice_a_year",
    12: "yearly",
    24: "every_two_years",
}
# "Раз в четверть": at the end of every school term (SCHOOL_TERMS), not a step in months.
TERMLY = "termly"


@dataclass(frozen=True)
class DeadlineSpec:
    """What a deadline phrase means, for one responsible party.

    `due_dates` are concrete, sorted and inside the roadmap's period. For kind "continuous"
    they hold only a first one-off date, if the phrase names one ("Май 2020, далее
    постоянно"); the periodic reminders are `check_in_dates`. `parts` is set when one cell
    held several deadlines (for several responsible parties); the top-level spec then merges
    them.
    """

    kind: Kind
    original: str
    due_dates: tuple[date, ...] = ()
    window_start: date | None = None
    recurrence: str | None = None
    check_in_months: int | None = None
    check_in_dates: tuple[date, ...] = ()
    flags: tuple[str, ...] = ()
    event: str | None = None
    note: str | None = None
    reason: str | None = None
    params: tuple[tuple[str, str], ...] = ()
    parts: tuple[DeadlineSpec, ...] = ()

    @property
    def params_dict(self) -> dict[str, str]:
        return dict(self.params)
