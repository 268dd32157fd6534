"""What the survey buttons on messages the bot sends do: a respondent's invitation, reminder
and «paused» note open the survey; a campaign owner's note opens the campaign's card. Ids only:
every press is re-checked against the database. bot/callbacks/surveys.py declares their
callback data."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.presses import Press

GO = "go"  # start, or continue where the respondent left
OPEN = "op"  # the campaign's card


@dataclass(frozen=True)
class SurveyPress(Press, kind="survey"):
    action: str
    campaign_id: int


@dataclass(frozen=True)
class CampaignPress(Press, kind="survey.campaign"):
    action: str
    campaign_id: int
