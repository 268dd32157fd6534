"""In-process fake of the Telegram Bot API, used by the test-suite and the offline demo.

``FakeTelegram`` is an aiogram session: ``Bot(token, session=FakeTelegram())`` (or
``fake.create_bot()``) answers every request locally. Both answers and errors go through
aiogram's own ``BaseSession.check_response``, so results are bound to the bot (shortcuts such
as ``message.edit_text()`` work) and failures are the exact exception classes, with the real
server's wording, that production code sees.

The fake is stateful: it remembers every message in every chat, so edits, deletes, copies and
replies behave like Telegram, and it records every request for assertions.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import math
import mimetypes
import re
import time
from collections import deque
from collections.abc import AsyncGenerator, Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any, Final, NoReturn, TypeVar

from aiogram import Bot
from aiogram.client.default import Default, DefaultBotProperties
from aiogram.client.session.base import BaseSession
from aiogram.exceptions import TelegramNetworkError
from aiogram.methods import (
    AnswerCallbackQuery,
    CopyMessage,
    DeleteMessage,
    DeleteMessages,
    DeleteMyCommands,
    DeleteWebhook,
    EditMessageCaption,
    EditMessageReplyMarkup,
    EditMessageText,
    ForwardMessage,
    GetChat,
    GetChatMember,
    GetChatMemberCount,
    GetChatMenuButton,
    GetFile,
    GetMe,
    GetMyCommands,
    GetMyDescription,
    GetMyName,
    GetMyShortDescription,
    GetUpdates,
    GetWebhookInfo,
    SendAnimation,
    SendAudio,
    SendContact,
    SendDice,
    SendDocument,
    SendLocation,
    SendMediaGroup,
    SendMessage,
    SendPhoto,
    SendSticker,
    SendVideo,
    SendVideoNote,
    SendVoice,
    SetChatMenuButton,
    SetMyCommands,
    SetMyDescription,
    SetMyName,
    SetMyShortDescription,
    SetWebhook,
    TelegramMethod,
)
from aiogram.types import (
    AcceptedGiftTypes,
    Animation,
    Audio,
    BotCommand,
    BotDescription,
    BotName,
    BotShortDescription,
    Chat,
    ChatFullInfo,
    ChatMemberMember,
    Contact,
    Dice,
    Document,
    File,
    InlineKeyboardMarkup,
    InputFile,
    Location,
    MenuButtonDefault,
    Message,
    MessageEntity,
    MessageId,
    MessageOriginUser,
    PhotoSize,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Sticker,
    Update,
    URLInputFile,
    User,
    Video,
    VideoNote,
    Voice,
    WebhookInfo,
)
from pydantic import BaseModel

if TYPE_CHECKING:
    from aiogram.types import ResultMenuButtonUnion

__all__ = [
    "CallRecord",
    "EntityParseError",
    "FakeTelegram",
    "StoredFile",
    "parse_html",
    "parse_markdown",
    "parse_markdown_v2",
    "utf16_len",
]

M = TypeVar("M", bound=TelegramMethod[Any])
AnyMethod = TelegramMethod[Any]

# Limits documented at https://core.telegram.org/bots/api and /bots/faq.
MAX_TEXT_LENGTH: Final = 4096
MAX_CAPTION_LENGTH: Final = 1024
MAX_CALLBACK_DATA_BYTES: Final = 64
MAX_INLINE_BUTTONS: Final = 100
MAX_CALLBACK_ANSWER_LENGTH: Final = 200
MAX_UPLOAD_BYTES: Final = 50 * 1024 * 1024
MAX_DOWNLOAD_BYTES: Final = 20 * 1024 * 1024
# Supergroup and channel ids are "-100" followed by the 10+ digit internal id.
SUPERGROUP_ID_BOUNDARY: Final = -1_000_000_000_000

NOT_MODIFIED: Final = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
QUERY_TOO_OLD: Final = (
    "Bad Request: query is too old and response timeout expired or query ID is invalid"
)

_MISSING: Final = object()  # sentinel: "no scripted response"
_FAULT_SHORTCUTS: Final = frozenset({"400", "403", "429", "500", "502", "timeout"})
_COMMAND_RE: Final = re.compile(r"[a-z0-9_]{1,32}")

# Inline buttons must carry exactly one action; a bare text button is rejected by the server.
_BUTTON_ACTIONS: Final = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
    "disabled",
)
# Message fields that hold content (as opposed to metadata): what copy/forward carry over.
_CONTENT_FIELDS: Final = (
    "text",
    "entities",
    "caption",
    "caption_entities",
    "document",
    "photo",
    "audio",
    "video",
    "animation",
    "voice",
    "video_note",
    "sticker",
    "location",
    "contact",
    "dice",
)
_CAPTIONED_MEDIA: Final = ("document", "photo", "audio", "video", "animation", "voice")
_FILE_FOLDERS: Final = {
    "document": "documents",
    "photo": "photos",
    "audio": "music",
    "video": "videos",
    "animation": "animations",
    "voice": "voice",
    "video_note": "video_notes",
    "sticker": "stickers",
}
_DEFAULT_EXTENSIONS: Final = {
    "photo": ".jpg",
    "voice": ".oga",
    "video_note": ".mp4",
    "sticker": ".webp",
    "video": ".mp4",
    "animation": ".mp4",
    "audio": ".mp3",
}


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units: the unit Telegram uses for entity offsets."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le")) // 2


# --------------------------------------------------------------------------------------------
# Entity parsing. Telegram returns plain text plus entities, so a bot that sends broken markup
# fails in production with "can't parse entities"; the fake mirrors the server's (tdlib's)
# parsers closely enough to surface those bugs in tests, including the error wording.
# --------------------------------------------------------------------------------------------


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


_HTML_TAGS: Final = frozenset(
    {
        "a", "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span",
        "tg-spoiler", "tg-emoji", "tg-time", "code", "pre", "blockquote",
    }
)  # fmt: skip
_HTML_SIMPLE: Final = {
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
_NAMED_HTML_ENTITIES: Final = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_HTML_SPECIAL: Final = re.compile("[<&]")


def _decode_html_entity(text: str, pos: int) -> tuple[str, int] | None:
    """Decode ``&...`` at ``pos`` like tdlib: only lt/gt/amp/quot and numeric references are
    known, the ``;`` is optional, and anything else stays literal (so ``&nbsp;`` is shown)."""
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
        named = _NAMED_HTML_ENTITIES.get(text[pos + 1 : end])
        if named is None:
            return None
        char = named
    if text.startswith(";", end):
        end += 1
    return char, end


@dataclass
class _OpenTag:
    name: str
    attrs: dict[str, str]
    offset: int
    language: str | None = None


def parse_html(text: str) -> tuple[str, list[MessageEntity]]:
    """Parse Telegram's HTML subset into (plain text, entities) or raise EntityParseError."""
    out = _TextBuilder()
    stack: list[_OpenTag] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "&":
            decoded = _decode_html_entity(text, i)
            if decoded is not None:
                out.add(decoded[0])
                i = decoded[1]
                continue
        if char != "<":
            # A run of plain text at once (up to the next tag or character reference): the
            # per-character loop was most of a fake send's cost.
            match = _HTML_SPECIAL.search(text, i + 1)
            end = match.start() if match else n
            out.add(text[i:end])
            i = end
            continue
        begin = i
        i += 1
        if text.startswith("/", i):
            i = _close_html_tag(text, i + 1, begin, stack, out)
            continue
        name_start = i
        while i < n and not text[i].isspace() and text[i] != ">":
            i += 1
        if i >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
        name = text[name_start:i].lower()
        if name not in _HTML_TAGS:
            raise EntityParseError(
                f'Unsupported start tag "{name}" at byte offset {_byte_offset(text, begin)}'
            )
        attrs, i = _parse_html_attributes(text, i, name, begin)
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise EntityParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset '
                f"{_byte_offset(text, begin)}"
            )
        stack.append(_OpenTag(name, attrs, out.offset))
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    return out.text(), out.entities


