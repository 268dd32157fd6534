"""What /roadmap shows a coordinator: what is due soon and overdue in their scope, their own
open deadlines, the progress of the levels below them, and what still needs a human."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.access import Actor
from bot.services.roadmaps import scopes
from bot.services.roadmaps.parties import EDUCATIONAL
from bot.services.roadmaps.reminders import OPEN_STATUSES
from bot.services.roadmaps.scopes import (
    MUNICIPALITY,
    ORGANIZATION,
    RANK,
    Coverage,
    DirectoryIndex,
)
from models.enums import RoadmapStatus
from models.roadmap import (
    Roadmap,
    RoadmapDeadline,
    RoadmapItem,
    RoadmapOccurrence,
    RoadmapParty,
)

SOON_DAYS = 14
LIST_LIMIT = 8
NAMES_LIMIT = 6


@dataclass(frozen=True)
class DueGroup:
    """One item's due date in the scope: a party, or how many."""

    due_on: date
    item_number: str | None
    activity: str
    parties: int
    label: str | None  # the party, when there is one
    occurrence_id: int | None  # the one occurrence, when there is one


@dataclass(frozen=True)
class MyDeadline:
    occurrence_id: int
    due_on: date
    status: str
    kind: str
    item_number: str | None
    activity: str


@dataclass(frozen=True)
class RoadmapRef:
    id: int
    title: str
    period_start: date
    period_end: date
    owner_label: str


@dataclass
class Overview:
    today: date
    roadmaps: list[RoadmapRef] = field(default_factory=list)
    overdue: list[DueGroup] = field(default_factory=list)
    overdue_total: int = 0
    soon: list[DueGroup] = field(default_factory=list)
    soon_total: int = 0
    mine: list[MyDeadline] = field(default_factory=list)
    needs_dates: int = 0
    unrecognised: int = 0


def _open_due_query(
    cover: Coverage, until: date
) -> Select[int, date, str, str, int, str | None, str, str | None, int | None]:
    return (
        select(
            RoadmapOccurrence.id,
            RoadmapOccurrence.due_on,
            RoadmapOccurrence.status,
            RoadmapOccurrence.kind,
            RoadmapItem.id,
            RoadmapItem.number,
            RoadmapItem.activity,
            RoadmapParty.level,
            RoadmapParty.scope_id,
        )
        .join(RoadmapParty, RoadmapParty.id == RoadmapOccurrence.party_id)
        .join(RoadmapItem, RoadmapItem.id == RoadmapParty.item_id)
        .join(Roadmap, Roadmap.id == RoadmapOccurrence.roadmap_id)
        .where(
            Roadmap.status == RoadmapStatus.active,
            scopes.party_condition(cover),
            RoadmapOccurrence.status.in_(OPEN_STATUSES),
            RoadmapOccurrence.due_on <= until,
        )
        .order_by(RoadmapOccurrence.due_on, RoadmapItem.position, RoadmapOccurrence.id)
    )


async def overview(session: AsyncSession, actor: Actor, today: date) -> Overview:
    actor.require_coordinator()
    cover = await scopes.coverage(session, actor)
    directory = await scopes.load_directory_index(session)
    result = Overview(today)
    result.roadmaps = await visible_roadmaps(session, cover, directory)
    overdue: dict[tuple[int, date], list[tuple[int, str | None]]] = {}
    soon: dict[tuple[int, date], list[tuple[int, str | None]]] = {}
    items: dict[int, tuple[str | None, str]] = {}
    own = {(s.level.value, s.id) for s in actor.scopes}
    for (
        occ_id,
        due_on,
        status,
        kind,
        item_id,
        number,
        activity,
        level,
        sid,
    ) in await session.execute(_open_due_query(cover, today + timedelta(days=SOON_DAYS))):
        items[item_id] = (number, activity)
        label = directory.label(level, sid)
        if kind == "due":
            target = overdue if due_on < today else soon
            target.setdefault((item_id, due_on), []).append((occ_id, label))
        if (level, sid) in own and (kind == "due" or due_on <= today):
            result.mine.append(MyDeadline(occ_id, due_on, status, kind, number, activity))
    result.overdue_total = sum(len(v) for v in overdue.values())
    result.soon_total = sum(len(v) for v in soon.values())
    result.overdue = _groups(overdue, items)
    result.soon = _groups(soon, items)
    result.mine = result.mine[:LIST_LIMIT]
    owned = scopes.owner_condition(cover, Roadmap.scope_level, Roadmap.scope_id)
    result.needs_dates = int(
        await session.scalar(
            select(func.count(RoadmapDeadline.id))
            .join(Roadmap, Roadmap.id == RoadmapDeadline.roadmap_id)
            .where(
                Roadmap.status == RoadmapStatus.active, owned, RoadmapDeadline.needs_dates.is_(True)
            )
        )
        or 0
    )
    result.unrecognised = int(
        await session.scalar(
            select(func.count(RoadmapParty.id))
            .join(Roadmap, Roadmap.id == RoadmapParty.roadmap_id)
            .where(Roadmap.status == RoadmapStatus.active, owned, RoadmapParty.level.is_(None))
        )
        or 0
    )
    return result


