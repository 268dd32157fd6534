"""Results: numbers checked on a small hand-computed dataset, and the XLSX read back."""

from __future__ import annotations

import gc
import io
import weakref
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from bench.surveys import run as run_bench
from bot.services.surveys.results import (
    OTHER_GROUPS,
    RawRow,
    Row,
    SurveyResults,
    aggregate,
    compare,
    export_xlsx,
)
from bot.services.surveys.templates import TEMPLATES_DIR, SurveyTemplate, load_template


def _t(ru: str, en: str) -> dict[str, str]:
    return {"ru": ru, "en": en}


def _template(anonymous: bool = False) -> SurveyTemplate:
    def options(*ids: str) -> list[dict[str, Any]]:
        return [{"id": i, "text": _t(f"Вариант {i.upper()}", f"Option {i.upper()}")} for i in ids]

    return SurveyTemplate.model_validate(
        {
            "id": "res",
            "version": 3,
            "title": _t("Итоги", "Results"),
            "intro": _t("Вступление", "Intro"),
            "anonymous": anonymous,
            "audience": ["teacher"],
            "sections": [
                {
                    "id": "all",
                    "title": _t("Все", "All"),
                    "questions": [
                        {
                            "id": "level",
                            "kind": "single",
                            "options": options("a", "b", "c"),
                            "text": _t("Уровень?", "Level?"),
                        },
                        {
                            "id": "topics",
                            "kind": "multi",
                            "options": options("x", "y", "z"),
                            "text": _t("Темы?", "Topics?"),
                        },
                        {
                            "id": "score",
                            "kind": "scale",
                            "labels": {5: _t("отлично", "great")},
                            "text": _t("Оценка?", "Score?"),
                        },
                        {
                            "id": "hours",
                            "kind": "number",
                            "min": 0,
                            "max": 100,
                            "text": _t("Часы?", "Hours?"),
                        },
                        {
                            "id": "note",
                            "kind": "text",
                            "optional": True,
                            "text": _t("Заметка", "Note"),
                        },
                        {"id": "ok", "kind": "yesno", "text": _t("Всё хорошо?", "All good?")},
                    ],
                }
            ],
        }
    )


ROWS: list[Row] = [
    ({"level": "a", "topics": ["x", "y"], "score": 5, "hours": 2, "note": "Б", "ok": "yes"}, 1, 10),
    ({"level": "a", "topics": ["x"], "score": 4, "hours": 4, "ok": "yes"}, 1, 10),
    ({"level": "b", "topics": ["y", "z"], "score": 2, "hours": 10, "note": "А", "ok": "no"}, 2, 10),
    ({"level": "c", "score": 3, "hours": 4, "ok": "yes"}, 3, 20),
    ({"level": "a", "topics": ["z"], "score": 5, "ok": "no"}, 3, 20),
]
PREVIOUS_ROWS: list[Row] = [
    ({"level": "b", "score": 3, "hours": 6, "ok": "no"}, 1, 10),
    ({"level": "a", "score": 3, "hours": 2, "ok": "yes"}, 1, 10),
]


def _stream(rows: list[Row]) -> Iterator[Row]:
    # A one-shot generator, like a database cursor: results must not need a second pass.
    yield from rows


def test_counts_shares_and_means_over_all_responses() -> None:
    results = aggregate(_template(), _stream(ROWS), audience=8)
    assert results.responses == 5
    assert results.response_rate == pytest.approx(5 / 8)

    level = results.question("level")
    assert (level.answered, level.counts) == (5, {"a": 3, "b": 1, "c": 1})
    assert level.share("a") == pytest.approx(0.6)
    assert level.share("c") == pytest.approx(0.2)

    topics = results.question("topics")  # multi: shares of those who answered, sum > 1
    assert topics.answered == 4
    assert topics.counts == {"x": 2, "y": 2, "z": 2}
    assert topics.share("y") == pytest.approx(0.5)

    score = results.question("score")
    assert score.answered == 5
    assert score.mean == pytest.approx(3.8)
    assert score.median == 4
    assert score.counts == {5: 2, 4: 1, 2: 1, 3: 1}

    hours = results.question("hours")
    assert hours.answered == 4
    assert hours.mean == pytest.approx(5.0)
    assert hours.median == pytest.approx(4.0)
    assert (hours.minimum, hours.maximum) == (2, 10)

    note = results.question("note")
    assert note.answered == 2
    assert note.texts == ["А", "Б"]  # sorted: the order says nothing about who wrote what
    assert note.mean is None

    ok = results.question("ok")
    assert ok.counts == {"yes": 3, "no": 2}
    assert ok.share("no") == pytest.approx(0.4)
    assert (results.template_id, results.fingerprint) == ("res", _template().fingerprint)


