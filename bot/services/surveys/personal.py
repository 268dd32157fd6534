"""Survey data in a person's export (/mydata) and in the erasure of their account.

Only named answers and answers in progress are personal: an anonymous response carries no
link to anyone, so it is neither exported nor found to erase (the person's invitation, which
says only that they were asked and answered, is detached). Called by bot/services/privacy.py.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.surveys.responding import template_of
from models.survey import SurveyCampaign, SurveyInvitation, SurveyProgress, SurveyResponse


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
    """What a deleted account leaves of its surveys: counts and closed answers, no person.

    Answers in progress go. A named answer is detached (no participant, no time) and loses
    what the person typed in free-text questions (their own name, a colleague's): the scale,
    choice and number answers stay in the aggregates. Their invitations are detached too, so
    that a campaign still counts them as asked and answered, but no row says who it was —
    with one respondent in an organization, a kept invitation would point straight at the
    detached answer. An anonymous answer has no link to anyone and is left as it is.
    """
    await session.execute(
        delete(SurveyProgress).where(SurveyProgress.participant_id == participant_id)
    )
    named = await session.execute(
        select(SurveyResponse, SurveyCampaign)
        .join(SurveyCampaign, SurveyCampaign.id == SurveyResponse.campaign_id)
        .where(SurveyResponse.participant_id == participant_id)
    )
    for response, campaign in named.all():
        free_text = {q.id for q in template_of(campaign).questions if q.kind == "text"}
        response.answers = {k: v for k, v in response.answers.items() if k not in free_text}
        response.participant_id = None
        response.submitted_at = None
    await session.execute(
        update(SurveyInvitation)
        .where(SurveyInvitation.participant_id == participant_id)
        .values(participant_id=None, submitted_at=None)
    )
    await session.flush()
