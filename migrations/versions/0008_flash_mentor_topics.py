"""flash mentor topics: an index of the catalog keys in people's profiles and of the stems
of mentors' flash notes, for the flash candidate query (backfilled from
participants.subjects / participants.expertise and flash_mentor_profiles.stems)

Revision ID: 0008
Revises: 0007
"""

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 5000


def _keys(raw: Any) -> list[str]:
    """A JSON list column as read back: text on SQLite, already a list on PostgreSQL."""
    if isinstance(raw, str):
        raw = json.loads(raw) if raw else []
    return [str(item) for item in raw] if isinstance(raw, list) else []


def upgrade() -> None:
    table = op.create_table(
        "flash_mentor_topics",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_flash_mentor_topics_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("participant_id", "topic", name=op.f("pk_flash_mentor_topics")),
    )
    op.create_index(
        "ix_flash_mentor_topics_topic",
        "flash_mentor_topics",
        ["topic", "participant_id"],
        unique=False,
    )
    # Backfill: the same keys as bot.services.flash.topics.mentor_keys (inlined, so that the
    # migration does not change when the application code does).
    # (A deleted account's lists are already empty, so it gets no rows.)
    rows = (
        op.get_bind()
        .execute(sa.text("SELECT id, subjects, expertise FROM participants"))
        .fetchall()
    )
    batch: list[dict[str, Any]] = []
    for pid, subjects, expertise in rows:
        keys = {f"subject:{key}" for key in _keys(subjects)}
        keys |= {f"deficit:{key}" for key in _keys(expertise)}
        batch += [{"participant_id": pid, "topic": key} for key in sorted(keys)]
        if len(batch) >= BATCH:
            op.bulk_insert(table, batch)
            batch = []
    # The stems of mentors' notes, as bot.services.flash.topic_index.WORD keys.
    profiles = op.get_bind().execute(
        sa.text("SELECT participant_id, stems FROM flash_mentor_profiles WHERE stems != ''")
    )
    for pid, stems in profiles.fetchall():
        batch += [
            {"participant_id": pid, "topic": f"word:{stem}"} for stem in sorted(set(stems.split()))
        ]
        if len(batch) >= BATCH:
            op.bulk_insert(table, batch)
            batch = []
    if batch:
        op.bulk_insert(table, batch)


def downgrade() -> None:
    op.drop_index("ix_flash_mentor_topics_topic", table_name="flash_mentor_topics")
    op.drop_table("flash_mentor_topics")
