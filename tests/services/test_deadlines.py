"""Deadline phrases ("Срок"): every cell of the seed roadmaps, other spellings, period bounds."""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import itertools
import random
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.services.roadmaps.deadlines import (
    DeadlineSpec,
    parse_deadline,
    parse_deadline_cell,
    shift_years,
)
from tests.hypothesis_profiles import examples

ROOT = Path(__file__).resolve().parents[2]
ROADMAPS = ROOT / "data" / "roadmaps"
PHRASES = yaml.safe_load((ROADMAPS / "deadline_phrases.yaml").read_text(encoding="utf-8"))

P2020 = {"period_start": date(2020, 1, 1), "period_end": date(2024, 12, 31)}


def _period(key: str) -> dict[str, date | None]:
    """A period of the data file; "unknown" has neither end (the parser gets None)."""
    period = PHRASES["periods"][key]
    return {"period_start": period["start"], "period_end": period["end"]}


def _entries(section: str) -> list[Any]:
    return [
        pytest.param(entry, id=f"{section}-{i}-{' '.join(entry['phrase'].split())[:40]}")
        for i, entry in enumerate(PHRASES[section])
    ]


def _check(spec: DeadlineSpec, expect: dict[str, Any]) -> None:
    assert spec.kind == expect["kind"], spec
    assert list(spec.due_dates) == expect.get("due", []), spec
    assert spec.window_start == expect.get("window_start")
    assert spec.recurrence == expect.get("recurrence")
    assert list(spec.flags) == expect.get("flags", [])
    assert spec.event == expect.get("event")
    assert spec.check_in_months == expect.get("check_in_months")
    assert list(spec.check_in_dates) == expect.get("check_ins", [])
    assert spec.reason == expect.get("reason")
    parts = expect.get("parts", [])
    assert len(spec.parts) == len(parts)
    for part, expected in zip(spec.parts, parts, strict=True):
        assert part.original == expected["phrase"]
        assert list(part.due_dates) == expected["due"]
        assert part.recurrence == expected.get("recurrence")


@pytest.mark.parametrize("entry", _entries("seeds"))
def test_every_seed_phrase(entry: dict[str, Any]) -> None:
    spec = parse_deadline(entry["phrase"], **_period(entry["period"]))
    _check(spec, entry["expect"])
    # No seed phrase is left for a human, except the truly event-triggered one.
    assert spec.kind != "unparsed"


@pytest.mark.parametrize("entry", _entries("school"))
def test_every_phrase_of_the_school_template(entry: dict[str, Any]) -> None:
    spec = parse_deadline(entry["phrase"], **_period(entry["period"]))
    _check(spec, entry["expect"])
    assert spec.kind != "unparsed"


@pytest.mark.parametrize("entry", _entries("variants"))
def test_variant_spellings(entry: dict[str, Any]) -> None:
    _check(parse_deadline(entry["phrase"], **_period(entry["period"])), entry["expect"])


def _squash(text: str) -> str:
    return " ".join(re.sub(r"</?p>", " ", text).split())


@pytest.mark.parametrize("entry", _entries("seeds"))
def test_seed_phrase_is_really_in_its_seed(entry: dict[str, Any], seeds_dir: Path) -> None:
    """The list is copied from the seeds, not invented: each line of each cell is there."""
    for seed in entry["seeds"]:
        text = _squash((seeds_dir / seed).read_text(encoding="utf-8"))
        for line in entry["phrase"].split("\n"):
            assert _squash(line) in text, (seed, line)


def _tab_table_cells(text: str) -> list[str]:
    """The "Срок" cells of a table dumped one row a line, cells split by tabs. A row with
    more cells than the header (a cell broken over two) has its deadline in the last
    non-empty cell of the columns it spreads over."""
    lines = text.split("\n")
    header = next(i for i, line in enumerate(lines) if re.search(r"\tСрок", line))
    columns = lines[header].split("\t")
    k = next(i for i, cell in enumerate(columns) if cell.strip().startswith("Срок"))
    cells = []
    for line in lines[header + 1 :]:
        if re.fullmatch(r"[-\t ]{3,}", line):
            break  # the end of the table; another one follows
        row = line.split("\t")
        while row and not row[-1].strip():
            row.pop()
        extra = max(0, len(row) - len(columns))
        spread = [cell for cell in map(_squash, row[k : k + extra + 1]) if cell]
        if spread:
            cells.append(spread[-1])
    return cells


def _cell_per_line_cells(text: str) -> list[str]:
    """A table dumped one cell a line (each starting with a tab), rows between blank lines."""
    cells = []
    for block in re.split(r"\n\s*\n", text):
        row = [line[1:] for line in block.split("\n") if line.startswith("\t")]
        if len(row) == 5 and not row[3].strip().startswith("Срок"):
            cells.append(_squash(row[3]))
    return cells


_DEADLINE_START = re.compile(
    r"(?i)(?<!\w)(январ|феврал|март|апрел|ма[йя](?!\w)|июн|июл|август|сентябр|октябр|ноябр"
    r"|декабр|до \d|ежегодно(?!\w)|ежеквартально|постоянно|после(?!\w)|далее)"
)


def _pdf_text_fragments(text: str) -> list[str]:
    """A table flattened to text lines (from a PDF): every line with a deadline word, from
    that word up to the responsible party that follows it on the line."""
    lines = text.split("\n")
    header = next(i for i, line in enumerate(lines) if re.search(r"\bСроки?\b", line))
    fragments = []
    for line in lines[header + 1 :]:
        if found := _DEADLINE_START.search(line):
            rest = re.split(r"\s(?:Управление|Руководители)", line[found.start() :])[0]
            fragments.append(_squash(rest))
    return fragments


_SEED_READERS = {
    "tomsk-region-roadmap-2020-2024.txt": _tab_table_cells,
    "samara-region-teacher-mentoring-roadmap.txt": _tab_table_cells,
    "tomsk-region-teacher-mentoring-program-2020-2024.txt": _tab_table_cells,
    "kedrovy-city-roadmap-2020-2024.txt": _cell_per_line_cells,
    "tomsk-district-roadmap-2020-2024.txt": _pdf_text_fragments,
}


@pytest.mark.parametrize("seed", sorted(_SEED_READERS))
def test_no_deadline_cell_of_a_seed_is_missing_from_the_list(seed: str, seeds_dir: Path) -> None:
    """Read the "Срок" cells out of the seed itself and find each in the list: a whole cell
    (or a line of a cell broken over lines) must be a line of a phrase listed for that seed;
    for the PDF dump, where cells cannot be cut exactly, a fragment must lie in one."""
    listed = [e["phrase"] for e in PHRASES["seeds"] if seed in e["seeds"]]
    lines = {_squash(line) for phrase in listed for line in [phrase, *phrase.split("\n")]}
    found = _SEED_READERS[seed]((seeds_dir / seed).read_text(encoding="utf-8"))
    assert len(found) >= 10
    if _SEED_READERS[seed] is _pdf_text_fragments:
        missing = [f for f in found if not any(f in line for line in lines)]
    else:
        missing = [cell for cell in found if cell not in lines]
    assert missing == []


