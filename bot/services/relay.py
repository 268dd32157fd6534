"""Passing a person's words or file to another through the bot, so that neither sees the
other's account: a flash session's two sides, a pair's mentor and mentees. The features say
who may write to whom and what the header says; this is how it travels.

Each relayed message is its own outbox row (a random tail in its key: never deduplicated); the
key's prefix names the thread and the sender, so that an account deletion finds and empties
what still shows the person (flash.lifecycle, mentorship.pair_notices).
"""

from __future__ import annotations

import secrets

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services import outbox
from bot.services.errors import InvalidInput
from bot.services.outbox import Keyboard
from models import Participant


def key(prefix: str, *ids: int) -> str:
    return ":".join((prefix, *map(str, ids), secrets.token_hex(6)))


def body_of(text: str | None, empty: str) -> str:
    """The words to pass; `empty` is the feature's message for nothing to pass."""
    body = (text or "").strip()
    if not body:
        raise InvalidInput(empty)
    return body


async def pass_text(
    session: AsyncSession,
    clock: Clock,
    *,
    to: Participant,
    text: str,
    dedup_key: str,
    keyboard: Keyboard | None = None,
) -> None:
    """`text` is the whole message as the recipient reads it (the feature's header and words)."""
    await outbox.enqueue_text(
        session,
        clock,
        chat_id=to.tg_id or 0,
        participant_id=to.id,
        text=text,
        keyboard=keyboard,
        priority=outbox.Priority.REPLY,
        dedup_key=dedup_key,
    )


async def pass_copy(
    session: AsyncSession,
    clock: Clock,
    *,
    to: Participant,
    header: str,
    from_chat_id: int,
    message_id: int,
    dedup_key: str,
    keyboard: Keyboard | None = None,
) -> None:
    """A photo, a document, a voice message: copied (a copy shows no sender), after a line
    saying who it is from."""
    await pass_text(session, clock, to=to, text=header, dedup_key=dedup_key, keyboard=keyboard)
    await outbox.enqueue(
        session,
        clock,
        method="copyMessage",
        params={"chat_id": to.tg_id, "from_chat_id": from_chat_id, "message_id": message_id},
        chat_id=to.tg_id or 0,
        participant_id=to.id,
        priority=outbox.Priority.REPLY,
        dedup_key=f"{dedup_key}:copy",
    )
