"""Shared fixtures: a migrated database per test, the real app wired to a fake Bot API.

The scale tier (PostgreSQL, Redis) runs when the services are reachable, and the tests that
read the real roadmap documents when ../shared/seeds is there. With MENTORBOT_SCALE_TESTS=1
(CI) a missing service or folder fails those tests instead of skipping them.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import shutil
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from aiogram.methods import AnswerCallbackQuery
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.app import App, build_app
from bot.clock import FakeClock
from bot.db import create_engine, create_session_factory
from bot.fakes.telegram import FakeTelegram
from bot.i18n import Translator
from bot.migrate import upgrade_sync
from bot.settings import Settings
from tests import (
    handler_signatures,
    hypothesis_profiles,  # noqa: F401 - loads the profile HYPOTHESIS_PROFILE names
)
from tests.support import (
    ADMIN_ID,
    SEEDS_DIR,
    ErrorLog,
    World,
    directory_factory,
    shared_translator,
)

PG_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")


def _worker_redis_url(server: str) -> str:
    """Each pytest-xdist worker flushes a Redis database of its own (15, 14, ...), so one
    worker's flush never empties another's state in the middle of a test."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    number = int(worker.removeprefix("gw") or 0)
    return f"{server.rstrip('/')}/{15 - number % 16}"


