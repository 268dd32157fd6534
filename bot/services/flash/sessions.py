"""After the match: agreeing a time, talking through the bot, the meeting and the ratings."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.i18n import Texts
from bot.services import dates, directory, outbox, relay
from bot.services.access import Actor
from bot.services.errors import InvalidInput
from bot.services.flash import (
    buttons,
    lifecycle,
    notify,
    offers,
    parties,
    presses,
    render,
    timers,
    topics,
)
from bot.services.flash.config import FOLLOWUP_DELAY, FOLLOWUP_TTL, FlashEnv
from bot.services.flash.parties import MENTOR, REQUESTER
from bot.services.flash.presses import SessionPress
from bot.services.flash.states import SESSION, S, stale, transition
from bot.services.outbox import Button, Keyboard
from bot.services.reach import reachable
from models import Meeting, MeetingAttendee, Participant
from models.enums import MeetingStatus
from models.flash import FlashMentorProfile, FlashOffer, FlashRating, FlashRequest

MAX_SLOTS = 3
SLOT_MIN_LEAD = timedelta(minutes=15)  # a proposed time at least this far ahead
SLOT_MAX_AHEAD = timedelta(days=60)
DURATIONS = (15, 30, 45, 60, 90, 120)
COMMENT_MAX = 500
RELAY_STATUSES = frozenset({S.matched, S.scheduled, S.completed})
REMINDER_LEADS = {"day": timedelta(days=1), "hour": timedelta(hours=1)}

# --- times -------------------------------------------------------------------------------


def parse_slots(text: str | None, now: datetime, zone: ZoneInfo) -> list[datetime]:
    """One to three times, one per line (or separated by ';'), read in `zone`:
    'завтра 18:00', '27.11 16:30', '27.11.2026 9:00', 'today 19:30'."""
    parts = [p.strip().lower() for p in re.split(r"[\n;]+", text or "") if p.strip()]
    if not parts:
        raise InvalidInput("flash-slots-format")
    if len(parts) > MAX_SLOTS:
        raise InvalidInput("flash-slots-many", max=MAX_SLOTS)
    found: set[datetime] = set()
    for part in parts:
        moment = _parse_one(part, now, zone)
        if moment <= now + SLOT_MIN_LEAD:
            raise InvalidInput("flash-slots-past", value=part)
        if moment > now + SLOT_MAX_AHEAD:
            raise InvalidInput("flash-slots-far", days=SLOT_MAX_AHEAD.days)
        found.add(moment)
    return sorted(found)


def _parse_one(part: str, now: datetime, zone: ZoneInfo) -> datetime:
    """One time, by the one date reader: a day without a year is the next one (within the
    window a time may be proposed for), «в пятницу 18:00» too."""
    within = dates.ahead(now.astimezone(zone).date(), SLOT_MAX_AHEAD)
    try:
        return dates.parse_moment(part, zone, now, within=within).astimezone(zone)
    except InvalidInput:
        raise InvalidInput("flash-slots-format") from None


async def _as_session_party(
    env: FlashEnv, actor: Actor, request_id: int, side: str
) -> FlashRequest:
    request, mine = await parties.as_party(env.session, actor, request_id)
    if mine != side:
        raise InvalidInput(f"flash-only-{side}")
    if request.status not in SESSION:
        raise stale(request.status)
    return request


async def propose_slots(
    env: FlashEnv, actor: Actor, request_id: int, slots: list[datetime]
) -> FlashRequest:
    request = await _as_session_party(env, actor, request_id, MENTOR)
    if not 1 <= len(slots) <= MAX_SLOTS:
        raise InvalidInput("flash-slots-many", max=MAX_SLOTS)
    request.slots = [slot.astimezone(ZoneInfo("UTC")).isoformat() for slot in slots]
    request.slots_version += 1
    request.updated_at = env.clock.now()
    await env.session.flush()
    requester = await parties.get_person(env.session, request.requester_id)
    version = request.slots_version
    await notify.tell(
        env,
        requester,
        lambda texts, zone: "\n".join(
            [
                texts("flash-told-slots", id=request.id),
                render.slots_text(texts, slots, zone),
                "",
                texts("flash-told-slots-hint"),
            ]
        ),
        lambda texts, zone: pick_keyboard(texts, zone, request.id, version, slots),
        dedup_key=f"flash-slots:{request.id}:{version}",
    )
    return request


def pick_keyboard(
    texts: Texts, zone: ZoneInfo, request_id: int, version: int, slots: list[datetime]
) -> Keyboard:
    rows: list[list[Button]] = [
        [
            Button(
                "🕒 " + render.short_moment(slot, zone, texts),
                press=SessionPress(presses.PICK, request_id, f"{version}.{index}"),
            )
        ]
        for index, slot in enumerate(slots)
    ]
    rows.append(
        [Button(texts("flash-btn-other-time"), press=SessionPress(presses.OTHER_TIME, request_id))]
    )
    return rows


def proposed(request: FlashRequest) -> list[datetime]:
    return [datetime.fromisoformat(value) for value in request.slots]


async def pick_slot(
    env: FlashEnv, actor: Actor, request_id: int, version: int, index: int
) -> FlashRequest:
    """The requester picks one of the mentor's times: the session is scheduled."""
    request = await _as_session_party(env, actor, request_id, REQUESTER)
    slots = proposed(request)
    if version != request.slots_version or not 0 <= index < len(slots):
        raise InvalidInput("flash-slots-stale")
    when = slots[index]
    if when <= env.clock.now():
        raise InvalidInput("flash-slot-gone")
    if request.status == S.scheduled and request.scheduled_at == when:
        raise InvalidInput("flash-slot-same")
    await transition(
        env.session,
        env.clock,
        request,
        S.scheduled,
        actor_id=actor.participant_id,
        reason="rescheduled" if request.status == S.scheduled else "scheduled",
        scheduled_at=when,
        schedule_version=request.schedule_version + 1,
        requester_held=None,
        mentor_held=None,
    )
    await _plan_meeting_timers(env, request)
    mentor = await parties.get_person(env.session, request.mentor_id)
    await notify.tell(
        env,
        mentor,
        lambda texts, zone: texts(
            "flash-told-scheduled", id=request.id, when=render.short_moment(when, zone, texts)
        ),
        dedup_key=f"flash-scheduled:{request.id}:{request.schedule_version}",
    )
    return request


