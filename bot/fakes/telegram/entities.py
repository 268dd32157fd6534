"""Parse modes into entities: Telegram returns plain text plus entities, so a bot that sends
broken markup fails in production with "can't parse entities"; the fake mirrors the server's
(tdlib's) parsers closely enough to surface those bugs in tests, including the wording.

HTML is read by bot/telegram_markup.py, the parser the services check texts with before they
are queued; MarkdownV2 and legacy Markdown (which the bot does not send) are parsed here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Final

from aiogram.types import MessageEntity

from bot import telegram_markup
from bot.telegram_markup import Entity, HtmlError, utf16_len


class EntityParseError(ValueError):
    """Markup rejected by the server; str() is the part after "can't parse entities: "."""


class _TextBuilder:
    """Accumulates parsed text and tracks the UTF-16 offset entities are measured in."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.offset = 0
        self.entities: list[MessageEntity] = []

    def add(self, chunk: str) -> None:
        self.parts.append(chunk)
        self.offset += utf16_len(chunk)

    def text(self) -> str:
        return "".join(self.parts)

    def entity(self, kind: str, start: int, **extra: Any) -> None:
        # Empty entities are silently dropped by the server.
        if self.offset > start:
            self.entities.append(
                MessageEntity(type=kind, offset=start, length=self.offset - start, **extra)
            )


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode())


_ENTITY_EXTRAS: Final = ("url", "language", "custom_emoji_id", "unix_time", "date_time_format")


def parse_html(text: str) -> tuple[str, list[MessageEntity]]:
    """Parse Telegram's HTML subset into (plain text, entities) or raise EntityParseError."""
    try:
        plain, spans = telegram_markup.parse(text)
    except HtmlError as error:
        raise EntityParseError(error.telegram) from error
    return plain, [_message_entity(span) for span in spans]


def _message_entity(span: Entity) -> MessageEntity:
    extra = {name: value for name in _ENTITY_EXTRAS if (value := getattr(span, name)) is not None}
    return MessageEntity(type=span.type, offset=span.offset, length=span.length, **extra)


_MDV2_RESERVED: Final = "_*[]()~`>#+-=|{}.!"
_MDV2_NAMES: Final = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "code": "Code",
    "pre": "Pre",
    "text_link": "TextUrl",
    "custom_emoji": "CustomEmoji",
}


@dataclass
class _OpenMarkdown:
    kind: str
    offset: int
    byte_offset: int
    text_index: int
    language: str | None = None


def parse_markdown_v2(text: str) -> tuple[str, list[MessageEntity]]:
    """Parse MarkdownV2 like tdlib: every reserved character outside an entity must be escaped
    (the classic production failure is an unescaped '.' or '-')."""
    out = _TextBuilder()
    stack: list[_OpenMarkdown] = []
    quote: tuple[int, bool] | None = None  # (start offset, expandable)
    quote_ends_at_newline = False
    i, n = 0, len(text)

    def at(k: int) -> str:
        return text[k] if k < n else ""

    def close_quote(end_offset: int) -> None:
        nonlocal quote, quote_ends_at_newline
        if quote is not None and end_offset > quote[0]:
            kind = "expandable_blockquote" if quote[1] else "blockquote"
            out.entities.append(
                MessageEntity(type=kind, offset=quote[0], length=end_offset - quote[0])
            )
        quote, quote_ends_at_newline = None, False

    while i < n:
        char = text[i]
        in_code = bool(stack) and stack[-1].kind in ("code", "pre")
        if not in_code and (i == 0 or text[i - 1] == "\n"):
            expandable_start = text.startswith("**>", i)
            if (char == ">" or expandable_start) and not quote_ends_at_newline:
                if quote is None:
                    quote = (out.offset, expandable_start)
                i += 3 if expandable_start else 1
                continue
            if quote is not None:
                close_quote(out.offset - 1)  # the quote ends before the line break
        if char == "\n" and quote_ends_at_newline:
            close_quote(out.offset)
        if char == "\\" and 0 < ord(at(i + 1) or "\0") <= 126:
            out.add(text[i + 1])
            i += 2
            continue
        if quote is not None and quote[1] and text.startswith("||", i) and at(i + 2) in ("", "\n"):
            quote_ends_at_newline = True  # "||" closes an expandable quote at line end
            i += 2
            continue
        if char not in ("`" if in_code else _MDV2_RESERVED):
            out.add(char)
            i += 1
            continue
        top = stack[-1] if stack else None
        if top is not None and _mdv2_closes(top.kind, text, i):
            i = _close_markdown_v2(text, i, stack.pop(), out)
            continue
        i = _open_markdown_v2(text, i, stack, out)
    if stack:
        top = stack[-1]
        name = "PreCode" if top.kind == "pre" and top.language else _MDV2_NAMES[top.kind]
        raise EntityParseError(f"Can't find end of {name} entity at byte offset {top.byte_offset}")
    close_quote(out.offset)
    return out.text(), out.entities


def _mdv2_closes(kind: str, text: str, i: int) -> bool:
    char = text[i]
    nxt = text[i + 1] if i + 1 < len(text) else ""
    match kind:
        case "bold":
            return char == "*"
        case "italic":
            return char == "_" and nxt != "_"
        case "underline":
            return text.startswith("__", i)
        case "strikethrough":
            return char == "~"
        case "spoiler":
            return text.startswith("||", i)
        case "code":
            return char == "`"
        case "pre":
            return text.startswith("```", i)
        case _:  # text_link, custom_emoji
            return char == "]"