def test_every_phrase_of_the_shipped_roadmaps_is_listed() -> None:
    listed = {_squash(entry["phrase"]) for entry in PHRASES["seeds"] + PHRASES["school"]}
    used = set()
    for path in ROADMAPS.glob("*.yaml"):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for stage in document.get("stages", []):
            for section in stage["sections"]:
                for item in section["items"]:
                    used.update(_squash(d["phrase"]) for d in item["deadlines"])
    assert used - listed == set()
    assert len(PHRASES["seeds"]) >= 55


# --- spellings -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typo", "month"),
    [
        ("Янаврь", 1),
        ("Февраь", 2),
        ("Марта", 3),
        ("Апреь", 4),
        ("Июнн", 6),
        ("Июлль", 7),
        ("Авуст", 8),
        ("Сетнябрь", 9),
        ("Октбярь", 10),
        ("Ноябр", 11),
        ("Деабрь", 12),
        ("сентябре", 9),
        ("ДЕКАБРЯ", 12),
        ("Мрт", 3),  # a four-letter word with a letter dropped
        ("Юнь", 6),
    ],
)
def test_month_with_one_typo(typo: str, month: int) -> None:
    spec = parse_deadline(f"{typo} 2021 г.", **P2020)
    assert spec.kind == "dates"
    assert [(d.year, d.month) for d in spec.due_dates] == [(2021, month)]


def _respellings(phrase: str) -> dict[str, str]:
    """The same phrase as other people type it."""
    return {
        "upper": phrase.upper(),
        "lower": phrase.lower(),
        "года": re.sub(r"(\d{4})\s*г\.", r"\1 года", phrase),
        "г.": re.sub(r"(\d{4}) года", r"\1 г.", phrase),
        "glued г.": re.sub(r"(\d{4})\s+г\.", r"\1г.", phrase),
        "glued comma": re.sub(r",\s+", ",", phrase),
        "glued dash": re.sub(r"\s*[-–—]\s*", "–", phrase),
        "spaced hyphen": re.sub(r"\s*[-–—]\s*", " - ", phrase),
        "em dash": re.sub(r"[-–]", "—", phrase),
        "minus sign": re.sub(r"[-–—]", "−", phrase),
        "double spaces": phrase.replace(" ", "  "),
        "no-break spaces": phrase.replace(" ", "\u00a0"),
        "no final dot": phrase.rstrip("."),
        "comma before the year": re.sub(r"(?i)(ь|й|т)\s+(\d{4})", r"\1, \2", phrase),
    }


def _outcome(spec: DeadlineSpec) -> tuple[object, ...]:
    return (
        spec.kind,
        spec.due_dates,
        spec.window_start,
        spec.recurrence,
        spec.check_in_dates,
        spec.flags,
        len(spec.parts),
    )


@pytest.mark.parametrize("entry", _entries("seeds"))
def test_every_seed_phrase_respelled_means_the_same(entry: dict[str, Any]) -> None:
    period = _period(entry["period"])
    expected = _outcome(parse_deadline(entry["phrase"], **period))
    for name, respelled in _respellings(entry["phrase"]).items():
        assert _outcome(parse_deadline(respelled, **period)) == expected, (name, respelled)


def _typos(word: str) -> set[str]:
    """Every one-letter slip: a letter dropped, doubled, swapped with the next, replaced."""
    found = set()
    for i in range(len(word)):
        found.add(word[:i] + word[i + 1 :])
        found.add(word[:i] + word[i] + word[i:])
        found.add(word[:i] + word[i + 1 : i + 2] + word[i] + word[i + 2 :])
        found.add(word[:i] + ("а" if word[i] == "о" else "о") + word[i + 1 :])
    found.discard(word)
    return found


# One slip turns these into another word of the vocabulary ("июнь"/"июль", "март"/"мере")
# or into no number at all (numbers are matched only exactly, "тех" is not "трех"): a typo
# of them may be left for a human, but never read as something else.
_AMBIGUOUS = {"июнь", "июль", "март", "мере", "двух"}


def test_a_one_letter_typo_in_a_seed_phrase_is_read_or_left_for_a_human() -> None:
    rng = random.Random(7)
    checked = understood = 0
    for entry in PHRASES["seeds"]:
        phrase, period = entry["phrase"], _period(entry["period"])
        expected = _outcome(parse_deadline(phrase, **period))
        for match in re.finditer(r"[^\W\d_]{4,}", phrase):
            word = match.group(0)
            typos = sorted(_typos(word))
            # Short words have few slips: all of them; long ones: a fixed sample.
            for typo in typos if len(word) <= 5 else rng.sample(typos, min(6, len(typos))):
                spec = parse_deadline(
                    phrase[: match.start()] + typo + phrase[match.end() :], **period
                )
                checked += 1
                if _outcome(spec) == expected:
                    understood += 1
                    continue
                assert spec.kind == "unparsed", (phrase, typo, spec)
                assert word.lower() in _AMBIGUOUS, (phrase, typo, spec.reason)
    assert checked > 1000 and understood / checked > 0.97


@pytest.mark.parametrize("word", ["Июмь", "Мйа", "Ноабьр", "Сетяборь", "Июь"])
def test_typos_that_are_ambiguous_or_too_far_are_not_guessed(word: str) -> None:
    spec = parse_deadline(f"{word} 2021 г.", **P2020)
    assert spec.kind == "unparsed"
    assert spec.reason == "unknown_words"
    assert spec.params_dict == {"value": word.lower()}


@pytest.mark.parametrize("dash", ["-", "‐", "‑", "‒", "–", "—", "―", "−"])
@pytest.mark.parametrize("spacing", ["{a}{d}{b}", "{a} {d} {b}", "{a}{d} {b}", "{a} {d}{b}"])
def test_every_dash_in_a_month_range(dash: str, spacing: str) -> None:
    phrase = spacing.format(a="Май", d=dash, b="июнь") + " 2020"
    spec = parse_deadline(phrase, **P2020)
    assert spec.due_dates == (date(2020, 6, 30),)
    assert spec.window_start == date(2020, 5, 1)


