"""Reminders before every deadline, overdue pushes and escalation one level up.

The database is the source of truth. Each occurrence (a party's due date) keeps
`next_notice_on`, the local date of its next notice, so the scheduler's scan reads only the
rows whose date has come, through an index, however large the roadmaps are. A notice is sent
at `REMINDER_HOUR` in the party's time zone (its region's), and the occurrence is moved on in
the same transaction as the messages are queued; the outbox rows carry dedup keys too. So two
scans, or a scan repeated after a crash, never send the same notice twice.

- before the due date: one reminder at each of `REMINDER_DAYS` days before it (only the
  nearest one when the bot was down and several fell due);
- the day after: an overdue push to the responsible coordinator, and the status "overdue";
- `ESCALATE_AFTER_DAYS` after the due date: one digest to the level above (municipality for a
  school, region for a municipality) listing what is overdue below;
- a check-in of continuous work: one message on its date, no overdue.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Literal, Protocol

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services import due, outbox
from bot.services.outbox import Keyboard
from bot.services.roadmaps import scopes
from bot.services.roadmaps.scopes import DirectoryIndex, Recipient
from models import DueTask
from models.enums import DueTaskStatus, OccurrenceEvent, OccurrenceStatus
from models.roadmap import (
    Roadmap,
    RoadmapItem,
    RoadmapOccurrence,
    RoadmapParty,
    RoadmapStatusEvent,
)

# Settings (when bot/settings.py has them: roadmap_reminder_days, roadmap_escalate_after_days,
# roadmap_reminder_hour); these are the defaults.
REMINDER_DAYS: tuple[int, ...] = (14, 3, 0)
ESCALATE_AFTER_DAYS = 7
REMINDER_HOUR = 9

SCAN_KIND = "roadmap-scan"
SCAN_INTERVAL = timedelta(hours=1)
OPEN_STATUSES = (OccurrenceStatus.planned, OccurrenceStatus.in_progress, OccurrenceStatus.overdue)

NoticeKind = Literal["reminder", "check_in", "overdue", "escalation"]


@dataclass(frozen=True)
class NoticeConfig:
    reminder_days: tuple[int, ...] = REMINDER_DAYS
    escalate_after_days: int = ESCALATE_AFTER_DAYS
    reminder_hour: int = REMINDER_HOUR

    @classmethod
    def from_settings(cls, settings: Any) -> NoticeConfig:
        days = getattr(settings, "roadmap_reminder_days", REMINDER_DAYS)
        return cls(
            reminder_days=tuple(sorted({int(d) for d in days if int(d) >= 0}, reverse=True)),
            escalate_after_days=max(
                1, int(getattr(settings, "roadmap_escalate_after_days", ESCALATE_AFTER_DAYS))
            ),
            reminder_hour=min(23, max(0, int(getattr(settings, "roadmap_reminder_hour", 9)))),
        )


def next_notice_on(
    kind: str,
    due_on: date,
    reminded_days: int | None,
    overdue: bool,
    escalated: bool,
    config: NoticeConfig,
) -> date | None:
    """The local date of an open occurrence's next notice; None when none is left."""
    if kind == "check_in":
        return due_on if reminded_days is None else None
    pending = [d for d in config.reminder_days if reminded_days is None or d < reminded_days]
    if pending:
        return due_on - timedelta(days=max(pending))
    if not overdue:
        return due_on + timedelta(days=1)
    if not escalated:
        return due_on + timedelta(days=config.escalate_after_days)
    return None


def local_day(now: datetime, zone: Any, config: NoticeConfig) -> date:
    """The day whose notices are due: a day's notices go out from `reminder_hour` local."""
    return (now.astimezone(zone) - timedelta(hours=config.reminder_hour)).date()


@dataclass(frozen=True)
class Notice:
    kind: NoticeKind
    occurrence_id: int
    party_id: int
    level: str
    scope_id: int
    due_on: date
    days: int  # left before the due date; overdue: days past it
    key: str  # the stage, for dedup keys: r14, r3, r0, ci, od, esc
    recipients: tuple[Recipient, ...]
    # No coordinator holds the party's own scope: the message went to the level above.
    via_above: bool = False


