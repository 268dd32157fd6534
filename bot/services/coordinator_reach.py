"""Who among the coordinators is told about a mentorship's business (a proposal to approve, a
disputed meeting to decide): the nearest level that has one, not every level at once.

A region has dozens of municipalities and hundreds of schools; sending each school's proposals
and disputes to the regional coordinators too would bury them. So a notice goes to the
coordinators of the organization; if it has none, to those of its municipality; if none there,
to the region's. Higher levels still see and decide everything in their scope through their
lists (/pairs: proposals, disputed meetings), which read by scope, not by who was told.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Municipality, Organization, Participant, RoleGrant
from models.enums import ParticipantStatus, Role, ScopeLevel

LEVELS = (ScopeLevel.organization, ScopeLevel.municipality, ScopeLevel.region)


async def coordinators_by_level(
    session: AsyncSession, organization_id: int, *, exclude: Iterable[int | None] = ()
) -> dict[ScopeLevel, list[Participant]]:
    """Active, reachable coordinators of each level covering the organization (one query).

    ``exclude`` are the parties of the matter (a coordinator who is the mentor does not decide
    their own proposal or dispute): they are left out of every level.
    """
    row = (
        await session.execute(
            select(Organization.municipality_id, Municipality.region_id)
            .join(Municipality, Municipality.id == Organization.municipality_id)
            .where(Organization.id == organization_id)
        )
    ).first()
    if row is None:
        return {}
    scope_ids = dict(zip(LEVELS, (organization_id, row[0], row[1]), strict=True))
    skipped = {pid for pid in exclude if pid is not None}
    found = await session.execute(
        select(RoleGrant.scope_level, Participant)
        .join(Participant, Participant.id == RoleGrant.participant_id)
        .where(
            RoleGrant.role == Role.coordinator,
            or_(
                *(
                    and_(RoleGrant.scope_level == level, RoleGrant.scope_id == scope_id)
                    for level, scope_id in scope_ids.items()
                )
            ),
            Participant.status == ParticipantStatus.active,
            Participant.tg_id.is_not(None),
        )
        .order_by(Participant.id)
    )
    by_level: dict[ScopeLevel, list[Participant]] = {}
    for level, person in found.all():
        assert level is not None  # the query asked for one of LEVELS
        if person.id not in skipped:
            by_level.setdefault(ScopeLevel(level), []).append(person)
    return by_level


async def nearest_level(
    session: AsyncSession, organization_id: int, *, exclude: Iterable[int | None] = ()
) -> tuple[ScopeLevel | None, list[Participant]]:
    """The nearest level that has coordinators (a level whose only coordinators are parties
    of the matter is skipped), and those coordinators; (None, []) when no level has any."""
    by_level = await coordinators_by_level(session, organization_id, exclude=exclude)
    for level in LEVELS:
        if by_level.get(level):
            return level, by_level[level]
    return None, []


async def nearest_coordinators(
    session: AsyncSession, organization_id: int, *, exclude: Iterable[int | None] = ()
) -> list[Participant]:
    """The coordinators of the nearest level that has any."""
    return (await nearest_level(session, organization_id, exclude=exclude))[1]
