"""The attendance list of an event as an XLSX spreadsheet (what goes into the report)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from bot.i18n import Texts
from bot.services.broadcast.events import AttendanceRow
from models.broadcast import Event


def _cell(value: str) -> str:
    """Text as text: openpyxl stores a string starting with "=" as a formula, so a title
    typed as "=HYPERLINK(…)" would run in the coordinator's spreadsheet program."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _attended(texts: Texts, row: AttendanceRow) -> str:
    if row.attended is None:
        return "—"
    return texts("event-xlsx-yes") if row.attended else texts("event-xlsx-no")


def _by(texts: Texts, row: AttendanceRow) -> str:
    return texts(f"event-xlsx-by-{row.attendance_by}") if row.attendance_by else ""


def build(texts: Texts, event: Event, when: str, rows: Sequence[AttendanceRow]) -> bytes:
    """One sheet: the event in the first rows, then one line per person who answered."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has its one sheet
    sheet.title = texts("event-xlsx-sheet")[:31]  # Excel's limit for a sheet name
    sheet.append([texts(f"event-kind-{event.kind}"), _cell(event.title)])
    sheet.append([texts("event-xlsx-when"), when])
    sheet.append([texts("event-xlsx-place"), _cell(event.place)])
    going = [r for r in rows if r.answer == "going"]
    sheet.append(
        [
            texts("event-xlsx-summary"),
            texts(
                "event-xlsx-summary-value",
                going=len(going),
                attended=sum(1 for r in going if r.attended),
            ),
        ]
    )
    sheet.append([])
    header = [
        "№",
        texts("event-xlsx-name"),
        texts("event-xlsx-organization"),
        texts("event-xlsx-municipality"),
        texts("event-xlsx-answer"),
        texts("event-xlsx-attended"),
        texts("event-xlsx-marked-by"),
    ]
    sheet.append(header)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for number, row in enumerate(rows, start=1):
        sheet.append(
            [
                number,
                _cell(row.name),
                _cell(row.organization),
                _cell(row.municipality),
                texts(f"event-xlsx-answer-{row.answer}"),
                _attended(texts, row),
                _by(texts, row),
            ]
        )
    for index, width in enumerate((6, 36, 40, 28, 16, 14, 18), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{header_row + 1}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
