"""Buttons and small helpers shared by the flash routers.

The prefixes and fields of OfferCb, SessionCb, AssignCb and RequestCb match the strings the
services build in bot/services/flash/buttons.py (tests/test_flash_buttons.py checks it).
"""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData

from bot.context import Ctx
from bot.services.flash import buttons
from bot.services.flash.config import FlashEnv
from handlers.callback_fields import Id, OptionalId


class OfferCb(CallbackData, prefix=buttons.OFFER):
    action: str  # a accept | d decline | l not now | o open
    id: Id


class SessionCb(CallbackData, prefix=buttons.SESSION):
    action: str
    rid: Id
    arg: str = ""


class AssignCb(CallbackData, prefix=buttons.ASSIGN):
    action: str  # l list | p pick | y yes
    rid: Id
    mid: OptionalId = 0


class RequestCb(CallbackData, prefix=buttons.REQUEST):
    action: str  # l list | v view | s send draft | x cancel? | xy cancel!
    rid: OptionalId


class MentorCb(CallbackData, prefix="fm"):
    """The mentor's flash screens: /offers and the flash settings."""

    action: str  # offers | settings | avail | pause | resume | notes
    value: str = ""


def topic_value(topic: str) -> str:
    """'subject:math' → 'subject.math': ':' separates callback fields."""
    return topic.replace(":", ".")


def topic_of(value: str) -> str:
    return value.replace(".", ":", 1)


def flash_env(ctx: Ctx) -> FlashEnv:
    return FlashEnv.of(ctx.session, ctx.clock, ctx.translator, ctx.settings)
