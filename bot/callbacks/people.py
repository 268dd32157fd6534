"""The button on a coordinator's "a registration waits" notice (bot/services/people_presses.py):
it opens /pending."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData

from bot.callbacks.fields import Page
from bot.services.people_presses import PendingPress
from bot.services.presses import Press


class PendingCb(CallbackData, prefix="pp"):
    page: Page = 0


CLASSES: dict[type[Press], type[CallbackData]] = {PendingPress: PendingCb}
