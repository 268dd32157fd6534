"""Repetitions: yearly, quarterly and monthly series, days of the month, school years and
continuous check-ins, all cut at the period's ends."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Literal

from bot.services.roadmaps.deadlines.facts import Anchor
from bot.services.roadmaps.deadlines.months import add_months, on_day
from bot.services.roadmaps.deadlines.reading import Period, Reading, Unresolvable
from bot.services.roadmaps.deadlines.spec import (
    DEFAULT_CHECK_IN_MONTHS,
    MONTH_END,
    RECURRENCE_NAMES,
    SCHOOL_YEAR_END,
    SCHOOL_YEAR_FLAGS,
    SCHOOL_YEAR_START,
    SUMMER_MONTHS,
    DeadlineSpec,
)


def month_day_series(base: DeadlineSpec, reading: Reading, period: Period) -> DeadlineSpec:
    """ "До 5 числа каждого месяца": that day of every month of the period; "до 10 числа
    месяца, следующего за (отчётным) кварталом": that day of the month after each calendar
    quarter that has begun by the series' start or later, within the period. Anything
    beside it that could move the dates (another date, a school year, an event, a frequency
    that does not say which month) leaves the phrase for a human: the dates would be a
    guess."""
    marker = reading.month_days[0]
    mixed = (
        len(reading.month_days) > 1
        or reading.head
        or reading.tail
        or reading.continuous
        or reading.school_year
        or reading.events
    )
    following = marker.following
    named = following or marker.per
    steps = set(reading.steps)
    if mixed or (named is None and steps != {1}) or not steps <= {named or 1}:
        raise Unresolvable("ambiguous_day_of_month", value=marker.text)
    if not period.known:
        raise Unresolvable("no_period")
    step = named or 1
    start = _series_start(reading, period)
    dates = []
    year, month = start.year, start.month
    while date(year, month, 1) <= period.end:
        if following is None:
            due = on_day(year, month, marker.day)
        elif month % following == 0:  # a calendar period ends with this month
            due = on_day(*add_months(year, month, 1), marker.day)
        else:
            due = None
        # A report on the period just ended is due even in the holidays; plain monthly
        # work is not.
        resting = following is None and due is not None and _holiday(due, period)
        if due is not None and start <= due <= period.end and not resting:
            dates.append(due)
        year, month = add_months(year, month, 1)
    return _dates_spec(
        base, dates, recurrence=recurrence_name(step), flags=base.flags, period=period
    )


def yearless_series(base: DeadlineSpec, reading: Reading, period: Period) -> DeadlineSpec:
    """Every named month (or day of a month) inside the period, each year."""
    if not period.known:
        raise Unresolvable("missing_year")
    start = _series_start(reading, period)
    due: dict[date, date | None] = {}
    for anchor in reading.head:
        for year in range(start.year, period.end.year + 1):
            day = on_day(year, anchor.month, anchor.day)
            if start <= day <= period.end and day not in due:
                due[day] = _window_of(anchor, year, period)
    dates = sorted(due)
    spec = replace(base, window_start=due[dates[0]] if dates else None)
    return _dates_spec(spec, dates, recurrence="yearly", flags=spec.flags, period=period)


def _window_of(anchor: Anchor, year: int, period: Period) -> date | None:
    """A yearless range's start ("май - июнь"; "декабрь - январь" starts the year before)."""
    if anchor.first is None:
        return None
    _, first_month, first_day = anchor.first
    first_year = year if first_month <= anchor.month else year - 1
    return max(date(first_year, first_month, first_day), period.start)


def school_year_series(
    spec: DeadlineSpec,
    reading: Reading,
    point: Literal["during", "end", "start"],
    period: Period,
) -> DeadlineSpec:
    """Every school year of the period, due at its `point` (the rule is in the module's doc)."""
    start = _series_start(reading, period)
    month, day = SCHOOL_YEAR_START if point == "start" else SCHOOL_YEAR_END
    dates = [
        d
        for year in range(start.year, period.end.year + 1)
        if start <= (d := date(year, month, day)) <= period.end
    ]
    if point == "during" and dates and not spec.due_dates:
        # The first school year's work started on the 1 September before, or with the period.
        begin = date(dates[0].year - 1, *SCHOOL_YEAR_START)
        spec = replace(spec, window_start=max(begin, period.start))
    flags = (*spec.flags, SCHOOL_YEAR_FLAGS[point])
    dates = [*spec.due_dates, *dates]
    return _dates_spec(spec, dates, recurrence="yearly", flags=flags, period=period)


