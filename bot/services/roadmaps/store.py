"""Saving an imported roadmap: owner, stages, sections, items, deadlines, parties and the
occurrences the reminders run on, all in the caller's one transaction (nothing is ever
half-imported: an error anywhere rolls the whole roadmap back)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services.access import Actor
from bot.services.errors import Forbidden, NotFound
from bot.services.roadmaps import reminders, scopes
from bot.services.roadmaps.deadlines import DeadlineSpec
from bot.services.roadmaps.parties import (
    DirectoryOrg,
    OwnerDirectory,
    Party,
    expand,
    match_responsible,
)
from bot.services.roadmaps.scopes import MUNICIPALITY, ORGANIZATION, REGION
from bot.services.roadmaps.table_import import ParsedItem, ParsedRoadmap, Period
from bot.services.roadmaps.targets import targets_from_extra
from models import Municipality, Organization, Region
from models.enums import OccurrenceStatus, RoadmapStatus
from models.roadmap import (
    Roadmap,
    RoadmapDeadline,
    RoadmapItem,
    RoadmapOccurrence,
    RoadmapParty,
    RoadmapSection,
    RoadmapStage,
)

NEEDS_DATES_KINDS = ("event_triggered", "unparsed")


@dataclass(frozen=True)
class Owner:
    """Whose roadmap it is: a region, a municipality or an organization."""

    level: str
    scope_id: int
    label: str


async def owner_label(session: AsyncSession, level: str, scope_id: int) -> str | None:
    if level == REGION:
        return await session.scalar(select(Region.name).where(Region.id == scope_id))
    if level == MUNICIPALITY:
        return await session.scalar(select(Municipality.name).where(Municipality.id == scope_id))
    if level == ORGANIZATION:
        org = await session.get(Organization, scope_id)
        return org.label if org is not None else None
    return None


async def owner_choices(session: AsyncSession, actor: Actor) -> list[Owner]:
    """Whose roadmap a coordinator may import: their own scopes (an admin: every region)."""
    actor.require_coordinator()
    choices: list[Owner] = []
    for scope in actor.scopes:
        label = await owner_label(session, scope.level.value, scope.id)
        if label is not None:
            choices.append(Owner(scope.level.value, scope.id, label))
    if actor.is_admin and not choices:
        for region_id, name in await session.execute(
            select(Region.id, Region.name).order_by(Region.name)
        ):
            choices.append(Owner(REGION, region_id, name))
    return choices


async def require_owner(session: AsyncSession, actor: Actor, level: str, scope_id: int) -> Owner:
    """The owner, if the actor's scope holds it; the same refusal for a forged id."""
    if level not in scopes.RANK:
        raise Forbidden("error-out-of-scope")
    await scopes.require_cover(session, actor, level, scope_id)
    label = await owner_label(session, level, scope_id)
    if label is None:
        raise NotFound("error-not-found")
    return Owner(level, scope_id, label)


async def owner_directory(session: AsyncSession, owner: Owner) -> tuple[OwnerDirectory, ZoneInfo]:
    """The owner's part of the directory, and its time zone."""
    if owner.level == REGION:
        region_id = owner.scope_id
        munis = tuple(
            await session.scalars(
                select(Municipality.id)
                .where(Municipality.region_id == region_id)
                .order_by(Municipality.name)
            )
        )
    elif owner.level == MUNICIPALITY:
        region_id = int(
            await session.scalar(
                select(Municipality.region_id).where(Municipality.id == owner.scope_id)
            )
            or 0
        )
        munis = (owner.scope_id,)
    else:
        row = (
            await session.execute(
                select(Organization.municipality_id, Municipality.region_id)
                .join(Municipality, Municipality.id == Organization.municipality_id)
                .where(Organization.id == owner.scope_id)
            )
        ).one()
        munis, region_id = (row[0],), row[1]
    orgs: tuple[DirectoryOrg, ...] = ()
    if owner.level != ORGANIZATION:
        rows = await session.execute(
            select(Organization.id, Organization.municipality_id, Organization.kind)
            .where(Organization.municipality_id.in_(munis))
            .order_by(Organization.name)
        )
        orgs = tuple(DirectoryOrg(*row) for row in rows)
    zone_name = await session.scalar(select(Region.timezone).where(Region.id == region_id))
    directory = OwnerDirectory(owner.level, owner.scope_id, region_id, munis, orgs)
    return directory, ZoneInfo(zone_name or "UTC")


