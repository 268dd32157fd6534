"""What the operator does from the command line: coordinators and the directory."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services.errors import InvalidInput, NotFound
from bot.services.registration import find_by_tg
from models import Municipality, Organization, Participant, Region, RoleGrant
from models.enums import ParticipantStatus, Role, ScopeLevel

SCOPE_MODELS = {
    ScopeLevel.region: Region,
    ScopeLevel.municipality: Municipality,
    ScopeLevel.organization: Organization,
}


async def grant_coordinator(
    session: AsyncSession, clock: Clock, *, tg_id: int, level: ScopeLevel, scope_id: int
) -> Participant:
    """Make a registered participant a coordinator of a scope."""
    person = await find_by_tg(session, tg_id)
    if person is None or person.status == ParticipantStatus.deleted:
        raise NotFound("error-not-found")
    if await session.get(SCOPE_MODELS[level], scope_id) is None:
        raise NotFound("error-not-found")
    exists = await session.scalar(
        select(RoleGrant.id).where(
            RoleGrant.participant_id == person.id,
            RoleGrant.role == Role.coordinator,
            RoleGrant.scope_level == level,
            RoleGrant.scope_id == scope_id,
        )
    )
    if exists:
        raise InvalidInput("participants-role-unchanged")
    session.add(
        RoleGrant(
            participant_id=person.id,
            role=Role.coordinator,
            scope_level=level,
            scope_id=scope_id,
            created_at=clock.now(),
        )
    )
    if person.status == ParticipantStatus.pending:
        person.status = ParticipantStatus.active
    await session.flush()
    await session.refresh(person, ["roles"])
    return person


async def directory_lines(session: AsyncSession) -> list[str]:
    """The directory as indented lines with ids, for choosing scopes on the command line."""
    lines: list[str] = []
    for region in await session.scalars(select(Region).order_by(Region.id)):
        lines.append(f"region {region.id}: {region.name} ({region.timezone})")
        munis = await session.scalars(
            select(Municipality)
            .where(Municipality.region_id == region.id)
            .order_by(Municipality.id)
        )
        for muni in munis:
            lines.append(f"  municipality {muni.id}: {muni.name}")
            orgs = await session.scalars(
                select(Organization)
                .where(Organization.municipality_id == muni.id)
                .order_by(Organization.id)
            )
            lines.extend(f"    organization {org.id}: {org.name}" for org in orgs)
    return lines