def test_breakdown_by_organization_with_audience_per_group() -> None:
    results = aggregate(
        _template(),
        _stream(ROWS),
        breakdown="organization",
        group_audience={1: 4, 2: 2, 3: 2, 4: 3},
    )
    assert results.overall.audience == 11
    assert set(results.groups) == {1, 2, 3, 4}
    first = results.groups[1]
    assert (first.responses, first.audience, first.response_rate) == (2, 4, 0.5)
    assert first.questions["level"].share("a") == 1.0
    assert first.questions["score"].mean == pytest.approx(4.5)
    third = results.groups[3]
    assert third.questions["hours"].mean == 4
    assert third.questions["hours"].answered == 1
    silent = results.groups[4]  # asked, nobody answered: still listed, with a rate of 0
    assert (silent.responses, silent.response_rate) == (0, 0.0)
    # Texts are only kept for the whole scope, never per group.
    assert first.questions["note"].texts == []
    assert first.questions["note"].answered == 1


def test_breakdown_by_municipality() -> None:
    results = aggregate(_template(), _stream(ROWS), breakdown="municipality")
    assert {key: scope.responses for key, scope in results.groups.items()} == {10: 3, 20: 2}
    assert results.groups[10].questions["score"].mean == pytest.approx(11 / 3)
    assert results.groups[20].questions["ok"].counts == {"yes": 1, "no": 1}
    assert results.response_rate is None  # audience unknown


def test_anonymous_results_merge_groups_too_small_to_stay_anonymous() -> None:
    results = aggregate(
        _template(anonymous=True),
        _stream(ROWS),
        breakdown="organization",
        group_audience={4: 3},
        min_group_size=2,
    )
    # Organization 2's single answer alone as "other" would be organization 2's answer (the
    # total minus the groups shown): the smallest shown group joins it.
    assert set(results.groups) == {3, 4, OTHER_GROUPS}
    assert results.groups[OTHER_GROUPS].responses == 3
    assert results.groups[OTHER_GROUPS].questions["level"].counts == {"a": 2, "b": 1}
    assert results.groups[OTHER_GROUPS].audience is None  # no audience was given for 1 and 2
    default = aggregate(_template(anonymous=True), _stream(ROWS), breakdown="organization")
    assert set(default.groups) == {OTHER_GROUPS}  # every school has fewer than three answers
    assert default.groups[OTHER_GROUPS].responses == 5
    named = aggregate(_template(), _stream(ROWS), breakdown="organization")
    assert set(named.groups) == {1, 2, 3}


def test_text_sample_is_capped() -> None:
    results = aggregate(_template(), _stream(ROWS), text_limit=1)
    assert results.question("note").answered == 2
    assert results.question("note").texts == ["Б"]


def test_rows_are_not_kept_after_they_are_counted() -> None:
    class Answers(dict[str, Any]):
        pass  # a dict subclass can be weakly referenced

    refs: list[weakref.ref[Answers]] = []

    def rows() -> Iterator[Row]:
        for answers, org, mun in ROWS * 20:
            fresh = Answers(answers)
            refs.append(weakref.ref(fresh))
            yield fresh, org, mun

    results = aggregate(_template(), rows(), breakdown="organization")
    gc.collect()
    assert results.responses == 100
    assert all(ref() is None for ref in refs)


def test_comparison_with_the_previous_campaign() -> None:
    template = _template()
    current = aggregate(template, _stream(ROWS), breakdown="organization", audience=8)
    previous = aggregate(template, _stream(PREVIOUS_ROWS), breakdown="organization", audience=4)
    change = compare(template, current, previous)
    assert change.responses_delta == 3
    assert change.response_rate_delta == pytest.approx(5 / 8 - 2 / 4)
    assert change.questions["score"].mean_delta == pytest.approx(0.8)
    assert change.questions["hours"].mean_delta == pytest.approx(1.0)
    level = change.questions["level"].share_deltas
    assert level["a"] == pytest.approx(0.1)
    assert level["b"] == pytest.approx(-0.3)
    assert level["c"] == pytest.approx(0.2)
    assert change.questions["ok"].share_deltas["yes"] == pytest.approx(0.1)
    assert change.questions["topics"].share_deltas["x"] is None  # nobody answered before
    assert change.questions["score"].share_deltas[3] == pytest.approx(0.2 - 1.0)
    assert "note" not in change.questions  # free text has nothing to subtract
    assert set(change.groups) == {1}  # only organization 1 answered both times
    assert change.groups[1]["level"].share_deltas["a"] == pytest.approx(0.5)


