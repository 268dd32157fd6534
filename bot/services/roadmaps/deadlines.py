"""Deadline phrases of roadmap tables ("Срок") turned into concrete due dates.

The phrase goes through three small stages:

1. lexing: the text is cut into numbers, dates, words and punctuation, and every word is
   looked up in a vocabulary of month names and keywords (exactly, then allowing one typo
   when the word has at least four letters and the typo has a single reading: "июмь" could
   be June or July, so it is not guessed);
   filler words ("в", "не", "реже", "обновление") are dropped, year marks ("г.", "года")
   are folded into the year they follow;
2. parsing: small productions turn the lexemes into facts: anchors (a date, a month, a
   month range, a quarter, a year), frequencies ("ежегодно", "два раза в год"), continuous
   work ("постоянно", "в течение всего периода"), flags ("по запросу"), events ("после ...");
   a cell naming several deadlines one after the other is cut into parts here;
3. resolving: the facts of a part become a `DeadlineSpec` bounded by the roadmap's period.

Semantics (also in the header of data/roadmaps/deadline_phrases.yaml):

- a month, a quarter, a half-year or a year is due on its last day; a range ("Май - июнь
  2020") is due at the end of its last month, and `window_start` is the start of the first;
  "до 30.12.2020" is due on that day; a one-off date outside the period is an error
  ("date_outside_period"), while repetitions are simply cut at the period's ends;
- months listed before one year share it ("май, сентябрь 2021"); a one-letter typo is read
  when only one word of the vocabulary is that close (a dropped letter even in four-letter
  words, "мрт"), and left for a human when two are ("июь": June or July);
- "X, далее <frequency>": X's date, then every step of the frequency after it, until the end
  of the period. A date named after the frequency ("ежегодно до 1 февраля 2024 года") fixes
  the day of the repetitions (1 February) and, when it has a year, the last one (2024);
  `window_start` belongs to the first due date only;
- a frequency without an anchor ("Ежегодно", "Ежеквартально") falls on calendar period ends
  (31 December; quarter ends) within the period, from the year of "с 2021 г." when named;
  a month in brackets after it ("Ежегодно (сентябрь)") is the month of the repetitions, and
  several months ("ежегодно в мае и ноябре", "2 раза в год (май, ноябрь)") repeat each; months
  that do not fit the frequency ("2 раза в год (март, июль, ноябрь)") are left for a human
  ("months_and_frequency_disagree"); a year after the frequency ("ежеквартально в 2022
  году") keeps the repetitions within it;
- "не реже N раз в год" is taken at its minimum: every 12/N months;
- continuous work ("Постоянно", "..., далее постоянно") has check-ins every
  `DEFAULT_CHECK_IN_MONTHS` months at calendar quarter ends after its start, and one at the
  end of the period;
- months without any year ("май, сентябрь", "до 1 февраля") fall on every such month inside
  the roadmap's period (a yearly series, cut at the period's ends); when the period is not
  known they are left for a human ("missing_year"), and so is a cell that mixes them with
  dated ones ("до 1 февраля, май 2021"), since the year then is a guess;
- school years: a school year runs from `SCHOOL_YEAR_START` (1 September) to 31 August, but
  its work is due at `SCHOOL_YEAR_END` (30 June): lessons and exams are over and the summer
  holidays begin, so reports "по окончании учебного года" are made then (the Kedrovy seed
  uses that phrase for the yearly reports of its schools). So "2021/2022 учебный год" and
  "в течение 2021-2022 учебного года" are due 30 June 2022 with `window_start` 1 September
  2021; "до конца / по окончании 2021-2022 учебного года" is due 30 June 2022; "к началу /
  начало 2021-2022 учебного года" is due 1 September 2021. The two years must follow one
  another ("2021-2023 учебный год" is "invalid_school_year"). Without years the phrase means every
  school year of the roadmap's period, each due on that day (a yearly series cut at the
  period's ends, like any repetition): "в течение учебного года" on 30 June (the first with
  `window_start` on the 1 September before it, or the period's start), "до конца / по
  окончании учебного года" on 30 June, "к началу учебного года" on 1 September;
- a range of quarters or half-years is one span, due at its end: "I–II квартал 2022 года"
  is due 30 June 2022 (window from 1 January), "II полугодие 2021 – I полугодие 2022" on
  30 June 2022 (window from 1 July 2021);
- "по итогам <period>" is due when the period ends: "по итогам 2021 года" on 31 December
  2021, "по итогам (каждого) квартала / полугодия / года" at every calendar quarter,
  half-year or year end of the roadmap's period, "по итогам учебного года" on 30 June each
  year (as "по окончании учебного года");
- a day of the month: "до 5 числа каждого месяца" / "ежемесячно до 5 числа" / "до 5 числа
  месяца" is the 5th of every month of the period; "до 10 числа месяца, следующего за
  (отчётным) кварталом" is the 10th of the month after each calendar quarter (also
  "полугодием", "годом", "месяцем") — the quarters ending from the series' start on, the
  dates cut at the period's end like any repetition. A day without its month ("до 5
  числа", "ежеквартально до 5 числа": which month of the quarter?) is left for a human
  ("ambiguous_day_of_month"), and so is a day of the month beside another date;
- a yearly series includes its first day when that is the period's first day ("ежегодно до
  1 января" in a roadmap from 1 January 2020 is due on 1 January 2020 first), and is never
  placed before the period;
- "после <event>" and "по мере необходимости" alone have no date: kind "event_triggered";
- anything else is kind "unparsed" with a reason code, and the item is kept for a human.

Reasons and parameters are codes, never UI text: the handlers render them from locales/.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Literal

Kind = Literal["dates", "continuous", "event_triggered", "unparsed"]

# "По окончании учебного года": after the last lessons and exams of June; the school year
# itself runs 1 September - 31 August, but nothing is done for it in July and August.
SCHOOL_YEAR_END = (6, 30)
SCHOOL_YEAR_START = (9, 1)
_SCHOOL_YEAR_FLAGS = {
    "during": "school_year",
    "end": "end_of_school_year",
    "start": "start_of_school_year",
}
DEFAULT_CHECK_IN_MONTHS = 3
# A day number meaning "the last day of the month", clamped to the month's length.
MONTH_END = 31

# "по итогам квартала", "следующего за полугодием": the length of a named period.
_UNIT_MONTHS = {"month_noun": 1, "quarter": 3, "half": 6, "half_year": 6, "year": 12}

_RECURRENCE_NAMES = {
    1: "monthly",
    3: "quarterly",
    6: "twice_a_year",
    12: "yearly",
    24: "every_two_years",
}


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
    def is_parsed(self) -> bool:
        return self.kind != "unparsed"

    @property
    def params_dict(self) -> dict[str, str]:
        return dict(self.params)


# ---------------------------------------------------------------------------------------
# Lexing


@dataclass(frozen=True)
class _Lex:
    kind: str  # month, num, ord, year, date, kw, comma, conj, dash, open, close, unknown
    value: int | str | date | None
    start: int
    end: int
    text: str

    @property
    def number(self) -> int:
        assert isinstance(self.value, int), self
        return self.value


_TOKEN_RE = re.compile(
    r"""
    (?P<date>\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})(?!\d))
  | (?P<num>\d+)(?:-?(?:й|ый|ий|ой|го|ого)(?![^\W\d_]))?
  | (?P<word>[^\W\d_]+)
  | (?P<dash>[-‐‑‒–—―−])
  | (?P<punct>[^\w\s])
    """,
    re.VERBOSE,
)

_MONTH_FORMS = (
    ("январь", "января", "январе", "янв"),
    ("февраль", "февраля", "феврале", "фев", "февр"),
    ("март", "марта", "марте", "мар"),
    ("апрель", "апреля", "апреле", "апр"),
    ("май", "мая", "мае"),
    ("июнь", "июня", "июне", "июн"),
    ("июль", "июля", "июле", "июл"),
    ("август", "августа", "августе", "авг"),
    ("сентябрь", "сентября", "сентябре", "сен", "сент"),
    ("октябрь", "октября", "октябре", "окт"),
    ("ноябрь", "ноября", "ноябре", "ноя", "нояб"),
    ("декабрь", "декабря", "декабре", "дек"),
)

_KEYWORD_FORMS: dict[str, tuple[str, ...]] = {
    "year": ("г", "гг", "год", "года", "году", "годы", "годов", "годах", "годом", "лет"),
    "yearly": ("ежегодно", "ежегодный", "ежегодное", "ежегодная"),
    "quarterly": ("ежеквартально", "ежеквартальный", "ежеквартальное"),
    "monthly": ("ежемесячно", "ежемесячный", "ежемесячное"),
    "times": ("раз", "раза"),
    "twice": ("дважды",),
    "thrice": ("трижды",),
    "quarter": ("квартал", "квартала", "квартале", "кварталом", "кварталы", "кварталов", "кв"),
    "half": ("полугодие", "полугодия", "полугодии", "полугодием"),
    "half_year": ("полгода", "полугода"),
    "month_noun": ("месяц", "месяца", "месяцев", "месяцы", "месяцем"),
    # "до 5 числа каждого месяца": a day of the month, "следующего за кварталом": after it.
    "day_noun": ("числа", "число", "чисел"),
    "following": ("следующего", "следующий", "следующем", "следующая", "следующей"),
    "then": ("далее", "затем", "впоследствии", "дальнейшем"),
    "continuous": (
        "постоянно",
        "постоянное",
        "регулярно",
        "регулярное",
        "систематически",
        "систематическое",
        "непрерывно",
        "ежедневно",
    ),
    "during": ("течение", "течении", "протяжении"),
    "whole": ("весь", "всего", "всей", "все"),
    "period": ("период", "периода", "периоде"),
    "implementation": ("реализации", "действия", "выполнения"),
    "program": ("программы", "программа", "проекта", "карты", "дорожной"),
    "by": ("до", "к", "ко", "позднее", "позже"),
    "from": ("с", "со", "начиная"),
    "after": ("после",),
    "results": ("итогам", "итогах"),
    "end": (
        "окончании",
        "окончания",
        "окончанию",
        "завершении",
        "завершения",
        "конце",
        "конца",
        "конец",
    ),
    "start": ("начало", "начала", "началу", "начале"),
    "school": ("учебного", "учебный", "учебном", "уч"),
    "on_request": ("запросу", "запрос", "запросам", "требованию"),
    "as_needed": ("необходимости", "потребности"),
    "per_schedule": ("графику", "графиком", "плану", "расписанию"),
}

_CONJUNCTIONS = ("и", "или", "либо")
# Words that carry no meaning for dates ("не реже" is read as a minimum frequency).
_FILLERS = (
    "в",
    "во",
    "на",
    "за",
    "по",
    "не",
    "реже",
    "чем",
    "а",
    "также",
    "обновление",
    "обновления",
    "обновлять",
    "проведение",
    "мере",
    "отдельному",
    "отдельным",
    "утвержденному",
    "согласно",
    "срок",
    "сроки",
    "каждый",
    "каждые",
    "каждого",
    "каждой",
    "каждом",
    "каждое",
    "каждую",
    "отчетный",
    "отчетного",
    "отчетном",
    "отчетным",
    "отчетному",
)
_NUMBER_WORDS = {
    1: ("один", "одного", "одна", "одной", "одному", "одно"),
    2: ("два", "двух", "две"),
    3: ("три", "трех"),
    4: ("четыре", "четырех"),
    6: ("шесть", "шести"),
}
_ORDINAL_WORDS = {
    1: ("первый", "первого", "первом", "первое", "первая", "первой", "i"),
    2: ("второй", "второго", "втором", "второе", "вторая", "ii"),
    3: ("третий", "третьего", "третьем", "третье", "iii"),
    4: ("четвертый", "четвертого", "четвертом", "четвертое", "iv"),
}


def _build_vocabulary() -> dict[str, tuple[str, int | str | None]]:
    vocab: dict[str, tuple[str, int | str | None]] = {}
    for word in _FILLERS:
        vocab[word] = ("filler", None)
    for word in _CONJUNCTIONS:
        vocab[word] = ("conj", word)
    for name, forms in _KEYWORD_FORMS.items():
        for form in forms:
            vocab[form] = ("kw", name)
    for number, forms in _NUMBER_WORDS.items():
        for form in forms:
            vocab[form] = ("num", number)
    for number, forms in _ORDINAL_WORDS.items():
        for form in forms:
            vocab[form] = ("ord", number)
    for index, forms in enumerate(_MONTH_FORMS, start=1):
        for form in forms:
            vocab[form] = ("month", index)
    return vocab


_VOCABULARY = _build_vocabulary()
# Short words are too close to one another for typo matching ("май"/"мая", "до"/"по").
_FUZZY_MIN_LENGTH = 4
_FUZZY_CANDIDATES = tuple(word for word in _VOCABULARY if len(word) >= _FUZZY_MIN_LENGTH)


def _within_one_edit(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance ≤ 1: one insertion, deletion, substitution or swap."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    for i in range(len(longer)):
        if longer[:i] + longer[i + 1 :] == shorter:
            return True
    return False


def _lookup(word: str) -> tuple[str, int | str | None]:
    """The word's meaning; a one-letter typo is accepted when it has a single reading."""
    if word in _VOCABULARY:
        return _VOCABULARY[word]
    if len(word) < _FUZZY_MIN_LENGTH - 1:
        return ("unknown", word)
    if len(word) < _FUZZY_MIN_LENGTH:
        # A four-letter word with a letter dropped ("гда", "мрт", "рже"): only a missing
        # letter is tried, since other edits of three letters reach too many words, and
        # never a number ("тех" is not "трех").
        readings = {
            _VOCABULARY[c]
            for c in _FUZZY_CANDIDATES
            if len(c) == len(word) + 1
            and _VOCABULARY[c][0] not in ("num", "ord")
            and _within_one_edit(word, c)
        }
    else:
        readings = {_VOCABULARY[c] for c in _FUZZY_CANDIDATES if _within_one_edit(word, c)}
    if len(readings) == 1:
        return readings.pop()
    return ("unknown", word)


