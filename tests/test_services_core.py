"""Rules of the foundation, tested on the services directly, on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import FakeClock
from bot.db import transaction
from bot.services import (
    coordinator_reach,
    directory,
    due,
    invites,
    outbox,
    participants,
    privacy,
    registration,
)
from bot.services.access import Actor, Scope, actor_for
from bot.services.errors import DomainError, Forbidden, InvalidInput, NotFound
from bot.services.invites import InviteRequest
from bot.services.participants import ParticipantFilter
from bot.services.registration import RegistrationDraft
from data import DIRECTORY_EXAMPLE
from models import ConsentEvent, DueTask, Invite, Organization, OutboxMessage, Participant
from models.enums import Category, DueTaskStatus, OutboxStatus, ParticipantStatus, Role, ScopeLevel
from tests.support import muni_id


async def org(session: AsyncSession, short: str) -> int:
    value = await session.scalar(select(Organization.id).where(Organization.short_name == short))
    assert value is not None
    return value


def draft(org_id: int, clock: FakeClock, **overrides: object) -> RegistrationDraft:
    values: dict[str, object] = {
        "consent_version": "v1",
        "consent_at": clock.now(),
        "language": "ru",
        "full_name": "Петрова Анна Сергеевна",
        "category": Category.teacher,
        "organization_id": org_id,
        "role": Role.mentee,
        "experience_years": 2,
        "deficits": ["digital", "bogus"],
    }
    values.update(overrides)
    return RegistrationDraft(**values)  # type: ignore[arg-type]


async def coordinator(
    session: AsyncSession,
    clock: FakeClock,
    tg_id: int,
    level: ScopeLevel,
    scope_id: int,
    org_id: int,
) -> Actor:
    from models import RoleGrant

    person = await registration.register(
        session,
        clock,
        tg_id,
        draft(org_id, clock, role=Role.mentor, capacity=1, formats=["online"]),
    )
    person.status = ParticipantStatus.active
    session.add(
        RoleGrant(
            participant_id=person.id,
            role=Role.coordinator,
            scope_level=level,
            scope_id=scope_id,
            created_at=clock.now(),
        )
    )
    await session.flush()
    await session.refresh(person, ["roles"])
    return actor_for(tg_id, person, [])


# --- validators ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "12345", "Иван2", "!!!", "a", "x" * 121])
def test_bad_names_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        registration.parse_full_name(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Иванова   Мария Петровна ", "Иванова Мария Петровна"),
        ("Салтыков-Щедрин Михаил", "Салтыков-Щедрин Михаил"),
        ("O'Connor Anna", "O'Connor Anna"),
    ],
)
def test_good_names_are_normalised(text: str, expected: str) -> None:
    assert registration.parse_full_name(text) == expected


@pytest.mark.parametrize("text", ["-3", "90", "61", "два", "", "3.5", "1e3"])
def test_bad_experience_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        registration.parse_experience(text)


def test_experience_bounds() -> None:
    assert registration.parse_experience("0") == 0
    assert registration.parse_experience(" 60 ") == 60


# --- registration ---------------------------------------------------------------------------


async def test_registration_without_invite_is_pending_and_records_consent(factory, clock) -> None:
    async with transaction(factory) as session:
        person = await registration.register(
            session, clock, 101, draft(await org(session, "Гимназия № 24"), clock)
        )
        assert person.status == ParticipantStatus.pending
        assert person.deficits == ["digital"]  # a stale key from an old keyboard is dropped
        assert person.is_young_specialist
        consents = await session.scalars(
            select(ConsentEvent).where(ConsentEvent.participant_id == person.id)
        )
        assert [(c.action, c.version) for c in consents] == [("given", "v1")]


async def test_registering_twice_is_refused(factory, clock) -> None:
    async with transaction(factory) as session:
        org_id = await org(session, "Гимназия № 24")
        await registration.register(session, clock, 101, draft(org_id, clock))
        with pytest.raises(InvalidInput, match="registration-already"):
            await registration.register(session, clock, 101, draft(org_id, clock))


async def test_student_needs_invite_with_parental_consent(factory, clock) -> None:
    async with transaction(factory) as session:
        org_id = await org(session, "Гимназия № 24")
        with pytest.raises(Forbidden, match="registration-minor-needs-invite"):
            await registration.register(
                session, clock, 102, draft(org_id, clock, category=Category.student)
            )
        assert await session.scalar(select(func.count(Participant.id))) == 0


# --- invites ------------------------------------------------------------------------------


async def test_invite_is_bound_to_scope_and_expires(factory, clock) -> None:
    async with transaction(factory) as session:
        kedr = await muni_id(session, "Город Кедровый")
        school = await org(session, "СОШ № 1 г. Кедрового")
        other = await org(session, "Зональненская СОШ")
        actor = await coordinator(session, clock, 1, ScopeLevel.municipality, kedr, school)
        with pytest.raises(Forbidden, match="error-out-of-scope"):
            await invites.create_invite(
                session, clock, actor, InviteRequest(Role.mentee, Category.teacher, other, 7, 10)
            )
        invite = await invites.create_invite(
            session, clock, actor, InviteRequest(Role.mentee, Category.teacher, school, 7, 2)
        )
        assert len(invite.code) >= 12
        assert (await invites.check_invite(session, clock, invite.code)).id == invite.id
        clock.advance(days=7, seconds=1)
        with pytest.raises(InvalidInput, match="invite-expired"):
            await invites.check_invite(session, clock, invite.code)
        with pytest.raises(NotFound):
            await invites.check_invite(session, clock, "no-such-code")


async def test_invite_for_minors_requires_confirmed_consent(factory, clock) -> None:
    async with transaction(factory) as session:
        school = await org(session, "СОШ № 1 г. Кедрового")
        actor = await coordinator(session, clock, 1, ScopeLevel.organization, school, school)
        with pytest.raises(Forbidden, match="invite-minor-needs-consent"):
            await invites.create_invite(
                session, clock, actor, InviteRequest(Role.mentee, Category.student, school, 7, 30)
            )


async def test_not_a_coordinator_cannot_invite(factory, clock) -> None:
    async with transaction(factory) as session:
        school = await org(session, "СОШ № 1 г. Кедрового")
        with pytest.raises(Forbidden, match="error-not-coordinator"):
            await invites.create_invite(
                session,
                clock,
                Actor(tg_id=5, participant_id=5),
                InviteRequest(Role.mentee, Category.teacher, school, 7, 1),
            )


async def test_last_use_of_an_invite_goes_to_exactly_one_person(factory, clock) -> None:
    """Ten people racing for a one-use invite, each in their own transaction."""
    async with transaction(factory) as session:
        school = await org(session, "СОШ № 1 г. Кедрового")
        actor = await coordinator(session, clock, 1, ScopeLevel.organization, school, school)
        invite = await invites.create_invite(
            session, clock, actor, InviteRequest(Role.mentee, Category.teacher, school, 7, 1)
        )

    async def attempt(tg_id: int) -> bool:
        try:
            async with transaction(factory) as session:
                await registration.register(
                    session, clock, tg_id, draft(school, clock, invite_id=invite.id)
                )
            return True
        except DomainError:
            return False

    results = await asyncio.gather(*(attempt(200 + i) for i in range(10)))
    assert sum(results) == 1
    async with transaction(factory) as session:
        assert (await session.get(Invite, invite.id)).uses == 1
        assert (
            await session.scalar(select(func.count(Participant.id)).where(Participant.tg_id >= 200))
            == 1
        )


# --- scopes and coordinators ---------------------------------------------------------------


async def test_an_invite_picks_only_a_municipality_and_an_organization_of_the_scope(
    factory, clock
) -> None:
    async with transaction(factory) as session:
        kedr_school = await org(session, "СОШ № 1 г. Кедрового")
        tomsk_school = await org(session, "Зональненская СОШ")
        kedr = await muni_id(session, "Город Кедровый")
        samara = await muni_id(session, "Городской округ Самара")
        school_actor = await coordinator(
            session, clock, 1, ScopeLevel.organization, kedr_school, kedr_school
        )
        assert (await directory.municipality_in_scope(session, school_actor, str(kedr))).id == kedr
        found = await directory.organization_in_scope(session, school_actor, str(kedr_school))
        assert found.id == kedr_school
        for key in (str(samara), "0", "²", "-1", str(2**64), "Город Кедровый"):
            with pytest.raises(InvalidInput, match="error-out-of-scope"):
                await directory.municipality_in_scope(session, school_actor, key)
        for key in (str(tomsk_school), "0", "²", str(2**64), "p1"):
            with pytest.raises(InvalidInput, match="error-out-of-scope"):
                await directory.organization_in_scope(session, school_actor, key)
        region_actor = await coordinator(session, clock, 2, ScopeLevel.region, 1, kedr_school)
        found = await directory.organization_in_scope(session, region_actor, str(tomsk_school))
        assert found.id == tomsk_school


async def test_coordinator_sees_only_own_scope(factory, clock) -> None:
    async with transaction(factory) as session:
        kedr_school = await org(session, "СОШ № 1 г. Кедрового")
        tomsk_school = await org(session, "Зональненская СОШ")
        await registration.register(
            session, clock, 11, draft(kedr_school, clock, full_name="Кедрова Анна")
        )
        await registration.register(
            session, clock, 12, draft(tomsk_school, clock, full_name="Томская Ольга")
        )
        school_actor = await coordinator(
            session, clock, 1, ScopeLevel.organization, kedr_school, kedr_school
        )
        page = await participants.list_in_scope(
            session, school_actor, ParticipantFilter(status=ParticipantStatus.pending)
        )
        assert [p.full_name for p in page.items] == ["Кедрова Анна"]
        region_actor = await coordinator(session, clock, 2, ScopeLevel.region, 1, kedr_school)
        page = await participants.list_in_scope(
            session, region_actor, ParticipantFilter(status=ParticipantStatus.pending)
        )
        assert {p.full_name for p in page.items} == {"Кедрова Анна", "Томская Ольга"}
        stranger = await registration.find_by_tg(session, 12)
        with pytest.raises(NotFound):
            await participants.approve(session, clock, school_actor, stranger.id)
        mine = await registration.find_by_tg(session, 11)
        assert (
            await participants.approve(session, clock, school_actor, mine.id)
        ).status == ParticipantStatus.active
        with pytest.raises(InvalidInput, match="participants-not-pending"):
            await participants.reject(session, clock, school_actor, mine.id)


async def test_paging_and_role_filter(factory, clock) -> None:
    async with transaction(factory) as session:
        school = await org(session, "СОШ № 1 г. Кедрового")
        for i in range(11):
            person = await registration.register(
                session,
                clock,
                300 + i,
                draft(school, clock, full_name=f"Учитель Номер {chr(1040 + i)}"),
            )
            person.status = ParticipantStatus.active
        actor = await coordinator(session, clock, 1, ScopeLevel.organization, school, school)
        first = await participants.list_in_scope(
            session, actor, ParticipantFilter(role=Role.mentee)
        )
        last = await participants.list_in_scope(
            session, actor, ParticipantFilter(role=Role.mentee), page=99
        )
        assert (first.total, first.pages, len(first.items)) == (11, 2, 8)
        assert (last.page, len(last.items)) == (1, 3)
        mentors = await participants.list_in_scope(
            session, actor, ParticipantFilter(role=Role.mentor)
        )
        assert mentors.total == 1  # the coordinator registered as a mentor


async def test_grant_and_revoke_mentor(factory, clock) -> None:
    async with transaction(factory) as session:
        school = await org(session, "СОШ № 1 г. Кедрового")
        person = await registration.register(session, clock, 11, draft(school, clock))
        actor = await coordinator(session, clock, 1, ScopeLevel.organization, school, school)
        with pytest.raises(InvalidInput, match="participants-not-active"):
            await participants.set_mentor(session, clock, actor, person.id, grant=True)
        person.status = ParticipantStatus.active
        granted = await participants.set_mentor(session, clock, actor, person.id, grant=True)
        assert granted.has_role(Role.mentor) and granted.capacity == 1
        with pytest.raises(InvalidInput):
            await participants.set_mentor(session, clock, actor, person.id, grant=True)
        revoked = await participants.set_mentor(session, clock, actor, person.id, grant=False)
        assert not revoked.has_role(Role.mentor)


async def test_coordinators_by_level_nearest_first(factory, clock) -> None:
    async with transaction(factory) as session:
        school = await org(session, "СОШ № 1 г. Кедрового")
        kedr = await muni_id(session, "Город Кедровый")
        await coordinator(session, clock, 2, ScopeLevel.region, 1, school)
        await coordinator(session, clock, 1, ScopeLevel.municipality, kedr, school)
        by_level = await coordinator_reach.coordinators_by_level(session, school)
        found = [p for level in coordinator_reach.LEVELS for p in by_level.get(level, [])]
        assert [p.tg_id for p in found] == [1, 2]
        nearest = await coordinator_reach.nearest_coordinators(session, school)
        assert [p.tg_id for p in nearest] == [1]


def test_scope_dataclass_is_hashable() -> None:
    assert len({Scope(ScopeLevel.region, 1), Scope(ScopeLevel.region, 1)}) == 1


# --- privacy ------------------------------------------------------------------------------


async def test_delete_erases_personal_data_and_keeps_aggregates(factory, clock) -> None:
    async with transaction(factory) as session:
        school = await org(session, "СОШ № 1 г. Кедрового")
        person = await registration.register(session, clock, 11, draft(school, clock))
        await outbox.enqueue_text(session, clock, chat_id=11, text="pending message")
        await outbox.enqueue_text(session, clock, chat_id=11, text="Анна, ваш наставник…")
        await outbox.enqueue_text(session, clock, chat_id=12, text="someone else's")
        queued = list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
        queued[1].status = OutboxStatus.sent
        other_id = queued[2].id
        await due.plan(
            session,
            kind="x",
            due_at=clock.now(),
            payload={"participant_id": person.id},
            now=clock.now(),
        )
        exported = await privacy.export_personal_data(session, person)
        assert exported["participant"]["full_name"] == "Петрова Анна Сергеевна"
        await privacy.delete_account(session, clock, person)
    async with transaction(factory) as session:
        row = await session.get(Participant, person.id)
        assert (row.tg_id, row.full_name, row.deficits, row.status) == (
            None,
            None,
            [],
            ParticipantStatus.deleted,
        )
        assert row.category == "teacher" and row.organization_id == school
        rows = {r.id: r for r in await session.scalars(select(OutboxMessage))}
        theirs = [r for r in rows.values() if r.id != other_id]
        assert sorted(r.status for r in theirs) == [OutboxStatus.cancelled, OutboxStatus.sent]
        # Nothing of theirs is kept: no text, not their Telegram id, sent or not.
        assert all(r.params == {} and r.chat_id == 0 for r in theirs)
        assert rows[other_id].params and rows[other_id].chat_id == 12
        assert await session.scalar(select(DueTask.status)) == DueTaskStatus.cancelled
        actions = list(await session.scalars(select(ConsentEvent.action).order_by(ConsentEvent.id)))
        assert actions == ["given", "withdrawn"]
        # The same person may register again, as a new participant.
        again = await registration.register(session, clock, 11, draft(school, clock))
        assert again.id != person.id


# --- outbox and due work -------------------------------------------------------------------


async def test_outbox_dedup_and_split(factory, clock) -> None:
    async with transaction(factory) as session:
        long_text = ("слово " * 1500).strip()  # about 9,000 characters
        queued = await outbox.enqueue_text(
            session, clock, chat_id=5, text=long_text, dedup_key="k1"
        )
        again = await outbox.enqueue_text(session, clock, chat_id=5, text=long_text, dedup_key="k1")
        rows = list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
    assert queued == 3 and again == 0
    assert all(len(r.params["text"]) <= 4096 for r in rows)
    assert " ".join(r.params["text"] for r in rows) == long_text


async def test_due_work_is_claimed_once_and_planned_once(factory, clock) -> None:
    async with transaction(factory) as session:
        for key in ("a", "a", "b"):
            await due.plan(
                session,
                kind="k",
                due_at=clock.now() + timedelta(hours=1),
                payload={},
                now=clock.now(),
                dedup_key=key,
            )
        assert await session.scalar(select(func.count(DueTask.id))) == 2
        assert await due.claim(session, clock.now()) == []
    clock.advance(hours=2)
    async with transaction(factory) as session:
        first = await due.claim(session, clock.now())
    async with transaction(factory) as session:
        second = await due.claim(session, clock.now())
    assert len(first) == 2 and second == []
    clock.advance(minutes=6)  # the lease of a claimer that died has run out
    async with transaction(factory) as session:
        assert len(await due.claim(session, clock.now())) == 2


async def test_directory_load_is_idempotent_and_validates(factory) -> None:
    async with transaction(factory) as session:
        report = await directory.load_directory(
            session, directory.read_directory_file(DIRECTORY_EXAMPLE)
        )
        assert (report.regions, report.municipalities, report.organizations) == (0, 0, 0)
        with pytest.raises(InvalidInput):
            await directory.load_directory(
                session, [{"code": "x", "name": "X", "timezone": "Mars/Base"}]
            )
