"""Telegram's HTML markup, read by the server's rules (tdlib's parser).

One implementation for both sides of the API: the services check and split texts with it
before anything is queued (bot/services/broadcast/telegram_html.py), and the fake Bot API
turns texts into entities with it in tests (bot/fakes/telegram/). Pure Python, no aiogram, so
services may import it.

The rules (https://core.telegram.org/bots/api#html-style): the tags b/strong, i/em, u/ins,
s/strike/del, span class="tg-spoiler" and tg-spoiler, a href, code, pre (a language through
<pre><code class="language-x">), blockquote [expandable], tg-emoji emoji-id and tg-time; the
named entities &lt; &gt; &amp; &quot; and every numeric one, with the ";" optional; any other
"&..." is shown as it is (so "&nbsp;" stays literal), inside attribute values too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

# Parsed characters (code points, after the markup is read and the text trimmed).
MESSAGE_LIMIT: Final = 4096
CAPTION_LIMIT: Final = 1024

TAGS: Final = frozenset(
    {
        "a", "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span",
        "tg-spoiler", "tg-emoji", "tg-time", "code", "pre", "blockquote",
    }
)  # fmt: skip
_SIMPLE: Final = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
}
_NAMED: Final = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_SPECIAL: Final = re.compile("[<&]")


class HtmlError(ValueError):
    """Markup Telegram would refuse.

    `position` is the character offset of the problem; str() names it for a person
    ("unclosed tag at character 3"), `telegram` is the server's own wording, which gives byte
    offsets (what the Bot API answers after "can't parse entities: ").
    """

    def __init__(self, reason: str, position: int, telegram: str) -> None:
        super().__init__(f"{reason} at character {position + 1}")
        self.reason = reason
        self.position = position
        self.telegram = telegram


@dataclass(frozen=True, slots=True)
class Unit:
    """One piece of the source: plain text (`plain` set) or a tag (`tag` set; a start tag
    carries its attributes, an end tag names the tag it closes)."""

    raw: str
    plain: str = ""
    tag: str | None = None
    closing: bool = False
    attrs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Entity:
    """A formatted span of the parsed text, in UTF-16 code units (the Bot API's unit)."""

    type: str
    offset: int
    length: int
    url: str | None = None
    language: str | None = None
    custom_emoji_id: str | None = None
    unix_time: int | None = None
    date_time_format: str | None = None


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units: the unit Telegram uses for entity offsets."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def _bytes(text: str, index: int) -> int:
    """The byte offset tdlib reports for a character offset."""
    return len(text[:index].encode())


def decode_entity(text: str, pos: int) -> tuple[str, int] | None:
    """Decode `&...` at `pos` like tdlib: lt/gt/amp/quot and numeric references, the `;`
    optional; None for anything else (which then stays literal). Returns the character and
    the index after the reference."""
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


def _attributes(text: str, i: int, tag: str, begin: int) -> tuple[dict[str, str], int]:
    """The attributes of the start tag at `begin`, read from `i`; and the index after it."""
    n = len(text)
    attrs: dict[str, str] = {}

    def unclosed() -> HtmlError:
        where = _bytes(text, begin)
        return HtmlError(
            "unclosed tag", begin, f'Unclosed start tag "{tag}" at byte offset {where}'
        )

    while True:
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            raise unclosed()
        if text[i] == ">":
            return attrs, i + 1
        start = i
        while i < n and not text[i].isspace() and text[i] not in "=>/\"'":
            i += 1
        name = text[start:i].lower()
        if not name:
            raise HtmlError(
                "empty attribute name",
                begin,
                f'Empty attribute name in the tag "{tag}" at byte offset {_bytes(text, begin)}',
            )
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            raise unclosed()
        if text[i] != "=":
            attrs[name] = ""  # a boolean attribute, e.g. <blockquote expandable>
            continue
        i += 1
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            raise unclosed()
        if text[i] in "\"'":
            quote = text[i]
            i += 1
            value: list[str] = []
            # Values are decoded like text: only tdlib's entities (html.unescape would also
            # turn "&nbsp;" into a space, which Telegram leaves as it is).
            while i < n and text[i] != quote:
                decoded = decode_entity(text, i) if text[i] == "&" else None
                if decoded is not None:
                    value.append(decoded[0])
                    i = decoded[1]
                else:
                    value.append(text[i])
                    i += 1
            if i >= n:
                raise unclosed()
            i += 1
            attrs[name] = "".join(value)
        else:
            start = i
            while i < n and text[i].isascii() and (text[i].isalnum() or text[i] in ".-"):
                i += 1
            if i >= n:
                raise unclosed()
            if not text[i].isspace() and text[i] != ">":
                raise HtmlError(
                    "unexpected character in a tag",
                    i,
                    f"Unexpected end of name token at byte offset {_bytes(text, i)}",
                )
            attrs[name] = text[start:i].lower()


def _end_tag(text: str, i: int, begin: int, stack: list[str]) -> tuple[Unit, int]:
    """The end tag at `begin` (its name read from `i`), closing the innermost open tag."""
    n = len(text)
    if not stack:
        raise HtmlError(
            "end tag without a start tag",
            begin,
            f"Unexpected end tag at byte offset {_bytes(text, begin)}",
        )
    start = i
    while i < n and not text[i].isspace() and text[i] != ">":
        i += 1
    name = text[start:i].lower()
    while i < n and text[i].isspace():
        i += 1
    if i >= n or text[i] != ">":
        raise HtmlError(
            "unclosed end tag", begin, f"Unclosed end tag at byte offset {_bytes(text, begin)}"
        )
    expected = stack.pop()
    # tdlib accepts a nameless "</>" as closing the innermost tag.
    if name and name != expected:
        raise HtmlError(
            f"</{name}> closes <{expected}>",
            begin,
            f"Unmatched end tag at byte offset {_bytes(text, begin)}, "
            f'expected "</{expected}>", found "</{name}>"',
        )
    return Unit(text[begin : i + 1], tag=expected, closing=True), i + 1


def tokenize(text: str) -> list[Unit]:
    """The source as units; raises HtmlError where Telegram would refuse it."""
    if "<" not in text and "&" not in text:
        return [Unit(text, text)] if text else []  # the common plain text: nothing to read
    units: list[Unit] = []
    stack: list[str] = []
    run_start = 0
    i, n = 0, len(text)

    def flush_run(end: int) -> None:
        if end > run_start:
            chunk = text[run_start:end]
            units.append(Unit(chunk, chunk))

    while i < n:
        # A run of plain text at once, up to the next tag or character reference.
        special = _SPECIAL.search(text, i)
        if special is None:
            break
        i = special.start()
        if text[i] == "&":
            decoded = decode_entity(text, i)
            if decoded is not None:
                flush_run(i)
                units.append(Unit(text[i : decoded[1]], decoded[0]))
                i = run_start = decoded[1]
            else:
                i += 1  # not a reference Telegram knows: shown as it is
            continue
        flush_run(i)
        begin = i
        i += 1
        if text.startswith("/", i):
            unit, i = _end_tag(text, i + 1, begin, stack)
            units.append(unit)
            run_start = i
            continue
        start = i
        while i < n and not text[i].isspace() and text[i] != ">":
            i += 1
        if i >= n:
            raise HtmlError(
                "unclosed tag", begin, f"Unclosed start tag at byte offset {_bytes(text, begin)}"
            )
        name = text[start:i].lower()
        if name not in TAGS:
            raise HtmlError(
                f"unsupported tag <{name}>",
                begin,
                f'Unsupported start tag "{name}" at byte offset {_bytes(text, begin)}',
            )
        attrs, i = _attributes(text, i, name, begin)
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise HtmlError(
                '<span> needs class="tg-spoiler"',
                begin,
                f'Tag "span" must have class "tg-spoiler" at byte offset {_bytes(text, begin)}',
            )
        stack.append(name)
        units.append(Unit(text[begin:i], tag=name, attrs=tuple(attrs.items())))
        run_start = i
    flush_run(n)
    if stack:
        raise HtmlError(
            f"<{stack[-1]}> is not closed",
            len(text) - 1,
            f'Can\'t find end tag corresponding to start tag "{stack[-1]}"',
        )
    return units


@dataclass
class _Open:
    """A start tag met while parsing, waiting for its end tag."""

    name: str
    attrs: Mapping[str, str]
    offset: int
    language: str | None = None


def parse(text: str) -> tuple[str, list[Entity]]:
    """The text as the recipient gets it (not yet trimmed) and its entities, or HtmlError.

    Entities come in the order their tags close; an empty one is dropped, as the server does.
    """
    if "<" not in text and "&" not in text:
        return text, []
    parts: list[str] = []
    entities: list[Entity] = []
    stack: list[_Open] = []
    offset = 0
    for unit in tokenize(text):
        if unit.tag is None:
            parts.append(unit.plain)
            offset += utf16_len(unit.plain)
        elif not unit.closing:
            stack.append(_Open(unit.tag, dict(unit.attrs), offset))
        else:
            entity = _entity(stack.pop(), stack, offset)
            if entity is not None and entity.length > 0:
                entities.append(entity)
    return "".join(parts), entities


def _entity(tag: _Open, outer: list[_Open], end: int) -> Entity | None:
    """What a closed tag means, spanning from its start to `end`."""
    name, attrs, span = tag.name, tag.attrs, (tag.offset, end - tag.offset)
    if name in _SIMPLE:
        return Entity(_SIMPLE[name], *span)
    if name == "a":
        href = attrs.get("href")
        return Entity("text_link", *span, url=href) if href else None
    if name == "code":
        if not (outer and outer[-1].name == "pre"):
            return Entity("code", *span)
        # <pre><code class="language-x"> is how HTML spells a pre block with a language.
        css = attrs.get("class", "")
        if css.startswith("language-"):
            outer[-1].language = css.removeprefix("language-")
        return None
    if name == "pre":
        return Entity("pre", *span, language=tag.language)
    if name == "blockquote":
        return Entity("expandable_blockquote" if "expandable" in attrs else "blockquote", *span)
    if name == "tg-emoji":
        emoji_id = attrs.get("emoji-id")
        return Entity("custom_emoji", *span, custom_emoji_id=emoji_id) if emoji_id else None
    if name == "tg-time":
        unix = attrs.get("unix", "")
        if unix.isdigit():
            return Entity(
                "date_time", *span, unix_time=int(unix), date_time_format=attrs.get("format")
            )
    return None