@pytest.mark.parametrize(
    "phrase",
    [
        "Май 2021",
        "Май 2021 г.",
        "Май 2021г",
        "Май 2021г.",
        "Май 2021 года",
        "Май 2021 год",
        "Май 2021 г.г.",
        "май2021",
        "МАЙ 2021 Г.",
        "  Май\n2021  г. ",
        "мая 2021 года",
        "Май, 2021 г.",
    ],
)
def test_year_marks_spaces_and_case(phrase: str) -> None:
    assert parse_deadline(phrase, **P2020).due_dates == (date(2021, 5, 31),)


@pytest.mark.parametrize(
    "phrase",
    [
        "Май 2021 г., далее – ежегодно до 1 февраля 2024 года",
        "Май 2021 г. далее ежегодно до 1 февраля 2024 г.",
        "май 2021г.,далее—ежегодно до 01.02.2024",
        "Май 2021, далее - ежегодно до 1 фераля 2024 года",
        "Май 2021 г., далее ежегодно, до 1-го февраля 2024 года",
    ],
)
def test_series_until_a_day(phrase: str) -> None:
    spec = parse_deadline(phrase, **P2020)
    assert spec.due_dates == (
        date(2021, 5, 31),
        date(2022, 2, 1),
        date(2023, 2, 1),
        date(2024, 2, 1),
    )
    assert spec.recurrence == "yearly"


@pytest.mark.parametrize(
    ("phrase", "recurrence"),
    [
        ("Ежегодно", "yearly"),
        ("ежеквартально", "quarterly"),
        ("ежемесячно", "monthly"),
        ("не реже двух раз в год", "twice_a_year"),
        ("2 раза в год", "twice_a_year"),
        ("один раз в квартал", "quarterly"),
        ("1 раз в два года", "every_two_years"),
        ("раз в 3 месяца", "quarterly"),
    ],
)
def test_frequencies(phrase: str, recurrence: str) -> None:
    spec = parse_deadline(phrase, **P2020)
    assert spec.kind == "dates"
    assert spec.recurrence == recurrence


# --- period bounds ---------------------------------------------------------------------


def test_a_one_off_date_outside_the_period_is_reported_with_its_bounds() -> None:
    spec = parse_deadline("До 15.03.2025", **P2020)
    assert spec.kind == "unparsed"
    assert spec.reason == "date_outside_period"
    assert spec.params_dict == {
        "date": "2025-03-15",
        "period_start": "2020-01-01",
        "period_end": "2024-12-31",
    }


def test_series_are_cut_at_both_ends_of_the_period() -> None:
    period = {"period_start": date(2021, 3, 1), "period_end": date(2023, 6, 30)}
    yearly = parse_deadline("Ежегодно", **period).due_dates
    assert yearly == (date(2021, 12, 31), date(2022, 12, 31))
    quarterly = parse_deadline("Ежеквартально", **period).due_dates
    assert quarterly[0] == date(2021, 3, 31)
    assert quarterly[-1] == date(2023, 6, 30)
    assert len(quarterly) == 10


def test_a_window_starting_before_the_period_starts_with_it() -> None:
    period = {"period_start": date(2021, 2, 26), "period_end": date(2021, 12, 31)}
    spec = parse_deadline("1 квартал 2021 года", **period)
    assert spec.due_dates == (date(2021, 3, 31),)
    assert spec.window_start == date(2021, 2, 26)


def test_continuous_work_checks_in_at_quarter_ends_and_at_the_end() -> None:
    period = {"period_start": date(2021, 2, 26), "period_end": date(2022, 1, 31)}
    spec = parse_deadline("Постоянно", **period)
    assert spec.kind == "continuous"
    assert spec.due_dates == ()
    assert spec.check_in_dates == (
        date(2021, 3, 31),
        date(2021, 6, 30),
        date(2021, 9, 30),
        date(2021, 12, 31),
        date(2022, 1, 31),
    )


def test_a_yearly_task_in_a_short_period_is_due_once_at_its_end() -> None:
    period = {"period_start": date(2021, 1, 1), "period_end": date(2021, 6, 30)}
    assert parse_deadline("ежегодно", **period).due_dates == (date(2021, 6, 30),)


def test_a_series_whose_start_is_after_the_period_is_outside_it() -> None:
    assert parse_deadline("Ежегодно с 2026 г.", **P2020).reason == "date_outside_period"


def test_an_event_can_start_repetitions() -> None:
    spec = parse_deadline("После утверждения критериев, далее ежегодно", **P2020)
    assert (spec.kind, spec.event, spec.recurrence) == (
        "event_triggered",
        "утверждения критериев",
        "yearly",
    )
    assert spec.due_dates == ()


def test_a_reversed_period_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        parse_deadline("Май 2021", period_start=date(2022, 1, 1), period_end=date(2021, 1, 1))


# --- cells with several deadlines --------------------------------------------------------


def test_a_cell_with_one_deadline_per_party_is_cut_into_parts() -> None:
    parts = parse_deadline_cell("Декабрь 2020 г. Ноябрь 2020 г. Ноябрь 2020 г.", **P2020)
    assert [p.original for p in parts] == ["Декабрь 2020 г.", "Ноябрь 2020 г.", "Ноябрь 2020 г."]
    assert [p.due_dates for p in parts] == [
        (date(2020, 12, 31),),
        (date(2020, 11, 30),),
        (date(2020, 11, 30),),
    ]


@pytest.mark.parametrize(
    ("phrase", "due", "window_start"),
    [
        ("май, сентябрь 2021", [date(2021, 5, 31), date(2021, 9, 30)], None),
        ("май и сентябрь 2021 г.", [date(2021, 5, 31), date(2021, 9, 30)], None),
        ("ноябрь, январь 2022", [date(2021, 11, 30), date(2022, 1, 31)], None),
        ("Май-июнь, сентябрь 2021 г.", [date(2021, 6, 30), date(2021, 9, 30)], date(2021, 5, 1)),
    ],
)
def test_months_sharing_one_year(phrase: str, due: list[date], window_start: date | None) -> None:
    spec = parse_deadline(phrase, **P2020)
    assert (spec.kind, list(spec.due_dates), spec.window_start) == ("dates", due, window_start)


def test_months_without_any_year_fall_in_every_year_of_the_period() -> None:
    spec = parse_deadline("май, сентябрь", **P2020)
    assert (spec.kind, spec.recurrence) == ("dates", "yearly")
    assert [(d.year, d.month) for d in spec.due_dates] == [
        (y, m) for y in range(2020, 2025) for m in (5, 9)
    ]
    # A roadmap of a few months holds only the months it covers.
    short = parse_deadline(
        "май, сентябрь", period_start=date(2021, 6, 1), period_end=date(2022, 5, 31)
    )
    assert short.due_dates == (date(2021, 9, 30), date(2022, 5, 31))