@dataclass
class _Change:
    occurrence_id: int
    party_id: int
    reminded_days: int | None
    overdue: bool
    escalated: bool
    next_notice_on: date | None
    became_overdue: bool = False


@dataclass
class ScanPlan:
    notices: list[Notice] = field(default_factory=list)
    changes: list[_Change] = field(default_factory=list)


async def due_notices(
    session: AsyncSession,
    now: datetime,
    config: NoticeConfig,
    *,
    directory: DirectoryIndex | None = None,
    coordinators: dict[tuple[str, int], list[Recipient]] | None = None,
) -> ScanPlan:
    """What one scan has to send now, and how each occurrence moves on. Reads only."""
    # Zones ahead of UTC reach a date first: read one day ahead, check each row's own zone.
    horizon = now.date() + timedelta(days=1)
    rows = await session.execute(
        select(
            RoadmapOccurrence.id,
            RoadmapOccurrence.party_id,
            RoadmapOccurrence.kind,
            RoadmapOccurrence.due_on,
            RoadmapOccurrence.next_notice_on,
            RoadmapOccurrence.reminded_days,
            RoadmapOccurrence.overdue_at,
            RoadmapOccurrence.escalated_at,
            RoadmapParty.level,
            RoadmapParty.scope_id,
        )
        .join(RoadmapParty, RoadmapParty.id == RoadmapOccurrence.party_id)
        .where(
            RoadmapOccurrence.next_notice_on <= horizon,
            RoadmapOccurrence.status.in_(OPEN_STATUSES),
        )
        .order_by(RoadmapOccurrence.due_on, RoadmapOccurrence.id)
    )
    plan = ScanPlan()
    found = rows.all()
    if not found:
        return plan  # the usual tick: nothing due, nothing else to read
    directory = directory or await scopes.load_directory_index(session)
    if coordinators is None:
        coordinators = await scopes.coordinators_by_scope(session)
    days_cache: dict[Any, date] = {}
    for (
        occ_id,
        party_id,
        kind,
        due_on,
        next_on,
        reminded,
        overdue_at,
        escalated_at,
        level,
        sid,
    ) in found:
        # The WHERE skips rows without a next date, and occurrences are made only for parties
        # with a scope (store.py): the columns' None never reaches here.
        assert next_on is not None and level is not None and sid is not None
        zone = directory.zone_of(level, sid)
        today = days_cache.get(zone)
        if today is None:
            today = days_cache[zone] = local_day(now, zone, config)
        if next_on > today:
            continue
        _plan_one(
            plan,
            config,
            directory,
            coordinators,
            today,
            occ_id,
            party_id,
            kind,
            due_on,
            reminded,
            overdue_at is not None,
            escalated_at is not None,
            level,
            sid,
        )
    return plan


def _plan_one(
    plan: ScanPlan,
    config: NoticeConfig,
    directory: DirectoryIndex,
    coordinators: dict[tuple[str, int], list[Recipient]],
    today: date,
    occ_id: int,
    party_id: int,
    kind: str,
    due_on: date,
    reminded: int | None,
    overdue: bool,
    escalated: bool,
    level: str,
    scope_id: int,
) -> None:
    left = (due_on - today).days
    notices: list[tuple[NoticeKind, int, str]] = []
    became_overdue = False
    if kind == "check_in":
        if reminded is None:
            notices.append(("check_in", left, "ci"))
        reminded = 0
    elif left >= 0:
        stages = [
            d for d in config.reminder_days if left <= d and (reminded is None or d < reminded)
        ]
        if stages:
            reminded = min(stages)  # only the nearest, if the bot was down through others
            notices.append(("reminder", left, f"r{reminded}"))
    else:
        reminded = min(config.reminder_days, default=0) if reminded is None else reminded
        if not overdue:
            overdue = became_overdue = True
            notices.append(("overdue", -left, "od"))
        if not escalated and -left >= config.escalate_after_days:
            escalated = True
            notices.append(("escalation", -left, "esc"))
    for notice_kind, days, key in notices:
        if notice_kind == "escalation":
            recipients, via_above = scopes.above(coordinators, directory, level, scope_id), False
        else:
            recipients, via_above = scopes.responsible(coordinators, directory, level, scope_id)
        plan.notices.append(
            Notice(
                notice_kind,
                occ_id,
                party_id,
                level,
                scope_id,
                due_on,
                days,
                key,
                tuple(recipients),
                via_above,
            )
        )
    plan.changes.append(
        _Change(
            occ_id,
            party_id,
            reminded,
            overdue,
            escalated,
            next_notice_on(kind, due_on, reminded, overdue, escalated, config),
            became_overdue,
        )
    )


