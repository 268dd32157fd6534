"""Totals of the meeting log: meetings and hours per mentorship, mentor, organization,
municipality or month, for a period and a scope. Used by the coordinators' screen and reports.

Deleted entries never count; disputed ones do (a coordinator decides them), and the number of
confirmed meetings is reported beside the total. The organization of a meeting is the mentor's
at logging time (denormalised on the row), and for a cross-school pair also the pair's
(``pair_organization_id``): both schools count it, a scope holding both counts it once (see
``totals_queries``). Grouping a million rows by organization or municipality reads only the
covering indexes ``ix_meetings_org_totals``, ``ix_meetings_muni_totals`` and their ``pair``
twins (see bench/meetings.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    extract,
    false,
    func,
    or_,
    select,
    true,
)
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.access import Actor
from models import Municipality, Organization, Participant
from models.enums import MeetingStatus, ScopeLevel
from models.mentorship import Meeting


class GroupBy(StrEnum):
    mentorship = "mentorship"
    mentor = "mentor"
    organization = "organization"
    municipality = "municipality"
    month = "month"


class PeriodName(StrEnum):
    month = "month"
    last_month = "last_month"
    school_year = "school_year"
    all = "all"


@dataclass(frozen=True)
class Period:
    since: date | None
    until: date | None


@dataclass(frozen=True)
class Total:
    key: Any  # an id, or "YYYY-MM" when grouped by month; None for an overall total
    meetings: int
    minutes: int
    confirmed: int

    @property
    def hours(self) -> float:
        return self.minutes / 60


def period(name: str, today: date) -> Period:
    """A named period around today (in the participant's zone). A school year runs from
    1 September to 31 August."""
    if name == PeriodName.month:
        return Period(today.replace(day=1), today)
    if name == PeriodName.last_month:
        end = today.replace(day=1) - timedelta(days=1)
        return Period(end.replace(day=1), end)
    if name == PeriodName.school_year:
        start_year = today.year if today.month >= 9 else today.year - 1
        return Period(date(start_year, 9, 1), date(start_year + 1, 8, 31))
    if name == PeriodName.all:
        return Period(None, None)
    raise ValueError(f"unknown period {name!r}")


# The two sides a meeting belongs to: the mentor's organization (always), and the pair's when
# it is another school (a network pair). Each side is (organization, municipality) columns.
MAIN = (Meeting.organization_id, Meeting.municipality_id)
PAIR = (Meeting.pair_organization_id, Meeting.pair_municipality_id)


def scope_condition(actor: Actor, side: tuple[Any, Any] = MAIN) -> ColumnElement[bool]:
    """Meetings of the actor's scope, by the indexed columns of the meeting row itself."""
    organization, municipality = side
    if actor.is_admin:
        return true()
    parts: list[ColumnElement[bool]] = []
    for scope in actor.scopes:
        if scope.level == ScopeLevel.organization:
            parts.append(organization == scope.id)
        elif scope.level == ScopeLevel.municipality:
            parts.append(municipality == scope.id)
        else:
            in_region = select(Municipality.id).where(Municipality.region_id == scope.id)
            parts.append(municipality.in_(in_region))
    return or_(*parts) if parts else false()


def _measures() -> list[ColumnElement[Any]]:
    return [
        func.count(Meeting.id),
        func.coalesce(func.sum(Meeting.duration_minutes), 0),
        func.coalesce(func.sum(case((Meeting.status == MeetingStatus.confirmed, 1), else_=0)), 0),
    ]


def _side(
    side: tuple[Any, Any],
    scope: Actor | None,
    organization_ids: list[int] | None,
    municipality_ids: list[int] | None,
) -> list[ColumnElement[bool]]:
    """Conditions that put a meeting's side (mentor's or pair's school) inside the filters."""
    organization, municipality = side
    found: list[ColumnElement[bool]] = []
    if scope is not None:
        found.append(scope_condition(scope, side))
    if organization_ids is not None:
        found.append(organization.in_(organization_ids))
    if municipality_ids is not None:
        found.append(municipality.in_(municipality_ids))
    return found


def totals_queries(
    group_by: GroupBy | None,
    *,
    since: date | None = None,
    until: date | None = None,
    scope: Actor | None = None,
    organization_ids: list[int] | None = None,
    municipality_ids: list[int] | None = None,
    mentor_id: int | None = None,
    mentorship_id: int | None = None,
    flash_only: bool = False,
) -> list[Select[Any]]:
    """The queries whose rows, added up by key, are the totals.

    A meeting of a cross-school pair belongs to both schools. The first query counts meetings
    by the mentor's side; the second (when needed) adds those whose pair side alone is in the
    filters, so a scope holding both schools counts the meeting once. Grouped by organization
    (or municipality) the meeting shows under each school (each municipality) it belongs to:
    each school's coordinator sees their own figure, and the overall line counts it once.
    """
    month = [extract("year", Meeting.held_on), extract("month", Meeting.held_on)]
    by_main: dict[GroupBy, list[Any]] = {
        GroupBy.month: month,
        GroupBy.mentorship: [Meeting.mentorship_id],
        GroupBy.mentor: [Meeting.mentor_id],
        GroupBy.organization: [Meeting.organization_id],
        GroupBy.municipality: [Meeting.municipality_id],
    }
    common: list[ColumnElement[bool]] = [Meeting.status != MeetingStatus.deleted]
    if since is not None:
        common.append(Meeting.held_on >= since)
    if until is not None:
        common.append(Meeting.held_on <= until)
    if mentor_id is not None:
        common.append(Meeting.mentor_id == mentor_id)
    if mentorship_id is not None:
        common.append(Meeting.mentorship_id == mentorship_id)
    if flash_only:
        common.append(Meeting.flash_request_id.is_not(None))
    if group_by == GroupBy.mentorship:
        common.append(Meeting.mentorship_id.is_not(None))  # flash sessions have none

    def query(keys: list[Any], where: list[ColumnElement[bool]]) -> Select[Any]:
        found = select(*keys, *_measures()).where(*common, *where)
        return found.group_by(*keys) if keys else found

    main_side = _side(MAIN, scope, organization_ids, municipality_ids)
    pair_side = [
        Meeting.pair_organization_id.is_not(None),
        *_side(PAIR, scope, organization_ids, municipality_ids),
    ]
    queries = [query(by_main[group_by] if group_by else [], main_side)]
    if group_by == GroupBy.organization:
        queries.append(query([Meeting.pair_organization_id], pair_side))
    elif group_by == GroupBy.municipality:
        # Both schools in one municipality: it counts the meeting once, by the mentor's side.
        same = Meeting.pair_municipality_id != Meeting.municipality_id
        queries.append(query([Meeting.pair_municipality_id], [*pair_side, same]))
    elif main_side:
        # Only meetings the mentor's side did not already bring in (no filters: it took all).
        outside = ~and_(*main_side)
        queries.append(query(by_main[group_by] if group_by else [], [*pair_side, outside]))
    return queries


def _add(found: dict[Any, list[int]], key: Any, measures: Any) -> None:
    row = found.setdefault(key, [0, 0, 0])
    for index in range(3):
        row[index] += int(measures[index])


async def totals(session: AsyncSession, group_by: GroupBy, **filters: Any) -> list[Total]:
    """Rows of the grouping, the most hours first (ties by key)."""
    found: dict[Any, list[int]] = {}
    for query in totals_queries(group_by, **filters):
        for row in (await session.execute(query)).all():
            if group_by == GroupBy.month:
                _add(found, f"{int(row[0]):04d}-{int(row[1]):02d}", row[2:])
            else:
                _add(found, row[0], row[1:])
    result = [Total(key, *values) for key, values in found.items()]
    if group_by == GroupBy.month:
        return sorted(result, key=lambda t: t.key)
    return sorted(result, key=lambda t: (-t.minutes, -t.meetings, t.key))


async def overall(session: AsyncSession, **filters: Any) -> Total:
    found: dict[Any, list[int]] = {}
    for query in totals_queries(None, **filters):
        _add(found, None, (await session.execute(query)).one())
    return Total(None, *found.get(None, [0, 0, 0]))


async def labels(session: AsyncSession, group_by: GroupBy, keys: list[Any]) -> dict[Any, str]:
    """Human names of the keys (the month key is its own name)."""
    if not keys:
        return {}
    if group_by == GroupBy.organization:
        orgs = await session.scalars(select(Organization).where(Organization.id.in_(keys)))
        return {o.id: o.label for o in orgs}
    if group_by == GroupBy.municipality:
        munis = await session.scalars(select(Municipality).where(Municipality.id.in_(keys)))
        return {m.id: m.name for m in munis}
    if group_by == GroupBy.mentor:
        people = await session.scalars(select(Participant).where(Participant.id.in_(keys)))
        return {p.id: p.full_name or "—" for p in people}
    return {key: str(key) for key in keys}