def test_months_without_a_year_are_left_for_a_human_without_a_period_or_beside_a_year() -> None:
    for phrase in ("май, сентябрь", "Май"):
        spec = parse_deadline(phrase)
        assert (spec.kind, spec.reason) == ("unparsed", "missing_year"), phrase
    mixed = parse_deadline("до 1 февраля, май 2021", **P2020)  # which year is a guess
    assert (mixed.kind, mixed.reason) == ("unparsed", "missing_year")


def test_without_a_period_only_one_off_dates_are_read() -> None:
    assert parse_deadline("До 30.12.2020 г.").due_dates == (date(2020, 12, 30),)
    for phrase in ("Ежегодно", "Постоянно", "в течение учебного года", "Май 2021, далее ежегодно"):
        assert parse_deadline(phrase).reason == "no_period", phrase
    with pytest.raises(ValueError):
        parse_deadline("Май 2021", period_start=date(2020, 1, 1))


@pytest.mark.parametrize(
    ("phrase", "due", "window_start"),
    [
        ("в течение 2021-2022 учебного года", date(2022, 6, 30), date(2021, 9, 1)),
        ("2021/2022 учебный год", date(2022, 6, 30), date(2021, 9, 1)),
        ("до конца 2021-2022 учебного года", date(2022, 6, 30), None),
        ("к началу 2021/2022 учебного года", date(2021, 9, 1), None),
    ],
)
def test_a_school_year_runs_from_september_and_its_work_is_due_on_30_june(
    phrase: str, due: date, window_start: date | None
) -> None:
    spec = parse_deadline(phrase, **P2020)
    assert (spec.kind, spec.due_dates, spec.window_start) == ("dates", (due,), window_start)


def test_a_school_year_without_years_is_every_school_year_of_the_period() -> None:
    period = {"period_start": date(2021, 9, 1), "period_end": date(2023, 8, 31)}
    during = parse_deadline("в течение учебного года", **period)
    assert during.due_dates == (date(2022, 6, 30), date(2023, 6, 30))
    assert (during.window_start, during.flags) == (date(2021, 9, 1), ("school_year",))
    start = parse_deadline("к началу учебного года", **period)
    assert start.due_dates == (date(2021, 9, 1), date(2022, 9, 1))
    assert start.flags == ("start_of_school_year",)
    end = parse_deadline("до конца учебного года", **period)
    assert end.due_dates == during.due_dates
    assert end.flags == ("end_of_school_year",)


def test_school_years_that_do_not_follow_one_another_are_refused() -> None:
    spec = parse_deadline("в течение 2021-2023 учебного года", **P2020)
    assert (spec.kind, spec.reason, spec.params_dict) == (
        "unparsed",
        "invalid_school_year",
        {"value": "2021-2023"},
    )


def test_a_comma_joins_dates_of_one_deadline() -> None:
    parts = parse_deadline_cell("Май 2021 г., июнь 2022 г.", **P2020)
    assert len(parts) == 1
    assert parts[0].due_dates == (date(2021, 5, 31), date(2022, 6, 30))


def test_a_cell_with_one_unreadable_part_is_unparsed_as_a_whole() -> None:
    spec = parse_deadline("Декабрь 2020 г. Ноябрь 2031 г.", **P2020)
    assert spec.kind == "unparsed"
    assert spec.reason == "date_outside_period"
    assert [p.kind for p in spec.parts] == ["dates", "unparsed"]


# --- the result itself -------------------------------------------------------------------


def test_spec_is_frozen_and_keeps_the_original_text() -> None:
    spec = parse_deadline("  Июнь\n2021 г. ", **P2020)
    assert spec.original == "Июнь 2021 г."
    with pytest.raises(dataclasses.FrozenInstanceError):
        spec.kind = "dates"  # type: ignore[misc]


def test_a_remark_in_brackets_is_a_note_and_its_years_do_not_count() -> None:
    spec = parse_deadline(
        "В течение года (по отдельному графику на 2015 – 2024 годы)",
        period_start=date(2021, 1, 1),
        period_end=date(2021, 12, 31),
    )
    assert spec.kind == "continuous"
    assert spec.note == "по отдельному графику на 2015 – 2024 годы"
    assert spec.flags == ("per_schedule",)


@pytest.mark.parametrize(
    ("phrase", "month"),
    [("Ежегодно (сентябрь)", 9), ("ежегодно (в сентябре)", 9), ("Ежегодно (май - июнь)", 6)],
)
def test_a_month_in_brackets_says_when_a_repetition_falls(phrase: str, month: int) -> None:
    spec = parse_deadline(phrase, **P2020)
    assert spec.recurrence == "yearly"
    assert [(d.year, d.month) for d in spec.due_dates] == [(y, month) for y in range(2020, 2025)]


def test_a_month_in_brackets_without_a_repetition_stays_a_note() -> None:
    spec = parse_deadline("Постоянно (сентябрь)", **P2020)
    assert (spec.kind, spec.note, spec.due_dates) == ("continuous", "сентябрь", ())


_WORDS = [
    "Май",
    "июнь",
    "2021",
    "г.",
    "года",
    "далее",
    "–",
    "-",
    "ежегодно",
    "до",
    "1",
    "февраля",
    "не",
    "реже",
    "двух",
    "раз",
    "в",
    "год",
    ",",
    "постоянно",
    "после",
    "(",
    ")",
    "квартал",
    "01.12.2022",
    "31.02.2021",
    "с",
    "по",
    "запросу",
    "течение",
    "всего",
    "периода",
    "5",
    "IV",
    "полугодие",
    "учебного",
    "окончании",
    "началу",
    "/",
    "к",
    "зачем",
    "2030",
    "1999",
    "ёлка",
    ";",
]


def test_no_phrase_breaks_the_parser() -> None:
    """Random phrases from the vocabulary and noise: always a spec, and its dates are sorted
    and inside the period, or it says why not with a code."""
    rng = random.Random(20240601)
    for _ in range(3000):
        phrase = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(0, 9)))
        spec = parse_deadline(phrase, **P2020)
        assert list(spec.due_dates) == sorted(set(spec.due_dates)), phrase
        for day in (*spec.due_dates, *spec.check_in_dates):
            assert P2020["period_start"] <= day <= P2020["period_end"], phrase
        if spec.kind == "unparsed":
            assert spec.reason is not None
            assert re.fullmatch(r"[a-z_]+", spec.reason), phrase
        else:
            assert spec.reason is None


# --- shifting templates ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "years", "shifted"),
    [
        (
            "Май 2021 г., далее – ежегодно до 1 февраля 2024 года",
            4,
            "Май 2025 г., далее – ежегодно до 1 февраля 2028 года",
        ),
        ("До 01.12.2021г.", 1, "До 01.12.2022г."),
        ("До 29.02.2024", 1, "До 28.02.2025"),
        ("Сентябрь-октябрь 2022 г.", -2, "Сентябрь-октябрь 2020 г."),
        ("Постоянно (на 2015 – 2024 годы)", 1, "Постоянно (на 2016 – 2025 годы)"),
        ("1 раз в год", 5, "1 раз в год"),
    ],
)
def test_shift_years(phrase: str, years: int, shifted: str) -> None:
    assert shift_years(phrase, years) == shifted