def test_exit_questionnaire_compares_with_entry_on_shared_questions() -> None:
    entry = load_template(TEMPLATES_DIR / "mentee_satisfaction_start.yaml")
    exit_ = load_template(TEMPLATES_DIR / "mentee_satisfaction_end.yaml")
    before = aggregate(
        entry, [({"confidence_subject": 4}, 1, 1), ({"confidence_subject": 6}, 1, 1)]
    )
    after = aggregate(exit_, [({"confidence_subject": 8, "satisfaction_overall": 9}, 1, 1)])
    change = compare(exit_, after, before)
    assert change.questions["confidence_subject"].mean_delta == pytest.approx(3.0)
    assert "satisfaction_overall" not in change.questions  # only asked at the exit


# --- XLSX ------------------------------------------------------------------------------


RAW = [
    RawRow(
        "Иванова А. А.",
        "Школа №1",
        "Томский район",
        datetime(2024, 5, 20, 9, 30, tzinfo=UTC),
        ROWS[0][0],
    ),
    RawRow("Петров Б. Б.", "Школа №1", "Томский район", None, {**ROWS[1][0], "note": "=1+1"}),
]


def _sheet_rows(workbook: Any, title: str) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in workbook[title].iter_rows(values_only=True)]


def _row(rows: list[tuple[Any, ...]], first: Any) -> tuple[Any, ...]:
    return next(row for row in rows if row and row[0] == first)


def _after(rows: list[tuple[Any, ...]], first: Any) -> list[tuple[Any, ...]]:
    index = next(i for i, row in enumerate(rows) if row and row[0] == first)
    block = []
    for row in rows[index + 1 :]:
        if not row or all(cell is None for cell in row):
            break
        block.append(row)
    return block


def _export(results: SurveyResults, template: SurveyTemplate, **kwargs: Any) -> Any:
    buffer = io.BytesIO()
    export_xlsx(
        results, template, kwargs.pop("lang", "ru"), kwargs.pop("raw", None), buffer, **kwargs
    )
    buffer.seek(0)
    return load_workbook(buffer)


def test_xlsx_has_an_overview_a_sheet_per_question_and_raw_answers() -> None:
    template = _template()
    results = aggregate(
        template, _stream(ROWS), breakdown="organization", group_audience={1: 4, 2: 2, 3: 2, 4: 3}
    )
    previous = aggregate(
        template, _stream(PREVIOUS_ROWS), breakdown="organization", group_audience={1: 4}
    )
    book = _export(
        results,
        template,
        raw=RAW,
        previous=previous,
        group_names={1: "Школа №1", 2: "Школа №2", 3: "Школа №3"},
    )
    assert book.sheetnames == [
        "Сводка",
        "1. level",
        "2. topics",
        "3. score",
        "4. hours",
        "5. note",
        "6. ok",
        "Ответы",
    ]

    overview = _sheet_rows(book, "Сводка")
    assert _row(overview, "Анкета")[1] == "Итоги"
    assert _row(overview, "Ответов")[1] == 5
    assert _row(overview, "Опрошено")[1] == 11
    assert _row(overview, "Доля ответивших")[1] == pytest.approx(5 / 11)
    assert _row(overview, "Изменение")[1] == pytest.approx(5 / 11 - 2 / 4)
    assert _after(overview, "Организация") == [
        ("Школа №1", 2, 4, 0.5),
        ("Школа №2", 1, 2, 0.5),
        ("Школа №3", 2, 2, 1.0),
        ("4", 0, 3, 0),
    ]

    level = _sheet_rows(book, "1. level")
    assert level[0][0] == "Уровень?"
    assert _row(level, "Ответили")[1] == 5
    options = _after(level, "Вариант")
    assert [row[:3] for row in options] == [
        ("Вариант A", 3, 0.6),
        ("Вариант B", 1, 0.2),
        ("Вариант C", 1, 0.2),
    ]
    assert options[0][3:5] == (0.5, pytest.approx(0.1))  # previous share, change
    groups = _after(level, "Организация")
    assert groups[0] == ("Школа №1", 2, 2, 1, 0, 0)

    score = _sheet_rows(book, "3. score")
    mean = _row(score, "Среднее")
    assert mean[1] == pytest.approx(3.8)
    assert mean[3] == pytest.approx(3.0) and mean[5] == pytest.approx(0.8)
    points = _after(score, "Значение")
    assert [row[:4] for row in points] == [
        (1, None, 0, 0),
        (2, None, 1, 0.2),
        (3, None, 1, 0.2),
        (4, None, 1, 0.2),
        (5, "отлично", 2, 0.4),
    ]

    hours = _sheet_rows(book, "4. hours")
    assert _row(hours, "Медиана")[1] == 4
    assert _row(hours, "Максимум")[1] == 10
    assert [row[:2] for row in _after(hours, "Значение")] == [(2, 1), (4, 2), (10, 1)]

    note = _sheet_rows(book, "5. note")
    assert [row[0] for row in _after(note, "Ответы (выборка)")] == ["А", "Б"]


