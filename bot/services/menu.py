"""Which commands a person has, by role. Names of commands only; descriptions are in locales/."""

from __future__ import annotations

from bot.services.access import Actor

BASE = ("start", "help", "profile", "mydata", "language", "cancel")
COORDINATOR = ("invite", "participants", "pending")


STRANGER = ("start", "help", "language", "cancel")


def commands_for_stranger() -> tuple[str, ...]:
    return STRANGER


def commands_for(actor: Actor) -> tuple[str, ...]:
    if not actor.participant_id and not actor.is_admin:
        return STRANGER
    return BASE + (COORDINATOR if actor.is_coordinator else ())