# ---------------------------------------------------------------------------------------
# What the import will create (shown in the preview, before anything is saved)


@dataclass(frozen=True)
class PartyPreview:
    regions: int
    municipalities: int
    organizations: int
    occurrences: int
    past: int  # due dates already gone by: marked overdue without reminders
    unrecognised: tuple[tuple[int | None, str], ...]  # (row, text)
    outside: tuple[str, ...]  # recognised, but above the owner or not in the directory
    replaces: tuple[str, ...]  # titles of the owner's active roadmaps this one replaces


def _occurrence_dates(spec: DeadlineSpec) -> list[tuple[str, date]]:
    if spec.kind in NEEDS_DATES_KINDS:
        return []
    dated = [("due", d) for d in spec.due_dates]
    if spec.kind == "continuous":
        dated += [("check_in", d) for d in spec.check_in_dates]
    return dated


async def preview_parties(
    session: AsyncSession, clock: Clock, owner: Owner, parsed: ParsedRoadmap
) -> PartyPreview:
    directory, zone = await owner_directory(session, owner)
    today = clock.now().astimezone(zone).date()
    counts: dict[str, set[int]] = {REGION: set(), MUNICIPALITY: set(), ORGANIZATION: set()}
    unrecognised: dict[str, int | None] = {}
    outside: dict[str, None] = {}
    occurrences = past = 0
    for item in parsed.items():
        for deadline in item.deadlines:
            dates = _occurrence_dates(deadline.spec)
            for party in expand(match_responsible(deadline.responsible), directory):
                if party.level is None:
                    unrecognised.setdefault(party.text, deadline.row or item.row)
                elif party.scope_id is None:
                    outside.setdefault(party.text)
                else:
                    counts[party.level].add(party.scope_id)
                    # Check-ins of the past are not kept; due dates of the past are overdue.
                    occurrences += sum(1 for kind, d in dates if kind == "due" or d >= today)
                    past += sum(1 for kind, d in dates if kind == "due" and d < today)
    replaced = await _overlapping(session, owner, parsed.period)
    return PartyPreview(
        regions=len(counts[REGION]),
        municipalities=len(counts[MUNICIPALITY]),
        organizations=len(counts[ORGANIZATION]),
        occurrences=occurrences,
        past=past,
        unrecognised=tuple((row, text) for text, row in unrecognised.items()),
        outside=tuple(outside),
        replaces=tuple(r.title for r in replaced),
    )


async def _overlapping(session: AsyncSession, owner: Owner, period: Period) -> list[Roadmap]:
    return list(
        await session.scalars(
            select(Roadmap)
            .where(
                Roadmap.scope_level == owner.level,
                Roadmap.scope_id == owner.scope_id,
                Roadmap.status == RoadmapStatus.active,
                Roadmap.period_start <= period.end,
                Roadmap.period_end >= period.start,
            )
            .order_by(Roadmap.id)
        )
    )


# ---------------------------------------------------------------------------------------
# Creating


@dataclass
class CreatedRoadmap:
    roadmap_id: int
    title: str
    items: int = 0
    deadlines: int = 0
    parties: int = 0
    occurrences: int = 0
    past: int = 0
    flagged_items: int = 0
    needs_dates: int = 0
    unrecognised: int = 0
    replaced: list[str] = field(default_factory=list)


