"""Rules of mentoring pairs and groups, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from bot.db import transaction
from bot.services.errors import DomainError, Forbidden, InvalidInput, NotFound
from bot.services.mentorship import pairs, suggestions
from bot.services.mentorship.pairs import MentorshipDraft, ScopeFilter
from models import DueTask, Municipality, Organization, OutboxMessage, RoleGrant
from models.enums import MentorshipStatus, Role, ScopeLevel
from models.mentorship import Mentorship
from tests.mentorship_support import (
    PUDINO,
    ZONALNAYA,
    actor_of,
    buttons_of,
    form_pair,
    local_today,
    make_coordinator,
    make_person,
    outbox_to,
)


async def _draft(session, clock, mentor, mentees, **changes):  # type: ignore[no-untyped-def]
    today = await local_today(session, clock, mentees[0])
    draft = MentorshipDraft(
        mentor_id=mentor.id,
        mentee_ids=tuple(m.id for m in mentees),
        form="traditional",
        model_element="adaptation",
        role_model="teacher_teacher",
        start_on=today,
        planned_end_on=today + timedelta(days=120),
    )
    return replace(draft, **changes)


async def test_coordinator_forms_a_pair_and_both_are_asked(factory, clock, translator) -> None:
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)
        mentor = await make_person(session, clock, 2, role=Role.mentor)
        mentee = await make_person(session, clock, 3)
        ms = await pairs.create(
            session,
            clock,
            actor_of(coord),
            await _draft(session, clock, mentor, [mentee]),
            translator,
        )
        assert ms.status == MentorshipStatus.proposed and ms.created_by == coord.id
        for person in (mentor, mentee):
            (message,) = await outbox_to(session, person)
            assert buttons_of(message) == [f"ms:cf:{ms.id}:0", f"ms:dc:{ms.id}:0"]
        assert (
            await session.scalar(
                select(func.count(DueTask.id)).where(DueTask.kind == pairs.CONFIRM_REMINDER)
            )
            == 1
        )


async def test_a_reverse_pair_mentors_an_experienced_teacher(factory, clock, translator) -> None:
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)
        young = await make_person(session, clock, 2, role=Role.mentor, experience_years=1)
        senior = await make_person(session, clock, 3, role=Role.mentor, experience_years=30)
        other = await make_person(session, clock, 4)
        actor = actor_of(coord)
        # The one mentored in a reverse pair need not be a mentee: any active colleague.
        plain = await pairs.mentee_candidates(session, actor, "traditional")
        reverse = await pairs.mentee_candidates(session, actor, "reverse")
        assert senior.id not in {p.id for p in plain} and senior.id in {p.id for p in reverse}
        with pytest.raises(InvalidInput, match="mentorship-one-mentee"):
            await pairs.create(
                session,
                clock,
                actor,
                await _draft(session, clock, young, [senior, other], form="reverse"),
                translator,
            )
        ms = await pairs.create(
            session,
            clock,
            actor,
            await _draft(session, clock, young, [senior], form="reverse"),
            translator,
        )
        for person in (young, senior):
            ms = await pairs.confirm(session, clock, actor_of(person), ms.id, translator)
        assert ms.status == MentorshipStatus.active and ms.form == "reverse"
        assert pairs.role_in(ms, senior.id) == Role.mentee
        assert pairs.role_in(ms, young.id) == Role.mentor


@pytest.mark.parametrize(
    ("case", "error"),
    [
        ("not-coordinator", "error-not-coordinator"),
        ("outside-scope", "error-out-of-scope"),
        ("mentor-without-role", "mentorship-not-a-mentor"),
        ("self", "mentorship-self"),
        ("two-in-traditional", "mentorship-one-mentee"),
        ("one-in-group", "mentorship-group-size"),
        ("end-before-start", "mentorship-bad-end"),
        ("end-too-far", "mentorship-bad-end"),
        ("start-too-far", "mentorship-bad-start"),
        ("bad-form", "error-stale-button"),
        ("other-school-mentor", "error-out-of-scope"),
    ],
)
async def test_forming_refuses_bad_input(factory, clock, translator, case, error) -> None:
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)
        mentor = await make_person(session, clock, 2, role=Role.mentor)
        mentee = await make_person(session, clock, 3)
        other = await make_person(session, clock, 4)
        outsider = await make_person(session, clock, 5, ZONALNAYA)
        far_mentor = await make_person(session, clock, 6, PUDINO, Role.mentor)
        actor = actor_of(coord)
        base = await _draft(session, clock, mentor, [mentee])
        start = base.start_on
        drafts = {
            "not-coordinator": base,
            "outside-scope": replace(base, mentee_ids=(outsider.id,)),
            "mentor-without-role": replace(base, mentor_id=other.id),
            "self": replace(base, mentor_id=mentor.id, mentee_ids=(mentor.id,)),
            "two-in-traditional": replace(base, mentee_ids=(mentee.id, other.id)),
            "one-in-group": replace(base, form="group"),
            "end-before-start": replace(base, planned_end_on=start - timedelta(days=1)),
            "end-too-far": replace(base, planned_end_on=start + timedelta(days=4 * 366)),
            "start-too-far": replace(base, start_on=start + timedelta(days=400)),
            "bad-form": replace(base, form="weekly"),
            "other-school-mentor": replace(base, mentor_id=far_mentor.id),
        }
        if case == "not-coordinator":
            actor = actor_of(other)
        with pytest.raises(DomainError) as caught:
            await pairs.create(session, clock, actor, drafts[case], translator)
        assert caught.value.key == error
        assert await session.scalar(select(func.count(Mentorship.id))) == 0


async def test_network_mentor_may_come_from_another_municipality(
    factory, clock, translator
) -> None:
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)
        mentee = await make_person(session, clock, 3)
        network_mentor = await make_person(session, clock, 7, ZONALNAYA, Role.mentor)
        draft = await _draft(session, clock, network_mentor, [mentee], form="network")
        ms = await pairs.create(session, clock, actor_of(coord), draft, translator)
        assert ms.status == MentorshipStatus.proposed


async def test_the_same_mentor_and_mentee_are_not_paired_twice(factory, clock, translator) -> None:
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)
        mentor = await make_person(session, clock, 2, role=Role.mentor)
        mentee = await make_person(session, clock, 3)
        await form_pair(session, clock, translator, coord, mentor, [mentee], confirm=False)
        with pytest.raises(InvalidInput, match="mentorship-duplicate"):
            await form_pair(session, clock, translator, coord, mentor, [mentee])


async def test_the_last_confirmation_starts_the_mentorship(factory, clock, translator) -> None:
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)
        mentor = await make_person(session, clock, 2, role=Role.mentor)
        mentees = [await make_person(session, clock, 3), await make_person(session, clock, 4)]
        ms = await form_pair(
            session, clock, translator, coord, mentor, mentees, form="group", confirm=False
        )
        ms = await pairs.confirm(session, clock, actor_of(mentor), ms.id, translator)
        ms = await pairs.confirm(session, clock, actor_of(mentees[0]), ms.id, translator)
        assert ms.status == MentorshipStatus.proposed
        with pytest.raises(InvalidInput, match="mentorship-already-confirmed"):
            await pairs.confirm(session, clock, actor_of(mentor), ms.id, translator)
        ms = await pairs.confirm(session, clock, actor_of(mentees[1]), ms.id, translator)
        assert ms.status == MentorshipStatus.active
        assert ms.started_on == await local_today(session, clock, mentor)
        started = [
            m
            for m in await outbox_to(session, coord)
            if "началась" in m.params["text"] or "начала работу" in m.params["text"]
        ]
        assert len(started) == 1
        assert (
            await session.scalar(
                select(func.count(DueTask.id)).where(DueTask.kind == "mentorship-nudge")
            )
            == 1
        )


async def test_a_stranger_cannot_confirm_or_decline(factory, clock, translator) -> None:
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)
        mentor = await make_person(session, clock, 2, role=Role.mentor)
        mentee = await make_person(session, clock, 3)
        stranger = await make_person(session, clock, 4)
        ms = await form_pair(session, clock, translator, coord, mentor, [mentee], confirm=False)
        for action in (pairs.confirm, pairs.decline):
            with pytest.raises(NotFound):
                await action(session, clock, actor_of(stranger), ms.id, translator)
        assert ms.status == MentorshipStatus.proposed


async def test_declining_tells_the_others_and_stale_confirm_is_refused(
    factory, clock, translator
) -> None:
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)
        mentor = await make_person(session, clock, 2, role=Role.mentor)
        mentee = await make_person(session, clock, 3)
        ms = await form_pair(session, clock, translator, coord, mentor, [mentee], confirm=False)
        ms = await pairs.decline(session, clock, actor_of(mentee), ms.id, translator)
        assert ms.status == MentorshipStatus.declined and ms.ended_by == mentee.id
        assert any("отказ" in m.params["text"] for m in await outbox_to(session, coord))
        assert any("отказ" in m.params["text"] for m in await outbox_to(session, mentor))
        with pytest.raises(InvalidInput, match="mentorship-not-proposed"):
            await pairs.confirm(session, clock, actor_of(mentor), ms.id, translator)


async def test_simultaneous_confirmations_start_it_exactly_once(factory, clock, translator) -> None:
    """The mentor and the mentee press at the same moment, each in their own transaction."""
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)
        mentor = await make_person(session, clock, 2, role=Role.mentor)
        mentee = await make_person(session, clock, 3)
        ms = await form_pair(session, clock, translator, coord, mentor, [mentee], confirm=False)

    async def press(person) -> None:  # type: ignore[no-untyped-def]
        async with transaction(factory) as session:
            await pairs.confirm(session, clock, actor_of(person), ms.id, translator)

    await asyncio.gather(press(mentor), press(mentee))
    async with transaction(factory) as session:
        fresh = await session.get(Mentorship, ms.id)
        assert fresh.status == MentorshipStatus.active
        nudges = await session.scalar(
            select(func.count(DueTask.id)).where(DueTask.kind == "mentorship-nudge")
        )
        assert nudges == 1


async def test_a_mentor_proposes_and_a_coordinator_approves(factory, clock, translator) -> None:
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)
        mentor = await make_person(session, clock, 2, role=Role.mentor)
        mentee = await make_person(session, clock, 3)
        outsider = await make_person(session, clock, 4, PUDINO)
        draft = await _draft(session, clock, mentor, [mentee], start_on=None)
        with pytest.raises(Forbidden, match="mentorship-other-organization"):
            await pairs.propose(
                session,
                clock,
                actor_of(mentor),
                replace(draft, mentee_ids=(outsider.id,)),
                translator,
            )
        with pytest.raises(Forbidden, match="error-not-mentor"):
            await pairs.propose(session, clock, actor_of(mentee), draft, translator)
        ms = await pairs.propose(session, clock, actor_of(mentor), draft, translator)
        assert ms.status == MentorshipStatus.requested and ms.mentor_confirmed_at is not None
        (to_coord,) = await outbox_to(session, coord)
        assert buttons_of(to_coord) == [f"ms:ap:{ms.id}:0", f"ms:rj:{ms.id}:0"]
        assert await outbox_to(session, mentee) == []
        # The mentor coordinates the school too: the proposal still needs someone else.
        session.add(
            RoleGrant(
                participant_id=mentor.id,
                role=Role.coordinator,
                scope_level=ScopeLevel.organization,
                scope_id=mentor.organization_id,
                created_at=clock.now(),
            )
        )
        await session.flush()
        await session.refresh(mentor, ["roles"])
        with pytest.raises(Forbidden, match="mentorship-approve-own"):
            await pairs.decide_proposal(
                session, clock, actor_of(mentor), ms.id, translator, approve=True
            )
        assert ms.status == MentorshipStatus.requested
        ms = await pairs.decide_proposal(
            session, clock, actor_of(coord), ms.id, translator, approve=True
        )
        assert ms.status == MentorshipStatus.proposed and ms.approved_by == coord.id
        with pytest.raises(InvalidInput, match="mentorship-already-decided"):
            await pairs.decide_proposal(
                session, clock, actor_of(coord), ms.id, translator, approve=False
            )
        (ask,) = await outbox_to(session, mentee)
        assert f"ms:cf:{ms.id}:0" in buttons_of(ask)
        ms = await pairs.confirm(session, clock, actor_of(mentee), ms.id, translator)
        assert ms.status == MentorshipStatus.active


async def test_a_mentor_proposes_a_reverse_pair_to_any_teacher_of_the_school(
    factory, clock, translator
) -> None:
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)
        young = await make_person(session, clock, 2, role=Role.mentor, experience_years=1)
        senior = await make_person(session, clock, 3, role=Role.mentor, experience_years=30)
        student = await make_person(session, clock, 4)
        student.category = "university_student"
        far = await make_person(session, clock, 5, PUDINO, role=Role.mentor)
        await session.flush()
        plain = await pairs.colleagues_for_proposal(session, young, "traditional")
        reverse = await pairs.colleagues_for_proposal(session, young, "reverse")
        assert senior.id not in {p.id for p in plain} and student.id in {p.id for p in plain}
        assert senior.id in {p.id for p in reverse}
        assert student.id not in {p.id for p in reverse} and far.id not in {p.id for p in reverse}
        draft = await _draft(session, clock, young, [senior], start_on=None)
        # Not a mentee: a traditional pair is refused, a reverse one goes to the coordinator.
        with pytest.raises(InvalidInput, match="mentorship-not-a-mentee"):
            await pairs.propose(session, clock, actor_of(young), draft, translator)
        reverse_draft = replace(draft, form="reverse")
        with pytest.raises(InvalidInput, match="mentorship-not-a-teacher"):
            await pairs.propose(
                session,
                clock,
                actor_of(young),
                replace(reverse_draft, mentee_ids=(student.id,)),
                translator,
            )
        with pytest.raises(Forbidden, match="mentorship-other-organization"):
            await pairs.propose(
                session,
                clock,
                actor_of(young),
                replace(reverse_draft, mentee_ids=(far.id,)),
                translator,
            )
        assert await session.scalar(select(func.count(Mentorship.id))) == 0
        ms = await pairs.propose(session, clock, actor_of(young), reverse_draft, translator)
        assert ms.status == MentorshipStatus.requested and ms.form == "reverse"
        # Already proposed: no longer offered.
        again = await pairs.colleagues_for_proposal(session, young, "reverse")
        assert senior.id not in {p.id for p in again}
        ms = await pairs.decide_proposal(
            session, clock, actor_of(coord), ms.id, translator, approve=True
        )
        ms = await pairs.confirm(session, clock, actor_of(senior), ms.id, translator)
        assert ms.status == MentorshipStatus.active and pairs.role_in(ms, senior.id) == Role.mentee


async def test_a_proposal_goes_to_the_nearest_coordinators_only(factory, clock, translator) -> None:
    """Not every level at once: the school's coordinators, else the municipality's, else the
    region's. The others still see it in their list of proposals and may decide it."""
    async with transaction(factory) as session:
        school = await make_coordinator(session, clock, 1)
        org = await session.get(Organization, school.organization_id)
        region_id = await session.scalar(
            select(Municipality.region_id).where(Municipality.id == org.municipality_id)
        )
        muni = await make_coordinator(
            session, clock, 6, level=ScopeLevel.municipality, scope_id=org.municipality_id
        )
        region = await make_coordinator(
            session, clock, 7, level=ScopeLevel.region, scope_id=region_id
        )
        mentor = await make_person(session, clock, 2, role=Role.mentor)
        mentee = await make_person(session, clock, 3)
        draft = await _draft(session, clock, mentor, [mentee], start_on=None)
        ms = await pairs.propose(session, clock, actor_of(mentor), draft, translator)
        assert [len(await outbox_to(session, p)) for p in (school, muni, region)] == [1, 0, 0]
        listed = await pairs.list_in_scope(
            session, actor_of(region), ScopeFilter(status="requested")
        )
        assert [m.id for m in listed.items] == [ms.id]
        # A school without a coordinator: its municipality's; with none there either: the
        # region's (Zonalnaya is in another municipality with no coordinator).
        for org_name, told in ((PUDINO, muni), (ZONALNAYA, region)):
            far_mentor = await make_person(session, clock, 20 + told.id, org_name, Role.mentor)
            far_mentee = await make_person(session, clock, 40 + told.id, org_name)
            before = {p.id: len(await outbox_to(session, p)) for p in (school, muni, region)}
            await pairs.propose(
                session,
                clock,
                actor_of(far_mentor),
                await _draft(session, clock, far_mentor, [far_mentee], start_on=None),
                translator,
            )
            after = {p.id: len(await outbox_to(session, p)) for p in (school, muni, region)}
            assert {pid: after[pid] - before[pid] for pid in after} == {
                p.id: int(p.id == told.id) for p in (school, muni, region)
            }
        decided = await pairs.decide_proposal(
            session, clock, actor_of(region), ms.id, translator, approve=True
        )
        assert decided.status == MentorshipStatus.proposed


