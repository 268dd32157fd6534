"""Parsing: recursive-descent productions that turn lexemes into facts."""

from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import Literal

from bot.services.roadmaps.deadlines.facts import (
    Anchor,
    Continuous,
    Event,
    Fact,
    Flag,
    Freq,
    Located,
    MonthDay,
    Paren,
    Problem,
    SchoolYear,
    Terms,
    Then,
)
from bot.services.roadmaps.deadlines.lexer import Lex
from bot.services.roadmaps.deadlines.months import on_day
from bot.services.roadmaps.deadlines.spec import (
    MONTH_END,
    SCHOOL_HALVES,
    SCHOOL_TERMS,
    SCHOOL_YEAR_END,
    SCHOOL_YEAR_START,
)

# "по итогам квартала", "следующего за полугодием": the length of a named period.
UNIT_MONTHS = {"month_noun": 1, "quarter": 3, "half": 6, "half_year": 6, "year": 12}


class Parser:
    """Recursive-descent over the lexemes; each `_p_*` production returns a fact or None
    and leaves the position past what it consumed."""

    def __init__(self, lexes: Sequence[Lex], text: str) -> None:
        self.lexes = lexes
        self.text = text
        self.pos = 0

    # helpers ---------------------------------------------------------------------------

    def peek(self, offset: int = 0) -> Lex | None:
        index = self.pos + offset
        return self.lexes[index] if index < len(self.lexes) else None

    def at(self, kind: str, value: object = None, offset: int = 0) -> bool:
        lex = self.peek(offset)
        return lex is not None and lex.kind == kind and (value is None or lex.value == value)

    def take(self) -> Lex:
        lex = self.lexes[self.pos]
        self.pos += 1
        return lex

    def take_if(self, kind: str, value: object = None) -> Lex | None:
        return self.take() if self.at(kind, value) else None

    def attempt(self, production: Callable[[], Fact | None]) -> Fact | None:
        """Run a production; on failure rewind, so productions can look ahead freely."""
        saved = self.pos
        fact = production()
        if fact is None:
            self.pos = saved
        return fact

    # driver ----------------------------------------------------------------------------

    def facts(self) -> list[Located]:
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
        located: list[Located] = []
        while self.pos < len(self.lexes):
            start = self.pos
            fact = next((f for p in productions if (f := self.attempt(p)) is not None), None)
            if fact is None:
                fact = self._skip_or_problem()
            if fact is not None:
                located.append(Located(fact, start, self.pos - 1))
        return located

    def _skip_or_problem(self) -> Fact | None:
        lex = self.take()
        # A "до" without a date after it ("до окончания учебного года") adds nothing.
        ignorable = ("comma", "conj", "dash", "slash", "close")
        if lex.kind in ignorable or (lex.kind, lex.value) == ("kw", "by"):
            return None
        if lex.kind == "invalid_date":
            return Problem("invalid_date", lex.text)
        return Problem("unknown_words", lex.text)

    # productions -------------------------------------------------------------------------

    def _p_paren(self) -> Fact | None:
        """A remark in brackets: kept as a note; only its flags count, never its years
        ("в рамках программы ... на 2015 – 2024 годы")."""
        opening = self.take_if("open")
        if opening is None:
            return None
        depth, flags, end = 1, [], len(self.text)
        inside: list[Lex] = []
        while self.pos < len(self.lexes):
            lex = self.take()
            depth += {"open": 1, "close": -1}.get(lex.kind, 0)
            if depth == 0:
                end = lex.start
                break
            inside.append(lex)
            if lex.kind == "kw" and lex.value in ("on_request", "as_needed", "per_schedule"):
                flags.append(str(lex.value))
        return Paren(self._span_text(opening.end, end), tuple(flags), _yearless_anchors(inside))

    def _p_then(self) -> Fact | None:
        return Then() if self.take_if("kw", "then") else None

    def _p_after(self) -> Fact | None:
        """ "После <event>": the rest of the clause names the event."""
        if not self.take_if("kw", "after"):
            return None
        if (fact := self.attempt(self._p_school_year)) is not None:
            return fact
        if (anchor := self.attempt(self._p_anchor)) is not None:
            return replace(anchor, role="from") if isinstance(anchor, Anchor) else anchor
        return self._event_until_clause_end()

    def _event_until_clause_end(self) -> Fact | None:
        begin = self.pos
        while self.pos < len(self.lexes) and not (
            self.at("comma") or self.at("kw", "then") or self.at("open")
        ):
            self.pos += 1
        if self.pos == begin:
            return None
        text = self._span_text(self.lexes[begin].start, self.lexes[self.pos - 1].end)
        return Event(text)

    def _p_results(self) -> Fact | None:
        """ "По итогам года / каждого квартала / учебного года / 2021 года": due when the
        period ends, like the period itself; anything else is an event ("по итогам
        конкурса")."""
        if not self.take_if("kw", "results"):
            return None
        if (fact := self.attempt(self._p_school_year)) is not None:
            return SchoolYear("end") if isinstance(fact, SchoolYear) else fact
        if (anchor := self.attempt(self._p_anchor)) is not None:
            return anchor
        lex = self.peek()
        if lex is not None and lex.kind == "kw" and str(lex.value) in UNIT_MONTHS:
            self.take()
            return Freq(UNIT_MONTHS[str(lex.value)])
        if self.take_if("kw", "term"):
            return Terms()
        return self._event_until_clause_end()

    def _p_month_day(self) -> Fact | None:
        day = self.take_if("num") or self.take_if("ord")
        noun = self.take_if("kw", "day_noun")
        if day is None or noun is None or self.at("month"):
            return None  # "5 числа января" is a day of a month: _p_day_month reads it
        end = noun.end
        if not 1 <= day.number <= MONTH_END:
            return Problem("invalid_date", self._span_text(day.start, end))
        per = None
        if (month := self.take_if("kw", "month_noun")) is not None:
            per, end = 1, month.end
        following = None
        if self.at("kw", "following") or (self.at("comma") and self.at("kw", "following", 1)):
            self.take_if("comma")
            end = self.take().end
            unit = self.peek()
            if unit is not None and unit.kind == "kw" and str(unit.value) in UNIT_MONTHS:
                following, end = UNIT_MONTHS[str(unit.value)], self.take().end
            elif per == 1:
                following = 1  # "до 5 числа месяца, следующего за отчётным"
            else:
                return Problem("ambiguous_day_of_month", self._span_text(day.start, end))
        return MonthDay(day.number, self._span_text(day.start, end), per, following)

    def _p_school_year(self) -> Fact | None:
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
            return SchoolYear(point)
        first, _, last = years
        if last.number != first.number + 1:
            # Both ways wrong ("2021-2023", "2022-2021"): a school year is two years in a row.
            return Problem("invalid_school_year", self._span_text(first.start, last.end))
        return _school_year_anchor(point, first.number)

    def _p_dated_school_year(self) -> Fact | None:
        fact = self._p_school_year()
        return None if isinstance(fact, SchoolYear) else fact

    def _p_by(self) -> Fact | None:
        if not self.take_if("kw", "by"):
            return None
        anchor = self._p_anchor()  # "до конца 2021 года" / "до конца 2021-2022 уч. г."
        return replace(anchor, role="by") if isinstance(anchor, Anchor) else None

    def _p_from(self) -> Fact | None:
        if not self.take_if("kw", "from"):
            return None
        self.take_if("kw", "from")  # "начиная с 2021 г."
        anchor = self._p_anchor()
        return replace(anchor, role="from") if isinstance(anchor, Anchor) else None

    def _p_anchor(self) -> Fact | None:
        """An anchor, or a span of two joined by a dash: "май 2021 – II квартал 2022",
        "II полугодие 2021 – I полугодие 2022", "01.09.2021 – 31.05.2022" are due once, at
        the end of the second, with the window from the start of the first."""
        begin = self.pos
        first = self._p_single_anchor()
        if not isinstance(first, Anchor) or not self.at("dash"):
            return first
        saved = self.pos
        self.take()
        last = self.attempt(self._p_single_anchor)
        if not isinstance(last, Anchor):
            self.pos = saved  # "Май 2021 г., далее – ежегодно": not a span
            return first
        span = span_anchor(first, last)
        if span is None:
            end = self.lexes[self.pos - 1].end
            return Problem("invalid_range", self._span_text(self.lexes[begin].start, end))
        return span

    def _p_single_anchor(self) -> Fact | None:
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

    def _p_date(self) -> Fact | None:
        """ "25.05.2022", or "20.12" without a year."""
        lex = self.take_if("date") or self.take_if("day_month")
        if lex is None or not isinstance(lex.value, date):
            return None
        if lex.kind == "day_month" and self.at("kw", "times"):
            return Problem("unknown_words", lex.text)  # "1.5 раза в год" is no date
        year = lex.value.year if lex.kind == "date" else None
        return Anchor(lex.value.month, lex.value.day, year, named_day=True)

    def _p_day_month(self) -> Fact | None:
        """ "1 февраля", "1-го февраля 2022", and days of one month: "1–15 сентября 2022"."""
        day = self.take_if("num") or self.take_if("ord")
        if day is None:
            return None
        first_day = None
        if self.at("dash") and (self.at("num", offset=1) or self.at("ord", offset=1)):
            self.take()
            first_day, day = day, self.take()
        self.take_if("kw", "day_noun")  # "5 числа января"
        month = self.take_if("month")
        if month is None:
            return None
        begin = (first_day or day).start
        # 29 February is checked against the year when the date is resolved.
        longest = calendar.monthrange(2000, month.number)[1]
        days = [d.number for d in (first_day, day) if d is not None]
        if not all(1 <= d <= longest for d in days):
            return Problem("invalid_date", self._span_text(begin, month.end))
        if days != sorted(days):
            return Problem("invalid_range", self._span_text(begin, month.end))
        year = _year_of(self.take_if("year"))
        if year is not None and day.number > calendar.monthrange(year, month.number)[1]:
            return Problem("invalid_date", self._span_text(begin, month.end))
        first = (year, month.number, first_day.number) if first_day is not None else None
        return Anchor(month.number, day.number, year, first=first, named_day=True)

    def _p_quarter(self) -> Fact | None:
        """ "1 квартал 2021 года", "II полугодие 2021", "первый квартал"; a range of them is
        one span, due at its end: "1-3 квартал 2023 г.", "I–II кварталы". School terms and
        half-years of a school year are the school's: "I четверть", "II полугодие 2026-2027
        учебного года"."""
        number = self.take_if("num") or self.take_if("ord")
        if number is None:
            return None
        last_number = number
        if self.at("dash") and (self.at("num", offset=1) or self.at("ord", offset=1)):
            self.take()
            last_number = self.take()
        unit = (
            self.take_if("kw", "quarter")
            or self.take_if("kw", "half")
            or self.take_if("kw", "term")
        )
        if unit is None:
            return None
        first_index, last_index = number.number, last_number.number
        if unit.value == "term" or (unit.value == "half" and self._school_year_follows()):
            parts = SCHOOL_TERMS if unit.value == "term" else SCHOOL_HALVES
            if not (first_index in parts and last_index in parts):
                return Problem("invalid_date", self._span_text(number.start, unit.end))
            if last_index < first_index:
                return Problem("invalid_range", self._span_text(number.start, unit.end))
            return self._school_part(parts[first_index][0], parts[last_index][1])
        size = 3 if unit.value == "quarter" else 6
        if not (1 <= first_index <= 12 // size and 1 <= last_index <= 12 // size):
            return Problem("invalid_date", self._span_text(number.start, unit.end))
        if last_index < first_index:
            return Problem("invalid_range", self._span_text(number.start, unit.end))
        year = _year_of(self.take_if("year"))
        last_month = last_index * size
        halves = (first_index, last_index) if size == 6 and year is None else None
        return Anchor(
            last_month,
            MONTH_END,
            year,
            first=(year, first_index * size - size + 1, 1),
            halves=halves,
        )

    def _school_year_follows(self) -> bool:
        saved = self.pos
        follows = self._p_school_year() is not None
        self.pos = saved
        return follows

    def _school_part(self, first: tuple[int, int], last: tuple[int, int]) -> Fact:
        """A part of a school year from `first` to `last` (month, day): of the school year
        named after it, else of every school year (no year)."""
        school = self.attempt(self._p_school_year)
        if isinstance(school, Problem):
            return school
        start_year = None
        if isinstance(school, Anchor) and school.first is not None:
            start_year = school.first[0]
        elif school is None and (year := self.take_if("year")) is not None:
            # "I четверть 2026 г.": the calendar year the term falls in.
            start_year = year.number if first[0] >= SCHOOL_YEAR_START[0] else year.number - 1
        if start_year is None:
            return Anchor(last[0], last[1], None, first=(None, *first))

        def year_of(month: int) -> int:
            return start_year if month >= SCHOOL_YEAR_START[0] else start_year + 1

        return Anchor(last[0], last[1], year_of(last[0]), first=(year_of(first[0]), *first))

    def _p_month_range(self) -> Fact | None:
        """ "Май 2021", "Май-июнь 2021", "Декабрь 2021 года - январь 2022 года"."""
        first = self.take_if("month")
        if first is None:
            return None
        first_year = _year_of(self._take_year_of_month())
        if not (self.at("dash") and self.at("month", offset=1)):
            return Anchor(first.number, MONTH_END, first_year)
        self.take()
        last = self.take()
        last_year = _year_of(self._take_year_of_month())
        return _range_anchor((first_year, first.number), (last_year, last.number))

    def _take_year_of_month(self) -> Lex | None:
        """The year after a month, also past a comma ("Сентябрь, 2021")."""
        if self.at("comma") and self.at("year", offset=1):
            self.take()
        return self.take_if("year")

    def _p_year_range(self) -> Fact | None:
        """ "2021 г." or "2021-2022 гг.": the whole year(s)."""
        first = self.take_if("year")
        if first is None:
            return None
        last = first
        if self.at("dash") and self.at("year", offset=1):
            self.take()
            last = self.take()
        if last.number < first.number:
            return Problem("invalid_range", self._span_text(first.start, last.end))
        return Anchor(12, MONTH_END, last.number, first=(first.number, 1, 1))

    def _p_frequency(self) -> Fact | None:
        """ "Ежегодно", "ежеквартально", "N раз в год", "раз в полгода", "дважды в год"."""
        lex = self.peek()
        if lex is None:
            return None
        adverbs = {"yearly": 12, "quarterly": 3, "monthly": 1}
        if lex.kind == "kw" and lex.value in adverbs:
            self.take()
            return Freq(adverbs[str(lex.value)])
        count = self._count()
        if count is None:
            return None
        per = 1
        if (lex := self.take_if("num")) is not None:
            per = lex.number
        unit = self.take_if("kw")
        if unit is not None and unit.value == "term" and per == 1 and count == 1:
            return Terms()  # "1 раз в четверть"
        units = {"year": 12, "quarter": 3, "month_noun": 1, "half_year": 6, "half": 6}
        if unit is None or unit.value not in units or count <= 0:
            return None
        step = units[str(unit.value)] * per / count
        return Freq(max(1, round(step)))

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

    def _p_continuous(self) -> Fact | None:
        """ "Постоянно", "в течение всего периода реализации программы", "в течение года"."""
        words = ("whole", "period", "implementation", "program")
        if self.take_if("kw", "continuous"):
            self._skip_kw(*words)
            return Continuous()
        if self.take_if("kw", "during"):
            if (fact := self.attempt(self._p_school_year)) is not None:
                return fact  # "в течение (2021-2022) учебного года"
            if (event := self.attempt(self._p_while_after_event)) is not None:
                return event
            if (anchor := self.attempt(self._p_anchor)) is not None:
                return anchor  # "в течение 2021 года" is the year as a window
            consumed = self._skip_kw(*words, "year")
            return Continuous() if consumed else None
        if self.at("kw", "whole") and self._skip_kw(*words) >= 2:
            return Continuous()  # "весь период реализации"
        return None

    def _p_while_after_event(self) -> Fact | None:
        """ "(в течение) месяца / 10 дней / 2 недель после утверждения программы": due a while
        after an event nobody can date yet; the original phrase keeps the while."""
        self.take_if("num")
        if not (self.take_if("kw", "month_noun") or self.take_if("kw", "short_span")):
            return None
        if not self.take_if("kw", "after") or self.attempt(self._p_anchor) is not None:
            return None  # "в течение месяца после 1 марта 2022" is a date, not an event
        fact = self._event_until_clause_end()
        return fact if isinstance(fact, Event) else None

    def _p_flag(self) -> Fact | None:
        lex = self.peek()
        if lex and lex.kind == "kw" and lex.value in ("on_request", "as_needed", "per_schedule"):
            self.take()
            return Flag(str(lex.value))
        return None

    def _skip_kw(self, *names: str) -> int:
        count = 0
        while (lex := self.peek()) is not None and lex.kind == "kw" and lex.value in names:
            self.take()
            count += 1
        return count

    def _span_text(self, start: int, end: int) -> str:
        return " ".join(self.text[start:end].split())


def _yearless_anchors(lexes: Sequence[Lex]) -> tuple[Anchor, ...]:
    """What a bracket says when it holds only days, months or quarters without a year
    ("сентябрь", "май - июнь", "май, ноябрь", "I квартал", "до 1 февраля"), or nothing. A
    bracket inside is a remark, and is not parsed again (no recursion on "((((...")."""
    if any(lex.kind == "open" for lex in lexes):
        return ()
    facts = [item.fact for item in Parser(lexes, "").facts()]
    if facts and all(
        isinstance(f, Anchor) and f.year is None and f.role in ("at", "by") for f in facts
    ):
        return tuple(f for f in facts if isinstance(f, Anchor))
    return ()


def _school_year_anchor(point: str, first_year: int) -> Anchor:
    """The school year that starts in September of `first_year`, read at `point`."""
    start_month, start_day = SCHOOL_YEAR_START
    end_month, end_day = SCHOOL_YEAR_END
    if point == "start":
        return Anchor(start_month, start_day, first_year)
    if point == "end":
        return Anchor(end_month, end_day, first_year + 1)
    return Anchor(end_month, end_day, first_year + 1, first=(first_year, start_month, start_day))


def _year_of(lex: Lex | None) -> int | None:
    return lex.number if lex is not None else None


def span_anchor(first: Anchor, last: Anchor) -> Anchor | None:
    """From the start of `first` to the end of `last`. An end without a year takes the
    other's: `first` the year of `last`, or the one before when it ends later in the calendar
    ("II полугодие – I полугодие 2022"); `last` the year of `first`, or the one after
    ("01.09.2021 – 31.05"). With no year at either end the span recurs every year ("1
    сентября – 31 мая"), its start keeping no year either. None when it ends before it
    starts."""
    if first.first is not None:
        start_year, start_month, start_day = first.first
    else:
        start_year, start_month = first.year, first.month
        start_day = first.day if first.named_day or first.day != MONTH_END else 1
    last_year = last.year
    if last_year is None and first.year is not None:
        later = (last.month, last.day) >= (first.month, first.day)
        last_year = first.year if later else first.year + 1
    if last_year is None:
        return Anchor(last.month, last.day, None, first=(None, start_month, start_day))
    year = first.year
    if year is None:
        later = (first.month, first.day) <= (last.month, last.day)
        year = last_year if later else last_year - 1
    if start_year is None:
        start_year = year if start_month <= first.month else year - 1
    start = on_day(start_year, start_month, start_day)  # "29 февраля" of a lent common year
    end = on_day(last_year, last.month, last.day)
    if start > end:
        return None
    return Anchor(last.month, last.day, last_year, first=(start.year, start.month, start.day))


def _range_anchor(first: tuple[int | None, int], last: tuple[int | None, int]) -> Fact:
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
        return Problem("invalid_range", f"{first_month}.{first_year}-{last_month}.{last_year}")
    return Anchor(last_month, MONTH_END, last_year, first=(first_year, first_month, 1))
