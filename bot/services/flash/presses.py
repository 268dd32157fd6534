"""What the buttons flash services put on messages to other people do: offers, sessions,
coordinators assigning by hand, the requester's own request. Ids only: every press is
re-checked against the database. bot/callbacks/flash.py declares their callback data."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.presses import Press

# Offer actions.
ACCEPT = "a"
DECLINE = "d"
LATER = "l"  # not now

# Session actions.
WRITE = "w"
SLOTS = "t"  # propose times
PICK = "p"  # arg: "<slots version>.<index>"
OTHER_TIME = "o"
SHARE = "s"
SHARE_YES = "sy"
HELD = "h"  # arg: "1" | "0"
DURATION = "d"  # arg: "<minutes>.<format>"
RATE = "r"  # arg: 1..5
COMMENT = "c"
OPEN = "v"  # show the session card

# Assign actions (coordinators).
ASSIGN_LIST = "l"

# Request actions (the requester).
CANCEL = "x"


@dataclass(frozen=True)
class OfferPress(Press, kind="flash.offer"):
    action: str
    offer_id: int


@dataclass(frozen=True)
class SessionPress(Press, kind="flash.session"):
    action: str
    request_id: int
    arg: str = ""


@dataclass(frozen=True)
class AssignPress(Press, kind="flash.assign"):
    action: str
    request_id: int
    mentor_id: int = 0


@dataclass(frozen=True)
class RequestPress(Press, kind="flash.request"):
    action: str
    request_id: int
