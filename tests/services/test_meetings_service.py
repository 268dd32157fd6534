"""Rules of the meeting log and its totals, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import io
from dataclasses import replace
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from bot.db import transaction
from bot.services.errors import DomainError, Forbidden, InvalidInput, NotFound
from bot.services.mentorship import meeting_totals, meetings, mentor_record, pairs
from bot.services.mentorship.meeting_totals import GroupBy
from bot.services.mentorship.meetings import MeetingDraft
from models import Municipality, Organization, RoleGrant
from models.enums import MeetingStatus, MentorshipStatus, Role, ScopeLevel
from models.mentorship import Meeting, MeetingRevision
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


async def _setup(session, clock, translator, *, group: bool = False):  # type: ignore[no-untyped-def]
    coord = await make_coordinator(session, clock, 1)
    mentor = await make_person(session, clock, 2, role=Role.mentor, capacity=5)
    mentees = [await make_person(session, clock, 3)]
    if group:
        mentees += [await make_person(session, clock, 4), await make_person(session, clock, 5)]
    ms = await form_pair(
        session,
        clock,
        translator,
        coord,
        mentor,
        mentees,
        form="group" if group else "traditional",
        running_days=60,  # the past days of the log window may be logged
    )
    return coord, mentor, mentees, ms


async def _draft(session, clock, ms, mentees, **changes):  # type: ignore[no-untyped-def]
    today = await local_today(session, clock, mentees[0])
    draft = MeetingDraft(
        mentorship_id=ms.id,
        held_on=today,
        duration_minutes=60,
        format="online",
        topic="Технологическая карта урока",
        outcome=None,
        attendee_ids=tuple(m.id for m in mentees),
    )
    return replace(draft, **changes)


async def test_logging_asks_the_mentees_and_keeps_history(factory, clock, translator) -> None:
    async with transaction(factory) as session:
        _, mentor, mentees, ms = await _setup(session, clock, translator)
        draft = await _draft(session, clock, ms, mentees, topic="Оценивание <ФГОС> & задания")
        meeting = await meetings.log(session, clock, actor_of(mentor), draft, translator)
        assert (
            meeting.status == MeetingStatus.logged
            and meeting.organization_id == mentor.organization_id
        )
        org = await session.get(Organization, mentor.organization_id)
        assert meeting.municipality_id == org.municipality_id
        ask = (await outbox_to(session, mentees[0]))[-1]
        assert buttons_of(ask) == [f"mg:ok:{meeting.id}", f"mg:no:{meeting.id}"]
        assert "&lt;ФГОС&gt; &amp;" in ask.params["text"]  # HTML-escaped
        (created,) = await meetings.history(session, meeting.id)
        assert created.action == "created" and created.changes["duration_minutes"] == 60


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"held_on": "tomorrow"}, "meeting-date-future"),
        ({"held_on": "too-old"}, "meeting-date-too-old"),
        ({"duration_minutes": 0}, "meeting-bad-duration"),
        ({"duration_minutes": 2000}, "meeting-bad-duration"),
        ({"topic": " "}, "meeting-bad-topic"),
        ({"format": "phone"}, "error-stale-button"),
        ({"attendee_ids": ()}, "meeting-no-attendees"),
        ({"attendee_ids": "stranger"}, "error-stale-button"),
        ({"outcome": "x" * 2001}, "error-text-too-long"),
    ],
)
async def test_bad_input_is_refused_and_nothing_is_kept(
    factory, clock, translator, changes, error
) -> None:
    async with transaction(factory) as session:
        _, mentor, mentees, ms = await _setup(session, clock, translator)
        stranger = await make_person(session, clock, 9)
        today = await local_today(session, clock, mentor)
        special = {
            "tomorrow": today + timedelta(days=1),
            "too-old": today - timedelta(days=meetings.LOG_WINDOW_DAYS + 1),
            "stranger": (stranger.id,),
        }
        values = {k: special.get(v, v) if isinstance(v, str) else v for k, v in changes.items()}
        draft = await _draft(session, clock, ms, mentees, **values)
        with pytest.raises(DomainError) as caught:
            await meetings.log(session, clock, actor_of(mentor), draft, translator)
        assert caught.value.key == error
        assert await session.scalar(select(func.count(Meeting.id))) == 0


async def test_the_window_comes_from_the_caller(factory, clock, translator) -> None:
    async with transaction(factory) as session:
        _, mentor, mentees, ms = await _setup(session, clock, translator)
        today = await local_today(session, clock, mentor)
        old = await _draft(session, clock, ms, mentees, held_on=today - timedelta(days=40))
        with pytest.raises(InvalidInput, match="meeting-date-too-old"):
            await meetings.log(session, clock, actor_of(mentor), old, translator)
        await meetings.log(session, clock, actor_of(mentor), old, translator, window_days=60)


async def test_no_meeting_before_the_mentorship_started(factory, clock, translator) -> None:
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)
        mentor = await make_person(session, clock, 2, role=Role.mentor, capacity=5)
        mentee = await make_person(session, clock, 3)
        ms = await form_pair(session, clock, translator, coord, mentor, [mentee], running_days=3)
        today = await local_today(session, clock, mentor)
        start = today - timedelta(days=3)
        assert ms.started_on == start
        assert meetings.earliest_day(today, 30, start) == start
        assert meetings.earliest_day(today, 2, start) == today - timedelta(days=2)
        early = await _draft(session, clock, ms, [mentee], held_on=start - timedelta(days=1))
        with pytest.raises(InvalidInput, match="meeting-date-before-start") as caught:
            await meetings.log(session, clock, actor_of(mentor), early, translator)
        assert caught.value.params["start"] == start.strftime("%d.%m.%Y")
        assert await session.scalar(select(func.count(Meeting.id))) == 0
        meeting = await meetings.log(
            session, clock, actor_of(mentor), replace(early, held_on=start), translator
        )
        revisions = await session.scalar(select(func.count(MeetingRevision.id)))
        with pytest.raises(InvalidInput, match="meeting-date-before-start"):
            await meetings.edit(
                session,
                clock,
                actor_of(mentor),
                meeting.id,
                "held_on",
                start - timedelta(days=1),
                translator,
            )
        assert (await session.get(Meeting, meeting.id)).held_on == start
        assert await session.scalar(select(func.count(MeetingRevision.id))) == revisions
        # Active but starting next week: nothing can be logged yet, not even today.
        other = await make_person(session, clock, 4)
        later = await pairs.create(
            session,
            clock,
            actor_of(coord),
            pairs.MentorshipDraft(
                mentor_id=mentor.id,
                mentee_ids=(other.id,),
                form="traditional",
                model_element="adaptation",
                role_model="teacher_teacher",
                start_on=today + timedelta(days=7),
                planned_end_on=today + timedelta(days=90),
            ),
            translator,
        )
        for person in (mentor, other):
            later = await pairs.confirm(session, clock, actor_of(person), later.id, translator)
        assert later.status == MentorshipStatus.active and later.started_on == today + timedelta(
            days=7
        )
        with pytest.raises(InvalidInput, match="meeting-date-before-start"):
            await meetings.log(
                session,
                clock,
                actor_of(mentor),
                await _draft(session, clock, later, [other]),
                translator,
            )


async def test_only_the_mentor_of_an_active_mentorship_logs(factory, clock, translator) -> None:
    async with transaction(factory) as session:
        coord, mentor, mentees, ms = await _setup(session, clock, translator)
        other_mentor = await make_person(session, clock, 8, role=Role.mentor)
        draft = await _draft(session, clock, ms, mentees)
        for someone in (mentees[0], other_mentor, coord):
            with pytest.raises(Forbidden, match="meeting-not-your-mentorship"):
                await meetings.log(session, clock, actor_of(someone), draft, translator)
        await pairs.end(  # by the coordinator: the mentor alone only asks (see its test)
            session, clock, actor_of(coord), ms.id, translator, outcome=MentorshipStatus.completed
        )
        with pytest.raises(InvalidInput, match="mentorship-not-active"):
            await meetings.log(session, clock, actor_of(mentor), draft, translator)
        assert await session.scalar(select(func.count(Meeting.id))) == 0


async def test_confirm_and_dispute_go_where_they_should(factory, clock, translator) -> None:
    async with transaction(factory) as session:
        coord, mentor, mentees, ms = await _setup(session, clock, translator, group=True)
        draft = await _draft(session, clock, ms, mentees[:2])  # the third was absent
        meeting = await meetings.log(session, clock, actor_of(mentor), draft, translator)
        absent, outsider = mentees[2], await make_person(session, clock, 9)
        with pytest.raises(Forbidden, match="meeting-not-your-meeting"):
            await meetings.answer(
                session, clock, actor_of(absent), meeting.id, translator, confirmed=True
            )
        with pytest.raises(NotFound):
            await meetings.answer(
                session, clock, actor_of(outsider), meeting.id, translator, confirmed=True
            )
        meeting = await meetings.answer(
            session, clock, actor_of(mentees[0]), meeting.id, translator, confirmed=True
        )
        assert meeting.status == MeetingStatus.logged  # one of two
        with pytest.raises(InvalidInput, match="meeting-already-answered"):
            await meetings.answer(
                session, clock, actor_of(mentees[0]), meeting.id, translator, confirmed=True
            )
        meeting = await meetings.answer(
            session, clock, actor_of(mentees[1]), meeting.id, translator, confirmed=False
        )
        assert meeting.status == MeetingStatus.disputed
        to_coord = (await outbox_to(session, coord))[-1]
        assert buttons_of(to_coord) == [f"mg:keep:{meeting.id}", f"mg:void:{meeting.id}"]
        assert "оспаривает" in (await outbox_to(session, mentor))[-1].params["text"]
        meeting = await meetings.answer(
            session, clock, actor_of(mentees[1]), meeting.id, translator, confirmed=True
        )
        assert meeting.status == MeetingStatus.confirmed
        actions = [r.action for r in await meetings.history(session, meeting.id)]
        assert actions == ["created", "confirmed", "disputed", "confirmed"]


async def test_a_first_answer_is_welcome_late_but_a_change_is_not(
    factory, clock, translator
) -> None:
    async with transaction(factory) as session:
        _, mentor, mentees, ms = await _setup(session, clock, translator)
        meeting = await meetings.log(
            session, clock, actor_of(mentor), await _draft(session, clock, ms, mentees), translator
        )
        clock.advance(days=10)
        meeting = await meetings.answer(
            session, clock, actor_of(mentees[0]), meeting.id, translator, confirmed=True
        )
        assert meeting.status == MeetingStatus.confirmed
        with pytest.raises(InvalidInput, match="meeting-locked"):
            await meetings.answer(
                session, clock, actor_of(mentees[0]), meeting.id, translator, confirmed=False
            )


async def test_edit_within_the_window_asks_again_then_it_locks(factory, clock, translator) -> None:
    async with transaction(factory) as session:
        _, mentor, mentees, ms = await _setup(session, clock, translator)
        meeting = await meetings.log(
            session, clock, actor_of(mentor), await _draft(session, clock, ms, mentees), translator
        )
        await meetings.answer(
            session, clock, actor_of(mentees[0]), meeting.id, translator, confirmed=True
        )
        with pytest.raises(Forbidden, match="meeting-mentor-only"):
            await meetings.edit(
                session, clock, actor_of(mentees[0]), meeting.id, "duration_minutes", 90, translator
            )
        with pytest.raises(InvalidInput, match="meeting-nothing-changed"):
            await meetings.edit(
                session, clock, actor_of(mentor), meeting.id, "duration_minutes", 60, translator
            )
        with pytest.raises(InvalidInput, match="meeting-bad-duration"):
            await meetings.edit(
                session, clock, actor_of(mentor), meeting.id, "duration_minutes", 0, translator
            )
        clock.advance(days=6, hours=23)
        meeting = await meetings.edit(
            session, clock, actor_of(mentor), meeting.id, "duration_minutes", 90, translator
        )
        assert meeting.duration_minutes == 90 and meeting.status == MeetingStatus.logged
        assert meeting.attendees[0].answer is None
        edited = (await meetings.history(session, meeting.id))[-1]
        assert edited.action == "edited" and edited.changes == {"duration_minutes": [60, 90]}
        asks = [m for m in await outbox_to(session, mentees[0]) if "изменил" in m.params["text"]]
        assert len(asks) == 1
        clock.advance(hours=2)  # now 7 days and an hour after logging
        with pytest.raises(InvalidInput, match="meeting-locked"):
            await meetings.edit(
                session, clock, actor_of(mentor), meeting.id, "topic", "Другая тема", translator
            )
        with pytest.raises(InvalidInput, match="meeting-locked"):
            await meetings.delete(session, clock, actor_of(mentor), meeting.id)
        assert (await session.get(Meeting, meeting.id)).topic == "Технологическая карта урока"
        revisions = await session.scalar(
            select(func.count(MeetingRevision.id)).where(MeetingRevision.meeting_id == meeting.id)
        )
        assert revisions == 3  # created, confirmed, edited


async def test_editing_the_date_and_attendees(factory, clock, translator) -> None:
    async with transaction(factory) as session:
        _, mentor, mentees, ms = await _setup(session, clock, translator, group=True)
        meeting = await meetings.log(
            session, clock, actor_of(mentor), await _draft(session, clock, ms, mentees), translator
        )
        today = await local_today(session, clock, mentor)
        with pytest.raises(InvalidInput, match="meeting-date-future"):
            await meetings.edit(
                session,
                clock,
                actor_of(mentor),
                meeting.id,
                "held_on",
                today + timedelta(days=1),
                translator,
            )
        await meetings.edit(
            session,
            clock,
            actor_of(mentor),
            meeting.id,
            "held_on",
            today - timedelta(days=2),
            translator,
        )
        meeting = await meetings.edit(
            session, clock, actor_of(mentor), meeting.id, "attendees", [mentees[0].id], translator
        )
        assert [a.participant_id for a in meeting.attendees] == [mentees[0].id]
        with pytest.raises(InvalidInput, match="meeting-no-attendees"):
            await meetings.edit(
                session, clock, actor_of(mentor), meeting.id, "attendees", [], translator
            )


async def test_deleting_hides_it_from_totals(factory, clock, translator) -> None:
    async with transaction(factory) as session:
        _, mentor, mentees, ms = await _setup(session, clock, translator)
        first = await meetings.log(
            session, clock, actor_of(mentor), await _draft(session, clock, ms, mentees), translator
        )
        await meetings.log(
            session,
            clock,
            actor_of(mentor),
            await _draft(session, clock, ms, mentees, duration_minutes=45),
            translator,
        )
        await meetings.delete(session, clock, actor_of(mentor), first.id)
        total = await meeting_totals.overall(session, mentorship_id=ms.id)
        assert (total.meetings, total.minutes) == (1, 45)
        with pytest.raises(InvalidInput, match="meeting-deleted"):
            await meetings.delete(session, clock, actor_of(mentor), first.id)
        with pytest.raises(InvalidInput, match="meeting-deleted"):
            await meetings.answer(
                session, clock, actor_of(mentees[0]), first.id, translator, confirmed=True
            )


async def test_a_coordinator_decides_a_dispute(factory, clock, translator) -> None:
    async with transaction(factory) as session:
        coord, mentor, mentees, ms = await _setup(session, clock, translator)
        other = await make_coordinator(session, clock, 90, ZONALNAYA)
        meeting = await meetings.log(
            session, clock, actor_of(mentor), await _draft(session, clock, ms, mentees), translator
        )
        with pytest.raises(InvalidInput, match="meeting-not-disputed"):
            await meetings.resolve(
                session, clock, actor_of(coord), meeting.id, translator, keep=True
            )
        await meetings.answer(
            session, clock, actor_of(mentees[0]), meeting.id, translator, confirmed=False
        )
        assert [m.id for m in await meetings.disputed_in_scope(session, actor_of(coord))] == [
            meeting.id
        ]
        assert await meetings.disputed_in_scope(session, actor_of(other)) == []
        with pytest.raises(NotFound):
            await meetings.resolve(
                session, clock, actor_of(other), meeting.id, translator, keep=True
            )
        with pytest.raises(Forbidden):
            await meetings.resolve(
                session, clock, actor_of(mentees[0]), meeting.id, translator, keep=True
            )
        # The mentor is a coordinator of the school too: still not the judge of their meeting.
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
        with pytest.raises(Forbidden, match="meeting-resolve-own"):
            await meetings.resolve(
                session, clock, actor_of(mentor), meeting.id, translator, keep=True
            )
        assert (await session.get(Meeting, meeting.id)).status == MeetingStatus.disputed
        meeting = await meetings.resolve(
            session, clock, actor_of(coord), meeting.id, translator, keep=False
        )
        assert meeting.status == MeetingStatus.deleted
        assert "аннулировал" in (await outbox_to(session, mentees[0]))[-1].params["text"]
        assert (await meetings.history(session, meeting.id))[-1].action == "voided"


async def _muni_and_region(session, org_id):  # type: ignore[no-untyped-def]
    organization = await session.get(Organization, org_id)
    region = await session.scalar(
        select(Municipality.region_id).where(Municipality.id == organization.municipality_id)
    )
    return organization.municipality_id, region


async def _disputes_told(session, people):  # type: ignore[no-untyped-def]
    return {
        p.id: [m for m in await outbox_to(session, p) if "mg:keep" in " ".join(buttons_of(m))]
        for p in people
    }


async def test_a_dispute_goes_to_the_nearest_coordinators_only(factory, clock, translator) -> None:
    """The school's coordinator is told, not the municipality's nor the region's; a school
    without a coordinator (here its only one is the mentor, a party) goes one level up. Higher
    levels still find and decide the dispute through their list."""
    async with transaction(factory) as session:
        coord, mentor, mentees, ms = await _setup(session, clock, translator)
        muni_id, region_id = await _muni_and_region(session, mentor.organization_id)
        muni = await make_coordinator(
            session, clock, 60, level=ScopeLevel.municipality, scope_id=muni_id
        )
        region = await make_coordinator(
            session, clock, 61, level=ScopeLevel.region, scope_id=region_id
        )
        meeting = await meetings.log(
            session, clock, actor_of(mentor), await _draft(session, clock, ms, mentees), translator
        )
        await meetings.answer(
            session, clock, actor_of(mentees[0]), meeting.id, translator, confirmed=False
        )
        told = await _disputes_told(session, [coord, muni, region])
        assert [len(told[p.id]) for p in (coord, muni, region)] == [1, 0, 0]
        # The region's coordinator sees it in the list and may decide it.
        assert meeting.id in {
            m.id for m in await meetings.disputed_in_scope(session, actor_of(region))
        }
        meeting = await meetings.resolve(
            session, clock, actor_of(region), meeting.id, translator, keep=True
        )
        assert meeting.status == MeetingStatus.confirmed

        # Another school of the same municipality whose only coordinator is the mentor.
        near_mentor = await make_person(session, clock, 62, PUDINO, Role.mentor)
        near_mentee = await make_person(session, clock, 63, PUDINO)
        session.add(
            RoleGrant(
                participant_id=near_mentor.id,
                role=Role.coordinator,
                scope_level=ScopeLevel.organization,
                scope_id=near_mentor.organization_id,
                created_at=clock.now(),
            )
        )
        await session.flush()
        near = await form_pair(
            session, clock, translator, muni, near_mentor, [near_mentee], running_days=5
        )
        near_meeting = await meetings.log(
            session,
            clock,
            actor_of(near_mentor),
            await _draft(session, clock, near, [near_mentee]),
            translator,
        )
        await meetings.answer(
            session, clock, actor_of(near_mentee), near_meeting.id, translator, confirmed=False
        )
        told = await _disputes_told(session, [coord, muni, region, near_mentor])
        # The first dispute is still the school coordinator's only one.
        assert [len(told[p.id]) for p in (coord, muni, region, near_mentor)] == [1, 1, 0, 0]
        assert f"mg:keep:{near_meeting.id}" in buttons_of(told[muni.id][0])


async def test_two_mentees_answering_at_once(factory, clock, translator) -> None:
    async with transaction(factory) as session:
        _, mentor, mentees, ms = await _setup(session, clock, translator, group=True)
        meeting = await meetings.log(
            session, clock, actor_of(mentor), await _draft(session, clock, ms, mentees), translator
        )

    async def press(person) -> None:  # type: ignore[no-untyped-def]
        async with transaction(factory) as session:
            await meetings.answer(
                session, clock, actor_of(person), meeting.id, translator, confirmed=True
            )

    await asyncio.gather(*(press(m) for m in mentees))
    async with transaction(factory) as session:
        assert (await session.get(Meeting, meeting.id)).status == MeetingStatus.confirmed


async def test_totals_by_every_grouping_period_and_scope(factory, clock, translator) -> None:
    async with transaction(factory) as session:
        coord, mentor, mentees, ms = await _setup(session, clock, translator)
        far_coord = await make_coordinator(session, clock, 80, ZONALNAYA)
        far_mentor = await make_person(session, clock, 81, ZONALNAYA, Role.mentor)
        far_mentee = await make_person(session, clock, 82, ZONALNAYA)
        far = await form_pair(
            session, clock, translator, far_coord, far_mentor, [far_mentee], running_days=5
        )
        near_mentor = await make_person(session, clock, 83, PUDINO, Role.mentor)
        near_mentee = await make_person(session, clock, 84, PUDINO)
        muni_coord = await make_coordinator(
            session,
            clock,
            85,
            PUDINO,
            ScopeLevel.municipality,
            (await session.get(Organization, near_mentee.organization_id)).municipality_id,
        )
        near = await form_pair(
            session, clock, translator, muni_coord, near_mentor, [near_mentee], running_days=5
        )
        today = await local_today(session, clock, mentor)
        for pair, mentor_, mentee_, minutes, days_ago in (
            (ms, mentor, mentees[0], 60, 0),
            (ms, mentor, mentees[0], 30, 20),
            (far, far_mentor, far_mentee, 90, 1),
            (near, near_mentor, near_mentee, 45, 2),
        ):
            await meetings.log(
                session,
                clock,
                actor_of(mentor_),
                await _draft(
                    session,
                    clock,
                    pair,
                    [mentee_],
                    duration_minutes=minutes,
                    held_on=today - timedelta(days=days_ago),
                ),
                translator,
            )
        by_org = await meeting_totals.totals(session, GroupBy.organization)
        assert [(t.meetings, t.minutes) for t in by_org] == [(2, 90), (1, 90), (1, 45)]
        assert by_org[1].key == far_mentor.organization_id  # equal hours: more meetings first
        by_muni = await meeting_totals.totals(session, GroupBy.municipality)
        kedr = await session.scalar(
            select(Municipality.id).where(Municipality.name == "Город Кедровый")
        )
        assert {t.key: t.minutes for t in by_muni}[kedr] == 135
        scoped = await meeting_totals.totals(session, GroupBy.mentor, scope=actor_of(coord))
        assert [(t.key, t.minutes) for t in scoped] == [(mentor.id, 90)]
        muni_scoped = await meeting_totals.overall(session, scope=actor_of(muni_coord))
        assert muni_scoped.minutes == 135  # the municipality: both of its schools
        recent = await meeting_totals.overall(session, since=today - timedelta(days=5))
        assert recent.meetings == 3
        by_month = await meeting_totals.totals(session, GroupBy.month)
        assert sum(t.meetings for t in by_month) == 4
        assert all(len(t.key) == 7 for t in by_month)
        per_pair = await meeting_totals.totals(session, GroupBy.mentorship, mentor_id=mentor.id)
        assert [(t.key, t.minutes) for t in per_pair] == [(ms.id, 90)]
        labels = await meeting_totals.labels(session, GroupBy.organization, [by_org[1].key])
        assert labels[by_org[1].key] == "Зональненская СОШ"


async def test_a_cross_school_pair_counts_for_both_schools_once_per_scope(
    factory, clock, translator
) -> None:
    """A network pair's meetings count at the mentor's school and at the mentees' school; a
    scope holding both (the region; a municipality holding both) counts each meeting once."""
    async with transaction(factory) as session:
        coord = await make_coordinator(session, clock, 1)  # the mentees' school (Kedr)
        kedr_org = coord.organization_id
        kedr_muni, region_id = await _muni_and_region(session, kedr_org)
        mentee = await make_person(session, clock, 3)
        far_mentor = await make_person(session, clock, 81, ZONALNAYA, Role.mentor)
        far_coord = await make_coordinator(session, clock, 80, ZONALNAYA)
        near_mentor = await make_person(session, clock, 83, PUDINO, Role.mentor)
        near_mentee = await make_person(session, clock, 84)
        kedr_coord = await make_coordinator(
            session, clock, 85, level=ScopeLevel.municipality, scope_id=kedr_muni
        )
        region = await make_coordinator(
            session, clock, 86, level=ScopeLevel.region, scope_id=region_id
        )
        far_muni, _ = await _muni_and_region(session, far_mentor.organization_id)
        network = await form_pair(
            session, clock, translator, coord, far_mentor, [mentee], form="network", running_days=5
        )
        # A regional coordinator may pair across schools of one municipality too.
        near = await form_pair(
            session, clock, translator, region, near_mentor, [near_mentee], running_days=5
        )
        for pair, mentor_, mentee_, minutes in (
            (network, far_mentor, mentee, 60),
            (near, near_mentor, near_mentee, 30),
        ):
            await meetings.log(
                session,
                clock,
                actor_of(mentor_),
                await _draft(session, clock, pair, [mentee_], duration_minutes=minutes),
                translator,
            )
        rows = list(await session.scalars(select(Meeting).order_by(Meeting.id)))
        assert [(m.pair_organization_id, m.pair_municipality_id) for m in rows] == [
            (kedr_org, kedr_muni),
            (kedr_org, kedr_muni),
        ]
        pudino_org = near_mentor.organization_id
        # The mentees' school sees both; the mentor's school its own one.
        school = await meeting_totals.overall(session, scope=actor_of(coord))
        assert (school.meetings, school.minutes) == (2, 90)
        by_org = await meeting_totals.totals(session, GroupBy.organization, scope=actor_of(coord))
        assert [(t.key, t.minutes) for t in by_org] == [(kedr_org, 90)]
        by_mentor = await meeting_totals.totals(session, GroupBy.mentor, scope=actor_of(coord))
        assert {t.key: t.minutes for t in by_mentor} == {far_mentor.id: 60, near_mentor.id: 30}
        far = await meeting_totals.overall(session, scope=actor_of(far_coord))
        assert (far.meetings, far.minutes) == (1, 60)
        # The municipality holds Kedr and Pudino: each meeting once.
        muni = await meeting_totals.overall(session, scope=actor_of(kedr_coord))
        assert (muni.meetings, muni.minutes) == (2, 90)
        by_muni = await meeting_totals.totals(
            session, GroupBy.municipality, scope=actor_of(kedr_coord)
        )
        assert [(t.key, t.meetings, t.minutes) for t in by_muni] == [(kedr_muni, 2, 90)]
        # The region: once in the overall line; under each school and municipality it is of.
        everywhere = await meeting_totals.overall(session, scope=actor_of(region))
        assert (everywhere.meetings, everywhere.minutes) == (2, 90)
        assert (await meeting_totals.overall(session)).meetings == 2
        by_org = await meeting_totals.totals(session, GroupBy.organization, scope=actor_of(region))
        assert {t.key: t.minutes for t in by_org} == {
            kedr_org: 90,
            far_mentor.organization_id: 60,
            pudino_org: 30,
        }
        by_muni = await meeting_totals.totals(session, GroupBy.municipality, scope=actor_of(region))
        assert {t.key: t.minutes for t in by_muni} == {kedr_muni: 90, far_muni: 60}
        by_month = await meeting_totals.totals(session, GroupBy.month, scope=actor_of(region))
        assert sum(t.meetings for t in by_month) == 2
        # The mentor's own record counts their meetings once.
        assert (await meeting_totals.overall(session, mentor_id=far_mentor.id)).meetings == 1


def test_periods() -> None:
    period = meeting_totals.period
    assert period("month", date(2026, 11, 25)) == meeting_totals.Period(
        date(2026, 11, 1), date(2026, 11, 25)
    )
    assert period("last_month", date(2026, 1, 10)) == meeting_totals.Period(
        date(2025, 12, 1), date(2025, 12, 31)
    )
    assert period("school_year", date(2026, 3, 1)).since == date(2025, 9, 1)
    assert period("school_year", date(2026, 9, 1)).until == date(2027, 8, 31)
    assert period("all", date(2026, 1, 1)) == meeting_totals.Period(None, None)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("60", 60), ("90 мин", 90), ("1:30", 90), ("1,5 ч", 90), ("2 ч", 120), ("45min", 45)],
)
def test_durations_people_type(text: str, minutes: int) -> None:
    assert meetings.parse_duration(text) == minutes


@pytest.mark.parametrize("text", ["0", "2000", "4", "601", "полчаса", "", "-30", "11 ч"])
def test_durations_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match="meeting-bad-duration"):
        meetings.parse_duration(text)


async def test_the_mentors_record_keeps_typed_text_as_text(factory, clock, translator) -> None:
    formula = '=HYPERLINK("http://example.org","x")'
    async with transaction(factory) as session:
        coord, mentor, mentees, ms = await _setup(session, clock, translator)
        draft = await _draft(session, clock, ms, mentees, topic=formula, outcome="итог\x07 =1+1")
        await meetings.log(session, clock, actor_of(mentor), draft, translator)
        await pairs.end(
            session, clock, actor_of(coord), ms.id, translator, outcome=MentorshipStatus.completed
        )
        await pairs.leave_feedback(session, clock, actor_of(mentees[0]), ms.id, 5)
        await pairs.comment_feedback(session, clock, actor_of(mentees[0]), ms.id, "=1+1 спасибо")
        await pairs.leave_feedback(session, clock, actor_of(mentor), ms.id, 2)
        record = await mentor_record.build(session, clock, mentor)
    # Hours, mentees and only the mentees' feedback (the mentor's own rating is not theirs).
    assert (record.total.meetings, record.total.minutes, record.mentees) == (1, 60, 1)
    assert [(f.rating, f.comment) for f in record.feedback] == [(5, "=1+1 спасибо")]
    book = load_workbook(io.BytesIO(mentor_record.to_xlsx(record, translator.for_lang("ru"))))
    log, notes = book.worksheets[2], book.worksheets[3]
    topic, outcome = log.cell(row=2, column=5), log.cell(row=2, column=6)
    assert (topic.data_type, topic.value) == ("s", formula)
    assert outcome.value == "итог =1+1"  # the control character openpyxl refuses is dropped
    comment = notes.cell(row=2, column=3)
    assert (comment.data_type, comment.value) == ("s", "=1+1 спасибо")