async def _plan_meeting_timers(env: FlashEnv, request: FlashRequest) -> None:
    assert request.scheduled_at is not None
    when, version, now = request.scheduled_at, request.schedule_version, env.clock.now()
    for lead, delta in REMINDER_LEADS.items():
        if when - delta > now:
            await timers.plan(
                env,
                timers.REMINDER,
                when - delta,
                {"request_id": request.id, "version": version, "lead": lead},
                request.id,
                version,
                lead,
            )
    payload = {"request_id": request.id, "version": version}
    await timers.plan(env, timers.FOLLOWUP, when + FOLLOWUP_DELAY, payload, request.id, version)
    await timers.plan(
        env, timers.FOLLOWUP_EXPIRE, when + FOLLOWUP_TTL, payload, request.id, version
    )


async def ask_other_time(env: FlashEnv, actor: Actor, request_id: int) -> FlashRequest:
    request = await _as_session_party(env, actor, request_id, REQUESTER)
    mentor = await parties.get_person(env.session, request.mentor_id)
    await notify.tell(
        env,
        mentor,
        lambda texts, _zone: texts("flash-told-other-time", id=request.id),
        lambda texts, _zone: [
            [Button(texts("flash-btn-propose"), press=SessionPress(presses.SLOTS, request.id))],
            [Button(texts("flash-btn-write"), press=SessionPress(presses.WRITE, request.id))],
        ],
        dedup_key=f"flash-other-time:{request.id}:{request.slots_version}",
    )
    return request


# --- talking through the bot ---------------------------------------------------------------


@dataclass(frozen=True)
class Relayed:
    request: FlashRequest
    to: Participant


def relay_key(request_id: int, sender_id: int) -> str:
    """Each relayed message is its own (a random tail, never deduplicated); the sender in the
    key lets their account deletion find what is still queued in their name."""
    return relay.key("flash-relay", request_id, sender_id)


