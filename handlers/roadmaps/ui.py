"""Small helpers of the roadmap package. The buttons on messages to people (reminders,
digests, escalations, postponements) are CallbackData declared in bot/callbacks/roadmaps.py;
the /roadmap screens themselves are dialogs.
"""

from __future__ import annotations

from datetime import date

from aiogram.types import InlineKeyboardMarkup

from bot.callbacks.roadmaps import RoadmapCb
from bot.context import Ctx
from bot.i18n import Texts
from bot.services.outbox import TELEGRAM_TEXT_LIMIT, split_text
from bot.services.roadmaps.presses import HOME
from bot.services.roadmaps.store import owner_label
from handlers.ui import button, markup


def today_of(ctx: Ctx) -> date:
    return ctx.clock.now().astimezone(ctx.zone).date()


async def scope_label(ctx: Ctx) -> str:
    labels = []
    for scope in ctx.actor.scopes:
        label = await owner_label(ctx.session, scope.level.value, scope.id)
        if label:
            labels.append(label)
    return ", ".join(labels) if labels else ctx.texts("roadmap-scope-everything")


def fit(text: str) -> str:
    """A screen fits one message: lists are paged already; this is the last guard (cut at a
    line, so no HTML tag is left open)."""
    return split_text(text, TELEGRAM_TEXT_LIMIT - 2)[0] + ("\n…" if len(text) > 4094 else "")


def home_markup(texts: Texts) -> InlineKeyboardMarkup:
    """«To the roadmaps» under a message that is no dialog's (a decision on a postponement)."""
    return markup([[button(texts("roadmap-btn-home"), RoadmapCb(action=HOME))]])
