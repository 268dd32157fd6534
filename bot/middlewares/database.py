"""One transaction per update; domain errors roll it back and become a polite answer."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import TelegramObject, Update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.db import transaction
from bot.i18n import Texts
from bot.middlewares import callback_answers
from bot.services.errors import DomainError
from models import ProcessedUpdate

log = logging.getLogger(__name__)


class DatabaseMiddleware(BaseMiddleware):
    def __init__(
        self,
        factory: async_sessionmaker[AsyncSession],
        on_outbox: Callable[[], None] | None = None,
        dedup_updates: bool = False,
    ) -> None:
        self._factory = factory
        self._on_outbox = on_outbox
        self._dedup = dedup_updates

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        try:
            async with transaction(self._factory) as session:
                data["session"] = session
                if (
                    self._dedup
                    and isinstance(event, Update)
                    and not await _first_time(session, event)
                ):
                    return None
                result = await handler(event, data)
            if session.info.pop("outbox_dirty", False) and self._on_outbox is not None:
                self._on_outbox()  # committed: the sender may deliver now
            return result
        except DomainError as error:
            # The transaction (and any FSM step taken in it) is rolled back: nothing changed.
            texts: Texts | None = data.get("texts")
            if texts is None or not isinstance(event, Update):
                raise
            await answer_error(data["bot"], event, texts(error.key, **error.params))
            return None


async def answer_error(bot: Bot, update: Update, text: str) -> None:
    """Tell the person what went wrong where they will see it."""
    if (query := update.callback_query) is not None:
        if not callback_answers.was_answered(query.id):  # Telegram takes one answer only
            try:
                await query.answer(text, show_alert=True)
                return
            except TelegramBadRequest:  # the query is too old to answer
                pass
        # In the presser's private chat: the button may be on a message in a group.
        await bot.send_message(query.from_user.id, text)
        return
    if update.message is not None:
        await bot.send_message(update.message.chat.id, text)


async def _first_time(session: AsyncSession, update: Update) -> bool:
    """Record the update id in this transaction; False if it was handled (and committed)
    before. A webhook redelivery after a crash is then handled exactly once."""
    if await session.get(ProcessedUpdate, update.update_id) is not None:
        return False
    session.add(ProcessedUpdate(update_id=update.update_id, at=datetime.now(UTC)))
    await session.flush()
    return True
