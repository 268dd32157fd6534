"""The audience of announcements and surveys: filters, and never beyond the sender's scope."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import FakeClock
from bot.db import transaction
from bot.services import audience, registration
from bot.services.access import Actor, Scope, actor_for
from bot.services.audience import AudienceSpec
from bot.services.errors import Forbidden, InvalidInput
from bot.services.registration import RegistrationDraft
from models import Mentorship, MentorshipMentee, Organization
from models.enums import Category, MentorshipStatus, ParticipantStatus, Role, ScopeLevel
from tests.support import muni_id


async def org(session: AsyncSession, short: str) -> int:
    value = await session.scalar(select(Organization.id).where(Organization.short_name == short))
    assert value is not None
    return value


async def person(
    session,
    clock,
    tg_id,
    org_id,
    role=Role.mentee,
    category=Category.teacher,
    status=ParticipantStatus.active,
):  # type: ignore[no-untyped-def]
    created = await registration.register(
        session,
        clock,
        tg_id,
        RegistrationDraft(
            consent_version="v",
            consent_at=clock.now(),
            language="ru",
            full_name="Человек " + "абвгдеж"[tg_id],
            category=Category.teacher,
            organization_id=org_id,
            role=role,
            capacity=2,
            formats=["online"],
        ),
    )
    created.status = status
    created.category = category
    return created


async def test_filters_and_scope(factory, clock: FakeClock) -> None:
    async with transaction(factory) as session:
        kedr_school = await org(session, "СОШ № 1 г. Кедрового")
        pudino = await org(session, "Пудинская СОШ")
        tomsk_school = await org(session, "Зональненская СОШ")
        mentor = await person(session, clock, 1, kedr_school, Role.mentor)
        mentee = await person(session, clock, 2, kedr_school)
        await person(session, clock, 3, pudino, category=Category.university_student)
        await person(session, clock, 4, tomsk_school)
        await person(session, clock, 5, kedr_school, status=ParticipantStatus.pending)
        mentorship = Mentorship(
            organization_id=kedr_school,
            mentor_id=mentor.id,
            form="group",
            model_element="adaptation",
            role_model="teacher_teacher",
            status=MentorshipStatus.active,
            started_on=date(2026, 9, 1),
            created_at=clock.now(),
        )
        session.add(mentorship)
        await session.flush()
        session.add(MentorshipMentee(mentorship_id=mentorship.id, participant_id=mentee.id))
        kedr = await muni_id(session, "Город Кедровый")
        municipal = Actor(
            tg_id=99, participant_id=99, scopes=(Scope(ScopeLevel.municipality, kedr),)
        )

        async def ids(spec: AudienceSpec, actor: Actor = municipal) -> set[int]:
            rows = await session.scalars(audience.participants_query(actor, spec))
            return {p.tg_id for p in rows}

        assert await ids(AudienceSpec()) == {1, 2, 3}  # pending and other municipality excluded
        assert await audience.count(session, municipal, AudienceSpec()) == 3
        assert await ids(AudienceSpec(roles=frozenset({"mentor"}))) == {1}
        assert await ids(AudienceSpec(categories=frozenset({"university_student"}))) == {3}
        assert await ids(AudienceSpec(organization_ids=frozenset({pudino}))) == {3}
        assert await ids(AudienceSpec(forms=frozenset({"group"}))) == {1, 2}
        assert await ids(AudienceSpec(forms=frozenset({"flash"}))) == set()
        admin = Actor(tg_id=100, is_admin=True)
        assert await ids(AudienceSpec(), admin) == {1, 2, 3, 4}
        # Naming an organization outside one's scope is refused, not silently emptied.
        with pytest.raises(Forbidden):
            await audience.check_in_scope(
                session, municipal, AudienceSpec(organization_ids=frozenset({tomsk_school}))
            )
        tomsk_district = await muni_id(session, "Томский район")
        with pytest.raises(Forbidden):
            await audience.check_in_scope(
                session, municipal, AudienceSpec(municipality_ids=frozenset({tomsk_district}))
            )
        await audience.check_in_scope(
            session, municipal, AudienceSpec(municipality_ids=frozenset({kedr}))
        )
        with pytest.raises(Forbidden):
            await audience.check_in_scope(session, actor_for(2, mentee, []), AudienceSpec())


def test_spec_round_trip_and_bad_values() -> None:
    spec = AudienceSpec(roles=frozenset({"mentor"}), organization_ids=frozenset({3, 1}))
    assert AudienceSpec.from_json(spec.to_json()) == spec
    assert spec.to_json()["organization_ids"] == [1, 3]
    with pytest.raises(InvalidInput):
        AudienceSpec.from_json({"roles": ["king"]})
