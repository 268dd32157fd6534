"""Fixtures of the flash service tests: a seeded directory on the database under test."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import FakeClock
from bot.db import create_engine, create_session_factory
from tests.conftest import base_settings, with_directory
from tests.services.flash_setup import Seed


@pytest.fixture
def seed(factory: async_sessionmaker[AsyncSession]) -> Seed:
    return Seed(factory, FakeClock())


@pytest.fixture
async def sqlite_seed(sqlite_url: str, request: pytest.FixtureRequest) -> AsyncIterator[Seed]:
    """For rules that do not depend on the database: SQLite only, faster."""
    await with_directory(sqlite_url, request)
    engine = create_engine(base_settings(database_url=sqlite_url))
    try:
        yield Seed(create_session_factory(engine), FakeClock())
    finally:
        await engine.dispose()
