"""Helpers of the pairs / meeting-log tests (no tests here): the ``make_*`` helpers set up
people directly through the services, for service tests on SQLite and PostgreSQL (with the
``factory`` and ``translator`` fixtures of tests/conftest.py)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.callbacks import packed_button
from bot.clock import Clock
from bot.i18n import Translator
from bot.services import registration
from bot.services.access import Actor, actor_for
from bot.services.mentorship import pairs
from bot.services.mentorship.pairs import MentorshipDraft
from bot.services.registration import RegistrationDraft
from models import Organization, OutboxMessage, Participant, RoleGrant
from models.enums import Category, MentorshipStatus, ParticipantStatus, Role, ScopeLevel
from models.mentorship import Mentorship

KEDR_SCHOOL = "СОШ № 1 г. Кедрового"
PUDINO = "Пудинская СОШ"  # same municipality
ZONALNAYA = "Зональненская СОШ"  # another municipality of the region


async def org_id(session: AsyncSession, short_name: str) -> int:
    value = await session.scalar(
        select(Organization.id).where(Organization.short_name == short_name)
    )
    assert value is not None, short_name
    return value


async def make_person(
    session: AsyncSession,
    clock: Clock,
    tg_id: int,
    org: str = KEDR_SCHOOL,
    role: Role = Role.mentee,
    *,
    name: str | None = None,
    **profile: Any,
) -> Participant:
    draft = RegistrationDraft(
        consent_version="test",
        consent_at=clock.now(),
        language=profile.pop("language", "ru"),
        full_name=name or f"Участник Номер {chr(0x410 + tg_id % 32)}",
        category=Category.teacher,
        organization_id=await org_id(session, org),
        role=role,
        experience_years=profile.pop("experience_years", 2 if role == Role.mentee else 15),
        capacity=profile.pop("capacity", 2 if role == Role.mentor else 0),
        formats=profile.pop("formats", ["online"] if role == Role.mentor else []),
        **profile,
    )
    person = await registration.register(session, clock, tg_id, draft)
    person.status = ParticipantStatus.active
    await session.flush()
    return person


async def make_coordinator(
    session: AsyncSession,
    clock: Clock,
    tg_id: int,
    org: str = KEDR_SCHOOL,
    level: ScopeLevel = ScopeLevel.organization,
    scope_id: int | None = None,
) -> Participant:
    person = await make_person(session, clock, tg_id, org, Role.mentee, name="Координатор Школы")
    session.add(
        RoleGrant(
            participant_id=person.id,
            role=Role.coordinator,
            scope_level=level,
            scope_id=scope_id if scope_id is not None else await org_id(session, org),
            created_at=clock.now(),
        )
    )
    await session.flush()
    await session.refresh(person, ["roles"])
    return person


def actor_of(person: Participant) -> Actor:
    return actor_for(person.tg_id or 0, person, [])


async def local_today(session: AsyncSession, clock: Clock, person: Participant) -> date:
    return await pairs.local_today(session, clock, person.organization_id)


async def form_pair(
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    coordinator: Participant,
    mentor: Participant,
    mentees: list[Participant],
    *,
    form: str = "traditional",
    confirm: bool = True,
    running_days: int = 0,
) -> Mentorship:
    """A mentorship formed by a coordinator and (by default) confirmed by everyone.

    ``running_days`` backdates its start: a pair that has been running that long, so meetings
    of the past days may be logged (none may predate the start)."""
    today = await local_today(session, clock, mentees[0])
    ms = await pairs.create(
        session,
        clock,
        actor_of(coordinator),
        MentorshipDraft(
            mentor_id=mentor.id,
            mentee_ids=tuple(m.id for m in mentees),
            form=form,
            model_element="adaptation",
            role_model="teacher_teacher",
            start_on=today,
            planned_end_on=today + timedelta(days=180),
        ),
        translator,
    )
    if confirm:
        for person in [mentor, *mentees]:
            ms = await pairs.confirm(session, clock, actor_of(person), ms.id, translator)
        assert ms.status == MentorshipStatus.active
    if running_days:
        assert ms.started_on is not None
        ms.started_on -= timedelta(days=running_days)
        await session.flush()
    return ms


async def outbox_to(session: AsyncSession, person: Participant) -> list[OutboxMessage]:
    rows = await session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.chat_id == person.tg_id)
        .order_by(OutboxMessage.id)
    )
    return list(rows)


def buttons_of(message: OutboxMessage) -> list[str]:
    markup = message.params.get("reply_markup") or {}
    rows = markup.get("inline_keyboard", [])
    # As the sender sends them: a stored press packed into its callback data.
    return [packed_button(b).get("callback_data", "") for row in rows for b in row]


async def world_pair(
    world: Any, coord_tg: int, mentor_tg: int, mentee_tgs: list[int], **kwargs: Any
) -> Mentorship:
    """A mentorship between people the world already has, formed through the services."""
    async with world.db() as session:
        coordinator = await registration.find_by_tg(session, coord_tg)
        mentor = await registration.find_by_tg(session, mentor_tg)
        mentees = [await registration.find_by_tg(session, tg) for tg in mentee_tgs]
        return await form_pair(
            session, world.app.clock, world.app.translator, coordinator, mentor, mentees, **kwargs
        )
