"""Texts and buttons of the survey messages the scheduler pushes (invitations, reminders,
notes to a campaign's owner), and the small helpers the survey screens share with them.

No Telegram types: buttons are outbox Buttons with presses (presses.py). Template
texts are the template authors' words and names are people's: always escaped.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from bot.i18n import Texts
from bot.services.outbox import Button, Keyboard
from bot.services.surveys.answering import visible_questions
from bot.services.surveys.presses import GO, OPEN, CampaignPress, SurveyPress
from bot.services.surveys.templates import SurveyTemplate, localized
from models.survey import SurveyCampaign


def esc(text: str) -> str:
    return escape(text, quote=False)


def short(text: str, limit: int) -> str:
    """A title cut to fit a button, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def local_date(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%d.%m.%Y")


def closes_text(campaign: SurveyCampaign, zone: ZoneInfo) -> str:
    """The last day answers are accepted (closes_at is the midnight after it)."""
    last = campaign.closes_at.astimezone(zone)
    if last.hour == 0 and last.minute == 0:
        last -= timedelta(minutes=1)
    return last.strftime("%d.%m.%Y")


def privacy_notice(texts: Texts, anonymous: bool) -> str:
    return texts("survey-anonymous-notice" if anonymous else "survey-named-notice")


def start_button(texts: Texts, campaign_id: int, started: bool = False) -> Button:
    label = texts("btn-survey-continue" if started else "btn-survey-start")
    return Button(label, press=SurveyPress(GO, campaign_id))


def invitation_text(
    texts: Texts, campaign: SurveyCampaign, template: SurveyTemplate, lang: str, zone: ZoneInfo
) -> str:
    return texts(
        "survey-invitation",
        title=esc(template.label(lang)),
        intro=esc(localized(template.intro, lang)),
        closes=closes_text(campaign, zone),
        privacy=privacy_notice(texts, campaign.anonymous),
    )


def reminder_text(
    texts: Texts,
    campaign: SurveyCampaign,
    template: SurveyTemplate,
    lang: str,
    zone: ZoneInfo,
    answers: Mapping[str, Any] | None,
) -> str:
    """A reminder; to someone who has started (answers kept), how far they got."""
    shown = visible_questions(template, answers or {})
    return texts(
        "survey-reminder-started" if answers is not None else "survey-reminder",
        title=esc(template.label(lang)),
        closes=closes_text(campaign, zone),
        answered=sum(1 for q in shown if answers is not None and q.id in answers),
        total=len(shown),
    )


def owner_note_text(
    texts: Texts,
    key: str,
    campaign: SurveyCampaign,
    template: SurveyTemplate,
    lang: str,
    zone: ZoneInfo,
    **params: Any,
) -> str:
    """A note to the campaign's owner (opened, closed, launched by its schedule)."""
    return texts(key, title=esc(template.label(lang)), closes=closes_text(campaign, zone), **params)


def owner_note_keyboard(texts: Texts, campaign_id: int) -> Keyboard:
    return [[Button(texts("btn-campaign-open"), press=CampaignPress(OPEN, campaign_id))]]


def schedule_skipped_text(
    texts: Texts,
    template_id: str,
    reason_key: str | None,
    next_run_at: datetime | None,
    zone: ZoneInfo,
) -> str:
    """A periodic launch that did not happen, why, and when the next one is due."""
    return texts(
        "schedule-skipped",
        template=esc(template_id),
        reason=texts(reason_key or "error-unexpected"),
        next=local_date(next_run_at, zone) if next_run_at is not None else "—",
    )
