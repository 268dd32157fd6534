"""Scopes as the roadmap rules need them: what a coordinator covers, the level above a party,
and the directory in memory (labels and time zones) for the scheduler's scan."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, false, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.access import Actor
from bot.services.errors import Forbidden
from models import Municipality, Organization, Participant, Region, RoleGrant
from models.enums import ParticipantStatus, Role, ScopeLevel
from models.roadmap import RoadmapParty

REGION = ScopeLevel.region.value
MUNICIPALITY = ScopeLevel.municipality.value
ORGANIZATION = ScopeLevel.organization.value
RANK = {ORGANIZATION: 0, MUNICIPALITY: 1, REGION: 2}


@dataclass(frozen=True)
class Coverage:
    """The regions, municipalities and organizations a coordinator's scopes hold."""

    everything: bool = False
    regions: frozenset[int] = frozenset()
    municipalities: frozenset[int] = frozenset()
    organizations: frozenset[int] = frozenset()
    top_rank: int = -1  # the highest level of the actor's own scopes

    def holds(self, level: str | None, scope_id: int | None) -> bool:
        if level is None or scope_id is None:
            return False
        if self.everything:
            return True
        return scope_id in {
            REGION: self.regions,
            MUNICIPALITY: self.municipalities,
            ORGANIZATION: self.organizations,
        }.get(level, frozenset())

    def below(self, level: str | None) -> bool:
        """Whether a party of this level is below the actor's own level."""
        return level is not None and RANK[level] < self.top_rank


async def coverage(session: AsyncSession, actor: Actor) -> Coverage:
    if actor.is_admin:
        return Coverage(everything=True, top_rank=RANK[REGION] + 1)
    regions: set[int] = set()
    munis: set[int] = set()
    orgs: set[int] = set()
    top = -1
    for scope in actor.scopes:
        top = max(top, RANK[scope.level])
        if scope.level == ScopeLevel.region:
            regions.add(scope.id)
            rows = await session.execute(
                select(Municipality.id, Organization.id)
                .outerjoin(Organization, Organization.municipality_id == Municipality.id)
                .where(Municipality.region_id == scope.id)
            )
            for muni_id, org_id in rows:
                munis.add(muni_id)
                if org_id is not None:
                    orgs.add(org_id)
        elif scope.level == ScopeLevel.municipality:
            munis.add(scope.id)
            orgs.update(
                await session.scalars(
                    select(Organization.id).where(Organization.municipality_id == scope.id)
                )
            )
        else:
            orgs.add(scope.id)
    return Coverage(False, frozenset(regions), frozenset(munis), frozenset(orgs), top)


def party_condition(cover: Coverage) -> ColumnElement[bool]:
    """A WHERE condition on RoadmapParty: parties inside the coverage."""
    if cover.everything:
        return RoadmapParty.scope_id.is_not(None)
    parts = [
        and_(RoadmapParty.level == level, RoadmapParty.scope_id.in_(sorted(ids)))
        for level, ids in (
            (REGION, cover.regions),
            (MUNICIPALITY, cover.municipalities),
            (ORGANIZATION, cover.organizations),
        )
        if ids
    ]
    return or_(*parts) if parts else false()


def owner_condition(cover: Coverage, level_column: Any, id_column: Any) -> ColumnElement[bool]:
    """The same for a roadmap's owner columns."""
    if cover.everything:
        return true()
    parts = [
        and_(level_column == level, id_column.in_(sorted(ids)))
        for level, ids in (
            (REGION, cover.regions),
            (MUNICIPALITY, cover.municipalities),
            (ORGANIZATION, cover.organizations),
        )
        if ids
    ]
    return or_(*parts) if parts else false()


async def require_cover(session: AsyncSession, actor: Actor, level: str, scope_id: int) -> Coverage:
    actor.require_coordinator()
    cover = await coverage(session, actor)
    if not cover.holds(level, scope_id):
        raise Forbidden("error-out-of-scope")
    return cover


# ---------------------------------------------------------------------------------------
# The directory in memory


