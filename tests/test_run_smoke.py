"""`mentorbot run` as an operator starts it: only BOT_TOKEN set (here also the address of a
local Bot API server standing in for Telegram), a fresh SQLite file, long polling."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from pathlib import Path

from sqlalchemy import text

from bot import runner
from bot.db import create_engine
from tests.conftest import base_settings
from tests.local_api import TOKEN, LocalBotApi, command_update, serving


async def test_run_migrates_a_fresh_file_and_answers_start(tmp_path: Path) -> None:
    api = LocalBotApi([command_update(1)])
    database = tmp_path / "mentorbot.sqlite3"
    async with serving(api) as url:
        settings = base_settings(
            database_url=f"sqlite+aiosqlite:///{database}", bot_token=TOKEN, telegram_api_url=url
        )
        task = asyncio.create_task(runner.run(settings))
        try:
            await asyncio.wait_for(api.answered.wait(), timeout=60)
            state = await asyncio.wait_for(_committed_state(database), timeout=30)
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
    assert "Согласие на обработку персональных данных" in api.sent[0]["text"]
    assert {"deleteWebhook", "setMyCommands", "getUpdates"} <= set(api.methods)
    # The schema was created on start, and the conversation step is kept in the file.
    with sqlite3.connect(database) as plain:
        assert plain.execute("SELECT version_num FROM alembic_version").fetchone()
    assert state.endswith("RegistrationSG:consent")


async def _committed_state(database: Path) -> str:
    """The conversation state of the chat, once the update's transaction has committed."""
    while True:
        with contextlib.suppress(sqlite3.OperationalError):
            with sqlite3.connect(database) as plain:
                row = plain.execute("SELECT state FROM fsm_records").fetchone()
            if row and row[0]:
                return str(row[0])
        await asyncio.sleep(0.05)


async def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    engine = create_engine(base_settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'x.db'}"))
    try:
        async with engine.connect() as connection:
            mode = (await connection.execute(text("PRAGMA journal_mode"))).scalar()
            keys = (await connection.execute(text("PRAGMA foreign_keys"))).scalar()
            timeout = (await connection.execute(text("PRAGMA busy_timeout"))).scalar()
    finally:
        await engine.dispose()
    assert (mode, keys, timeout) == ("wal", 1, 5000)