async def test_a_coordinator_of_another_scope_cannot_decide(factory, clock, translator) -> None:
    async with transaction(factory) as session:
        await make_coordinator(session, clock, 1)
        other_coord = await make_coordinator(session, clock, 9, ZONALNAYA)
        mentor = await make_person(session, clock, 2, role=Role.mentor)
        mentee = await make_person(session, clock, 3)
        draft = await _draft(session, clock, mentor, [mentee], start_on=None)
        ms = await pairs.propose(session, clock, actor_of(mentor), draft, translator)
        with pytest.raises(NotFound):
            await pairs.decide_proposal(
                session, clock, actor_of(other_coord), ms.id, translator, approve=True
            )
        assert ms.status == MentorshipStatus.requested


async def test_ending_asks_everyone_for_feedback(factory, clock, translator) -> None:
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)
        mentor = await make_person(session, clock, 2, role=Role.mentor)
        mentee = await make_person(session, clock, 3)
        ms = await form_pair(session, clock, translator, coord, mentor, [mentee])
        with pytest.raises(Forbidden, match="mentorship-end-mentor-only"):
            await pairs.end(
                session,
                clock,
                actor_of(mentee),
                ms.id,
                translator,
                outcome=MentorshipStatus.completed,
            )
        with pytest.raises(InvalidInput, match="mentorship-bad-reason"):
            await pairs.end(
                session,
                clock,
                actor_of(mentor),
                ms.id,
                translator,
                outcome=MentorshipStatus.stopped,
                reason="-",
            )
        ms = await pairs.end(
            session,
            clock,
            actor_of(mentor),
            ms.id,
            translator,
            outcome=MentorshipStatus.stopped,
            reason="Наставляемая перешла в другую школу",
        )
        # The mentor alone only asks: the pair stays active until the mentee confirms.
        assert ms.status == MentorshipStatus.active and pairs.is_end_requested(ms)
        asked = (await outbox_to(session, mentee))[-1]
        assert buttons_of(asked) == [f"ms:ec:{ms.id}:0", f"ms:ed:{ms.id}:0"]
        assert "перешла в другую школу" in asked.params["text"]
        with pytest.raises(InvalidInput, match="mentorship-end-already-requested"):
            await pairs.end(
                session, clock, actor_of(mentor), ms.id, translator, outcome="completed"
            )
        with pytest.raises(Forbidden, match="mentorship-end-not-yourself"):
            await pairs.answer_end_request(
                session, clock, actor_of(mentor), ms.id, translator, confirmed=True
            )
        ms = await pairs.answer_end_request(
            session, clock, actor_of(mentee), ms.id, translator, confirmed=True
        )
        assert ms.status == MentorshipStatus.stopped and ms.end_reason.startswith("Наставляемая")
        assert ms.ended_by == mentor.id and not pairs.is_end_requested(ms)
        for person in (mentor, mentee):
            last = (await outbox_to(session, person))[-1]
            assert buttons_of(last) == [f"mb:r:{ms.id}:{n}" for n in range(1, 6)]
        assert "перешла в другую школу" in (await outbox_to(session, coord))[-1].params["text"]
        with pytest.raises(InvalidInput, match="mentorship-not-active"):
            await pairs.end(
                session,
                clock,
                actor_of(mentor),
                ms.id,
                translator,
                outcome=MentorshipStatus.completed,
            )


