"""Who the bot may write to on its own (a notice, a reminder, an offer): one rule for every
feature. Someone deleted, not active, without a chat or who blocked the bot is skipped: a
message to them would only fail at Telegram (and count against the bot's limits)."""

from __future__ import annotations

from models import Participant
from models.enums import ParticipantStatus


def writable(person: Participant | None) -> bool:
    """Has a chat with the bot and has not blocked it: enough to hear a decision about them
    (a rejected registration is not active and must still be told)."""
    return person is not None and person.tg_id is not None and not person.bot_blocked


def reachable(person: Participant | None) -> bool:
    """Writable and active: everything else the bot says on its own."""
    return writable(person) and person is not None and person.status == ParticipantStatus.active
