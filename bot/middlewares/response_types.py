"""Keep aiogram's parsed-answer models alive between requests.

aiogram parses every answer with ``Response[method.__returning__]``, a pydantic generic model
built on first use and cached by pydantic only weakly: once the garbage collector runs, the
next request of that kind builds the model again (its schema and validator, a few
milliseconds each time, more than the rest of a fake request). Holding each one here makes it
a dictionary look-up. Bounded: one entry per kind of answer (Message, bool, a list of...).
"""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.methods import TelegramMethod
from aiogram.methods.base import Response, TelegramType

_kept: dict[Any, type[Response[Any]]] = {}


class KeepResponseTypes(BaseRequestMiddleware):
    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        returning = method.__returning__
        if returning not in _kept:
            _kept[returning] = Response[returning]  # type: ignore[valid-type]
        return await make_request(bot, method)