# ---------------------------------------------------------------------------------------
# Sending


@dataclass(frozen=True)
class NoticeDetails:
    """What a message about an occurrence says."""

    occurrence_id: int
    roadmap_title: str
    item_number: str | None
    activity: str
    result: str | None
    party_label: str


class NoticeRenderer(Protocol):
    def notice(
        self, recipient: Recipient, notice: Notice, details: NoticeDetails
    ) -> tuple[str, Keyboard | None]: ...

    def digest(
        self, recipient: Recipient, entries: Sequence[tuple[Notice, NoticeDetails]]
    ) -> tuple[str, Keyboard | None]: ...

    def escalation(
        self, recipient: Recipient, entries: Sequence[tuple[Notice, NoticeDetails]]
    ) -> tuple[str, Keyboard | None]: ...


@dataclass(frozen=True)
class ScanReport:
    notices: int
    messages: int
    changed: int


# More notices than this for one person in one scan come as one digest, not a message each:
# thirty reminders at once would bury the chat (and the buttons of each are in the cards).
INDIVIDUAL_LIMIT = 3

_Entries = list[tuple[Notice, NoticeDetails]]


async def run_scan(
    session: AsyncSession, clock: Clock, config: NoticeConfig, renderer: NoticeRenderer
) -> ScanReport:
    """One scan: find what is due, queue the messages, move the occurrences on."""
    now = clock.now()
    plan = await due_notices(session, now, config)
    if not plan.changes:
        return ScanReport(0, 0, 0)
    directory = await scopes.load_directory_index(session)
    details = await notice_details(session, {n.occurrence_id for n in plan.notices}, directory)
    personal: dict[int, tuple[Recipient, _Entries]] = {}
    digests: dict[int, tuple[Recipient, _Entries]] = {}
    for notice in plan.notices:
        info = details.get(notice.occurrence_id)
        if info is None:
            continue
        target = digests if notice.kind == "escalation" else personal
        for recipient in notice.recipients:
            target.setdefault(recipient.participant_id, (recipient, []))[1].append((notice, info))
    slot = now.strftime("%Y%m%d%H%M")
    messages = 0
    for participant_id, (recipient, entries) in personal.items():
        if len(entries) > INDIVIDUAL_LIMIT:
            text, keyboard = renderer.digest(recipient, entries)
            messages += await _send(
                session, clock, recipient, text, keyboard, f"rm:dg:{participant_id}:{slot}"
            )
            continue
        for notice, info in entries:
            text, keyboard = renderer.notice(recipient, notice, info)
            key = f"rm:{notice.occurrence_id}:{notice.due_on:%Y%m%d}:{notice.key}:{participant_id}"
            messages += await _send(session, clock, recipient, text, keyboard, key)
    for participant_id, (recipient, entries) in digests.items():
        text, keyboard = renderer.escalation(recipient, entries)
        messages += await _send(
            session, clock, recipient, text, keyboard, f"rm:esc:{participant_id}:{slot}"
        )
    await _apply(session, now, plan.changes)
    return ScanReport(len(plan.notices), messages, len(plan.changes))


async def _send(
    session: AsyncSession,
    clock: Clock,
    recipient: Recipient,
    text: str,
    keyboard: Keyboard | None,
    dedup_key: str,
) -> int:
    return await outbox.enqueue_text(
        session,
        clock,
        chat_id=recipient.tg_id,
        participant_id=recipient.participant_id,
        text=text,
        keyboard=keyboard,
        dedup_key=dedup_key,
    )