# --- real-world phrases beyond the seeds (issue 12, item 20) --------------------------------

P_SCHOOL = {"period_start": date(2020, 9, 1), "period_end": date(2024, 8, 31)}


@dataclasses.dataclass(frozen=True)
class _Series:
    """A repetition: its first and last due dates, how many, and its name."""

    first: date
    last: date
    count: int
    recurrence: str


@dataclasses.dataclass(frozen=True)
class _Flagged:
    """Left for a human, with this reason."""

    reason: str


_D = date
_REAL_PHRASES: list[tuple[str, dict[str, date], Any]] = [
    # a day of the month
    ("до 5 числа каждого месяца", P2020, _Series(_D(2020, 1, 5), _D(2024, 12, 5), 60, "monthly")),
    ("Ежемесячно до 10 числа", P2020, _Series(_D(2020, 1, 10), _D(2024, 12, 10), 60, "monthly")),
    ("до 25 числа месяца", P2020, _Series(_D(2020, 1, 25), _D(2024, 12, 25), 60, "monthly")),
    (
        "ежемесячно, не позднее 5-го числа",
        P2020,
        _Series(_D(2020, 1, 5), _D(2024, 12, 5), 60, "monthly"),
    ),
    (
        "до 31 числа каждого месяца",
        P2020,
        _Series(_D(2020, 1, 31), _D(2024, 12, 31), 60, "monthly"),
    ),
    (
        "с 2022 года ежемесячно до 5 числа",
        P2020,
        _Series(_D(2022, 1, 5), _D(2024, 12, 5), 36, "monthly"),
    ),
    (
        "До 10 числа месяца, следующего за отчётным кварталом",
        P2020,
        _Series(_D(2020, 4, 10), _D(2024, 10, 10), 19, "quarterly"),
    ),
    (
        "ежеквартально до 5 числа месяца, следующего за кварталом",
        P2020,
        _Series(_D(2020, 4, 5), _D(2024, 10, 5), 19, "quarterly"),
    ),
    (
        "не позднее 15 числа месяца, следующего за отчетным полугодием",
        P2020,
        _Series(_D(2020, 7, 15), _D(2024, 7, 15), 9, "twice_a_year"),
    ),
    (
        "в срок до 20 числа месяца, следующего за отчетным годом",
        P2020,
        _Series(_D(2021, 1, 20), _D(2024, 1, 20), 4, "yearly"),
    ),
    (
        "до 5 числа месяца, следующего за отчетным",
        P2020,
        _Series(_D(2020, 2, 5), _D(2024, 12, 5), 59, "monthly"),
    ),
    ("до 5 числа", P2020, _Flagged("ambiguous_day_of_month")),
    ("до 30 числа", P2020, _Flagged("ambiguous_day_of_month")),
    ("ежеквартально до 5 числа", P2020, _Flagged("ambiguous_day_of_month")),
    ("ежегодно до 15 числа", P2020, _Flagged("ambiguous_day_of_month")),
    ("до 5 числа каждого месяца, 1 квартал 2021 г.", P2020, _Flagged("ambiguous_day_of_month")),
    ("до 40 числа каждого месяца", P2020, _Flagged("invalid_date")),
    # a range of quarters or half-years is one span
    ("I–II квартал 2022 года", P2020, [_D(2022, 6, 30)]),
    ("1-3 квартал 2023 г.", P2020, [_D(2023, 9, 30)]),
    ("II полугодие 2021 – I полугодие 2022", P2020, [_D(2022, 6, 30)]),
    ("III-IV кв. 2021 г.", P2020, [_D(2021, 12, 31)]),
    ("1 квартал 2021 г. - 2 квартал 2022 г.", P2020, [_D(2022, 6, 30)]),
    ("1–2 полугодие 2023 года", P2020, [_D(2023, 12, 31)]),
    ("II–I полугодие 2022 г.", P2020, _Flagged("invalid_range")),
    ("2 квартал 2023 - 1 квартал 2022", P2020, _Flagged("invalid_range")),
    ("2022 г. – I полугодие 2023 г.", P2020, [_D(2023, 6, 30)]),
    ("май 2021 - II квартал 2022", P2020, [_D(2022, 6, 30)]),
    ("01.09.2021 – 31.05.2022", P2020, [_D(2022, 5, 31)]),
    ("II полугодие – I полугодие 2022 гг.", P2020, [_D(2022, 6, 30)]),
    # a repetition within a named year
    (
        "ежеквартально в 2022 году",
        P2020,
        _Series(_D(2022, 3, 31), _D(2022, 12, 31), 4, "quarterly"),
    ),
    (
        "по итогам полугодия 2022 года",
        P2020,
        _Series(_D(2022, 6, 30), _D(2022, 12, 31), 2, "twice_a_year"),
    ),
    ("ежеквартально в 2030 году", P2020, _Flagged("date_outside_period")),
    # several months of one repetition
    ("ежегодно в мае и ноябре", P2020, _Series(_D(2020, 5, 31), _D(2024, 11, 30), 10, "yearly")),
    (
        "2 раза в год (май, ноябрь)",
        P2020,
        _Series(_D(2020, 5, 31), _D(2024, 11, 30), 10, "twice_a_year"),
    ),
    ("май, ноябрь, ежегодно", P2020, _Series(_D(2020, 5, 31), _D(2024, 11, 30), 10, "yearly")),
    ("2 раза в год (март, июль, ноябрь)", P2020, _Flagged("months_and_frequency_disagree")),
    ("ежегодно до 1 февраля 2019 года", P2020, _Flagged("date_outside_period")),
    # "по итогам ..."
    (
        "по итогам каждого квартала",
        P2020,
        _Series(_D(2020, 3, 31), _D(2024, 12, 31), 20, "quarterly"),
    ),
    (
        "По итогам каждого полугодия",
        P2020,
        _Series(_D(2020, 6, 30), _D(2024, 12, 31), 10, "twice_a_year"),
    ),
    ("по итогам учебного года", P2020, _Series(_D(2020, 6, 30), _D(2024, 6, 30), 5, "yearly")),
    ("по итогам года", P2020, _Series(_D(2020, 12, 31), _D(2024, 12, 31), 5, "yearly")),
    ("по итогам 2022 года", P2020, [_D(2022, 12, 31)]),
    ("по итогам I квартала 2023 г.", P2020, [_D(2023, 3, 31)]),
    ("по итогам конкурса", P2020, "event_triggered"),
    # a yearly series and the period's first day
    ("ежегодно до 1 января", P2020, _Series(_D(2020, 1, 1), _D(2024, 1, 1), 5, "yearly")),
    ("ежегодно, 1 сентября", P_SCHOOL, _Series(_D(2020, 9, 1), _D(2023, 9, 1), 4, "yearly")),
    ("1 сентября ежегодно", P_SCHOOL, _Series(_D(2020, 9, 1), _D(2023, 9, 1), 4, "yearly")),
    ("к началу учебного года", P_SCHOOL, _Series(_D(2020, 9, 1), _D(2023, 9, 1), 4, "yearly")),
    ("ежегодно 31 августа", P_SCHOOL, _Series(_D(2021, 8, 31), _D(2024, 8, 31), 4, "yearly")),
    ("до 20 декабря ежегодно", P2020, _Series(_D(2020, 12, 20), _D(2024, 12, 20), 5, "yearly")),
    ("ежегодно до 25 мая", P2020, _Series(_D(2020, 5, 25), _D(2024, 5, 25), 5, "yearly")),
    # plain spellings
    ("25.05.2022", P2020, [_D(2022, 5, 25)]),
    ("в срок до 25.05.2022", P2020, [_D(2022, 5, 25)]),
    ("не позднее 25.05.2022 г.", P2020, [_D(2022, 5, 25)]),
    ("ДО 20 ДЕКАБРЯ 2022 ГОДА", P2020, [_D(2022, 12, 20)]),
    ("в срок до 1 марта 2023 г.", P2020, [_D(2023, 3, 1)]),
    ("2021-2022 гг.", P2020, [_D(2022, 12, 31)]),
    ("IV квартал 2023 г.", P2020, [_D(2023, 12, 31)]),
    ("в течение 2023 года", P2020, [_D(2023, 12, 31)]),
    ("Январь – март 2022 г.", P2020, [_D(2022, 3, 31)]),
    ("ежемесячно", P2020, _Series(_D(2020, 1, 31), _D(2024, 12, 31), 60, "monthly")),
    ("ежеквартально", P2020, _Series(_D(2020, 3, 31), _D(2024, 12, 31), 20, "quarterly")),
    ("не реже 2 раз в год", P2020, _Series(_D(2020, 6, 30), _D(2024, 12, 31), 10, "twice_a_year")),
    (
        "2 квартал 2021 года, далее ежеквартально",
        P2020,
        _Series(_D(2021, 6, 30), _D(2024, 12, 31), 15, "quarterly"),
    ),
    ("по мере необходимости", P2020, "event_triggered"),
    ("Постоянно", P2020, "continuous"),
    # weekly work is continuous, like daily work: check-ins, not 260 reminders
    ("Еженедельно", P2020, "continuous"),
    ("еженедельно, по понедельникам", P2020, _Flagged("unknown_words")),
    # a span without any year recurs every year, due at its end
    ("1 сентября – 31 мая", P2020, _Series(_D(2020, 5, 31), _D(2024, 5, 31), 5, "yearly")),
    ("II полугодие – I полугодие", P2020, _Series(_D(2020, 6, 30), _D(2024, 6, 30), 5, "yearly")),
    ("1–15 сентября 2022 г.", P2020, [_D(2022, 9, 15)]),
    ("с 1 по 15 сентября 2022 г.", P2020, _Flagged("unknown_words")),
    ("15–1 сентября 2022 г.", P2020, _Flagged("invalid_range")),
    ("01.09.2021 – 31.05", P2020, [_D(2022, 5, 31)]),
    # a day and month written in digits, without a year
    ("ежегодно до 20.12", P2020, _Series(_D(2020, 12, 20), _D(2024, 12, 20), 5, "yearly")),
    ("до 01.09 ежегодно", P2020, _Series(_D(2020, 9, 1), _D(2024, 9, 1), 5, "yearly")),
    ("до 31.02 ежегодно", P2020, _Flagged("invalid_date")),
    # a quarter in brackets says when a yearly repetition falls, as a month does
    ("ежегодно (I квартал)", P2020, _Series(_D(2020, 3, 31), _D(2024, 3, 31), 5, "yearly")),
    ("Ежегодно (до 1 февраля)", P2020, _Series(_D(2020, 2, 1), _D(2024, 2, 1), 5, "yearly")),
    # a start without a year in a repetition: which year it starts is a guess
    ("ежегодно с 1 сентября", P2020, _Flagged("missing_year")),
    ("с сентября ежеквартально", P2020, _Flagged("missing_year")),
    ("постоянно, с сентября", P2020, _Flagged("missing_year")),
    (
        "Ежегодно, начиная с 2021 г., до 1 сентября",
        P2020,
        _Series(_D(2021, 9, 1), _D(2024, 9, 1), 4, "yearly"),
    ),
    # "с ... по ...": one deadline with its start, like a span with a dash
    ("с 01.09.2021 по 31.05.2022", P2020, [_D(2022, 5, 31)]),
    ("с 1 сентября по 31 мая", P2020, _Series(_D(2020, 5, 31), _D(2024, 5, 31), 5, "yearly")),
    ("с 31.05.2022 по 01.05.2022", P2020, _Flagged("invalid_range")),
    ("с 2022 г. май", P2020, _Series(_D(2022, 5, 31), _D(2024, 5, 31), 3, "yearly")),
    # a fraction is no date
    ("1.5 раза в год", P2020, _Flagged("unknown_words")),
    ("в течение месяца после 1 марта 2022 г.", P2020, _Flagged("unknown_phrase")),
    # due a while after an event nobody can date yet
    ("в течение месяца после утверждения программы", P2020, "event_triggered"),
    ("В течение 10 дней после проведения конкурса", P2020, "event_triggered"),
    ("в течение 2 недель после заседания", P2020, "event_triggered"),
    ("25.05.2030", P2020, _Flagged("date_outside_period")),
]


