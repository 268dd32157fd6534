"""Events: created with their announcement, answered with RSVP buttons, reminded, attended.

Capacity holds under concurrent presses because the only way to become "going" is one
conditional UPDATE of the event's counter (`going_count < capacity`): SQLite runs writers one
at a time, PostgreSQL re-checks the condition on the locked row, so no two presses can take
the last seat.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import overload

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services import audience, dates, due, numbers
from bot.services.access import Actor
from bot.services.audience import AudienceSpec
from bot.services.broadcast import announcements, telegram_html
from bot.services.errors import InvalidInput, NotFound
from bot.services.numbers import parse_int
from bot.settings import Settings
from models import Municipality, Organization, Participant
from models.base import rows_affected
from models.broadcast import Announcement, Event, EventRsvp
from models.enums import AnnouncementStatus, EventStatus, ParticipantStatus

KINDS: tuple[str, ...] = (
    "seminar",
    "webinar",
    "round_table",
    "conference",
    "contest",
    "course",
    "master_class",
    "landing",  # «Педагогический десант»
    "meeting",
)
DURATIONS: tuple[int, ...] = (30, 60, 90, 120, 180, 240, 480)
MAX_TITLE = 200
MAX_PLACE = 500
MAX_DESCRIPTION = 3000
MAX_CAPACITY = numbers.EVENT_SEATS_MAX
MAX_DURATION = 7 * 24 * 60
MAX_AHEAD = dates.EVENT_AHEAD
# Participants may confirm they were there for this long after the start.
SELF_ATTENDANCE_WINDOW = timedelta(days=14)

REMIND_KIND = "event-reminder"
FOLLOWUP_KIND = "event-followup"
REMINDERS = {"day": timedelta(days=1), "hour": timedelta(hours=1)}

_URL = re.compile(r"^https?://[^\s<>\"]+$", re.IGNORECASE)
_DURATION = re.compile(
    r"^\s*(?:(?P<h>[0-9]{1,3})\s*[:ч.h]\s*(?P<m>[0-9]{1,2})?|(?P<only>[0-9]{1,5}))\s*$"
)


@dataclass(frozen=True)
class EventDraft:
    kind: str
    title: str
    starts_at: datetime
    duration_minutes: int
    timezone: str
    place: str
    online: bool
    description: str  # HTML
    registration_required: bool
    capacity: int | None
    going_count: int = 0


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise InvalidInput("error-stale-button")
    return kind


def check_title(raw: str) -> str:
    title = " ".join((raw or "").split())
    if not title:
        raise InvalidInput("event-title-empty")
    if len(title) > MAX_TITLE:
        raise InvalidInput("event-title-too-long", max=MAX_TITLE)
    return title


def check_day(day: date, today: date) -> date:
    """The day picked before the time is typed: not one already gone (``today`` is local)."""
    if day < today:
        raise InvalidInput("event-in-past")
    return day


def check_starts(starts_at: datetime, now: datetime) -> datetime:
    if starts_at <= now:
        raise InvalidInput("event-in-past")
    if starts_at > now + MAX_AHEAD:
        raise InvalidInput("event-too-far", last=f"{(now + MAX_AHEAD):%d.%m.%Y}")
    return starts_at


def parse_duration(text: str) -> int:
    """'90', '1:30', '2ч', '1.5' hours… → minutes."""
    match = _DURATION.match(text or "")
    if match is None:
        raise InvalidInput("event-bad-duration")
    if match["only"] is not None:
        minutes = int(match["only"])
    else:
        minutes = int(match["h"]) * 60 + int(match["m"] or 0)
    return check_duration(minutes)


def check_duration(minutes: int) -> int:
    if not 1 <= minutes <= MAX_DURATION:
        raise InvalidInput("event-bad-duration")
    return minutes


def check_place(raw: str) -> tuple[str, bool]:
    """A place as typed; a single http(s) link makes the event online."""
    place = (raw or "").strip()
    if not place:
        raise InvalidInput("event-place-empty")
    if len(place) > MAX_PLACE:
        raise InvalidInput("event-place-too-long", max=MAX_PLACE)
    return place, bool(_URL.match(place))


def check_description(html_text: str) -> str:
    return announcements.check_text(html_text, limit=MAX_DESCRIPTION, required=False)


def parse_capacity(text: str) -> int:
    # Bounded far above MAX_CAPACITY only to keep int() away from a 5,000-digit string.
    value = parse_int(text, high=MAX_CAPACITY * 10)
    if value is None:
        raise InvalidInput("event-capacity-bad", max=MAX_CAPACITY)
    return check_capacity(value)


@overload
def check_capacity(capacity: int) -> int: ...
@overload
def check_capacity(capacity: None) -> None: ...
def check_capacity(capacity: int | None) -> int | None:
    if capacity is None:
        return None
    if capacity <= 0:
        raise InvalidInput("event-capacity-zero")
    if capacity > MAX_CAPACITY:
        raise InvalidInput("event-capacity-bad", max=MAX_CAPACITY)
    return capacity


def check_draft(draft: EventDraft, now: datetime) -> EventDraft:
    """Every rule again, on the whole draft (it may have waited in a conversation)."""
    check_kind(draft.kind)
    check_title(draft.title)
    check_starts(draft.starts_at, now)
    check_duration(draft.duration_minutes)
    check_place(draft.place)
    check_description(draft.description)
    if draft.registration_required:
        check_capacity(draft.capacity)
    elif draft.capacity is not None:
        raise InvalidInput("event-capacity-bad")
    return draft


async def create(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    draft: EventDraft,
    spec: AudienceSpec,
    *,
    send_at: datetime | None = None,
) -> tuple[Event, Announcement]:
    """The event, its announcement (now or at `send_at`), and its reminders."""
    actor.require_coordinator()
    actor.require_registered()
    now = clock.now()
    check_draft(draft, now)
    if send_at is not None and send_at >= draft.starts_at:
        raise InvalidInput("event-announce-after-start")
    event = Event(
        author_id=actor.participant_id,
        kind=draft.kind,
        title=draft.title,
        description=draft.description,
        starts_at=draft.starts_at,
        duration_minutes=draft.duration_minutes,
        timezone=draft.timezone,
        place=draft.place,
        online=draft.online,
        registration_required=draft.registration_required,
        capacity=draft.capacity if draft.registration_required else None,
        going_count=0,
        status=EventStatus.scheduled,
        created_at=now,
    )
    session.add(event)
    await session.flush()
    announcement = await announcements.publish(
        session,
        clock,
        actor,
        announcements.Draft(text="", attachment=None, audience=spec),
        send_at=send_at,
        event=event,
    )
    for name, before in REMINDERS.items():
        if draft.starts_at - before > now:
            await due.plan(
                session,
                kind=REMIND_KIND,
                due_at=draft.starts_at - before,
                payload={"event_id": event.id, "which": name},
                now=now,
                dedup_key=f"event-remind:{event.id}:{name}",
            )
    await due.plan(
        session,
        kind=FOLLOWUP_KIND,
        due_at=draft.starts_at + timedelta(minutes=draft.duration_minutes),
        payload={"event_id": event.id},
        now=now,
        dedup_key=f"event-followup:{event.id}",
    )
    return event, announcement


# --- who sees an event -----------------------------------------------------------------------


async def _announced(session: AsyncSession, event_id: int) -> list[Announcement]:
    rows = await session.scalars(
        select(Announcement).where(
            Announcement.event_id == event_id,
            Announcement.status.in_((AnnouncementStatus.sending, AnnouncementStatus.done)),
        )
    )
    return list(rows)


async def in_audience(
    session: AsyncSession, settings: Settings, event: Event, participant: Participant
) -> bool:
    """Whether the event was announced to this participant's audience (as it is now)."""
    for announcement in await _announced(session, event.id):
        author = await session.get(Participant, announcement.author_id)
        actor = announcements._author_actor(author, settings)
        spec = AudienceSpec.from_json(announcement.audience)
        query = audience.participants_query(actor, spec).where(Participant.id == participant.id)
        if await session.scalar(query.with_only_columns(Participant.id)) is not None:
            return True
    return False