async def test_final_feedback_once_per_person_after_the_end(factory, clock, translator) -> None:
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)
        mentor = await make_person(session, clock, 2, role=Role.mentor)
        mentee = await make_person(session, clock, 3)
        stranger = await make_person(session, clock, 4)
        ms = await form_pair(session, clock, translator, coord, mentor, [mentee])
        with pytest.raises(InvalidInput, match="mentorship-feedback-not-ended"):
            await pairs.leave_feedback(session, clock, actor_of(mentee), ms.id, 5)
        await pairs.end(
            session, clock, actor_of(coord), ms.id, translator, outcome=MentorshipStatus.completed
        )
        with pytest.raises(NotFound):
            await pairs.leave_feedback(session, clock, actor_of(stranger), ms.id, 5)
        with pytest.raises(InvalidInput):
            await pairs.leave_feedback(session, clock, actor_of(mentee), ms.id, 6)
        feedback = await pairs.leave_feedback(session, clock, actor_of(mentee), ms.id, 4)
        assert feedback.role == "mentee"
        with pytest.raises(InvalidInput, match="mentorship-feedback-given"):
            await pairs.leave_feedback(session, clock, actor_of(mentee), ms.id, 5)
        await pairs.comment_feedback(session, clock, actor_of(mentee), ms.id, "Спасибо!")
        (saved,) = await pairs.feedback_for(session, ms.id)
        assert (saved.rating, saved.comment) == (4, "Спасибо!")