@pytest.mark.parametrize(
    ("phrase", "period", "expected"),
    [pytest.param(*case, id=case[0][:50]) for case in _REAL_PHRASES],
)
def test_real_world_phrases(phrase: str, period: dict[str, date], expected: Any) -> None:
    spec = parse_deadline(phrase, **period)
    if isinstance(expected, _Flagged):
        assert (spec.kind, spec.reason, spec.due_dates) == ("unparsed", expected.reason, ())
    elif isinstance(expected, _Series):
        assert spec.kind == "dates", spec
        got = (spec.due_dates[0], spec.due_dates[-1], len(spec.due_dates), spec.recurrence)
        assert got == (expected.first, expected.last, expected.count, expected.recurrence)
    elif isinstance(expected, list):
        assert (spec.kind, list(spec.due_dates), spec.recurrence) == ("dates", expected, None)
    else:
        assert spec.kind == expected, spec
        assert spec.due_dates == ()


def test_a_range_of_quarters_has_its_window_from_the_first() -> None:
    spec = parse_deadline("II полугодие 2021 – I полугодие 2022", **P2020)
    assert spec.window_start == date(2021, 7, 1)
    assert parse_deadline("I–II квартал 2022 года", **P2020).window_start == date(2022, 1, 1)
    assert not parse_deadline("1-3 квартал 2023 г.", **P2020).parts


