"""The `mentorbot` command line: operator tasks, and a clear refusal to run without a token."""

from __future__ import annotations

import asyncio
import socket
import sqlite3
from pathlib import Path

import pytest

from bot.cli import main
from bot.fakes.telegram import FakeTelegram
from bot.i18n import Translator
from data import DATA_DIR
from handlers.menu import set_default_commands
from tests.conftest import run_blocking
from tests.local_api import TOKEN, USERNAME, LocalBotApi, serving

INVITE = ["admin", "invite-coordinator", "--level", "municipality", "--id", "1"]


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
        run_blocking(
            main,
            [*INVITE, "--bot-username", "@kedrovy_mentor_bot"],
        )
        == 0
    )
    assert "https://t.me/kedrovy_mentor_bot?start=" in capsys.readouterr().out
    # A person who has not registered cannot be made a coordinator; a missing scope neither.
    assert (
        run_blocking(
            main, ["admin", "grant-coordinator", "--tg-id", "5", "--level", "region", "--id", "1"]
        )
        == 1
    )
    assert "Не найдено" in capsys.readouterr().out
    assert (
        run_blocking(
            main,
            [
                *INVITE[:2],
                "--level",
                "region",
                "--id",
                "99",
                "--bot-username",
                "kedrovy_mentor_bot",
            ],
        )
        == 1
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


async def test_default_commands_in_both_languages(translator: Translator) -> None:
    fake = FakeTelegram()
    bot = fake.create_bot()
    await set_default_commands(bot, translator)
    calls = [c for c in fake.calls if type(c).__name__ == "SetMyCommands"]
    assert {c.language_code for c in calls} == {None, "en"}
    assert all(c.commands[0].command == "start" for c in calls)


# --- invite links: the bot's username from the configured Bot API, or from the operator ------


def _invite_codes(database: Path) -> list[str]:
    with sqlite3.connect(database) as plain:
        return [row[0] for row in plain.execute("SELECT code FROM invites")]


@pytest.fixture
def directory_loaded(database: Path) -> Path:
    assert (
        run_blocking(main, ["admin", "load-directory", str(DATA_DIR / "directory_tomsk.yaml")]) == 0
    )
    return database


async def test_the_link_names_the_bot_as_the_configured_api_server_knows_it(
    directory_loaded: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    api = LocalBotApi()
    async with serving(api) as url:
        monkeypatch.setenv("BOT_TOKEN", TOKEN)
        monkeypatch.setenv("TELEGRAM_API_URL", url)
        capsys.readouterr()
        assert await asyncio.to_thread(main, INVITE) == 0
    [code] = _invite_codes(directory_loaded)
    assert capsys.readouterr().out.strip() == f"https://t.me/{USERNAME}?start={code}"
    assert api.methods == ["getMe"]  # asked the server it was told to use, nothing else


async def test_an_unreachable_api_creates_no_invite_and_says_what_to_do(
    directory_loaded: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("BOT_TOKEN", TOKEN)
    monkeypatch.setenv("TELEGRAM_API_URL", f"http://127.0.0.1:{port}")
    capsys.readouterr()
    assert await asyncio.to_thread(main, INVITE) == 1
    captured = capsys.readouterr()
    assert captured.out == ""  # no link that would not work
    assert f"http://127.0.0.1:{port}" in captured.err and "--bot-username" in captured.err
    assert "No invite was created" in captured.err
    assert TOKEN not in captured.err  # the token is a secret, even in an error
    assert _invite_codes(directory_loaded) == []


def test_without_a_token_the_username_comes_from_the_operator(
    directory_loaded: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert run_blocking(main, INVITE) == 1
    error = capsys.readouterr().err
    assert "--bot-username" in error and "BOT_USERNAME" in error and "<bot_username>" not in error
    assert _invite_codes(directory_loaded) == []
    monkeypatch.setenv("BOT_USERNAME", "@Kedrovy_Mentor_Bot")
    assert run_blocking(main, INVITE) == 0
    [code] = _invite_codes(directory_loaded)
    assert capsys.readouterr().out.strip() == f"https://t.me/Kedrovy_Mentor_Bot?start={code}"


def test_a_mistyped_username_is_refused_by_the_command_line(
    directory_loaded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main([*INVITE, "--bot-username", "t.me/my bot"])
    assert "not a Telegram username" in capsys.readouterr().err
    assert _invite_codes(directory_loaded) == []