async def test_lists_capacity_and_mentees_without_a_mentor(factory, clock, translator) -> None:
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)
        mentor = await make_person(session, clock, 2, role=Role.mentor, capacity=1)
        mentees = [await make_person(session, clock, 10 + i) for i in range(3)]
        alone = await make_person(session, clock, 20)
        ms1 = await form_pair(session, clock, translator, coord, mentor, mentees[:1])
        await form_pair(
            session, clock, translator, coord, mentor, mentees[1:], form="group", confirm=False
        )
        actor = actor_of(coord)
        over = await pairs.mentors_over_capacity(session, actor)
        assert [(o.mentor.id, o.load, o.capacity) for o in over] == [(mentor.id, 3, 1)]
        free = {p.id for p in await pairs.mentees_without_mentor(session, actor)}
        assert alone.id in free and not free & {m.id for m in mentees}
        page = await pairs.list_in_scope(session, actor, ScopeFilter(form="group"))
        assert page.total == 1 and page.items[0].form == "group"
        page = await pairs.list_in_scope(session, actor, ScopeFilter(status="active"))
        assert [m.id for m in page.items] == [ms1.id]
        mine = await pairs.for_participant(session, mentor.id)
        assert {m.id for m in mine} == {ms1.id, page.items[0].id} | {mine[0].id}
        other_coord = actor_of(await make_coordinator(session, clock, 9, ZONALNAYA))
        assert (await pairs.list_in_scope(session, other_coord, ScopeFilter())).total == 0
        with pytest.raises(NotFound):
            await pairs.get_visible(session, other_coord, ms1.id)

        # A municipality's coordinator filters by organization; another school's pair is there.
        kedr = await session.get(Organization, mentor.organization_id)
        muni = actor_of(
            await make_coordinator(
                session, clock, 8, level=ScopeLevel.municipality, scope_id=kedr.municipality_id
            )
        )
        pudino_coord = await make_coordinator(session, clock, 7, PUDINO)
        pudino_mentor = await make_person(session, clock, 30, PUDINO, Role.mentor)
        pudino_mentee = await make_person(session, clock, 31, PUDINO)
        far = await form_pair(
            session, clock, translator, pudino_coord, pudino_mentor, [pudino_mentee]
        )
        assert (await pairs.list_in_scope(session, muni, ScopeFilter())).total == 3
        only = await pairs.list_in_scope(
            session, muni, ScopeFilter(organization_id=far.organization_id)
        )
        assert [m.id for m in only.items] == [far.id]
        both = ScopeFilter(status="current", organization_id=mentor.organization_id)
        assert (await pairs.list_in_scope(session, muni, both)).total == 2
        ended = ScopeFilter(status="ended", organization_id=mentor.organization_id)
        assert (await pairs.list_in_scope(session, muni, ended)).total == 0


