"""Lexing: a phrase cut into numbers, dates, words and punctuation; every word looked up in a
vocabulary of month names and keywords (exactly, then allowing one typo with a single
reading); fillers dropped, year marks folded into the year they follow."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date


@dataclass(frozen=True)
class Lex:
    # month, num, ord, year, date, day_month, kw, comma, conj, dash, open, close, unknown
    kind: str
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
  | (?P<day_month>\d{1,2}\.\d{1,2})(?!\.?\d)
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
    # A school term: four a school year (the first ends with October).
    "term": ("четверть", "четверти", "четвертей", "четвертям", "четвертях"),
    "month_noun": ("месяц", "месяца", "месяцев", "месяцы", "месяцем"),
    # "в течение 10 дней / 2 недель после ...": a while after an event.
    "short_span": ("день", "дня", "дней", "неделя", "недели", "недель", "неделю"),
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
        # Weekly work has no single due date either: check-ins, not a reminder a week.
        "еженедельно",
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


def _parse_day_month(text: str) -> date | None:
    """ "20.12": a day of a month in no particular year, held in the leap year 2000 so that
    "29.02" exists (it is checked against the year when one is known)."""
    day, month = (int(part) for part in text.split("."))
    try:
        return date(2000, month, day)
    except ValueError:
        return None


def _is_year(number: int, digits: int) -> bool:
    return digits == 4 and 1900 <= number <= 2100


def _raw_lexemes(text: str) -> list[Lex]:
    lexes: list[Lex] = []
    for match in _TOKEN_RE.finditer(text):
        start, end, raw = match.start(), match.end(), match.group(0)
        if match.group("date"):
            parsed = _parse_date_token(match.group("date"))
            kind = "date" if parsed else "invalid_date"
            lexes.append(Lex(kind, parsed or raw, start, end, raw))
        elif match.group("day_month"):
            parsed = _parse_day_month(raw)
            kind = "day_month" if parsed else "invalid_date"
            lexes.append(Lex(kind, parsed or raw, start, end, raw))
        elif match.group("num"):
            digits = match.group("num")
            number = int(digits)
            is_ordinal = len(raw) > len(digits)
            kind = "year" if _is_year(number, len(digits)) else ("ord" if is_ordinal else "num")
            lexes.append(Lex(kind, number, start, end, raw))
        elif match.group("word"):
            word = _normalize_word(raw)
            kind, value = _lookup(word)
            lexes.append(Lex(kind, value, start, end, word))
        elif match.group("dash"):
            lexes.append(Lex("dash", "-", start, end, raw))
        else:
            lexes.append(Lex(_punct_kind(raw), raw, start, end, raw))
    return lexes


def _punct_kind(char: str) -> str:
    kinds = {",": "comma", "(": "open", ")": "close", "[": "open", "]": "close", "/": "slash"}
    return kinds.get(char, "punct")


def _fold_year_marks(lexes: list[Lex]) -> list[Lex]:
    """Attach "г.", "гг.", "г.г.", "года" to the year or date before them, drop fillers."""
    out: list[Lex] = []
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


def lexemes(text: str) -> list[Lex]:
    return _fold_year_marks(_raw_lexemes(text))
