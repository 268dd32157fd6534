"""Telegram's HTML subset, checked by the server's rules before anything is queued.

The bot sends with parse_mode=HTML, so every text is markup: a stray "<" or an unclosed tag
makes Telegram answer 400 "can't parse entities", and the length limits (4096 characters of a
message, 1024 of a caption) count the text after the markup is parsed. Checking here means a
bad text is refused (or split) before it is queued, never failed at the API. The parser is
bot/telegram_markup.py, the same one the fake Bot API uses in tests.
"""

from __future__ import annotations

import html

from bot.telegram_markup import CAPTION_LIMIT, MESSAGE_LIMIT, HtmlError, Unit, tokenize

__all__ = [
    "CAPTION_LIMIT",
    "MESSAGE_LIMIT",
    "HtmlError",
    "escape",
    "is_valid",
    "plain_text",
    "split",
]


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
