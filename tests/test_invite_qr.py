"""/invite ends with the link's QR code: a PNG document to print for the staff room, whose
modules are the link the message shows (read back from the PNG's own pixels)."""

from __future__ import annotations

import re
import struct
import zlib

import segno

from bot.services import invites
from models.enums import ScopeLevel
from tests.support import World

SCHOOL = "СОШ № 1 г. Кедрового"


def png_modules(data: bytes, scale: int, border: int) -> list[list[bool]]:
    """The dark modules of a 1-bit greyscale PNG (what segno writes), one per scale×scale."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    assert (depth, colour) == (1, 0) and width == height
    chunks, pos, idat = [], 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunks.append(kind)
        if kind == b"IDAT":
            idat += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    assert chunks[0] == b"IHDR" and chunks[-1] == b"IEND"
    raw = zlib.decompress(idat)
    stride = (width + 7) // 8
    rows, prior = [], bytes(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):  # undo the row's filter (one byte per pixel group at 1 bit)
            left = line[i - 1] if i else 0
            up, corner = prior[i], prior[i - 1] if i else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + pred) & 0xFF
        prior = bytes(line)
        bits = [(line[x // 8] >> (7 - x % 8)) & 1 for x in range(width)]
        rows.append([bit == 0 for bit in bits])  # black is 0 in greyscale
    size = width // scale
    inner = range(border, size - border)
    return [[rows[y * scale + scale // 2][x * scale + scale // 2] for x in inner] for y in inner]


async def test_an_invite_comes_with_its_qr_code(world: World) -> None:
    await world.add_person(
        700,
        name="Петрова Ольга Николаевна",
        coordinator_of=(ScopeLevel.organization, await world.org_id(SCHOOL)),
    )
    coord = world.user(700)
    await coord.send("/invite")
    await coord.click("Наставник")
    await coord.click("Педагог")
    await coord.click(SCHOOL)
    await coord.click("7 дней")
    mark = world.fake.mark()
    await coord.click("1")
    sent = world.fake.messages_since(mark, 700)
    assert "Ссылка-приглашение готова" in (coord.last_text or "")  # the link stays last
    link = re.search(r"https://t\.me/\S+\?start=\S+", coord.last_text or "")
    assert link is not None
    (qr,) = [m for m in sent if m.document is not None]
    assert (qr.document.file_name or "").endswith(".png")
    caption = qr.caption or ""
    assert "Распечатайте" in caption and "школа № 1 г. Кедрового" in caption
    modules = png_modules(world.fake.document_bytes(qr), invites.QR_SCALE, invites.QR_BORDER)
    expected = segno.make(link.group(0), error="q", micro=False)
    assert modules == [[bool(m) for m in row] for row in expected.matrix]
    # A different link would not match: the picture carries this invite's code.
    other = segno.make(link.group(0) + "x", error="q", micro=False)
    assert modules != [[bool(m) for m in row] for row in other.matrix]


async def test_no_qr_code_when_no_invite_is_made(world: World) -> None:
    """A refused step sends no picture: a student invite without parental consent."""
    await world.add_person(
        701, coordinator_of=(ScopeLevel.organization, await world.org_id(SCHOOL))
    )
    coord = world.user(701)
    await coord.send("/invite")
    await coord.click("Наставляемый")
    await coord.click("Обучающийся")
    await coord.click(SCHOOL)
    await coord.click("7 дней")
    mark = world.fake.mark()
    await coord.click("1")
    await coord.click("Согласий пока нет")
    assert all(m.document is None for m in world.fake.messages_since(mark, 701))
