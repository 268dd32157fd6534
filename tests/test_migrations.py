"""The Alembic migrations build exactly the schema the models describe, and go down again."""

from __future__ import annotations

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
