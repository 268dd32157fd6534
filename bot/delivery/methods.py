"""Bot API methods by name, as the outbox stores them ('sendMessage' and its params)."""

from __future__ import annotations

from typing import Any

import aiogram.methods
from aiogram.methods import TelegramMethod
from aiogram.methods.base import Response

# pydantic keeps parametrised generics in a weak cache; aiogram builds Response[T] for every
# answer, so without a strong reference each one rebuilds the model (about half the cost of a
# send). Keeping the types used here alive makes that a dictionary lookup.
_RESPONSE_TYPES: dict[type, Any] = {}


def method_class(name: str) -> type[TelegramMethod[Any]]:
    """'sendMessage' → aiogram.methods.SendMessage."""
    cls = getattr(aiogram.methods, name[:1].upper() + name[1:], None)
    if not (isinstance(cls, type) and issubclass(cls, TelegramMethod)):
        raise ValueError(f"unknown Bot API method {name!r}")
    if cls not in _RESPONSE_TYPES:
        _RESPONSE_TYPES[cls] = Response[cls.__returning__]  # type: ignore[name-defined]
    return cls
