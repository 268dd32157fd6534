"""Telegram's HTML subset, checked by the server's rules before anything is queued.

The bot sends with parse_mode=HTML, so every text is markup: a stray "<" or an unclosed tag
makes Telegram answer 400 "can't parse entities", and the length limits (4096 characters of a
message, 1024 of a caption) count the text after the markup is parsed. Checking here means a
bad text is refused (or split) before it is queued, never failed at the API. The rules follow
tdlib's parser (the same ones bot/fakes/telegram.py implements for tests).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024

TAGS = frozenset(
    {
        "a", "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span",
        "tg-spoiler", "tg-emoji", "tg-time", "code", "pre", "blockquote",
    }
)  # fmt: skip
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


class HtmlError(ValueError):
    """Markup Telegram would refuse; `position` is the character offset of the problem."""

    def __init__(self, reason: str, position: int) -> None:
        super().__init__(f"{reason} at character {position + 1}")
        self.reason = reason
        self.position = position


@dataclass(frozen=True, slots=True)
class Unit:
    """One piece of the source: plain text (`plain` set) or a tag (`tag` set)."""

    raw: str
    plain: str = ""
    tag: str | None = None
    closing: bool = False


def _entity(text: str, pos: int) -> tuple[str, int] | None:
    """Decode `&...` at pos like tdlib: lt/gt/amp/quot and numeric references; the `;` is
    optional; anything else stays literal."""
    end = pos + 1
    if text.startswith("#", end):
        end += 1
        hexadecimal = text.startswith(("x", "X"), end)
        if hexadecimal:
            end += 1
        start = end
        digits = "0123456789abcdefABCDEF" if hexadecimal else "0123456789"
        while end < len(text) and text[end] in digits:
            end += 1
        if end == start or end - pos >= 10:
            return None
        code = int(text[start:end], 16 if hexadecimal else 10)
        if code == 0 or code >= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return None
        char = chr(code)
    else:
        while end < len(text) and text[end].isascii() and text[end].isalpha():
            end += 1
        named = _NAMED.get(text[pos + 1 : end])
        if named is None:
            return None
        char = named
    if text.startswith(";", end):
        end += 1
    return char, end


def _attributes(text: str, i: int, begin: int) -> tuple[dict[str, str], int]:
    n = len(text)
    attrs: dict[str, str] = {}
    while True:
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            raise HtmlError("unclosed tag", begin)
        if text[i] == ">":
            return attrs, i + 1
        start = i
        while i < n and not text[i].isspace() and text[i] not in "=>/\"'":
            i += 1
        name = text[start:i].lower()
        if not name:
            raise HtmlError("empty attribute name", begin)
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            raise HtmlError("unclosed tag", begin)
        if text[i] != "=":
            attrs[name] = ""
            continue
        i += 1
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            raise HtmlError("unclosed tag", begin)
        if text[i] in "\"'":
            quote = text[i]
            close = text.find(quote, i + 1)
            if close < 0:
                raise HtmlError("unclosed tag", begin)
            attrs[name] = html.unescape(text[i + 1 : close])
            i = close + 1
        else:
            start = i
            while i < n and text[i].isascii() and (text[i].isalnum() or text[i] in ".-"):
                i += 1
            if i >= n:
                raise HtmlError("unclosed tag", begin)
            if not text[i].isspace() and text[i] != ">":
                raise HtmlError("unexpected character in a tag", i)
            attrs[name] = text[start:i].lower()


def tokenize(text: str) -> list[Unit]:
    """The source as units; raises HtmlError where Telegram would refuse it."""
    units: list[Unit] = []
    stack: list[str] = []
    run_start = 0
    i, n = 0, len(text)

    def flush_run(end: int) -> None:
        if end > run_start:
            chunk = text[run_start:end]
            units.append(Unit(chunk, chunk))

    while i < n:
        char = text[i]
        if char == "&":
            decoded = _entity(text, i)
            if decoded is not None:
                flush_run(i)
                units.append(Unit(text[i : decoded[1]], decoded[0]))
                i = run_start = decoded[1]
                continue
        if char != "<":
            i += 1
            continue
        flush_run(i)
        begin = i
        i += 1
        if text.startswith("/", i):
            i += 1
            start = i
            while i < n and not text[i].isspace() and text[i] != ">":
                i += 1
            name = text[start:i].lower()
            while i < n and text[i].isspace():
                i += 1
            if i >= n or text[i] != ">":
                raise HtmlError("unclosed end tag", begin)
            if not stack:
                raise HtmlError("end tag without a start tag", begin)
            expected = stack.pop()
            if name and name != expected:
                raise HtmlError(f"</{name}> closes <{expected}>", begin)
            i += 1
            units.append(Unit(text[begin:i], tag=expected, closing=True))
            run_start = i
            continue
        start = i
        while i < n and not text[i].isspace() and text[i] != ">":
            i += 1
        if i >= n:
            raise HtmlError("unclosed tag", begin)
        name = text[start:i].lower()
        if name not in TAGS:
            raise HtmlError(f"unsupported tag <{name}>", begin)
        attrs, i = _attributes(text, i, begin)
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise HtmlError('<span> needs class="tg-spoiler"', begin)
        stack.append(name)
        units.append(Unit(text[begin:i], tag=name))
        run_start = i
    flush_run(n)
    if stack:
        raise HtmlError(f"<{stack[-1]}> is not closed", len(text) - 1)
    return units


def plain_text(text: str) -> str:
    """What the recipient reads: markup removed, trimmed as the server trims."""
    return "".join(unit.plain for unit in tokenize(text)).strip()


def is_valid(text: str) -> bool:
    try:
        tokenize(text)
    except HtmlError:
        return False
    return True


def escape(text: str) -> str:
    """Plain text as markup that shows exactly that text."""
    return html.escape(text, quote=False)


def split(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Split markup into parts of at most `limit` parsed characters each.

    Cuts at a paragraph, then a line, then a word boundary in the second half of a part (a
    hard cut only for a word longer than that); tags open at a cut are closed at the end of
    one part and opened again at the start of the next, so every part is valid on its own.
    """
    chars: list[Unit] = []
    for unit in tokenize(text):
        if unit.tag is not None or len(unit.plain) <= 1:
            chars.append(unit)
        else:
            chars.extend(Unit(c, c) for c in unit.raw)  # a run: raw == plain
    if sum(len(u.plain) for u in chars) <= limit:
        stripped = text.strip()
        return [stripped] if plain_text(text) else []
    # Tags open before each position, so a cut can close and reopen them.
    open_before: list[tuple[Unit, ...]] = []
    stack: list[Unit] = []
    for unit in chars:
        open_before.append(tuple(stack))
        if unit.tag is not None:
            if unit.closing:
                stack.pop()
            else:
                stack.append(unit)
    open_before.append(())
    parts: list[str] = []
    start, total = 0, len(chars)
    while start < total:
        while start < total and chars[start].plain.isspace():
            start += 1
        count, end = 0, start
        while end < total and count + len(chars[end].plain) <= limit:
            count += len(chars[end].plain)
            end += 1
        cut = end if end >= total else _best_cut(chars, start, end)
        stop = cut
        while stop > start and chars[stop - 1].plain.isspace():
            stop -= 1
        body = "".join(u.raw for u in chars[start:stop])
        opened = "".join(u.raw for u in open_before[start])
        closed = "".join(f"</{u.tag}>" for u in reversed(open_before[stop]))
        if any(u.plain.strip() for u in chars[start:stop]):
            parts.append(opened + body + closed)
        start = cut
    return parts


def _best_cut(chars: list[Unit], start: int, end: int) -> int:
    """The latest boundary in the second half of [start, end): paragraph, line, then word."""
    half = start + (end - start) // 2
    for separator in ("\n\n", "\n", " "):
        for cut in range(end, half, -1):
            if separator == "\n\n":
                if cut - 2 >= start and chars[cut - 1].plain == chars[cut - 2].plain == "\n":
                    return cut
            elif chars[cut - 1].plain == separator:
                return cut
    return end