def _parse_html_attributes(text: str, i: int, tag: str, begin: int) -> tuple[dict[str, str], int]:
    n = len(text)
    attrs: dict[str, str] = {}

    def unclosed() -> EntityParseError:
        return EntityParseError(
            f'Unclosed start tag "{tag}" at byte offset {_byte_offset(text, begin)}'
        )

    while True:
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            raise unclosed()
        if text[i] == ">":
            return attrs, i + 1
        name_start = i
        while i < n and not text[i].isspace() and text[i] not in "=>/\"'":
            i += 1
        name = text[name_start:i].lower()
        if not name:
            raise EntityParseError(
                f'Empty attribute name in the tag "{tag}" at byte offset '
                f"{_byte_offset(text, begin)}"
            )
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            raise unclosed()
        if text[i] != "=":
            attrs[name] = ""  # boolean attribute, e.g. <blockquote expandable>
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
            while i < n and text[i] != quote:
                decoded = _decode_html_entity(text, i) if text[i] == "&" else None
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
            value_start = i
            while i < n and text[i].isascii() and (text[i].isalnum() or text[i] in ".-"):
                i += 1
            if i >= n:
                raise unclosed()
            if not text[i].isspace() and text[i] != ">":
                raise EntityParseError(
                    f"Unexpected end of name token at byte offset {_byte_offset(text, i)}"
                )
            attrs[name] = text[value_start:i].lower()


def _close_html_tag(text: str, i: int, begin: int, stack: list[_OpenTag], out: _TextBuilder) -> int:
    n = len(text)
    if not stack:
        raise EntityParseError(f"Unexpected end tag at byte offset {_byte_offset(text, begin)}")
    name_start = i
    while i < n and not text[i].isspace() and text[i] != ">":
        i += 1
    name = text[name_start:i].lower()
    while i < n and text[i].isspace():
        i += 1
    if i >= n or text[i] != ">":
        raise EntityParseError(f"Unclosed end tag at byte offset {_byte_offset(text, begin)}")
    tag = stack.pop()
    # tdlib accepts a nameless "</>" as closing the innermost tag.
    if name and name != tag.name:
        raise EntityParseError(
            f"Unmatched end tag at byte offset {_byte_offset(text, begin)}, "
            f'expected "</{tag.name}>", found "</{name}>"'
        )
    _emit_html_entity(tag, stack, out)
    return i + 1


def _emit_html_entity(tag: _OpenTag, stack: list[_OpenTag], out: _TextBuilder) -> None:
    name, attrs = tag.name, tag.attrs
    if name in _HTML_SIMPLE:
        out.entity(_HTML_SIMPLE[name], tag.offset)
    elif name == "a":
        if href := attrs.get("href"):
            out.entity("text_link", tag.offset, url=href)
    elif name == "code":
        # <pre><code class="language-x"> is how HTML spells a pre block with a language.
        if stack and stack[-1].name == "pre":
            css = attrs.get("class", "")
            if css.startswith("language-"):
                stack[-1].language = css.removeprefix("language-")
        else:
            out.entity("code", tag.offset)
    elif name == "pre":
        out.entity("pre", tag.offset, language=tag.language)
    elif name == "blockquote":
        kind = "expandable_blockquote" if "expandable" in attrs else "blockquote"
        out.entity(kind, tag.offset)
    elif name == "tg-emoji":
        if emoji_id := attrs.get("emoji-id"):
            out.entity("custom_emoji", tag.offset, custom_emoji_id=emoji_id)
    elif name == "tg-time":
        unix = attrs.get("unix", "")
        if unix.isdigit():
            out.entity(
                "date_time", tag.offset, unix_time=int(unix), date_time_format=attrs.get("format")
            )


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


_PARSERS: Final[dict[str, Callable[[str], tuple[str, list[MessageEntity]]]]] = {
    "html": parse_html,
    "markdownv2": parse_markdown_v2,
    "markdown": parse_markdown,
}


def _trim(text: str, entities: Iterable[MessageEntity]) -> tuple[str, list[MessageEntity]]:
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


# --------------------------------------------------------------------------------------------
# Recording, files, faults and limits
# --------------------------------------------------------------------------------------------


@dataclass
class CallRecord:
    """One request: ``error`` is set when it failed, ``result`` is what the caller received.

    ``messages`` holds the messages the request created (``kind == "send"``) or changed
    (``kind == "edit"``), bound to the bot, also for methods that return ``MessageId``.
    """

    seq: int
    method: AnyMethod
    result: Any = None
    error: BaseException | None = None
    kind: str | None = None
    messages: list[Message] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class StoredFile:
    """A file the fake knows; ``content`` is None when it was "sent" by URL."""

    file_id: str
    file_unique_id: str
    file_path: str
    kind: str
    content: bytes | None
    file_name: str | None = None
    mime_type: str | None = None

    @property
    def size(self) -> int | None:
        return None if self.content is None else len(self.content)


@dataclass
class _Fault:
    method_type: type | None
    error: BaseException | str
    remaining: int
    chat_id: int | None
    retry_after: int

    def matches(self, method: AnyMethod) -> bool:
        if self.method_type is not None and not isinstance(method, self.method_type):
            return False
        return self.chat_id is None or _maybe_int(getattr(method, "chat_id", None)) == self.chat_id


class _Window:
    """Sliding-window log: at most ``capacity`` events per ``seconds``."""

    def __init__(self, rate: float, period: float) -> None:
        if rate <= 0:
            raise ValueError("rate limits must be positive")
        # Fractional rates (0.5/s) become "one event per 2 s" rather than rounding to zero.
        self.capacity = max(1, math.floor(rate)) if rate >= 1 else 1
        self.seconds = period if rate >= 1 else period / rate
        self.stamps: deque[float] = deque()

    def wait(self, now: float) -> float:
        while self.stamps and self.stamps[0] <= now - self.seconds:
            self.stamps.popleft()
        if len(self.stamps) < self.capacity:
            return 0.0
        return self.stamps[0] + self.seconds - now


