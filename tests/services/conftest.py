"""Fixtures of the flash service tests: a seeded directory on the database under test."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import FakeClock
from tests.conftest import base_settings
from tests.services.flash_setup import Seed
from tests.support import directory_factory


@pytest.fixture
def seed(factory: async_sessionmaker[AsyncSession]) -> Seed:
    return Seed(factory, FakeClock())


@pytest.fixture
async def sqlite_seed(sqlite_url: str) -> AsyncIterator[Seed]:
    """For rules that do not depend on the database: SQLite only, faster."""
    async with directory_factory(base_settings(database_url=sqlite_url)) as factory:
        yield Seed(factory, FakeClock())
