"""Helpers of the announcement, event and delivery tests (no tests here)."""

from __future__ import annotations

from typing import Any

from aiogram.types import Message, PhotoSize, Update
from sqlalchemy import func, select

from bot.app import App
from bot.fakes.client import TelegramUser
from models import DueTask, OutboxMessage, Participant
from models.enums import DueTaskStatus, Role, ScopeLevel
from scheduler.tick import run_due
from tests.support import World, muni_id

SCHOOL = "СОШ № 1 г. Кедрового"
OTHER_SCHOOL = "Зональненская СОШ"


async def school_coordinator(world: World, tg_id: int = 700, org: str = SCHOOL) -> Participant:
    return await world.add_person(
        tg_id,
        name="Координатор Школы",
        org=org,
        coordinator_of=(ScopeLevel.organization, await world.org_id(org)),
    )


async def municipal_coordinator(
    world: World, tg_id: int = 701, municipality: str = "Город Кедровый"
) -> Participant:
    async with world.db() as session:
        muni = await muni_id(session, municipality)
    return await world.add_person(
        tg_id,
        name="Муниципальный Координатор",
        org="Отдел образования г. Кедровый",
        coordinator_of=(ScopeLevel.municipality, muni),
    )


async def teachers(
    world: World, first_tg: int, count: int, *, org: str = SCHOOL, role: Role = Role.mentee
) -> list[Participant]:
    return [
        await world.add_person(first_tg + i, name=f"Учитель {letters(i)}", org=org, role=role)
        for i in range(count)
    ]


def letters(number: int) -> str:
    """A name part from a number (names may hold no digits): 0 → Ааа, 1 → Ааб…"""
    alphabet = "абвгдежзиклмнопрстуфхцчшэюя"
    word = ""
    for _ in range(3):
        number, rest = divmod(number, len(alphabet))
        word = alphabet[rest] + word
    return word.capitalize()


def tick_args(app: App) -> dict[str, Any]:
    return {
        "factory": app.factory,
        "clock": app.clock,
        "settings": app.settings,
        "translator": app.translator,
    }


async def settle(world: World, rounds: int = 60) -> None:
    """Run due work and deliver, 15 s of the fake clock per round, until no announcement
    work is left (reports included)."""
    for _ in range(rounds):
        await run_due(**tick_args(world.app))
        await world.drain()
        async with world.db() as session:
            left = await session.scalar(
                select(func.count(DueTask.id)).where(
                    DueTask.status == DueTaskStatus.pending,
                    DueTask.kind.startswith("announcement-"),
                )
            )
        if not left:
            return
        world.app.clock.advance(seconds=15)  # type: ignore[attr-defined]
    raise AssertionError("announcement work did not settle")


async def outbox_count(world: World, **where: Any) -> int:
    async with world.db() as session:
        query = select(func.count(OutboxMessage.id))
        for name, value in where.items():
            query = query.where(getattr(OutboxMessage, name) == value)
        return int(await session.scalar(query) or 0)


async def send_photo(user: TelegramUser, size: int = 50_000, caption: str | None = None) -> None:
    """A photo from the user (TelegramUser sends documents; photos are built here)."""
    stored = user.fake.register_file(b"\xff\xd8" + b"0" * 100, kind="photo")
    photo = PhotoSize(
        file_id=stored.file_id,
        file_unique_id=stored.file_unique_id,
        width=800,
        height=600,
        file_size=size,
    )
    message: Message = user._incoming(photo=[photo], caption=caption)
    await user._feed(Update(update_id=user.fake.next_update_id(), message=message))


def texts_of(world: World, chat_id: int) -> list[str]:
    return [m.text or m.caption or "" for m in world.fake.sent_messages(chat_id)]
