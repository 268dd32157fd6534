"""pending invites (an opened, unused invite survives a refusal), and survey invitations that
a deleted account leaves detached (participant_id nullable)

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import models.base

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_DATETIME = models.base.UtcDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "pending_invites",
        sa.Column("tg_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("invite_id", sa.Integer(), nullable=False),
        sa.Column("expires_at", UTC_DATETIME, nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["invite_id"],
            ["invites.id"],
            name=op.f("fk_pending_invites_invite_id_invites"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("tg_id", name=op.f("pk_pending_invites")),
    )
    with op.batch_alter_table("pending_invites", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pending_invites_expires_at"), ["expires_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_pending_invites_invite_id"), ["invite_id"], unique=False
        )
    with op.batch_alter_table("survey_invitations", schema=None) as batch_op:
        batch_op.alter_column("participant_id", existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    # Detached invitations have nobody to point at any more: they go with the column's rule.
    op.execute("DELETE FROM survey_invitations WHERE participant_id IS NULL")
    with op.batch_alter_table("survey_invitations", schema=None) as batch_op:
        batch_op.alter_column("participant_id", existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table("pending_invites", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pending_invites_invite_id"))
        batch_op.drop_index(batch_op.f("ix_pending_invites_expires_at"))
    op.drop_table("pending_invites")