def _groups(
    found: dict[tuple[int, date], list[tuple[int, str | None]]],
    items: dict[int, tuple[str | None, str]],
) -> list[DueGroup]:
    groups = []
    for (item_id, due_on), parties in list(found.items())[:LIST_LIMIT]:
        number, activity = items[item_id]
        single = parties[0] if len(parties) == 1 else None
        groups.append(
            DueGroup(
                due_on,
                number,
                activity,
                len(parties),
                single[1] if single else None,
                single[0] if single else None,
            )
        )
    return groups


async def visible_roadmaps(
    session: AsyncSession, cover: Coverage, directory: DirectoryIndex
) -> list[RoadmapRef]:
    """Active roadmaps of the actor's scope and of the levels above it that name parties in
    it (a school sees its own and the region's)."""
    touching = select(RoadmapParty.roadmap_id).where(scopes.party_condition(cover))
    owned = scopes.owner_condition(cover, Roadmap.scope_level, Roadmap.scope_id)
    rows = await session.scalars(
        select(Roadmap)
        .where(Roadmap.status == RoadmapStatus.active, owned | Roadmap.id.in_(touching))
        .order_by(Roadmap.period_start, Roadmap.id)
    )
    return [
        RoadmapRef(
            r.id,
            r.title,
            r.period_start,
            r.period_end,
            directory.label(r.scope_level, r.scope_id) or "",
        )
        for r in rows
    ]


async def my_deadlines(session: AsyncSession, actor: Actor, today: date) -> list[MyDeadline]:
    """Every open deadline of the actor's own level, soonest first (to mark things done
    early, before any reminder); the screen pages them."""
    actor.require_coordinator()
    own = [
        and_(RoadmapParty.level == scope.level.value, RoadmapParty.scope_id == scope.id)
        for scope in actor.scopes
    ]
    if not own:
        return []
    condition = and_(
        Roadmap.status == RoadmapStatus.active,
        or_(*own),
        RoadmapOccurrence.status.in_(OPEN_STATUSES),
        or_(RoadmapOccurrence.kind == "due", RoadmapOccurrence.due_on <= today),
    )
    rows = await session.execute(
        select(
            RoadmapOccurrence.id,
            RoadmapOccurrence.due_on,
            RoadmapOccurrence.status,
            RoadmapOccurrence.kind,
            RoadmapItem.number,
            RoadmapItem.activity,
        )
        .join(RoadmapParty, RoadmapParty.id == RoadmapOccurrence.party_id)
        .join(RoadmapItem, RoadmapItem.id == RoadmapParty.item_id)
        .join(Roadmap, Roadmap.id == RoadmapOccurrence.roadmap_id)
        .where(condition)
        .order_by(RoadmapOccurrence.due_on, RoadmapItem.position, RoadmapOccurrence.id)
    )
    return [MyDeadline(*row) for row in rows]


# ---------------------------------------------------------------------------------------
# The levels below


@dataclass
class ItemProgress:
    roadmap_title: str
    item_number: str | None
    activity: str
    total: int = 0
    done: int = 0
    overdue: list[str] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class LevelRoadmaps:
    """How many of the levels below have their own active roadmap, and which have not."""

    level: str
    total: int
    with_roadmap: int
    missing: tuple[str, ...]


@dataclass
class BelowProgress:
    items: list[ItemProgress] = field(default_factory=list)
    levels: list[LevelRoadmaps] = field(default_factory=list)


async def progress_below(session: AsyncSession, actor: Actor, today: date) -> BelowProgress:
    actor.require_coordinator()
    cover = await scopes.coverage(session, actor)
    directory = await scopes.load_directory_index(session)
    result = BelowProgress()
    below = [level for level, rank in RANK.items() if rank < cover.top_rank]
    if not below:
        return result
    rows = await session.execute(
        select(
            RoadmapParty.id,
            RoadmapParty.level,
            RoadmapParty.scope_id,
            RoadmapItem.id,
            RoadmapItem.number,
            RoadmapItem.activity,
            Roadmap.title,
            RoadmapOccurrence.status,
            RoadmapOccurrence.due_on,
        )
        .join(RoadmapItem, RoadmapItem.id == RoadmapParty.item_id)
        .join(Roadmap, Roadmap.id == RoadmapParty.roadmap_id)
        .join(
            RoadmapOccurrence,
            and_(
                RoadmapOccurrence.party_id == RoadmapParty.id,
                RoadmapOccurrence.kind == "due",
            ),
        )
        .where(
            Roadmap.status == RoadmapStatus.active,
            scopes.party_condition(cover),
            RoadmapParty.level.in_(below),
        )
        .order_by(Roadmap.id, RoadmapItem.position, RoadmapParty.id)
    )
    # Per party: overdue (an open date gone by), done (something closed, nothing overdue)
    # or waiting; the same organization named twice in one item counts once.
    parties: dict[tuple[int, str | None, int | None], dict[str, bool]] = {}
    items: dict[int, ItemProgress] = {}
    for _pid, level, sid, item_id, number, activity, title, status, due_on in rows:
        items.setdefault(item_id, ItemProgress(title, number, activity))
        state = parties.setdefault((item_id, level, sid), {"overdue": False, "closed": False})
        if status in OPEN_STATUSES and due_on < today:
            state["overdue"] = True
        elif status not in OPEN_STATUSES:
            state["closed"] = True
    for (item_id, level, sid), state in parties.items():
        progress = items[item_id]
        progress.total += 1
        label = directory.label(level, sid) or "—"
        if state["overdue"]:
            progress.overdue.append(label)
        elif state["closed"]:
            progress.done += 1
        else:
            progress.waiting.append(label)
    for progress in items.values():
        progress.overdue.sort()
        progress.waiting.sort()
    result.items = list(items.values())
    result.levels = await roadmaps_below(session, cover, directory)
    return result


