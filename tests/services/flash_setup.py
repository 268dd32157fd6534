"""Set-up for the flash service tests (no tests here): people on the database under test,
and a FlashEnv bound to one transaction (the ``seed`` fixtures: tests/services/conftest.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import FakeClock
from bot.db import transaction
from bot.i18n import Translator
from bot.services import registration
from bot.services.access import Actor, actor_for
from bot.services.flash.config import FlashConfig, FlashEnv
from bot.services.flash.requests import RequestDraft
from bot.services.registration import RegistrationDraft
from models import Organization, Participant, RoleGrant
from models.enums import Category, ParticipantStatus, Role
from tests.support import shared_translator

SCHOOL = "СОШ № 1 г. Кедрового"
SCHOOL_2 = "Пудинская СОШ"
OTHER_MUNI = "Зональненская СОШ"
SAMARA = "СОШ № 1 Самара"


@dataclass
class Seed:
    factory: async_sessionmaker[AsyncSession]
    clock: FakeClock
    config: FlashConfig = field(default_factory=FlashConfig)
    translator: Translator = field(default_factory=shared_translator)
    _next_tg: int = 5000

    @asynccontextmanager
    async def env(self) -> AsyncIterator[FlashEnv]:
        async with transaction(self.factory) as session:
            yield FlashEnv(session, self.clock, self.translator, self.config)

    async def org(self, short: str) -> int:
        async with transaction(self.factory) as session:
            value = await session.scalar(
                select(Organization.id).where(Organization.short_name == short)
            )
        assert value is not None, short
        return value

    async def person(
        self,
        name: str = "Иванова Мария",
        *,
        org: str = SCHOOL,
        role: Role = Role.mentee,
        coordinator: tuple[str, int] | None = None,
        **profile: Any,
    ) -> Participant:
        self._next_tg += 1
        org_id = await self.org(org)
        if role == Role.mentor:
            profile.setdefault("capacity", 2)
            profile.setdefault("formats", ["online", "offline"])
            profile.setdefault("flash_available", True)
            profile.setdefault("subjects", ["math"])
        async with transaction(self.factory) as session:
            person = await registration.register(
                session,
                self.clock,
                self._next_tg,
                RegistrationDraft(
                    consent_version="t",
                    consent_at=self.clock.now(),
                    language="ru",
                    full_name=name,
                    category=Category.teacher,
                    organization_id=org_id,
                    role=role,
                    experience_years=profile.pop("experience_years", 2),
                    **profile,
                ),
            )
            person.status = ParticipantStatus.active
            if coordinator is not None:
                session.add(
                    RoleGrant(
                        participant_id=person.id,
                        role=Role.coordinator,
                        scope_level=coordinator[0],
                        scope_id=coordinator[1],
                        created_at=self.clock.now(),
                    )
                )
                await session.flush()
                await session.refresh(person, ["roles"])
        return person

    async def reload(self, person: Participant) -> Participant:
        async with transaction(self.factory) as session:
            found = await session.get(Participant, person.id)
            assert found is not None
            await session.refresh(found, ["roles"])
            return found

    async def actor(self, person: Participant) -> Actor:
        fresh = await self.reload(person)
        return actor_for(fresh.tg_id or 0, fresh, [])


def draft(**changes: str) -> RequestDraft:
    values = {
        "topic": "subject:math",
        "description": "Как объяснить сложение дробей в 5 классе",
        "format": "any",
        "timing": "week",
    }
    values.update(changes)
    return RequestDraft(**values)
