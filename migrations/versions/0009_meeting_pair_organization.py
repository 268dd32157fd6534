"""meeting totals for both schools of a cross-school pair: the pair's (mentees') organization
and municipality on the meeting row when they differ from the mentor's, with covering indexes

Revision ID: 0009
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PAIR_ORG_COLUMNS = [
    "pair_organization_id",
    "held_on",
    "status",
    "duration_minutes",
    "organization_id",
    "municipality_id",
]
PAIR_MUNI_COLUMNS = [
    "pair_municipality_id",
    "held_on",
    "status",
    "duration_minutes",
    "pair_organization_id",
    "organization_id",
    "municipality_id",
]


def upgrade() -> None:
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pair_organization_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("pair_municipality_id", sa.Integer(), nullable=True))
        batch_op.create_index("ix_meetings_pair_org_totals", PAIR_ORG_COLUMNS, unique=False)
        batch_op.create_index("ix_meetings_pair_muni_totals", PAIR_MUNI_COLUMNS, unique=False)
    # Meetings already logged for a pair whose organization is not the mentor's.
    op.execute(
        "UPDATE meetings SET pair_organization_id = ("
        " SELECT ms.organization_id FROM mentorships ms WHERE ms.id = meetings.mentorship_id)"
        " WHERE mentorship_id IS NOT NULL AND organization_id <> ("
        " SELECT ms.organization_id FROM mentorships ms WHERE ms.id = meetings.mentorship_id)"
    )
    op.execute(
        "UPDATE meetings SET pair_municipality_id = ("
        " SELECT o.municipality_id FROM organizations o WHERE o.id = meetings.pair_organization_id)"
        " WHERE pair_organization_id IS NOT NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_index("ix_meetings_pair_muni_totals")
        batch_op.drop_index("ix_meetings_pair_org_totals")
        batch_op.drop_column("pair_municipality_id")
        batch_op.drop_column("pair_organization_id")
