"""Which commands a person has, by role. Names of commands only; descriptions are in locales/."""

from __future__ import annotations

from bot.services.access import Actor
from models.enums import Role

STRANGER = ("start", "help", "language", "cancel")
# A registration waiting for approval: only what concerns the person themselves (the profile,
# their data and deleting the account are under /profile and /mydata).
PENDING = ("start", "menu", "help", "profile", "mydata", "language", "cancel")
# An admin (ADMIN_IDS) with no profile of their own: the coordinator's work, nothing personal.
ADMIN_WITHOUT_PROFILE = ("start", "menu", "help", "language", "cancel")
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
    """The one list of what a person may use: the commands menu, /help, the main menu and the
    pending person's gate (bot.middlewares.commands) all read it."""
    if actor.pending and not actor.is_admin:
        return PENDING
    if not actor.participant_id:
        if not actor.is_admin:
            return STRANGER
        return (*ADMIN_WITHOUT_PROFILE, *COORDINATOR)
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
    if not actor.participant_id and not actor.is_admin and not actor.pending:
        return ()
    names = [name for name in commands_for(actor) if name not in NOT_BUTTONS]
    # Profile and language are settings: keep them last, after the work.
    tail = [name for name in ("profile", "language") if name in names]
    return (*[name for name in names if name not in tail], *tail)


def held_until_approved(actor: Actor, command: str) -> bool:
    """A command of the bot that a pending person may not use yet."""
    return actor.pending and command in all_commands() and command not in commands_for(actor)
