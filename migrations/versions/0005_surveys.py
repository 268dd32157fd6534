"""surveys: campaigns, schedules, invitations, answers in progress and responses

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import models.base

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_DATETIME = models.base.UtcDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "survey_schedules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.String(length=32), nullable=False),
        sa.Column("audience", sa.JSON(), nullable=False),
        sa.Column("months", sa.JSON(), nullable=False),
        sa.Column("duration_days", sa.Integer(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("next_run_at", UTC_DATETIME, nullable=True),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.Column("stopped_at", UTC_DATETIME, nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["participants.id"],
            name=op.f("fk_survey_schedules_created_by_participants"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_schedules")),
    )
    with op.batch_alter_table("survey_schedules", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_schedules_created_by"), ["created_by"], unique=False
        )

    op.create_table(
        "survey_campaigns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.String(length=32), nullable=False),
        sa.Column("template_version", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("audience", sa.JSON(), nullable=False),
        sa.Column("owner_scopes", sa.JSON(), nullable=False),
        sa.Column("owner_is_admin", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("opens_at", UTC_DATETIME, nullable=False),
        sa.Column("closes_at", UTC_DATETIME, nullable=False),
        sa.Column("audience_size", sa.Integer(), nullable=False),
        sa.Column("schedule_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.Column("closed_at", UTC_DATETIME, nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["participants.id"],
            name=op.f("fk_survey_campaigns_created_by_participants"),
        ),
        sa.ForeignKeyConstraint(
            ["schedule_id"],
            ["survey_schedules.id"],
            name=op.f("fk_survey_campaigns_schedule_id_survey_schedules"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_campaigns")),
    )
    with op.batch_alter_table("survey_campaigns", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_campaigns_created_by"), ["created_by"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_survey_campaigns_status"), ["status"], unique=False)
        batch_op.create_index(
            "ix_survey_campaigns_template_opens", ["template_id", "opens_at"], unique=False
        )

    op.create_table(
        "survey_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("invited_at", UTC_DATETIME, nullable=False),
        sa.Column("notified_at", UTC_DATETIME, nullable=True),
        sa.Column("submitted_at", UTC_DATETIME, nullable=True),
        sa.Column("reminders", sa.Integer(), nullable=False),
        sa.Column("last_reminded_at", UTC_DATETIME, nullable=True),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["survey_campaigns.id"],
            name=op.f("fk_survey_invitations_campaign_id_survey_campaigns"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_survey_invitations_organization_id_organizations"),
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_survey_invitations_participant_id_participants"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_invitations")),
        sa.UniqueConstraint(
            "campaign_id", "participant_id", name=op.f("uq_survey_invitations_campaign_id")
        ),
    )
    with op.batch_alter_table("survey_invitations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_survey_invitations_campaign_status", ["campaign_id", "status"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_survey_invitations_participant_id"), ["participant_id"], unique=False
        )

    op.create_table(
        "survey_progress",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("current", sa.String(length=32), nullable=True),
        sa.Column("draft", sa.JSON(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.Column("started_at", UTC_DATETIME, nullable=False),
        sa.Column("updated_at", UTC_DATETIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["survey_campaigns.id"],
            name=op.f("fk_survey_progress_campaign_id_survey_campaigns"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_survey_progress_participant_id_participants"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_progress")),
        sa.UniqueConstraint(
            "campaign_id", "participant_id", name=op.f("uq_survey_progress_campaign_id")
        ),
    )
    with op.batch_alter_table("survey_progress", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_progress_campaign_id"), ["campaign_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_survey_progress_participant_id"), ["participant_id"], unique=False
        )

    op.create_table(
        "survey_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("submitted_at", UTC_DATETIME, nullable=True),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["survey_campaigns.id"],
            name=op.f("fk_survey_responses_campaign_id_survey_campaigns"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_survey_responses_organization_id_organizations"),
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_survey_responses_participant_id_participants"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_responses")),
    )
    with op.batch_alter_table("survey_responses", schema=None) as batch_op:
        batch_op.create_index(
            "ix_survey_responses_campaign_org", ["campaign_id", "organization_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_survey_responses_participant_id"), ["participant_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("survey_responses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_responses_participant_id"))
        batch_op.drop_index("ix_survey_responses_campaign_org")
    op.drop_table("survey_responses")
    with op.batch_alter_table("survey_progress", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_progress_participant_id"))
        batch_op.drop_index(batch_op.f("ix_survey_progress_campaign_id"))
    op.drop_table("survey_progress")
    with op.batch_alter_table("survey_invitations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_invitations_participant_id"))
        batch_op.drop_index("ix_survey_invitations_campaign_status")
    op.drop_table("survey_invitations")
    with op.batch_alter_table("survey_campaigns", schema=None) as batch_op:
        batch_op.drop_index("ix_survey_campaigns_template_opens")
        batch_op.drop_index(batch_op.f("ix_survey_campaigns_status"))
        batch_op.drop_index(batch_op.f("ix_survey_campaigns_created_by"))
    op.drop_table("survey_campaigns")
    with op.batch_alter_table("survey_schedules", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_schedules_created_by"))
    op.drop_table("survey_schedules")