async def _relay_target(
    env: FlashEnv, actor: Actor, request_id: int
) -> tuple[FlashRequest, str, Participant]:
    request, side = await parties.as_party(env.session, actor, request_id)
    if request.status not in RELAY_STATUSES:
        raise stale(request.status)
    other = await parties.other_side(env.session, request, side)
    if other is None or not reachable(other):
        raise InvalidInput("flash-relay-unreachable")
    return request, side, other


async def relay_text(env: FlashEnv, actor: Actor, request_id: int, text: str) -> Relayed:
    """Pass a message to the other side without revealing either account."""
    request, side, other = await _relay_target(env, actor, request_id)
    me = await parties.get_person(env.session, actor.participant_id)
    assert me is not None
    body = relay.body_of(text, "flash-relay-empty")
    texts = env.texts(other.language)
    await relay.pass_text(
        env.session,
        env.clock,
        to=other,
        text=texts(
            f"flash-relay-from-{side}",
            name=render.esc(me.full_name),
            id=request.id,
            text=render.esc(body),
        ),
        keyboard=[
            [Button(texts("flash-btn-reply"), press=SessionPress(presses.WRITE, request.id))]
        ],
        dedup_key=relay_key(request.id, me.id),
    )
    return Relayed(request, other)


async def relay_copy(
    env: FlashEnv, actor: Actor, request_id: int, from_chat_id: int, message_id: int
) -> Relayed:
    """A photo, a document, a voice message: copied (a copy shows no sender), with a line
    before it saying who it is from."""
    request, side, other = await _relay_target(env, actor, request_id)
    me = await parties.get_person(env.session, actor.participant_id)
    assert me is not None
    texts = env.texts(other.language)
    await relay.pass_copy(
        env.session,
        env.clock,
        to=other,
        header=texts(f"flash-relay-file-from-{side}", name=render.esc(me.full_name), id=request.id),
        from_chat_id=from_chat_id,
        message_id=message_id,
        dedup_key=relay_key(request.id, me.id),
    )
    return Relayed(request, other)


async def share_contact(env: FlashEnv, actor: Actor, request_id: int) -> Relayed:
    """An explicit choice: the other side gets a link to the sharer's Telegram account."""
    request, side, other = await _relay_target(env, actor, request_id)
    shared = request.requester_shared_at if side == REQUESTER else request.mentor_shared_at
    if shared is not None:
        raise InvalidInput("flash-shared-already")
    me = await parties.get_person(env.session, actor.participant_id)
    assert me is not None and me.tg_id is not None
    now = env.clock.now()
    if side == REQUESTER:
        request.requester_shared_at = now
    else:
        request.mentor_shared_at = now
    await env.session.flush()
    link = f'<a href="tg://user?id={me.tg_id}">{render.esc(me.full_name)}</a>'
    await notify.tell(
        env,
        other,
        lambda texts, _zone: texts("flash-told-contact", id=request.id, link=link),
        dedup_key=f"flash-contact:{request.id}:{me.id}",
    )
    return Relayed(request, other)


# --- after the meeting -------------------------------------------------------------------


async def _after_time(env: FlashEnv, actor: Actor, request_id: int) -> tuple[FlashRequest, str]:
    request, side = await parties.as_party(env.session, actor, request_id)
    if request.status != S.scheduled:
        if request.status == S.completed and side == REQUESTER:
            return request, side  # the requester may answer after the mentor did
        raise stale(request.status)
    if request.scheduled_at is None or request.scheduled_at > env.clock.now():
        raise InvalidInput("flash-held-early")
    return request, side


async def requester_held(env: FlashEnv, actor: Actor, request_id: int, held: bool) -> FlashRequest:
    request, side = await _after_time(env, actor, request_id)
    if side != REQUESTER:
        raise InvalidInput("flash-only-requester")
    if request.requester_held is not None:
        raise InvalidInput("flash-held-answered")
    request.requester_held = held
    request.updated_at = env.clock.now()
    if request.meeting_id is not None:
        await _record_attendance(env, request)
    await env.session.flush()
    return request


