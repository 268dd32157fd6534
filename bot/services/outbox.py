"""The one outgoing path for what the bot sends on its own initiative.

Callers queue a message in the same transaction as the change that caused it; the sender
(bot/delivery/) delivers it later within Telegram's limits. If the transaction rolls back,
nothing is sent; if the process dies after commit, the message is still delivered.

Texts are Telegram HTML (the bot's default parse mode). A text too long for one message is
split here, and anything Telegram would refuse (too long as it is, broken markup) is refused
here, before it is queued: nothing is ever failed at the API for its shape.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services.broadcast import telegram_html
from bot.services.presses import Press
from models import OutboxMessage
from models.base import rows_affected
from models.enums import OutboxStatus

log = logging.getLogger(__name__)

TELEGRAM_TEXT_LIMIT = telegram_html.MESSAGE_LIMIT
TELEGRAM_CAPTION_LIMIT = telegram_html.CAPTION_LIMIT
# Methods whose `caption` Telegram limits to 1024 parsed characters.
CAPTIONED = frozenset(
    {"sendPhoto", "sendDocument", "sendVideo", "sendAudio", "sendAnimation", "sendVoice"}
)


class Priority:
    """Lower goes first: a reply or a flash offer never waits behind a bulk announcement."""

    REPLY = 0
    OFFER = 1
    REMINDER = 5
    BULK = 9


class MessageRejected(ValueError):
    """A message Telegram would refuse as it is (too long, empty, broken markup)."""


@dataclass(frozen=True)
class Button:
    """An inline button as plain data: the services layer knows no Telegram types.

    A button does what its `press` says (bot/services/presses.py): the row stores the press
    and the sender packs it into callback data when it sends (bot/callbacks/)."""

    text: str
    callback_data: str | None = None
    url: str | None = None
    press: Press | None = None


def button_params(button: Button) -> dict[str, Any]:
    params: dict[str, Any] = {"text": button.text}
    if button.press is not None:
        params["press"] = button.press.to_json()
    if button.callback_data is not None:
        params["callback_data"] = button.callback_data
    if button.url is not None:
        params["url"] = button.url
    return params


Keyboard = Sequence[Sequence[Button]]


def keyboard_params(keyboard: Keyboard | None) -> dict[str, Any] | None:
    if not keyboard:
        return None
    return {"inline_keyboard": [[button_params(button) for button in row] for row in keyboard]}


def split_text(text: str, limit: int = TELEGRAM_TEXT_LIMIT) -> list[str]:
    """Split a long (HTML) text at paragraph, then line, then word boundaries; never inside
    a tag or an entity, and every part is valid markup on its own."""
    return telegram_html.split(text, limit)


def _is_html(params: dict[str, Any]) -> bool:
    # The bot's default parse mode is HTML; explicit entities switch parsing off.
    if params.get("entities") or params.get("caption_entities"):
        return False
    mode = params.get("parse_mode", "HTML")
    return isinstance(mode, str) and mode.lower() == "html"


def _parsed_length(value: str, html: bool) -> int:
    if not html:
        return len(value.strip())
    if len(value) <= TELEGRAM_CAPTION_LIMIT and "<" not in value and "&" not in value:
        return len(value.strip())  # the common short plain text: nothing to parse
    try:
        return len(telegram_html.plain_text(value))
    except telegram_html.HtmlError as error:
        raise MessageRejected(f"broken markup: {error}") from error


def check_params(method: str, params: dict[str, Any], *, queued: bool = False) -> None:
    """Refuse what Telegram would refuse for its shape, before it is queued or sent.

    `queued=True` (the sender, just before a call): the row passed this check when it was
    queued, so only a text longer than the limit as written needs parsing again.
    """
    if queued:
        text = params.get("text") or params.get("caption") or ""
        if len(str(text)) <= TELEGRAM_CAPTION_LIMIT:
            return
    html = _is_html(params)
    if method in ("sendMessage", "editMessageText"):
        length = _parsed_length(str(params.get("text") or ""), html)
        if length == 0:
            raise MessageRejected("empty text")
        if length > TELEGRAM_TEXT_LIMIT:
            raise MessageRejected(f"text of {length} characters (limit {TELEGRAM_TEXT_LIMIT})")
    elif method in CAPTIONED or method == "editMessageCaption":
        caption = params.get("caption")
        if caption:
            length = _parsed_length(str(caption), html)
            if length > TELEGRAM_CAPTION_LIMIT:
                raise MessageRejected(
                    f"caption of {length} characters (limit {TELEGRAM_CAPTION_LIMIT})"
                )


async def enqueue_text(
    session: AsyncSession,
    clock: Clock,
    *,
    chat_id: int,
    text: str,
    keyboard: Keyboard | None = None,
    participant_id: int | None = None,
    priority: int = Priority.REMINDER,
    dedup_key: str | None = None,
    batch: str | None = None,
) -> int:
    """Queue a text message (split when too long; buttons go with the last part).

    Returns how many rows were queued; 0 when `dedup_key` was queued before.
    """
    if not telegram_html.is_valid(text):
        # Telegram would refuse it ("can't parse entities"); show the text as it is instead
        # of losing the message. The caller should have escaped what people typed.
        log.warning("outbox: text for chat %s is not valid HTML; sending it escaped", chat_id)
        text = telegram_html.escape(text)
    parts = split_text(text)
    if not parts:
        raise MessageRejected("empty text")
    queued = 0
    for index, part in enumerate(parts):
        params: dict[str, Any] = {"chat_id": chat_id, "text": part}
        if index == len(parts) - 1 and (markup := keyboard_params(keyboard)):
            params["reply_markup"] = markup
        key = dedup_key if index == 0 or dedup_key is None else f"{dedup_key}#{index}"
        queued += await enqueue(
            session,
            clock,
            method="sendMessage",
            params=params,
            chat_id=chat_id,
            participant_id=participant_id,
            priority=priority,
            dedup_key=key,
            batch=batch,
        )
    return queued


def _row(
    clock: Clock,
    *,
    method: str,
    params: dict[str, Any],
    chat_id: int,
    participant_id: int | None = None,
    priority: int = Priority.REMINDER,
    dedup_key: str | None = None,
    batch: str | None = None,
    status: OutboxStatus = OutboxStatus.pending,
) -> dict[str, Any]:
    check_params(method, params)
    now = clock.now()
    return {
        "chat_id": chat_id,
        "participant_id": participant_id,
        "method": method,
        "params": params,
        "priority": priority,
        "status": status,
        "attempts": 0,
        "next_at": now,
        "dedup_key": dedup_key,
        "batch": batch,
        "created_at": now,
    }


def _insert(session: AsyncSession) -> Any:
    dialect = session.bind.dialect.name if session.bind else "sqlite"
    return pg_insert if dialect == "postgresql" else sqlite_insert


async def enqueue(
    session: AsyncSession,
    clock: Clock,
    *,
    method: str,
    params: dict[str, Any],
    chat_id: int,
    participant_id: int | None = None,
    priority: int = Priority.REMINDER,
    dedup_key: str | None = None,
    batch: str | None = None,
) -> int:
    """Queue one Bot API call. Raises MessageRejected for what Telegram would refuse."""
    values = _row(
        clock,
        method=method,
        params=params,
        chat_id=chat_id,
        participant_id=participant_id,
        priority=priority,
        dedup_key=dedup_key,
        batch=batch,
    )
    # Tells the update's transaction to wake the sender once this row is committed.
    session.info["outbox_dirty"] = True
    if dedup_key is None:
        session.add(OutboxMessage(**values))
        await session.flush()
        return 1
    statement = (
        _insert(session)(OutboxMessage)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["dedup_key"])
    )
    result = await session.execute(statement)
    return int(rows_affected(result) or 0)


@dataclass(frozen=True)
class Outgoing:
    """One row for enqueue_many: what enqueue takes, as data."""

    method: str
    params: dict[str, Any]
    chat_id: int
    dedup_key: str
    participant_id: int | None = None
    priority: int = Priority.BULK
    batch: str | None = None
    # "blocked": known to have blocked the bot; kept for the report, never sent.
    status: OutboxStatus = OutboxStatus.pending


async def enqueue_many(session: AsyncSession, clock: Clock, rows: Iterable[Outgoing]) -> None:
    """Queue many rows in one statement; rows whose dedup_key exists are skipped, so running
    the same expansion twice (a retried job) queues nothing twice."""
    values = [
        _row(
            clock,
            method=row.method,
            params=row.params,
            chat_id=row.chat_id,
            participant_id=row.participant_id,
            priority=row.priority,
            dedup_key=row.dedup_key,
            batch=row.batch,
            status=row.status,
        )
        for row in rows
    ]
    if not values:
        return
    session.info["outbox_dirty"] = True
    statement = _insert(session)(OutboxMessage).on_conflict_do_nothing(index_elements=["dedup_key"])
    await session.execute(statement, values)


async def batch_report(session: AsyncSession, batch: str) -> dict[str, int]:
    rows = await session.execute(
        select(OutboxMessage.status, func.count())
        .where(OutboxMessage.batch == batch)
        .group_by(OutboxMessage.status)
    )
    return {status: int(count) for status, count in rows.all()}
