"""Which commands a person has, by role. Names of commands only; descriptions are in locales/."""

from __future__ import annotations

from bot.services.access import Actor
from models.enums import Role

STRANGER = ("start", "help", "language", "cancel")
EVERYONE = ("start", "help", "profile", "events", "surveys", "mydata", "language", "cancel")
MENTEE = ("flash", "requests", "mentorships")
MENTOR = ("offers", "meet", "mentorships")
COORDINATOR = (
    "invite",
    "participants",
    "pending",
    "pairs",
    "announce",
    "newevent",
    "campaigns",
    "roadmap",
)


def commands_for_stranger() -> tuple[str, ...]:
    return STRANGER


def commands_for(actor: Actor) -> tuple[str, ...]:
    if not actor.participant_id and not actor.is_admin:
        return STRANGER
    names = list(EVERYONE)
    if Role.mentee in actor.roles or Role.mentor in actor.roles:
        # Anyone registered may ask for flash help; mentors too have questions.
        names[2:2] = [n for n in MENTEE if n not in names]
    if Role.mentor in actor.roles:
        names[2:2] = [n for n in MENTOR if n not in names]
    if actor.is_coordinator:
        names += [n for n in COORDINATOR if n not in names]
    return tuple(names)