def series_spec(
    spec: DeadlineSpec,
    reading: Reading,
    head: list[Anchor],
    phase_anchors: list[Anchor],
    period: Period,
) -> DeadlineSpec:
    # "ежегодно не реже двух раз в год": the most frequent reading is the binding one.
    step = min(reading.steps)
    phase = phase_anchors[-1] if phase_anchors else None
    until = period.end
    start = _series_start(reading, period)
    if phase is not None and phase.year is not None:
        until = min(until, on_day(phase.year, phase.month, phase.day))
        if phase.first is not None and (first_year := phase.first[0]) is not None:
            # "ежеквартально в 2022 году", "по итогам полугодия 2022 года": within that span.
            start = max(start, date(first_year, *phase.first[1:]))
        if until < period.start or start > period.end:
            # "ежегодно до 1 февраля 2019 года" in a roadmap from 2020: no repetition is left,
            # and the period's end would be a made-up date.
            raise Unresolvable(
                "date_outside_period",
                date=on_day(phase.year, phase.month, phase.day).isoformat(),
                period_start=period.start.isoformat(),
                period_end=period.end.isoformat(),
            )
    last_head = head[-1] if head else None
    # "ежегодно в мае и ноябре", "2 раза в год (май, ноябрь)": each named month repeats.
    phases = [(a.month, a.day) for a in phase_anchors if a.year is None]
    if phase is not None:
        phases.append((phase.month, phase.day))
    if step < 12 and len({(month - phases[0][0]) % step for month, _ in phases}) > 1:
        # "2 раза в год (март, июль, ноябрь)": the months and the count disagree.
        raise Unresolvable("months_and_frequency_disagree", value=spec.original)
    series = sorted(
        {
            day
            for one in (dict.fromkeys(phases) or [None])
            for day in _repeat(
                after=spec.due_dates[-1] if spec.due_dates else None,
                anchor_day=last_head.day if last_head else MONTH_END,
                start=start,
                until=until,
                step=step,
                phase=one,
            )
        }
    )
    if step < 12:
        series = [d for d in series if not _holiday(d, period)]
    dates = [*spec.due_dates, *(d for d in series if period.start <= d <= period.end)]
    return _dates_spec(
        spec, dates, recurrence=recurrence_name(step), flags=spec.flags, period=period
    )


def _dates_spec(
    spec: DeadlineSpec,
    dates: list[date],
    *,
    recurrence: str,
    flags: tuple[str, ...],
    period: Period,
) -> DeadlineSpec:
    if not dates:
        # A yearly task in a roadmap shorter than a year is still due once, by its end.
        dates = [period.end]
    return replace(
        spec,
        kind="dates",
        due_dates=tuple(sorted(set(dates))),
        recurrence=recurrence,
        flags=tuple(dict.fromkeys(flags)),
    )


def _series_start(reading: Reading, period: Period) -> date:
    since = reading.since
    if since is None:
        return period.start
    if since.year is None:
        # "ежегодно с 1 сентября": from which year is a guess (and the due day is unsaid).
        raise Unresolvable("missing_year")
    if since.first is not None:
        first_year, month, day = since.first
        start = date(first_year or since.year, month, day)
    elif since.day == MONTH_END:
        start = date(since.year, since.month, 1)
    else:
        start = date(since.year, since.month, since.day)
    if start > period.end:
        raise Unresolvable(
            "date_outside_period",
            date=start.isoformat(),
            period_start=period.start.isoformat(),
            period_end=period.end.isoformat(),
        )
    return max(start, period.start)


def _repeat(
    *,
    after: date | None,
    anchor_day: int,
    start: date,
    until: date,
    step: int,
    phase: tuple[int, int] | None,
) -> list[date]:
    """Repetitions every `step` months up to `until`: after the head's date when there is
    one, on the phase's day when the phrase names one, else on calendar period ends."""
    if phase is not None:
        month, day = phase
        ref = after or start - timedelta(days=1)
        year, month = _first_aligned(ref, month, day, step)
    elif after is not None:
        year, month, day = *add_months(after.year, after.month, step), anchor_day
    else:
        day = MONTH_END
        # Calendar ends: December for yearly, June and December for twice a year...
        year, month = _first_aligned(start - timedelta(days=1), 12, MONTH_END, step)
    dates = []
    while (current := on_day(year, month, day)) <= until:
        dates.append(current)
        year, month = add_months(year, month, step)
    return dates


def _first_aligned(ref: date, phase_month: int, day: int, step: int) -> tuple[int, int]:
    """The first (year, month) after `ref` whose month is in step with `phase_month`."""
    cycle = min(step, 12)
    year, month = ref.year, ref.month
    while (month - phase_month) % cycle != 0 or on_day(year, month, day) <= ref:
        year, month = add_months(year, month, 1)
    return year, month


def continuous_spec(spec: DeadlineSpec, reading: Reading, period: Period) -> DeadlineSpec:
    if spec.due_dates:
        begin = spec.due_dates[-1]
    elif reading.since is not None:
        begin = _series_start(reading, period) - timedelta(days=1)
    else:
        begin = period.start - timedelta(days=1)
    months = DEFAULT_CHECK_IN_MONTHS
    check_ins = _repeat(
        after=None,
        anchor_day=MONTH_END,
        start=begin + timedelta(days=1),
        until=period.end,
        step=months,
        phase=None,
    )
    if period.end > begin and period.end not in check_ins:
        check_ins.append(period.end)  # a closing check-in at the end of the roadmap
    check_ins = [d for d in check_ins if not _holiday(d, period)] or check_ins
    return replace(spec, kind="continuous", check_in_months=months, check_in_dates=tuple(check_ins))


def _holiday(day: date, period: Period) -> bool:
    """A repetition of a school year's plan in July or August: nobody is at school."""
    return period.school and day.month in SUMMER_MONTHS


def recurrence_name(step: int) -> str:
    return RECURRENCE_NAMES.get(step, f"every_{step}_months")