async def create_roadmap(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    owner_level: str,
    owner_id: int,
    parsed: ParsedRoadmap,
    *,
    source: str | None = None,
    template: str | None = None,
    config: reminders.NoticeConfig | None = None,
) -> CreatedRoadmap:
    """Save a parsed roadmap for an owner the actor's scope holds. The owner's earlier active
    roadmaps of an overlapping period are archived (their reminders stop)."""
    owner = await require_owner(session, actor, owner_level, owner_id)
    directory, zone = await owner_directory(session, owner)
    now = clock.now()
    today = now.astimezone(zone).date()
    replaced = await _overlapping(session, owner, parsed.period)
    await archive(session, now, [r.id for r in replaced])
    roadmap = Roadmap(
        title=parsed.title[:2000],
        scope_level=owner.level,
        scope_id=owner.scope_id,
        period_start=parsed.period.start,
        period_end=parsed.period.end,
        status=RoadmapStatus.active,
        source=(source or parsed.source or "")[:300] or None,
        template=template,
        created_by=actor.participant_id,
        created_at=now,
    )
    session.add(roadmap)
    await session.flush()
    created = CreatedRoadmap(roadmap.id, roadmap.title, replaced=[r.title for r in replaced])
    writer = _Writer(session, roadmap.id, now, today, directory, created)
    writer.config = config or reminders.NoticeConfig()
    for stage_pos, stage in enumerate(parsed.stages):
        stage_row = RoadmapStage(roadmap_id=roadmap.id, position=stage_pos, title=stage.title)
        session.add(stage_row)
        await session.flush()
        for section_pos, section in enumerate(stage.sections):
            section_row = RoadmapSection(
                roadmap_id=roadmap.id,
                stage_id=stage_row.id,
                position=section_pos,
                title=section.title,
            )
            session.add(section_row)
            await session.flush()
            for item in section.items:
                await writer.item(section_row.id, item)
    await writer.flush()
    await reminders.ensure_scan(session, now)
    return created


async def archive(session: AsyncSession, now: datetime, roadmap_ids: Iterable[int]) -> None:
    ids = list(roadmap_ids)
    if not ids:
        return
    await session.execute(
        update(Roadmap)
        .where(Roadmap.id.in_(ids))
        .values(status=RoadmapStatus.archived, archived_at=now)
        .execution_options(synchronize_session=False)
    )
    await session.execute(
        update(RoadmapOccurrence)
        .where(RoadmapOccurrence.roadmap_id.in_(ids))
        .values(next_notice_on=None)
        .execution_options(synchronize_session=False)
    )


