"""Mentoring pairs and groups: forming, confirming, a mentor's proposal, ending, feedback.

Lifecycle: a coordinator forms a mentorship (status ``proposed``) and the mentor and every
mentee confirm it; the last confirmation makes it ``active``. A mentor's own proposal starts as
``requested`` (the mentor has confirmed by proposing) and becomes ``proposed`` once a coordinator
approves it. Anyone asked may decline (``declined``). An active mentorship ends as
``completed`` or ``stopped`` (with a reason), and then both sides are asked for final feedback.

Every state change first takes a write lock on the mentorship row (``_lock``) and re-reads it,
so two people pressing at the same moment are serialised on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Exists, Select, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Translator
from bot.services import access, directory, due
from bot.services.access import Actor
from bot.services.errors import Forbidden, InvalidInput, NotFound
from bot.services.mentorship import pair_notices
from models import DueTask, Municipality, Organization, Participant, RoleGrant
from models.enums import (
    Category,
    DueTaskStatus,
    MentoringForm,
    MentorshipStatus,
    ModelElement,
    ParticipantStatus,
    Role,
    RoleModel,
)
from models.mentorship import Mentorship, MentorshipFeedback, MentorshipMentee

# Statuses in which a mentorship still counts: it takes a mentor's capacity, and the same mentor
# and mentee cannot be paired twice.
CURRENT = (MentorshipStatus.requested, MentorshipStatus.proposed, MentorshipStatus.active)
ENDED = (MentorshipStatus.completed, MentorshipStatus.stopped, MentorshipStatus.declined)
MAX_GROUP = 15
# One mentee exactly; a group needs at least two; the other forms take one or more.
SINGLE_MENTEE_FORMS = frozenset({MentoringForm.traditional, MentoringForm.reverse})
# How far the dates of a new mentorship may reach.
MAX_START_SHIFT = timedelta(days=366)
MAX_LENGTH = timedelta(days=3 * 366)
REASON_MIN, REASON_MAX = 3, 500
COMMENT_MAX = 1000
PAGE_SIZE = 8
CONFIRM_REMINDER = "mentorship-confirm-reminder"
CONFIRM_REMINDER_AFTER = timedelta(days=2)


@dataclass(frozen=True)
class MentorshipDraft:
    """What a coordinator chose in the wizard (or a mentor, for a proposal)."""

    mentor_id: int
    mentee_ids: tuple[int, ...]
    form: str
    model_element: str
    role_model: str
    start_on: date | None
    planned_end_on: date


@dataclass(frozen=True)
class ScopeFilter:
    form: str | None = None
    status: str | None = None
    organization_id: int | None = None


@dataclass(frozen=True)
class Page:
    items: list[Mentorship]
    total: int
    page: int
    pages: int


@dataclass(frozen=True)
class MentorLoad:
    mentor: Participant
    load: int
    capacity: int


# --- reading ---------------------------------------------------------------------------------


async def local_today(session: AsyncSession, clock: Clock, organization_id: int) -> date:
    """Today in the region of the organization: dates are asked and kept in that zone."""
    zone = await directory.zone_of_organization(session, organization_id)
    return clock.now().astimezone(zone).date()


def mentee_ids(mentorship: Mentorship) -> list[int]:
    return [row.participant_id for row in mentorship.mentees]


def member_ids(mentorship: Mentorship) -> list[int]:
    return [mentorship.mentor_id, *mentee_ids(mentorship)]


def role_in(mentorship: Mentorship, participant_id: int | None) -> str | None:
    if participant_id is None:
        return None
    if mentorship.mentor_id == participant_id:
        return Role.mentor
    if participant_id in mentee_ids(mentorship):
        return Role.mentee
    return None


async def _lock(session: AsyncSession, mentorship_id: int) -> Mentorship:
    """Take the row's write lock, then read it fresh.

    A no-op UPDATE locks the row on PostgreSQL and takes SQLite's write lock (pysqlite begins
    the transaction at the first write, so what is read after it is the latest committed).
    """
    await session.execute(
        update(Mentorship)
        .where(Mentorship.id == mentorship_id)
        .values(status=Mentorship.status)
        .execution_options(synchronize_session=False)
    )
    mentorship = await session.scalar(
        select(Mentorship)
        .where(Mentorship.id == mentorship_id)
        .execution_options(populate_existing=True)
    )
    if mentorship is None:
        raise NotFound("error-not-found")
    await session.refresh(mentorship, ["mentees"])
    return mentorship


async def get(session: AsyncSession, mentorship_id: int) -> Mentorship:
    mentorship = await session.get(Mentorship, mentorship_id)
    if mentorship is None:
        raise NotFound("error-not-found")
    return mentorship


async def get_visible(session: AsyncSession, actor: Actor, mentorship_id: int) -> Mentorship:
    """A mentorship its members and the coordinators of its organization may see."""
    mentorship = await session.get(Mentorship, mentorship_id)
    if mentorship is None:
        raise NotFound("error-not-found")
    if role_in(mentorship, actor.participant_id) is not None:
        return mentorship
    if actor.is_coordinator and await access.covers_organization(
        session, actor, mentorship.organization_id
    ):
        return mentorship
    raise NotFound("error-not-found")


async def people(session: AsyncSession, ids: list[int]) -> dict[int, Participant]:
    if not ids:
        return {}
    rows = await session.scalars(select(Participant).where(Participant.id.in_(ids)))
    return {p.id: p for p in rows}


async def for_participant(session: AsyncSession, participant_id: int) -> list[Mentorship]:
    """A participant's mentorships as mentor or mentee: current ones first, newest first."""
    as_mentee = select(MentorshipMentee.mentorship_id).where(
        MentorshipMentee.participant_id == participant_id
    )
    rows = await session.scalars(
        select(Mentorship)
        .where(or_(Mentorship.mentor_id == participant_id, Mentorship.id.in_(as_mentee)))
        .order_by(Mentorship.created_at.desc(), Mentorship.id.desc())
    )
    found = list(rows)
    return [m for m in found if m.status in CURRENT] + [m for m in found if m.status in ENDED]


