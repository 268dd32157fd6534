"""mentorship plans: confirmations, development plans, meeting history, feedback, nudges

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import models.base

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UtcDateTime = models.base.UtcDateTime


def upgrade() -> None:
    with op.batch_alter_table("mentorships", schema=None) as batch_op:
        batch_op.add_column(sa.Column("mentor_confirmed_at", UtcDateTime(timezone=True)))
        batch_op.add_column(sa.Column("approved_by", sa.Integer()))
        batch_op.add_column(sa.Column("ended_by", sa.Integer()))
        batch_op.create_foreign_key(
            batch_op.f("fk_mentorships_approved_by_participants"),
            "participants",
            ["approved_by"],
            ["id"],
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_mentorships_ended_by_participants"), "participants", ["ended_by"], ["id"]
        )

    # Covering indexes for totals replace the two that made SQLite fetch every row.
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_index("ix_meetings_org_held_on")
        batch_op.drop_index("ix_meetings_municipality_id")
        batch_op.create_index(
            "ix_meetings_org_totals",
            ["organization_id", "held_on", "status", "duration_minutes"],
            unique=False,
        )
        batch_op.create_index(
            "ix_meetings_muni_totals",
            ["municipality_id", "held_on", "status", "duration_minutes", "organization_id"],
            unique=False,
        )

    op.create_table(
        "meeting_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("at", UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["participants.id"],
            name=op.f("fk_meeting_revisions_actor_id_participants"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_meeting_revisions_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_revisions")),
    )
    op.create_index(
        op.f("ix_meeting_revisions_meeting_id"), "meeting_revisions", ["meeting_id"], unique=False
    )

    op.create_table(
        "development_goals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mentorship_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["participants.id"],
            name=op.f("fk_development_goals_created_by_participants"),
        ),
        sa.ForeignKeyConstraint(
            ["mentorship_id"],
            ["mentorships.id"],
            name=op.f("fk_development_goals_mentorship_id_mentorships"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_development_goals")),
    )
    op.create_index(
        op.f("ix_development_goals_mentorship_id"),
        "development_goals",
        ["mentorship_id"],
        unique=False,
    )

    op.create_table(
        "development_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("mentorship_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("done_at", UtcDateTime(timezone=True), nullable=True),
        sa.Column("done_by", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["participants.id"],
            name=op.f("fk_development_steps_created_by_participants"),
        ),
        sa.ForeignKeyConstraint(
            ["done_by"], ["participants.id"], name=op.f("fk_development_steps_done_by_participants")
        ),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["development_goals.id"],
            name=op.f("fk_development_steps_goal_id_development_goals"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["mentorship_id"],
            ["mentorships.id"],
            name=op.f("fk_development_steps_mentorship_id_mentorships"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_development_steps")),
    )
    op.create_index(
        op.f("ix_development_steps_goal_id"), "development_steps", ["goal_id"], unique=False
    )
    op.create_index(
        op.f("ix_development_steps_mentorship_id"),
        "development_steps",
        ["mentorship_id"],
        unique=False,
    )

    op.create_table(
        "mentorship_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mentorship_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("rating", sa.SmallInteger(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("created_at", UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["mentorship_id"],
            ["mentorships.id"],
            name=op.f("fk_mentorship_feedback_mentorship_id_mentorships"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_mentorship_feedback_participant_id_participants"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentorship_feedback")),
        sa.UniqueConstraint(
            "mentorship_id", "participant_id", name=op.f("uq_mentorship_feedback_mentorship_id")
        ),
    )
    op.create_index(
        op.f("ix_mentorship_feedback_mentorship_id"),
        "mentorship_feedback",
        ["mentorship_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_mentorship_feedback_participant_id"),
        "mentorship_feedback",
        ["participant_id"],
        unique=False,
    )

    op.create_table(
        "mentorship_nudges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mentorship_id", sa.Integer(), nullable=False),
        sa.Column("mentor_id", sa.Integer(), nullable=False),
        sa.Column("idle_since", sa.Date(), nullable=False),
        sa.Column("sent_at", UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["mentor_id"],
            ["participants.id"],
            name=op.f("fk_mentorship_nudges_mentor_id_participants"),
        ),
        sa.ForeignKeyConstraint(
            ["mentorship_id"],
            ["mentorships.id"],
            name=op.f("fk_mentorship_nudges_mentorship_id_mentorships"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentorship_nudges")),
    )
    op.create_index(
        op.f("ix_mentorship_nudges_mentorship_id"),
        "mentorship_nudges",
        ["mentorship_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_mentorship_nudges_mentorship_id"), table_name="mentorship_nudges")
    op.drop_table("mentorship_nudges")
    op.drop_index(op.f("ix_mentorship_feedback_participant_id"), table_name="mentorship_feedback")
    op.drop_index(op.f("ix_mentorship_feedback_mentorship_id"), table_name="mentorship_feedback")
    op.drop_table("mentorship_feedback")
    op.drop_index(op.f("ix_development_steps_mentorship_id"), table_name="development_steps")
    op.drop_index(op.f("ix_development_steps_goal_id"), table_name="development_steps")
    op.drop_table("development_steps")
    op.drop_index(op.f("ix_development_goals_mentorship_id"), table_name="development_goals")
    op.drop_table("development_goals")
    op.drop_index(op.f("ix_meeting_revisions_meeting_id"), table_name="meeting_revisions")
    op.drop_table("meeting_revisions")

    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_index("ix_meetings_muni_totals")
        batch_op.drop_index("ix_meetings_org_totals")
        batch_op.create_index(
            batch_op.f("ix_meetings_municipality_id"), ["municipality_id"], unique=False
        )
        batch_op.create_index(
            "ix_meetings_org_held_on", ["organization_id", "held_on"], unique=False
        )

    with op.batch_alter_table("mentorships", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_mentorships_ended_by_participants"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_mentorships_approved_by_participants"), type_="foreignkey"
        )
        batch_op.drop_column("ended_by")
        batch_op.drop_column("approved_by")
        batch_op.drop_column("mentor_confirmed_at")
