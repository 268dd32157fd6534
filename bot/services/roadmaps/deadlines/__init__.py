"""Deadline phrases of roadmap tables ("Срок") turned into concrete due dates.

The phrase goes through three small stages, one module each:

1. lexing (`lexer`): the text is cut into numbers, dates, words and punctuation, and every
   word is looked up in a vocabulary of month names and keywords (exactly, then allowing one
   typo when the word has at least four letters and the typo has a single reading: "июмь"
   could be June or July, so it is not guessed);
   filler words ("в", "не", "реже", "обновление") are dropped, year marks ("г.", "года")
   are folded into the year they follow;
2. parsing (`grammar`, into the `facts`): small productions turn the lexemes into facts:
   anchors (a date, a month, a month range, a quarter, a year), frequencies ("ежегодно",
   "два раза в год"), continuous work ("постоянно", "в течение всего периода"), days of the
   month ("до 5 числа"), flags ("по запросу"), events ("после ..."); a cell naming several
   deadlines one after the other is cut into parts (`parts`);
3. resolving (`reading`, `resolve`, `series`): the facts of a part become a `DeadlineSpec`
   (`spec`) bounded by the roadmap's period.

`parse` holds the entry points, `shift` moves a template's years.

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
  30 June 2022 (window from 1 July 2021); so is any pair of anchors joined by a dash
  ("31 мая – 30 июня 2022", "1–15 сентября 2022", "01.09.2021 – 31.05": an end without a
  year takes the other's) or by "с ... по / до ..." ("с 01.09.2021 по 31.05.2022"); a span
  with no year at all ("1 сентября – 31 мая", "с 1 сентября по 31 мая") is due at its end
  every year;
- "20.12" is a day of a month without a year, like "20 декабря";
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
- a start without a year in a repetition ("ежегодно с 1 сентября", "с сентября
  ежеквартально") is left for a human ("missing_year"): the first year would be a guess;
- weekly work ("еженедельно") is continuous, like daily work: check-ins, not a reminder a
  week;
- a school year's plan (its period starts on 1 September: "на 2026-2027 учебный год" in the
  title) has the school's parts of the year: "I полугодие" is September to December, "II
  полугодие" January to May (lessons end then); "I четверть" ends with October, "II" with
  December, "III" with March, "IV" with May, in any roadmap; "раз в четверть" / "по итогам
  четверти" is due at the end of each term (recurrence `TERMLY`). Monthly, quarterly and
  continuous repetitions of such a plan rest in July and August (no one is at school);
- "после <event>", "в течение месяца / 10 дней после <event>" and "по мере необходимости"
  alone have no date: kind "event_triggered";
- anything else is kind "unparsed" with a reason code, and the item is kept for a human.

Reasons and parameters are codes, never UI text: the handlers render them from locales/.
"""

from bot.services.roadmaps.deadlines.parse import parse_deadline, parse_deadline_cell
from bot.services.roadmaps.deadlines.shift import shift_years
from bot.services.roadmaps.deadlines.spec import (
    DEFAULT_CHECK_IN_MONTHS,
    MONTH_END,
    RECURRENCE_NAMES,
    SCHOOL_YEAR_END,
    SCHOOL_YEAR_FLAGS,
    SCHOOL_YEAR_START,
    TERMLY,
    DeadlineSpec,
    Kind,
)

__all__ = [
    "DEFAULT_CHECK_IN_MONTHS",
    "MONTH_END",
    "RECURRENCE_NAMES",
    "SCHOOL_YEAR_END",
    "SCHOOL_YEAR_FLAGS",
    "SCHOOL_YEAR_START",
    "TERMLY",
    "DeadlineSpec",
    "Kind",
    "parse_deadline",
    "parse_deadline_cell",
    "shift_years",
]