def _open_markdown_v2(text: str, i: int, stack: list[_OpenMarkdown], out: _TextBuilder) -> int:
    char = text[i]
    start = i
    language: str | None = None
    if char == "_" and text.startswith("__", i):
        kind, i = "underline", i + 2
    elif char in "_*~[":
        kind = {"_": "italic", "*": "bold", "~": "strikethrough", "[": "text_link"}[char]
        i += 1
    elif char == "|" and text.startswith("||", i):
        kind, i = "spoiler", i + 2
    elif char == "!" and text.startswith("![", i):
        kind, i = "custom_emoji", i + 2
    elif char == "`" and text.startswith("```", i):
        kind, i = "pre", i + 3
        end = i
        while end < len(text) and not text[end].isspace() and text[end] != "`":
            end += 1
        if end > i and end < len(text) and text[end] != "`":
            language, i = text[i:end], end
        i = _skip_one_newline(text, i)
    elif char == "`":
        kind, i = "code", i + 1
    else:
        raise EntityParseError(
            f"Character '{char}' is reserved and must be escaped with the preceding '\\'"
        )
    stack.append(
        _OpenMarkdown(kind, out.offset, _byte_offset(text, start), len(out.parts), language)
    )
    return i


def _skip_one_newline(text: str, i: int) -> int:
    if text.startswith(("\r\n", "\n\r"), i):
        return i + 2
    if text.startswith(("\n", "\r"), i):
        return i + 1
    return i


def _read_markdown_url(text: str, i: int) -> tuple[str, int] | None:
    """Read ``(url)`` starting at the ``(``; returns the url and the index after ``)``."""
    chars: list[str] = []
    i += 1
    while i < len(text) and text[i] != ")":
        if text[i] == "\\" and i + 1 < len(text) and 0 < ord(text[i + 1]) <= 126:
            chars.append(text[i + 1])
            i += 2
            continue
        chars.append(text[i])
        i += 1
    if i >= len(text):
        return None
    return "".join(chars), i + 1


def _close_markdown_v2(text: str, i: int, entity: _OpenMarkdown, out: _TextBuilder) -> int:
    kind = entity.kind
    if kind in ("underline", "spoiler"):
        out.entity(kind, entity.offset)
        return i + 2
    if kind == "pre":
        out.entity("pre", entity.offset, language=entity.language)
        return i + 3
    if kind in ("text_link", "custom_emoji"):
        if text.startswith("(", i + 1):
            parsed = _read_markdown_url(text, i + 1)
            if parsed is None:
                what = "a URL" if kind == "text_link" else "a custom emoji URL"
                raise EntityParseError(
                    f"Can't find end of {what} at byte offset {_byte_offset(text, i + 2)}"
                )
            url, after = parsed
        elif kind == "custom_emoji":
            raise EntityParseError("Custom emoji entity must contain a tg://emoji URL")
        else:
            url, after = "".join(out.parts[entity.text_index :]), i + 1
        if kind == "custom_emoji":
            emoji_id = url.removeprefix("tg://emoji?id=")
            if emoji_id == url or not emoji_id.isdigit():
                raise EntityParseError("Custom emoji URL must have an emoji identifier")
            out.entity(kind, entity.offset, custom_emoji_id=emoji_id)
        elif url:
            out.entity(kind, entity.offset, url=url)
        return after
    out.entity(kind, entity.offset)
    return i + 1


def parse_markdown(text: str) -> tuple[str, list[MessageEntity]]:
    """Parse legacy Markdown (``parse_mode="Markdown"``) like tdlib's v1 parser."""
    out = _TextBuilder()
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "\\" and i + 1 < n and text[i + 1] in "_*`[":
            out.add(text[i + 1])
            i += 2
            continue
        if char not in "_*`[":
            out.add(char)
            i += 1
            continue
        begin = i
        end_char = "]" if char == "[" else char
        i += 1
        is_pre = char == "`" and text.startswith("``", i)
        language: str | None = None
        if is_pre:
            i += 2
            end = i
            while end < n and not text[end].isspace() and text[end] != "`":
                end += 1
            if end > i and end < n and text[end] != "`":
                language, i = text[i:end], end
            i = _skip_one_newline(text, i)
        start = out.offset
        inner_start = len(out.parts)
        while i < n and (text[i] != end_char or (is_pre and not text.startswith("```", i))):
            out.add(text[i])
            i += 1
        if i >= n:
            raise EntityParseError(
                f"Can't find end of the entity starting at byte offset {_byte_offset(text, begin)}"
            )
        if char == "[":
            url = "".join(out.parts[inner_start:])
            after = i + 1
            if text.startswith("(", i + 1):
                close = text.find(")", i + 2)
                if close != -1:
                    url, after = text[i + 2 : close], close + 1
            out.entity("text_link", start, url=url)
            i = after
            continue
        if is_pre:
            out.entity("pre", start, language=language)
            i += 3
            continue
        out.entity({"_": "italic", "*": "bold", "`": "code"}[char], start)
        i += 1
    return out.text(), out.entities


PARSERS: Final[dict[str, Callable[[str], tuple[str, list[MessageEntity]]]]] = {
    "html": parse_html,
    "markdownv2": parse_markdown_v2,
    "markdown": parse_markdown,
}


def trim(text: str, entities: Iterable[MessageEntity]) -> tuple[str, list[MessageEntity]]:
    """Strip surrounding whitespace as the server does, keeping entities aligned."""
    left = text.lstrip()
    cut = utf16_len(text) - utf16_len(left)
    result = left.rstrip()
    total = utf16_len(result)
    trimmed: list[MessageEntity] = []
    for entity in entities:
        start = max(entity.offset - cut, 0)
        end = min(entity.offset + entity.length - cut, total)
        if end <= start:
            continue
        if (start, end - start) != (entity.offset, entity.length):
            entity = entity.model_copy(update={"offset": start, "length": end - start})
        trimmed.append(entity)
    trimmed.sort(key=lambda e: (e.offset, -e.length))
    return result, trimmed