async def rsvp_of(session: AsyncSession, event_id: int, participant_id: int) -> EventRsvp | None:
    return await session.scalar(
        select(EventRsvp).where(
            EventRsvp.event_id == event_id, EventRsvp.participant_id == participant_id
        )
    )


async def visible_event(
    session: AsyncSession, settings: Settings, participant: Participant, event_id: int
) -> Event:
    """An event the participant may see and answer: announced to them, or already answered."""
    event = await session.get(Event, event_id)
    if event is None:
        raise NotFound("error-not-found")
    if await rsvp_of(session, event_id, participant.id) is not None:
        return event
    if not await in_audience(session, settings, event, participant):
        raise NotFound("error-not-found")
    return event


async def upcoming_for(
    session: AsyncSession, clock: Clock, settings: Settings, participant: Participant
) -> list[tuple[Event, EventRsvp | None]]:
    """Events to come that were announced to this participant, soonest first."""
    now = clock.now()
    candidates = await session.scalars(
        select(Event)
        .where(Event.status == EventStatus.scheduled, Event.starts_at > now)
        .where(
            select(Announcement.id)
            .where(
                Announcement.event_id == Event.id,
                Announcement.status.in_((AnnouncementStatus.sending, AnnouncementStatus.done)),
            )
            .exists()
        )
        .order_by(Event.starts_at, Event.id)
        .limit(200)
    )
    found: list[tuple[Event, EventRsvp | None]] = []
    for event in candidates:
        answer = await rsvp_of(session, event.id, participant.id)
        if answer is not None or await in_audience(session, settings, event, participant):
            found.append((event, answer))
        if len(found) >= 20:
            break
    return found