async def _apply(session: AsyncSession, now: datetime, changes: list[_Change]) -> None:
    # One executemany for all rows: a region's roadmap can move thousands at once.
    table = RoadmapOccurrence.__table__
    await session.execute(
        update(table)
        .where(table.c.id == bindparam("occ_id"))
        .values(reminded_days=bindparam("reminded"), next_notice_on=bindparam("next_on")),
        [
            {"occ_id": c.occurrence_id, "reminded": c.reminded_days, "next_on": c.next_notice_on}
            for c in changes
        ],
    )
    overdue = [c for c in changes if c.became_overdue]
    escalated = [c.occurrence_id for c in changes if c.escalated]
    if overdue:
        ids = [c.occurrence_id for c in overdue]
        await session.execute(
            update(RoadmapOccurrence)
            .where(RoadmapOccurrence.id.in_(ids), RoadmapOccurrence.overdue_at.is_(None))
            .values(status=OccurrenceStatus.overdue, overdue_at=now, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        await session.execute(
            insert(RoadmapStatusEvent),
            [
                {
                    "occurrence_id": c.occurrence_id,
                    "party_id": c.party_id,
                    "status": OccurrenceEvent.overdue,
                    "at": now,
                }
                for c in overdue
            ],
        )
        await session.execute(
            update(RoadmapParty)
            .where(RoadmapParty.id.in_({c.party_id for c in overdue}))
            .values(status=OccurrenceStatus.overdue, updated_at=now)
            .execution_options(synchronize_session=False)
        )
    if escalated:
        await session.execute(
            update(RoadmapOccurrence)
            .where(RoadmapOccurrence.id.in_(escalated), RoadmapOccurrence.escalated_at.is_(None))
            .values(escalated_at=now)
            .execution_options(synchronize_session=False)
        )
    await session.flush()


async def notice_details(
    session: AsyncSession, occurrence_ids: set[int], directory: DirectoryIndex
) -> dict[int, NoticeDetails]:
    if not occurrence_ids:
        return {}
    rows = await session.execute(
        select(
            RoadmapOccurrence.id,
            Roadmap.title,
            RoadmapItem.number,
            RoadmapItem.activity,
            RoadmapItem.result,
            RoadmapParty.level,
            RoadmapParty.scope_id,
            RoadmapParty.text,
        )
        .join(RoadmapParty, RoadmapParty.id == RoadmapOccurrence.party_id)
        .join(RoadmapItem, RoadmapItem.id == RoadmapParty.item_id)
        .join(Roadmap, Roadmap.id == RoadmapOccurrence.roadmap_id)
        .where(RoadmapOccurrence.id.in_(sorted(occurrence_ids)))
    )
    return {
        occ_id: NoticeDetails(
            occ_id, title, number, activity, result, directory.label(level, sid) or text
        )
        for occ_id, title, number, activity, result, level, sid, text in rows
    }


# ---------------------------------------------------------------------------------------
# The scan's own schedule


def _slot(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


async def plan_next_scan(session: AsyncSession, now: datetime) -> bool:
    """The next scan at the next full hour; planning it twice keeps one row."""
    at = _slot(now) + SCAN_INTERVAL
    return await due.plan(
        session,
        kind=SCAN_KIND,
        due_at=at,
        payload={},
        now=now,
        dedup_key=f"{SCAN_KIND}:{at:%Y%m%d%H}",
    )


async def ensure_scan(session: AsyncSession, now: datetime) -> bool:
    """Start the chain of scans if none is waiting (first roadmap, or a chain that failed)."""
    waiting = await session.scalar(
        select(DueTask.id)
        .where(
            DueTask.kind == SCAN_KIND,
            DueTask.status.in_((DueTaskStatus.pending, DueTaskStatus.running)),
        )
        .limit(1)
    )
    if waiting is not None:
        return False
    # No dedup key: the check above is the guard; two chains started at once meet at the
    # next hour's key and go on as one.
    return await due.plan(session, kind=SCAN_KIND, due_at=now, payload={}, now=now)