async def active_as_mentor(session: AsyncSession, participant_id: int) -> list[Mentorship]:
    rows = await session.scalars(
        select(Mentorship)
        .where(Mentorship.mentor_id == participant_id, Mentorship.status == MentorshipStatus.active)
        .order_by(Mentorship.started_on, Mentorship.id)
    )
    return list(rows)


def _scoped(actor: Actor) -> Select[Mentorship]:
    return (
        select(Mentorship)
        .join(Organization, Organization.id == Mentorship.organization_id)
        .where(access.organization_condition(actor))
    )


async def list_in_scope(
    session: AsyncSession, actor: Actor, filters: ScopeFilter, page: int = 0
) -> Page:
    actor.require_coordinator()
    query = _scoped(actor)
    if filters.form:
        query = query.where(Mentorship.form == filters.form)
    if filters.status == "current":
        query = query.where(Mentorship.status.in_(CURRENT))
    elif filters.status == "ended":
        query = query.where(Mentorship.status.in_(ENDED))
    elif filters.status:
        query = query.where(Mentorship.status == filters.status)
    if filters.organization_id is not None:
        query = query.where(Mentorship.organization_id == filters.organization_id)
    total = int(await session.scalar(select(func.count()).select_from(query.subquery())) or 0)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    rows = await session.scalars(
        query.order_by(Mentorship.created_at.desc(), Mentorship.id.desc())
        .offset(page * PAGE_SIZE)
        .limit(PAGE_SIZE)
    )
    return Page(list(rows), total, page, pages)


async def counts_in_scope(session: AsyncSession, actor: Actor) -> dict[str, int]:
    actor.require_coordinator()
    query = (
        _scoped(actor)
        .with_only_columns(Mentorship.status, func.count())
        .group_by(Mentorship.status)
    )
    return {status: int(n) for status, n in (await session.execute(query)).all()}


def load_expression(participant_id_column: Any) -> Any:
    """Mentees a mentor takes care of now (requested, proposed or active mentorships)."""
    return (
        select(func.count(MentorshipMentee.id))
        .join(Mentorship, Mentorship.id == MentorshipMentee.mentorship_id)
        .where(Mentorship.mentor_id == participant_id_column, Mentorship.status.in_(CURRENT))
        .scalar_subquery()
    )


async def load_of(session: AsyncSession, mentor_id: int) -> int:
    return int(await session.scalar(select(load_expression(mentor_id))) or 0)


def _people_in_scope(actor: Actor, role: Role | None) -> Select[Participant]:
    query = (
        select(Participant)
        .join(Organization, Organization.id == Participant.organization_id)
        .where(
            access.organization_condition(actor),
            Participant.status == ParticipantStatus.active,
        )
    )
    if role is not None:
        query = query.where(
            exists().where(RoleGrant.participant_id == Participant.id, RoleGrant.role == role)
        )
    return query


