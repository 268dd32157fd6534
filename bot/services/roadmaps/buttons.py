"""Callback data of the roadmap buttons on messages the scheduler sends (reminders, digests,
escalations): the services know no Telegram types, so they pack the strings here.
handlers/roadmaps/ui.py declares the aiogram CallbackData classes with the same prefixes and
fields (a test checks that both pack alike); the /roadmap screens themselves are dialogs.
Ids only: every press is re-checked against the database.
"""

from __future__ import annotations

ROADMAP = "rm"  # rm:<action>:<id>:<page>
POSTPONE = "rmp"  # rmp:<decision>:<postponement id>       y approve · n decline

# ROADMAP actions.
HOME = "home"  # the overview
BELOW = "below"  # the levels below
MINE = "mine"  # every open deadline of the actor's own level
CARD = "card"  # an occurrence: id
PROGRESS = "prog"  # in progress: id
DONE = "done"  # done, evidence follows: id
NOT_APPLICABLE = "na"  # does not apply, reason follows: id
POSTPONE_ASK = "post"  # ask to move the due date: id


def roadmap(action: str, item_id: int = 0, page: int = 0) -> str:
    return f"{ROADMAP}:{action}:{item_id}:{page}"
