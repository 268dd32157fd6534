"""Resolving the facts of one deadline into a `DeadlineSpec` bounded by the roadmap's period."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from bot.services.roadmaps.deadlines.facts import Anchor, Fact
from bot.services.roadmaps.deadlines.grammar import span_anchor
from bot.services.roadmaps.deadlines.months import on_day
from bot.services.roadmaps.deadlines.reading import Period, Reading, Unresolvable, read_facts
from bot.services.roadmaps.deadlines.series import (
    continuous_spec,
    month_day_series,
    recurrence_name,
    school_year_series,
    series_spec,
    yearless_series,
)
from bot.services.roadmaps.deadlines.spec import SCHOOL_HALVES, TERMLY, DeadlineSpec


def resolve(facts: list[Fact], original: str, period: Period) -> DeadlineSpec:
    reading = read_facts(facts)
    base = DeadlineSpec(
        kind="unparsed",
        original=original,
        flags=tuple(dict.fromkeys(reading.flags)),
        note="; ".join(n for n in reading.notes if n) or None,
    )
    try:
        return _resolve_reading(reading, base, period)
    except Unresolvable as exc:
        return replace(
            base, kind="unparsed", reason=exc.reason, params=tuple(sorted(exc.params.items()))
        )


def _resolve_reading(reading: Reading, base: DeadlineSpec, period: Period) -> DeadlineSpec:
    if reading.problems:
        problem = reading.problems[0]
        meaningful = (
            reading.head
            or reading.tail
            or reading.steps
            or reading.continuous
            or (reading.events or reading.flags or reading.school_year)
        )
        reason = problem.reason
        if reason == "unknown_words" and not meaningful:
            reason = "unknown_phrase"
        words = " ".join(p.value for p in reading.problems if p.reason == problem.reason)
        raise Unresolvable(reason, value=words)
    if period.school:
        reading.head = [_school_halves(a) for a in reading.head]
        reading.tail = [_school_halves(a) for a in reading.tail]
        reading.bracket_months = [_school_halves(a) for a in reading.bracket_months]
    if reading.month_days:
        return month_day_series(base, reading, period)
    repeating = bool(reading.steps or reading.school_year)
    if not repeating:
        reading.head = _lend_years(reading.head)
        _since_as_window(reading, base.original)
        if _yearless_only(reading) and not reading.events:
            spec = yearless_series(base, reading, period)
            return replace(spec, recurrence=TERMLY) if reading.terms else spec
    if not period.known and (repeating or reading.continuous):
        raise Unresolvable("no_period")  # nothing bounds the repetitions
    head = [a for a in reading.head if a.year is not None or not repeating]
    phase_anchors = [a for a in reading.head if a.year is None and repeating]
    if reading.steps:
        phase_anchors += reading.bracket_months  # "Ежегодно (сентябрь)"
    phase_anchors += reading.tail
    head_dates = [_due_in_period(a, period) for a in head]
    due = [d for d, _ in head_dates]
    window_start = head_dates[0][1] if head_dates else None
    spec = replace(base, due_dates=tuple(sorted(set(due))), window_start=window_start)

    if reading.events:
        # "после ..., далее ежегодно": the repetitions start from an event nobody can date.
        recurrence = recurrence_name(min(reading.steps)) if reading.steps else None
        return replace(
            spec, kind="event_triggered", event="; ".join(reading.events), recurrence=recurrence
        )
    if reading.school_year:
        return school_year_series(spec, reading, reading.school_year, period)
    if reading.steps:
        return series_spec(spec, reading, head, phase_anchors, period)
    if reading.continuous:
        return continuous_spec(spec, reading, period)
    if due:
        return replace(spec, kind="dates")
    if reading.flags:
        return replace(spec, kind="event_triggered", recurrence=reading.flags[0])
    if reading.tail:
        raise Unresolvable("missing_year")
    if reading.since:
        raise Unresolvable("no_due_date")  # "после 1 марта 2021" says when work may start
    raise Unresolvable("empty" if not base.original.strip() else "unknown_phrase")


def _school_halves(anchor: Anchor) -> Anchor:
    """ "I полугодие" in a school year's plan: September to December; "II": January to May."""
    if anchor.halves is None or anchor.year is not None:
        return anchor
    first, last = SCHOOL_HALVES[anchor.halves[0]][0], SCHOOL_HALVES[anchor.halves[1]][1]
    return replace(anchor, month=last[0], day=last[1], first=(None, *first), halves=None)


def _lend_years(anchors: list[Anchor]) -> list[Anchor]:
    """ "Май, сентябрь 2021": a month without a year takes the year of the next month that
    has one (the year before, when it comes later in the calendar: "ноябрь, январь 2022")."""
    lent: list[Anchor] = []
    for index, anchor in enumerate(anchors):
        if anchor.year is None and anchor.role == "at":
            dated = next((a for a in anchors[index + 1 :] if a.year is not None), None)
            if dated is not None and dated.year is not None:
                year = dated.year - 1 if anchor.month > dated.month else dated.year
                first = anchor.first
                if first is not None and first[0] is None:
                    first = (year if first[1] <= anchor.month else year - 1, *first[1:])
                anchor = replace(anchor, year=year, first=first)
        lent.append(anchor)
    return lent


def _since_as_window(reading: Reading, original: str) -> None:
    """ "С 01.09.2021 по 31.05.2022", "с 1 сентября по 31 мая": one deadline with its start,
    a span like "1 сентября – 31 мая". A start with a year before a day without one is
    something else: "с 2022 г. май" is every May from 2022."""
    since = reading.since
    if since is None or len(reading.head) != 1:
        return
    head = reading.head[0]
    if since.year is not None and head.year is None:
        return
    span = span_anchor(replace(since, role="at"), head)
    if span is None:
        raise Unresolvable("invalid_range", value=original)
    reading.head, reading.since = [replace(span, role=head.role)], None


def _yearless_only(reading: Reading) -> bool:
    """ "Май, сентябрь", "до 1 февраля": dates with no year at all, and nothing that would
    make them something else (a continuous task, a start)."""
    return (
        bool(reading.head)
        and all(a.year is None and a.role in ("at", "by") for a in reading.head)
        and not (reading.tail or reading.continuous)
    )


def _due_in_period(anchor: Anchor, period: Period) -> tuple[date, date | None]:
    """An anchor's due date and window start; a one-off date must lie inside the period."""
    if anchor.year is None:
        raise Unresolvable("missing_year")
    due = on_day(anchor.year, anchor.month, anchor.day)
    if period.known and not period.start <= due <= period.end:
        raise Unresolvable(
            "date_outside_period",
            date=due.isoformat(),
            period_start=period.start.isoformat(),
            period_end=period.end.isoformat(),
        )
    window_start = None
    if anchor.first is not None:
        first_year, first_month, first_day = anchor.first
        window_start = max(date(first_year or anchor.year, first_month, first_day), period.start)
    return due, window_start
