"""The `mentorbot` command line: operator tasks, and a clear refusal to run without a token."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.fakes.telegram import FakeTelegram
from bot.i18n import Translator
from data import DATA_DIR
from handlers.menu import set_default_commands
from tests.conftest import run_blocking


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cli.sqlite3"
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{path}")
    monkeypatch.delenv("BOT_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env is read
    return path


def test_operator_sets_up_a_region(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        run_blocking(main, ["admin", "load-directory", str(DATA_DIR / "directory_tomsk.yaml")]) == 0
    )
    assert "2 regions, 4 municipalities, 13 organizations" in capsys.readouterr().out
    assert (
        run_blocking(main, ["admin", "load-directory", str(DATA_DIR / "directory_example.csv")])
        == 0
    )
    assert "new: 0 regions, 0 municipalities, 0 organizations" in capsys.readouterr().out
    assert run_blocking(main, ["admin", "show-directory"]) == 0
    listing = capsys.readouterr().out
    assert "municipality 1: Город Кедровый" in listing and "region 2: Самарская область" in listing
    assert (
        run_blocking(main, ["admin", "invite-coordinator", "--level", "municipality", "--id", "1"])
        == 0
    )
    assert "?start=" in capsys.readouterr().out
    # A person who has not registered cannot be made a coordinator; a missing scope neither.
    assert (
        run_blocking(
            main, ["admin", "grant-coordinator", "--tg-id", "5", "--level", "region", "--id", "1"]
        )
        == 1
    )
    assert "Не найдено" in capsys.readouterr().out
    assert (
        run_blocking(main, ["admin", "invite-coordinator", "--level", "region", "--id", "99"]) == 1
    )


def test_a_bad_directory_file_is_refused(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("regions:\n  - code: x\n    name: X\n    timezone: Mars/Base\n", "utf-8")
    assert run_blocking(main, ["admin", "load-directory", str(bad)]) == 1
    assert "Mars/Base" in capsys.readouterr().out


def test_run_without_a_token_says_what_to_do(database: Path) -> None:
    with pytest.raises(SystemExit, match="BOT_TOKEN"):
        run_blocking(main, ["run"])


def test_migrate(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_blocking(main, ["migrate"]) == 0
    assert database.exists() and "up to date" in capsys.readouterr().out


async def test_default_commands_in_both_languages() -> None:
    fake = FakeTelegram()
    bot = fake.create_bot()
    await set_default_commands(bot, Translator.load())
    calls = [c for c in fake.calls if type(c).__name__ == "SetMyCommands"]
    assert {c.language_code for c in calls} == {None, "en"}
    assert all(c.commands[0].command == "start" for c in calls)
