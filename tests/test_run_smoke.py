"""`mentorbot run` as an operator starts it: only BOT_TOKEN set (here also the address of a
local Bot API server standing in for Telegram), a fresh SQLite file, long polling."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import sqlite3
import sys
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import text

from bot import runner
from bot.db import create_engine, transaction
from models.enums import OutboxStatus
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


def _window(plain: sqlite3.Connection) -> str | None:
    """The window of the chat's open dialog (aiogram_dialog keeps it in a context record)."""
    for (data,) in plain.execute("SELECT data FROM fsm_records"):
        state = json.loads(data).get("state") if data else None
        if state:
            return str(state)
    return None


async def _committed_state(database: Path) -> str:
    """The conversation state of the chat, once the update's transaction has committed."""
    while True:
        with contextlib.suppress(sqlite3.OperationalError):
            with sqlite3.connect(database) as plain:
                found = _window(plain)
            if found:
                return found
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


# --- a stop by signal, as systemd / docker / Ctrl-C do it, in both modes ---------------------

ROOT = Path(__file__).resolve().parents[1]
SEEDED = list(range(5000, 5200))  # an announcement's copies, queued before the start
NEWCOMER, LATECOMER = 4242, 4343
SECRET = "smoke_secret-1"


class BotProcess:
    """`python -m bot.cli run` in a process of its own, its log read as it comes."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.log: list[str] = []
        self._reader = asyncio.create_task(self._read())

    @classmethod
    async def start(cls, cwd: Path, env: dict[str, str]) -> BotProcess:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.cli",
            "run",
            cwd=cwd,  # no stray .env is read
            env={"PATH": os.environ["PATH"], "PYTHONPATH": str(ROOT), **env},
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        return cls(process)

    async def _read(self) -> None:
        assert self.process.stderr is not None
        async for line in self.process.stderr:
            self.log.append(line.decode(errors="replace"))

    async def logged(self, fragment: str) -> None:
        while not any(fragment in line for line in self.log):
            assert self.process.returncode is None, "".join(self.log)
            await asyncio.sleep(0.02)

    async def exit_code(self) -> int:
        code = await self.process.wait()
        await self._reader
        return code

    def kill(self) -> None:
        if self.process.returncode is None:
            self.process.kill()


async def _seed_outbox(url: str) -> None:
    from datetime import UTC, datetime

    from bot.clock import FakeClock
    from bot.services import outbox
    from tests.conftest import make_app

    clock = FakeClock(datetime(2000, 1, 1, tzinfo=UTC))  # due at once in real time
    app = await make_app(base_settings(database_url=url), clock)
    try:
        async with transaction(app.factory) as session:
            await outbox.enqueue_many(
                session,
                clock,
                [
                    outbox.Outgoing(
                        "sendMessage", {"chat_id": c, "text": "Объявление"}, c, f"s:{c}", "ann:1"
                    )
                    for c in SEEDED
                ],
            )
    finally:
        await app.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _refused(port: int) -> bool:
    try:
        _reader, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        return True
    writer.close()
    return False


async def _post_update(port: int, update: dict[str, Any]) -> int:
    """POST an update as Telegram does, retrying until the server listens."""
    async with aiohttp.ClientSession() as client:
        while True:
            try:
                async with client.post(
                    f"http://127.0.0.1:{port}/telegram",
                    json=update,
                    headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
                ) as response:
                    return response.status
            except aiohttp.ClientConnectionError:
                await asyncio.sleep(0.05)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
@pytest.mark.parametrize("mode", ["polling", "webhook"])
async def test_a_signal_stops_taking_updates_finishes_what_is_in_flight_and_exits_0(
    mode: str, signum: signal.Signals, sqlite_url: str, tmp_path: Path
) -> None:
    await _seed_outbox(sqlite_url)
    polling = mode == "polling"
    api = LocalBotApi([command_update(1, "/start", NEWCOMER)] if polling else [], send_delay=0.01)
    api.hold_chat = NEWCOMER  # the reply to /start stays in flight until released
    port = _free_port()
    env = {
        "BOT_TOKEN": TOKEN,
        "DATABASE_URL": sqlite_url,
        "OUTBOX_RATE_PER_SECOND": "20",  # the 200 copies take ~10 s: the stop finds them going
        "LOG_LEVEL": "INFO",
    }
    if not polling:
        env |= {"WEBHOOK_URL": "https://bot.example.org", "WEBHOOK_SECRET": SECRET}
        env |= {"WEB_HOST": "127.0.0.1", "WEB_PORT": str(port)}
    async with serving(api) as url, asyncio.timeout(120):
        bot = await BotProcess.start(tmp_path, {**env, "TELEGRAM_API_URL": url})
        try:
            posted = (
                None
                if polling
                else asyncio.create_task(_post_update(port, command_update(1, "/start", NEWCOMER)))
            )
            await api.holding.wait()  # an update is being handled
            while len([p for p in api.sent if int(p["chat_id"]) in SEEDED]) < 5:  # noqa: ASYNC110
                await asyncio.sleep(0.02)  # and the announcement is going out
            bot.process.send_signal(signum)
            await bot.logged(f"{signum.name}: stopping")
            # No more updates are taken ...
            if polling:
                api.updates.append(command_update(2, "/help", LATECOMER))
            else:
                while not await _refused(port):  # noqa: ASYNC110
                    await asyncio.sleep(0.02)
            # ... but the one being handled is waited for.
            assert bot.process.returncode is None
            api.release.set()
            if posted is not None:
                assert await posted == 200  # answered after it was handled and committed
            code = await bot.exit_code()
        finally:
            bot.kill()
    log = "".join(bot.log)
    assert code == 0, log
    assert "Traceback" not in log and "KeyboardInterrupt" not in log, log
    assert "stopped" in bot.log[-1], log
    assert len(api.sent_to(NEWCOMER)) == 1 and api.sent_to(LATECOMER) == []
    # What was claimed is either written as sent (once) or back in the queue: a restart
    # neither waits for a lease nor sends anything twice.
    accepted = [int(p["chat_id"]) for p in api.sent if int(p["chat_id"]) in SEEDED]
    assert len(accepted) == len(set(accepted))
    database = sqlite_url.removeprefix("sqlite+aiosqlite:///")
    with sqlite3.connect(database) as plain:
        statuses = dict(plain.execute("SELECT status, count(*) FROM outbox GROUP BY status"))
        sent = {row[0] for row in plain.execute("SELECT chat_id FROM outbox WHERE status='sent'")}
        state = _window(plain)
    assert OutboxStatus.sending not in statuses
    assert sent >= set(accepted) and set(SEEDED) - sent  # stopped midway, all recorded
    assert state and state.endswith("RegistrationSG:consent")  # the update committed
