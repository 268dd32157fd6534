"""The raw answers sheet of a named survey's XLSX, written as worksheet XML directly.

openpyxl spends tens of microseconds on each cell; a named campaign of 100,000 responses has
about a million cells in this sheet (a minute, against a five-second target). So the sheet is
streamed straight into the package, a thousand rows at a time, as its FIRST entry (a package's
entries may come in any order): the same pass over the responses can then also count them for
the per-question sheets, which openpyxl writes afterwards with a placeholder in this sheet's
place (whose one date cell puts the date style into the package); the rest of openpyxl's
package is copied after it. Strings are inline strings: never formulas, whatever a
respondent typed.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import datetime
from functools import lru_cache
from typing import IO, Any
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

# The placeholder: the header, then one row with a date in DATE_COLUMN.
DATE_COLUMN = 4
PLACEHOLDER_TIME = datetime(2000, 1, 1)
_EXCEL_EPOCH = datetime(1899, 12, 30)
_SECONDS_PER_DAY = 86400.0
_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "<sheetData>"
)
_TAIL = "</sheetData></worksheet>"
_ROWS_PER_WRITE = 1000


def add_placeholder(sheet: WriteOnlyWorksheet, header: Sequence[str]) -> str:
    """Write the placeholder into `sheet` and return the style id of its date cell.

    Called on the workbook's first sheet before any other cell is written, so that the date
    style is known before the raw rows are (save() checks it came out the same)."""
    date = WriteOnlyCell(sheet, value=PLACEHOLDER_TIME)
    row: list[Any] = [None] * DATE_COLUMN
    row[DATE_COLUMN - 1] = date
    sheet.append(list(header))
    sheet.append(row)
    return str(date.style_id)


def open_package(target: str | IO[bytes] | Any) -> zipfile.ZipFile:
    # Level 1: the raw sheet is most of the package and deflates well even so; level 6 would
    # double the export time for a few percent of size.
    return zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1)


def write_raw_sheet(
    out: zipfile.ZipFile,
    name: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    date_style: str,
) -> None:
    """Stream the raw sheet into `out` as entry `name` (xl/worksheets/sheetN.xml); cell
    values are str, int, float, datetime (naive) or None."""
    with out.open(name, "w", force_zip64=True) as stream:
        try:
            _write_sheet(stream, header, rows, date_style)
        finally:
            _text.cache_clear()  # it holds respondents' names: not kept


def add_workbook(
    out: zipfile.ZipFile, workbook: Workbook, sheet: WriteOnlyWorksheet, name: str, date_style: str
) -> None:
    """Copy the saved `workbook` into `out`, but for `sheet` (the placeholder) whose entry
    `name` the raw sheet already is; fail loudly if openpyxl put it elsewhere or styled its
    date otherwise (a wrong file is worse than none)."""
    package = io.BytesIO()
    workbook.save(package)
    if sheet.path.lstrip("/") != name:  # set by openpyxl while saving
        raise RuntimeError(f"the raw sheet was saved as {sheet.path}, not {name}")
    with zipfile.ZipFile(package) as source:
        if _date_style(source.read(name).decode("utf-8")) != date_style:
            raise RuntimeError("the raw sheet's placeholder has another date style")
        for info in source.infolist():
            if info.filename != name:
                out.writestr(info, source.read(info))


def _date_style(placeholder: str) -> str:
    column = get_column_letter(DATE_COLUMN)
    match = re.search(rf'<c r="{column}2"[^>]*?\ss="(\d+)"', placeholder)
    if match is None:  # openpyxl changed how it writes dates: fail loudly, not a wrong file
        raise RuntimeError("the raw sheet's placeholder has no date style")
    return match.group(1)


def _write_sheet(
    stream: IO[bytes], header: Sequence[str], rows: Iterable[Sequence[Any]], date_style: str
) -> None:
    # A row is never wider than the header: _raw_values builds both from the template.
    columns = [get_column_letter(i) for i in range(1, len(header) + 1)]
    chunk: list[str] = [_HEAD, _row(1, columns, header, date_style)]
    number = 1
    for values in rows:
        number += 1
        chunk.append(_row(number, columns, values, date_style))
        if len(chunk) >= _ROWS_PER_WRITE:
            stream.write("".join(chunk).encode("utf-8"))
            chunk = []
    chunk.append(_TAIL)
    stream.write("".join(chunk).encode("utf-8"))


def _row(number: int, columns: Sequence[str], values: Sequence[Any], date_style: str) -> str:
    # A cell's reference is optional in SpreadsheetML: a cell without one is the next column.
    # It is written only after an empty (omitted) cell, so that the cell XML of a value is the
    # same on every row and can be cached.
    cells = []
    gap = False
    for index, value in enumerate(values):
        if value is None:
            gap = True
            continue
        kind = type(value)  # exact types first: this runs for every cell
        if kind is str:
            cell = _text(value)
        elif kind is int or kind is float:
            cell = f"<c><v>{value!r}</v></c>"
        elif kind is bool:
            cell = f'<c t="b"><v>{int(value)}</v></c>'
        elif isinstance(value, datetime):
            serial = (value.replace(tzinfo=None) - _EXCEL_EPOCH).total_seconds()
            cell = f'<c s="{date_style}"><v>{serial / _SECONDS_PER_DAY!r}</v></c>'
        else:
            cell = _text(str(value))
        if gap:
            cell = f'<c r="{columns[index]}{number}"{cell[2:]}'
            gap = False
        cells.append(cell)
    return f'<row r="{number}">{"".join(cells)}</row>'


@lru_cache(maxsize=4096)
def _text(value: str) -> str:
    # Cached: option labels, organizations and municipalities repeat on every row.
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    space = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() else ""
    return f'<c t="inlineStr"><is><t{space}>{escape(value)}</t></is></c>'
