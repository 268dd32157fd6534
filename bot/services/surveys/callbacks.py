"""The prefix of the campaign screens' buttons, for handlers/survey_campaigns.py only, until it
imports CampaignCb from bot/callbacks/surveys.py (where the survey buttons are declared); then
this module goes. The services build no callback data: they use presses (presses.py)."""

from __future__ import annotations

CAMPAIGN = "svc"
