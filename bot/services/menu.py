"""Which commands a person has, by role. Names of commands only; descriptions are in locales/."""

from __future__ import annotations

from bot.services.access import Actor
from models.enums import Role

STRANGER = ("start", "help", "language", "cancel")
# Once registered, /start only greets again: the menu of buttons (/menu) takes its place.
EVERYONE = ("menu", "help", "profile", "events", "surveys", "mydata", "language", "cancel")
# Commands that make no sense as a button of the main menu (it is the menu, or a one-off).
NOT_BUTTONS = frozenset({"start", "menu", "help", "cancel", "mydata"})
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


def all_commands() -> frozenset[str]:
    return frozenset((*STRANGER, *EVERYONE, *MENTEE, *MENTOR, *COORDINATOR))


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


def main_menu_for(actor: Actor) -> tuple[str, ...]:
    """The main menu's buttons: the person's commands, the everyday ones first; none before
    registering (a stranger's only way is /start)."""
    if not actor.participant_id and not actor.is_admin:
        return ()
    names = [name for name in commands_for(actor) if name not in NOT_BUTTONS]
    # Profile and language are settings: keep them last, after the work.
    tail = [name for name in ("profile", "language") if name in names]
    return (*[name for name in names if name not in tail], *tail)
