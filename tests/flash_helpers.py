"""Helpers for the flash tests (no tests here): people, ticks, what the chats show.

The flash router is registered by handlers.get_routers like every feature's, so these tests
go through the same dispatcher the bot runs.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import func, select

from bot.app import App
from models import Participant
from models.enums import Role, ScopeLevel
from models.flash import FlashOffer, FlashRequest
from scheduler.tick import run_due
from tests.support import World

SCHOOL = "СОШ № 1 г. Кедрового"
SCHOOL_2 = "Пудинская СОШ"
OTHER_MUNI_SCHOOL = "Зональненская СОШ"
SAMARA = "СОШ № 1 Самара"


async def add_mentor(
    world: World,
    tg_id: int,
    name: str,
    *,
    org: str = SCHOOL,
    subjects: tuple[str, ...] = ("math",),
    expertise: tuple[str, ...] = ("methodical",),
    capacity: int = 2,
    formats: tuple[str, ...] = ("online", "offline"),
    flash: bool = True,
    language: str = "ru",
) -> Participant:
    return await world.add_person(
        tg_id,
        name=name,
        org=org,
        role=Role.mentor,
        subjects=list(subjects),
        expertise=list(expertise),
        capacity=capacity,
        formats=list(formats),
        flash_available=flash,
        language=language,
    )


async def add_teacher(
    world: World, tg_id: int, name: str = "Молодая Учительница", **kwargs: Any
) -> Participant:
    kwargs.setdefault("subjects", ["math"])
    kwargs.setdefault("deficits", ["digital"])
    kwargs.setdefault("experience_years", 1)
    return await world.add_person(tg_id, name=name, **kwargs)


async def add_coordinator(world: World, tg_id: int, org: str = SCHOOL) -> Participant:
    return await world.add_person(
        tg_id,
        name="Координатор Школы",
        org=org,
        coordinator_of=(ScopeLevel.organization, await world.org_id(org)),
    )


async def tick(app: App) -> int:
    return await run_due(
        factory=app.factory, clock=app.clock, settings=app.settings, translator=app.translator
    )


async def later(app: App, world: World, **delta: float) -> None:
    """Move the clock, run what fell due, deliver what it queued."""
    app.clock.advance(timedelta(**delta))  # type: ignore[attr-defined]
    await tick(app)
    await world.drain()


async def the_request(world: World) -> FlashRequest:
    async with world.db() as session:
        request = await session.scalar(select(FlashRequest).order_by(FlashRequest.id.desc()))
    assert request is not None
    return request


async def offers_of(world: World, request_id: int) -> list[FlashOffer]:
    async with world.db() as session:
        return list(
            await session.scalars(
                select(FlashOffer)
                .where(FlashOffer.request_id == request_id)
                .order_by(FlashOffer.id)
            )
        )


async def count(world: World, model: type) -> int:
    async with world.db() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


def texts_to(world: World, tg_id: int) -> list[str]:
    return [m.text or "" for m in world.fake.sent_messages(tg_id)]


async def ask(user: Any, description: str = "Как объяснить сложение дробей в 5 классе") -> None:
    """The whole /flash conversation with the usual answers, up to the summary."""
    await user.send("/flash")
    await user.click("Школьный предмет")
    await user.click("Математика")
    await user.send(description)
    await user.click("Неважно")
    await user.click("На этой неделе")
