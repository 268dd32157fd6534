"""Roadmap buttons and conversation states, shared by the roadmap routers.

The CallbackData classes pack exactly like bot/services/roadmaps/buttons.py, which the
scheduler uses for the buttons on reminders (tests/test_roadmap_flow.py checks it)."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Texts
from bot.services.access import Actor
from bot.services.outbox import TELEGRAM_TEXT_LIMIT, Keyboard, split_text
from bot.services.roadmaps import buttons
from bot.services.roadmaps.store import owner_label
from handlers.callback_fields import Id, OptionalId, Page
from handlers.ui import edit_or_send, from_plain


class RoadmapCb(CallbackData, prefix=buttons.ROADMAP):
    action: str
    id: OptionalId = 0
    page: Page = 0


class PostponeCb(CallbackData, prefix=buttons.POSTPONE):
    decision: str  # y | n
    id: Id


class ImportCb(CallbackData, prefix=buttons.IMPORT):
    step: str
    value: str = ""


class RoadmapSG(StatesGroup):
    owner = State()
    file = State()
    template = State()
    year = State()
    confirm = State()
    set_date = State()
    evidence = State()
    na_reason = State()
    postpone = State()


def today_in(clock: Clock, zone: ZoneInfo) -> date:
    return clock.now().astimezone(zone).date()


async def scope_label(session: AsyncSession, actor: Actor, texts: Texts) -> str:
    labels = []
    for scope in actor.scopes:
        label = await owner_label(session, scope.level.value, scope.id)
        if label:
            labels.append(label)
    return ", ".join(labels) if labels else texts("roadmap-scope-everything")


def fit(text: str) -> str:
    """A screen fits one message: lists are capped already; this is the last guard (cut at a
    line, so no HTML tag is left open)."""
    return split_text(text, TELEGRAM_TEXT_LIMIT - 2)[0] + ("\n…" if len(text) > 4094 else "")


async def show(
    callback: CallbackQuery, text: str, keyboard: Keyboard | None, answer: str | None = None
) -> None:
    await callback.answer(answer)
    await edit_or_send(callback, fit(text), from_plain(keyboard) if keyboard else None)


async def reply(message: Message, text: str, keyboard: Keyboard | None = None) -> None:
    await message.answer(fit(text), reply_markup=from_plain(keyboard) if keyboard else None)