async def mentor_not_held(env: FlashEnv, actor: Actor, request_id: int) -> FlashRequest:
    """It did not take place: back to agreeing a time (or the requester cancels)."""
    request, side = await _after_time(env, actor, request_id)
    if side != MENTOR or request.status != S.scheduled:
        raise InvalidInput("flash-only-mentor")
    await transition(
        env.session,
        env.clock,
        request,
        S.matched,
        actor_id=actor.participant_id,
        reason="not_held",
        mentor_held=False,
        scheduled_at=None,
        schedule_version=request.schedule_version + 1,
    )
    await offers.plan_match_expiry(env, request)
    requester = await parties.get_person(env.session, request.requester_id)
    await notify.tell(
        env,
        requester,
        lambda texts, _zone: texts("flash-told-not-held", id=request.id),
        lambda texts, _zone: buttons.session_keyboard(
            texts, request.id, mentor=False, status=request.status
        ),
        dedup_key=f"flash-not-held:{request.id}:{request.schedule_version}",
    )
    return request


def meeting_format(request: FlashRequest, chosen: str) -> str:
    if request.format in ("online", "offline"):
        return request.format
    if chosen not in ("online", "offline"):
        raise InvalidInput("flash-choice-unknown")
    return chosen


async def confirm_meeting(
    env: FlashEnv, actor: Actor, request_id: int, minutes: int, chosen_format: str
) -> Meeting:
    """The mentor's "yes": the meeting goes into the log and the request is completed."""
    request, side = await _after_time(env, actor, request_id)
    if side != MENTOR or request.status != S.scheduled:
        raise InvalidInput("flash-only-mentor")
    if minutes not in DURATIONS:
        raise InvalidInput("flash-choice-unknown")
    fmt = meeting_format(request, chosen_format)
    mentor = await parties.get_person(env.session, request.mentor_id)
    assert mentor is not None and request.scheduled_at is not None
    zone = await directory.zone_of_organization(env.session, mentor.organization_id)
    now = env.clock.now()
    meeting = Meeting(
        mentorship_id=None,
        flash_request_id=request.id,
        mentor_id=mentor.id,
        organization_id=mentor.organization_id,
        municipality_id=mentor.organization.municipality_id,
        held_on=request.scheduled_at.astimezone(zone).date(),
        duration_minutes=minutes,
        format=fmt,
        topic=env.translator.get(env.translator.default, topics.label_key(request.topic)),
        status=MeetingStatus.logged,
        created_by=mentor.id,
        created_at=now,
        updated_at=now,
    )
    env.session.add(meeting)
    await env.session.flush()
    await transition(
        env.session,
        env.clock,
        request,
        S.completed,
        actor_id=mentor.id,
        reason="held",
        mentor_held=True,
        meeting_id=meeting.id,
    )
    await _record_attendance(env, request, meeting)
    requester = await parties.get_person(env.session, request.requester_id)
    await notify.tell(
        env,
        requester,
        lambda texts, _zone: texts("flash-told-completed", id=request.id),
        lambda texts, _zone: buttons.rating_keyboard(request.id),
        dedup_key=f"flash-completed:{request.id}",
    )
    return meeting


async def _record_attendance(
    env: FlashEnv, request: FlashRequest, meeting: Meeting | None = None
) -> None:
    """The requester is the meeting's attendee; their own answer confirms or disputes it."""
    if meeting is None:
        meeting = await env.session.get(Meeting, request.meeting_id)
    if meeting is None:
        return
    attendee = await env.session.scalar(
        select(MeetingAttendee).where(
            MeetingAttendee.meeting_id == meeting.id,
            MeetingAttendee.participant_id == request.requester_id,
        )
    )
    if attendee is None:
        attendee = MeetingAttendee(meeting_id=meeting.id, participant_id=request.requester_id)
        env.session.add(attendee)
    if request.requester_held is not None:
        attendee.answer = "confirmed" if request.requester_held else "disputed"
        attendee.answered_at = env.clock.now()
        meeting.status = MeetingStatus(attendee.answer)
        meeting.updated_at = env.clock.now()
    await env.session.flush()


