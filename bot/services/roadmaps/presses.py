"""What the roadmap buttons on messages to people do (reminders, digests, escalations, the
postponement requests and decisions): open a screen or a deadline's step, decide a
postponement. Ids only: every press re-reads the deadline and re-checks the presser's scope.
bot/callbacks/roadmaps.py declares their callback data."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.presses import Press

# Roadmap actions.
HOME = "home"  # the overview
BELOW = "below"  # the levels below
MINE = "mine"  # every open deadline of the actor's own level
CARD = "card"  # an occurrence
PROGRESS = "prog"  # in progress
DONE = "done"  # done, evidence follows
NOT_APPLICABLE = "na"  # does not apply, reason follows
POSTPONE_ASK = "post"  # ask to move the due date

# Postponement decisions.
APPROVE = "y"
DECLINE = "n"


@dataclass(frozen=True)
class RoadmapPress(Press, kind="roadmap"):
    action: str
    occurrence_id: int = 0  # 0 for the screens (HOME, BELOW, MINE)


@dataclass(frozen=True)
class PostponePress(Press, kind="roadmap.postpone"):
    decision: str
    postponement_id: int
