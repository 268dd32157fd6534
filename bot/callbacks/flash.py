"""Flash mentoring's buttons on messages to other people (bot/services/flash/presses.py)."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData

from bot.callbacks.fields import Id, OptionalId
from bot.services.flash import presses
from bot.services.presses import Press


class OfferCb(CallbackData, prefix="fo"):
    action: str  # a accept | d decline | l not now | o open
    id: Id


class SessionCb(CallbackData, prefix="fs"):
    action: str  # a session step (write, time, rate...): bot/services/flash/presses.py
    rid: Id
    arg: str = ""


class AssignCb(CallbackData, prefix="fa"):
    action: str  # l list | p pick | y yes
    rid: Id
    mid: OptionalId = 0


class RequestCb(CallbackData, prefix="fr"):
    action: str  # l list | v view | s send draft | x cancel? | xy cancel!
    rid: OptionalId


CLASSES: dict[type[Press], type[CallbackData]] = {
    presses.OfferPress: OfferCb,
    presses.SessionPress: SessionCb,
    presses.AssignPress: AssignCb,
    presses.RequestPress: RequestCb,
}