async def rate(env: FlashEnv, actor: Actor, request_id: int, score: int) -> FlashRating:
    request, side = await parties.as_party(env.session, actor, request_id)
    if request.status != S.completed:
        raise stale(request.status)
    if not 1 <= score <= 5:
        raise InvalidInput("flash-choice-unknown")
    me = actor.participant_id
    assert me is not None
    existing = await env.session.scalar(
        select(FlashRating).where(FlashRating.request_id == request.id, FlashRating.rater_id == me)
    )
    if existing is not None:
        raise InvalidInput("flash-rated-already")
    ratee = request.mentor_id if side == REQUESTER else request.requester_id
    assert ratee is not None
    now = env.clock.now()
    rating = FlashRating(
        request_id=request.id,
        rater_id=me,
        ratee_id=ratee,
        role=MENTOR if side == REQUESTER else REQUESTER,
        score=score,
        created_at=now,
    )
    env.session.add(rating)
    if side == REQUESTER:
        # The totals the ranking reads, kept in step with the ratings.
        profile = await parties.profile_of(env.session, ratee)
        if profile is None:
            profile = FlashMentorProfile(participant_id=ratee, stems="", updated_at=now)
            env.session.add(profile)
        profile.rating_sum = (profile.rating_sum or 0) + score
        profile.rating_count = (profile.rating_count or 0) + 1
        profile.updated_at = now
    await env.session.flush()
    return rating


async def comment(env: FlashEnv, actor: Actor, request_id: int, text: str | None) -> FlashRating:
    request, _side = await parties.as_party(env.session, actor, request_id)
    rating = await env.session.scalar(
        select(FlashRating).where(
            FlashRating.request_id == request.id, FlashRating.rater_id == actor.participant_id
        )
    )
    if rating is None:
        raise InvalidInput("flash-rate-first")
    if rating.comment:
        raise InvalidInput("flash-commented-already")
    body = " ".join((text or "").split())
    if not body:
        raise InvalidInput("flash-relay-empty")
    if len(body) > COMMENT_MAX:
        raise InvalidInput("flash-comment-long", max=COMMENT_MAX)
    rating.comment = body
    await env.session.flush()
    return rating


# --- lists for /offers -------------------------------------------------------------------


async def open_offers(env: FlashEnv, mentor_id: int) -> list[tuple[FlashOffer, FlashRequest]]:
    rows = await env.session.execute(
        select(FlashOffer, FlashRequest)
        .join(FlashRequest, FlashRequest.id == FlashOffer.request_id)
        .where(
            FlashOffer.mentor_id == mentor_id,
            FlashOffer.status.in_(offers.OPEN_OFFER),
            FlashRequest.status.in_((S.open, S.offered)),
        )
        .order_by(FlashOffer.id.desc())
    )
    return [(offer, request) for offer, request in rows]


async def mentor_sessions(env: FlashEnv, mentor_id: int) -> list[FlashRequest]:
    """Sessions still going, and completed ones the mentor has not rated yet."""
    rated = select(FlashRating.request_id).where(FlashRating.rater_id == mentor_id)
    rows = await env.session.scalars(
        select(FlashRequest)
        .where(
            FlashRequest.mentor_id == mentor_id,
            FlashRequest.status.in_(SESSION)
            | ((FlashRequest.status == S.completed) & FlashRequest.id.not_in(rated)),
        )
        .order_by(FlashRequest.scheduled_at.is_(None), FlashRequest.scheduled_at, FlashRequest.id)
    )
    return list(rows)


# --- due work ----------------------------------------------------------------------------


async def match_nudge(env: FlashEnv, request_id: int) -> None:
    """A day after the match and still no time proposed: remind the mentor."""
    request = await env.session.get(FlashRequest, request_id)
    if request is None or request.status != S.matched or request.slots_version:
        return
    if await lifecycle.settle_departures(env, request):
        return
    mentor = await parties.get_person(env.session, request.mentor_id)
    await notify.tell(
        env,
        mentor,
        lambda texts, _zone: texts("flash-told-propose-nudge", id=request.id),
        lambda texts, _zone: buttons.session_keyboard(
            texts, request.id, mentor=True, status=request.status
        ),
        dedup_key=f"flash-nudge:{request.id}",
        priority=outbox.Priority.REMINDER,
    )


