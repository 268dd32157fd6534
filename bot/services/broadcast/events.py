"""Events: created with their announcement, answered with RSVP buttons, reminded, attended.

Capacity holds under concurrent presses because the only way to become "going" is one
conditional UPDATE of the event's counter (`going_count < capacity`): SQLite runs writers one
at a time, PostgreSQL re-checks the condition on the locked row, so no two presses can take
the last seat.

A full event keeps a waiting list: the answer "waiting", in the order of answering. A seat
that frees up (a "can't", more seats) goes to the first in line by the same conditional
UPDATE, and the service returns whom to tell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import overload

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services import access, audience, dates, due, numbers
from bot.services.access import Actor, actor_for
from bot.services.audience import AudienceSpec
from bot.services.broadcast import announcements, telegram_html
from bot.services.errors import InvalidInput, NotFound
from bot.services.numbers import parse_int
from bot.settings import Settings
from models import DueTask, Municipality, Organization, Participant
from models.base import rows_affected
from models.broadcast import Announcement, Event, EventRsvp
from models.enums import AnnouncementStatus, DueTaskStatus, EventStatus, ParticipantStatus

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


GOING, NOT_GOING, WAITING = "going", "not_going", "waiting"


@dataclass(frozen=True)
class RsvpResult:
    event: Event
    answer: str  # going | not_going | waiting
    changed: bool
    position: int | None = None  # in the waiting list, from 1
    # Those who got the seat this answer freed (to be told).
    promoted: tuple[Participant, ...] = ()


async def waiting_position(session: AsyncSession, event_id: int, participant_id: int) -> int | None:
    """The person's place in the event's waiting list (1 is next), None if not waiting."""
    line = list(
        await session.scalars(
            select(EventRsvp.participant_id)
            .where(EventRsvp.event_id == event_id, EventRsvp.answer == WAITING)
            .order_by(EventRsvp.answered_at, EventRsvp.id)
        )
    )
    return line.index(participant_id) + 1 if participant_id in line else None


async def waiting_count(session: AsyncSession, event_id: int) -> int:
    found = await session.scalar(
        select(func.count(EventRsvp.id)).where(
            EventRsvp.event_id == event_id, EventRsvp.answer == WAITING
        )
    )
    return int(found or 0)


async def fill_seats(session: AsyncSession, event_id: int, now: datetime) -> list[Participant]:
    """Free seats go to the waiting list, first come first served; whom to tell."""
    promoted: list[Participant] = []
    while True:
        first = await session.scalar(
            select(EventRsvp)
            .where(EventRsvp.event_id == event_id, EventRsvp.answer == WAITING)
            .order_by(EventRsvp.answered_at, EventRsvp.id)
            .limit(1)
        )
        if first is None:
            break
        if not await _take_seat(session, event_id, now):
            break
        first.answer = GOING
        await session.flush()
        person = await session.get(Participant, first.participant_id)
        if person is not None:
            promoted.append(person)
    return promoted


async def _take_seat(session: AsyncSession, event_id: int, now: datetime) -> bool:
    """One more going, in one statement: two people pressing at once never both get the last
    seat. False: full, cancelled or started."""
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
    return rows_affected(taken) > 0


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
    wanted = GOING if going else NOT_GOING
    if existing is not None and existing.answer == wanted:
        return RsvpResult(event, wanted, changed=False)
    if going and existing is not None and existing.answer == WAITING:
        position = await waiting_position(session, event_id, participant.id)
        return RsvpResult(event, WAITING, changed=False, position=position)
    promoted: list[Participant] = []
    if going:
        if not await _take_seat(session, event_id, now):
            await session.refresh(event)
            _check_open(event, now)
            wanted = WAITING  # full: in line for the next seat that frees up
    elif existing is not None and existing.answer == GOING:
        await session.execute(
            update(Event)
            .where(Event.id == event_id, Event.going_count > 0)
            .values(going_count=Event.going_count - 1)
            .execution_options(synchronize_session=False)
        )
    answered_at = now
    if wanted == WAITING:
        # The line is kept by this time: one who joins now stands behind everyone in it,
        # even at the same instant.
        last = await session.scalar(
            select(func.max(EventRsvp.answered_at)).where(
                EventRsvp.event_id == event_id, EventRsvp.answer == WAITING
            )
        )
        if last is not None and last.replace(tzinfo=None) >= now.replace(tzinfo=None):
            answered_at = last.replace(tzinfo=now.tzinfo) + timedelta(microseconds=1)
    if existing is None:
        session.add(
            EventRsvp(
                event_id=event_id,
                participant_id=participant.id,
                answer=wanted,
                answered_at=answered_at,
            )
        )
    else:
        existing.answer = wanted
        existing.answered_at = answered_at
    await session.flush()
    if existing is not None and wanted == NOT_GOING:
        promoted = await fill_seats(session, event_id, now)  # a seat freed, or a no-op
    await session.refresh(event)
    position = await waiting_position(session, event_id, participant.id)
    return RsvpResult(event, wanted, True, position=position, promoted=tuple(promoted))


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
    if event is None or not await covers_event(session, actor, event):
        raise NotFound("error-not-found")
    return event


async def managed_list(session: AsyncSession, clock: Clock, actor: Actor) -> list[Event]:
    """The events the actor manages (their own, and those of coordinators inside their
    scope): to come, and those of the last month (for attendance)."""
    actor.require_coordinator()
    if actor.participant_id is None:
        return []
    authors_inside = (
        select(Participant.id)
        .join(Organization, Organization.id == Participant.organization_id)
        .where(access.organization_condition(actor))
    )
    rows = await session.scalars(
        select(Event)
        .where(
            or_(Event.author_id == actor.participant_id, Event.author_id.in_(authors_inside)),
            Event.starts_at > clock.now() - timedelta(days=31),
        )
        .order_by(Event.starts_at.desc(), Event.id.desc())
        .limit(60)
    )
    return [event for event in rows if await covers_event(session, actor, event)][:20]


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


async def forget_participant(
    session: AsyncSession, clock: Clock, participant_id: int
) -> list[tuple[Event, list[Participant]]]:
    """Account deletion: answers to events still ahead go, and a "going" one frees its seat
    for the first in the waiting list (returned: whom to tell, per event); attendance of past
    events stays as an anonymous count (the row now points at an erased participant).
    Reminders of an event go to its "going" answers, so none reach them."""
    now = clock.now()
    ahead = await session.execute(
        select(EventRsvp, Event)
        .join(Event, Event.id == EventRsvp.event_id)
        .where(EventRsvp.participant_id == participant_id, Event.starts_at > now)
    )
    freed: list[Event] = []
    for rsvp, event in ahead.all():
        if rsvp.answer == GOING:
            await session.execute(
                update(Event)
                .where(Event.id == event.id, Event.going_count > 0)
                .values(going_count=Event.going_count - 1)
                .execution_options(synchronize_session=False)
            )
            freed.append(event)
        await session.delete(rsvp)
    await session.flush()
    seated: list[tuple[Event, list[Participant]]] = []
    for event in freed:
        promoted = await fill_seats(session, event.id, now)
        if promoted:
            seated.append((event, promoted))
    return seated


# --- editing ------------------------------------------------------------------------------------

EDITABLE = ("title", "starts", "place", "capacity", "description")


def editable_fields(event: Event) -> tuple[str, ...]:
    """Seats only where registration is asked (an open event has none to count)."""
    return tuple(f for f in EDITABLE if f != "capacity" or event.registration_required)


def check_editable(event: Event, now: datetime) -> None:
    _check_open(event, now)


async def covers_event(session: AsyncSession, actor: Actor, event: Event) -> bool:
    """The actor may manage the event: its author, an admin, or a coordinator whose scope
    holds the whole of the author's (a school's coordinator does not edit the region's)."""
    if actor.is_admin or event.author_id == actor.participant_id:
        return True
    if not actor.is_coordinator:
        return False
    author = await session.get(Participant, event.author_id)
    if author is None:
        return False
    theirs = actor_for(author.tg_id or 0, author, [])
    # An author who is no coordinator any more: the event belongs to their organization.
    reach = (
        access.organization_condition(theirs)
        if theirs.scopes
        else Organization.id == author.organization_id
    )
    any_of_theirs = await session.scalar(select(Organization.id).where(reach).limit(1))
    outside_mine = await session.scalar(
        select(Organization.id).where(reach, ~access.organization_condition(actor)).limit(1)
    )
    return any_of_theirs is not None and outside_mine is None


