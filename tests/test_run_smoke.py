"""`mentorbot run` as an operator starts it: only BOT_TOKEN set (here also the address of a
local Bot API server standing in for Telegram), a fresh SQLite file, long polling."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from pathlib import Path
from typing import Any

from aiohttp import web
from sqlalchemy import text

from bot import runner
from bot.db import create_engine
from tests.conftest import base_settings

TOKEN = "123456:SMOKE-TOKEN"
CHAT = {"id": 4242, "type": "private", "first_name": "Мария"}
USER = {"id": 4242, "is_bot": False, "first_name": "Мария", "language_code": "ru"}


class LocalBotApi:
    """Just enough of the Bot API for one /start over long polling."""

    def __init__(self) -> None:
        self.methods: list[str] = []
        self.sent: list[dict[str, Any]] = []
        self.updates = [
            {
                "update_id": 1,
                "message": {
                    "message_id": 1,
                    "date": 1_700_000_000,
                    "chat": CHAT,
                    "from": USER,
                    "text": "/start",
                    "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
                },
            }
        ]
        self.answered = asyncio.Event()

    async def handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        self.methods.append(method)
        params: dict[str, Any] = dict(await request.post())
        if method == "getMe":
            result: Any = {"id": 1, "is_bot": True, "first_name": "Bot", "username": "smoke_bot"}
        elif method == "getUpdates":
            offset = int(params.get("offset") or 0)
            result = [u for u in self.updates if u["update_id"] >= offset]
            if not result:
                await asyncio.sleep(0.2)  # a short long-poll
        elif method == "sendMessage":
            self.sent.append(params)
            result = {
                "message_id": 100 + len(self.sent),
                "date": 1_700_000_000,
                "chat": CHAT,
                "text": params.get("text", ""),
            }
            self.answered.set()
        else:  # deleteWebhook, setMyCommands, ...
            result = True
        return web.json_response({"ok": True, "result": result})


async def test_run_migrates_a_fresh_file_and_answers_start(tmp_path: Path) -> None:
    api = LocalBotApi()
    server = web.Application()
    server.router.add_route("POST", "/bot{token}/{method}", api.handle)
    web_runner = web.AppRunner(server)
    await web_runner.setup()
    site = web.TCPSite(web_runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    database = tmp_path / "mentorbot.sqlite3"
    settings = base_settings(
        database_url=f"sqlite+aiosqlite:///{database}",
        bot_token=TOKEN,
        telegram_api_url=f"http://127.0.0.1:{port}",
    )
    task = asyncio.create_task(runner.run(settings))
    try:
        await asyncio.wait_for(api.answered.wait(), timeout=60)
        state = await asyncio.wait_for(_committed_state(database), timeout=30)
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await web_runner.cleanup()
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
