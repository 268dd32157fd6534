"""Survey data in a person's export (/mydata) and in the erasure of their account.

Only named answers and answers in progress are personal: an anonymous response carries no
link to anyone, so it is neither exported nor found to erase. Called by bot/services/privacy.py.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from models.survey import SurveyCampaign, SurveyProgress, SurveyResponse


async def export_personal_data(session: AsyncSession, participant_id: int) -> dict[str, Any]:
    """Named answers given and answers in progress, by campaign."""
    submitted = await session.execute(
        select(SurveyCampaign.id, SurveyCampaign.template_id, SurveyResponse)
        .join(SurveyResponse, SurveyResponse.campaign_id == SurveyCampaign.id)
        .where(SurveyResponse.participant_id == participant_id)
        .order_by(SurveyCampaign.id)
    )
    in_progress = await session.execute(
        select(SurveyCampaign.id, SurveyCampaign.template_id, SurveyProgress)
        .join(SurveyProgress, SurveyProgress.campaign_id == SurveyCampaign.id)
        .where(SurveyProgress.participant_id == participant_id)
        .order_by(SurveyCampaign.id)
    )
    return {
        "survey_answers": [
            {
                "campaign": campaign_id,
                "survey": template_id,
                "submitted_at": r.submitted_at.isoformat() if r.submitted_at else None,
                "answers": r.answers,
            }
            for campaign_id, template_id, r in submitted.all()
        ],
        "survey_answers_in_progress": [
            {"campaign": campaign_id, "survey": template_id, "answers": p.answers}
            for campaign_id, template_id, p in in_progress.all()
        ],
    }


async def erase_personal_data(session: AsyncSession, participant_id: int) -> None:
    """Drop answers in progress; detach named answers from the person (they stay counted in
    the results, as anonymous aggregates)."""
    await session.execute(
        delete(SurveyProgress).where(SurveyProgress.participant_id == participant_id)
    )
    responses = await session.scalars(
        select(SurveyResponse).where(SurveyResponse.participant_id == participant_id)
    )
    for response in responses:
        response.participant_id = None
        response.submitted_at = None
    await session.flush()