async def test_suggestions_rank_by_deficits_school_and_load(factory, clock, translator) -> None:
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1, level=ScopeLevel.region, scope_id=1)
        mentee = await make_person(
            session, clock, 3, deficits=["digital", "methodical"], subjects=["math"]
        )
        near = await make_person(
            session, clock, 30, role=Role.mentor, expertise=["digital"], name="Ближний Наставник"
        )
        neighbour = await make_person(
            session, clock, 31, PUDINO, Role.mentor, expertise=["digital", "methodical"]
        )
        unrelated = await make_person(session, clock, 32, role=Role.mentor, expertise=["parents"])
        full = await make_person(
            session, clock, 33, role=Role.mentor, expertise=["digital"], capacity=1
        )
        await form_pair(
            session, clock, translator, coord, full, [await make_person(session, clock, 40)]
        )
        ranked = await suggestions.suggest(session, actor_of(coord), [mentee.id])
        ids = [s.mentor.id for s in ranked]
        assert ids[0] == near.id and neighbour.id in ids
        assert unrelated.id not in ids and full.id not in ids
        codes = {r.code for r in ranked[0].reasons}
        assert {"topic_match", "same_organization", "free_slots"} <= codes
        # Once paired, the mentor is no longer suggested for this mentee.
        await form_pair(session, clock, translator, coord, near, [mentee], confirm=False)
        again = await suggestions.suggest(session, actor_of(coord), [mentee.id])
        assert near.id not in [s.mentor.id for s in again]


