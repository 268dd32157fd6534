"""Who the bot may write to on its own (a notice, a reminder, an offer): one rule for every
feature. Someone deleted, not active, without a chat or who blocked the bot is skipped: a
message to them would only fail at Telegram (and count against the bot's limits)."""

from __future__ import annotations

from models import Participant
from models.enums import ParticipantStatus


def reachable(person: Participant | None) -> bool:
    return (
        person is not None
        and person.tg_id is not None
        and person.status == ParticipantStatus.active
        and not person.bot_blocked
    )
