"""What responsible coordinators do with a deadline: in progress, done with evidence, not
applicable with a reason, postpone (asks the level above), and dates for deadlines the table
did not date. Every call re-reads the occurrence and re-checks the actor's scope."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services import dates
from bot.services.access import Actor
from bot.services.errors import Forbidden, InvalidInput, NotFound
from bot.services.roadmaps import reminders, scopes
from bot.services.roadmaps.deadlines import parse_deadline
from bot.services.roadmaps.reminders import NoticeConfig
from bot.services.roadmaps.scopes import RANK, Recipient
from bot.services.roadmaps.store import owner_label
from models import Participant
from models.enums import OccurrenceEvent, OccurrenceStatus, PostponementStatus, RoadmapStatus
from models.roadmap import (
    Roadmap,
    RoadmapDeadline,
    RoadmapItem,
    RoadmapOccurrence,
    RoadmapParty,
    RoadmapPostponement,
    RoadmapStatusEvent,
)

OPEN = frozenset(reminders.OPEN_STATUSES)
CLOSED = frozenset({OccurrenceStatus.done, OccurrenceStatus.not_applicable})
# What a responsible coordinator may mark; planned and overdue follow from the dates.
SETTABLE = frozenset({OccurrenceStatus.in_progress, *CLOSED})
MAX_NOTE = 1000
HISTORY_SHOWN = 5


@dataclass(frozen=True)
class HistoryEntry:
    status: str
    at: datetime
    comment: str | None
    file_name: str | None


@dataclass(frozen=True)
class OccurrenceCard:
    id: int
    roadmap_id: int
    roadmap_title: str
    period_start: date
    period_end: date
    item_number: str | None
    activity: str
    result: str | None
    targets: dict[str, str]
    party_id: int
    party_level: str
    party_scope_id: int
    party_label: str
    kind: str
    due_on: date
    original_due_on: date
    window_start: date | None
    status: str
    evidence_text: str | None
    evidence_file_name: str | None
    note: str | None
    pending_postponement: date | None
    history: tuple[HistoryEntry, ...]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN


async def _load(
    session: AsyncSession, occurrence_id: int
) -> tuple[RoadmapOccurrence, RoadmapParty, RoadmapItem, Roadmap] | None:
    row = (
        await session.execute(
            select(RoadmapOccurrence, RoadmapParty, RoadmapItem, Roadmap)
            .join(RoadmapParty, RoadmapParty.id == RoadmapOccurrence.party_id)
            .join(RoadmapItem, RoadmapItem.id == RoadmapParty.item_id)
            .join(Roadmap, Roadmap.id == RoadmapOccurrence.roadmap_id)
            .where(RoadmapOccurrence.id == occurrence_id)
        )
    ).first()
    if row is None:
        return None
    occurrence, party, item, roadmap = row  # a Row unpacks like the tuple it is
    return occurrence, party, item, roadmap


async def _authorised(
    session: AsyncSession, actor: Actor, occurrence_id: int
) -> tuple[RoadmapOccurrence, RoadmapParty, RoadmapItem, Roadmap, scopes.Coverage]:
    """The occurrence, if the actor's scope holds its party; anyone else's id, a missing one
    and one of an archived roadmap all get the same answer."""
    actor.require_coordinator()
    loaded = await _load(session, occurrence_id)
    if loaded is None:
        raise NotFound("error-not-found")
    occurrence, party, item, roadmap = loaded
    cover = await scopes.coverage(session, actor)
    if roadmap.status != RoadmapStatus.active or not cover.holds(party.level, party.scope_id):
        raise NotFound("error-not-found")
    return occurrence, party, item, roadmap, cover


async def get_card(session: AsyncSession, actor: Actor, occurrence_id: int) -> OccurrenceCard:
    occurrence, party, item, roadmap, _ = await _authorised(session, actor, occurrence_id)
    return await _card(session, occurrence, party, item, roadmap)


async def _card(
    session: AsyncSession,
    occurrence: RoadmapOccurrence,
    party: RoadmapParty,
    item: RoadmapItem,
    roadmap: Roadmap,
) -> OccurrenceCard:
    events = await session.scalars(
        select(RoadmapStatusEvent)
        .where(RoadmapStatusEvent.occurrence_id == occurrence.id)
        .order_by(RoadmapStatusEvent.at.desc(), RoadmapStatusEvent.id.desc())
        .limit(HISTORY_SHOWN)
    )
    pending = await session.scalar(
        select(RoadmapPostponement.to_due_on).where(
            RoadmapPostponement.occurrence_id == occurrence.id,
            RoadmapPostponement.status == PostponementStatus.pending,
        )
    )
    label = await owner_label(session, party.level or "", party.scope_id or 0)
    return OccurrenceCard(
        id=occurrence.id,
        roadmap_id=roadmap.id,
        roadmap_title=roadmap.title,
        period_start=roadmap.period_start,
        period_end=roadmap.period_end,
        item_number=item.number,
        activity=item.activity,
        result=item.result,
        targets=dict(item.targets or {}),
        party_id=party.id,
        party_level=party.level or "",
        party_scope_id=party.scope_id or 0,
        party_label=label or party.text,
        kind=occurrence.kind,
        due_on=occurrence.due_on,
        original_due_on=occurrence.original_due_on,
        window_start=occurrence.window_start,
        status=occurrence.status,
        evidence_text=occurrence.evidence_text,
        evidence_file_name=occurrence.evidence_file_name,
        note=occurrence.note,
        pending_postponement=pending,
        history=tuple(HistoryEntry(e.status, e.at, e.comment, e.file_name) for e in events),
    )


def _check_note(text: str | None) -> str | None:
    text = " ".join((text or "").split()) or None
    if text is not None and len(text) > MAX_NOTE:
        raise InvalidInput("error-text-too-long", max=MAX_NOTE)
    return text


async def set_status(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    occurrence_id: int,
    status: str,
    *,
    comment: str | None = None,
    file_id: str | None = None,
    file_name: str | None = None,
) -> OccurrenceCard:
    """in_progress; done with a comment or a file as evidence; not_applicable with a reason."""
    occurrence, party, item, roadmap, _ = await _authorised(session, actor, occurrence_id)
    if status not in SETTABLE:
        raise InvalidInput("error-stale-button")
    if occurrence.status in CLOSED:
        raise InvalidInput("roadmap-already-closed")
    comment = _check_note(comment)
    if status == OccurrenceStatus.in_progress and occurrence.status == OccurrenceStatus.in_progress:
        raise InvalidInput("roadmap-status-unchanged")
    if status == OccurrenceStatus.done and not (comment or file_id):
        raise InvalidInput("roadmap-evidence-required")
    if status == OccurrenceStatus.not_applicable and not comment:
        raise InvalidInput("roadmap-reason-required")
    now = clock.now()
    occurrence.status = OccurrenceStatus(status)
    occurrence.updated_at = now
    occurrence.updated_by = actor.participant_id
    if status == OccurrenceStatus.done:
        occurrence.done_at = now
        occurrence.evidence_text = comment
        occurrence.evidence_file_id = file_id
        occurrence.evidence_file_name = (file_name or "")[:200] or None
    if status == OccurrenceStatus.not_applicable:
        occurrence.done_at = now
        occurrence.note = comment
    if status in CLOSED:
        occurrence.next_notice_on = None
    session.add(
        RoadmapStatusEvent(
            occurrence_id=occurrence.id,
            party_id=party.id,
            status=OccurrenceEvent(status),
            comment=comment,
            file_id=file_id,
            file_name=(file_name or "")[:200] or None,
            actor_id=actor.participant_id,
            at=now,
        )
    )
    await session.flush()
    await refresh_party_status(session, [party.id], now)
    return await _card(session, occurrence, party, item, roadmap)


def summary_status(statuses: list[OccurrenceStatus]) -> OccurrenceStatus:
    """A party's status from its occurrences' statuses."""
    if not statuses:
        return OccurrenceStatus.planned
    if OccurrenceStatus.overdue in statuses:
        return OccurrenceStatus.overdue
    if OccurrenceStatus.in_progress in statuses:
        return OccurrenceStatus.in_progress
    if OccurrenceStatus.planned in statuses:
        return OccurrenceStatus.planned
    return (
        OccurrenceStatus.not_applicable
        if set(statuses) == {OccurrenceStatus.not_applicable}
        else OccurrenceStatus.done
    )


async def refresh_party_status(session: AsyncSession, party_ids: list[int], now: datetime) -> None:
    rows = await session.execute(
        select(RoadmapOccurrence.party_id, RoadmapOccurrence.status).where(
            RoadmapOccurrence.party_id.in_(party_ids), RoadmapOccurrence.kind == "due"
        )
    )
    statuses: dict[int, list[OccurrenceStatus]] = {pid: [] for pid in party_ids}
    for party_id, status in rows:
        statuses[party_id].append(status)
    for party_id, found in statuses.items():
        await session.execute(
            update(RoadmapParty)
            .where(RoadmapParty.id == party_id)
            .values(status=summary_status(found), updated_at=now)
        )


# ---------------------------------------------------------------------------------------
# Postponing


@dataclass(frozen=True)
class PostponeResult:
    postponement_id: int
    applied: bool  # the actor is the level above (or there is none): moved at once
    approvers: tuple[Recipient, ...]
    card: OccurrenceCard
    to_due_on: date
    reason: str | None


def parse_one_date(
    text: str, period_start: date, period_end: date, today: date | None = None
) -> date:
    """A date typed in the chat: "15.06.2027", "до 15 июня 2027", "июнь 2027" (the roadmap's
    deadline reader); with `today`, also a day as people type it ("через неделю", "в
    пятницу", "8 декабря": the one date reader, on the future side)."""
    outside = InvalidInput(
        "roadmap-date-outside-period",
        start=period_start.strftime("%d.%m.%Y"),
        end=period_end.strftime("%d.%m.%Y"),
    )
    spec = parse_deadline(text, period_start=period_start, period_end=period_end)
    if spec.reason == "date_outside_period":
        raise outside
    if spec.kind == "dates" and len(spec.due_dates) == 1:
        return spec.due_dates[0]
    if today is None:
        raise InvalidInput("roadmap-date-not-understood")
    try:
        day = dates.parse_day(
            text, today, future=True, within=dates.Span(max(today, period_start), period_end)
        )
    except InvalidInput:
        raise InvalidInput("roadmap-date-not-understood") from None
    if not period_start <= day <= period_end:
        raise outside
    return day


async def request_postpone(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    occurrence_id: int,
    text: str,
    config: NoticeConfig | None = None,
) -> PostponeResult:
    """Ask to move a due date. `text` is the new date, optionally followed by the reason on
    the next line or after a comma."""
    occurrence, party, item, roadmap, cover = await _authorised(session, actor, occurrence_id)
    if occurrence.status in CLOSED:
        raise InvalidInput("roadmap-already-closed")
    if occurrence.kind != "due":
        raise InvalidInput("roadmap-postpone-not-due")
    date_text, _, reason_text = _split_reason(text)
    zone = await scopes.zone_of_scope(session, party.level or "", party.scope_id or 0)
    today = clock.now().astimezone(zone).date()
    new_due = await asyncio.to_thread(  # the one date reader is CPU work: off the loop
        parse_one_date, date_text, roadmap.period_start, roadmap.period_end, today
    )
    if new_due <= occurrence.due_on or new_due < today:
        raise InvalidInput("roadmap-postpone-not-later", due=occurrence.due_on.strftime("%d.%m.%Y"))
    reason = _check_note(reason_text)
    pending = await session.scalar(
        select(RoadmapPostponement.id).where(
            RoadmapPostponement.occurrence_id == occurrence.id,
            RoadmapPostponement.status == PostponementStatus.pending,
        )
    )
    if pending is not None:
        raise InvalidInput("roadmap-postpone-pending")
    now = clock.now()
    postponement = RoadmapPostponement(
        occurrence_id=occurrence.id,
        requested_by=actor.participant_id,
        from_due_on=occurrence.due_on,
        to_due_on=new_due,
        reason=reason,
        status=PostponementStatus.pending,
        created_at=now,
    )
    session.add(postponement)
    session.add(
        RoadmapStatusEvent(
            occurrence_id=occurrence.id,
            party_id=party.id,
            status=OccurrenceEvent.postpone_requested,
            comment=_postpone_comment(new_due, reason),
            actor_id=actor.participant_id,
            at=now,
        )
    )
    await session.flush()
    directory = await scopes.load_directory_index(session)
    # The level above decides; when the actor is that level already, or there is none
    # above (the region's own deadline), the date moves at once.
    if (
        cover.top_rank > RANK[party.level or "organization"]
        or directory.above(party.level, party.scope_id) is None
    ):
        await _decide(session, now, actor, postponement, occurrence, party, True, config)
        return PostponeResult(
            postponement.id,
            True,
            (),
            await _card(session, occurrence, party, item, roadmap),
            new_due,
            reason,
        )
    coordinators = await scopes.coordinators_by_scope(session)
    approvers = scopes.above(coordinators, directory, party.level, party.scope_id)
    if not approvers:
        raise InvalidInput("roadmap-postpone-nobody-above")
    return PostponeResult(
        postponement.id,
        False,
        tuple(approvers),
        await _card(session, occurrence, party, item, roadmap),
        new_due,
        reason,
    )


def _split_reason(text: str) -> tuple[str, str, str]:
    text = (text or "").strip()
    for separator in ("\n", ","):
        if separator in text:
            head, _, tail = text.partition(separator)
            return head.strip(), separator, tail.strip()
    return text, "", ""


def _postpone_comment(new_due: date, reason: str | None) -> str:
    return new_due.isoformat() + (f" {reason}" if reason else "")


@dataclass(frozen=True)
class Decision:
    postponement_id: int
    approved: bool
    from_due_on: date
    to_due_on: date
    requester: Participant | None
    card: OccurrenceCard


async def _authorised_postponement(
    session: AsyncSession, actor: Actor, postponement_id: int
) -> tuple[RoadmapPostponement, RoadmapOccurrence, RoadmapParty, RoadmapItem, Roadmap]:
    actor.require_coordinator()
    postponement = await session.get(RoadmapPostponement, postponement_id)
    if postponement is None:
        raise NotFound("error-not-found")
    loaded = await _load(session, postponement.occurrence_id)
    if loaded is None:
        raise NotFound("error-not-found")
    occurrence, party, item, roadmap = loaded
    cover = await scopes.coverage(session, actor)
    if roadmap.status != RoadmapStatus.active or not cover.holds(party.level, party.scope_id):
        raise NotFound("error-not-found")
    if cover.top_rank <= RANK[party.level or "organization"]:
        raise Forbidden("roadmap-postpone-not-yours")
    return postponement, occurrence, party, item, roadmap


async def decide_postpone(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    postponement_id: int,
    approve: bool,
    config: NoticeConfig | None = None,
) -> Decision:
    postponement, occurrence, party, item, roadmap = await _authorised_postponement(
        session, actor, postponement_id
    )
    if postponement.status != PostponementStatus.pending:
        raise InvalidInput("roadmap-postpone-decided")
    if occurrence.status in CLOSED:
        raise InvalidInput("roadmap-already-closed")
    await _decide(session, clock.now(), actor, postponement, occurrence, party, approve, config)
    requester = (
        await session.get(Participant, postponement.requested_by)
        if postponement.requested_by
        else None
    )
    return Decision(
        postponement.id,
        approve,
        postponement.from_due_on,
        postponement.to_due_on,
        requester,
        await _card(session, occurrence, party, item, roadmap),
    )


async def _decide(
    session: AsyncSession,
    now: datetime,
    actor: Actor,
    postponement: RoadmapPostponement,
    occurrence: RoadmapOccurrence,
    party: RoadmapParty,
    approve: bool,
    config: NoticeConfig | None,
) -> None:
    postponement.status = PostponementStatus.approved if approve else PostponementStatus.declined
    postponement.decided_by = actor.participant_id
    postponement.decided_at = now
    if approve:
        move_due(occurrence, postponement.to_due_on, now, config or NoticeConfig())
        occurrence.updated_by = actor.participant_id
    session.add(
        RoadmapStatusEvent(
            occurrence_id=occurrence.id,
            party_id=party.id,
            status=OccurrenceEvent.postponed if approve else OccurrenceEvent.postpone_declined,
            comment=_postpone_comment(postponement.to_due_on, postponement.reason),
            actor_id=actor.participant_id,
            at=now,
        )
    )
    await session.flush()
    await refresh_party_status(session, [party.id], now)


def move_due(
    occurrence: RoadmapOccurrence, new_due: date, now: datetime, config: NoticeConfig
) -> None:
    """A new due date starts the notices over."""
    occurrence.due_on = new_due
    occurrence.reminded_days = None
    occurrence.overdue_at = None
    occurrence.escalated_at = None
    if occurrence.status == OccurrenceStatus.overdue:
        occurrence.status = OccurrenceStatus.planned
    occurrence.next_notice_on = reminders.next_notice_on(
        occurrence.kind, new_due, None, False, False, config
    )
    occurrence.updated_at = now


# ---------------------------------------------------------------------------------------
# Dating deadlines the table did not date


@dataclass(frozen=True)
class DatedDeadline:
    deadline_id: int
    due_dates: tuple[date, ...]
    occurrences: int
    parties: int


async def set_deadline_dates(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    deadline_id: int,
    text: str,
    config: NoticeConfig | None = None,
) -> DatedDeadline:
    """Date an event-triggered or unparsed deadline: any phrase the parser reads into dates
    ("15.09.2027", "Сентябрь 2027, далее ежегодно"). Only the roadmap's owner's scope may."""
    actor.require_coordinator()
    deadline = await session.get(RoadmapDeadline, deadline_id)
    roadmap = await session.get(Roadmap, deadline.roadmap_id) if deadline else None
    cover = await scopes.coverage(session, actor)
    if (
        deadline is None
        or roadmap is None
        or roadmap.status != RoadmapStatus.active
        or not cover.holds(roadmap.scope_level, roadmap.scope_id)
    ):
        raise NotFound("error-not-found")
    if not deadline.needs_dates:
        raise InvalidInput("roadmap-dates-already-set")
    spec = parse_deadline(text, period_start=roadmap.period_start, period_end=roadmap.period_end)
    if spec.reason == "date_outside_period":
        raise InvalidInput(
            "roadmap-date-outside-period",
            start=roadmap.period_start.strftime("%d.%m.%Y"),
            end=roadmap.period_end.strftime("%d.%m.%Y"),
        )
    if spec.kind != "dates" or not spec.due_dates:
        raise InvalidInput("roadmap-date-not-understood")
    now = clock.now()
    zone = await scopes.zone_of_scope(session, roadmap.scope_level, roadmap.scope_id)
    today = now.astimezone(zone).date()
    dates = [d for d in spec.due_dates if d >= today]
    if not dates:
        raise InvalidInput("roadmap-date-in-past")
    deadline.kind = "dates"
    deadline.due_dates = [d.isoformat() for d in dates]
    deadline.recurrence = spec.recurrence
    deadline.needs_dates = False
    deadline.reason = None
    deadline.params = {}
    deadline.dates_set_by = actor.participant_id
    config = config or NoticeConfig()
    parties = list(
        await session.scalars(
            select(RoadmapParty.id).where(
                RoadmapParty.deadline_id == deadline.id, RoadmapParty.scope_id.is_not(None)
            )
        )
    )
    rows = [
        {
            "roadmap_id": roadmap.id,
            "party_id": party_id,
            "kind": "due",
            "due_on": day,
            "original_due_on": day,
            "window_start": None,
            "status": OccurrenceStatus.planned,
            "next_notice_on": reminders.next_notice_on("due", day, None, False, False, config),
            "updated_at": now,
            "updated_by": actor.participant_id,
        }
        for party_id in parties
        for day in dates
    ]
    if rows:
        await session.execute(insert(RoadmapOccurrence), rows)
    await session.flush()
    await refresh_item_flag(session, deadline.item_id)
    await reminders.ensure_scan(session, now)
    return DatedDeadline(deadline.id, tuple(dates), len(rows), len(parties))


async def refresh_item_flag(session: AsyncSession, item_id: int) -> None:
    needs = await session.scalar(
        select(RoadmapDeadline.id)
        .where(RoadmapDeadline.item_id == item_id, RoadmapDeadline.needs_dates.is_(True))
        .limit(1)
    )
    unknown = await session.scalar(
        select(RoadmapParty.id)
        .where(RoadmapParty.item_id == item_id, RoadmapParty.level.is_(None))
        .limit(1)
    )
    await session.execute(
        update(RoadmapItem)
        .where(RoadmapItem.id == item_id)
        .values(flagged=needs is not None or unknown is not None)
        .execution_options(synchronize_session=False)
    )
