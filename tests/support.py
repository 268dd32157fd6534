"""Test helpers: a world of people around the real app, and direct database set-up."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.app import App
from bot.db import create_engine, create_session_factory, transaction
from bot.fakes.client import TelegramUser
from bot.fakes.telegram import FakeTelegram
from bot.i18n import Translator
from bot.services import directory, registration
from bot.services.registration import RegistrationDraft
from bot.settings import Settings
from data import DIRECTORY_EXAMPLE
from models import FsmRecord, Organization, Participant, RoleGrant
from models.enums import Category, ParticipantStatus, Role, ScopeLevel

ADMIN_ID = 900_000_001
# The real roadmap documents, beside the checkout (not shipped: the tests read them to check
# what was copied from them). The `seeds_dir` fixture hands them out.
SEEDS_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


@cache
def shared_translator() -> Translator:
    """The locales, loaded once per test run (a fifth of a second a load) and shared by every
    app the tests build: a translator is read-only."""
    return Translator.load()


@asynccontextmanager
async def directory_factory(settings: Settings) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """A session factory on the database of ``settings``, with the example directory loaded."""
    engine = create_engine(settings)
    factory = create_session_factory(engine)
    try:
        async with transaction(factory) as session:
            await directory.load_directory(
                session, directory.read_directory_file(DIRECTORY_EXAMPLE)
            )
        yield factory
    finally:
        await engine.dispose()


class World:
    def __init__(self, app: App, fake: FakeTelegram) -> None:
        self.app = app
        self.fake = fake

    def user(
        self, tg_id: int, *, language_code: str = "ru", first_name: str = "Test"
    ) -> TelegramUser:
        return TelegramUser(
            self.app.dispatcher,
            self.app.bot,
            self.fake,
            tg_id,
            first_name=first_name,
            language_code=language_code,
        )

    @asynccontextmanager
    async def db(self) -> AsyncIterator[AsyncSession]:
        async with transaction(self.app.factory) as session:
            yield session

    async def org_id(self, short_name: str) -> int:
        async with self.db() as session:
            org_id = await session.scalar(
                select(Organization.id).where(Organization.short_name == short_name)
            )
        assert org_id is not None, short_name
        return org_id

    async def person(self, tg_id: int) -> Participant | None:
        async with self.db() as session:
            return await registration.find_by_tg(session, tg_id)

    async def add_person(
        self,
        tg_id: int,
        *,
        name: str = "Иванова Мария Петровна",
        org: str = "СОШ № 1 г. Кедрового",
        role: Role = Role.mentee,
        category: Category = Category.teacher,
        status: ParticipantStatus = ParticipantStatus.active,
        coordinator_of: tuple[ScopeLevel, int] | None = None,
        language: str = "ru",
        **profile: Any,
    ) -> Participant:
        """Register someone directly through the service (set-up, not the thing under test)."""
        org_id = await self.org_id(org)
        async with self.db() as session:
            draft = RegistrationDraft(
                consent_version="test",
                consent_at=self.app.clock.now(),
                language=language,
                full_name=name,
                category=Category.teacher,
                organization_id=org_id,
                role=role,
                experience_years=profile.pop("experience_years", 5),
                capacity=profile.pop("capacity", 2 if role == Role.mentor else 0),
                formats=profile.pop("formats", ["online"] if role == Role.mentor else []),
                **profile,
            )
            person = await registration.register(session, self.app.clock, tg_id, draft)
            person.status = status
            person.category = category
            if coordinator_of is not None:
                session.add(
                    RoleGrant(
                        participant_id=person.id,
                        role=Role.coordinator,
                        scope_level=coordinator_of[0],
                        scope_id=coordinator_of[1],
                        created_at=self.app.clock.now(),
                    )
                )
        return person

    async def drain(self) -> None:
        """Deliver everything the bot queued (the sender's loop, run to completion)."""
        await self.app.sender.drain()

    def now(self) -> datetime:
        return self.app.clock.now()


async def muni_id(session: AsyncSession, name: str) -> int:
    from models import Municipality

    value = await session.scalar(select(Municipality.id).where(Municipality.name == name))
    assert value is not None, name
    return value


class ErrorLog(logging.Handler):
    """Collects error log lines (the `errors` fixture attaches one to bot.errors)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


async def conversation_of(world: World, tg_id: int) -> str | None:
    """Where the person's conversation stands: the open dialog's window (aiogram_dialog keeps
    it in a context record) or a hand-written conversation's FSM state; None when idle."""
    async with world.db() as session:
        records = list(
            await session.scalars(select(FsmRecord).where(FsmRecord.key.contains(f":{tg_id}:")))
        )
    windows = [r.data["state"] for r in records if r.data and "_intent_id" in r.data]
    if windows:
        return str(windows[-1])
    return next((r.state for r in records if r.state), None)


async def conversation_records(world: World, tg_id: int) -> list[tuple[str, str | None, Any]]:
    """Everything kept of the person's conversations (FSM states and data, dialog contexts and
    stacks): a refused answer or press leaves it as it was."""
    async with world.db() as session:
        records = await session.scalars(
            select(FsmRecord).where(FsmRecord.key.contains(f":{tg_id}:")).order_by(FsmRecord.key)
        )
        return [(r.key, r.state, r.data) for r in records]
