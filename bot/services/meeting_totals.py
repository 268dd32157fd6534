"""Totals of the meeting log: meetings and hours per mentorship, mentor, organization,
municipality or month, for a period and a scope. Used by the coordinators' screen and reports.

Deleted entries never count; disputed ones do (a coordinator decides them), and the number of
confirmed meetings is reported beside the total. The organization of a meeting is the mentor's
at logging time (denormalised on the row), so grouping a million rows by organization or
municipality reads only the covering indexes ``ix_meetings_org_totals`` and
``ix_meetings_muni_totals`` (see bench/meetings.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, case, extract, false, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.access import Actor
from models import Municipality, Organization, Participant
from models.enums import ScopeLevel
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


def scope_condition(actor: Actor) -> ColumnElement[bool]:
    """Meetings of the actor's scope, by the indexed columns of the meeting row itself."""
    if actor.is_admin:
        return true()
    parts: list[ColumnElement[bool]] = []
    for scope in actor.scopes:
        if scope.level == ScopeLevel.organization:
            parts.append(Meeting.organization_id == scope.id)
        elif scope.level == ScopeLevel.municipality:
            parts.append(Meeting.municipality_id == scope.id)
        else:
            in_region = select(Municipality.id).where(Municipality.region_id == scope.id)
            parts.append(Meeting.municipality_id.in_(in_region))
    return or_(*parts) if parts else false()


def _measures() -> list[ColumnElement[Any]]:
    return [
        func.count(Meeting.id),
        func.coalesce(func.sum(Meeting.duration_minutes), 0),
        func.coalesce(func.sum(case((Meeting.status == "confirmed", 1), else_=0)), 0),
    ]


def totals_query(
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
) -> Select[Any]:
    keys: list[ColumnElement[Any]] = []
    if group_by == GroupBy.month:
        keys = [extract("year", Meeting.held_on), extract("month", Meeting.held_on)]
    elif group_by is not None:
        column = {
            GroupBy.mentorship: Meeting.mentorship_id,
            GroupBy.mentor: Meeting.mentor_id,
            GroupBy.organization: Meeting.organization_id,
            GroupBy.municipality: Meeting.municipality_id,
        }[group_by]
        keys = [column]
    query = select(*keys, *_measures()).where(Meeting.status != "deleted")
    if since is not None:
        query = query.where(Meeting.held_on >= since)
    if until is not None:
        query = query.where(Meeting.held_on <= until)
    if scope is not None:
        query = query.where(scope_condition(scope))
    if organization_ids is not None:
        query = query.where(Meeting.organization_id.in_(organization_ids))
    if municipality_ids is not None:
        query = query.where(Meeting.municipality_id.in_(municipality_ids))
    if mentor_id is not None:
        query = query.where(Meeting.mentor_id == mentor_id)
    if mentorship_id is not None:
        query = query.where(Meeting.mentorship_id == mentorship_id)
    if flash_only:
        query = query.where(Meeting.flash_request_id.is_not(None))
    if group_by == GroupBy.mentorship:
        query = query.where(Meeting.mentorship_id.is_not(None))  # flash sessions have none
    if keys:
        query = query.group_by(*keys)
    return query


async def totals(session: AsyncSession, group_by: GroupBy, **filters: Any) -> list[Total]:
    """Rows of the grouping, the most hours first (ties by key)."""
    rows = (await session.execute(totals_query(group_by, **filters))).all()
    result = []
    for row in rows:
        if group_by == GroupBy.month:
            key: Any = f"{int(row[0]):04d}-{int(row[1]):02d}"
            measures = row[2:]
        else:
            key, measures = row[0], row[1:]
        result.append(Total(key, int(measures[0]), int(measures[1]), int(measures[2])))
    if group_by == GroupBy.month:
        return sorted(result, key=lambda t: t.key)
    return sorted(result, key=lambda t: (-t.minutes, -t.meetings, t.key))


async def overall(session: AsyncSession, **filters: Any) -> Total:
    row = (await session.execute(totals_query(None, **filters))).one()
    return Total(None, int(row[0]), int(row[1]), int(row[2]))


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