async def to_confirm_for(
    session: AsyncSession, clock: Clock, participant: Participant
) -> list[Event]:
    """Past events the participant registered for and has not said whether they attended."""
    now = clock.now()
    rows = await session.scalars(
        select(Event)
        .join(EventRsvp, EventRsvp.event_id == Event.id)
        .where(
            EventRsvp.participant_id == participant.id,
            EventRsvp.answer == "going",
            EventRsvp.attended.is_(None),
            Event.status == EventStatus.scheduled,
            Event.starts_at <= now,
            Event.starts_at > now - SELF_ATTENDANCE_WINDOW,
        )
        .order_by(Event.starts_at.desc())
        .limit(10)
    )
    return list(rows)


# --- answering ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RsvpResult:
    event: Event
    answer: str
    changed: bool


async def answer(
    session: AsyncSession,
    clock: Clock,
    settings: Settings,
    participant: Participant,
    event_id: int,
    going: bool,
) -> RsvpResult:
    """Going / not going, changeable until the start; the capacity is never exceeded."""
    event = await visible_event(session, settings, participant, event_id)
    now = clock.now()
    _check_open(event, now)
    existing = await rsvp_of(session, event_id, participant.id)
    wanted = "going" if going else "not_going"
    if existing is not None and existing.answer == wanted:
        return RsvpResult(event, wanted, changed=False)
    if going:
        taken = await session.execute(
            update(Event)
            .where(
                Event.id == event_id,
                Event.status == EventStatus.scheduled,
                Event.starts_at > now,
                or_(Event.capacity.is_(None), Event.going_count < Event.capacity),
            )
            .values(going_count=Event.going_count + 1)
            .execution_options(synchronize_session=False)
        )
        if not rows_affected(taken):
            await session.refresh(event)
            _check_open(event, now)
            raise InvalidInput("event-full")
    elif existing is not None and existing.answer == "going":
        await session.execute(
            update(Event)
            .where(Event.id == event_id, Event.going_count > 0)
            .values(going_count=Event.going_count - 1)
            .execution_options(synchronize_session=False)
        )
    if existing is None:
        session.add(
            EventRsvp(
                event_id=event_id, participant_id=participant.id, answer=wanted, answered_at=now
            )
        )
    else:
        existing.answer = wanted
        existing.answered_at = now
    await session.flush()
    await session.refresh(event)
    return RsvpResult(event, wanted, changed=True)


def _check_open(event: Event, now: datetime) -> None:
    if event.status == EventStatus.cancelled:
        raise InvalidInput("event-cancelled")
    if event.starts_at <= now:
        raise InvalidInput("event-started")


async def confirm_attendance(
    session: AsyncSession, clock: Clock, participant: Participant, event_id: int, attended: bool
) -> Event:
    """The participant says whether they were there (after the start, if they registered)."""
    now = clock.now()
    record = await rsvp_of(session, event_id, participant.id)
    event = await session.get(Event, event_id)
    if record is None or event is None or record.answer != "going":
        raise NotFound("error-not-found")
    if event.status == EventStatus.cancelled:
        raise InvalidInput("event-cancelled")
    if now < event.starts_at:
        raise InvalidInput("event-not-started")
    if now > event.starts_at + SELF_ATTENDANCE_WINDOW:
        raise InvalidInput("event-attendance-closed")
    if record.attendance_by == "coordinator":
        raise InvalidInput("event-attendance-marked")  # the coordinator's mark stands
    record.attended = attended
    record.attendance_by = "self"
    record.attendance_at = now
    await session.flush()
    return event


# --- managing ---------------------------------------------------------------------------------


async def managed(session: AsyncSession, actor: Actor, event_id: int) -> Event:
    """An event the actor may manage: their own (an admin: any); else not found."""
    actor.require_coordinator()
    event = await session.get(Event, event_id)
    if event is None or not (actor.is_admin or event.author_id == actor.participant_id):
        raise NotFound("error-not-found")
    return event


async def managed_list(session: AsyncSession, clock: Clock, actor: Actor) -> list[Event]:
    """The actor's events: to come, and those of the last month (for attendance)."""
    actor.require_coordinator()
    if actor.participant_id is None:
        return []
    rows = await session.scalars(
        select(Event)
        .where(
            Event.author_id == actor.participant_id,
            Event.starts_at > clock.now() - timedelta(days=31),
        )
        .order_by(Event.starts_at.desc(), Event.id.desc())
        .limit(20)
    )
    return list(rows)


