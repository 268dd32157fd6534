"""Roadmap buttons on messages to other people, and small helpers of the roadmap package.

RoadmapCb and PostponeCb stay CallbackData buttons: they are on reminders, digests and
escalations the scheduler sends (packed in bot/services/roadmaps/buttons.py, which must pack
exactly like these: tests/test_roadmap_flow.py checks it) and on the postponement requests and
decisions sent to the level above and back. The /roadmap screens themselves are dialogs.
"""

from __future__ import annotations

from datetime import date

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram_dialog import DialogManager

from bot.context import Ctx
from bot.i18n import Texts
from bot.services.outbox import TELEGRAM_TEXT_LIMIT, Button, Keyboard, split_text
from bot.services.roadmaps import buttons
from bot.services.roadmaps.store import owner_label
from handlers.callback_fields import Id, OptionalId, Page
from handlers.ui import button, markup


class RoadmapCb(CallbackData, prefix=buttons.ROADMAP):
    action: str
    id: OptionalId = 0
    page: Page = 0  # kept: reminders already sent carry it


class PostponeCb(CallbackData, prefix=buttons.POSTPONE):
    decision: str  # y | n
    id: Id


def ctx_of(manager: DialogManager) -> Ctx:
    ctx: Ctx = manager.middleware_data["ctx"]
    return ctx


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
    return markup([[button(texts("roadmap-btn-home"), RoadmapCb(action=buttons.HOME))]])


def postpone_keyboard(texts: Texts, postponement_id: int) -> Keyboard:
    """Approve or decline: the request sent to the coordinators of the level above."""
    return [
        [
            Button(
                texts("roadmap-btn-approve"), PostponeCb(decision="y", id=postponement_id).pack()
            ),
            Button(
                texts("roadmap-btn-decline"), PostponeCb(decision="n", id=postponement_id).pack()
            ),
        ]
    ]


def open_keyboard(texts: Texts, occurrence_id: int) -> Keyboard:
    """Open the deadline: under the decision sent back to who asked to postpone."""
    return [
        [Button(texts("roadmap-btn-open"), RoadmapCb(action=buttons.CARD, id=occurrence_id).pack())]
    ]
