"""Settings: every field documented in .env.example, values parsed as an operator writes them."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_is_documented_in_env_example() -> None:
    text = (ROOT / ".env.example").read_text("utf-8")
    assert [name for name in Settings.model_fields if f"\n{name.upper()}=" not in text] == []


def test_values_as_an_operator_writes_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADMIN_IDS", "11, 22;33")
    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://u@db/x")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.admin_ids == [11, 22, 33]
    assert not settings.is_sqlite


def test_unknown_time_zone_fails_at_start() -> None:
    with pytest.raises(ValidationError):
        Settings(_env_file=None, default_timezone="Mars/Olympus")  # type: ignore[call-arg]