def test_raw_answers_sheet_of_a_named_survey() -> None:
    template = _template()
    book = _export(aggregate(template, _stream(ROWS)), template, raw=RAW)
    raw = _sheet_rows(book, "Ответы")
    assert raw[0][:5] == ("Участник", "Организация", "Муниципалитет", "Отправлено", "1. Уровень?")
    assert raw[1] == (
        "Иванова А. А.",
        "Школа №1",
        "Томский район",
        datetime(2024, 5, 20, 9, 30),
        "Вариант A",
        "Вариант X; Вариант Y",
        5,
        2,
        "Б",
        "Да",
    )
    assert raw[2][8] == "=1+1"  # a respondent's text is never turned into a formula
    assert book["Ответы"]["I3"].data_type == "s"
    assert len(raw) == 3


def test_raw_sheet_cells_keep_their_columns_and_characters() -> None:
    template = _template()
    rows = [
        RawRow("  Пробелы  ", None, "<МО & Ко>", None, {"hours": 2.5, "note": "a\x07b\n«c»"}),
        RawRow("Второй", "Школа", None, datetime(2024, 5, 21, 23, 59, 59), {"ok": "no"}),
    ]
    book = _export(aggregate(template, _stream(ROWS)), template, raw=rows)
    raw = _sheet_rows(book, "Ответы")
    # Missing values leave their cells empty without shifting the others.
    empty = (None, None, None)
    assert raw[1] == ("  Пробелы  ", None, "<МО & Ко>", None, *empty, 2.5, "ab\n«c»", None)
    submitted = datetime(2024, 5, 21, 23, 59, 59)
    assert raw[2] == ("Второй", "Школа", None, submitted, *empty, None, None, "Нет")
    assert book["Ответы"].max_row == 3


def test_anonymous_survey_export_has_no_raw_sheet() -> None:
    template = _template(anonymous=True)
    results = aggregate(template, _stream(ROWS))
    book = _export(results, template)
    assert "Ответы" not in book.sheetnames
    assert len(book.sheetnames) == 1 + len(template.questions)
    with pytest.raises(ValueError, match="anonymous"):
        export_xlsx(results, template, "ru", RAW, io.BytesIO())


def test_english_export_to_a_file(tmp_path: Path) -> None:
    template = _template()
    path = tmp_path / "results.xlsx"
    export_xlsx(aggregate(template, _stream(ROWS)), template, "en", None, str(path))
    book = load_workbook(path)
    assert book.sheetnames[0] == "Overview"
    assert _row(_sheet_rows(book, "6. ok"), "Yes")[1:3] == (3, 0.6)


def test_bench_quick_run_reports_time_and_memory_figures() -> None:
    # The figures' shape only: speed is judged by `python -m bench surveys`, not by a test.
    figures = run_bench(quick=True)
    by_name = {figure["name"]: figure for figure in figures}
    for figure in figures:
        assert set(figure) == {"name", "value", "unit", "target"}
        assert figure["unit"] in {"s", "MB"} and figure["value"] >= 0
    for path in ("anonymous", "named_raw", "database", "database_named"):
        rss = by_name[f"surveys.{path}.5000.peak_rss"]
        # A whole interpreter with its imports: tens of megabytes, never zero.
        assert rss["value"] > 10 and rss["target"] == 300.0
    assert by_name["surveys.database.5000.results_and_xlsx_time"]["target"] == 5.0
