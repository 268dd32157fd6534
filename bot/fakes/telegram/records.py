"""What the fake records: each request, each file it knows, each fault scripted to come; and
the small helpers its parts share."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from aiogram import Bot
from aiogram.methods import TelegramMethod
from aiogram.types import Message
from pydantic import BaseModel

M = TypeVar("M", bound=TelegramMethod[Any])
AnyMethod = TelegramMethod[Any]


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
    """A file the fake knows; ``content`` is None when it was "sent" by URL, or is too big
    for the bot to download (``declared_size`` then says how big it is)."""

    file_id: str
    file_unique_id: str
    file_path: str
    kind: str
    content: bytes | None
    file_name: str | None = None
    mime_type: str | None = None
    declared_size: int | None = None

    @property
    def size(self) -> int | None:
        return self.declared_size if self.content is None else len(self.content)


@dataclass
class Fault:
    method_type: type | None
    error: BaseException | str
    remaining: int
    chat_id: int | None
    retry_after: int

    def matches(self, method: AnyMethod) -> bool:
        if self.method_type is not None and not isinstance(method, self.method_type):
            return False
        return self.chat_id is None or maybe_int(getattr(method, "chat_id", None)) == self.chat_id


def maybe_int(value: Any) -> int | None:
    """A chat id as the API takes it (an int, or digits in a string); None for @usernames."""
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    return None


def jsonable(value: Any) -> Any:
    """Models as the JSON the server would send (Telegram's field names, no empty fields)."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_none=True, warnings=False)
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    return value


def same(left: Any, right: Any) -> bool:
    """Equal as the server compares them (an empty value is no value)."""
    return jsonable(left or None) == jsonable(right or None)


Handler = Callable[[Bot, Any, CallRecord], Awaitable[Any]]