async def mentors_over_capacity(session: AsyncSession, actor: Actor) -> list[MentorLoad]:
    actor.require_coordinator()
    load = load_expression(Participant.id)
    rows = await session.execute(
        _people_in_scope(actor, Role.mentor)
        .add_columns(load)
        .where(load > Participant.capacity)
        .order_by(Participant.full_name, Participant.id)
    )
    return [MentorLoad(p, int(n), p.capacity) for p, n in rows.all()]


def _has_current_mentor() -> Exists:
    return (
        select(MentorshipMentee.id)
        .join(Mentorship, Mentorship.id == MentorshipMentee.mentorship_id)
        .where(
            MentorshipMentee.participant_id == Participant.id,
            Mentorship.status.in_(CURRENT),
        )
        .exists()
    )


async def mentees_without_mentor(session: AsyncSession, actor: Actor) -> list[Participant]:
    actor.require_coordinator()
    rows = await session.scalars(
        _people_in_scope(actor, Role.mentee)
        .where(~_has_current_mentor())
        .order_by(Participant.full_name, Participant.id)
    )
    return list(rows)


async def mentee_candidates(
    session: AsyncSession, actor: Actor, form: str, search: str = ""
) -> list[Participant]:
    """Who a coordinator may pick as a mentee: those without a mentor first.

    In a reverse pair the one mentored is an experienced teacher, so anyone active qualifies.
    """
    actor.require_coordinator()
    role = None if form == MentoringForm.reverse else Role.mentee
    without = _has_current_mentor()
    rows = await session.execute(
        _people_in_scope(actor, role)
        .add_columns(without)
        .where(Participant.full_name.is_not(None))
        .order_by(Participant.full_name, Participant.id)
    )
    found = [(p, bool(has)) for p, has in rows.all()]
    if search:
        needle = search.casefold()  # in Python: SQLite's LIKE folds ASCII only
        found = [(p, has) for p, has in found if needle in (p.full_name or "").casefold()]
    return [p for p, has in found if not has] + [p for p, has in found if has]


async def mentor_candidates(
    session: AsyncSession, actor: Actor, search: str = ""
) -> list[tuple[Participant, int]]:
    """Every mentor in the coordinator's scope with their load, by name."""
    actor.require_coordinator()
    rows = await session.execute(
        _people_in_scope(actor, Role.mentor)
        .add_columns(load_expression(Participant.id))
        .order_by(Participant.full_name, Participant.id)
    )
    found = [(p, int(n)) for p, n in rows.all()]
    if search:
        needle = search.casefold()
        found = [(p, n) for p, n in found if needle in (p.full_name or "").casefold()]
    return found


def may_be_proposed_to(person: Participant, form: str) -> bool:
    """Whom a mentor may propose a pair to: a registered mentee; in a reverse pair (a younger
    teacher mentors an experienced one) any teacher, who is usually no mentee at all."""
    if form == MentoringForm.reverse:
        return person.category == Category.teacher
    return person.has_role(Role.mentee)


async def colleagues_for_proposal(
    session: AsyncSession, mentor: Participant, form: str = MentoringForm.traditional
) -> list[Participant]:
    """Colleagues of the mentor's organization a mentor may propose the form to (not already
    with them): see ``may_be_proposed_to``."""
    who = (
        Participant.category == Category.teacher
        if form == MentoringForm.reverse
        else exists().where(
            RoleGrant.participant_id == Participant.id, RoleGrant.role == Role.mentee
        )
    )
    with_me = (
        select(MentorshipMentee.participant_id)
        .join(Mentorship, Mentorship.id == MentorshipMentee.mentorship_id)
        .where(Mentorship.mentor_id == mentor.id, Mentorship.status.in_(CURRENT))
    )
    rows = await session.scalars(
        select(Participant)
        .where(
            Participant.organization_id == mentor.organization_id,
            Participant.status == ParticipantStatus.active,
            Participant.id != mentor.id,
            Participant.full_name.is_not(None),
            who,
            Participant.id.not_in(with_me),
        )
        .order_by(Participant.full_name, Participant.id)
    )
    return list(rows)


# --- forming ---------------------------------------------------------------------------------


def check_choice(form: str, model_element: str, role_model: str) -> None:
    if (
        form not in {f.value for f in MentoringForm}
        or model_element not in {m.value for m in ModelElement}
        or role_model not in {r.value for r in RoleModel}
    ):
        raise InvalidInput("error-stale-button")