def _normalize_word(word: str) -> str:
    return word.lower().replace("ё", "е")


def _parse_date_token(text: str) -> date | None:
    day, month, year = (int(part) for part in text.split("."))
    if year < 100:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _is_year(number: int, digits: int) -> bool:
    return digits == 4 and 1900 <= number <= 2100


def _raw_lexemes(text: str) -> list[_Lex]:
    lexes: list[_Lex] = []
    for match in _TOKEN_RE.finditer(text):
        start, end, raw = match.start(), match.end(), match.group(0)
        if match.group("date"):
            parsed = _parse_date_token(match.group("date"))
            kind = "date" if parsed else "invalid_date"
            lexes.append(_Lex(kind, parsed or raw, start, end, raw))
        elif match.group("num"):
            digits = match.group("num")
            number = int(digits)
            is_ordinal = len(raw) > len(digits)
            kind = "year" if _is_year(number, len(digits)) else ("ord" if is_ordinal else "num")
            lexes.append(_Lex(kind, number, start, end, raw))
        elif match.group("word"):
            word = _normalize_word(raw)
            kind, value = _lookup(word)
            lexes.append(_Lex(kind, value, start, end, word))
        elif match.group("dash"):
            lexes.append(_Lex("dash", "-", start, end, raw))
        else:
            lexes.append(_Lex(_punct_kind(raw), raw, start, end, raw))
    return lexes


