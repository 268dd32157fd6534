"""Importing a roadmap from the table a coordinator already has: XLSX, CSV, DOCX or YAML.

Every format is read into a grid of cells (merged cells marked as such), the grid is read
into a neutral `ParsedRoadmap` (stages → sections → items → deadline per responsible
party), and nothing is returned until the whole file has been read: a file either imports
completely or raises `RoadmapImportError` naming the row and the cell. Phrases the deadline
parser cannot read are not errors: they are kept, flagged "unparsed", and listed by
`preview()` for a human to date.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from bot.services.errors import InvalidInput
from bot.services.roadmaps.deadlines import (
    SCHOOL_YEAR_START,
    DeadlineSpec,
    parse_deadline,
    parse_deadline_cell,
    shift_years,
)
from bot.services.upload_limits import BoundedSafeLoader, UploadLimitError, check_zip

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# What a table may hold (a roadmap has dozens of rows and five to ten columns). Checked
# against the size a sheet declares before reading it, and counted while reading, since the
# declared size can lie; cells beyond MAX_COLUMNS are not read.
MAX_ROWS = 5000
MAX_COLUMNS = 100
MAX_MERGED_RANGES = 5000
MAX_MERGED_CELLS = 100_000  # all merged ranges together, within the rows and columns read
MAX_TABLES = 50  # in a DOCX
# The header is looked for among the first rows only: a title block is a few rows at most.
HEADER_SEARCH_ROWS = 30

NUMBER, ACTIVITY, RESULT, DEADLINE, RESPONSIBLE = (
    "number",
    "activity",
    "result",
    "deadline",
    "responsible",
)


class RoadmapImportError(InvalidInput):
    """The file cannot be imported. `code` names the problem; `row` (1-based, as a
    spreadsheet shows it, or the YAML line), `column` (the header as written) and `value`
    say where. The locale key is "roadmap-import-<code>"."""

    def __init__(
        self,
        code: str,
        row: int | None = None,
        column: str | None = None,
        value: str | int | None = None,
    ) -> None:
        params = {
            name: param
            for name, param in (("row", row), ("column", column), ("value", value))
            if param is not None
        }
        super().__init__("roadmap-import-" + code.replace("_", "-"), **params)
        self.code = code
        self.row = row
        self.column = column
        self.value = value

    def __reduce__(self) -> tuple[Any, ...]:
        # Raised in the parsing worker process and re-raised in the bot: pickle what we
        # were built from (Exception's default would rebuild us from the locale key).
        return type(self), (self.code, self.row, self.column, self.value)


# ---------------------------------------------------------------------------------------
# The neutral roadmap


@dataclass(frozen=True)
class Period:
    start: date
    end: date


@dataclass(frozen=True)
class ParsedDeadline:
    """One deadline of an item for one responsible party."""

    phrase: str
    spec: DeadlineSpec
    responsible: str
    row: int | None = None


@dataclass(frozen=True)
class ParsedItem:
    number: str | None
    activity: str
    result: str | None
    deadlines: tuple[ParsedDeadline, ...]
    row: int | None = None
    # Columns the importer does not know ("Показатель реализации"), by their header.
    extra: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ParsedSection:
    title: str | None
    items: tuple[ParsedItem, ...]


@dataclass(frozen=True)
class ParsedStage:
    title: str | None
    sections: tuple[ParsedSection, ...]


@dataclass(frozen=True)
class ImportWarning:
    """Imported, but worth a look: e.g. several deadlines in one cell that could not be
    matched line by line with their responsible parties."""

    code: str
    row: int | None = None
    value: str | None = None


@dataclass(frozen=True)
class ParsedRoadmap:
    title: str
    period: Period
    stages: tuple[ParsedStage, ...]
    source: str | None = None
    deadline_column: str | None = None
    warnings: tuple[ImportWarning, ...] = ()

    def items(self) -> Iterator[ParsedItem]:
        for stage in self.stages:
            for section in stage.sections:
                yield from section.items


@dataclass(frozen=True)
class PreviewEntry:
    row: int | None
    column: str | None
    number: str | None
    activity: str
    phrase: str
    responsible: str
    kind: str
    reason: str | None = None
    params: tuple[tuple[str, str], ...] = ()
    event: str | None = None
    # What the phrase was read as: the same spec the import saves for this deadline.
    spec: DeadlineSpec | None = None


@dataclass(frozen=True)
class ImportPreview:
    title: str
    period: Period
    stage_count: int
    section_count: int
    item_count: int
    deadline_count: int
    due_date_count: int
    kinds: dict[str, int]
    first_due: date | None
    last_due: date | None
    unparsed: tuple[PreviewEntry, ...]
    event_triggered: tuple[PreviewEntry, ...]
    warnings: tuple[ImportWarning, ...]
    # Every "Срок" of the table in its order, with what it was read as (the README's
    # promise: the coordinator sees each phrase's dates before saving).
    deadlines: tuple[PreviewEntry, ...] = ()

    @property
    def needs_dates(self) -> int:
        """Deadlines a human has to date before reminders can run."""
        return len(self.unparsed) + len(self.event_triggered)


def preview(parsed: ParsedRoadmap) -> ImportPreview:
    """What the coordinator confirms before anything is saved."""
    items = list(parsed.items())
    deadlines = [(item, d) for item in items for d in item.deadlines]
    kinds: dict[str, int] = {}
    for _, deadline in deadlines:
        kinds[deadline.spec.kind] = kinds.get(deadline.spec.kind, 0) + 1
    due = sorted(day for _, d in deadlines for day in d.spec.due_dates)

    def entries(kind: str) -> tuple[PreviewEntry, ...]:
        return tuple(
            _preview_entry(item, d, parsed.deadline_column)
            for item, d in deadlines
            if d.spec.kind == kind
        )

    return ImportPreview(
        title=parsed.title,
        period=parsed.period,
        stage_count=sum(1 for s in parsed.stages if s.title is not None),
        section_count=sum(1 for s in parsed.stages for sec in s.sections if sec.title),
        item_count=len(items),
        deadline_count=len(deadlines),
        due_date_count=len(due),
        kinds=kinds,
        first_due=due[0] if due else None,
        last_due=due[-1] if due else None,
        unparsed=entries("unparsed"),
        event_triggered=entries("event_triggered"),
        warnings=parsed.warnings,
        deadlines=tuple(_preview_entry(item, d, parsed.deadline_column) for item, d in deadlines),
    )


def _preview_entry(item: ParsedItem, d: ParsedDeadline, column: str | None) -> PreviewEntry:
    return PreviewEntry(
        row=d.row,
        column=column,
        number=item.number,
        activity=item.activity,
        phrase=d.phrase,
        responsible=d.responsible,
        kind=d.spec.kind,
        reason=d.spec.reason,
        params=d.spec.params,
        event=d.spec.event,
        spec=d.spec,
    )


# ---------------------------------------------------------------------------------------
# Entry points


def import_roadmap(
    data: bytes,
    filename: str,
    *,
    period: Period | None = None,
    title: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ParsedRoadmap:
    """Read a roadmap file; the extension of `filename` says the format. Without `period`
    it is taken from the file (YAML) or from years in its title ("на 2020-2024 гг.")."""
    if len(data) > max_bytes:
        raise RoadmapImportError("too_large", value=len(data))
    if not data.strip():
        raise RoadmapImportError("empty_file")
    extension = Path(filename).suffix.lower().lstrip(".")
    readers = {"xlsx": _read_xlsx, "xlsm": _read_xlsx, "csv": _read_csv, "docx": _read_docx}
    if extension not in readers and extension not in ("yaml", "yml"):
        raise RoadmapImportError("unsupported_format", value=extension or filename)
    try:
        if extension in ("yaml", "yml"):
            return _import_yaml(data, filename, period=period, title=title)
        document = readers[extension](data)
    except UploadLimitError as error:
        value = error.value
        if error.code == "unpacked" and isinstance(value, int):
            value = f"{value / 1024 / 1024:.1f}"
        raise RoadmapImportError(error.code, row=error.row, value=value) from None
    return _TableReader(document, filename, period=period, title=title).read()


def load_roadmap_file(path: Path, **options: Any) -> ParsedRoadmap:
    return import_roadmap(path.read_bytes(), path.name, **options)


# ---------------------------------------------------------------------------------------
# Grids: what every table format is read into


@dataclass(frozen=True)
class _Cell:
    text: str
    # Part of a merged cell: spanned from the cell on the left, or from the one above.
    from_left: bool = False
    from_above: bool = False


@dataclass(frozen=True)
class _Row:
    number: int
    cells: tuple[_Cell, ...]

    def own(self, index: int | None) -> str:
        """The cell's own text: the repeated text of a merged cell does not count."""
        if index is None or index >= len(self.cells):
            return ""
        cell = self.cells[index]
        return "" if cell.from_left or cell.from_above else cell.text

    def shared(self, index: int | None) -> str:
        """The cell's text, also when it is the lower part of a vertically merged cell."""
        if index is None or index >= len(self.cells):
            return ""
        cell = self.cells[index]
        return "" if cell.from_left else cell.text

    def own_texts(self) -> list[tuple[int, str]]:
        return [(i, text) for i in range(len(self.cells)) if (text := self.own(i))]