def check_mentee_count(form: str, count: int) -> None:
    if form in SINGLE_MENTEE_FORMS and count != 1:
        raise InvalidInput("mentorship-one-mentee")
    if form == MentoringForm.group and not 2 <= count <= MAX_GROUP:
        raise InvalidInput("mentorship-group-size", max=MAX_GROUP)
    if not 1 <= count <= MAX_GROUP:
        raise InvalidInput("mentorship-mentees-count", max=MAX_GROUP)


def start_date(planned: date | None, created_on: date, today: date) -> date:
    """The day a mentorship starts once everyone has confirmed.

    A start dated before the day it was entered stays: the pair is being recorded after it
    began (the roadmaps ask schools to enter the pairs they already have), and its earlier
    meetings must be loggable. A planned start that passed while the confirmations were
    awaited moves to today: the pair did not work before everyone agreed. A start still
    ahead stays where it was planned."""
    if planned is None:
        return today
    if planned < created_on or planned >= today:
        return planned
    return today


def check_dates(start_on: date, planned_end_on: date, today: date) -> None:
    if abs(start_on - today) > MAX_START_SHIFT:
        raise InvalidInput("mentorship-bad-start")
    if planned_end_on <= start_on or planned_end_on - start_on > MAX_LENGTH:
        raise InvalidInput("mentorship-bad-end")


async def _active_person(session: AsyncSession, participant_id: int) -> Participant:
    person = await session.get(Participant, participant_id)
    if person is None or person.status != ParticipantStatus.active:
        raise NotFound("error-not-found")
    return person


async def _check_not_paired(
    session: AsyncSession, mentor_id: int, mentees: list[Participant]
) -> None:
    for mentee in mentees:
        paired = await session.scalar(
            select(Mentorship.id)
            .join(MentorshipMentee, MentorshipMentee.mentorship_id == Mentorship.id)
            .where(
                Mentorship.mentor_id == mentor_id,
                Mentorship.status.in_(CURRENT),
                MentorshipMentee.participant_id == mentee.id,
            )
            .limit(1)
        )
        if paired is not None:
            raise InvalidInput("mentorship-duplicate", name=mentee.full_name or "—")


async def _region_of(session: AsyncSession, organization_id: int) -> int | None:
    return await session.scalar(
        select(Municipality.region_id)
        .join(Organization, Organization.municipality_id == Municipality.id)
        .where(Organization.id == organization_id)
    )


async def create(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    draft: MentorshipDraft,
    translator: Translator,
) -> Mentorship:
    """A coordinator forms a pair or group; the mentor and the mentees are asked to confirm."""
    actor.require_coordinator()
    check_choice(draft.form, draft.model_element, draft.role_model)
    if len(set(draft.mentee_ids)) != len(draft.mentee_ids):
        raise InvalidInput("error-stale-button")
    check_mentee_count(draft.form, len(draft.mentee_ids))
    if draft.mentor_id in draft.mentee_ids:
        raise InvalidInput("mentorship-self")
    mentees = [await _active_person(session, pid) for pid in draft.mentee_ids]
    for mentee in mentees:
        await access.require_organization(session, actor, mentee.organization_id)
    mentor = await _active_person(session, draft.mentor_id)
    if not mentor.has_role(Role.mentor):
        raise InvalidInput("mentorship-not-a-mentor")
    # Network mentoring reaches mentors of other schools of the region; otherwise the mentor
    # is someone the coordinator is responsible for.
    if not await access.covers_organization(session, actor, mentor.organization_id) and not (
        draft.form == MentoringForm.network
        and await _region_of(session, mentor.organization_id)
        == await _region_of(session, mentees[0].organization_id)
    ):
        raise Forbidden("error-out-of-scope")
    await _check_not_paired(session, mentor.id, mentees)
    organization_id = mentees[0].organization_id
    today = await local_today(session, clock, organization_id)
    start_on = draft.start_on or today
    check_dates(start_on, draft.planned_end_on, today)
    now = clock.now()
    mentorship = Mentorship(
        organization_id=organization_id,
        mentor_id=mentor.id,
        form=draft.form,
        model_element=draft.model_element,
        role_model=draft.role_model,
        status=MentorshipStatus.proposed,
        started_on=start_on,
        planned_end_on=draft.planned_end_on,
        created_by=actor.participant_id,
        created_at=now,
    )
    mentorship.mentees = [MentorshipMentee(participant_id=m.id) for m in mentees]
    session.add(mentorship)
    await session.flush()
    await pair_notices.ask_to_confirm(session, clock, translator, mentorship, [mentor, *mentees])
    await _plan_confirm_reminder(session, clock, mentorship)
    return mentorship


