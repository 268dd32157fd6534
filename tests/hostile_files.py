"""Small files that cost a naive parser seconds and gigabytes (issue 12, item 12)."""

from __future__ import annotations

import io
import re
import zipfile

from tests.roadmap_support import make_docx, make_xlsx


def nested_yaml(depth: int = 3000) -> bytes:
    """About 6,000 bytes of nested lists: RecursionError in PyYAML's composer."""
    return ("stages: " + "[" * depth + "]" * depth + "\n").encode()


def alias_bomb(levels: int = 9) -> bytes:
    """About 700 bytes that expand to 9**9 strings ("billion laughs")."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    names = "abcdefghijklmnopqrstuvwxyz"
    for i in range(1, levels):
        lines.append(f"{names[i]}: &{names[i]} [" + ",".join([f"*{names[i - 1]}"] * 9) + "]")
    lines.append(f"title: *{names[levels - 1]}")
    return ("\n".join(lines) + "\n").encode()


def far_cell_xlsx(row: int = 2000, column: int = 1000) -> bytes:
    """A real roadmap table and one cell far away: openpyxl builds the whole rectangle."""
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(make_xlsx()))
    workbook.active.cell(row, column, "x")
    return _save(workbook)


def merged_xlsx(ref: str = "A20:ALL2000") -> bytes:
    """A real table and one merged range (1000 columns, 2000 rows by default): openpyxl
    makes a MergedCell per position it covers. Written into the XML, as openpyxl itself
    would spend those gigabytes making the file."""
    return _with_merges(make_xlsx(), [ref])


def many_merges_xlsx(count: int) -> bytes:
    return _with_merges(make_xlsx(), [f"A{20 + n}:B{20 + n}" for n in range(count)])


def _with_merges(data: bytes, refs: list[str]) -> bytes:
    cells = "".join(f'<mergeCell ref="{ref}"/>' for ref in refs)
    block = f'</sheetData><mergeCells count="{len(refs)}">{cells}</mergeCells>'.encode()

    def add(xml: bytes) -> bytes:
        return xml.replace(b"</sheetData>", block, 1)

    return _rewrite(data, "xl/worksheets/sheet1.xml", add)


def lying_dimension_xlsx(rows: int = 6000) -> bytes:
    """A sheet that declares A1:E3 and holds `rows` rows."""
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(make_xlsx()))
    sheet = workbook.active
    for n in range(rows):
        sheet.append([str(n), f"Мероприятие {n}", "", "Май 2027 г.", "ОО"])
    return _rewrite(_save(workbook), "xl/worksheets/sheet1.xml", _small_dimension)


def zip_bomb(kind: str, megabytes: int = 200) -> bytes:
    """A valid XLSX or DOCX with one member that unpacks to `megabytes` of zeros."""
    original = make_xlsx() if kind == "xlsx" else make_docx()
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(original)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("customXml/padding.xml", b"\0" * (megabytes * 1024 * 1024))
    return buffer.getvalue()


def wide_docx(columns: int = 300) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Дорожная карта на 2026-2028 гг.")
    document.add_table(rows=2, cols=columns)
    return _save(document)


def many_tables_docx(count: int = 60) -> bytes:
    import docx

    document = docx.Document()
    for _ in range(count):
        document.add_table(rows=1, cols=1)
    return _save(document)


def _save(document: object) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()


def _small_dimension(xml: bytes) -> bytes:
    return re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:E3"', xml)


def _rewrite(data: bytes, member: str, change: object) -> bytes:
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == member:
                content = change(content)  # type: ignore[operator]
            target.writestr(item, content)
    return buffer.getvalue()
