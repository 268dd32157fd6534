"""Which commands a person has, by role. Names of commands only; descriptions are in locales/."""

from __future__ import annotations

from dataclasses import dataclass

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


# A coordinator's menu on a phone: sections of the work, one screen each, then the settings.
# A section holding one command of the person is that command's button (no screen of one).
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("people", ("invite", "participants", "pending")),
    ("pairs", ("pairs",)),
    ("events", ("announce", "newevent", "events")),
    ("surveys", ("campaigns", "surveys")),
    ("roadmap", ("roadmap",)),
    # What the coordinator does as a mentor or a mentee.
    ("mine", ("flash", "requests", "offers", "meet", "mentorships")),
)
SETTINGS = ("profile", "language")


@dataclass(frozen=True)
class Entry:
    """A button of a menu screen: a command to run, or a section to open."""

    name: str
    section: bool = False


def _grouped(actor: Actor) -> bool:
    return actor.is_coordinator


def _section_commands(actor: Actor, section: str) -> tuple[str, ...]:
    own = set(main_menu_for(actor))
    for name, commands in SECTIONS:
        if name == section:
            return tuple(c for c in commands if c in own)
    return ()


def menu_screen(actor: Actor, section: str | None = None) -> tuple[Entry, ...]:
    """The buttons of the main menu (section None) or of one of its sections; empty: nothing
    to show (a stranger, a section the person does not have or no longer has)."""
    names = main_menu_for(actor)
    if not _grouped(actor):  # a mentor's or a mentee's menu is short: flat
        return tuple(Entry(n) for n in names) if section is None else ()
    if section is not None:
        inside = _section_commands(actor, section)
        return tuple(Entry(n) for n in inside) if len(inside) > 1 else ()
    entries: list[Entry] = []
    placed: set[str] = set()
    for name, _ in SECTIONS:
        inside = _section_commands(actor, name)
        placed.update(inside)
        if len(inside) == 1:
            entries.append(Entry(inside[0]))
        elif inside:
            entries.append(Entry(name, section=True))
    # Whatever no section holds (the settings, a command added later) stays on the first screen.
    entries += [Entry(n) for n in names if n not in placed]
    return tuple(entries)


def held_until_approved(actor: Actor, command: str) -> bool:
    """A command of the bot that a pending person may not use yet."""
    return actor.pending and command in all_commands() and command not in commands_for(actor)