async def propose(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    draft: MentorshipDraft,
    translator: Translator,
) -> Mentorship:
    """A mentor proposes a pair to a colleague of their own organization (a mentee, or any
    teacher for a reverse pair); a coordinator approves."""
    if actor.participant_id is None or Role.mentor not in actor.roles:
        raise Forbidden("error-not-mentor")
    if draft.mentor_id != actor.participant_id:
        raise Forbidden("error-not-found")
    check_choice(draft.form, draft.model_element, draft.role_model)
    if draft.form == MentoringForm.group or len(draft.mentee_ids) != 1:
        raise InvalidInput("mentorship-one-mentee")
    mentor = await _active_person(session, actor.participant_id)
    if draft.mentee_ids[0] == mentor.id:
        raise InvalidInput("mentorship-self")
    mentee = await _active_person(session, draft.mentee_ids[0])
    if mentee.organization_id != mentor.organization_id:
        raise Forbidden("mentorship-other-organization")
    if not may_be_proposed_to(mentee, draft.form):
        raise InvalidInput(
            "mentorship-not-a-teacher"
            if draft.form == MentoringForm.reverse
            else "mentorship-not-a-mentee"
        )
    await _check_not_paired(session, mentor.id, [mentee])
    today = await local_today(session, clock, mentor.organization_id)
    check_dates(today, draft.planned_end_on, today)
    now = clock.now()
    mentorship = Mentorship(
        organization_id=mentee.organization_id,
        mentor_id=mentor.id,
        form=draft.form,
        model_element=draft.model_element,
        role_model=draft.role_model,
        status=MentorshipStatus.requested,
        started_on=None,
        planned_end_on=draft.planned_end_on,
        created_by=mentor.id,
        created_at=now,
        mentor_confirmed_at=now,  # proposing is the mentor's confirmation
    )
    mentorship.mentees = [MentorshipMentee(participant_id=mentee.id)]
    session.add(mentorship)
    await session.flush()
    await pair_notices.proposal_to_coordinators(session, clock, translator, mentorship)
    return mentorship


async def decide_proposal(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    mentorship_id: int,
    translator: Translator,
    *,
    approve: bool,
) -> Mentorship:
    actor.require_coordinator()
    mentorship = await _lock(session, mentorship_id)
    if not await access.covers_organization(session, actor, mentorship.organization_id):
        raise NotFound("error-not-found")
    if role_in(mentorship, actor.participant_id) is not None:
        # A coordinator who also mentors does not approve their own proposal (the card shows
        # them no such buttons either); another coordinator of the scope does.
        raise Forbidden("mentorship-approve-own")
    if mentorship.status != MentorshipStatus.requested:
        raise InvalidInput("mentorship-already-decided")
    now = clock.now()
    mentorship.approved_by = actor.participant_id
    if approve:
        mentorship.status = MentorshipStatus.proposed
        today = await local_today(session, clock, mentorship.organization_id)
        mentorship.started_on = today
        await session.flush()
        mentees = list((await people(session, mentee_ids(mentorship))).values())
        await pair_notices.ask_to_confirm(session, clock, translator, mentorship, mentees)
        await _plan_confirm_reminder(session, clock, mentorship)
    else:
        mentorship.status = MentorshipStatus.declined
        mentorship.ended_at = now
        mentorship.ended_by = actor.participant_id
        await session.flush()
    await pair_notices.proposal_decided(session, clock, translator, mentorship, approved=approve)
    return mentorship


async def _plan_confirm_reminder(session: AsyncSession, clock: Clock, ms: Mentorship) -> None:
    await due.plan(
        session,
        kind=CONFIRM_REMINDER,
        due_at=clock.now() + CONFIRM_REMINDER_AFTER,
        payload={"mentorship_id": ms.id},
        now=clock.now(),
        dedup_key=f"{CONFIRM_REMINDER}:{ms.id}:{ms.status}",
    )