def _punct_kind(char: str) -> str:
    kinds = {",": "comma", "(": "open", ")": "close", "[": "open", "]": "close", "/": "slash"}
    return kinds.get(char, "punct")


def _fold_year_marks(lexes: list[_Lex]) -> list[_Lex]:
    """Attach "г.", "гг.", "г.г.", "года" to the year or date before them, drop fillers."""
    out: list[_Lex] = []
    i = 0
    while i < len(lexes):
        lex = lexes[i]
        i += 1
        if lex.kind in ("filler", "punct"):
            continue
        if lex.kind in ("year", "date"):
            end = lex.end
            while i < len(lexes) and (
                (lexes[i].kind == "kw" and lexes[i].value == "year")
                or (lexes[i].kind == "punct" and lexes[i].text == ".")
            ):
                end = lexes[i].end
                i += 1
            lex = replace(lex, end=end)
        out.append(lex)
    return out


def _lex(text: str) -> list[_Lex]:
    return _fold_year_marks(_raw_lexemes(text))


# ---------------------------------------------------------------------------------------
# Facts


@dataclass(frozen=True)
class _Anchor:
    """A point or span of time: due on (year, month, day), optionally from `first`."""

    month: int
    day: int
    year: int | None
    first: tuple[int | None, int, int] | None = None
    role: Literal["at", "by", "from"] = "at"


@dataclass(frozen=True)
class _Freq:
    step_months: int


@dataclass(frozen=True)
class _Continuous:
    pass


@dataclass(frozen=True)
class _MonthDay:
    """ "до 5 числа каждого месяца", "до 10 числа месяца, следующего за кварталом": a day of
    the month; `per` is 1 when the phrase says which month ("месяца", "каждого месяца"),
    `following` the length in months of the period it follows (1, 3, 6 or 12)."""

    day: int
    text: str
    per: int | None = None
    following: int | None = None


@dataclass(frozen=True)
class _SchoolYear:
    """A school year without its years: every one in the period ("в течение учебного года")."""

    point: Literal["during", "end", "start"]


@dataclass(frozen=True)
class _Then:
    pass


@dataclass(frozen=True)
class _Flag:
    name: str


@dataclass(frozen=True)
class _Event:
    text: str


@dataclass(frozen=True)
class _Paren:
    text: str
    flags: tuple[str, ...]
    # "Ежегодно (сентябрь)": a bracket holding only months says when a repetition falls.
    months: tuple[_Anchor, ...] = ()


@dataclass(frozen=True)
class _Problem:
    """Something the phrase says that cannot be used: an unknown word, an invalid date."""

    reason: str
    value: str


_Fact = (
    _Anchor
    | _Freq
    | _Continuous
    | _MonthDay
    | _SchoolYear
    | _Then
    | _Flag
    | _Event
    | _Paren
    | _Problem
)


@dataclass(frozen=True)
class _Located:
    fact: _Fact
    first_lex: int
    last_lex: int


# ---------------------------------------------------------------------------------------
# Parsing


