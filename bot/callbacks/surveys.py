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
    """A coordinator's campaign screens, on the owner's notes too: a: ls (list page i) | op
    (card i, breakdown v) | new | nsc (new schedule) | tpl (v) | aud | ax (audience field v,
    page i) | at (toggle v="field.value") | nx | od (opens in v days) | cd (closes after v
    days) | mo (month v) | mdn | du (v days) | go | bk (step v) | x (cancel) | cl (close i) |
    cly (confirm close i) | sch | sst (stop schedule i)."""

    a: str
    i: OptionalId = 0
    v: str = ""


CLASSES: dict[type[Press], type[CallbackData]] = {
    presses.SurveyPress: SurveyCb,
    presses.CampaignPress: CampaignCb,
}