async def confirm(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    mentorship_id: int,
    translator: Translator,
) -> Mentorship:
    """The mentor or a mentee confirms; the last confirmation starts the mentorship."""
    mentorship = await _lock(session, mentorship_id)
    role = role_in(mentorship, actor.participant_id)
    if role is None:
        raise NotFound("error-not-found")
    if mentorship.status != MentorshipStatus.proposed:
        raise InvalidInput("mentorship-not-proposed")
    now = clock.now()
    if role == Role.mentor:
        if mentorship.mentor_confirmed_at is not None:
            raise InvalidInput("mentorship-already-confirmed")
        mentorship.mentor_confirmed_at = now
    else:
        row = next(r for r in mentorship.mentees if r.participant_id == actor.participant_id)
        if row.confirmed_at is not None:
            raise InvalidInput("mentorship-already-confirmed")
        row.confirmed_at = now
    await session.flush()
    if mentorship.mentor_confirmed_at is not None and all(
        r.confirmed_at is not None for r in mentorship.mentees
    ):
        await _start(session, clock, mentorship, translator)
    return mentorship


async def _start(
    session: AsyncSession, clock: Clock, mentorship: Mentorship, translator: Translator
) -> None:
    from bot.services.mentorship import reminders  # the nudge plans itself from here on

    zone = await directory.zone_of_organization(session, mentorship.organization_id)
    today = clock.now().astimezone(zone).date()
    created_on = mentorship.created_at.astimezone(zone).date()
    mentorship.status = MentorshipStatus.active
    mentorship.started_on = start_date(mentorship.started_on, created_on, today)
    await session.flush()
    await pair_notices.started(session, clock, translator, mentorship)
    await reminders.plan_first_nudge_check(session, clock, mentorship)


async def decline(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    mentorship_id: int,
    translator: Translator,
) -> Mentorship:
    mentorship = await _lock(session, mentorship_id)
    if role_in(mentorship, actor.participant_id) is None:
        raise NotFound("error-not-found")
    if mentorship.status != MentorshipStatus.proposed:
        raise InvalidInput("mentorship-not-proposed")
    mentorship.status = MentorshipStatus.declined
    mentorship.ended_at = clock.now()
    mentorship.ended_by = actor.participant_id
    await session.flush()
    await pair_notices.declined(session, clock, translator, mentorship)
    return mentorship


# --- ending and feedback ---------------------------------------------------------------------


def parse_reason(text: str | None) -> str:
    reason = " ".join((text or "").split())
    if not REASON_MIN <= len(reason) <= REASON_MAX:
        raise InvalidInput("mentorship-bad-reason", min=REASON_MIN, max=REASON_MAX)
    return reason


async def can_end(session: AsyncSession, actor: Actor, mentorship: Mentorship) -> bool:
    if mentorship.mentor_id == actor.participant_id:
        return True
    return actor.is_coordinator and await access.covers_organization(
        session, actor, mentorship.organization_id
    )


async def end(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    mentorship_id: int,
    translator: Translator,
    *,
    outcome: str,
    reason: str | None = None,
) -> Mentorship:
    """Completed, or stopped with a reason, by the mentor or a coordinator of the scope."""
    mentorship = await _lock(session, mentorship_id)
    if role_in(mentorship, actor.participant_id) is None and not (
        actor.is_coordinator
        and await access.covers_organization(session, actor, mentorship.organization_id)
    ):
        raise NotFound("error-not-found")
    if not await can_end(session, actor, mentorship):
        raise Forbidden("mentorship-end-mentor-only")
    if mentorship.status != MentorshipStatus.active:
        raise InvalidInput("mentorship-not-active")
    if outcome not in (MentorshipStatus.completed, MentorshipStatus.stopped):
        raise InvalidInput("error-stale-button")
    # Parsed before any change.
    end_reason = parse_reason(reason) if outcome == MentorshipStatus.stopped else None
    if actor.participant_id == mentorship.mentor_id and mentorship.mentees:
        # The mentor alone does not end it: a mentee or a coordinator confirms, and the pair
        # stays active until then (is_end_requested tells the mentor so).
        if mentorship.end_requested_at is not None:
            raise InvalidInput("mentorship-end-already-requested")
        mentorship.end_requested_at = clock.now()
        mentorship.end_requested_outcome = outcome
        mentorship.end_requested_reason = end_reason
        await session.flush()
        await pair_notices.end_requested(session, clock, translator, mentorship)
        return mentorship
    _close(mentorship, clock, MentorshipStatus(outcome), end_reason, actor.participant_id)
    await session.flush()
    await pair_notices.ended(session, clock, translator, mentorship)
    return mentorship


def is_end_requested(mentorship: Mentorship) -> bool:
    return mentorship.status == MentorshipStatus.active and mentorship.end_requested_at is not None


