"""Roadmap import: XLSX, CSV and DOCX tables made here, the shipped YAML seeds, errors,
and starting a new roadmap from a template."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest
import yaml

from bot.services.errors import InvalidInput
from bot.services.roadmaps import table_import
from bot.services.roadmaps.table_import import (
    ParsedRoadmap,
    Period,
    RoadmapImportError,
    find_period,
    import_roadmap,
    load_roadmap_file,
    preview,
    roadmap_to_yaml,
    seed_templates,
    shift_template,
    start_from_template,
)

ROADMAPS = Path(__file__).resolve().parents[2] / "data" / "roadmaps"
TITLE = "Дорожная карта реализации наставничества на 2020-2024 гг."
STANDARD = ("№", "Мероприятие", "Результат", "Срок", "Ответственные")
KEYS = ("number", "activity", "result", "deadline", "responsible")


@dataclass(frozen=True)
class Heading:
    text: str


def item(number: str, activity: str, result: str, deadline: str, responsible: str) -> dict:
    return dict(zip(KEYS, (number, activity, result, deadline, responsible), strict=True))


# The shapes of the seeds: stages, a section, a continuation row for a second party, a cell
# with one deadline per party, an event, and a phrase nobody can date.
BODY: list[Heading | dict] = [
    Heading("ПОДГОТОВИТЕЛЬНЫЙ ЭТАП"),
    item(
        "1.",
        "Мониторинг вовлеченности",
        "Информационный отчет",
        "Ноябрь 2020 г.",
        "Отдел образования",
    ),
    Heading("Нормативное обеспечение реализации наставничества"),
    item("2.", "Назначение ответственного лица", "Приказ", "Май 2021 г.", "Отдел образования"),
    item("", "", "", "Май-июнь 2021 г.", "Образовательные организации"),
    Heading("Основной этап"),
    item(
        "1",
        "Формирование базы наставников",
        "База данных",
        "Сентябрь 2021 г., далее – обновление не реже двух раз в год",
        "ОО, ДО",
    ),
    item(
        "2",
        "Промежуточный мониторинг",
        "Отчет",
        "Декабрь 2021 г. Ноябрь 2021 г.",
        "ОГБУ «РЦРО»\nМОУО",
    ),
    item(
        "3", "Разработка критериев", "Методика", "После утверждения региональных критериев", "МОУО"
    ),
    item("4", "Прочее", "", "Когда получится", "ОО"),
]


def table_rows(headers: tuple[str, ...] = STANDARD, body: list = BODY) -> list[list[str]]:
    """Header and body in the column order of `headers`; headings go in the first column."""
    order = [_key_of(h) for h in headers]
    rows = [list(headers)]
    for row in body:
        if isinstance(row, Heading):
            rows.append([row.text] + [""] * (len(headers) - 1))
        else:
            rows.append([row[key] for key in order])
    return rows


def _key_of(header: str) -> str:
    lowered = header.lower()
    for prefix, key in (
        ("№", "number"),
        ("меропр", "activity"),
        ("срок", "deadline"),
        ("ответ", "responsible"),
    ):
        if lowered.startswith(prefix):
            return key
    return "result"


def make_csv(
    rows: list[list[str]],
    *,
    delimiter: str = ";",
    encoding: str = "utf-8",
    title: str | None = TITLE,
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    if title:
        writer.writerow([title])
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def make_xlsx(
    rows: list[list[str]],
    *,
    merges: tuple[str, ...] = (),
    title: str | None = TITLE,
    clear: tuple[str, ...] = (),
) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    if title:
        sheet.append([title])
    for row in rows:
        sheet.append([value or None for value in row])
    for cell in clear:
        sheet[cell] = None
    for cell_range in merges:
        sheet.merge_cells(cell_range)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def make_docx(
    rows: list[list[str]],
    *,
    merges: tuple[tuple[int, int, int, int], ...] = (),
    title: str | None = TITLE,
) -> bytes:
    """A Word table; `merges` are (row, col, row, col) corners. Text is written after
    merging, into the top-left cell of each merge only, as Word keeps it."""
    document = docx.Document()
    if title:
        document.add_paragraph(title)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    covered = set()
    for r1, c1, r2, c2 in merges:
        table.cell(r1, c1).merge(table.cell(r2, c2))
        covered |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)} - {(r1, c1)}
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if (r, c) not in covered and text:
                table.cell(r, c).text = text
    document.add_paragraph("Директор ____________ 2019-2030")  # after the table: not the title
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def describe(parsed: ParsedRoadmap) -> list[tuple]:
    """A roadmap as plain data, to compare imports of different formats."""
    out = []
    for stage in parsed.stages:
        for section in stage.sections:
            for i in section.items:
                out.append(
                    (
                        stage.title,
                        section.title,
                        i.number,
                        i.activity,
                        i.result,
                        [
                            (d.phrase, d.responsible, d.spec.kind, d.spec.due_dates)
                            for d in i.deadlines
                        ],
                    )
                )
    return out


def check_standard(parsed: ParsedRoadmap) -> None:
    assert parsed.title == TITLE
    assert parsed.period == Period(date(2020, 1, 1), date(2024, 12, 31))
    assert [s.title for s in parsed.stages] == ["ПОДГОТОВИТЕЛЬНЫЙ ЭТАП", "Основной этап"]
    assert [sec.title for sec in parsed.stages[0].sections] == [
        None,
        "Нормативное обеспечение реализации наставничества",
    ]
    items = list(parsed.items())
    assert [i.number for i in items] == ["1", "2", "1", "2", "3", "4"]
    appoint = items[1]
    assert [(d.phrase, d.responsible) for d in appoint.deadlines] == [
        ("Май 2021 г.", "Отдел образования"),
        ("Май-июнь 2021 г.", "Образовательные организации"),
    ]
    assert appoint.deadlines[1].spec.window_start == date(2021, 5, 1)
    database = items[2].deadlines[0].spec
    assert database.recurrence == "twice_a_year"
    assert database.due_dates[:3] == (date(2021, 9, 30), date(2022, 3, 31), date(2022, 9, 30))
    monitoring = items[3].deadlines
    assert [(d.phrase, d.responsible, d.spec.due_dates) for d in monitoring] == [
        ("Декабрь 2021 г.", "ОГБУ «РЦРО»", (date(2021, 12, 31),)),
        ("Ноябрь 2021 г.", "МОУО", (date(2021, 11, 30),)),
    ]
    assert items[4].deadlines[0].spec.kind == "event_triggered"
    assert items[5].result is None
    summary = preview(parsed)
    assert summary.item_count == 6
    assert summary.deadline_count == 8
    assert summary.stage_count == 2
    assert summary.section_count == 1
    assert summary.kinds == {"dates": 6, "event_triggered": 1, "unparsed": 1}
    assert summary.needs_dates == 2
    assert [(e.phrase, e.reason, e.column) for e in summary.unparsed] == [
        ("Когда получится", "unknown_phrase", parsed.deadline_column),
    ]
    assert summary.first_due == date(2020, 11, 30)
    assert summary.warnings == ()


# --- formats -------------------------------------------------------------------------------


def test_csv_with_semicolons_in_cp1251() -> None:
    parsed = import_roadmap(make_csv(table_rows(), encoding="cp1251"), "карта.csv")
    check_standard(parsed)
    # Title in row 1, header in row 2: "Когда получится" is on the 12th line.
    assert preview(parsed).unparsed[0].row == 12
    assert parsed.source == "карта.csv"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_encodings_and_delimiters(encoding: str, delimiter: str) -> None:
    data = make_csv(table_rows(), delimiter=delimiter, encoding=encoding)
    check_standard(import_roadmap(data, "roadmap.CSV"))


def test_xlsx_with_merged_stage_rows_and_a_merged_item() -> None:
    rows = table_rows()
    # Row numbers in the sheet: 1 title, 2 header, 3 stage, 4 item 1, 5 section, 6-7 item 2
    # with its continuation, where №, activity and result are merged down.
    data = make_xlsx(rows, merges=("A3:E3", "A5:E5", "A6:A7", "B6:B7", "C6:C7", "A8:E8"))
    parsed = import_roadmap(data, "roadmap.xlsx")
    check_standard(parsed)
    assert preview(parsed).unparsed[0].row == 12


def test_xlsx_date_typed_into_a_deadline_cell() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Дорожная карта 2020-2024"])
    sheet.append(list(STANDARD))
    sheet.append([1, "Приказ", "Приказ", date(2021, 12, 1), "МОУО"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    parsed = import_roadmap(buffer.getvalue(), "r.xlsx")
    (only,) = parsed.items()
    assert only.number == "1"
    assert only.deadlines[0].phrase == "01.12.2021"
    assert only.deadlines[0].spec.due_dates == (date(2021, 12, 1),)


def test_docx_with_merged_cells() -> None:
    rows = table_rows()
    width = len(STANDARD) - 1
    # Table rows: 0 header, 1 stage, 2 item 1, 3 section, 4-5 item 2 (merged down), 6 stage.
    merges = (
        (1, 0, 1, width),
        (3, 0, 3, width),
        (4, 0, 5, 0),
        (4, 1, 5, 1),
        (4, 2, 5, 2),
        (6, 0, 6, width),
    )
    parsed = import_roadmap(make_docx(rows, merges=merges), "roadmap.docx")
    check_standard(parsed)
    assert preview(parsed).unparsed[0].row == 11


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_deadline_merged_over_two_parties(fmt: str) -> None:
    """One "Срок" cell spanning two rows: both parties get that deadline."""
    rows = [
        list(STANDARD),
        ["1", "Назначение ответственного", "Приказ", "Май 2021 г.", "МОУО"],
        ["", "", "", "", "ОО, ДО"],
    ]
    if fmt == "docx":
        data = make_docx(rows, merges=((1, 0, 2, 0), (1, 1, 2, 1), (1, 2, 2, 2), (1, 3, 2, 3)))
    else:
        data = make_xlsx(rows, merges=("A3:A4", "B3:B4", "C3:C4", "D3:D4"))
    parsed = import_roadmap(data, f"r.{fmt}")
    (only,) = parsed.items()
    assert [(d.phrase, d.responsible) for d in only.deadlines] == [
        ("Май 2021 г.", "МОУО"),
        ("Май 2021 г.", "ОО, ДО"),
    ]


def test_numbered_rows_sharing_a_merged_activity_are_two_items() -> None:
    rows = [
        list(STANDARD),
        ["2.1", "Мониторинг", "Отчет МОУО", "Ноябрь 2021 г.", "МОУО"],
        ["2.2", "", "Отчет ОО", "Декабрь 2021 г.", "ОО"],
    ]
    parsed = import_roadmap(make_docx(rows, merges=((1, 1, 2, 1),)), "r.docx")
    assert [(i.number, i.activity, i.result) for i in parsed.items()] == [
        ("2.1", "Мониторинг", "Отчет МОУО"),
        ("2.2", "Мониторинг", "Отчет ОО"),
    ]


def test_docx_header_repeated_on_the_next_page_and_numbered_columns() -> None:
    rows = table_rows()
    rows.insert(1, ["1", "2", "3", "4", "5"])
    rows.insert(6, list(STANDARD))
    check_standard(import_roadmap(make_docx(rows), "r.docx"))


@pytest.mark.parametrize(
    "headers",
    [
        ("№ п/п", "Мероприятие", "Ответственный", "Результат", "Срок исполнения"),
        ("Ответственные", "Сроки", "Форма представления результата", "Мероприятия", "№"),
        (
            "Мероприятие",
            "Содержание деятельности и результат",
            "№",
            "Срок реализации",
            "Ответственный",
        ),
    ],
)
@pytest.mark.parametrize("fmt", ["csv", "xlsx", "docx"])
def test_columns_in_any_order(headers: tuple[str, ...], fmt: str) -> None:
    expected = describe(import_roadmap(make_csv(table_rows()), "standard.csv"))
    rows = table_rows(headers)
    # Headings are written into the activity column here, not the first one.
    activity = [_key_of(h) for h in headers].index("activity")
    for row in rows[1:]:
        if row[0] and all(not cell for cell in row[1:]) and activity != 0:
            row[activity], row[0] = row[0], ""
    data = {"csv": make_csv, "xlsx": make_xlsx, "docx": make_docx}[fmt](rows)
    assert describe(import_roadmap(data, f"roadmap.{fmt}")) == expected


def test_extra_columns_are_kept_by_their_header() -> None:
    rows = [
        ["№", "Мероприятие", "Показатель реализации", "Сроки", "Ответственные"],
        ["1", "Разработка программ", "2020 г. – 20; 2021 г. – 20", "Май 2020", "МОУО"],
    ]
    (only,) = import_roadmap(make_csv(rows), "r.csv").items()
    assert only.extra == (("Показатель реализации", "2020 г. – 20; 2021 г. – 20"),)


def test_deadlines_that_cannot_be_matched_to_parties_go_to_all_with_a_warning() -> None:
    rows = [
        list(STANDARD),
        ["1", "Мониторинг", "Отчет", "Декабрь 2020 г. Ноябрь 2020 г.", "ОГБУ «РЦРО» МОУО ОО, ДО"],
    ]
    parsed = import_roadmap(make_csv(rows), "r.csv")
    (only,) = parsed.items()
    assert [d.responsible for d in only.deadlines] == ["ОГБУ «РЦРО» МОУО ОО, ДО"] * 2
    assert [(w.code, w.row) for w in preview(parsed).warnings] == [("responsible_not_split", 3)]


def test_a_page_break_continuation_adds_to_the_last_party_and_the_result() -> None:
    rows = [
        list(STANDARD),
        ["1", "Мониторинг", "Отчет", "Ноябрь 2020 г.", "Управление образования"],
        ["", "", "и справка", "", "Администрации района"],
    ]
    (only,) = import_roadmap(make_csv(rows), "r.csv").items()
    assert only.result == "Отчет\nи справка"
    assert [d.responsible for d in only.deadlines] == [
        "Управление образования\nАдминистрации района",
    ]


def test_period_can_be_given_when_the_file_names_none() -> None:
    period = Period(date(2021, 1, 1), date(2022, 1, 31))
    data = make_csv(table_rows(body=[BODY[3]]), title="Дорожная карта Самарской области")
    parsed = import_roadmap(data, "samara.csv", period=period)
    assert parsed.period == period
    assert parsed.title == "Дорожная карта Самарской области"


def test_title_falls_back_to_the_file_name() -> None:
    data = make_csv(table_rows(body=[BODY[1]]), title=None)
    parsed = import_roadmap(data, "Кедровый 2020-2024.csv")
    assert parsed.title == "Кедровый 2020-2024"
    assert parsed.period == Period(date(2020, 1, 1), date(2024, 12, 31))


# --- errors ------------------------------------------------------------------------------


def _error(data: bytes, filename: str, **options) -> RoadmapImportError:
    with pytest.raises(RoadmapImportError) as caught:
        import_roadmap(data, filename, **options)
    return caught.value


@pytest.mark.parametrize("data", [b"", b"  \n\t ", "\ufeff".encode() + b"\n"])
@pytest.mark.parametrize("filename", ["r.csv", "r.xlsx", "r.docx", "r.yaml"])
def test_empty_file(data: bytes, filename: str) -> None:
    error = _error(data, filename)
    # A BOM alone is not whitespace to bytes.strip(): it then has no header or no content.
    assert error.code in ("empty_file", "no_header", "malformed")
    if not data.strip():
        assert error.code == "empty_file"


def test_too_large() -> None:
    error = _error(make_csv(table_rows()), "r.csv", max_bytes=100)
    assert (error.code, error.value) == ("too_large", len(make_csv(table_rows())))


def test_too_many_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(table_import, "MAX_ROWS", 5)
    assert _error(make_csv(table_rows()), "r.csv").code == "too_large"


@pytest.mark.parametrize("filename", ["r.xlsx", "r.docx"])
def test_malformed_office_file(filename: str) -> None:
    assert _error(b"PK\x03\x04 not really a zip", filename).code == "malformed"


def test_no_header() -> None:
    data = "Просто текст;без таблицы\n1;2\n".encode()
    assert _error(data, "r.csv").code == "no_header"


def test_header_without_a_deadline_column() -> None:
    rows = [["№", "Мероприятие", "Ответственные"], ["1", "Приказ", "МОУО"]]
    error = _error(make_csv(rows), "r.csv")
    assert (error.code, error.row, error.column) == ("missing_column", 2, "Срок")


def test_header_only() -> None:
    assert _error(make_csv([list(STANDARD)]), "r.csv").code == "no_items"


def test_no_period() -> None:
    data = make_csv(table_rows(body=[BODY[1]]), title="Дорожная карта")
    assert _error(data, "r.csv").code == "no_period"


def test_unsupported_format() -> None:
    error = _error(b"%PDF-1.4", "roadmap.pdf")
    assert (error.code, error.value) == ("unsupported_format", "pdf")


def test_date_outside_the_period_names_the_row_and_the_cell() -> None:
    body = [*BODY[:-1], item("5", "Итоговый отчет", "Отчет", "Декабрь 2025 г.", "ОО")]
    error = _error(
        make_xlsx(
            table_rows(("№", "Мероприятие", "Результат", "Срок реализации", "Ответственные"), body)
        ),
        "r.xlsx",
    )
    assert (error.code, error.row, error.column, error.value) == (
        "date_outside_period",
        12,
        "Срок реализации",
        "Декабрь 2025 г.",
    )
    # A domain error the handlers render from locales/.
    assert isinstance(error, InvalidInput)
    assert error.key == "roadmap-import-date-outside-period"
    assert error.params == {"row": 12, "column": "Срок реализации", "value": "Декабрь 2025 г."}


def test_an_item_without_activity() -> None:
    rows = [list(STANDARD), ["1", "", "Отчет", "Май 2021", "МОУО"]]
    error = _error(make_csv(rows), "r.csv")
    assert (error.code, error.row, error.column) == ("missing_activity", 3, "Мероприятие")


def test_a_continuation_before_any_item() -> None:
    rows = [list(STANDARD), ["", "", "", "Май 2021", "МОУО"]]
    error = _error(make_csv(rows), "r.csv")
    assert (error.code, error.row) == ("malformed", 3)


@pytest.mark.parametrize(
    ("text", "code", "row"),
    [
        ("title: x\nperiod: {start: 2020-01-01\n", "malformed", 3),
        ("- just\n- a list\n", "malformed", None),
        ("title: x\nstages: []\n", "no_period", 1),
        ("title: x\nperiod: {start: 2024-01-01, end: 2020-01-01}\nstages: []\n", "malformed", 2),
        ("title: x\nperiod: {start: 2020-01-01, end: 2024-12-31}\nstages: []\n", "no_items", None),
        (
            "title: x\nperiod: {start: 2020-01-01, end: 2024-12-31}\nstages:\n"
            "- sections:\n  - items:\n    - number: 1\n      deadlines: []\n",
            "malformed",
            6,
        ),
        (
            "title: x\nperiod: {start: 2020-01-01, end: 2024-12-31}\nstages:\n"
            "- items:\n  - activity: a\n    deadlines:\n    - phrase: Май 2031\n",
            "date_outside_period",
            7,
        ),
        ("title: x\nperiod: {start: 2020-01-01, end: 2024-12-31}\nstages: 5\n", "malformed", 1),
    ],
)
def test_yaml_errors(text: str, code: str, row: int | None) -> None:
    error = _error(text.encode(), "r.yaml")
    assert (error.code, error.row) == (code, row)


# --- shipped seeds and templates ---------------------------------------------------------


SEEDS = {
    # name: (items, deadlines, event-triggered)
    "kedrovy-city-2020-2024": (23, 25, 0),
    "samara-region-2021": (29, 29, 0),
    "tomsk-district-2020-2024": (15, 16, 1),
    "tomsk-region-2020-2024": (22, 35, 0),
    "tomsk-region-program-2020-2024": (18, 18, 0),
    # A school's plan for a school year, built from what the seeds ask of schools.
    "school-2026-2027": (18, 18, 1),
}


def test_the_five_seeds_and_the_school_template_are_shipped() -> None:
    assert sorted(seed_templates()) == sorted(SEEDS)


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_every_shipped_seed_imports_completely(name: str) -> None:
    parsed = load_roadmap_file(ROADMAPS / f"{name}.yaml")
    summary = preview(parsed)
    items, deadlines, events = SEEDS[name]
    assert (summary.item_count, summary.deadline_count) == (items, deadlines)
    assert summary.unparsed == ()
    assert len(summary.event_triggered) == events
    assert summary.warnings == ()
    for entry in summary.event_triggered:
        # An event to wait for, or a flag such as «по мере необходимости».
        assert entry.row is not None and (entry.event or (entry.spec and entry.spec.flags))
    assert parsed.period.start <= summary.first_due <= summary.last_due <= parsed.period.end


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_yaml_round_trip(name: str) -> None:
    parsed = load_roadmap_file(ROADMAPS / f"{name}.yaml")
    again = import_roadmap(roadmap_to_yaml(parsed).encode(), "again.yaml")
    assert describe(again) == describe(parsed)
    assert (again.title, again.period) == (parsed.title, parsed.period)


def test_the_seed_with_one_deadline_per_party_is_paired_line_by_line() -> None:
    parsed = load_roadmap_file(ROADMAPS / "tomsk-region-2020-2024.yaml")
    first = next(parsed.items())
    assert [(d.phrase, d.responsible) for d in first.deadlines] == [
        ("Декабрь 2020 г.", "ОГБУ «РЦРО»"),
        ("Ноябрь 2020 г.", "МОУО"),
        ("Ноябрь 2020 г.", "ОО, ДО"),
    ]


def test_shift_template_moves_period_title_and_phrases_by_whole_years() -> None:
    original = load_roadmap_file(ROADMAPS / "tomsk-region-2020-2024.yaml")
    shifted = shift_template(original, date(2025, 9, 1))
    assert shifted.period == Period(date(2025, 1, 1), date(2029, 12, 31))
    assert "2025 -2029 гг." in shifted.title
    phrases = [d.phrase for i in shifted.items() for d in i.deadlines]
    assert "Май 2026 г., далее – ежегодно до 1 февраля 2029 года" in phrases
    for old, new in zip(original.items(), shifted.items(), strict=True):
        assert new.activity == old.activity
        for before, after in zip(old.deadlines, new.deadlines, strict=True):
            assert after.spec.kind == before.spec.kind
            assert after.spec.due_dates == tuple(
                d.replace(year=d.year + 5) for d in before.spec.due_dates
            )
    assert preview(shifted).unparsed == ()


def test_shifted_month_ends_stay_month_ends() -> None:
    samara = start_from_template("samara-region-2021", date(2024, 1, 1))
    assert samara.period == Period(date(2024, 1, 1), date(2025, 1, 31))
    february = next(d for i in samara.items() for d in i.deadlines if d.phrase.startswith("Фев"))
    assert february.phrase == "Февраль 2024 года"
    assert february.spec.due_dates == (date(2024, 2, 29),)


def test_a_shifted_template_saves_and_imports_again() -> None:
    shifted = start_from_template("kedrovy-city-2020-2024", date(2026, 1, 1))
    again = import_roadmap(roadmap_to_yaml(shifted).encode(), "new.yaml")
    assert describe(again) == describe(shifted)
    assert yaml.safe_load(roadmap_to_yaml(shifted))["period"]["start"] == date(2026, 1, 1)


def test_unknown_template() -> None:
    with pytest.raises(RoadmapImportError) as caught:
        start_from_template("nowhere", date(2025, 1, 1))
    assert caught.value.code == "unknown_template"


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("План на 2026-2027 учебный год", date(2026, 9, 1), date(2027, 8, 31)),
        ("Дорожная карта на 2026/2027 уч. год", date(2026, 9, 1), date(2027, 8, 31)),
        ("на 2026 – 2028 учебные годы", date(2026, 9, 1), date(2028, 8, 31)),
        ("на 2020-2024 гг.", date(2020, 1, 1), date(2024, 12, 31)),
        ("2025-2027", date(2025, 1, 1), date(2027, 12, 31)),
    ],
)
def test_a_school_year_in_the_title_is_one_school_year(text: str, start: date, end: date) -> None:
    """«на 2026-2027 учебный год» is 1 September 2026 – 31 August 2027, not two calendar
    years; calendar years stay calendar years."""
    assert find_period(text) == Period(start, end)
