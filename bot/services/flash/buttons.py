"""Callback data of the buttons flash services put on messages to other people.

The services know no Telegram types, so they build the packed strings here; the handlers
declare aiogram CallbackData classes with the same prefixes and fields (a test checks that
both pack alike). Ids only: every press is re-checked against the database.
"""

from __future__ import annotations

from bot.i18n import Texts
from bot.services.outbox import Button, Keyboard
from models.enums import FlashStatus

OFFER = "fo"  # fo:<action>:<offer id>            a accept · d decline · l not now
SESSION = "fs"  # fs:<action>:<request id>:<arg>  a session step (write, time, rate...)
ASSIGN = "fa"  # fa:<action>:<request id>:<mentor id>  coordinators assigning by hand
REQUEST = "fr"  # fr:<action>:<request id>        the requester's own request

# Session actions (SESSION prefix).
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


def offer(action: str, offer_id: int) -> str:
    return f"{OFFER}:{action}:{offer_id}"


def session(action: str, request_id: int, arg: str = "") -> str:
    return f"{SESSION}:{action}:{request_id}:{arg}"


def assign(action: str, request_id: int, mentor_id: int = 0) -> str:
    return f"{ASSIGN}:{action}:{request_id}:{mentor_id}"


def request(action: str, request_id: int) -> str:
    return f"{REQUEST}:{action}:{request_id}"


def offer_keyboard(texts: Texts, offer_id: int) -> Keyboard:
    return [
        [Button(texts("flash-btn-accept"), offer("a", offer_id))],
        [
            Button(texts("flash-btn-decline"), offer("d", offer_id)),
            Button(texts("flash-btn-later"), offer("l", offer_id)),
        ],
    ]


def session_keyboard(
    texts: Texts, request_id: int, *, mentor: bool, status: FlashStatus
) -> Keyboard:
    """What each side can do while a session is on."""
    rows: list[list[Button]] = []
    if mentor and status in (FlashStatus.matched, FlashStatus.scheduled):
        key = "flash-btn-propose" if status == FlashStatus.matched else "flash-btn-repropose"
        rows.append([Button(texts(key), session(SLOTS, request_id))])
    rows.append(
        [
            Button(texts("flash-btn-write"), session(WRITE, request_id)),
            Button(texts("flash-btn-share"), session(SHARE, request_id)),
        ]
    )
    if not mentor and status in (FlashStatus.matched, FlashStatus.scheduled):
        rows.append([Button(texts("flash-btn-cancel-request"), request("x", request_id))])
    return rows


def rating_keyboard(request_id: int) -> Keyboard:
    return [[Button(f"{n} ⭐", session(RATE, request_id, str(n))) for n in range(1, 6)]]


def held_keyboard(texts: Texts, request_id: int) -> Keyboard:
    return [
        [
            Button(texts("flash-btn-held-yes"), session(HELD, request_id, "1")),
            Button(texts("flash-btn-held-no"), session(HELD, request_id, "0")),
        ]
    ]
