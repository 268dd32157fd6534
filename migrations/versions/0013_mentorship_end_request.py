"""mentorships.end_requested_*: a mentor's request to end a pair waits for a confirmation

Revision ID: 0013
Revises: 0012
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from models.base import UtcDateTime

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("mentorships", schema=None) as batch_op:
        batch_op.add_column(sa.Column("end_requested_at", UtcDateTime(timezone=True)))
        batch_op.add_column(sa.Column("end_requested_outcome", sa.String(length=16)))
        batch_op.add_column(sa.Column("end_requested_reason", sa.Text()))


def downgrade() -> None:
    with op.batch_alter_table("mentorships", schema=None) as batch_op:
        batch_op.drop_column("end_requested_reason")
        batch_op.drop_column("end_requested_outcome")
        batch_op.drop_column("end_requested_at")
