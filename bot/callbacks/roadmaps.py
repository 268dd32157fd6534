"""The roadmap buttons on messages to people (bot/services/roadmaps/presses.py). The /roadmap
screens themselves are dialogs."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData

from bot.callbacks.fields import Id, OptionalId, Page
from bot.services.presses import Press
from bot.services.roadmaps import presses


class RoadmapCb(CallbackData, prefix="rm"):
    action: str
    id: OptionalId = 0
    page: Page = 0  # kept: reminders already sent carry it


class PostponeCb(CallbackData, prefix="rmp"):
    decision: str  # y | n
    id: Id


CLASSES: dict[type[Press], type[CallbackData]] = {
    presses.RoadmapPress: RoadmapCb,
    presses.PostponePress: PostponeCb,
}
