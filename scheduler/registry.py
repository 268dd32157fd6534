"""Handlers of due work, by kind. A feature registers its kinds here; jobs take ids only."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Translator
from bot.settings import Settings


@dataclass(frozen=True)
class JobContext:
    session: AsyncSession
    clock: Clock
    settings: Settings
    translator: Translator


DueHandler = Callable[[JobContext, dict[str, Any]], Awaitable[None]]

_HANDLERS: dict[str, DueHandler] = {}


def due_handler(kind: str) -> Callable[[DueHandler], DueHandler]:
    def register(func: DueHandler) -> DueHandler:
        if kind in _HANDLERS and _HANDLERS[kind] is not func:
            raise ValueError(f"two handlers for due work {kind!r}")
        _HANDLERS[kind] = func
        return func

    return register


def handler_for(kind: str) -> DueHandler | None:
    return _HANDLERS.get(kind)