class _Writer:
    """Writes items as they come and parties/occurrences in bulk (a regional roadmap gives
    tens of thousands of occurrences: one INSERT per row would take seconds)."""

    def __init__(
        self,
        session: AsyncSession,
        roadmap_id: int,
        now: datetime,
        today: date,
        directory: OwnerDirectory,
        created: CreatedRoadmap,
    ) -> None:
        self.session = session
        self.roadmap_id = roadmap_id
        self.now = now
        self.today = today
        self.directory = directory
        self.created = created
        self.position = 0
        self.config = reminders.NoticeConfig()
        # (party row, dates of its occurrences) waiting for the bulk insert
        self.pending: list[tuple[dict[str, Any], list[tuple[str, date, date | None]]]] = []

    async def item(self, section_id: int, parsed: ParsedItem) -> None:
        extra = dict(parsed.extra)
        row = RoadmapItem(
            roadmap_id=self.roadmap_id,
            section_id=section_id,
            position=self.position,
            number=(parsed.number or "")[:32] or None,
            activity=parsed.activity,
            result=parsed.result,
            extra=extra,
            targets=targets_from_extra(parsed.extra),
            source_row=parsed.row,
            flagged=False,
        )
        self.position += 1
        self.session.add(row)
        await self.session.flush()
        self.created.items += 1
        flagged = False
        for position, deadline in enumerate(parsed.deadlines):
            spec = deadline.spec
            needs_dates = spec.kind in NEEDS_DATES_KINDS
            deadline_row = RoadmapDeadline(
                roadmap_id=self.roadmap_id,
                item_id=row.id,
                position=position,
                phrase=deadline.phrase,
                responsible=deadline.responsible,
                kind=spec.kind,
                due_dates=[d.isoformat() for d in spec.due_dates],
                check_in_dates=[d.isoformat() for d in spec.check_in_dates],
                window_start=spec.window_start,
                recurrence=spec.recurrence,
                flags=list(spec.flags),
                event=spec.event,
                reason=spec.reason,
                params=dict(spec.params),
                needs_dates=needs_dates,
                source_row=deadline.row,
            )
            self.session.add(deadline_row)
            await self.session.flush()
            self.created.deadlines += 1
            self.created.needs_dates += needs_dates
            flagged |= needs_dates
            dates = [
                (kind, day, spec.window_start if i == 0 else None)
                for i, (kind, day) in enumerate(_occurrence_dates(spec))
            ]
            for party in expand(match_responsible(deadline.responsible), self.directory):
                flagged |= party.level is None
                self.created.unrecognised += party.level is None
                self._party(row.id, deadline_row.id, party, dates)
        if flagged:
            row.flagged = True
            self.created.flagged_items += 1
        if len(self.pending) > 2000:
            await self.flush()

    def _party(
        self,
        item_id: int,
        deadline_id: int,
        party: Party,
        dates: list[tuple[str, date, date | None]],
    ) -> None:
        values: dict[str, Any] = {
            "roadmap_id": self.roadmap_id,
            "item_id": item_id,
            "deadline_id": deadline_id,
            "level": party.level,
            "scope_id": party.scope_id,
            "text": party.text,
            "status": OccurrenceStatus.planned,
            "updated_at": self.now,
        }
        usable = party.scope_id is not None
        if usable and any(k == "due" and d < self.today for k, d, _ in dates):
            values["status"] = OccurrenceStatus.overdue
        self.pending.append((values, dates if usable else []))

    async def flush(self) -> None:
        if not self.pending:
            return
        await self.session.execute(insert(RoadmapParty), [values for values, _ in self.pending])
        # The ids back by (deadline, level, scope): unique for parties with a scope, the only
        # ones with occurrences. (INSERT ... RETURNING in order goes row by row on SQLite.)
        deadline_ids = sorted({values["deadline_id"] for values, _ in self.pending})
        ids = {
            (deadline_id, level, scope_id): party_id
            for party_id, deadline_id, level, scope_id in await self.session.execute(
                select(
                    RoadmapParty.id,
                    RoadmapParty.deadline_id,
                    RoadmapParty.level,
                    RoadmapParty.scope_id,
                ).where(
                    RoadmapParty.deadline_id.in_(deadline_ids),
                    RoadmapParty.scope_id.is_not(None),
                )
            )
        }
        occurrences: list[dict[str, object]] = []
        for values, dates in self.pending:
            if not dates:
                continue
            party_id = ids[(values["deadline_id"], values["level"], values["scope_id"])]
            for kind, day, window_start in dates:
                row = self._occurrence(party_id, kind, day, window_start)
                if row is not None:
                    occurrences.append(row)
        self.created.parties += len(self.pending)
        self.pending = []
        if occurrences:
            await self.session.execute(insert(RoadmapOccurrence), occurrences)
        self.created.occurrences += len(occurrences)

    def _occurrence(
        self, party_id: int, kind: str, day: date, window_start: date | None
    ) -> dict[str, object] | None:
        row: dict[str, object] = {
            "roadmap_id": self.roadmap_id,
            "party_id": party_id,
            "kind": kind,
            "due_on": day,
            "original_due_on": day,
            "window_start": window_start,
            "status": OccurrenceStatus.planned,
            "reminded_days": None,
            "overdue_at": None,
            "escalated_at": None,
            "updated_at": self.now,
        }
        if day < self.today:
            if kind == "check_in":
                return None  # a check-in of the past asks nothing
            # Gone by before the roadmap was imported: shown as overdue, never pushed.
            self.created.past += 1
            row.update(
                status=OccurrenceStatus.overdue,
                reminded_days=0,
                overdue_at=self.now,
                escalated_at=self.now,
                next_notice_on=None,
            )
            return row
        row["next_notice_on"] = reminders.next_notice_on(kind, day, None, False, False, self.config)
        return row
