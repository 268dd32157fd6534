"""The Alembic migrations build exactly the schema the models describe, and go down again."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

import models
from bot.migrate import alembic_config
from tests.conftest import run_blocking


def _diff(path: Path) -> list:
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, models.Base.metadata)
    engine.dispose()
    return diff


def test_head_matches_the_models(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite3"
    config = alembic_config(f"sqlite+aiosqlite:///{path}")
    run_blocking(command.upgrade, config, "head")
    assert _diff(path) == []


def test_downgrade_to_base_and_up_again(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite3"
    config = alembic_config(f"sqlite+aiosqlite:///{path}")
    run_blocking(command.upgrade, config, "head")
    run_blocking(command.downgrade, config, "base")
    run_blocking(command.upgrade, config, "head")
    assert _diff(path) == []


def _fill(db: sqlite3.Connection, table: str, **given: object) -> int:
    """Insert a row with a placeholder in every required column (foreign keys are off on a
    plain sqlite3 connection, so no parents are needed)."""
    placeholders = {"INTEGER": 1, "BIGINT": 1, "BOOLEAN": 0, "DATE": "2026-01-01", "JSON": "{}"}
    values = dict(given)
    for _cid, name, kind, notnull, default, pk in db.execute(f"PRAGMA table_info({table})"):
        if notnull and default is None and not pk and name not in values:
            values[name] = placeholders.get(kind.split("(")[0], "2026-01-01 00:00:00")
    columns = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    cursor = db.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(values.values()))
    return int(cursor.lastrowid or 0)


def test_going_down_a_step_keeps_the_children_of_a_rebuilt_table(tmp_path: Path) -> None:
    """0009's downgrade rebuilds `meetings` (SQLite drops a column by copying the table): the
    meeting's attendees and history must survive it, not cascade away with the old copy."""
    path = tmp_path / "m.sqlite3"
    config = alembic_config(f"sqlite+aiosqlite:///{path}")
    run_blocking(command.upgrade, config, "0009")
    with sqlite3.connect(path) as db:
        meeting = _fill(db, "meetings")
        _fill(db, "meeting_attendees", meeting_id=meeting)
        _fill(db, "meeting_revisions", meeting_id=meeting)
    run_blocking(command.downgrade, config, "0008")
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM meeting_attendees").fetchone() == (1,)
        assert db.execute("SELECT count(*) FROM meeting_revisions").fetchone() == (1,)
