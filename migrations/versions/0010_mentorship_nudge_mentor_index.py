"""index for the weekly nudge check: a mentor's latest nudge (mentor_id, sent_at)

Revision ID: 0010
Revises: 0009
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("mentorship_nudges", schema=None) as batch_op:
        batch_op.create_index(
            "ix_mentorship_nudges_mentor_sent", ["mentor_id", "sent_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("mentorship_nudges", schema=None) as batch_op:
        batch_op.drop_index("ix_mentorship_nudges_mentor_sent")
