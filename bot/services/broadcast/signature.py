"""Who an announcement is from: the signature line recipients read under it.

A teacher gets announcements from several levels (the school, the municipality, the region):
the name and the place tell them whom to ask, and that it is not a stranger writing.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.access import Actor
from models import Municipality, Organization, Participant, Region
from models.enums import ScopeLevel

# The widest scope names the sender: a regional coordinator writes for the region.
_WIDEST_FIRST = (ScopeLevel.region, ScopeLevel.municipality, ScopeLevel.organization)


@dataclass(frozen=True)
class Signature:
    name: str
    place: str  # the organization, municipality or region the sender coordinates
    coordinator: bool  # False: an admin writing from their own organization


async def signature_of(
    session: AsyncSession, author: Participant | None, actor: Actor
) -> Signature | None:
    """None when there is nobody to name (an admin with no profile, an erased author)."""
    if author is None or not author.full_name:
        return None
    for level in _WIDEST_FIRST:
        for scope in actor.scopes:
            if scope.level != level:
                continue
            place = await _place_name(session, level, scope.id)
            if place:
                return Signature(author.full_name, place, coordinator=True)
    organization = author.organization
    return Signature(author.full_name, organization.short_name or organization.name, False)


async def _place_name(session: AsyncSession, level: ScopeLevel, scope_id: int) -> str | None:
    if level == ScopeLevel.organization:
        organization = await session.get(Organization, scope_id)
        return (organization.short_name or organization.name) if organization else None
    if level == ScopeLevel.municipality:
        municipality = await session.get(Municipality, scope_id)
        return municipality.name if municipality else None
    region = await session.get(Region, scope_id)
    return region.name if region else None
