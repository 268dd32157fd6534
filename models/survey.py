"""Survey campaigns: who was asked, answers in progress, submitted answers, periodic schedules.

Who has answered (`survey_invitations`) and what was answered (`survey_responses`) are separate
tables on purpose: a response of an anonymous campaign carries no participant id and no time,
and the invitation records only that the person has answered, so the two cannot be joined.
Answers in progress (`survey_progress`) are the one place where a person and their answers meet,
so that they can stop and resume; the row is deleted when they submit or the campaign closes.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, StrEnumString
from models.enums import CampaignStatus, InvitationStatus


class SurveySchedule(Base):
    """A periodic campaign ("every November and May") that the scheduler turns into campaigns."""

    __tablename__ = "survey_schedules"

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[str] = mapped_column(String(32))
    audience: Mapped[dict] = mapped_column(default=dict)  # AudienceSpec.to_json()
    months: Mapped[list] = mapped_column(default=list)  # 1..12
    duration_days: Mapped[int] = mapped_column(Integer)
    # The zone the months are counted in (the coordinator's region at creation).
    timezone: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    next_run_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    stopped_at: Mapped[datetime | None]


class SurveyCampaign(Base):
    """One run of a template: an audience, an opening and a closing moment, and the exact
    template version (`snapshot`) it started with, whatever happens to the file later."""

    __tablename__ = "survey_campaigns"
    __table_args__ = (Index("ix_survey_campaigns_template_opens", "template_id", "opens_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[str] = mapped_column(String(32))
    template_version: Mapped[int] = mapped_column(Integer)
    fingerprint: Mapped[str] = mapped_column(String(64))
    snapshot: Mapped[dict] = mapped_column(default=dict)
    anonymous: Mapped[bool] = mapped_column(Boolean)
    audience: Mapped[dict] = mapped_column(default=dict)  # AudienceSpec.to_json()
    # The launching coordinator's scopes at launch ([[level, id], ...]): the audience is
    # resolved inside them when the campaign opens, even if it opens days later.
    owner_scopes: Mapped[list] = mapped_column(default=list)
    owner_is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[CampaignStatus] = mapped_column(
        StrEnumString(CampaignStatus), default=CampaignStatus.scheduled, index=True
    )
    opens_at: Mapped[datetime]
    closes_at: Mapped[datetime]
    audience_size: Mapped[int] = mapped_column(Integer, default=0)
    schedule_id: Mapped[int | None] = mapped_column(ForeignKey("survey_schedules.id"))
    created_by: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    created_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]


class SurveyInvitation(Base):
    """A person asked in a campaign, and whether they have answered (not what)."""

    __tablename__ = "survey_invitations"
    __table_args__ = (
        UniqueConstraint("campaign_id", "participant_id"),
        Index("ix_survey_invitations_campaign_status", "campaign_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("survey_campaigns.id", ondelete="CASCADE"))
    # None once the person deleted their account: the row still counts (invited, answered)
    # in the response rates, but no longer says who it was.
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id"), index=True)
    # Where the person was when the campaign opened: the denominators of response rates.
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    municipality_id: Mapped[int] = mapped_column(Integer)
    status: Mapped[InvitationStatus] = mapped_column(
        StrEnumString(InvitationStatus), default=InvitationStatus.invited
    )
    invited_at: Mapped[datetime]
    notified_at: Mapped[datetime | None]
    # Only for named campaigns: a submission time here could be matched to an anonymous answer.
    submitted_at: Mapped[datetime | None]
    reminders: Mapped[int] = mapped_column(Integer, default=0)
    last_reminded_at: Mapped[datetime | None]


class SurveyProgress(Base):
    """Answers of someone who has started and not yet submitted: resumable across restarts."""

    __tablename__ = "survey_progress"
    __table_args__ = (UniqueConstraint("campaign_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("survey_campaigns.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    answers: Mapped[dict] = mapped_column(default=dict)
    # The question on screen; None: the summary before submitting.
    current: Mapped[str | None] = mapped_column(String(32))
    # Options ticked so far on the multiple-choice question on screen.
    draft: Mapped[list] = mapped_column(default=list)
    started_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class SurveyResponse(Base):
    """A submitted set of answers. Anonymous campaigns: no participant, no time."""

    __tablename__ = "survey_responses"
    __table_args__ = (Index("ix_survey_responses_campaign_org", "campaign_id", "organization_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("survey_campaigns.id", ondelete="CASCADE"))
    answers: Mapped[dict] = mapped_column(default=dict)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    municipality_id: Mapped[int] = mapped_column(Integer)
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id"), index=True)
    submitted_at: Mapped[datetime | None]