def test_a_span_across_kinds_has_its_window_from_the_start_of_the_first() -> None:
    assert parse_deadline("май 2021 - II квартал 2022", **P2020).window_start == date(2021, 5, 1)
    assert parse_deadline("01.09.2021 – 31.05.2022", **P2020).window_start == date(2021, 9, 1)
    spec = parse_deadline("II полугодие – I полугодие 2022 гг.", **P2020)
    assert spec.window_start == date(2021, 7, 1)
    reversed_ = parse_deadline("I полугодие 2022 - II полугодие 2021", **P2020)
    assert reversed_.params_dict == {"value": "I полугодие 2022 - II полугодие 2021"}


def test_results_of_the_school_year_are_due_at_its_end() -> None:
    spec = parse_deadline("по итогам учебного года", **P2020)
    assert spec.flags == ("end_of_school_year",)
    assert spec.window_start is None


def test_a_quarterly_day_of_the_month_needs_a_period() -> None:
    spec = parse_deadline("до 10 числа месяца, следующего за кварталом")
    assert (spec.kind, spec.reason) == ("unparsed", "no_period")


def test_a_day_of_the_month_after_each_quarter_starts_with_the_first_quarter_of_the_period() -> (
    None
):
    """A roadmap from 1 September: the first report is on the quarter that began before it
    and ends inside it (due 10 October), never on the quarter that ended before it (10 July)."""
    spec = parse_deadline("до 10 числа месяца, следующего за кварталом", **P_SCHOOL)
    assert spec.due_dates[:2] == (date(2020, 10, 10), date(2021, 1, 10))
    assert spec.due_dates[-1] == date(2024, 7, 10)


# --- properties: no silent date outside the period, no exception -----------------------------

_GENITIVE_MONTHS = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
# Words and marks of every phrase this file knows, to recombine into new phrases.
_FRAGMENTS = sorted(
    {
        word
        for phrase in [
            *(e["phrase"] for section in ("seeds", "variants") for e in PHRASES[section]),
            *(case[0] for case in _REAL_PHRASES),
        ]
        for word in re.findall(r"\w+|[^\w\s]", phrase)
    }
)


@st.composite
def _periods(draw: st.DrawFn) -> dict[str, date]:
    start = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)))
    days = draw(st.integers(min_value=0, max_value=7 * 366))
    return {"period_start": start, "period_end": start + dt.timedelta(days=days)}


# Dates and spans built from their parts, so odd combinations ("29 февраля – 30 июня 2022",
# "31 числа месяца, следующего за кварталом") are tried, not only the listed phrases.
_DATE_PIECE = st.one_of(
    st.builds("{} {}".format, st.integers(0, 32), st.sampled_from(_GENITIVE_MONTHS)),
    st.builds("{} числа".format, st.integers(0, 32)),
    st.builds(
        "{:02}.{:02}.{}".format, st.integers(0, 32), st.integers(0, 13), st.integers(2018, 2030)
    ),
    st.builds(
        "{} {}".format,
        st.sampled_from(["I", "II", "III", "IV", "1-3", "II-I"]),
        st.sampled_from(["квартал", "полугодие"]),
    ),
    st.integers(2018, 2030).map(str),
    st.sampled_from(
        [
            "–",
            "-",
            ",",
            "г.",
            "года",
            "месяца",
            "следующего за",
            "кварталом",
            "ежегодно",
            "ежемесячно",
            "ежеквартально",
            "по итогам",
            "до",
            "с",
            "в",
        ]
    ),
)
_PHRASE_TEXT = st.one_of(
    st.lists(_DATE_PIECE, max_size=8).map(" ".join),
    st.text(max_size=80),
    st.lists(st.sampled_from(_FRAGMENTS), max_size=12).map(" ".join),
    st.lists(st.sampled_from([case[0] for case in _REAL_PHRASES]), min_size=1, max_size=3).map(
        ", ".join
    ),
)


def _assert_inside(spec: DeadlineSpec, period: dict[str, date]) -> None:
    start, end = period["period_start"], period["period_end"]
    for part in (spec, *spec.parts):
        for day in (*part.due_dates, *part.check_in_dates):
            assert start <= day <= end, (spec.original, day)
        assert part.window_start is None or start <= part.window_start <= end, spec
        assert list(part.due_dates) == sorted(set(part.due_dates))
        if part.kind == "unparsed":
            assert part.reason is not None and re.fullmatch(r"[a-z_]+", part.reason), spec
            # A cell of several deadlines keeps the dates of its readable parts, flagged.
            assert part.due_dates == () or part.parts
        else:
            assert part.reason is None, spec


@settings(max_examples=examples(400), deadline=None)
@given(phrase=_PHRASE_TEXT, period=_periods())
@example(phrase="29 февраля – 30 июня 2022", period=P2020)
def test_no_text_raises_or_gets_a_date_outside_the_period(
    phrase: str, period: dict[str, date]
) -> None:
    _assert_inside(parse_deadline(phrase, **period), period)


@settings(max_examples=examples(200), deadline=None)
@given(phrase=_PHRASE_TEXT)
def test_without_a_period_no_text_raises_and_only_dated_phrases_get_dates(phrase: str) -> None:
    spec = parse_deadline(phrase)
    assert spec.check_in_dates == ()
    assert spec.kind != "unparsed" or spec.reason is not None
    assert spec.kind != "unparsed" or spec.due_dates == () or spec.parts


@settings(max_examples=examples(300), deadline=None)
@given(
    month=st.integers(min_value=1, max_value=12),
    day=st.integers(min_value=1, max_value=28),
    form=st.sampled_from(
        ["ежегодно до {day} {month}", "ежегодно, {day} {month}", "до {day} {month} ежегодно"]
    ),
    period=_periods(),
)
def test_a_yearly_day_starts_on_its_first_day_in_the_period_included(
    month: int, day: int, form: str, period: dict[str, date]
) -> None:
    """The first occurrence is the first such day on or after the period's start (the start
    itself included), every next one a year later, the last one on or before the end."""
    spec = parse_deadline(form.format(day=day, month=_GENITIVE_MONTHS[month - 1]), **period)
    start, end = period["period_start"], period["period_end"]
    expected = [
        d
        for year in range(start.year, end.year + 1)
        if start <= (d := date(year, month, day)) <= end
    ]
    assert spec.kind == "dates"
    assert list(spec.due_dates) == (expected or [end])


