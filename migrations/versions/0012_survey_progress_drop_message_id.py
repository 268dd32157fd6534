"""drop survey_progress.message_id: the question's message is the dialog's now, never read

Revision ID: 0012
Revises: 0011
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("survey_progress", schema=None) as batch_op:
        batch_op.drop_column("message_id")


def downgrade() -> None:
    with op.batch_alter_table("survey_progress", schema=None) as batch_op:
        batch_op.add_column(sa.Column("message_id", sa.BigInteger(), nullable=True))