async def going_people(
    session: AsyncSession, event_id: int, after_id: int = 0, limit: int | None = None
) -> list[Participant]:
    query = (
        select(Participant)
        .join(EventRsvp, EventRsvp.participant_id == Participant.id)
        .where(
            EventRsvp.event_id == event_id,
            EventRsvp.answer == "going",
            Participant.id > after_id,
            Participant.status == ParticipantStatus.active,
            Participant.tg_id.is_not(None),
        )
        .order_by(Participant.id)
    )
    if limit is not None:
        query = query.limit(limit)
    return list(await session.scalars(query))


async def cancel(
    session: AsyncSession, clock: Clock, actor: Actor, event_id: int
) -> tuple[Event, list[Participant]]:
    """Cancel an event before it starts; returns whom to tell (those registered)."""
    event = await managed(session, actor, event_id)
    now = clock.now()
    result = await session.execute(
        update(Event)
        .where(Event.id == event_id, Event.status == EventStatus.scheduled, Event.starts_at > now)
        .values(status=EventStatus.cancelled, cancelled_at=now)
        .execution_options(synchronize_session=False)
    )
    if not rows_affected(result):
        await session.refresh(event)
        if event.status == EventStatus.cancelled:
            raise InvalidInput("event-cancelled")
        raise InvalidInput("event-started")
    for name in REMINDERS:
        await due.cancel(session, f"event-remind:{event_id}:{name}")
    await due.cancel(session, f"event-followup:{event_id}")
    # A still scheduled announcement of it is not sent at all.
    await session.execute(
        update(Announcement)
        .where(
            Announcement.event_id == event_id, Announcement.status == AnnouncementStatus.scheduled
        )
        .values(status=AnnouncementStatus.cancelled, cancelled_at=now)
        .execution_options(synchronize_session=False)
    )
    await session.refresh(event)
    return event, await going_people(session, event_id)


@dataclass(frozen=True)
class AttendanceRow:
    participant_id: int
    name: str
    organization: str
    municipality: str
    answer: str
    attended: bool | None
    attendance_by: str | None


async def attendance(session: AsyncSession, actor: Actor, event_id: int) -> list[AttendanceRow]:
    """Everyone who answered, the registered first, by name."""
    await managed(session, actor, event_id)
    rows = await session.execute(
        select(
            EventRsvp,
            Participant.full_name,
            Organization.name,
            Municipality.name,
        )
        .join(Participant, Participant.id == EventRsvp.participant_id)
        .join(Organization, Organization.id == Participant.organization_id)
        .join(Municipality, Municipality.id == Organization.municipality_id)
        .where(EventRsvp.event_id == event_id)
    )
    result = [
        AttendanceRow(
            participant_id=record.participant_id,
            name=name or "—",
            organization=organization,
            municipality=municipality,
            answer=record.answer,
            attended=record.attended,
            attendance_by=record.attendance_by,
        )
        for record, name, organization, municipality in rows.all()
    ]
    result.sort(key=lambda row: (row.answer != "going", row.name.lower(), row.participant_id))
    return result


async def mark_attendance(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    event_id: int,
    participant_id: int,
    attended: bool,
) -> EventRsvp:
    """The coordinator marks who was there (after the start; registered people only)."""
    event = await managed(session, actor, event_id)
    if event.status == EventStatus.cancelled:
        raise InvalidInput("event-cancelled")
    if clock.now() < event.starts_at:
        raise InvalidInput("event-not-started")
    record = await rsvp_of(session, event_id, participant_id)
    if record is None or record.answer != "going":
        raise NotFound("error-not-found")
    record.attended = attended
    record.attendance_by = "coordinator"
    record.attendance_at = clock.now()
    await session.flush()
    return record


def escape_title(event: Event) -> str:
    return telegram_html.escape(event.title)


async def forget_participant(session: AsyncSession, clock: Clock, participant_id: int) -> None:
    """Account deletion: answers to events still ahead go, and a "going" one frees its seat;
    attendance of past events stays as an anonymous count (the row now points at an erased
    participant). Reminders of an event go to its "going" answers, so none reach them."""
    now = clock.now()
    ahead = await session.execute(
        select(EventRsvp, Event)
        .join(Event, Event.id == EventRsvp.event_id)
        .where(EventRsvp.participant_id == participant_id, Event.starts_at > now)
    )
    for rsvp, event in ahead.all():
        if rsvp.answer == "going":
            await session.execute(
                update(Event)
                .where(Event.id == event.id, Event.going_count > 0)
                .values(going_count=Event.going_count - 1)
                .execution_options(synchronize_session=False)
            )
        await session.delete(rsvp)
    await session.flush()