async def test_outbox_keys_make_notifications_idempotent(factory, clock, translator) -> None:
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)
        mentor = await make_person(session, clock, 2, role=Role.mentor)
        mentee = await make_person(session, clock, 3)
        ms = await form_pair(session, clock, translator, coord, mentor, [mentee], confirm=False)
        from bot.services.mentorship import pair_notices

        await pair_notices.ask_to_confirm(session, clock, translator, ms, [mentor, mentee])
        count = await session.scalar(select(func.count(OutboxMessage.id)))
        assert count == 2


async def test_a_pair_recorded_after_it_began_keeps_its_start(factory, clock, translator) -> None:
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)
        mentor = await make_person(session, clock, 2, role=Role.mentor)
        mentee = await make_person(session, clock, 3)
        today = await local_today(session, clock, mentee)
        began = today - timedelta(days=60)
        draft = await _draft(session, clock, mentor, [mentee], start_on=began)
        ms = await pairs.create(session, clock, actor_of(coord), draft, translator)
        for person in (mentor, mentee):
            ms = await pairs.confirm(session, clock, actor_of(person), ms.id, translator)
        assert ms.status == MentorshipStatus.active and ms.started_on == began


async def test_a_pair_confirmed_weeks_later_starts_on_the_last_confirmation(
    factory, clock, translator
) -> None:
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)
        mentor = await make_person(session, clock, 2, role=Role.mentor)
        mentee = await make_person(session, clock, 3)
        draft = await _draft(session, clock, mentor, [mentee])  # starts the day it is formed
        ms = await pairs.create(session, clock, actor_of(coord), draft, translator)
        ms = await pairs.confirm(session, clock, actor_of(mentor), ms.id, translator)
        clock.advance(days=21)
        ms = await pairs.confirm(session, clock, actor_of(mentee), ms.id, translator)
        assert ms.status == MentorshipStatus.active
        assert ms.started_on == await local_today(session, clock, mentee)


def test_the_start_date_rule() -> None:
    created, today = date(2026, 9, 1), date(2026, 9, 22)
    assert pairs.start_date(None, created, today) == today
    assert pairs.start_date(date(2026, 5, 1), created, today) == date(2026, 5, 1)  # backdated
    assert pairs.start_date(created, created, today) == today  # waited for confirmations
    assert pairs.start_date(date(2026, 10, 1), created, today) == date(2026, 10, 1)  # ahead