@dataclass
class _Document:
    rows: list[_Row]
    # Text before the table (DOCX paragraphs); in spreadsheets it is in the rows above.
    preamble: list[str] = field(default_factory=list)


def _clean(text: str) -> str:
    """Trim each line and drop blank ones; line breaks matter (one responsible a line)."""
    lines = (" ".join(line.split()) for line in text.replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def _check_rows(count: int) -> None:
    if count > MAX_ROWS:
        raise RoadmapImportError("too_large", value=count)


def _check_size(rows: int, columns: int) -> None:
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        raise RoadmapImportError("too_big_sheet", value=f"{rows} × {columns}")


def _check_container(data: bytes) -> None:
    """XLSX and DOCX are zip files: refuse what would unpack to too much."""
    try:
        check_zip(data)
    except zipfile.BadZipFile as exc:
        raise RoadmapImportError("malformed", value=type(exc).__name__) from exc


def _read_xlsx(data: bytes) -> _Document:
    import openpyxl  # imported here: only this format needs it
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    _check_container(data)
    try:
        # read_only: rows are streamed from the XML, never a cell object per grid position.
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # zip, XML and openpyxl's own errors all mean a broken file
        raise RoadmapImportError("malformed", value=type(exc).__name__) from exc
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if not isinstance(sheet, ReadOnlyWorksheet):  # no sheets, or a chart sheet first
            raise RoadmapImportError("no_header")
        _check_size(sheet.max_row or 0, sheet.max_column or 0)  # as declared
        merges = _xlsx_merges(sheet)
        sheet.reset_dimensions()  # the declared size may also be too small: read all rows
        values: list[tuple[object, ...]] = []
        for sheet_row in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
            values.append(sheet_row)
            _check_rows(len(values))
    except RoadmapImportError:
        raise
    except Exception as exc:  # a broken sheet XML shows only while it is read
        raise RoadmapImportError("malformed", value=type(exc).__name__) from exc
    finally:
        workbook.close()
    width = max((i + 1 for row in values for i, v in enumerate(row) if v is not None), default=0)
    merged = _merged_cells(merges, values, width)
    rows = []
    for r, row_values in enumerate(values, start=1):
        cells = []
        for c, value in enumerate(row_values[:width], start=1):
            text, from_left, from_above = merged.get((r, c), (_xlsx_text(value), False, False))
            cells.append(_Cell(text, from_left, from_above))
        rows.append(_Row(r, tuple(cells)))
    return _Document(rows)


def _xlsx_merges(sheet: Any) -> list[tuple[int, int, int, int]]:
    """The merged ranges (min_col, min_row, max_col, max_row) of a read-only sheet, which
    openpyxl does not give: read from the sheet's XML, at most MAX_MERGED_RANGES."""
    from openpyxl.utils.cell import range_boundaries
    from openpyxl.xml.functions import iterparse

    # What range_boundaries() gives: a whole row ("1:1") has no columns, a whole column
    # ("A:A") no rows.
    merges: list[
        tuple[int, int, int, int] | tuple[None, int, None, int] | tuple[int, None, int, None]
    ] = []
    with sheet._get_source() as source:  # the sheet's XML in the archive
        for _, element in iterparse(source):
            if element.tag.endswith("}mergeCell"):
                if len(merges) >= MAX_MERGED_RANGES:
                    raise RoadmapImportError("too_many_merged", value=MAX_MERGED_RANGES)
                try:
                    merges.append(range_boundaries(element.get("ref", "")))
                except (TypeError, ValueError) as exc:
                    raise RoadmapImportError("malformed", value="mergeCell") from exc
            element.clear()  # keep memory flat over a long sheet
    return [m for m in merges if m[0] is not None and m[1] is not None]


def _merged_cells(
    merges: list[tuple[int, int, int, int]], values: list[tuple[object, ...]], width: int
) -> dict[tuple[int, int], tuple[str, bool, bool]]:
    """Each grid position a merged range covers, within what was read: the range's text and
    whether it spans from the left or from above. A range far outside costs nothing; all of
    them together may cover at most MAX_MERGED_CELLS positions."""
    merged: dict[tuple[int, int], tuple[str, bool, bool]] = {}
    for min_col, min_row, max_col, max_row in merges:
        last_row, last_col = min(max_row, len(values)), min(max_col, width)
        if min_row > last_row or min_col > last_col:
            continue
        area = (last_row - min_row + 1) * (last_col - min_col + 1)
        if len(merged) + area > MAX_MERGED_CELLS:
            raise RoadmapImportError("too_many_merged", value=MAX_MERGED_RANGES)
        row_values = values[min_row - 1]
        top_left = _xlsx_text(row_values[min_col - 1] if min_col <= len(row_values) else None)
        for row in range(min_row, last_row + 1):
            for col in range(min_col, last_col + 1):
                from_left = col > min_col
                from_above = row > min_row and not from_left
                merged[(row, col)] = (top_left, from_left, from_above)
    return merged


def _xlsx_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.strftime("%d.%m.%Y")  # a date typed into a "Срок" cell
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _clean(str(value))


def _read_csv(data: bytes) -> _Document:
    """Russian Excel saves CSV with ";" (the comma is the decimal separator), others with
    ","; the delimiter that yields a recognisable header wins."""
    text = _decode(data)
    documents = [_csv_rows(text, delimiter) for delimiter in (";", ",", "\t")]
    for document in documents:
        try:
            _find_header(document.rows)
        except RoadmapImportError:
            continue
        return document
    return documents[0]


def _csv_rows(text: str, delimiter: str) -> _Document:
    rows = []
    try:
        for number, values in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
            _check_rows(number)
            if len(values) > MAX_COLUMNS:
                raise RoadmapImportError("too_big_sheet", value=f"{number} × {len(values)}")
            rows.append(_Row(number, tuple(_Cell(_clean(v)) for v in values)))
    except csv.Error as exc:
        raise RoadmapImportError("malformed", row=len(rows) + 1, value=str(exc)) from exc
    return _Document(rows)


def _decode(data: bytes) -> str:
    # utf-8-sig also reads plain UTF-8; Excel on Russian Windows saves CSV as cp1251.
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RoadmapImportError("malformed", value="encoding")


def _read_docx(data: bytes) -> _Document:
    import docx  # python-docx; imported here: only this format needs it
    from docx.text.paragraph import Paragraph

    _check_container(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # zip, XML and python-docx's own errors all mean a broken file
        raise RoadmapImportError("malformed", value=type(exc).__name__) from exc
    preamble = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "tbl":
            break  # the title is above the table; what follows it is signatures and notes
        if tag == "p" and (text := " ".join(Paragraph(child, document).text.split())):
            preamble.append(text)
    tables = document.tables
    if len(tables) > MAX_TABLES:
        raise RoadmapImportError("too_many_tables", value=len(tables))
    rows: list[_Row] = []
    for table in tables:
        # Bounded before python-docx expands merged cells row by row.
        _check_size(len(table.rows), len(table._tbl.tblGrid.gridCol_lst))
        _check_rows(len(rows) + len(table.rows))
        rows.extend(_docx_rows(table, first_number=len(rows) + 1))
    return _Document(rows, preamble)


def _docx_rows(table: Any, first_number: int) -> list[_Row]:
    """python-docx repeats a merged cell at every grid position it covers (to the right,
    and below for vertical merges); the repeats are marked so they are read once."""
    rows: list[_Row] = []
    above: list[Any] = []
    for offset, row in enumerate(table.rows):
        if row.grid_cols_before + len(row._tr.tc_lst) > MAX_COLUMNS:  # the grid may lie
            raise RoadmapImportError("too_big_sheet", value=f"{len(table.rows)} × {MAX_COLUMNS}+")
        tcs: list[Any] = [None] * row.grid_cols_before + [c._tc for c in row.cells]
        texts = [""] * row.grid_cols_before + [_clean(c.text) for c in row.cells]
        cells = []
        for i, tc in enumerate(tcs):
            from_left = tc is not None and i > 0 and tcs[i - 1] is tc
            from_above = tc is not None and not from_left and i < len(above) and above[i] is tc
            cells.append(_Cell(texts[i], from_left, from_above))
        rows.append(_Row(first_number + offset, tuple(cells)))
        above = tcs
    return rows


# ---------------------------------------------------------------------------------------
# Reading a grid into a roadmap


_HEADER_PATTERNS = (
    (NUMBER, re.compile(r"^(№|n|no|номер)(\s*п\s*/\s*п)?$|^п\s*/\s*п$")),
    (DEADLINE, re.compile(r"^(срок|сроки|дата)\b")),
    (RESPONSIBLE, re.compile(r"^(ответствен|исполнител)")),
    (ACTIVITY, re.compile(r"^(наименование\s+)?мероприяти")),
    (RESULT, re.compile(r"результат|^содержание\s+деятельности")),
)
_HEADER_NAMES = {
    NUMBER: "№",
    ACTIVITY: "Мероприятие",
    RESULT: "Результат",
    DEADLINE: "Срок",
    RESPONSIBLE: "Ответственные",
}
_STAGE_RE = re.compile(r"\bэтап\b", re.IGNORECASE)
_YEARS_RE = re.compile(r"\b((?:19|20)\d\d)\s*(?:г\.?\s*)?[-–—‐/]\s*((?:19|20)\d\d)\b")
# "на 2026-2027 учебный год", "2026/2027 уч. г.", "на 2026-2028 учебные годы": school years.
_SCHOOL_YEARS_RE = re.compile(r"\s*(?:гг?\.?\s*|годы?\s+)?уч(?:\.|ебн)", re.IGNORECASE)


def _header_key(text: str) -> str | None:
    normalized = " ".join(text.lower().replace("ё", "е").split()).strip(" .:¹²³*")
    for key, pattern in _HEADER_PATTERNS:
        if pattern.search(normalized):
            return key
    return None


@dataclass
class _Header:
    row_index: int
    columns: dict[str, int]
    labels: dict[int, str]

    def label(self, key: str) -> str:
        index = self.columns.get(key)
        return self.labels[index] if index is not None else _HEADER_NAMES[key]

    def extra_columns(self) -> list[int]:
        known = set(self.columns.values())
        return [i for i in self.labels if i not in known]


def _find_header(rows: Sequence[_Row]) -> _Header:
    partial: _Header | None = None
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        labels: dict[int, str] = {}
        for i, text in row.own_texts():
            labels[i] = " ".join(text.split())
            key = _header_key(text)
            if key is not None and key not in columns:
                columns[key] = i
        if ACTIVITY in columns and DEADLINE in columns:
            return _Header(index, columns, labels)
        if len(columns) >= 2 and partial is None:
            partial = _Header(index, columns, labels)
    if partial is not None:
        missing = next(k for k in (ACTIVITY, DEADLINE) if k not in partial.columns)
        raise RoadmapImportError(
            "missing_column", row=rows[partial.row_index].number, column=_HEADER_NAMES[missing]
        )
    raise RoadmapImportError("no_header")


@dataclass
class _ItemDraft:
    number: str | None
    activity: str
    result: str
    row: int
    extra: dict[str, str]
    deadlines: list[ParsedDeadline] = field(default_factory=list)

    def build(self) -> ParsedItem:
        return ParsedItem(
            number=self.number,
            activity=self.activity,
            result=self.result or None,
            deadlines=tuple(self.deadlines),
            row=self.row,
            extra=tuple(self.extra.items()),
        )


@dataclass
class _SectionDraft:
    title: str | None
    items: list[_ItemDraft] = field(default_factory=list)


@dataclass
class _StageDraft:
    title: str | None
    sections: list[_SectionDraft] = field(default_factory=list)


class _Outline:
    """Stages → sections → items as rows arrive; headings open stages and sections."""

    def __init__(self) -> None:
        self.stages: list[_StageDraft] = []
        self.last_item: _ItemDraft | None = None

    def heading(self, text: str) -> None:
        if _STAGE_RE.search(text):
            self.stages.append(_StageDraft(text))
        else:
            self._stage().sections.append(_SectionDraft(text))

    def add(self, item: _ItemDraft) -> None:
        stage = self._stage()
        if not stage.sections:
            stage.sections.append(_SectionDraft(None))
        stage.sections[-1].items.append(item)
        self.last_item = item

    def _stage(self) -> _StageDraft:
        if not self.stages:
            self.stages.append(_StageDraft(None))
        return self.stages[-1]

    def build(self) -> tuple[ParsedStage, ...]:
        return tuple(
            ParsedStage(
                stage.title,
                tuple(
                    ParsedSection(section.title, tuple(i.build() for i in section.items))
                    for section in stage.sections
                ),
            )
            for stage in self.stages
        )


class _TableReader:
    def __init__(
        self, document: _Document, filename: str, *, period: Period | None, title: str | None
    ) -> None:
        self.document = document
        self.filename = filename
        self.header = _find_header(document.rows)
        self.title = title or self._title()
        self.period = period or _period_from_text(self.title, filename)
        self.outline = _Outline()
        self.warnings: list[ImportWarning] = []

    def read(self) -> ParsedRoadmap:
        header_row = self.document.rows[self.header.row_index]
        for row in self.document.rows[self.header.row_index + 1 :]:
            if not self._is_repeated_header(row, header_row):
                self._read_row(row)
        stages = self.outline.build()
        if not any(section.items for stage in stages for section in stage.sections):
            raise RoadmapImportError("no_items")
        return ParsedRoadmap(
            title=self.title,
            period=self.period,
            stages=stages,
            source=self.filename,
            deadline_column=self.header.label(DEADLINE),
            warnings=tuple(self.warnings),
        )

    def _title(self) -> str:
        above = [
            text
            for row in self.document.rows[: self.header.row_index]
            for _, text in row.own_texts()
        ]
        lines = self.document.preamble + above
        titled = [line for line in lines if "дорожн" in line.lower()]
        if titled:
            return " ".join(titled[-1].split())
        return " ".join(lines[-1].split()) if lines else Path(self.filename).stem

    def _is_repeated_header(self, row: _Row, header_row: _Row) -> bool:
        """Word repeats the header on every page, and some tables number their columns."""
        texts = [text for _, text in row.own_texts()]
        if texts and texts == [text for _, text in header_row.own_texts()]:
            return True
        return bool(texts) and texts == [str(n) for n in range(1, len(texts) + 1)]

    def _read_row(self, row: _Row) -> None:
        columns = self.header.columns
        own = row.own_texts()
        if not own:
            return
        number = row.own(columns.get(NUMBER)).rstrip(".") or None
        activity = row.own(columns.get(ACTIVITY))
        if number and not activity:
            # Numbered sub-items ("2.1", "2.2") may share one activity cell merged down.
            activity = row.shared(columns.get(ACTIVITY))
        if len(own) == 1 and self._is_heading(row, *own[0]):
            self.outline.heading(" ".join(own[0][1].split()))
        elif number is None and not activity:
            self._continue_item(row)
        elif not activity:
            raise RoadmapImportError(
                "missing_activity", row=row.number, column=self.header.label(ACTIVITY)
            )
        else:
            self._new_item(row, number, activity)

    def _is_heading(self, row: _Row, index: int, text: str) -> bool:
        """The only text of its row, and not a lone deadline or responsible cell of a
        continuation row: outside those columns, merged across the row, or a stage name."""
        if not re.search(r"[^\W\d_]", text):
            return False
        columns = self.header.columns
        content = {columns.get(RESULT), columns.get(DEADLINE), columns.get(RESPONSIBLE)}
        spans = index + 1 < len(row.cells) and row.cells[index + 1].from_left
        return index not in content or spans or bool(_STAGE_RE.search(text))

    def _new_item(self, row: _Row, number: str | None, activity: str) -> None:
        columns = self.header.columns
        extra = {
            self.header.labels[i]: text
            for i in self.header.extra_columns()
            if (text := row.shared(i))
        }
        item = _ItemDraft(number, activity, row.own(columns.get(RESULT)), row.number, extra)
        item.deadlines.extend(
            self._deadlines(
                row.shared(columns.get(DEADLINE)), row.shared(columns.get(RESPONSIBLE)), row
            )
        )
        self.outline.add(item)

    def _continue_item(self, row: _Row) -> None:
        """A row with neither number nor activity belongs to the item above: another
        deadline for another responsible party, or text that ran over a page break."""
        item = self.outline.last_item
        if item is None:
            raise RoadmapImportError("malformed", row=row.number, value=row.own_texts()[0][1])
        columns = self.header.columns
        phrase = row.own(columns.get(DEADLINE))
        responsible = row.own(columns.get(RESPONSIBLE))
        if phrase or (responsible and row.shared(columns.get(DEADLINE))):
            phrase = phrase or row.shared(columns.get(DEADLINE))
            responsible = responsible or row.shared(columns.get(RESPONSIBLE))
            item.deadlines.extend(self._deadlines(phrase, responsible, row))
        elif responsible and item.deadlines:
            last = item.deadlines[-1]
            joined = f"{last.responsible}\n{responsible}".strip()
            item.deadlines[-1] = replace(last, responsible=joined)
        if result := row.own(columns.get(RESULT)):
            item.result = f"{item.result}\n{result}".strip()

    def _deadlines(self, phrase: str, responsible: str, row: _Row) -> list[ParsedDeadline]:
        deadlines = _pair_deadlines(
            phrase, responsible, self.period, row=row.number, warnings=self.warnings
        )
        for deadline in deadlines:
            if deadline.spec.reason == "date_outside_period":
                raise RoadmapImportError(
                    "date_outside_period",
                    row=row.number,
                    column=self.header.label(DEADLINE),
                    value=deadline.phrase,
                )
        return deadlines


def _pair_deadlines(
    phrase: str,
    responsible: str,
    period: Period,
    *,
    row: int | None,
    warnings: list[ImportWarning],
) -> list[ParsedDeadline]:
    """A cell such as "Декабрь 2020 г. Ноябрь 2020 г." beside "РЦРО / МОУО" lines gives one
    deadline per responsible party; when the lines do not match the deadlines in number,
    each deadline goes to all of them and a warning says so."""
    phrase = " ".join(phrase.split())
    specs = parse_deadline_cell(phrase, period_start=period.start, period_end=period.end)
    if len(specs) == 1:
        return [ParsedDeadline(phrase, specs[0], responsible, row)]
    lines = [line for line in responsible.split("\n") if line.strip()]
    if len(lines) != len(specs):
        warnings.append(ImportWarning("responsible_not_split", row=row, value=phrase))
        lines = [responsible] * len(specs)
    return [
        ParsedDeadline(spec.original, spec, line, row)
        for spec, line in zip(specs, lines, strict=True)
    ]


def find_period(text: str) -> Period | None:
    """A period named in free text ("2025-2027", "на 2025 – 2027 гг."), e.g. a file's
    caption; None when there is none."""
    try:
        return _period_from_text(text)
    except RoadmapImportError:
        return None


def _period_from_text(*texts: str) -> Period:
    for text in texts:
        if match := _YEARS_RE.search(text):
            first, last = int(match.group(1)), int(match.group(2))
            if _SCHOOL_YEARS_RE.match(text, match.end()) and first < last:
                # A school's plan for school years: 1 September to 31 August, not two
                # calendar years (SCHOOL_YEAR_START: when its lessons begin).
                return Period(date(first, *SCHOOL_YEAR_START), date(last, 8, 31))
            if first <= last:
                return Period(date(first, 1, 1), date(last, 12, 31))
    raise RoadmapImportError("no_period")


# ---------------------------------------------------------------------------------------
# YAML


class _LineLoader(BoundedSafeLoader):
    """Safe loading (no aliases, bounded nesting) that remembers the line of every mapping,
    to name it in errors."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[Hashable, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _import_yaml(
    data: bytes, filename: str, *, period: Period | None, title: str | None
) -> ParsedRoadmap:
    try:
        document = yaml.load(_decode(data), Loader=_LineLoader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        raise RoadmapImportError("malformed", row=row, value=str(exc).split("\n")[0]) from exc
    except (ValueError, TypeError) as exc:  # e.g. an integer of 5,000 digits, a list as a key
        if isinstance(exc, UploadLimitError):
            raise
        raise RoadmapImportError("malformed", value=type(exc).__name__) from exc
    if document is None:
        raise RoadmapImportError("empty_file")
    root = _mapping(document, None, "roadmap")
    period = period or _yaml_period(root)
    warnings: list[ImportWarning] = []
    stages = tuple(
        _yaml_stage(_mapping(stage, root, "stages"), period, warnings)
        for stage in _list(root, "stages")
    )
    parsed = ParsedRoadmap(
        title=title or _text(root, "title", required=True),
        period=period,
        stages=stages,
        source=_text(root, "source") or filename,
        deadline_column="phrase",
        warnings=tuple(warnings),
    )
    if not any(True for _ in parsed.items()):
        raise RoadmapImportError("no_items")
    return parsed


def _yaml_period(root: dict[str, Any]) -> Period:
    if "period" not in root:
        raise RoadmapImportError("no_period", row=root["__line__"])
    raw = _mapping(root["period"], root, "period")
    start, end = raw.get("start"), raw.get("end")
    if not isinstance(start, date) or not isinstance(end, date) or end < start:
        raise RoadmapImportError("malformed", row=raw["__line__"], column="period")
    return Period(start, end)


def _yaml_stage(raw: dict[str, Any], period: Period, warnings: list[ImportWarning]) -> ParsedStage:
    sections = []
    if "items" in raw:  # a stage without sections lists its items directly
        sections.append(ParsedSection(None, _yaml_items(raw, period, warnings)))
    for section in _list(raw, "sections"):
        section = _mapping(section, raw, "sections")
        sections.append(
            ParsedSection(_text(section, "title") or None, _yaml_items(section, period, warnings))
        )
    return ParsedStage(_text(raw, "title") or None, tuple(sections))


def _yaml_items(
    raw: dict[str, Any], period: Period, warnings: list[ImportWarning]
) -> tuple[ParsedItem, ...]:
    items = []
    for item in _list(raw, "items"):
        item = _mapping(item, raw, "items")
        deadlines: list[ParsedDeadline] = []
        for entry in _list(item, "deadlines"):
            entry = _mapping(entry, item, "deadlines")
            phrase = _text(entry, "phrase")
            pairs = _pair_deadlines(
                phrase,
                _text(entry, "responsible"),
                period,
                row=entry["__line__"],
                warnings=warnings,
            )
            for pair in pairs:
                if pair.spec.reason == "date_outside_period":
                    raise RoadmapImportError(
                        "date_outside_period",
                        row=entry["__line__"],
                        column="phrase",
                        value=phrase,
                    )
            deadlines.extend(pairs)
        extra = item.get("extra") or {}
        if not isinstance(extra, dict):
            raise RoadmapImportError("malformed", row=item["__line__"], column="extra")
        items.append(
            ParsedItem(
                number=_text(item, "number") or None,
                activity=_text(item, "activity", required=True),
                result=_text(item, "result") or None,
                deadlines=tuple(deadlines),
                row=item["__line__"],
                extra=tuple((str(k), str(v)) for k, v in extra.items() if k != "__line__"),
            )
        )
    return tuple(items)


def _mapping(value: object, parent: dict[str, Any] | None, name: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        row = parent["__line__"] if parent else None
        raise RoadmapImportError("malformed", row=row, column=name)
    return value


def _list(raw: dict[str, Any], name: str) -> list[Any]:
    value = raw.get(name) or []
    if not isinstance(value, list):
        raise RoadmapImportError("malformed", row=raw["__line__"], column=name)
    return value


def _text(raw: dict[str, Any], name: str, *, required: bool = False) -> str:
    value = raw.get(name)
    if value is None or value == "":
        if required:
            raise RoadmapImportError("malformed", row=raw["__line__"], column=name)
        return ""
    if isinstance(value, dict | list):
        raise RoadmapImportError("malformed", row=raw["__line__"], column=name)
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return _clean(str(value))


def roadmap_to_dict(parsed: ParsedRoadmap) -> dict[str, Any]:
    """The YAML import format of a roadmap (e.g. to save a shifted template)."""

    def item(i: ParsedItem) -> dict[str, Any]:
        out: dict[str, Any] = {"number": i.number, "activity": i.activity, "result": i.result}
        if i.extra:
            out["extra"] = dict(i.extra)
        out["deadlines"] = [{"phrase": d.phrase, "responsible": d.responsible} for d in i.deadlines]
        return out

    return {
        "title": parsed.title,
        "source": parsed.source,
        "period": {"start": parsed.period.start, "end": parsed.period.end},
        "stages": [
            {
                "title": stage.title,
                "sections": [
                    {"title": s.title, "items": [item(i) for i in s.items]} for s in stage.sections
                ],
            }
            for stage in parsed.stages
        ],
    }


def roadmap_to_yaml(parsed: ParsedRoadmap) -> str:
    return yaml.safe_dump(roadmap_to_dict(parsed), allow_unicode=True, sort_keys=False, width=100)


# ---------------------------------------------------------------------------------------
# Templates


def shift_template(parsed: ParsedRoadmap, new_start: date) -> ParsedRoadmap:
    """A new roadmap from an old one: the period and every year named in the title, in the
    deadline phrases and in the extra columns (target indicators) move by whole years, so
    that the period starts in `new_start`'s year; the phrases are read again against the new
    period."""
    years = new_start.year - parsed.period.start.year
    period = Period(_shift_date(parsed.period.start, years), _shift_date(parsed.period.end, years))

    def shift_item(item: ParsedItem) -> ParsedItem:
        deadlines = []
        for d in item.deadlines:
            phrase = shift_years(d.phrase, years)
            spec = parse_deadline(phrase, period_start=period.start, period_end=period.end)
            deadlines.append(replace(d, phrase=phrase, spec=spec))
        # Target indicators by year ("2020 г. – 20; 2021 г. – 335") move with the period.
        extra = tuple((header, shift_years(text, years)) for header, text in item.extra)
        return replace(item, deadlines=tuple(deadlines), extra=extra)

    stages = tuple(
        replace(
            stage,
            sections=tuple(
                replace(section, items=tuple(shift_item(i) for i in section.items))
                for section in stage.sections
            ),
        )
        for stage in parsed.stages
    )
    return replace(parsed, title=shift_years(parsed.title, years), period=period, stages=stages)


def _shift_date(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


# The seed roadmaps shipped in data/roadmaps/; deadline_phrases.yaml there is test data.
_NOT_TEMPLATES = frozenset({"deadline_phrases"})


def seed_templates() -> dict[str, Traversable]:
    """The shipped roadmaps by name (file stem), to start a new roadmap from."""
    folder = resources.files("data") / "roadmaps"
    return {
        entry.name.rsplit(".", 1)[0]: entry
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".yaml") and entry.name.rsplit(".", 1)[0] not in _NOT_TEMPLATES
    }


def start_from_template(name: str, new_start: date) -> ParsedRoadmap:
    """A new roadmap for the period starting in `new_start`'s year, from a shipped one."""
    templates = seed_templates()
    if name not in templates:
        raise RoadmapImportError("unknown_template", value=name)
    entry = templates[name]
    return shift_template(import_roadmap(entry.read_bytes(), entry.name), new_start)


def is_school_year_template(name: str) -> bool:
    """A shipped plan for school years (its period starts on 1 September): its start is
    asked as a school year ("2026/2027"), not a calendar one."""
    templates = seed_templates()
    if name not in templates:
        raise RoadmapImportError("unknown_template", value=name)
    entry = templates[name]
    start = import_roadmap(entry.read_bytes(), entry.name).period.start
    return (start.month, start.day) == SCHOOL_YEAR_START
