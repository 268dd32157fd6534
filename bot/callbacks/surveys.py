"""The survey buttons on messages the bot sends (bot/services/surveys/presses.py)."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData

from bot.callbacks.fields import Id, OptionalId, Page, Position
from bot.services.presses import Press
from bot.services.surveys import presses
from bot.services.surveys.responding import SUMMARY


class SurveyCb(CallbackData, prefix="sv"):
    """A survey's invitation, reminder and «paused» note: a: go (start, or go on where the
    respondent stopped); c: campaign id. (q and v are the fields the buttons of the questions
    had before the dialog: kept so that buttons already sent still unpack.)"""

    a: str
    c: Id
    q: Position = SUMMARY
    v: Page = 0


class CampaignCb(CallbackData, prefix="svc"):
    """The button on a campaign owner's notes: a: op (the card of campaign i). (v is kept so
    that buttons already sent still unpack.)"""

    a: str
    i: OptionalId = 0
    v: str = ""


CLASSES: dict[type[Press], type[CallbackData]] = {
    presses.SurveyPress: SurveyCb,
    presses.CampaignPress: CampaignCb,
}
