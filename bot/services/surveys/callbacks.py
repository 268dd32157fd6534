"""Callback data of survey buttons, also on messages the scheduler sends.

The services know no Telegram types, so they build the packed strings here; handlers/
surveys/screens.py (SurveyCb) and handlers/survey_campaigns.py (CampaignCb) declare aiogram
CallbackData classes with the same prefixes and fields (a test checks that both pack alike).
Ids only: every press is re-checked against the database.
"""

from __future__ import annotations

from bot.services.surveys.responding import SUMMARY

SURVEY = "sv"  # sv:<action>:<campaign id>:<question position>:<value>  a respondent's buttons
CAMPAIGN = "svc"  # svc:<action>:<id>:<value>                       a coordinator's screens

# SURVEY actions the scheduler's messages carry.
GO = "go"  # start, or continue where the respondent left

# CAMPAIGN actions the scheduler's messages carry.
OPEN = "op"  # the campaign's card


def survey(action: str, campaign_id: int, position: int = SUMMARY, value: int = 0) -> str:
    return f"{SURVEY}:{action}:{campaign_id}:{position}:{value}"


def campaign(action: str, item_id: int = 0, value: str = "") -> str:
    return f"{CAMPAIGN}:{action}:{item_id}:{value}"