@dataclass(frozen=True)
class Edited:
    event: Event
    # Those to tell of a new time or place (registered and waiting), and who got a seat.
    to_tell: tuple[Participant, ...] = ()
    promoted: tuple[Participant, ...] = ()


async def edit(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    event_id: int,
    field: str,
    value: str | datetime | int | None,
) -> Edited:
    """Change one thing of an event still to come. Seats never drop below those registered;
    more seats go to the waiting list; a new time moves the reminders."""
    event = await managed(session, actor, event_id)
    now = clock.now()
    if field not in editable_fields(event):
        raise InvalidInput("error-stale-button")
    check_editable(event, now)
    promoted: list[Participant] = []
    told = False
    if field == "title" and isinstance(value, str):
        event.title = check_title(value)
    elif field == "description" and isinstance(value, str):
        event.description = check_description(value)
    elif field == "place" and isinstance(value, str):
        place, online = check_place(value)
        told = place != event.place
        event.place, event.online = place, online
    elif field == "starts" and isinstance(value, datetime):
        starts_at = check_starts(value, now)
        told = starts_at != event.starts_at
        event.starts_at = starts_at
        await _replan_reminders(session, event, now)
    elif field == "capacity" and (value is None or isinstance(value, int)):
        capacity = check_capacity(value)
        await session.refresh(event)  # the count as it is now, not as the screen showed it
        if capacity is not None and capacity < event.going_count:
            raise InvalidInput("event-capacity-below-going", going=event.going_count)
        event.capacity = capacity
        await session.flush()
        promoted = await fill_seats(session, event.id, now)
    else:
        raise InvalidInput("error-stale-button")
    await session.flush()
    await session.refresh(event)
    people: list[Participant] = []
    if told:
        rows = await session.scalars(
            select(Participant)
            .join(EventRsvp, EventRsvp.participant_id == Participant.id)
            .where(
                EventRsvp.event_id == event.id,
                EventRsvp.answer.in_((GOING, WAITING)),
                Participant.status == ParticipantStatus.active,
                Participant.id != actor.participant_id,
            )
            .order_by(Participant.id)
        )
        people = list(rows)
    return Edited(event, tuple(people), tuple(promoted))


async def _replan_reminders(session: AsyncSession, event: Event, now: datetime) -> None:
    """The day's and the hour's reminders, and the follow-up, at the new time."""
    planned: list[tuple[str, str, datetime, str | None]] = [
        (REMIND_KIND, f"event-remind:{event.id}:{name}", event.starts_at - before, name)
        for name, before in REMINDERS.items()
    ]
    end = event.starts_at + timedelta(minutes=event.duration_minutes)
    planned.append((FOLLOWUP_KIND, f"event-followup:{event.id}", end, None))
    for kind, key, due_at, which in planned:
        if due_at <= now:
            await due.cancel(session, key)
            continue
        moved = await session.execute(
            update(DueTask)
            .where(DueTask.dedup_key == key, DueTask.status == DueTaskStatus.pending)
            .values(due_at=due_at)
            .execution_options(synchronize_session=False)
        )
        if not rows_affected(moved):  # never planned (it was too close then): plan it now
            payload: dict[str, object] = {"event_id": event.id}
            if which is not None:
                payload["which"] = which
            await due.plan(
                session, kind=kind, due_at=due_at, payload=payload, now=now, dedup_key=key
            )
