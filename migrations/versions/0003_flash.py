"""flash mentoring: requests, offers, their history, ratings, mentors' flash profiles

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import models.base

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "flash_mentor_profiles",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("stems", sa.Text(), nullable=False),
        sa.Column("rating_sum", sa.Integer(), nullable=False),
        sa.Column("rating_count", sa.Integer(), nullable=False),
        sa.Column("snoozed_until", models.base.UtcDateTime(timezone=True), nullable=True),
        sa.Column("updated_at", models.base.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_flash_mentor_profiles_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("participant_id", name=op.f("pk_flash_mentor_profiles")),
    )
    op.create_table(
        "flash_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("requester_id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(length=40), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("format", sa.String(length=16), nullable=False),
        sa.Column("timing", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("wave", sa.Integer(), nullable=False),
        sa.Column("escalation", sa.Integer(), nullable=False),
        sa.Column("deadline_at", models.base.UtcDateTime(timezone=True), nullable=True),
        sa.Column("mentor_id", sa.Integer(), nullable=True),
        sa.Column("matched_at", models.base.UtcDateTime(timezone=True), nullable=True),
        sa.Column("slots", sa.JSON(), nullable=False),
        sa.Column("slots_version", sa.Integer(), nullable=False),
        sa.Column("scheduled_at", models.base.UtcDateTime(timezone=True), nullable=True),
        sa.Column("schedule_version", sa.Integer(), nullable=False),
        sa.Column("requester_held", sa.Boolean(), nullable=True),
        sa.Column("mentor_held", sa.Boolean(), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("requester_shared_at", models.base.UtcDateTime(timezone=True), nullable=True),
        sa.Column("mentor_shared_at", models.base.UtcDateTime(timezone=True), nullable=True),
        sa.Column("created_at", models.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", models.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("closed_at", models.base.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_flash_requests_meeting_id_meetings")
        ),
        sa.ForeignKeyConstraint(
            ["mentor_id"],
            ["participants.id"],
            name=op.f("fk_flash_requests_mentor_id_participants"),
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_flash_requests_organization_id_organizations"),
        ),
        sa.ForeignKeyConstraint(
            ["requester_id"],
            ["participants.id"],
            name=op.f("fk_flash_requests_requester_id_participants"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flash_requests")),
    )
    with op.batch_alter_table("flash_requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_flash_requests_mentor_id"), ["mentor_id"], unique=False
        )
        batch_op.create_index(
            "ix_flash_requests_requester_status", ["requester_id", "status"], unique=False
        )
        batch_op.create_index(
            "ix_flash_requests_status_mentor", ["status", "mentor_id"], unique=False
        )

    op.create_table(
        "flash_offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("mentor_id", sa.Integer(), nullable=False),
        sa.Column("wave", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("assigned_by", sa.Integer(), nullable=True),
        sa.Column("created_at", models.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("answered_at", models.base.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["assigned_by"],
            ["participants.id"],
            name=op.f("fk_flash_offers_assigned_by_participants"),
        ),
        sa.ForeignKeyConstraint(
            ["mentor_id"], ["participants.id"], name=op.f("fk_flash_offers_mentor_id_participants")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["flash_requests.id"],
            name=op.f("fk_flash_offers_request_id_flash_requests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flash_offers")),
        sa.UniqueConstraint("request_id", "mentor_id", name=op.f("uq_flash_offers_request_id")),
    )
    with op.batch_alter_table("flash_offers", schema=None) as batch_op:
        batch_op.create_index(
            "ix_flash_offers_mentor_status", ["mentor_id", "status"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_flash_offers_request_id"), ["request_id"], unique=False
        )

    op.create_table(
        "flash_ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("rater_id", sa.Integer(), nullable=False),
        sa.Column("ratee_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("created_at", models.base.UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("score BETWEEN 1 AND 5", name=op.f("ck_flash_ratings_score_range")),
        sa.ForeignKeyConstraint(
            ["ratee_id"], ["participants.id"], name=op.f("fk_flash_ratings_ratee_id_participants")
        ),
        sa.ForeignKeyConstraint(
            ["rater_id"], ["participants.id"], name=op.f("fk_flash_ratings_rater_id_participants")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["flash_requests.id"],
            name=op.f("fk_flash_ratings_request_id_flash_requests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flash_ratings")),
        sa.UniqueConstraint("request_id", "rater_id", name=op.f("uq_flash_ratings_request_id")),
    )
    with op.batch_alter_table("flash_ratings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_flash_ratings_ratee_id"), ["ratee_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_flash_ratings_request_id"), ["request_id"], unique=False
        )

    op.create_table(
        "flash_request_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("from_status", sa.String(length=16), nullable=True),
        sa.Column("to_status", sa.String(length=16), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=32), nullable=True),
        sa.Column("at", models.base.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["participants.id"],
            name=op.f("fk_flash_request_events_actor_id_participants"),
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["flash_requests.id"],
            name=op.f("fk_flash_request_events_request_id_flash_requests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flash_request_events")),
    )
    with op.batch_alter_table("flash_request_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_flash_request_events_request_id"), ["request_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("flash_request_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_flash_request_events_request_id"))

    op.drop_table("flash_request_events")
    with op.batch_alter_table("flash_ratings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_flash_ratings_request_id"))
        batch_op.drop_index(batch_op.f("ix_flash_ratings_ratee_id"))

    op.drop_table("flash_ratings")
    with op.batch_alter_table("flash_offers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_flash_offers_request_id"))
        batch_op.drop_index("ix_flash_offers_mentor_status")

    op.drop_table("flash_offers")
    with op.batch_alter_table("flash_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_flash_requests_status_mentor")
        batch_op.drop_index("ix_flash_requests_requester_status")
        batch_op.drop_index(batch_op.f("ix_flash_requests_mentor_id"))

    op.drop_table("flash_requests")
    op.drop_table("flash_mentor_profiles")