@dataclass
class DirectoryIndex:
    """Labels, parents and time zones of every region, municipality and organization."""

    org_muni: dict[int, int] = field(default_factory=dict)
    org_label: dict[int, str] = field(default_factory=dict)
    org_kind: dict[int, str] = field(default_factory=dict)
    muni_region: dict[int, int] = field(default_factory=dict)
    muni_label: dict[int, str] = field(default_factory=dict)
    region_label: dict[int, str] = field(default_factory=dict)
    region_zone: dict[int, ZoneInfo] = field(default_factory=dict)

    def region_of(self, level: str | None, scope_id: int | None) -> int | None:
        if level is None or scope_id is None:
            return None
        if level == REGION:
            return scope_id
        if level == MUNICIPALITY:
            return self.muni_region.get(scope_id)
        muni = self.org_muni.get(scope_id)
        return self.muni_region.get(muni) if muni is not None else None

    def zone_of(self, level: str | None, scope_id: int | None) -> ZoneInfo:
        region = self.region_of(level, scope_id)
        return self.region_zone.get(region, ZoneInfo("UTC")) if region else ZoneInfo("UTC")

    def label(self, level: str | None, scope_id: int | None) -> str | None:
        if level is None or scope_id is None:
            return None
        table = {
            REGION: self.region_label,
            MUNICIPALITY: self.muni_label,
            ORGANIZATION: self.org_label,
        }[level]
        return table.get(scope_id)

    def above(self, level: str | None, scope_id: int | None) -> tuple[str, int] | None:
        """The level one up: an organization's municipality, a municipality's region."""
        if level == ORGANIZATION and scope_id in self.org_muni:
            return MUNICIPALITY, self.org_muni[scope_id]
        if level == MUNICIPALITY and scope_id in self.muni_region:
            return REGION, self.muni_region[scope_id]
        return None


async def load_directory_index(session: AsyncSession) -> DirectoryIndex:
    index = DirectoryIndex()
    for region_id, name, zone in await session.execute(
        select(Region.id, Region.name, Region.timezone)
    ):
        index.region_label[region_id] = name
        index.region_zone[region_id] = _zone(zone)
    for muni_id, region_id, name in await session.execute(
        select(Municipality.id, Municipality.region_id, Municipality.name)
    ):
        index.muni_region[muni_id] = region_id
        index.muni_label[muni_id] = name
    for org_id, muni_id, name, short, kind in await session.execute(
        select(
            Organization.id,
            Organization.municipality_id,
            Organization.name,
            Organization.short_name,
            Organization.kind,
        )
    ):
        index.org_muni[org_id] = muni_id
        index.org_label[org_id] = short or name
        index.org_kind[org_id] = kind
    return index


async def zone_of_scope(session: AsyncSession, level: str, scope_id: int) -> ZoneInfo:
    """The time zone of a region, municipality or organization (its region's)."""
    query = select(Region.timezone)
    if level == MUNICIPALITY:
        query = query.join(Municipality, Municipality.region_id == Region.id).where(
            Municipality.id == scope_id
        )
    elif level == ORGANIZATION:
        query = (
            query.join(Municipality, Municipality.region_id == Region.id)
            .join(Organization, Organization.municipality_id == Municipality.id)
            .where(Organization.id == scope_id)
        )
    else:
        query = query.where(Region.id == scope_id)
    return _zone(await session.scalar(query) or "UTC")


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError):
        return ZoneInfo("UTC")


# ---------------------------------------------------------------------------------------
# Coordinators by scope


@dataclass(frozen=True)
class Recipient:
    participant_id: int
    tg_id: int
    language: str


async def coordinators_by_scope(
    session: AsyncSession,
) -> dict[tuple[str, int], list[Recipient]]:
    """Every active coordinator who can be written to, by the exact scope they hold."""
    rows = await session.execute(
        select(RoleGrant.scope_level, RoleGrant.scope_id, Participant.id, Participant.tg_id)
        .add_columns(Participant.language)
        .join(Participant, Participant.id == RoleGrant.participant_id)
        .where(
            RoleGrant.role == Role.coordinator,
            RoleGrant.scope_level.is_not(None),
            RoleGrant.scope_id.is_not(None),
            Participant.status == ParticipantStatus.active,
            Participant.tg_id.is_not(None),
        )
        .order_by(Participant.id)
    )
    found: dict[tuple[str, int], list[Recipient]] = {}
    for level, scope_id, pid, tg_id, language in rows:
        found.setdefault((level, scope_id), []).append(Recipient(pid, tg_id, language))
    return found


def responsible(
    coordinators: dict[tuple[str, int], list[Recipient]],
    directory: DirectoryIndex,
    level: str | None,
    scope_id: int | None,
) -> tuple[list[Recipient], bool]:
    """The coordinators of a party; when it has none, the nearest level above (True)."""
    if level is None or scope_id is None:
        return [], False
    found = coordinators.get((level, scope_id), [])
    if found:
        return found, False
    return above(coordinators, directory, level, scope_id), True


def above(
    coordinators: dict[tuple[str, int], list[Recipient]],
    directory: DirectoryIndex,
    level: str | None,
    scope_id: int | None,
) -> list[Recipient]:
    """Coordinators of the nearest level above that has any."""
    current = directory.above(level, scope_id)
    while current is not None:
        found = coordinators.get(current, [])
        if found:
            return found
        current = directory.above(*current)
    return []
