"""What the buttons on mentorship notices do: a pair to confirm or decide, the final rating, a
meeting to confirm, dispute or decide, a meeting to log, a plan step to mark done. Ids only:
every press is re-checked against the database. bot/callbacks/mentorship.py declares their
callback data."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.presses import Press

# Mentorship actions.
CONFIRM = "cf"  # a mentee confirms the pair
DECLINE = "dc"
APPROVE = "ap"  # a coordinator decides a mentor's proposal
REJECT = "rj"
END_CONFIRM = "ec"  # a mentee or a coordinator confirms the mentor's request to end it
END_DECLINE = "ed"  # a mentee declines it

# Feedback actions.
RATE = "r"

# Meeting actions.
MEETING_CONFIRM = "ok"
MEETING_DISPUTE = "no"
KEEP = "keep"  # a coordinator decides a disputed meeting
VOID = "void"
LOG = "new"  # a new entry: the id is the mentorship's

# Plan actions.
MARK_DONE = "dn"  # the id is the step's
SHOW_PLAN = "show"  # the id is the mentorship's


@dataclass(frozen=True)
class MentorshipPress(Press, kind="mentorship"):
    action: str
    mentorship_id: int


@dataclass(frozen=True)
class FeedbackPress(Press, kind="mentorship.feedback"):
    action: str
    mentorship_id: int
    rating: int = 0


@dataclass(frozen=True)
class MeetingPress(Press, kind="mentorship.meeting"):
    action: str
    id: int  # the meeting's; the mentorship's for LOG


@dataclass(frozen=True)
class PlanPress(Press, kind="mentorship.plan"):
    action: str
    id: int  # the step's for MARK_DONE; the mentorship's for SHOW_PLAN


@dataclass(frozen=True)
class TalkPress(Press, kind="mentorship.talk"):
    """Reply to words relayed inside a pair: write to `to` (the sender) in mentorship `id`."""

    id: int
    to: int
