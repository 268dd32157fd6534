"""One transaction per update; domain errors roll it back and become a polite answer."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from functools import partial
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import TelegramObject, Update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.db import before_commit, transaction
from bot.i18n import Texts
from bot.middlewares import callback_answers
from bot.services.errors import DomainError
from models import ProcessedUpdate
from models.base import rows_affected

log = logging.getLogger(__name__)


class _Redelivered(Exception):
    """Another delivery of this update committed first: this one changes nothing."""


class DatabaseMiddleware(BaseMiddleware):
    """`dedup_updates` (webhook mode): an update id is handled once, also when Telegram
    delivers it again while the first delivery is still being handled. `record_at_commit`
    (SQLite): the processed-update row is written at commit, not when the update starts, so
    that an update holds SQLite's single write turn only while it writes, never across its
    slow steps; PostgreSQL inserts it first, and its unique key makes a redelivery handled
    by another process wait for the first and then skip."""

    def __init__(
        self,
        factory: async_sessionmaker[AsyncSession],
        on_outbox: Callable[[], None] | None = None,
        dedup_updates: bool = False,
        record_at_commit: bool = False,
    ) -> None:
        self._factory = factory
        self._on_outbox = on_outbox
        self._dedup = dedup_updates
        self._record_at_commit = record_at_commit
        # Updates being handled in this process (a redelivery of one is answered at once).
        self._in_flight: set[int] = set()

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        update_id = event.update_id if self._dedup and isinstance(event, Update) else None
        if update_id is not None:
            if update_id in self._in_flight:
                log.info("update %s is being handled already: redelivery skipped", update_id)
                return None
            self._in_flight.add(update_id)
        try:
            async with transaction(self._factory) as session:
                data["session"] = session
                if update_id is not None and not await self._first_time(session, update_id):
                    return None
                result = await handler(event, data)
            if session.info.pop("outbox_dirty", False) and self._on_outbox is not None:
                self._on_outbox()  # committed: the sender may deliver now
            return result
        except _Redelivered:
            log.info("update %s was handled by another delivery: rolled back", update_id)
            return None
        except DomainError as error:
            # The transaction (and any FSM step taken in it) is rolled back: nothing changed.
            texts: Texts | None = data.get("texts")
            if texts is None or not isinstance(event, Update):
                raise
            await answer_error(data["bot"], event, texts(error.key, **error.params))
            return None
        finally:
            if update_id is not None:
                self._in_flight.discard(update_id)

    async def _first_time(self, session: AsyncSession, update_id: int) -> bool:
        """False if this update was handled (and committed) before; otherwise its id is
        recorded in this transaction, so a redelivery after a crash is handled once."""
        if await session.get(ProcessedUpdate, update_id) is not None:
            return False
        if self._record_at_commit:
            before_commit(session, "processed_update", partial(_record_update, update_id))
            return True
        session.add(ProcessedUpdate(update_id=update_id, at=datetime.now(UTC)))
        await session.flush()
        return True


async def _record_update(update_id: int, session: AsyncSession) -> None:
    # Another process on the same file may have committed it since our read: then this
    # delivery is the late one and rolls back (no unique-key error reaches the admins).
    inserted = await session.execute(
        sqlite_insert(ProcessedUpdate)
        .values(update_id=update_id, at=datetime.now(UTC))
        .on_conflict_do_nothing()
    )
    if rows_affected(inserted) == 0:
        raise _Redelivered(update_id)


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