# TEST_REDIS_URL names the server; the database number is the worker's.
REDIS_URL = _worker_redis_url(os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379"))
SCALE_REQUIRED = os.environ.get("MENTORBOT_SCALE_TESTS") == "1"

handler_signatures.install()  # each test builds an app: see the module
# Thousands of tests each build an app of some 50,000 objects: with the default thresholds the
# collector kept rescanning everything imported (with the line above, routers build in 0.02 s
# instead of 0.08 s). What the imports made is kept out of its sight, and it runs less often
# (cycles are still collected).
gc.freeze()
gc.set_threshold(50_000, 20, 20)


def run_blocking(func, *args):  # type: ignore[no-untyped-def]
    """Run set-up work that owns its own event loop (Alembic's env.py, admin SQL) in a thread,
    so it works whether or not the calling fixture runs inside pytest-asyncio's loop."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(func, *args).result()


def _missing(reason: str) -> None:
    """Skip a test whose outside dependency is missing; in CI, fail it."""
    if SCALE_REQUIRED:
        pytest.fail(f"MENTORBOT_SCALE_TESTS=1 but {reason}")
    pytest.skip(reason)


def _unavailable(what: str, error: BaseException) -> None:
    _missing(f"{what} is not reachable ({type(error).__name__}: {error})")


def base_settings(**overrides: object) -> Settings:
    values: dict[str, object] = {
        "bot_token": None,
        "redis_url": None,
        "webhook_url": None,
        "admin_ids": [ADMIN_ID],
        "throttle_rate": 10_000,
        "default_timezone": "Asia/Tomsk",
        # The limiter runs on real time; tests that are about it set their own.
        "outbox_chat_interval_seconds": 0.0,
        "outbox_rate_per_second": 100_000.0,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrate once with Alembic; each test gets a copy of the file."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    run_blocking(upgrade_sync, f"sqlite+aiosqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def directory_template(sqlite_template: Path) -> Path:
    """The migrated template with the example directory loaded: the set-up most tests share,
    once per run instead of once per test (a tenth of a second each)."""
    path = sqlite_template.with_name("directory.sqlite3")
    shutil.copy(sqlite_template, path)

    async def load() -> None:
        async with directory_factory(base_settings(database_url=f"sqlite+aiosqlite:///{path}")):
            pass

    run_blocking(asyncio.run, load())
    return path


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A fresh PostgreSQL database for the session, migrated with Alembic, dropped after."""
    import asyncpg

    plain = PG_URL.replace("+asyncpg", "")
    name = f"mentorbot_t_{uuid.uuid4().hex[:10]}"

    async def admin(sql: str) -> None:
        connection = await asyncpg.connect(plain, timeout=3)
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    try:
        run_blocking(asyncio.run, admin(f'CREATE DATABASE "{name}"'))
    except (OSError, asyncpg.PostgresError, TimeoutError) as error:
        _unavailable("PostgreSQL", error)
    url = PG_URL.rsplit("/", 1)[0] + f"/{name}"
    run_blocking(upgrade_sync, url)
    yield url
    run_blocking(asyncio.run, admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """../shared/seeds, the real roadmap documents beside the checkout."""
    if not SEEDS_DIR.is_dir():
        _missing(f"the roadmap documents (seeds) are not at {SEEDS_DIR}")
    return SEEDS_DIR


@pytest.fixture
def sqlite_url(tmp_path: Path, sqlite_template: Path) -> str:
    path = tmp_path / "bot.sqlite3"
    shutil.copy(sqlite_template, path)
    return f"sqlite+aiosqlite:///{path}"


async def with_directory(url: str, request: pytest.FixtureRequest) -> None:
    """Give the database of ``url`` the example directory: on SQLite the file becomes a copy
    of the template that has it already, on PostgreSQL it is loaded."""
    if url.startswith("sqlite"):
        shutil.copy(request.getfixturevalue("directory_template"), url.split(":///", 1)[1])
        return
    async with directory_factory(base_settings(database_url=url)):
        pass


async def _truncate_pg(url: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(url.replace("+asyncpg", ""))
    try:
        tables = await connection.fetch(
            "SELECT tablename FROM pg_tables"
            " WHERE schemaname = 'public' AND tablename <> 'alembic_version'"
        )
        if tables:
            names = ", ".join(f'"{row["tablename"]}"' for row in tables)
            await connection.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
    finally:
        await connection.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.scale)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> str:
    """Both databases for the tests that must hold on each."""
    if request.param == "sqlite":
        path = tmp_path / "bot.sqlite3"
        shutil.copy(sqlite_template, path)
        return f"sqlite+aiosqlite:///{path}"
    url = request.getfixturevalue("pg_database")
    run_blocking(asyncio.run, _truncate_pg(url))
    return url


@pytest.fixture
async def redis_url() -> str:
    from redis.asyncio import Redis

    client = Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        await client.flushdb()
    except (OSError, ConnectionError) as error:
        _unavailable("Redis", error)
    except Exception as error:  # redis-py wraps socket errors in its own classes
        _unavailable("Redis", error)
    finally:
        await client.aclose()
    return REDIS_URL


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def translator() -> Translator:
    """The locales, loaded once for the run: every app the tests build shares them."""
    return shared_translator()


async def make_app(settings: Settings, clock: FakeClock, fake: FakeTelegram | None = None) -> App:
    return build_app(
        settings,
        session=fake or FakeTelegram(),
        clock=clock,
        with_scheduler=False,
        translator=shared_translator(),
    )


@pytest.fixture
async def app(
    sqlite_url: str, clock: FakeClock, request: pytest.FixtureRequest
) -> AsyncIterator[App]:
    await with_directory(sqlite_url, request)
    application = await make_app(base_settings(database_url=sqlite_url), clock)
    yield application
    await application.close()
    _no_press_answered_twice(application)


def _no_press_answered_twice(application: App) -> None:
    """Telegram takes one answer per press and rejects a second: in every world test, each
    press the bot answered was answered once."""
    session = application.bot.session
    if not isinstance(session, FakeTelegram):
        return
    answered = Counter(
        record.method.callback_query_id
        for record in session.records
        if isinstance(record.method, AnswerCallbackQuery)
    )
    twice = sorted(query for query, times in answered.items() if times > 1)
    assert not twice, f"presses answered more than once: {twice}"


@pytest.fixture
async def any_world(
    database_url: str, clock: FakeClock, request: pytest.FixtureRequest
) -> AsyncIterator[World]:
    """A world on SQLite and on PostgreSQL, for the rules that must hold on both."""
    await with_directory(database_url, request)
    application = await make_app(base_settings(database_url=database_url), clock)
    try:
        yield World(application, application.bot.session)  # type: ignore[arg-type]
    finally:
        await application.close()


@pytest.fixture
async def factory(
    database_url: str, request: pytest.FixtureRequest
) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Sessions on both databases with the example directory, for service tests (no app)."""
    await with_directory(database_url, request)
    engine = create_engine(base_settings(database_url=database_url))
    try:
        yield create_session_factory(engine)
    finally:
        await engine.dispose()


@pytest.fixture
def fake(app: App) -> FakeTelegram:
    session = app.bot.session
    assert isinstance(session, FakeTelegram)
    return session


@pytest.fixture
def world(app: App, fake: FakeTelegram) -> World:
    return World(app, fake)


@pytest.fixture
def errors() -> Iterator[ErrorLog]:
    """Error log lines of bot.errors during a test (a handled update logs none)."""
    handler = ErrorLog()
    logger = logging.getLogger("bot.errors")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)
