"""Callback data of roadmap buttons, also on messages the scheduler sends.

The services know no Telegram types, so they build the packed strings here; handlers/
roadmap_ui.py declares aiogram CallbackData classes with the same prefixes and fields (a test
checks that both pack alike). Ids only: every press is re-checked against the database.
"""

from __future__ import annotations

ROADMAP = "rm"  # rm:<action>:<id>:<page>
POSTPONE = "rmp"  # rmp:<decision>:<postponement id>       y approve · n decline
IMPORT = "rmi"  # rmi:<step>:<value>                        the import wizard

# ROADMAP actions.
HOME = "home"  # the overview
BELOW = "below"  # the levels below; page
NEEDS = "needs"  # deadlines without dates; page
DATE = "date"  # set the dates of a deadline: id
UNKNOWN = "unk"  # responsible text nobody recognised; page
MINE = "mine"  # every open deadline of the actor's own level; page
CARD = "card"  # an occurrence: id
PROGRESS = "prog"  # in progress: id
DONE = "done"  # done, evidence follows: id
NOT_APPLICABLE = "na"  # does not apply, reason follows: id
POSTPONE_ASK = "post"  # ask to move the due date: id


def roadmap(action: str, item_id: int = 0, page: int = 0) -> str:
    return f"{ROADMAP}:{action}:{item_id}:{page}"


def postpone(decision: str, postponement_id: int) -> str:
    return f"{POSTPONE}:{decision}:{postponement_id}"


def import_step(step: str, value: str = "") -> str:
    return f"{IMPORT}:{step}:{value}"