async def roadmaps_below(
    session: AsyncSession, cover: Coverage, directory: DirectoryIndex
) -> list[LevelRoadmaps]:
    """Which municipalities and schools below have approved (imported) their own roadmap."""
    levels = []
    with_roadmap = {
        (level, sid)
        for level, sid in await session.execute(
            select(Roadmap.scope_level, Roadmap.scope_id).where(
                Roadmap.status == RoadmapStatus.active
            )
        )
    }
    if cover.top_rank > RANK[MUNICIPALITY]:
        munis = sorted(
            (m for m in directory.muni_label if cover.everything or m in cover.municipalities),
            key=lambda m: directory.muni_label[m],
        )
        levels.append(_level(MUNICIPALITY, munis, with_roadmap, directory))
    if cover.top_rank > RANK[ORGANIZATION]:
        orgs = sorted(
            (
                o
                for o, kind in directory.org_kind.items()
                if kind in EDUCATIONAL and (cover.everything or o in cover.organizations)
            ),
            key=lambda o: directory.org_label[o],
        )
        levels.append(_level(ORGANIZATION, orgs, with_roadmap, directory))
    return [level for level in levels if level.total]


def _level(
    level: str, ids: list[int], with_roadmap: set[tuple[str, int]], directory: DirectoryIndex
) -> LevelRoadmaps:
    missing = [directory.label(level, i) or "—" for i in ids if (level, i) not in with_roadmap]
    return LevelRoadmaps(level, len(ids), len(ids) - len(missing), tuple(missing))


# ---------------------------------------------------------------------------------------
# What needs a human


@dataclass(frozen=True)
class NeedsDates:
    deadline_id: int
    roadmap_title: str
    item_number: str | None
    activity: str
    phrase: str
    responsible: str
    kind: str
    reason: str | None
    event: str | None
    row: int | None
    params: dict[str, str] = field(default_factory=dict)  # of the reason: the words not read


@dataclass(frozen=True)
class Unrecognised:
    item_number: str | None
    activity: str
    text: str
    row: int | None


async def needs_dates(session: AsyncSession, actor: Actor) -> list[NeedsDates]:
    actor.require_coordinator()
    cover = await scopes.coverage(session, actor)
    owned = scopes.owner_condition(cover, Roadmap.scope_level, Roadmap.scope_id)
    rows = await session.execute(
        select(RoadmapDeadline, RoadmapItem.number, RoadmapItem.activity, Roadmap.title)
        .join(RoadmapItem, RoadmapItem.id == RoadmapDeadline.item_id)
        .join(Roadmap, Roadmap.id == RoadmapDeadline.roadmap_id)
        .where(Roadmap.status == RoadmapStatus.active, owned, RoadmapDeadline.needs_dates.is_(True))
        .order_by(Roadmap.id, RoadmapItem.position, RoadmapDeadline.position)
    )
    return [
        NeedsDates(
            d.id,
            title,
            number,
            activity,
            d.phrase,
            d.responsible,
            d.kind,
            d.reason,
            d.event,
            d.source_row,
            dict(d.params or {}),
        )
        for d, number, activity, title in rows
    ]


async def unrecognised(session: AsyncSession, actor: Actor) -> list[Unrecognised]:
    actor.require_coordinator()
    cover = await scopes.coverage(session, actor)
    owned = scopes.owner_condition(cover, Roadmap.scope_level, Roadmap.scope_id)
    rows = await session.execute(
        select(RoadmapParty.text, RoadmapItem.number, RoadmapItem.activity)
        .add_columns(RoadmapDeadline.source_row)
        .join(RoadmapItem, RoadmapItem.id == RoadmapParty.item_id)
        .join(RoadmapDeadline, RoadmapDeadline.id == RoadmapParty.deadline_id)
        .join(Roadmap, Roadmap.id == RoadmapParty.roadmap_id)
        .where(Roadmap.status == RoadmapStatus.active, owned, RoadmapParty.level.is_(None))
        .order_by(Roadmap.id, RoadmapItem.position)
    )
    return [Unrecognised(number, activity, text, row) for text, number, activity, row in rows]
