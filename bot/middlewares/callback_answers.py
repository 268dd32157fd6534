"""Which callback queries this update has answered already.

Telegram accepts one answer per callback query and rejects the second («query is too old»).
A handler may answer a press and then fail on a rule (a main-menu button runs a whole
command); the error's answer must then go elsewhere, not be a second answer. Every answer
passes through the bot's session, so a request middleware sees them all.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.methods import AnswerCallbackQuery, TelegramMethod
from aiogram.methods.base import Response, TelegramType

_answered: ContextVar[set[str] | None] = ContextVar("answered_callback_queries", default=None)


def begin_update() -> None:
    """A fresh record for the update being handled (each update runs in its own context)."""
    _answered.set(set())


def was_answered(query_id: str) -> bool:
    answered = _answered.get()
    return answered is not None and query_id in answered


class RecordCallbackAnswers(BaseRequestMiddleware):
    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        response: Response[Any] = await make_request(bot, method)
        answered = _answered.get()
        if isinstance(method, AnswerCallbackQuery) and answered is not None:
            answered.add(method.callback_query_id)
        return response