@settings(max_examples=examples(200), deadline=None)
@given(day=st.integers(min_value=1, max_value=31), period=_periods())
@example(day=1, period={"period_start": date(2000, 9, 1), "period_end": date(2001, 9, 1)})
def test_a_monthly_day_falls_in_every_month_of_the_period(
    day: int, period: dict[str, date]
) -> None:
    """Every month has its day; a school year's plan (it starts on 1 September) rests in
    July and August, so its June is followed by September."""
    spec = parse_deadline(f"до {day} числа каждого месяца", **period)
    _assert_inside(spec, period)
    start, end = period["period_start"], period["period_end"]
    school = (start.month, start.day) == (9, 1)
    for earlier, later in itertools.pairwise(spec.due_dates):
        gap = (later.year * 12 + later.month) - (earlier.year * 12 + earlier.month)
        summer = school and (earlier.month, later.month) == (6, 9)
        assert gap == (3 if summer else 1)
        assert not (school and later.month in (7, 8))
        assert later.day == min(day, calendar.monthrange(later.year, later.month)[1])
    if spec.due_dates and spec.due_dates != (end,):
        first = spec.due_dates[0]
        assert first - start < dt.timedelta(days=31)


@settings(max_examples=examples(300), deadline=None)
@given(
    # Month ends and a missing year are where days stop existing.
    first=st.tuples(
        st.sampled_from([1, 15, 28, 29, 30, 31]),
        st.integers(1, 12),
        st.none() | st.integers(2019, 2025),
    ),
    last=st.tuples(st.integers(1, 31), st.integers(1, 12), st.integers(2019, 2025)),
    dash=st.sampled_from(["-", "–", " – ", " - "]),
)
@example(first=(29, 2, None), last=(30, 6, 2022), dash=" – ")  # raised ValueError once
def test_a_span_of_two_days_is_due_on_the_second_or_left_for_a_human(
    first: tuple[int, int, int | None], last: tuple[int, int, int], dash: str
) -> None:
    """ "29 февраля – 30 июня 2022": the first day takes the year of the second; a day that
    does not exist, or a span that ends before it starts, is flagged, never a crash."""
    day, month, year = first
    phrase = f"{day} {_GENITIVE_MONTHS[month - 1]}{f' {year}' if year else ''}{dash}"
    phrase += f"{last[0]} {_GENITIVE_MONTHS[last[1] - 1]} {last[2]}"
    spec = parse_deadline(phrase, **P2020)
    _assert_inside(spec, P2020)
    try:
        end = date(last[2], last[1], last[0])
    except ValueError:
        assert spec.kind == "unparsed"
        return
    if spec.kind == "dates":
        assert spec.due_dates == (end,)
        assert spec.window_start is not None and spec.window_start <= end


def test_a_span_without_years_has_its_window_from_its_start_the_year_before() -> None:
    spec = parse_deadline("1 сентября – 31 мая", **P2020)
    assert spec.window_start == date(2020, 1, 1)  # the first one began before the period
    spec = parse_deadline("1 сентября – 31 мая", **P_SCHOOL)
    assert (spec.due_dates[0], spec.window_start) == (date(2021, 5, 31), date(2020, 9, 1))
    assert parse_deadline("1–15 сентября 2022 г.", **P2020).window_start == date(2022, 9, 1)
    assert parse_deadline("31 мая – 30 июня 2022", **P2020).window_start == date(2022, 5, 31)
    assert parse_deadline("с 01.09.2021 по 31.05.2022", **P2020).window_start == date(2021, 9, 1)
    assert parse_deadline("с 2021 г. до июня 2022 г.", **P2020).window_start == date(2021, 1, 1)
    assert not parse_deadline("с 01.09.2021 по 31.05.2022", **P2020).parts


def test_an_event_after_a_while_names_the_event() -> None:
    spec = parse_deadline("в течение месяца после утверждения программы", **P2020)
    assert spec.event == "утверждения программы"


_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@settings(max_examples=examples(300), deadline=None)
@given(
    unit=st.sampled_from([("квартал", 3), ("кв.", 3), ("кварталы", 3), ("полугодие", 6)]),
    first=st.integers(1, 4),
    last=st.integers(1, 4),
    years=st.tuples(st.integers(2019, 2026), st.integers(2019, 2026)),
    roman=st.tuples(st.booleans(), st.booleans()),
    dash=st.sampled_from(["-", "–", " – ", " - ", "—"]),
    mark=st.sampled_from(["", " г.", " года", " гг.", "г."]),
    both_named=st.booleans(),
    case=st.sampled_from([str, str.upper, str.lower]),
)
def test_a_range_of_quarters_is_one_span_or_left_for_a_human(
    unit: tuple[str, int],
    first: int,
    last: int,
    years: tuple[int, int],
    roman: tuple[bool, bool],
    dash: str,
    mark: str,
    both_named: bool,
    case: Any,
) -> None:
    """ "I–II квартал 2022 года", "II полугодие 2021 – I полугодие 2022" in any spelling:
    due once, at the end of the last, with the window from the start of the first, or
    flagged when it ends before it starts or falls outside the period; never two dates."""
    word, size = unit
    first, last = (min(first, 12 // size), min(last, 12 // size))
    a, b = (_ROMAN[n] if r else str(n) for n, r in zip((first, last), roman, strict=True))
    first_year, last_year = years if both_named else (years[1], years[1])
    if both_named:
        phrase = f"{a} {word} {first_year}{mark}{dash}{b} {word} {last_year}{mark}"
    else:
        phrase = f"{a}{dash}{b} {word} {last_year}{mark}"
    spec = parse_deadline(case(phrase), **P2020)
    start = date(first_year, (first - 1) * size + 1, 1)
    end_month = last * size
    end = date(last_year, end_month, calendar.monthrange(last_year, end_month)[1])
    if start > end:
        assert (spec.kind, spec.reason) == ("unparsed", "invalid_range"), phrase
    elif not P2020["period_start"] <= end <= P2020["period_end"]:
        assert (spec.kind, spec.reason) == ("unparsed", "date_outside_period"), phrase
    else:
        assert (spec.kind, spec.due_dates, spec.parts) == ("dates", (end,), ()), phrase
        assert spec.window_start == max(start, P2020["period_start"]), phrase


def test_deeply_nested_brackets_are_a_remark_and_do_not_recurse() -> None:
    spec = parse_deadline("ежегодно " + "(" * 5000 + "май" + ")" * 5000, **P2020)
    assert spec.kind == "dates"
    assert spec.due_dates[0] == date(2020, 12, 31)  # the bracket is a note, not the month
