"""Splitting a cell that names several deadlines one after another (one per party)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.services.roadmaps.deadlines.facts import Anchor, Continuous, Freq, Located, Then
from bot.services.roadmaps.deadlines.lexer import Lex

_HEAD_BREAKERS = ("comma", "conj", "dash")


def split_parts(located: list[Located], lexes: Sequence[Lex]) -> list[list[Located]]:
    """ "Декабрь 2020 г. Ноябрь 2020 г. Ноябрь 2020 г." names three deadlines: a dated anchor
    that follows a complete deadline with no comma, conjunction or dash between starts the
    next one. With a comma ("Май 2021, июнь 2021") it is one deadline with two dates."""
    parts: list[list[Located]] = [[]]
    for item in located:
        current = parts[-1]
        if (
            current
            and _starts_deadline(item, current)
            and _is_complete(current)
            and lexes[item.first_lex - 1].kind not in _HEAD_BREAKERS
        ):
            parts.append([])
        parts[-1].append(item)
    return parts


def _starts_deadline(item: Located, part: list[Located]) -> bool:
    """A dated anchor starts a deadline; "до <date>" right after a frequency bounds the
    repetitions instead ("ежегодно до 1 февраля 2024 года")."""
    fact = item.fact
    if not isinstance(fact, Anchor) or fact.year is None or fact.role == "from":
        return False
    repeating = any(isinstance(i.fact, Then | Freq | Continuous) for i in part)
    return fact.role == "at" or not repeating


def _is_complete(part: list[Located]) -> bool:
    """A deadline is complete once it has a dated anchor; a start ("с 01.09.2021") waits for
    the date it runs to ("с 01.09.2021 по 31.05.2022" is one deadline)."""
    return any(
        isinstance(i.fact, Then)
        or (isinstance(i.fact, Anchor) and i.fact.year is not None and i.fact.role != "from")
        for i in part
    )
