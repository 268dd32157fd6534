"""The entry points: one "Срок" cell read into a spec (with `parts` when it holds several)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from bot.services.roadmaps.deadlines.facts import Located
from bot.services.roadmaps.deadlines.grammar import Parser
from bot.services.roadmaps.deadlines.lexer import Lex, lexemes
from bot.services.roadmaps.deadlines.parts import split_parts
from bot.services.roadmaps.deadlines.reading import Period
from bot.services.roadmaps.deadlines.resolve import resolve
from bot.services.roadmaps.deadlines.spec import DeadlineSpec, Kind


def parse_deadline(
    phrase: str, *, period_start: date | None = None, period_end: date | None = None
) -> DeadlineSpec:
    """Read one "Срок" cell. A cell with several deadlines gets `parts`, one per deadline,
    and a merged top-level spec (its due dates are the union of the parts').

    Without a period (both ends None) only dated one-off deadlines are read; repetitions and
    continuous work are "no_period", months without a year "missing_year"."""
    if period_start is None and period_end is None:
        period = Period(date.min, date.max, known=False)
    elif period_start is None or period_end is None:
        raise ValueError("give both ends of the period, or neither")
    elif period_end < period_start:
        raise ValueError("period_end is before period_start")
    else:
        period = Period(period_start, period_end)
    original = " ".join((phrase or "").split())
    lexes = lexemes(phrase or "")
    located = Parser(lexes, phrase or "").facts()
    groups = split_parts(located, lexes)
    specs = [
        resolve([i.fact for i in group], _group_text(phrase, lexes, group), period)
        for group in groups
    ]
    if len(specs) == 1:
        return replace(specs[0], original=original)
    return _merge(specs, original)


def parse_deadline_cell(
    phrase: str, *, period_start: date | None = None, period_end: date | None = None
) -> tuple[DeadlineSpec, ...]:
    """One spec per deadline named in the cell (usually one)."""
    spec = parse_deadline(phrase, period_start=period_start, period_end=period_end)
    return spec.parts or (spec,)


def _group_text(phrase: str, lexes: Sequence[Lex], group: list[Located]) -> str:
    if not group:
        return " ".join(phrase.split())
    start = lexes[group[0].first_lex].start
    end = lexes[group[-1].last_lex].end
    return " ".join(phrase[start:end].split()).rstrip(",;")


def _merge(parts: list[DeadlineSpec], original: str) -> DeadlineSpec:
    unparsed = next((p for p in parts if p.kind == "unparsed"), None)
    kinds = {p.kind for p in parts}
    if unparsed is not None:
        kind: Kind = "unparsed"
    elif len(kinds) == 1:
        kind = parts[0].kind
    else:
        kind = "dates" if any(p.due_dates for p in parts) else "continuous"
    recurrences = {p.recurrence for p in parts}
    check_in_months = {p.check_in_months for p in parts}
    return DeadlineSpec(
        kind=kind,
        original=original,
        due_dates=tuple(sorted({d for p in parts for d in p.due_dates})),
        recurrence=recurrences.pop() if len(recurrences) == 1 else None,
        check_in_months=check_in_months.pop() if len(check_in_months) == 1 else None,
        check_in_dates=tuple(sorted({d for p in parts for d in p.check_in_dates})),
        flags=tuple(dict.fromkeys(f for p in parts for f in p.flags)),
        reason=unparsed.reason if unparsed else None,
        params=unparsed.params if unparsed else (),
        parts=tuple(parts),
    )