@dataclass
class _Limits:
    per_second: float
    per_chat_per_second: float
    per_group_per_minute: int
    global_window: _Window = field(init=False)
    chats: dict[int, _Window] = field(default_factory=dict)
    groups: dict[int, _Window] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.global_window = _Window(self.per_second, 1.0)
        _Window(self.per_chat_per_second, 1.0)  # validate eagerly, not on first send
        _Window(self.per_group_per_minute, 60.0)

    def windows(self, chat_id: int) -> list[_Window]:
        chat = self.chats.setdefault(chat_id, _Window(self.per_chat_per_second, 1.0))
        windows = [self.global_window, chat]
        if chat_id < 0:
            windows.append(
                self.groups.setdefault(chat_id, _Window(self.per_group_per_minute, 60.0))
            )
        return windows


def _maybe_int(value: Any) -> int | None:
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    return None


def _jsonable(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_none=True, warnings=False)
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    return value


def _same(left: Any, right: Any) -> bool:
    return _jsonable(left or None) == _jsonable(right or None)


Handler = Callable[[Bot, Any, CallRecord], Awaitable[Any]]


class FakeTelegram(BaseSession):
    """A stateful, in-memory Telegram Bot API server exposed as an aiogram session."""

    def __init__(
        self,
        *,
        bot_id: int = 7000000001,
        bot_username: str = "mentor_demo_bot",
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__()
        self.bot_id = bot_id
        self.bot_username = bot_username
        self._clock = clock

        self.records: list[CallRecord] = []
        self.rate_limited = 0
        # Chats whose requests fail with 403 (blocked by the user / bot kicked from group).
        self.blocked: set[int] = set()
        self.deactivated: set[int] = set()
        self.users: dict[int, User] = {}
        self.files: dict[str, StoredFile] = {}
        self.commands: dict[tuple[str, str], list[BotCommand]] = {}
        self.menu_buttons: dict[int | None, ResultMenuButtonUnion] = {}
        self.reply_keyboards: dict[int, ReplyKeyboardMarkup] = {}
        self.callback_answers: dict[str, AnswerCallbackQuery] = {}
        self.webhook_url: str | None = None

        self._messages: dict[int, dict[int, Message]] = {}
        self._last_message_id: dict[int, int] = {}
        self._files_by_path: dict[str, StoredFile] = {}
        self._names: dict[str, str] = {}
        # The frozen models built once: see me and chat().
        self._bot_users: dict[tuple[int, str, str], User] = {}
        self._chats: dict[Any, Chat] = {}
        self._descriptions: dict[str, str] = {}
        self._short_descriptions: dict[str, str] = {}
        self._faults: list[_Fault] = []
        self._limits: _Limits | None = None
        self._overrides: dict[type, Any] = {}
        self._updates: asyncio.Queue[Update] | None = None
        self._seq = itertools.count(1)
        self._update_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self._query_ids = itertools.count(1)
        self._media_groups = itertools.count(1)

        self._handlers: dict[type, Handler] = {
            GetMe: self._get_me,
            SendMessage: self._send_message,
            SendDocument: self._send_file("document", "document"),
            SendPhoto: self._send_file("photo", "photo"),
            SendAudio: self._send_file("audio", "audio"),
            SendVideo: self._send_file("video", "video"),
            SendAnimation: self._send_file("animation", "animation"),
            SendVoice: self._send_file("voice", "voice"),
            SendVideoNote: self._send_file("video_note", "video_note"),
            SendSticker: self._send_file("sticker", "sticker"),
            SendMediaGroup: self._send_media_group,
            SendLocation: self._send_location,
            SendContact: self._send_contact,
            SendDice: self._send_dice,
            CopyMessage: self._copy_message,
            ForwardMessage: self._forward_message,
            EditMessageText: self._edit_message_text,
            EditMessageCaption: self._edit_message_caption,
            EditMessageReplyMarkup: self._edit_message_reply_markup,
            DeleteMessage: self._delete_message,
            DeleteMessages: self._delete_messages,
            AnswerCallbackQuery: self._answer_callback_query,
            SetMyCommands: self._set_my_commands,
            GetMyCommands: self._get_my_commands,
            DeleteMyCommands: self._delete_my_commands,
            SetChatMenuButton: self._set_chat_menu_button,
            GetChatMenuButton: self._get_chat_menu_button,
            SetMyName: self._set_my_name,
            GetMyName: self._get_my_name,
            SetMyDescription: self._set_my_description,
            GetMyDescription: self._get_my_description,
            SetMyShortDescription: self._set_my_short_description,
            GetMyShortDescription: self._get_my_short_description,
            SetWebhook: self._set_webhook,
            DeleteWebhook: self._delete_webhook,
            GetWebhookInfo: self._get_webhook_info,
            GetUpdates: self._get_updates,
            GetFile: self._get_file,
            GetChat: self._get_chat,
            GetChatMember: self._get_chat_member,
            GetChatMemberCount: self._get_chat_member_count,
        }

    # ---------------------------------------------------------------- public helpers

    def create_bot(self, default: DefaultBotProperties | None = None) -> Bot:
        """A Bot wired to this fake whose token id matches ``bot_id`` (so bot.id == me.id)."""
        return Bot(token=f"{self.bot_id}:FAKE-TOKEN", session=self, default=default)

    @property
    def me(self) -> User:
        # Built once per identity (the models are frozen): a send needs it every time.
        key = (self.bot_id, self._names.get("", self._default_name()), self.bot_username)
        cached = self._bot_users.get(key)
        if cached is None:
            cached = self._bot_users[key] = User(
                id=self.bot_id,
                is_bot=True,
                first_name=key[1],
                username=self.bot_username,
                can_join_groups=True,
                can_read_all_group_messages=False,
                supports_inline_queries=False,
            )
        return cached

    def now(self) -> datetime:
        """Current time for message dates: whole seconds and timezone-aware, like the API."""
        current = self._clock() if self._clock is not None else datetime.now(UTC)
        if current.tzinfo is None:
            current = current.replace(tzinfo=UTC)
        return current.replace(microsecond=0)

    @property
    def calls(self) -> list[AnyMethod]:
        """Every request in order, failed ones included (see ``results``/``records``)."""
        return [record.method for record in self.records]

    @property
    def results(self) -> list[Any]:
        """Parallel to ``calls``: the returned value, or the exception that was raised."""
        return [record.result if record.ok else record.error for record in self.records]

    def requests(self, method_type: type[M]) -> list[M]:
        return [r.method for r in self.records if isinstance(r.method, method_type)]

    def sent_messages(self, chat_id: int | None = None) -> list[Message]:
        """Messages successfully sent (not edited) by the bot, in order."""
        return [
            message
            for record in self.records
            if record.ok and record.kind == "send"
            for message in record.messages
            if chat_id is None or message.chat.id == chat_id
        ]

    def chat_messages(self, chat_id: int) -> list[Message]:
        """What the chat shows now: both sides, after edits and deletes, oldest first."""
        chat = self._messages.get(chat_id, {})
        return [chat[message_id] for message_id in sorted(chat)]

    def get_message(self, chat_id: int, message_id: int) -> Message | None:
        return self._messages.get(chat_id, {}).get(message_id)

    def mark(self) -> int:
        """A position in the request log, for ``messages_since``."""
        return self.records[-1].seq if self.records else 0

    def messages_since(self, mark: int, chat_id: int | None = None) -> list[Message]:
        """Messages sent or edited by requests made after ``mark``."""
        return [
            message
            for record in self.records
            if record.seq > mark and record.ok
            for message in record.messages
            if chat_id is None or message.chat.id == chat_id
        ]

    def clear(self) -> None:
        """Forget recorded requests; chats, files and settings stay so a flow can continue."""
        self.records.clear()
        self.rate_limited = 0

    def fail_next(
        self,
        method_type: type | None,
        error: BaseException | str,
        times: int = 1,
        chat_id: int | None = None,
        *,
        retry_after: int = 5,
    ) -> None:
        """Make the next ``times`` matching requests fail before they have any effect.

        ``error`` is an exception instance or a shortcut: "429" (TelegramRetryAfter with
        ``retry_after``), "403" (blocked), "400" (chat not found), "500"/"502"
        (TelegramServerError) or "timeout" (TelegramNetworkError). ``method_type=None``
        matches any method; ``chat_id`` restricts the fault to requests for that chat.
        """
        if isinstance(error, str) and error not in _FAULT_SHORTCUTS:
            raise ValueError(f"unknown fault {error!r}; use one of {sorted(_FAULT_SHORTCUTS)}")
        if times < 1:
            raise ValueError("times must be >= 1")
        self._faults.append(_Fault(method_type, error, times, chat_id, retry_after))

    def enforce_limits(
        self,
        per_second: float = 30,
        per_chat_per_second: float = 1,
        per_group_per_minute: int = 20,
    ) -> None:
        """Answer sends over Telegram's broadcast limits with 429, as the real server does."""
        self._limits = _Limits(per_second, per_chat_per_second, per_group_per_minute)

    def disable_limits(self) -> None:
        self._limits = None

    def set_response(self, method_type: type, response: Any) -> None:
        """Script the answer to a method: a value, or a callable taking the method.

        The callable may raise (e.g. an aiogram exception) to script a failure.
        """
        self._overrides[method_type] = response

    def register_user(self, user: User) -> None:
        """Let private chats with this user carry the user's real name."""
        self.users[user.id] = user

    def chat(self, chat_id: int) -> Chat:
        user = self.users.get(chat_id) if chat_id > 0 else None
        # Built once per chat and name (the models are frozen): a send needs it every time.
        key = (chat_id, user.first_name, user.last_name, user.username) if user else chat_id
        cached = self._chats.get(key)
        if cached is not None:
            return cached
        if chat_id > 0:
            chat = Chat(
                id=chat_id,
                type="private",
                first_name=user.first_name if user else f"User {chat_id}",
                last_name=user.last_name if user else None,
                username=user.username if user else None,
            )
        else:
            kind = "supergroup" if chat_id <= SUPERGROUP_ID_BOUNDARY else "group"
            chat = Chat(id=chat_id, type=kind, title=f"Group {-chat_id}")
        if len(self._chats) > 100_000:
            self._chats.clear()
        self._chats[key] = chat
        return chat

    def next_message_id(self, chat_id: int) -> int:
        """Message ids are per chat and shared by both sides of the conversation."""
        self._last_message_id[chat_id] = self._last_message_id.get(chat_id, 0) + 1
        return self._last_message_id[chat_id]

    def next_update_id(self) -> int:
        return next(self._update_ids)

    def store_incoming(self, message: Message) -> None:
        """Record a message a user sent, so the bot can reply to, copy or delete it."""
        self._messages.setdefault(message.chat.id, {})[message.message_id] = message

    def new_callback_query_id(self) -> str:
        query_id = str(4_000_000_000_000_000_000 + next(self._query_ids))
        return query_id

    def chat_instance(self, chat_id: int) -> str:
        return str(10**18 + abs(chat_id))

    def callback_answer(self, query_id: str) -> AnswerCallbackQuery | None:
        return self.callback_answers.get(query_id)

    def enqueue_update(self, update: Update) -> None:
        """Queue an update for ``getUpdates`` so ``dp.start_polling`` works against the fake."""
        self._update_queue().put_nowait(update)

    def register_file(
        self,
        content: bytes | None,
        *,
        file_name: str | None = None,
        mime_type: str | None = None,
        kind: str = "document",
    ) -> StoredFile:
        """Make a file downloadable through ``bot.get_file``/``bot.download``."""
        number = next(self._file_ids)
        suffix = ""
        if file_name and "." in file_name:
            suffix = "." + file_name.rsplit(".", 1)[1]
        suffix = suffix or _DEFAULT_EXTENSIONS.get(kind, "")
        stored = StoredFile(
            file_id=f"FAKE-{kind.upper()}-{number:06d}",
            file_unique_id=f"FakeU{number:06d}",
            file_path=f"{_FILE_FOLDERS.get(kind, 'documents')}/file_{number}{suffix}",
            kind=kind,
            content=content,
            file_name=file_name,
            mime_type=mime_type,
        )
        self.files[stored.file_id] = stored
        self._files_by_path[stored.file_path] = stored
        return stored

    def file_bytes(self, file_id: str) -> bytes:
        stored = self.files.get(file_id)
        if stored is None:
            raise KeyError(f"FakeTelegram does not know file_id {file_id!r}")
        if stored.content is None:
            raise ValueError(f"file {file_id!r} was sent by URL; its bytes are unknown offline")
        return stored.content

    def document_bytes(self, message: Message) -> bytes:
        """The bytes of the document in ``message`` (sent by the bot or a TelegramUser)."""
        if message.document is None:
            raise ValueError(f"message {message.message_id} has no document")
        return self.file_bytes(message.document.file_id)

    # ---------------------------------------------------------------- BaseSession API

    async def close(self) -> None:
        """Nothing to release: there is no connection."""

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,  # noqa: ASYNC109 - signature fixed by BaseSession
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        stored = self._file_by_url(url)
        if stored is None or stored.content is None:
            raise NotImplementedError(
                f"FakeTelegram cannot download {url!r}: it works offline and only serves "
                "files uploaded through it (by the bot or a TelegramUser)."
            )
        content = stored.content
        for start in range(0, len(content), chunk_size):
            yield content[start : start + chunk_size]

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[Any],
        timeout: int | None = None,  # noqa: ASYNC109 - signature fixed by BaseSession
    ) -> Any:
        record = CallRecord(seq=next(self._seq), method=method)
        self.records.append(record)
        try:
            # A real request yields to the event loop; so must we, or races stay hidden.
            await asyncio.sleep(0)
            self._raise_injected_fault(bot, method)
            payload = await self._answer(bot, method, record)
            result = self._respond(bot, method, payload)
        except BaseException as error:
            record.error = error
            raise
        record.result = result
        if (
            isinstance(result, Message)
            and len(record.messages) == 1
            and record.messages[0].message_id == result.message_id
        ):
            # The answer is that very message, already parsed and bound to the bot (and
            # frozen): parsing it once more was a fifth of a fake send's cost.
            record.messages = [result]
        else:
            record.messages = [self._bind(bot, message) for message in record.messages]
        return result

    # ---------------------------------------------------------------- plumbing

    def _respond(self, bot: Bot, method: AnyMethod, payload: Any) -> Any:
        # Serialising through JSON and check_response gives exactly what a real HTTP answer
        # would: objects bound to the bot, Telegram's field names, whole-second dates.
        content = self.json_dumps({"ok": True, "result": _jsonable(payload)})
        return self.check_response(bot, method, 200, content).result

    def _fail(
        self, bot: Bot, method: AnyMethod, status: int, description: str, retry_after: int = 0
    ) -> NoReturn:
        """Raise the exception aiogram raises for this HTTP error from the real server."""
        body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
        if retry_after:
            body["parameters"] = {"retry_after": retry_after}
        self.check_response(bot, method, status, self.json_dumps(body))
        raise AssertionError(f"check_response accepted HTTP {status}")  # pragma: no cover

    @staticmethod
    def _bind(bot: Bot, model: Message) -> Message:
        return Message.model_validate(_jsonable(model), context={"bot": bot})

    def _raise_injected_fault(self, bot: Bot, method: AnyMethod) -> None:
        fault = next((f for f in self._faults if f.matches(method)), None)
        if fault is None:
            return
        fault.remaining -= 1
        if fault.remaining == 0:
            self._faults.remove(fault)
        error = fault.error
        if isinstance(error, BaseException):
            raise error
        if error == "timeout":
            raise TelegramNetworkError(method=method, message="Request timeout error")
        status, description = {
            "400": (400, "Bad Request: chat not found"),
            "403": (403, "Forbidden: bot was blocked by the user"),
            "429": (429, f"Too Many Requests: retry after {fault.retry_after}"),
            "500": (500, "Internal Server Error"),
            "502": (502, "Bad Gateway"),
        }[error]
        self._fail(bot, method, status, description, fault.retry_after if status == 429 else 0)

    async def _answer(self, bot: Bot, method: AnyMethod, record: CallRecord) -> Any:
        override = self._overrides.get(type(method), _MISSING)
        if override is not _MISSING:
            return override(method) if callable(override) else override
        handler = self._handlers.get(type(method))
        if handler is not None:
            return await handler(bot, method, record)
        returning = method.__returning__
        chat_id = getattr(method, "chat_id", None)
        if returning is bool:
            if chat_id is not None:
                self._check_reachable(bot, method, self._chat_id(bot, method, chat_id))
            return True
        if returning is Message and chat_id is not None and not hasattr(method, "message_id"):
            # Unmodelled send (poll, invoice, ...): a real message without the content.
            return await self._send_generic(bot, method, record)
        raise NotImplementedError(
            f"FakeTelegram has no answer for {type(method).__name__} "
            f"(returns {returning}); script one with fake.set_response({type(method).__name__}"
            ", value_or_callable)."
        )

    @staticmethod
    def _resolve(bot: Bot, value: Any) -> Any:
        """Replace aiogram's ``Default(...)`` placeholders with the bot's defaults."""
        return bot.default[value.name] if isinstance(value, Default) else value

    def _chat_id(self, bot: Bot, method: AnyMethod, value: Any) -> int:
        chat_id = _maybe_int(value)
        if not chat_id:
            # @usernames of public chats are not modelled; 0 is never a valid chat.
            self._fail(bot, method, 400, "Bad Request: chat not found")
        return chat_id

    def _check_reachable(self, bot: Bot, method: AnyMethod, chat_id: int) -> None:
        if chat_id in self.deactivated:
            self._fail(bot, method, 403, "Forbidden: user is deactivated")
        if chat_id in self.blocked:
            reason = (
                "Forbidden: bot was blocked by the user"
                if chat_id > 0
                else "Forbidden: bot was kicked from the group chat"
            )
            self._fail(bot, method, 403, reason)

    def _timestamp(self) -> float:
        return self._clock().timestamp() if self._clock is not None else time.monotonic()

    def _admit(self, bot: Bot, method: AnyMethod, chat_id: int) -> Callable[[], None]:
        """Gate a send: 403 for blocked chats, 429 over the limits. Returns a commit callback
        so only sends that really happen consume rate-limit budget."""
        self._check_reachable(bot, method, chat_id)
        if self._limits is None:
            return lambda: None
        now = self._timestamp()
        windows = self._limits.windows(chat_id)
        wait = max(window.wait(now) for window in windows)
        if wait > 0:
            self.rate_limited += 1
            retry_after = max(1, math.ceil(wait))
            self._fail(
                bot, method, 429, f"Too Many Requests: retry after {retry_after}", retry_after
            )

        def commit() -> None:
            for window in windows:
                window.stamps.append(now)

        return commit

    def _format(
        self,
        bot: Bot,
        method: AnyMethod,
        text: str | None,
        parse_mode: Any,
        entities: list[MessageEntity] | None,
        *,
        caption: bool,
    ) -> tuple[str, list[MessageEntity]]:
        text = text or ""
        mode = self._resolve(bot, parse_mode)
        if isinstance(mode, Enum):
            mode = mode.value
        if entities:
            parsed = list(entities)  # explicit entities win over parse_mode, as in the API
        elif mode:
            parser = _PARSERS.get(str(mode).lower())
            if parser is None:
                self._fail(bot, method, 400, "Bad Request: unsupported parse_mode")
            try:
                text, parsed = parser(text)
            except EntityParseError as error:
                self._fail(bot, method, 400, f"Bad Request: can't parse entities: {error}")
        else:
            parsed = []
        text, parsed = _trim(text, parsed)
        if caption:
            if len(text) > MAX_CAPTION_LENGTH:
                self._fail(bot, method, 400, "Bad Request: message caption is too long")
        else:
            if not text:
                self._fail(bot, method, 400, "Bad Request: message text is empty")
            # The server counts characters (code points), not bytes or UTF-16 units.
            if len(text) > MAX_TEXT_LENGTH:
                self._fail(bot, method, 400, "Bad Request: message is too long")
        return text, parsed

    def _check_markup(self, bot: Bot, method: AnyMethod, markup: Any) -> None:
        if not isinstance(markup, InlineKeyboardMarkup):
            return
        buttons = [button for row in markup.inline_keyboard for button in row]
        if len(buttons) > MAX_INLINE_BUTTONS:
            self._fail(bot, method, 400, "Bad Request: reply markup is too long")
        for button in buttons:
            if button.callback_data is not None:
                size = len(button.callback_data.encode())
                if not 1 <= size <= MAX_CALLBACK_DATA_BYTES:
                    self._fail(bot, method, 400, "Bad Request: BUTTON_DATA_INVALID")
            elif all(getattr(button, name, None) is None for name in _BUTTON_ACTIONS):
                self._fail(
                    bot,
                    method,
                    400,
                    "Bad Request: can't parse inline keyboard button: "
                    "Text buttons are unallowed in the inline keyboard",
                )

    def _reply_to(self, bot: Bot, method: AnyMethod, chat_id: int) -> Message | None:
        parameters = getattr(method, "reply_parameters", None)
        message_id = getattr(method, "reply_to_message_id", None)
        allow_missing = self._resolve(bot, getattr(method, "allow_sending_without_reply", None))
        if parameters is not None:
            message_id = parameters.message_id
            chat_id = _maybe_int(parameters.chat_id) or chat_id
            allow_missing = self._resolve(bot, parameters.allow_sending_without_reply)
        if message_id is None:
            return None
        target = self.get_message(chat_id, message_id)
        if target is None:
            if allow_missing:
                return None
            self._fail(bot, method, 400, "Bad Request: message to be replied not found")
        # Telegram does not nest replies: the quoted message carries no reply of its own.
        return target.model_copy(update={"reply_to_message": None})

    def _deliver(
        self, bot: Bot, method: AnyMethod, record: CallRecord, chat_id: int, **content: Any
    ) -> Message:
        """Validate common send options, pass the gates and store a new bot message."""
        markup = getattr(method, "reply_markup", None)
        self._check_markup(bot, method, markup)
        reply_to = self._reply_to(bot, method, chat_id)
        commit = self._admit(bot, method, chat_id)
        message = self._create(bot, method, chat_id, markup, reply_to, content)
        commit()
        record.kind = "send"
        record.messages.append(message)
        return message

    def _create(
        self,
        bot: Bot,
        method: AnyMethod,
        chat_id: int,
        markup: Any,
        reply_to: Message | None,
        content: dict[str, Any],
    ) -> Message:
        if isinstance(markup, ReplyKeyboardMarkup):
            self.reply_keyboards[chat_id] = markup
        elif isinstance(markup, ReplyKeyboardRemove):
            self.reply_keyboards.pop(chat_id, None)
        protect = self._resolve(bot, getattr(method, "protect_content", None))
        message = Message(
            message_id=self.next_message_id(chat_id),
            date=self.now(),
            chat=self.chat(chat_id),
            from_user=self.me,
            reply_to_message=reply_to,
            # Message.reply_markup only ever holds inline keyboards; reply keyboards and
            # ForceReply affect the client, not the message object.
            reply_markup=markup if isinstance(markup, InlineKeyboardMarkup) else None,
            has_protected_content=True if protect else None,
            **content,
        )
        self._messages.setdefault(chat_id, {})[message.message_id] = message
        return message

    async def _upload(
        self, bot: Bot, method: AnyMethod, value: InputFile | str, kind: str
    ) -> StoredFile:
        if isinstance(value, str):
            if value in self.files:
                return self.files[value]
            if value.startswith(("http://", "https://")):
                return self.register_file(None, file_name=value.rsplit("/", 1)[-1], kind=kind)
            self._fail(bot, method, 400, "Bad Request: wrong file identifier/HTTP URL specified")
        name = value.filename
        if isinstance(value, URLInputFile):
            # Fetching it would need the network; the demo must stay offline.
            return self.register_file(
                None, file_name=name or value.url.rsplit("/", 1)[-1], kind=kind
            )
        content = b"".join([chunk async for chunk in value.read(bot)])
        if len(content) > MAX_UPLOAD_BYTES:
            self._fail(bot, method, 413, "Request Entity Too Large")
        if not content:
            self._fail(bot, method, 400, "Bad Request: file must be non-empty")
        mime = (mimetypes.guess_type(name)[0] if name else None) or "application/octet-stream"
        return self.register_file(content, file_name=name, mime_type=mime, kind=kind)

    @staticmethod
    def _media(kind: str, stored: StoredFile, source: Any) -> Any:
        """The Message attribute value for an uploaded file. Pixels and audio are not
        decoded, so dimensions/durations come from the request or plausible constants."""
        common: dict[str, Any] = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": stored.size,
        }
        width = getattr(source, "width", None) or 1280
        height = getattr(source, "height", None) or 720
        duration = getattr(source, "duration", None) or 0
        named: dict[str, Any] = {"file_name": stored.file_name, "mime_type": stored.mime_type}
        match kind:
            case "photo":
                return [PhotoSize(**common, width=width, height=height)]
            case "audio":
                return Audio(**common, **named, duration=duration)
            case "video":
                return Video(**common, **named, width=width, height=height, duration=duration)
            case "animation":
                return Animation(**common, **named, width=width, height=height, duration=duration)
            case "voice":
                return Voice(**common, mime_type=stored.mime_type, duration=duration)
            case "video_note":
                return VideoNote(
                    **common, length=getattr(source, "length", None) or 240, duration=duration
                )
            case "sticker":
                return Sticker(
                    **common,
                    type="regular",
                    width=512,
                    height=512,
                    is_animated=False,
                    is_video=False,
                )
            case _:
                return Document(**common, **named)

    def _target(
        self, bot: Bot, method: EditMessageText | EditMessageCaption | EditMessageReplyMarkup
    ) -> tuple[int, Message]:
        """The stored bot message an edit refers to."""
        chat_id = self._chat_id(bot, method, method.chat_id)
        self._check_reachable(bot, method, chat_id)
        stored = self.get_message(chat_id, method.message_id or 0)
        if stored is None:
            self._fail(bot, method, 400, "Bad Request: message to edit not found")
        if stored.from_user is None or stored.from_user.id != self.bot_id:
            self._fail(bot, method, 400, "Bad Request: message can't be edited")
        return chat_id, stored

    def _save_edit(
        self, record: CallRecord, chat_id: int, stored: Message, **changes: Any
    ) -> Message:
        # aiogram types Message.edit_date as a unix-time int, unlike Message.date (datetime).
        edit_date = int(self.now().timestamp())
        edited = stored.model_copy(update={**changes, "edit_date": edit_date})
        self._messages[chat_id][edited.message_id] = edited
        record.kind = "edit"
        record.messages.append(edited)
        return edited

    def _update_queue(self) -> asyncio.Queue[Update]:
        if self._updates is None:
            self._updates = asyncio.Queue()
        return self._updates

    def _file_by_url(self, url: str) -> StoredFile | None:
        # File URLs look like https://api.telegram.org/file/bot<token>/<file_path>.
        _, marker, rest = url.partition("/file/bot")
        if not marker:
            return None
        return self._files_by_path.get(rest.partition("/")[2])

    def _default_name(self) -> str:
        return self.bot_username.removesuffix("_bot").removesuffix("bot").replace("_", " ").title()

    # ---------------------------------------------------------------- method handlers

    async def _get_me(self, bot: Bot, method: GetMe, record: CallRecord) -> User:
        return self.me

    async def _send_message(self, bot: Bot, method: SendMessage, record: CallRecord) -> Message:
        chat_id = self._chat_id(bot, method, method.chat_id)
        text, entities = self._format(
            bot, method, method.text, method.parse_mode, method.entities, caption=False
        )
        return self._deliver(bot, method, record, chat_id, text=text, entities=entities or None)

    def _send_file(self, kind: str, attribute: str) -> Handler:
        async def handler(bot: Bot, method: Any, record: CallRecord) -> Message:
            chat_id = self._chat_id(bot, method, method.chat_id)
            caption_fields: dict[str, Any] = {}
            if hasattr(method, "caption"):
                caption, entities = self._format(
                    bot,
                    method,
                    method.caption,
                    method.parse_mode,
                    method.caption_entities,
                    caption=True,
                )
                caption_fields = {"caption": caption or None, "caption_entities": entities or None}
            stored = await self._upload(bot, method, getattr(method, attribute), kind)
            media = self._media(kind, stored, method)
            return self._deliver(bot, method, record, chat_id, **{kind: media}, **caption_fields)

        return handler

    async def _send_media_group(
        self, bot: Bot, method: SendMediaGroup, record: CallRecord
    ) -> list[Message]:
        chat_id = self._chat_id(bot, method, method.chat_id)
        prepared: list[dict[str, Any]] = []
        for item in method.media:
            caption, entities = self._format(
                bot, method, item.caption, item.parse_mode, item.caption_entities, caption=True
            )
            stored = await self._upload(bot, method, item.media, item.type)
            prepared.append(
                {
                    item.type: self._media(item.type, stored, item),
                    "caption": caption or None,
                    "caption_entities": entities or None,
                }
            )
        reply_to = self._reply_to(bot, method, chat_id)
        commit = self._admit(bot, method, chat_id)
        group_id = str(13_000_000_000_000_000 + next(self._media_groups))
        messages = [
            self._create(
                bot, method, chat_id, None, reply_to, {**content, "media_group_id": group_id}
            )
            for content in prepared
        ]
        commit()
        record.kind = "send"
        record.messages.extend(messages)
        return messages

    async def _send_location(self, bot: Bot, method: SendLocation, record: CallRecord) -> Message:
        chat_id = self._chat_id(bot, method, method.chat_id)
        location = Location(latitude=method.latitude, longitude=method.longitude)
        return self._deliver(bot, method, record, chat_id, location=location)

    async def _send_contact(self, bot: Bot, method: SendContact, record: CallRecord) -> Message:
        chat_id = self._chat_id(bot, method, method.chat_id)
        contact = Contact(
            phone_number=method.phone_number,
            first_name=method.first_name,
            last_name=method.last_name,
            vcard=method.vcard,
        )
        return self._deliver(bot, method, record, chat_id, contact=contact)

    async def _send_dice(self, bot: Bot, method: SendDice, record: CallRecord) -> Message:
        chat_id = self._chat_id(bot, method, method.chat_id)
        emoji = method.emoji or "🎲"
        # Deterministic "random" value so tests are reproducible.
        faces = 64 if emoji == "🎰" else 5 if emoji in ("🏀", "⚽") else 6
        value = self._last_message_id.get(chat_id, 0) % faces + 1
        return self._deliver(bot, method, record, chat_id, dice=Dice(emoji=emoji, value=value))

    async def _send_generic(self, bot: Bot, method: AnyMethod, record: CallRecord) -> Message:
        chat_id = self._chat_id(bot, method, getattr(method, "chat_id", None))
        return self._deliver(bot, method, record, chat_id)

    def _source(self, bot: Bot, method: CopyMessage | ForwardMessage, verb: str) -> Message:
        from_chat = self._chat_id(bot, method, method.from_chat_id)
        source = self.get_message(from_chat, method.message_id)
        if source is None:
            self._fail(bot, method, 400, f"Bad Request: message to {verb} not found")
        return source

    async def _copy_message(self, bot: Bot, method: CopyMessage, record: CallRecord) -> MessageId:
        chat_id = self._chat_id(bot, method, method.chat_id)
        source = self._source(bot, method, "copy")
        content = {name: getattr(source, name) for name in _CONTENT_FIELDS}
        if method.caption is not None:
            caption, entities = self._format(
                bot,
                method,
                method.caption,
                method.parse_mode,
                method.caption_entities,
                caption=True,
            )
            content.update(caption=caption or None, caption_entities=entities or None)
        message = self._deliver(bot, method, record, chat_id, **content)
        return MessageId(message_id=message.message_id)

    async def _forward_message(
        self, bot: Bot, method: ForwardMessage, record: CallRecord
    ) -> Message:
        chat_id = self._chat_id(bot, method, method.chat_id)
        source = self._source(bot, method, "forward")
        content = {name: getattr(source, name) for name in _CONTENT_FIELDS}
        if source.from_user is not None:
            content["forward_origin"] = MessageOriginUser(
                date=source.date, sender_user=source.from_user
            )
        return self._deliver(bot, method, record, chat_id, **content)

    async def _edit_message_text(
        self, bot: Bot, method: EditMessageText, record: CallRecord
    ) -> Message | bool:
        if method.inline_message_id:
            return True  # inline-mode messages are not modelled
        text, entities = self._format(
            bot, method, method.text, method.parse_mode, method.entities, caption=False
        )
        self._check_markup(bot, method, method.reply_markup)
        chat_id, stored = self._target(bot, method)
        if stored.text is None:
            self._fail(bot, method, 400, "Bad Request: there is no text in the message to edit")
        # Omitting reply_markup in an edit removes the keyboard, exactly like Telegram.
        if (
            text == stored.text
            and _same(entities, stored.entities)
            and _same(method.reply_markup, stored.reply_markup)
        ):
            self._fail(bot, method, 400, NOT_MODIFIED)
        return self._save_edit(
            record,
            chat_id,
            stored,
            text=text,
            entities=entities or None,
            reply_markup=method.reply_markup,
        )

    async def _edit_message_caption(
        self, bot: Bot, method: EditMessageCaption, record: CallRecord
    ) -> Message | bool:
        if method.inline_message_id:
            return True
        caption, entities = self._format(
            bot, method, method.caption, method.parse_mode, method.caption_entities, caption=True
        )
        self._check_markup(bot, method, method.reply_markup)
        chat_id, stored = self._target(bot, method)
        if all(getattr(stored, name) is None for name in _CAPTIONED_MEDIA):
            self._fail(bot, method, 400, "Bad Request: there is no caption in the message to edit")
        if (
            (caption or None) == stored.caption
            and _same(entities, stored.caption_entities)
            and _same(method.reply_markup, stored.reply_markup)
        ):
            self._fail(bot, method, 400, NOT_MODIFIED)
        return self._save_edit(
            record,
            chat_id,
            stored,
            caption=caption or None,
            caption_entities=entities or None,
            reply_markup=method.reply_markup,
        )

    async def _edit_message_reply_markup(
        self, bot: Bot, method: EditMessageReplyMarkup, record: CallRecord
    ) -> Message | bool:
        if method.inline_message_id:
            return True
        self._check_markup(bot, method, method.reply_markup)
        chat_id, stored = self._target(bot, method)
        if _same(method.reply_markup, stored.reply_markup):
            self._fail(bot, method, 400, NOT_MODIFIED)
        return self._save_edit(record, chat_id, stored, reply_markup=method.reply_markup)

    async def _delete_message(self, bot: Bot, method: DeleteMessage, record: CallRecord) -> bool:
        chat_id = self._chat_id(bot, method, method.chat_id)
        if self._messages.get(chat_id, {}).pop(method.message_id, None) is None:
            self._fail(bot, method, 400, "Bad Request: message to delete not found")
        return True

    async def _delete_messages(self, bot: Bot, method: DeleteMessages, record: CallRecord) -> bool:
        chat_id = self._chat_id(bot, method, method.chat_id)
        chat = self._messages.get(chat_id, {})
        for message_id in method.message_ids:
            chat.pop(message_id, None)  # missing ids are skipped silently, as documented
        return True

    async def _answer_callback_query(
        self, bot: Bot, method: AnswerCallbackQuery, record: CallRecord
    ) -> bool:
        if method.text is not None and len(method.text) > MAX_CALLBACK_ANSWER_LENGTH:
            self._fail(bot, method, 400, "Bad Request: MESSAGE_TOO_LONG")
        query_id = method.callback_query_id
        # Ids issued by new_callback_query_id can be answered once; unknown ids are accepted
        # so hand-built CallbackQuery updates in tests keep working.
        if query_id in self.callback_answers:
            self._fail(bot, method, 400, QUERY_TOO_OLD)
        self.callback_answers[query_id] = method
        return True

    @staticmethod
    def _commands_key(scope: Any, language_code: str | None) -> tuple[str, str]:
        # A missing scope means the default scope; json with sorted keys is a stable key.
        scope_json = _jsonable(scope) if scope is not None else {"type": "default"}
        return json.dumps(scope_json, sort_keys=True), language_code or ""

    async def _set_my_commands(self, bot: Bot, method: SetMyCommands, record: CallRecord) -> bool:
        for command in method.commands:
            if not _COMMAND_RE.fullmatch(command.command):
                self._fail(bot, method, 400, "Bad Request: BOT_COMMAND_INVALID")
        key = self._commands_key(method.scope, method.language_code)
        self.commands[key] = [BotCommand(**c.model_dump()) for c in method.commands]
        return True

    async def _get_my_commands(
        self, bot: Bot, method: GetMyCommands, record: CallRecord
    ) -> list[BotCommand]:
        return self.commands.get(self._commands_key(method.scope, method.language_code), [])

    async def _delete_my_commands(
        self, bot: Bot, method: DeleteMyCommands, record: CallRecord
    ) -> bool:
        self.commands.pop(self._commands_key(method.scope, method.language_code), None)
        return True

    async def _set_chat_menu_button(
        self, bot: Bot, method: SetChatMenuButton, record: CallRecord
    ) -> bool:
        self.menu_buttons[method.chat_id] = method.menu_button or MenuButtonDefault()
        return True

    async def _get_chat_menu_button(
        self, bot: Bot, method: GetChatMenuButton, record: CallRecord
    ) -> Any:
        # A chat without its own button shows the bot-wide one (set with chat_id=None).
        button = self.menu_buttons.get(method.chat_id) or self.menu_buttons.get(None)
        return button or MenuButtonDefault()

    async def _set_my_name(self, bot: Bot, method: SetMyName, record: CallRecord) -> bool:
        self._set_text(self._names, method.language_code, method.name)
        return True

    async def _get_my_name(self, bot: Bot, method: GetMyName, record: CallRecord) -> BotName:
        key = method.language_code or ""
        return BotName(name=self._names.get(key, self._names.get("", self._default_name())))

    async def _set_my_description(
        self, bot: Bot, method: SetMyDescription, record: CallRecord
    ) -> bool:
        self._set_text(self._descriptions, method.language_code, method.description)
        return True

    async def _get_my_description(
        self, bot: Bot, method: GetMyDescription, record: CallRecord
    ) -> BotDescription:
        text = self._descriptions.get(method.language_code or "", "")
        return BotDescription(description=text)

    async def _set_my_short_description(
        self, bot: Bot, method: SetMyShortDescription, record: CallRecord
    ) -> bool:
        self._set_text(self._short_descriptions, method.language_code, method.short_description)
        return True

    async def _get_my_short_description(
        self, bot: Bot, method: GetMyShortDescription, record: CallRecord
    ) -> BotShortDescription:
        text = self._short_descriptions.get(method.language_code or "", "")
        return BotShortDescription(short_description=text)

    @staticmethod
    def _set_text(store: dict[str, str], language_code: str | None, value: str | None) -> None:
        if value:
            store[language_code or ""] = value
        else:
            store.pop(language_code or "", None)  # an empty value resets to the default

    async def _set_webhook(self, bot: Bot, method: SetWebhook, record: CallRecord) -> bool:
        self.webhook_url = method.url or None
        return True

    async def _delete_webhook(self, bot: Bot, method: DeleteWebhook, record: CallRecord) -> bool:
        self.webhook_url = None
        if method.drop_pending_updates:
            self._updates = None
        return True

    async def _get_webhook_info(
        self, bot: Bot, method: GetWebhookInfo, record: CallRecord
    ) -> WebhookInfo:
        pending = self._updates.qsize() if self._updates is not None else 0
        return WebhookInfo(
            url=self.webhook_url or "", has_custom_certificate=False, pending_update_count=pending
        )

    async def _get_updates(self, bot: Bot, method: GetUpdates, record: CallRecord) -> list[Update]:
        if self.webhook_url:
            self._fail(
                bot,
                method,
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        queue = self._update_queue()
        updates: list[Update] = []
        # Long polling: wait up to `timeout` seconds for the first update instead of
        # returning at once, otherwise a polling loop would spin at 100% CPU.
        if queue.empty() and method.timeout:
            with contextlib.suppress(TimeoutError):
                updates.append(await asyncio.wait_for(queue.get(), method.timeout))
        limit = method.limit or 100
        while not queue.empty() and len(updates) < limit:
            updates.append(queue.get_nowait())
        offset = method.offset or 0
        return [update for update in updates if update.update_id >= offset]

    async def _get_file(self, bot: Bot, method: GetFile, record: CallRecord) -> File:
        stored = self.files.get(method.file_id)
        if stored is None:
            self._fail(
                bot,
                method,
                400,
                "Bad Request: wrong file_id or the file is temporarily unavailable",
            )
        if (stored.size or 0) > MAX_DOWNLOAD_BYTES:
            self._fail(bot, method, 400, "Bad Request: file is too big")
        return File(
            file_id=stored.file_id,
            file_unique_id=stored.file_unique_id,
            file_size=stored.size,
            file_path=stored.file_path,
        )

    async def _get_chat(self, bot: Bot, method: GetChat, record: CallRecord) -> ChatFullInfo:
        chat = self.chat(self._chat_id(bot, method, method.chat_id))
        no_gifts = AcceptedGiftTypes(
            unlimited_gifts=False,
            limited_gifts=False,
            unique_gifts=False,
            premium_subscription=False,
            gifts_from_channels=False,
        )
        return ChatFullInfo(
            **chat.model_dump(exclude_none=True),
            accent_color_id=0,
            max_reaction_count=11,
            accepted_gift_types=no_gifts,
        )

    async def _get_chat_member(
        self, bot: Bot, method: GetChatMember, record: CallRecord
    ) -> ChatMemberMember:
        self._chat_id(bot, method, method.chat_id)
        user = self.me if method.user_id == self.bot_id else self.users.get(method.user_id)
        if user is None:
            user = User(id=method.user_id, is_bot=False, first_name=f"User {method.user_id}")
        return ChatMemberMember(user=user)

    async def _get_chat_member_count(
        self, bot: Bot, method: GetChatMemberCount, record: CallRecord
    ) -> int:
        self._chat_id(bot, method, method.chat_id)
        return 2  # the bot and the user; script bigger groups with set_response