class _Parser:
    """Recursive-descent over the lexemes; each `_p_*` production returns a fact or None
    and leaves the position past what it consumed."""

    def __init__(self, lexes: Sequence[_Lex], text: str) -> None:
        self.lexes = lexes
        self.text = text
        self.pos = 0

    # helpers ---------------------------------------------------------------------------

    def peek(self, offset: int = 0) -> _Lex | None:
        index = self.pos + offset
        return self.lexes[index] if index < len(self.lexes) else None

    def at(self, kind: str, value: object = None, offset: int = 0) -> bool:
        lex = self.peek(offset)
        return lex is not None and lex.kind == kind and (value is None or lex.value == value)

    def take(self) -> _Lex:
        lex = self.lexes[self.pos]
        self.pos += 1
        return lex

    def take_if(self, kind: str, value: object = None) -> _Lex | None:
        return self.take() if self.at(kind, value) else None

    def attempt(self, production: Callable[[], _Fact | None]) -> _Fact | None:
        """Run a production; on failure rewind, so productions can look ahead freely."""
        saved = self.pos
        fact = production()
        if fact is None:
            self.pos = saved
        return fact

    # driver ----------------------------------------------------------------------------

    def facts(self) -> list[_Located]:
        productions = (
            self._p_paren,
            self._p_then,
            self._p_results,
            self._p_after,
            self._p_month_day,
            self._p_school_year,
            self._p_by,
            self._p_from,
            self._p_anchor,
            self._p_frequency,
            self._p_continuous,
            self._p_flag,
        )
        located: list[_Located] = []
        while self.pos < len(self.lexes):
            start = self.pos
            fact = next((f for p in productions if (f := self.attempt(p)) is not None), None)
            if fact is None:
                fact = self._skip_or_problem()
            if fact is not None:
                located.append(_Located(fact, start, self.pos - 1))
        return located

    def _skip_or_problem(self) -> _Fact | None:
        lex = self.take()
        # A "до" without a date after it ("до окончания учебного года") adds nothing.
        ignorable = ("comma", "conj", "dash", "slash", "close")
        if lex.kind in ignorable or (lex.kind, lex.value) == ("kw", "by"):
            return None
        if lex.kind == "invalid_date":
            return _Problem("invalid_date", lex.text)
        return _Problem("unknown_words", lex.text)

    # productions -------------------------------------------------------------------------

    def _p_paren(self) -> _Fact | None:
        """A remark in brackets: kept as a note; only its flags count, never its years
        ("в рамках программы ... на 2015 – 2024 годы")."""
        opening = self.take_if("open")
        if opening is None:
            return None
        depth, flags, end = 1, [], len(self.text)
        inside: list[_Lex] = []
        while self.pos < len(self.lexes):
            lex = self.take()
            depth += {"open": 1, "close": -1}.get(lex.kind, 0)
            if depth == 0:
                end = lex.start
                break
            inside.append(lex)
            if lex.kind == "kw" and lex.value in ("on_request", "as_needed", "per_schedule"):
                flags.append(str(lex.value))
        return _Paren(self._span_text(opening.end, end), tuple(flags), _months_only(inside))

    def _p_then(self) -> _Fact | None:
        return _Then() if self.take_if("kw", "then") else None

    def _p_after(self) -> _Fact | None:
        """ "После <event>": the rest of the clause names the event."""
        if not self.take_if("kw", "after"):
            return None
        if (fact := self.attempt(self._p_school_year)) is not None:
            return fact
        if (anchor := self.attempt(self._p_anchor)) is not None:
            return replace(anchor, role="from") if isinstance(anchor, _Anchor) else anchor
        return self._event_until_clause_end()

    def _event_until_clause_end(self) -> _Fact | None:
        begin = self.pos
        while self.pos < len(self.lexes) and not (
            self.at("comma") or self.at("kw", "then") or self.at("open")
        ):
            self.pos += 1
        if self.pos == begin:
            return None
        text = self._span_text(self.lexes[begin].start, self.lexes[self.pos - 1].end)
        return _Event(text)

    def _p_results(self) -> _Fact | None:
        """ "По итогам года / каждого квартала / учебного года / 2021 года": due when the
        period ends, like the period itself; anything else is an event ("по итогам
        конкурса")."""
        if not self.take_if("kw", "results"):
            return None
        if (fact := self.attempt(self._p_school_year)) is not None:
            return _SchoolYear("end") if isinstance(fact, _SchoolYear) else fact
        if (anchor := self.attempt(self._p_anchor)) is not None:
            return anchor
        lex = self.peek()
        if lex is not None and lex.kind == "kw" and str(lex.value) in _UNIT_MONTHS:
            self.take()
            return _Freq(_UNIT_MONTHS[str(lex.value)])
        return self._event_until_clause_end()

    def _p_month_day(self) -> _Fact | None:
        day = self.take_if("num") or self.take_if("ord")
        noun = self.take_if("kw", "day_noun")
        if day is None or noun is None or self.at("month"):
            return None  # "5 числа января" is a day of a month: _p_day_month reads it
        end = noun.end
        if not 1 <= day.number <= MONTH_END:
            return _Problem("invalid_date", self._span_text(day.start, end))
        per = None
        if (month := self.take_if("kw", "month_noun")) is not None:
            per, end = 1, month.end
        following = None
        if self.at("kw", "following") or (self.at("comma") and self.at("kw", "following", 1)):
            self.take_if("comma")
            end = self.take().end
            unit = self.peek()
            if unit is not None and unit.kind == "kw" and str(unit.value) in _UNIT_MONTHS:
                following, end = _UNIT_MONTHS[str(unit.value)], self.take().end
            elif per == 1:
                following = 1  # "до 5 числа месяца, следующего за отчётным"
            else:
                return _Problem("ambiguous_day_of_month", self._span_text(day.start, end))
        return _MonthDay(day.number, self._span_text(day.start, end), per, following)

    def _p_school_year(self) -> _Fact | None:
        """ "учебный год", "2021/2022 уч. г.", "в течение 2021-2022 учебного года", "начало
        учебного года", "конца 2021-2022 учебного года" (the rule is in the module's doc)."""
        point: Literal["during", "end", "start"] = "during"
        if self.take_if("kw", "end"):
            point = "end"
        elif self.take_if("kw", "start"):
            point = "start"
        years = None
        if self.at("year") and (self.at("dash", offset=1) or self.at("slash", offset=1)):
            if self.at("year", offset=2):
                years = (self.take(), self.take(), self.take())
        if not (self.take_if("kw", "school") and self.take_if("kw", "year")):
            return None
        if years is None:
            return _SchoolYear(point)
        first, _, last = years
        if last.number != first.number + 1:
            # Both ways wrong ("2021-2023", "2022-2021"): a school year is two years in a row.
            return _Problem("invalid_school_year", self._span_text(first.start, last.end))
        return _school_year_anchor(point, first.number)

    def _p_dated_school_year(self) -> _Fact | None:
        fact = self._p_school_year()
        return None if isinstance(fact, _SchoolYear) else fact

    def _p_by(self) -> _Fact | None:
        if not self.take_if("kw", "by"):
            return None
        anchor = self._p_anchor()  # "до конца 2021 года" / "до конца 2021-2022 уч. г."
        return replace(anchor, role="by") if isinstance(anchor, _Anchor) else None

    def _p_from(self) -> _Fact | None:
        if not self.take_if("kw", "from"):
            return None
        anchor = self._p_anchor()
        return replace(anchor, role="from") if isinstance(anchor, _Anchor) else None

    def _p_anchor(self) -> _Fact | None:
        """An anchor, or a span of two joined by a dash: "май 2021 – II квартал 2022",
        "II полугодие 2021 – I полугодие 2022", "01.09.2021 – 31.05.2022" are due once, at
        the end of the second, with the window from the start of the first."""
        begin = self.pos
        first = self._p_single_anchor()
        if not isinstance(first, _Anchor) or not self.at("dash"):
            return first
        exact = self.lexes[begin].kind == "date"
        saved = self.pos
        self.take()
        last = self.attempt(self._p_single_anchor)
        if not isinstance(last, _Anchor) or last.year is None:
            self.pos = saved  # "Май 2021 г., далее – ежегодно": not a span
            return first
        span = _span_anchor(first, last, exact_start=exact)
        if span is None:
            end = self.lexes[self.pos - 1].end
            return _Problem("invalid_range", self._span_text(self.lexes[begin].start, end))
        return span

    def _p_single_anchor(self) -> _Fact | None:
        if (fact := self.attempt(self._p_dated_school_year)) is not None:
            return fact
        self.take_if("kw", "end")  # "конец 2021 года" is the year's last day anyway
        for production in (
            self._p_date,
            self._p_day_month,
            self._p_quarter,
            self._p_month_range,
            self._p_year_range,
        ):
            if (fact := self.attempt(production)) is not None:
                return fact
        return None

    def _p_date(self) -> _Fact | None:
        lex = self.take_if("date")
        if lex is None or not isinstance(lex.value, date):
            return None
        return _Anchor(lex.value.month, lex.value.day, lex.value.year)

    def _p_day_month(self) -> _Fact | None:
        day = self.take_if("num") or self.take_if("ord")  # "1 февраля", "1-го февраля"
        self.take_if("kw", "day_noun")  # "5 числа января"
        month = self.take_if("month")
        if day is None or month is None:
            return None
        # 29 February is checked against the year when the date is resolved.
        if not 1 <= day.number <= calendar.monthrange(2000, month.number)[1]:
            return _Problem("invalid_date", self._span_text(day.start, month.end))
        year = _year_of(self.take_if("year"))
        if year is not None and day.number > calendar.monthrange(year, month.number)[1]:
            return _Problem("invalid_date", self._span_text(day.start, month.end))
        return _Anchor(month.number, day.number, year)

    def _p_quarter(self) -> _Fact | None:
        """ "1 квартал 2021 года", "II полугодие 2021", "первый квартал"; a range of them is
        one span, due at its end: "1-3 квартал 2023 г.", "I–II кварталы"."""
        number = self.take_if("num") or self.take_if("ord")
        if number is None:
            return None
        last_number = number
        if self.at("dash") and (self.at("num", offset=1) or self.at("ord", offset=1)):
            self.take()
            last_number = self.take()
        unit = self.take_if("kw", "quarter") or self.take_if("kw", "half")
        if unit is None:
            return None
        size = 3 if unit.value == "quarter" else 6
        first_index, last_index = number.number, last_number.number
        if not (1 <= first_index <= 12 // size and 1 <= last_index <= 12 // size):
            return _Problem("invalid_date", self._span_text(number.start, unit.end))
        if last_index < first_index:
            return _Problem("invalid_range", self._span_text(number.start, unit.end))
        year = _year_of(self.take_if("year"))
        last_month = last_index * size
        return _Anchor(last_month, MONTH_END, year, first=(year, first_index * size - size + 1, 1))

    def _p_month_range(self) -> _Fact | None:
        """ "Май 2021", "Май-июнь 2021", "Декабрь 2021 года - январь 2022 года"."""
        first = self.take_if("month")
        if first is None:
            return None
        first_year = _year_of(self._take_year_of_month())
        if not (self.at("dash") and self.at("month", offset=1)):
            return _Anchor(first.number, MONTH_END, first_year)
        self.take()
        last = self.take()
        last_year = _year_of(self._take_year_of_month())
        return _range_anchor((first_year, first.number), (last_year, last.number))

    def _take_year_of_month(self) -> _Lex | None:
        """The year after a month, also past a comma ("Сентябрь, 2021")."""
        if self.at("comma") and self.at("year", offset=1):
            self.take()
        return self.take_if("year")

    def _p_year_range(self) -> _Fact | None:
        """ "2021 г." or "2021-2022 гг.": the whole year(s)."""
        first = self.take_if("year")
        if first is None:
            return None
        last = first
        if self.at("dash") and self.at("year", offset=1):
            self.take()
            last = self.take()
        if last.number < first.number:
            return _Problem("invalid_range", self._span_text(first.start, last.end))
        return _Anchor(12, MONTH_END, last.number, first=(first.number, 1, 1))

    def _p_frequency(self) -> _Fact | None:
        """ "Ежегодно", "ежеквартально", "N раз в год", "раз в полгода", "дважды в год"."""
        lex = self.peek()
        if lex is None:
            return None
        adverbs = {"yearly": 12, "quarterly": 3, "monthly": 1}
        if lex.kind == "kw" and lex.value in adverbs:
            self.take()
            return _Freq(adverbs[str(lex.value)])
        count = self._count()
        if count is None:
            return None
        per = 1
        if (lex := self.take_if("num")) is not None:
            per = lex.number
        unit = self.take_if("kw")
        units = {"year": 12, "quarter": 3, "month_noun": 1, "half_year": 6, "half": 6}
        if unit is None or unit.value not in units or count <= 0:
            return None
        step = units[str(unit.value)] * per / count
        return _Freq(max(1, round(step)))

    def _count(self) -> int | None:
        """How many times: "1 раз", "одного 1 раза", "двух раз", "дважды"."""
        if self.take_if("kw", "twice"):
            return 2
        if self.take_if("kw", "thrice"):
            return 3
        numbers = []
        while (lex := self.take_if("num")) is not None:
            numbers.append(lex.number)
        if not self.take_if("kw", "times"):
            return None
        # "одного 1 раза" repeats the number in digits; the last one is the one meant.
        return numbers[-1] if numbers else 1

    def _p_continuous(self) -> _Fact | None:
        """ "Постоянно", "в течение всего периода реализации программы", "в течение года"."""
        words = ("whole", "period", "implementation", "program")
        if self.take_if("kw", "continuous"):
            self._skip_kw(*words)
            return _Continuous()
        if self.take_if("kw", "during"):
            if (fact := self.attempt(self._p_school_year)) is not None:
                return fact  # "в течение (2021-2022) учебного года"
            if (anchor := self.attempt(self._p_anchor)) is not None:
                return anchor  # "в течение 2021 года" is the year as a window
            consumed = self._skip_kw(*words, "year")
            return _Continuous() if consumed else None
        if self.at("kw", "whole") and self._skip_kw(*words) >= 2:
            return _Continuous()  # "весь период реализации"
        return None

    def _p_flag(self) -> _Fact | None:
        lex = self.peek()
        if lex and lex.kind == "kw" and lex.value in ("on_request", "as_needed", "per_schedule"):
            self.take()
            return _Flag(str(lex.value))
        return None

    def _skip_kw(self, *names: str) -> int:
        count = 0
        while (lex := self.peek()) is not None and lex.kind == "kw" and lex.value in names:
            self.take()
            count += 1
        return count

    def _span_text(self, start: int, end: int) -> str:
        return " ".join(self.text[start:end].split())


def _months_only(lexes: Sequence[_Lex]) -> tuple[_Anchor, ...]:
    """Months or month ranges with nothing else ("сентябрь", "май - июнь", "май, ноябрь"),
    or nothing."""
    anchors: list[_Anchor] = []
    for item in _split_list(lexes):
        kinds = [lex.kind for lex in item]
        if kinds == ["month"]:
            anchors.append(_Anchor(item[0].number, MONTH_END, None))
        elif kinds == ["month", "dash", "month"]:
            first, last = item[0].number, item[2].number
            anchors.append(_Anchor(last, MONTH_END, None, first=(None, first, 1)))
        else:
            return ()
    return tuple(anchors)


def _split_list(lexes: Sequence[_Lex]) -> list[list[_Lex]]:
    """ "май, ноябрь", "мае и ноябре": the items between commas and conjunctions."""
    items: list[list[_Lex]] = [[]]
    for lex in lexes:
        if lex.kind in ("comma", "conj"):
            items.append([])
        else:
            items[-1].append(lex)
    return items


def _school_year_anchor(point: str, first_year: int) -> _Anchor:
    """The school year that starts in September of `first_year`, read at `point`."""
    start_month, start_day = SCHOOL_YEAR_START
    end_month, end_day = SCHOOL_YEAR_END
    if point == "start":
        return _Anchor(start_month, start_day, first_year)
    if point == "end":
        return _Anchor(end_month, end_day, first_year + 1)
    return _Anchor(end_month, end_day, first_year + 1, first=(first_year, start_month, start_day))


def _year_of(lex: _Lex | None) -> int | None:
    return lex.number if lex is not None else None


def _span_anchor(first: _Anchor, last: _Anchor, *, exact_start: bool) -> _Anchor | None:
    """From the start of `first` to the end of `last` (which has its year). `first` without
    a year takes the year of `last`, or the one before when it ends later in the calendar
    ("II полугодие – I полугодие 2022"). None when it ends before it starts."""
    assert last.year is not None
    year = first.year
    if year is None:
        year = last.year if (first.month, first.day) <= (last.month, last.day) else last.year - 1
    if first.first is not None:
        start_year, start_month, start_day = first.first
        if start_year is None:
            start_year = year if start_month <= first.month else year - 1
    else:
        start_year, start_month = year, first.month
        start_day = first.day if exact_start or first.day != MONTH_END else 1
    start = _on_day(start_year, start_month, start_day)  # "29 февраля" of a lent common year
    end = _on_day(last.year, last.month, last.day)
    if start > end:
        return None
    return _Anchor(last.month, last.day, last.year, first=(start.year, start.month, start.day))


def _range_anchor(first: tuple[int | None, int], last: tuple[int | None, int]) -> _Fact:
    """A month range; a missing year is taken from the other end ("Май - июнь 2020"),
    and a range across New Year ("декабрь - январь 2022") starts the year before."""
    (first_year, first_month), (last_year, last_month) = first, last
    if last_year is None:
        last_year = (
            first_year if first_year is None or last_month >= first_month else (first_year + 1)
        )
    if first_year is None and last_year is not None:
        first_year = last_year if first_month <= last_month else last_year - 1
    if (
        first_year is not None
        and last_year is not None
        and ((first_year, first_month) > (last_year, last_month))
    ):
        return _Problem("invalid_range", f"{first_month}.{first_year}-{last_month}.{last_year}")
    return _Anchor(last_month, MONTH_END, last_year, first=(first_year, first_month, 1))


# ---------------------------------------------------------------------------------------
# Splitting a cell that holds several deadlines


_HEAD_BREAKERS = ("comma", "conj", "dash")


def _split_parts(located: list[_Located], lexes: Sequence[_Lex]) -> list[list[_Located]]:
    """ "Декабрь 2020 г. Ноябрь 2020 г. Ноябрь 2020 г." names three deadlines: a dated anchor
    that follows a complete deadline with no comma, conjunction or dash between starts the
    next one. With a comma ("Май 2021, июнь 2021") it is one deadline with two dates."""
    parts: list[list[_Located]] = [[]]
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


def _starts_deadline(item: _Located, part: list[_Located]) -> bool:
    """A dated anchor starts a deadline; "до <date>" right after a frequency bounds the
    repetitions instead ("ежегодно до 1 февраля 2024 года")."""
    fact = item.fact
    if not isinstance(fact, _Anchor) or fact.year is None or fact.role == "from":
        return False
    repeating = any(isinstance(i.fact, _Then | _Freq | _Continuous) for i in part)
    return fact.role == "at" or not repeating


def _is_complete(part: list[_Located]) -> bool:
    return any(
        isinstance(i.fact, _Then) or (isinstance(i.fact, _Anchor) and i.fact.year is not None)
        for i in part
    )


# ---------------------------------------------------------------------------------------
# Resolving facts into a DeadlineSpec


@dataclass(frozen=True)
class _Period:
    start: date
    end: date
    # False when the caller has no period: only dated one-off deadlines can then be read.
    known: bool = True


@dataclass
class _Reading:
    """The facts of one deadline, sorted by role."""

    head: list[_Anchor] = field(default_factory=list)  # dated before any repetition
    tail: list[_Anchor] = field(default_factory=list)  # after "далее" / the frequency
    since: _Anchor | None = None
    steps: list[int] = field(default_factory=list)
    continuous: bool = False
    school_year: Literal["during", "end", "start"] | None = None
    flags: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[_Problem] = field(default_factory=list)
    bracket_months: list[_Anchor] = field(default_factory=list)
    month_days: list[_MonthDay] = field(default_factory=list)


def _read(facts: Iterable[_Fact]) -> _Reading:
    reading = _Reading()
    repeating = False  # after "далее" or a frequency, anchors shape the repetitions
    for fact in facts:
        match fact:
            case _Anchor(role="from"):
                reading.since = fact
            case _Anchor():
                (reading.tail if repeating else reading.head).append(fact)
            case _Freq(step_months=step):
                reading.steps.append(step)
                repeating = True
            case _Then():
                repeating = True
            case _Continuous():
                reading.continuous = True
                repeating = True
            case _MonthDay():
                reading.month_days.append(fact)
            case _SchoolYear(point=point):
                reading.school_year = point
            case _Flag(name=name):
                reading.flags.append(name)
            case _Event(text=text):
                reading.events.append(text)
            case _Paren(text=text, flags=flags, months=months):
                reading.notes.append(text)
                reading.flags.extend(flags)
                reading.bracket_months.extend(months)
            case _Problem():
                reading.problems.append(fact)
    return reading


class _Unresolvable(Exception):
    def __init__(self, reason: str, **params: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.params = params


def _resolve(facts: list[_Fact], original: str, period: _Period) -> DeadlineSpec:
    reading = _read(facts)
    base = DeadlineSpec(
        kind="unparsed",
        original=original,
        flags=tuple(dict.fromkeys(reading.flags)),
        note="; ".join(n for n in reading.notes if n) or None,
    )
    try:
        return _resolve_reading(reading, base, period)
    except _Unresolvable as exc:
        return replace(
            base, kind="unparsed", reason=exc.reason, params=tuple(sorted(exc.params.items()))
        )


def _resolve_reading(reading: _Reading, base: DeadlineSpec, period: _Period) -> DeadlineSpec:
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
        raise _Unresolvable(reason, value=words)
    if reading.month_days:
        return _month_day_series(base, reading, period)
    repeating = bool(reading.steps or reading.school_year)
    if not repeating:
        reading.head = _lend_years(reading.head)
        if _yearless_only(reading) and not reading.events:
            return _yearless_series(base, reading, period)
    if not period.known and (repeating or reading.continuous):
        raise _Unresolvable("no_period")  # nothing bounds the repetitions
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
        recurrence = _recurrence_name(min(reading.steps)) if reading.steps else None
        return replace(
            spec, kind="event_triggered", event="; ".join(reading.events), recurrence=recurrence
        )
    if reading.school_year:
        return _school_year_series(spec, reading, reading.school_year, period)
    if reading.steps:
        return _series_spec(spec, reading, head, phase_anchors, period)
    if reading.continuous:
        return _continuous_spec(spec, reading, period)
    if due:
        return replace(spec, kind="dates")
    if reading.flags:
        return replace(spec, kind="event_triggered", recurrence=reading.flags[0])
    if reading.tail:
        raise _Unresolvable("missing_year")
    if reading.since:
        raise _Unresolvable("no_due_date")  # "после 1 марта 2021" says when work may start
    raise _Unresolvable("empty" if not base.original.strip() else "unknown_phrase")


def _month_day_series(base: DeadlineSpec, reading: _Reading, period: _Period) -> DeadlineSpec:
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
        raise _Unresolvable("ambiguous_day_of_month", value=marker.text)
    if not period.known:
        raise _Unresolvable("no_period")
    step = named or 1
    start = _series_start(reading, period)
    dates = []
    year, month = start.year, start.month
    while date(year, month, 1) <= period.end:
        if following is None:
            due = _on_day(year, month, marker.day)
        elif month % following == 0:  # a calendar period ends with this month
            due = _on_day(*_add_months(year, month, 1), marker.day)
        else:
            due = None
        if due is not None and start <= due <= period.end:
            dates.append(due)
        year, month = _add_months(year, month, 1)
    return _dates_spec(
        base, dates, recurrence=_recurrence_name(step), flags=base.flags, period=period
    )


def _lend_years(anchors: list[_Anchor]) -> list[_Anchor]:
    """ "Май, сентябрь 2021": a month without a year takes the year of the next month that
    has one (the year before, when it comes later in the calendar: "ноябрь, январь 2022")."""
    lent: list[_Anchor] = []
    for index, anchor in enumerate(anchors):
        if anchor.year is None and anchor.role == "at":
            dated = next((a for a in anchors[index + 1 :] if a.year is not None), None)
            if dated is not None:
                year = dated.year - 1 if anchor.month > dated.month else dated.year
                first = anchor.first
                if first is not None and first[0] is None:
                    first = (year if first[1] <= anchor.month else year - 1, *first[1:])
                anchor = replace(anchor, year=year, first=first)
        lent.append(anchor)
    return lent


def _yearless_only(reading: _Reading) -> bool:
    """ "Май, сентябрь", "до 1 февраля": dates with no year at all, and nothing that would
    make them something else (a continuous task, a start)."""
    return (
        bool(reading.head)
        and all(a.year is None and a.role in ("at", "by") for a in reading.head)
        and not (reading.tail or reading.continuous)
    )


def _yearless_series(base: DeadlineSpec, reading: _Reading, period: _Period) -> DeadlineSpec:
    """Every named month (or day of a month) inside the period, each year."""
    if not period.known:
        raise _Unresolvable("missing_year")
    start = _series_start(reading, period)
    due: dict[date, date | None] = {}
    for anchor in reading.head:
        for year in range(start.year, period.end.year + 1):
            day = _on_day(year, anchor.month, anchor.day)
            if start <= day <= period.end and day not in due:
                due[day] = _window_of(anchor, year, period)
    dates = sorted(due)
    spec = replace(base, window_start=due[dates[0]] if dates else None)
    return _dates_spec(spec, dates, recurrence="yearly", flags=spec.flags, period=period)


def _window_of(anchor: _Anchor, year: int, period: _Period) -> date | None:
    """A yearless range's start ("май - июнь"; "декабрь - январь" starts the year before)."""
    if anchor.first is None:
        return None
    _, first_month, first_day = anchor.first
    first_year = year if first_month <= anchor.month else year - 1
    return max(date(first_year, first_month, first_day), period.start)


def _due_in_period(anchor: _Anchor, period: _Period) -> tuple[date, date | None]:
    """An anchor's due date and window start; a one-off date must lie inside the period."""
    if anchor.year is None:
        raise _Unresolvable("missing_year")
    due = _on_day(anchor.year, anchor.month, anchor.day)
    if period.known and not period.start <= due <= period.end:
        raise _Unresolvable(
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


def _school_year_series(
    spec: DeadlineSpec,
    reading: _Reading,
    point: Literal["during", "end", "start"],
    period: _Period,
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
    flags = (*spec.flags, _SCHOOL_YEAR_FLAGS[point])
    dates = [*spec.due_dates, *dates]
    return _dates_spec(spec, dates, recurrence="yearly", flags=flags, period=period)


def _series_spec(
    spec: DeadlineSpec,
    reading: _Reading,
    head: list[_Anchor],
    phase_anchors: list[_Anchor],
    period: _Period,
) -> DeadlineSpec:
    # "ежегодно не реже двух раз в год": the most frequent reading is the binding one.
    step = min(reading.steps)
    phase = phase_anchors[-1] if phase_anchors else None
    until = period.end
    start = _series_start(reading, period)
    if phase is not None and phase.year is not None:
        until = min(until, _on_day(phase.year, phase.month, phase.day))
        if phase.first is not None and phase.first[0] is not None:
            # "ежеквартально в 2022 году", "по итогам полугодия 2022 года": within that span.
            start = max(start, date(*phase.first))
        if until < period.start or start > period.end:
            # "ежегодно до 1 февраля 2019 года" in a roadmap from 2020: no repetition is left,
            # and the period's end would be a made-up date.
            raise _Unresolvable(
                "date_outside_period",
                date=_on_day(phase.year, phase.month, phase.day).isoformat(),
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
        raise _Unresolvable("months_and_frequency_disagree", value=spec.original)
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
    dates = [*spec.due_dates, *(d for d in series if period.start <= d <= period.end)]
    return _dates_spec(
        spec, dates, recurrence=_recurrence_name(step), flags=spec.flags, period=period
    )


def _dates_spec(
    spec: DeadlineSpec,
    dates: list[date],
    *,
    recurrence: str,
    flags: tuple[str, ...],
    period: _Period,
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


def _series_start(reading: _Reading, period: _Period) -> date:
    since = reading.since
    if since is None or since.year is None:
        return period.start
    if since.first is not None:
        first_year, month, day = since.first
        start = date(first_year or since.year, month, day)
    elif since.day == MONTH_END:
        start = date(since.year, since.month, 1)
    else:
        start = date(since.year, since.month, since.day)
    if start > period.end:
        raise _Unresolvable(
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
        year, month, day = *_add_months(after.year, after.month, step), anchor_day
    else:
        day = MONTH_END
        # Calendar ends: December for yearly, June and December for twice a year...
        year, month = _first_aligned(start - timedelta(days=1), 12, MONTH_END, step)
    dates = []
    while (current := _on_day(year, month, day)) <= until:
        dates.append(current)
        year, month = _add_months(year, month, step)
    return dates


def _first_aligned(ref: date, phase_month: int, day: int, step: int) -> tuple[int, int]:
    """The first (year, month) after `ref` whose month is in step with `phase_month`."""
    cycle = min(step, 12)
    year, month = ref.year, ref.month
    while (month - phase_month) % cycle != 0 or _on_day(year, month, day) <= ref:
        year, month = _add_months(year, month, 1)
    return year, month


def _continuous_spec(spec: DeadlineSpec, reading: _Reading, period: _Period) -> DeadlineSpec:
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
    return replace(spec, kind="continuous", check_in_months=months, check_in_dates=tuple(check_ins))


def _recurrence_name(step: int) -> str:
    return _RECURRENCE_NAMES.get(step, f"every_{step}_months")


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _on_day(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


# ---------------------------------------------------------------------------------------
# Public API


def parse_deadline(
    phrase: str, *, period_start: date | None = None, period_end: date | None = None
) -> DeadlineSpec:
    """Read one "Срок" cell. A cell with several deadlines gets `parts`, one per deadline,
    and a merged top-level spec (its due dates are the union of the parts').

    Without a period (both ends None) only dated one-off deadlines are read; repetitions and
    continuous work are "no_period", months without a year "missing_year"."""
    if period_start is None and period_end is None:
        period = _Period(date.min, date.max, known=False)
    elif period_start is None or period_end is None:
        raise ValueError("give both ends of the period, or neither")
    elif period_end < period_start:
        raise ValueError("period_end is before period_start")
    else:
        period = _Period(period_start, period_end)
    original = " ".join((phrase or "").split())
    lexes = _lex(phrase or "")
    located = _Parser(lexes, phrase or "").facts()
    groups = _split_parts(located, lexes)
    specs = [
        _resolve([i.fact for i in group], _group_text(phrase, lexes, group), period)
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


def _group_text(phrase: str, lexes: Sequence[_Lex], group: list[_Located]) -> str:
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


_YEAR_RE = re.compile(r"(?<!\d)(\d{1,2}\.\d{1,2}\.)?((?:19|20)\d\d)(?!\d)")


def shift_years(text: str, years: int) -> str:
    """Move every year named in a phrase ("Май 2021", "до 01.12.2021") by whole years;
    29 February becomes 28 February when the new year is not a leap year."""

    def shift(match: re.Match[str]) -> str:
        day_month, year = match.group(1), int(match.group(2)) + years
        if day_month and day_month.startswith(("29.02.", "29.2.")) and not calendar.isleap(year):
            day_month = "28" + day_month[2:]
        return f"{day_month or ''}{year}"

    return _YEAR_RE.sub(shift, text)
