"""Benchmark: one update through the whole stack (throttling, transaction, participant and
language loading, FSM storage in SQLite, a handler, the fake Bot API).

Baseline, measured in the same run: the same update through a bare aiogram dispatcher with an
in-memory FSM and a handler that only replies. The ratio is what our stack costs per update.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from aiogram import Dispatcher, Router
from aiogram.filters import Command
from aiogram.types import Message

from bot.app import build_app
from bot.db import transaction
from bot.fakes.client import TelegramUser
from bot.fakes.telegram import FakeTelegram
from bot.migrate import upgrade
from bot.services import directory
from bot.settings import Settings
from data import DIRECTORY_EXAMPLE


def _percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def _time(user: TelegramUser, text: str, count: int) -> list[float]:
    samples = []
    for _ in range(count):
        start = time.perf_counter()
        await user.send(text)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


async def _baseline(count: int) -> list[float]:
    router = Router()

    @router.message(Command("help"))
    async def reply(message: Message) -> None:
        await message.answer("help")

    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    fake = FakeTelegram()
    bot = fake.create_bot()
    return await _time(TelegramUser(dispatcher, bot, fake, 5), "/help", count)


async def _ours(count: int, folder: Path) -> tuple[list[float], list[float]]:
    url = f"sqlite+aiosqlite:///{folder / 'bench.sqlite3'}"
    await upgrade(url)
    settings = Settings(
        _env_file=None,
        database_url=url,
        throttle_rate=10**9,
        bot_token=None,  # type: ignore[call-arg]
        redis_url=None,
        webhook_url=None,
    )
    fake = FakeTelegram()
    app = build_app(settings, session=fake, with_scheduler=False)
    try:
        async with transaction(app.factory) as session:
            await directory.load_directory(
                session, directory.read_directory_file(DIRECTORY_EXAMPLE)
            )
        user = TelegramUser(app.dispatcher, app.bot, fake, 5)
        help_samples = await _time(user, "/help", count)
        # A conversation step that writes FSM state: /start opens consent, /cancel clears it.
        step_samples = []
        for _ in range(count // 2):
            start = time.perf_counter()
            await user.send("/start")
            await user.send("/cancel")
            step_samples.append((time.perf_counter() - start) * 1000 / 2)
        return help_samples, step_samples
    finally:
        await app.close()


def run(quick: bool) -> list[dict[str, Any]]:
    count = 200 if quick else 2000

    async def measure() -> tuple[list[float], list[float], list[float]]:
        with tempfile.TemporaryDirectory() as folder:
            baseline = await _baseline(count)
            ours, steps = await _ours(count, Path(folder))
        return baseline, ours, steps

    baseline, ours, steps = asyncio.run(measure())
    base_p50 = statistics.median(baseline)
    return [
        {
            "name": "dispatch.help.p50",
            "value": statistics.median(ours),
            "unit": "ms",
            "baseline": base_p50,
            "target": 20.0,
        },
        {
            "name": "dispatch.help.p99",
            "value": _percentile(ours, 0.99),
            "unit": "ms",
            "baseline": _percentile(baseline, 0.99),
            "target": 50.0,
        },
        {
            "name": "dispatch.fsm_step.p50",
            "value": statistics.median(steps),
            "unit": "ms",
            "baseline": base_p50,
            "target": 20.0,
        },
        {
            "name": "dispatch.updates_per_second",
            "value": 1000 / statistics.mean(ours),
            "unit": "upd/s",
            "baseline": 1000 / statistics.mean(baseline),
            "target": 100.0,
            "higher_is_better": True,
        },
    ]
