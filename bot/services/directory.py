"""The directory of regions, municipalities and organizations: loading and lookups."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.access import Actor, Scope, organization_condition
from bot.services.errors import InvalidInput, NotFound
from bot.services.numbers import parse_id
from models import Municipality, Organization, Region
from models.enums import OrganizationKind, ScopeLevel

CSV_COLUMNS = ("region_code", "region_name", "timezone", "municipality", "organization")


@dataclass(frozen=True)
class LoadReport:
    regions: int
    municipalities: int
    organizations: int


def read_directory_file(path: Path) -> list[dict[str, Any]]:
    """Read a YAML or CSV directory file into a list of region dicts (the YAML shape)."""
    text = path.read_text("utf-8-sig")
    if path.suffix.lower() == ".csv":
        return _regions_from_csv(text)
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or not isinstance(data.get("regions"), list):
        raise InvalidInput("directory-bad-file", detail="top level must have a 'regions' list")
    return data["regions"]


def _regions_from_csv(text: str) -> list[dict[str, Any]]:
    sample = text.splitlines()[0] if text else ""
    reader = csv.DictReader(io.StringIO(text), delimiter=";" if ";" in sample else ",")
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise InvalidInput("directory-bad-file", detail=f"missing columns: {', '.join(missing)}")
    regions: dict[str, dict[str, Any]] = {}
    for row in reader:
        region = regions.setdefault(
            row["region_code"],
            {
                "code": row["region_code"],
                "name": row["region_name"],
                "timezone": row["timezone"],
                "municipalities": [],
            },
        )
        munis = {m["name"]: m for m in region["municipalities"]}
        muni = munis.get(row["municipality"])
        if muni is None:
            muni = {"name": row["municipality"], "organizations": []}
            region["municipalities"].append(muni)
        muni["organizations"].append(
            {
                "name": row["organization"],
                "short_name": row.get("short_name") or None,
                "kind": row.get("kind") or "school",
            }
        )
    return list(regions.values())


def _validate(regions: list[dict[str, Any]]) -> None:
    kinds = {kind.value for kind in OrganizationKind}
    for region in regions:
        for key in ("code", "name", "timezone"):
            if not str(region.get(key) or "").strip():
                raise InvalidInput("directory-bad-file", detail=f"region without '{key}'")
        try:
            ZoneInfo(region["timezone"])
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise InvalidInput(
                "directory-bad-file", detail=f"unknown time zone {region['timezone']!r}"
            ) from exc
        for muni in region.get("municipalities") or []:
            if not str(muni.get("name") or "").strip():
                raise InvalidInput("directory-bad-file", detail="municipality without a name")
            for org in muni.get("organizations") or []:
                if not str(org.get("name") or "").strip():
                    raise InvalidInput("directory-bad-file", detail="organization without a name")
                if org.get("kind", "school") not in kinds:
                    raise InvalidInput(
                        "directory-bad-file", detail=f"unknown organization kind {org['kind']!r}"
                    )


async def load_directory(session: AsyncSession, regions: list[dict[str, Any]]) -> LoadReport:
    """Insert or update the directory; loading the same file twice changes nothing."""
    _validate(regions)
    counts = [0, 0, 0]
    for item in regions:
        region = await session.scalar(select(Region).where(Region.code == item["code"]))
        if region is None:
            region = Region(code=item["code"], name=item["name"], timezone=item["timezone"])
            session.add(region)
            counts[0] += 1
        region.name, region.timezone = item["name"], item["timezone"]
        await session.flush()
        for muni_item in item.get("municipalities") or []:
            muni = await session.scalar(
                select(Municipality).where(
                    Municipality.region_id == region.id, Municipality.name == muni_item["name"]
                )
            )
            if muni is None:
                muni = Municipality(region_id=region.id, name=muni_item["name"])
                session.add(muni)
                await session.flush()
                counts[1] += 1
            for org_item in muni_item.get("organizations") or []:
                org = await session.scalar(
                    select(Organization).where(
                        Organization.municipality_id == muni.id,
                        Organization.name == org_item["name"],
                    )
                )
                if org is None:
                    org = Organization(municipality_id=muni.id, name=org_item["name"])
                    session.add(org)
                    counts[2] += 1
                org.short_name = org_item.get("short_name")
                org.kind = org_item.get("kind") or "school"
    await session.flush()
    return LoadReport(*counts)


async def list_municipalities(
    session: AsyncSession, within: Scope | None = None
) -> list[Municipality]:
    """All municipalities, or those of a coordinator invite's municipality or region."""
    query = select(Municipality).order_by(Municipality.name)
    if within is not None and within.level == ScopeLevel.municipality:
        query = query.where(Municipality.id == within.id)
    elif within is not None and within.level == ScopeLevel.region:
        query = query.where(Municipality.region_id == within.id)
    return list(await session.scalars(query))


async def list_organizations(session: AsyncSession, municipality_id: int) -> list[Organization]:
    query = (
        select(Organization)
        .where(Organization.municipality_id == municipality_id)
        .order_by(Organization.name)
    )
    return list(await session.scalars(query))


async def get_organization(session: AsyncSession, organization_id: int) -> Organization:
    org = await session.get(Organization, organization_id)
    if org is None:
        raise NotFound("error-not-found")
    return org


async def zone_of_organization(session: AsyncSession, organization_id: int) -> ZoneInfo:
    query = (
        select(Region.timezone)
        .join(Municipality, Municipality.region_id == Region.id)
        .join(Organization, Organization.municipality_id == Municipality.id)
        .where(Organization.id == organization_id)
    )
    name = await session.scalar(query)
    return ZoneInfo(name or "UTC")


async def municipalities_in_scope(session: AsyncSession, actor: Actor) -> list[Municipality]:
    query = (
        select(Municipality)
        .where(
            select(Organization.id)
            .where(Organization.municipality_id == Municipality.id, organization_condition(actor))
            .exists()
        )
        .order_by(Municipality.name)
    )
    return list(await session.scalars(query))


async def organizations_in_scope(
    session: AsyncSession, actor: Actor, municipality_id: int | None = None
) -> list[Organization]:
    query = select(Organization).where(organization_condition(actor)).order_by(Organization.name)
    if municipality_id is not None:
        query = query.where(Organization.municipality_id == municipality_id)
    return list(await session.scalars(query))


async def municipality_in_scope(session: AsyncSession, actor: Actor, key: str) -> Municipality:
    """A municipality the actor chose (its id as a button's text): one with an organization
    of their scope, or `error-out-of-scope` (also for a forged or foreign id)."""
    chosen = parse_id(key)
    found = [m for m in await municipalities_in_scope(session, actor) if m.id == chosen]
    if not found:
        raise InvalidInput("error-out-of-scope")
    return found[0]


async def organization_in_scope(session: AsyncSession, actor: Actor, key: str) -> Organization:
    """An organization of the actor's scope, by its id as a button's text, or
    `error-out-of-scope` (also for a forged or foreign id)."""
    chosen = parse_id(key)
    query = select(Organization).where(Organization.id == chosen, organization_condition(actor))
    org = await session.scalar(query) if chosen is not None else None
    if org is None:
        raise InvalidInput("error-out-of-scope")
    return org
