"""The keyboards flash services put on messages to other people, built of presses
(bot/services/flash/presses.py); the handlers redraw the same ones."""

from __future__ import annotations

from bot.i18n import Texts
from bot.services.flash.presses import (
    ACCEPT,
    CANCEL,
    DECLINE,
    HELD,
    LATER,
    RATE,
    SHARE,
    SLOTS,
    WRITE,
    OfferPress,
    RequestPress,
    SessionPress,
)
from bot.services.outbox import Button, Keyboard
from models.enums import FlashStatus


def offer_keyboard(texts: Texts, offer_id: int) -> Keyboard:
    return [
        [Button(texts("flash-btn-accept"), press=OfferPress(ACCEPT, offer_id))],
        [
            Button(texts("flash-btn-decline"), press=OfferPress(DECLINE, offer_id)),
            Button(texts("flash-btn-later"), press=OfferPress(LATER, offer_id)),
        ],
    ]


def session_keyboard(
    texts: Texts, request_id: int, *, mentor: bool, status: FlashStatus
) -> Keyboard:
    """What each side can do while a session is on."""
    rows: list[list[Button]] = []
    if mentor and status in (FlashStatus.matched, FlashStatus.scheduled):
        key = "flash-btn-propose" if status == FlashStatus.matched else "flash-btn-repropose"
        rows.append([Button(texts(key), press=SessionPress(SLOTS, request_id))])
    rows.append(
        [
            Button(texts("flash-btn-write"), press=SessionPress(WRITE, request_id)),
            Button(texts("flash-btn-share"), press=SessionPress(SHARE, request_id)),
        ]
    )
    if not mentor and status in (FlashStatus.matched, FlashStatus.scheduled):
        rows.append(
            [Button(texts("flash-btn-cancel-request"), press=RequestPress(CANCEL, request_id))]
        )
    return rows


def rating_keyboard(request_id: int) -> Keyboard:
    return [[Button(f"{n} ⭐", press=SessionPress(RATE, request_id, str(n))) for n in range(1, 6)]]


def held_keyboard(texts: Texts, request_id: int) -> Keyboard:
    return [
        [
            Button(texts("flash-btn-held-yes"), press=SessionPress(HELD, request_id, "1")),
            Button(texts("flash-btn-held-no"), press=SessionPress(HELD, request_id, "0")),
        ]
    ]