async def match_expire(env: FlashEnv, request_id: int, version: int) -> None:
    request = await env.session.get(FlashRequest, request_id)
    if request is None or request.status != S.matched or request.schedule_version != version:
        return
    if await lifecycle.settle_departures(env, request):
        return
    await lifecycle.close(env, request, S.expired, actor_id=None, reason="no_time")


async def reminder(env: FlashEnv, request_id: int, version: int, lead: str) -> None:
    request = await env.session.get(FlashRequest, request_id)
    if request is None or request.status != S.scheduled or request.schedule_version != version:
        return
    if await lifecycle.settle_departures(env, request):
        return
    assert request.scheduled_at is not None
    when = request.scheduled_at
    mentor = await parties.get_person(env.session, request.mentor_id)
    requester = await parties.get_person(env.session, request.requester_id)
    for person, other, side in ((mentor, requester, MENTOR), (requester, mentor, REQUESTER)):
        if person is None or other is None:
            continue
        name = render.esc(other.full_name)

        # The loop's values bound as defaults, not looked up when called.
        def text(texts: Texts, zone: ZoneInfo, name: str = name) -> str:
            return texts(
                f"flash-reminder-{lead}",
                id=request.id,
                name=name,
                when=render.short_moment(when, zone, texts),
            )

        def keyboard(texts: Texts, _zone: ZoneInfo, side: str = side) -> Keyboard:
            return buttons.session_keyboard(
                texts, request.id, mentor=side == MENTOR, status=request.status
            )

        await notify.tell(
            env,
            person,
            text,
            keyboard,
            dedup_key=f"flash-reminder:{request.id}:{version}:{lead}:{person.id}",
            priority=outbox.Priority.REMINDER,
        )


async def followup(env: FlashEnv, request_id: int, version: int) -> None:
    """After the agreed time: ask both whether the meeting took place."""
    request = await env.session.get(FlashRequest, request_id)
    if request is None or request.status != S.scheduled or request.schedule_version != version:
        return
    if await lifecycle.settle_departures(env, request):
        return
    for pid in (request.mentor_id, request.requester_id):
        person = await parties.get_person(env.session, pid)
        await notify.tell(
            env,
            person,
            lambda texts, zone: texts(
                "flash-ask-held",
                id=request.id,
                when=render.short_moment(request.scheduled_at or env.clock.now(), zone, texts),
            ),
            lambda texts, _zone: buttons.held_keyboard(texts, request.id),
            dedup_key=f"flash-ask-held:{request.id}:{version}:{pid}",
            priority=outbox.Priority.REMINDER,
        )


async def followup_expire(env: FlashEnv, request_id: int, version: int) -> None:
    request = await env.session.get(FlashRequest, request_id)
    if request is None or request.status != S.scheduled or request.schedule_version != version:
        return
    await lifecycle.close(env, request, S.expired, actor_id=None, reason="unconfirmed")


async def has_rated(env: FlashEnv, request_id: int, rater_id: int) -> bool:
    found = await env.session.scalar(
        select(FlashRating.id).where(
            FlashRating.request_id == request_id, FlashRating.rater_id == rater_id
        )
    )
    return found is not None


async def relay_check(env: FlashEnv, actor: Actor, request_id: int) -> Relayed:
    """Whether the actor can write to the other side now (before asking them to type)."""
    request, _side, other = await _relay_target(env, actor, request_id)
    return Relayed(request, other)


async def check_can_propose(env: FlashEnv, actor: Actor, request_id: int) -> FlashRequest:
    return await _as_session_party(env, actor, request_id, MENTOR)


async def session_view(
    env: FlashEnv, actor: Actor, request_id: int
) -> tuple[FlashRequest, str, Participant | None]:
    """A session card for either side: the request, the actor's side, the other person."""
    request, side = await parties.as_party(env.session, actor, request_id)
    return request, side, await parties.other_side(env.session, request, side)


async def check_meeting_time(env: FlashEnv, actor: Actor, request_id: int) -> FlashRequest:
    """The mentor may log the meeting: their session, scheduled, and the time has come."""
    request, side = await _after_time(env, actor, request_id)
    if side != MENTOR or request.status != S.scheduled:
        raise InvalidInput("flash-only-mentor")
    return request
