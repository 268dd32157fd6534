"""The rules of forming a pair step by step: a coordinator's wizard and a mentor's proposal.

Each answer is checked here as it is given (a press is text from outside, and roles can
change mid-conversation); `pairs.create` / `pairs.propose` check everything once more.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services import access, participants
from bot.services.access import Actor
from bot.services.errors import Forbidden, InvalidInput
from bot.services.mentorship import pairs
from bot.services.numbers import parse_id
from models import Participant
from models.enums import MentoringForm, ModelElement, ParticipantStatus, Role, RoleModel

CREATE = "create"
PROPOSE = "propose"
CREATE_FORMS = tuple(f.value for f in MentoringForm)
PROPOSE_FORMS = ("traditional", "reverse", "virtual", "network")
ELEMENTS = tuple(e.value for e in ModelElement)
ROLE_MODELS = tuple(r.value for r in RoleModel)
QUICK_STARTS = ("today", "monday", "sep1")
QUICK_END_MONTHS = (3, 6, 12)
QUICK_ENDS = (*(str(n) for n in QUICK_END_MONTHS), "may31")
SEARCH_MAX = 60


def check_mode(actor: Actor, mode: str) -> str:
    """Who may go on: a coordinator forms, a mentor proposes (asked again at every step)."""
    if mode == CREATE:
        actor.require_coordinator()
    elif mode == PROPOSE:
        if Role.mentor not in actor.roles:
            raise Forbidden("error-not-mentor")
    else:
        raise InvalidInput("error-stale-button")
    return mode


def forms(mode: str) -> tuple[str, ...]:
    return CREATE_FORMS if mode == CREATE else PROPOSE_FORMS


def check_form(mode: str, form: str) -> str:
    if form not in forms(mode):
        raise InvalidInput("error-stale-button")
    return form


def is_multi(mode: str, form: str) -> bool:
    """A coordinator's group forms take several mentees, marked and then «Готово»."""
    return mode == CREATE and form not in pairs.SINGLE_MENTEE_FORMS


def mentees_after_form(mode: str, form: str, before: str, mentee_ids: list[int]) -> list[int]:
    """The mentees kept when the form changes: one for a one-to-one form; none when a
    mentor changes the form (another form, another pool of colleagues)."""
    if mode == PROPOSE:
        return mentee_ids if form == before else []
    return mentee_ids[:1] if form in pairs.SINGLE_MENTEE_FORMS else mentee_ids


def search_of(text: str | None) -> str:
    return (text or "").strip()[:SEARCH_MAX]


async def today_for(
    session: AsyncSession, clock: Clock, actor: Actor, participant: Participant | None
) -> date:
    """Today where the one forming works: the dates are asked in that region's zone."""
    organization_id = participant.organization_id if participant else actor.organization_id
    if organization_id is None:
        return clock.now().date()
    return await pairs.local_today(session, clock, organization_id)


async def mentee_pool(
    session: AsyncSession,
    actor: Actor,
    mentor: Participant | None,
    form: str,
    search: str,
) -> list[Participant]:
    """Whom the step offers: a mentor's colleagues for a proposal, else anyone in scope."""
    if mentor is None:
        return await pairs.mentee_candidates(session, actor, form, search)
    pool = await pairs.colleagues_for_proposal(session, mentor, form)
    if search:
        pool = [p for p in pool if search.casefold() in (p.full_name or "").casefold()]
    return pool


async def mentee_in_scope(session: AsyncSession, actor: Actor, key: str) -> Participant:
    """A coordinator's pick: someone active in their scope («не найдено» otherwise)."""
    participant_id = parse_id(key)
    if participant_id is None:
        raise InvalidInput("error-stale-button")
    person = await participants.get_in_scope(session, actor, participant_id)
    if person.status != ParticipantStatus.active:
        raise InvalidInput("participants-not-active")
    return person


async def colleague(session: AsyncSession, mentor: Participant, form: str, key: str) -> int:
    """A mentor's pick: one of the colleagues the form lets them propose to."""
    colleague_id = parse_id(key)
    pool = {p.id for p in await pairs.colleagues_for_proposal(session, mentor, form)}
    if colleague_id is None or colleague_id not in pool:
        raise InvalidInput("error-stale-button")
    return colleague_id


def toggled(chosen: list[int], person_id: int) -> list[int]:
    """A group's mentees after one more mark (or one taken off), within the group's size."""
    if person_id in chosen:
        return [pid for pid in chosen if pid != person_id]
    if len(chosen) + 1 > pairs.MAX_GROUP:
        raise InvalidInput("mentorship-group-size", max=pairs.MAX_GROUP)
    return [*chosen, person_id]


async def check_mentor(
    session: AsyncSession, actor: Actor, key: str, form: str, mentee_ids: list[int]
) -> int:
    mentor_id = parse_id(key)
    if mentor_id is None:
        raise InvalidInput("error-stale-button")
    mentor = await session.get(Participant, mentor_id)
    if mentor is None or mentor.status != ParticipantStatus.active:
        raise InvalidInput("error-stale-button")
    if not mentor.has_role(Role.mentor):
        raise InvalidInput("mentorship-not-a-mentor")
    if mentor.id in mentee_ids:
        raise InvalidInput("mentorship-self")
    if form != MentoringForm.network:
        await access.require_organization(session, actor, mentor.organization_id)
    return mentor.id


def check_element(value: str) -> str:
    if value not in ELEMENTS:
        raise InvalidInput("error-stale-button")
    return value


def check_role_model(value: str) -> str:
    if value not in ROLE_MODELS:
        raise InvalidInput("error-stale-button")
    return value


def start_bounds(today: date) -> tuple[date, date]:
    """The days a start may be on: a pair entered after it began, or planned ahead."""
    return today - pairs.MAX_START_SHIFT, today + pairs.MAX_START_SHIFT


def quick_start(value: str, today: date) -> date:
    if value == "today":
        return today
    if value == "monday":
        return today + timedelta(days=7 - today.weekday())
    if value == "sep1":
        first = date(today.year, 9, 1)
        return first if first >= today else date(today.year + 1, 9, 1)
    raise InvalidInput("error-stale-button")


def check_start(start: date, today: date) -> date:
    if abs(start - today) > pairs.MAX_START_SHIFT:
        raise InvalidInput("mentorship-bad-start")
    return start


def add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def end_bounds(start: date) -> tuple[date, date]:
    """The days a planned end may be on: after the start, within the longest mentorship."""
    return start + timedelta(days=1), start + pairs.MAX_LENGTH


def quick_end(value: str, start: date) -> date:
    if value in QUICK_ENDS[: len(QUICK_END_MONTHS)]:
        return add_months(start, int(value))
    if value == "may31":
        end = date(start.year, 5, 31)
        return end if end > start else date(start.year + 1, 5, 31)
    raise InvalidInput("error-stale-button")


def check_end(start: date, end: date, today: date) -> date:
    pairs.check_dates(start, end, today)
    return end