def _close(
    mentorship: Mentorship,
    clock: Clock,
    outcome: MentorshipStatus,
    reason: str | None,
    by: int | None,
) -> None:
    mentorship.status = outcome
    mentorship.end_reason = reason
    mentorship.ended_at = clock.now()
    mentorship.ended_by = by
    mentorship.end_requested_at = None
    mentorship.end_requested_outcome = None
    mentorship.end_requested_reason = None


async def answer_end_request(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    mentorship_id: int,
    translator: Translator,
    *,
    confirmed: bool,
) -> Mentorship:
    """A mentee confirms or declines the mentor's request to end the pair; a coordinator of
    the scope may confirm it too. Confirmed: it ends as the mentor asked; declined: it goes
    on, and the mentor is told."""
    mentorship = await _lock(session, mentorship_id)
    role = role_in(mentorship, actor.participant_id)
    coordinates = actor.is_coordinator and await access.covers_organization(
        session, actor, mentorship.organization_id
    )
    if role is None and not coordinates:
        raise NotFound("error-not-found")
    if role == Role.mentor:
        raise Forbidden("mentorship-end-not-yourself")  # the one who asked confirms nothing
    if role is None and not confirmed:
        raise Forbidden("mentorship-end-decline-mentee-only")
    if mentorship.status != MentorshipStatus.active:
        raise InvalidInput("mentorship-not-active")
    if mentorship.end_requested_at is None:
        raise InvalidInput("mentorship-end-not-requested")
    if not confirmed:
        mentorship.end_requested_at = None
        mentorship.end_requested_outcome = None
        mentorship.end_requested_reason = None
        await session.flush()
        await pair_notices.end_declined(
            session, clock, translator, mentorship, actor.participant_id
        )
        return mentorship
    outcome = MentorshipStatus(mentorship.end_requested_outcome or MentorshipStatus.completed)
    _close(mentorship, clock, outcome, mentorship.end_requested_reason, mentorship.mentor_id)
    await session.flush()
    await pair_notices.ended(session, clock, translator, mentorship)
    return mentorship


async def leave_feedback(
    session: AsyncSession, clock: Clock, actor: Actor, mentorship_id: int, rating: int
) -> MentorshipFeedback:
    """A member of an ended mentorship rates it 1–5, once (the comment may follow)."""
    mentorship = await session.get(Mentorship, mentorship_id)
    role = role_in(mentorship, actor.participant_id) if mentorship else None
    if mentorship is None or role is None:
        raise NotFound("error-not-found")
    if mentorship.status not in (MentorshipStatus.completed, MentorshipStatus.stopped):
        raise InvalidInput("mentorship-feedback-not-ended")
    if not 1 <= rating <= 5:
        raise InvalidInput("error-stale-button")
    existing = await feedback_of(session, mentorship_id, actor.participant_id)
    if existing is not None:
        raise InvalidInput("mentorship-feedback-given")
    now = clock.now()
    feedback = MentorshipFeedback(
        mentorship_id=mentorship_id,
        participant_id=actor.participant_id,
        role=role,
        rating=rating,
        created_at=now,
        updated_at=now,
    )
    session.add(feedback)
    await session.flush()
    return feedback


async def comment_feedback(
    session: AsyncSession, clock: Clock, actor: Actor, mentorship_id: int, text: str | None
) -> MentorshipFeedback:
    feedback = await feedback_of(session, mentorship_id, actor.participant_id)
    if feedback is None:
        raise NotFound("error-not-found")
    comment = (text or "").strip()
    if not 1 <= len(comment) <= COMMENT_MAX:
        raise InvalidInput("error-text-too-long", max=COMMENT_MAX)
    feedback.comment = comment
    feedback.updated_at = clock.now()
    await session.flush()
    return feedback


async def feedback_of(
    session: AsyncSession, mentorship_id: int, participant_id: int | None
) -> MentorshipFeedback | None:
    if participant_id is None:
        return None
    return await session.scalar(
        select(MentorshipFeedback).where(
            MentorshipFeedback.mentorship_id == mentorship_id,
            MentorshipFeedback.participant_id == participant_id,
        )
    )


async def feedback_for(session: AsyncSession, mentorship_id: int) -> list[MentorshipFeedback]:
    rows = await session.scalars(
        select(MentorshipFeedback)
        .where(MentorshipFeedback.mentorship_id == mentorship_id)
        .order_by(MentorshipFeedback.created_at)
    )
    return list(rows)


