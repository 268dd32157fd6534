"""Buttons and small helpers shared by the flash routers.

The buttons on messages to other people (offers, sessions, assigning, the request) are
declared with the other notice buttons in bot/callbacks/flash.py.
"""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData

from bot.context import Ctx
from bot.services.flash.config import FlashEnv


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