# --- account deletion ------------------------------------------------------------------------

# Stored in ``end_reason`` when a member deleted their account: a code, not a text, so every
# reader sees it in their own language (locale key ``mentorship-reason-left``).
LEFT_REASON = "participant-left"
# The same when a member moved to another organization (/profile): ``mentorship-reason-moved``.
MOVED_REASON = "participant-moved"


async def participant_left(
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    participant_id: int,
    *,
    moved: bool = False,
) -> list[Mentorship]:
    """Account deletion: what the person was part of cannot go on with them.

    A pair (or a group) they mentor, or a pair whose only mentee they are, ends: an active one
    as ``stopped``, one still asked or waiting for a coordinator as ``declined`` (it never
    started, so it must not count as a stopped mentorship in the reports). A group goes on
    without a departed mentee, and starts if they were the last one it waited for. The others
    are told; due work of an ended mentorship is cancelled. Their feedback comments (their
    words) are erased, the ratings stay for the totals. Returns the mentorships that ended.

    ``moved``: the member changed organization, keeping the account: the same ending, told as
    a move, and nothing of theirs is erased.
    """
    from bot.services.mentorship import reminders  # imports this module

    mentee_of = select(MentorshipMentee.mentorship_id).where(
        MentorshipMentee.participant_id == participant_id
    )
    # Before a group lets them go: which mentors were told about them, in which mentorships.
    mentored = await session.execute(
        select(Mentorship.id, Mentorship.mentor_id, Mentorship.status).where(
            or_(Mentorship.mentor_id == participant_id, Mentorship.id.in_(mentee_of))
        )
    )
    nudged: dict[int, set[int]] = {}
    for mentorship_id, mentor_id, status in mentored.all():
        if mentor_id != participant_id:
            nudged.setdefault(mentor_id, set()).add(mentorship_id)
        if status not in CURRENT and not moved:
            # Ended earlier: what was sent about it still names them (the current ones below).
            await pair_notices.withdraw_queued(session, mentorship_id)
    ids = await session.scalars(
        select(Mentorship.id)
        .where(
            Mentorship.status.in_(CURRENT),
            or_(Mentorship.mentor_id == participant_id, Mentorship.id.in_(mentee_of)),
        )
        .order_by(Mentorship.id)
    )
    ended: list[Mentorship] = []
    for mentorship_id in list(ids):
        mentorship = await _lock(session, mentorship_id)
        if mentorship.status not in CURRENT:
            continue
        await pair_notices.withdraw_queued(session, mentorship.id)
        others = [pid for pid in mentee_ids(mentorship) if pid != participant_id]
        if mentorship.mentor_id != participant_id and others:
            row = next(r for r in mentorship.mentees if r.participant_id == participant_id)
            mentorship.mentees.remove(row)  # delete-orphan: the row goes
            await session.flush()
            await pair_notices.member_left(
                session, clock, translator, mentorship, participant_id, moved=moved
            )
            if (
                mentorship.status == MentorshipStatus.proposed
                and mentorship.mentor_confirmed_at is not None
                and all(r.confirmed_at is not None for r in mentorship.mentees)
            ):
                await _start(session, clock, mentorship, translator)
            continue
        mentorship.status = (
            MentorshipStatus.stopped
            if mentorship.status == MentorshipStatus.active
            else MentorshipStatus.declined
        )
        _close(
            mentorship,
            clock,
            mentorship.status,
            MOVED_REASON if moved else LEFT_REASON,
            participant_id,
        )
        await session.flush()
        # Nudges and confirmation reminders would find it ended and stop; cancel them now.
        await session.execute(
            update(DueTask)
            .where(
                DueTask.status == DueTaskStatus.pending,
                DueTask.payload["mentorship_id"].as_integer() == mentorship.id,
            )
            .values(status=DueTaskStatus.cancelled)
            .execution_options(synchronize_session=False)
        )
        await pair_notices.member_left(
            session, clock, translator, mentorship, participant_id, moved=moved
        )
        ended.append(mentorship)
    # A mentor's nudge names the idle pairs' mentees; last, when the ended pairs have ended.
    await reminders.withdraw_nudges(session, clock, nudged)
    if moved:
        await session.flush()
        return ended
    await session.execute(
        update(MentorshipFeedback)
        .where(MentorshipFeedback.participant_id == participant_id)
        .values(comment=None)
        .execution_options(synchronize_session=False)
    )
    await session.flush()
    return ended
