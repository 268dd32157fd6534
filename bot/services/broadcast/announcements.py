"""Announcements: checked, confirmed, sent now or later, expanded in chunks, reported on.

The life of one: `publish` stores it (scheduled for a moment, or starting now); `begin` turns it
to sending once; `expand_chunk` queues the copies of the next recipients (by participant id, so
a retried chunk resumes where the committed one stopped, and dedup keys make a repeat queue
nothing twice); `progress` counts the outbox rows of its batch for the report.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Texts, Translator
from bot.services import audience, dates, due, outbox
from bot.services.access import Actor, actor_for
from bot.services.audience import AudienceSpec
from bot.services.broadcast import rendering, telegram_html
from bot.services.broadcast.attachments import Attachment
from bot.services.broadcast.signature import signature_of
from bot.services.errors import InvalidInput, NotFound
from bot.settings import Settings
from models import Municipality, Organization, OutboxMessage, Participant, Region
from models.base import rows_affected
from models.broadcast import Announcement, Event
from models.enums import AnnouncementStatus, EventStatus, OutboxStatus

log = logging.getLogger(__name__)

START_KIND = "announcement-start"
EXPAND_KIND = "announcement-expand"
REPORT_KIND = "announcement-report"

# Recipients queued in the update that confirms "send now" (so sending starts at once), and
# per background step after that (each step is one short write transaction).
FIRST_CHUNK = 300
CHUNK = 1000
# How often the tick refreshes the delivery report while sending (it may be later): the
# fallback. As copies go out the sender's progress refreshes it at most this often (Telegram
# allows about one edit a second in a chat), and once more when the last copy is settled.
REPORT_EVERY = timedelta(seconds=10)
LIVE_REPORT_EVERY = timedelta(seconds=3)
# A scheduled time must be at least this far ahead, and not absurdly far.
MIN_LEAD = timedelta(minutes=1)
MAX_AHEAD = dates.ANNOUNCEMENT_AHEAD

# Formatting the client sent as entities (bold typed in the app) rather than as typed tags.
_FORMATTING = frozenset(
    {
        "bold", "italic", "underline", "strikethrough", "spoiler", "code", "pre",
        "text_link", "blockquote", "expandable_blockquote", "custom_emoji",
    }
)  # fmt: skip
_LOOKS_LIKE_MARKUP = re.compile(r"</?[a-zA-Z][\w-]*(?:\s[^<>]*)?>|&(?:[a-zA-Z]+|#\d+);")


def batch_of(announcement_id: int) -> str:
    return f"ann:{announcement_id}"


def announcement_of_batch(batch: str | None) -> int | None:
    """The announcement whose report counts this outbox batch (not the files sent ahead)."""
    prefix, _, number = (batch or "").partition(":")
    return int(number) if prefix == "ann" and number.isascii() and number.isdigit() else None


def copy_key(announcement_id: int, participant_id: int) -> str:
    return f"ann:{announcement_id}:{participant_id}"


def status_key(announcement_id: int) -> str:
    return f"ann-status:{announcement_id}"


def compose_html(raw: str, entity_html: str | None, entity_types: set[str]) -> str:
    """The coordinator's text as Telegram HTML.

    Formatting made in the Telegram app arrives as entities: take the HTML aiogram rebuilds
    from them. Otherwise a text with tags is markup as typed (checked by Telegram's rules);
    a text without any is shown as it is, so "5 < 6" needs no escaping.
    """
    if entity_html is not None and entity_types & _FORMATTING:
        return entity_html
    if _LOOKS_LIKE_MARKUP.search(raw):
        return raw
    return telegram_html.escape(raw)


def check_text(
    text: str, *, limit: int = telegram_html.MESSAGE_LIMIT, required: bool = True
) -> str:
    """Refuse an empty, oversized or broken text with a message that says which."""
    try:
        plain = telegram_html.plain_text(text)
    except telegram_html.HtmlError as error:
        # The detail quotes tags, and the message itself is HTML.
        raise InvalidInput("ann-bad-markup", detail=telegram_html.escape(str(error))) from error
    if not plain and required:
        raise InvalidInput("ann-empty")
    if len(plain) > limit:
        raise InvalidInput("ann-too-long", length=len(plain), max=limit)
    return text.strip()


@dataclass(frozen=True)
class Draft:
    text: str  # HTML; may be empty for an event (its card is the message)
    attachment: Attachment | None
    audience: AudienceSpec


async def recipients(session: AsyncSession, actor: Actor, spec: AudienceSpec) -> int:
    """How many people the audience reaches now; refuses a spec outside the actor's scope."""
    await audience.check_in_scope(session, actor, spec)
    return await audience.count(session, actor, spec)


async def recipient_zones(session: AsyncSession, actor: Actor, spec: AudienceSpec) -> list[str]:
    """The time zones of the audience's regions: an event's time reaches each recipient on
    their own clock, and the author is told what the others will read."""
    query = (
        audience.participants_query(actor, spec)
        .join(Municipality, Municipality.id == Organization.municipality_id)
        .join(Region, Region.id == Municipality.region_id)
        .with_only_columns(Region.timezone)
        .distinct()
    )
    return sorted(await session.scalars(query))


async def publish(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    draft: Draft,
    *,
    send_at: datetime | None = None,
    event: Event | None = None,
) -> Announcement:
    """Store a confirmed announcement: scheduled for `send_at`, or due now (None).

    Everything is checked again here: the draft came through a conversation that could be
    old, and the coordinator's scope could have changed since the preview.
    """
    actor.require_coordinator()
    actor.require_registered()
    now = clock.now()
    text = check_text(draft.text, required=event is None and draft.attachment is None)
    if event is None and not text and draft.attachment is None:
        raise InvalidInput("ann-empty")
    expected = await recipients(session, actor, draft.audience)
    if expected == 0:
        raise InvalidInput("ann-no-recipients")
    if send_at is not None:
        check_send_at(send_at, now)
    announcement = Announcement(
        author_id=actor.participant_id,
        event_id=event.id if event is not None else None,
        text=text,
        attachment_kind=draft.attachment.kind if draft.attachment else None,
        attachment_file_id=draft.attachment.file_id if draft.attachment else None,
        attachment_name=draft.attachment.name if draft.attachment else None,
        audience=draft.audience.to_json(),
        status=AnnouncementStatus.scheduled,
        send_at=send_at or now,
        recipients_expected=expected,
        recipients_total=0,
        cursor=0,
        expanded=False,
        report_seq=0,
        created_at=now,
    )
    session.add(announcement)
    await session.flush()
    if send_at is not None:
        await due.plan(
            session,
            kind=START_KIND,
            due_at=send_at,
            payload={"announcement_id": announcement.id},
            now=now,
            dedup_key=f"ann-start:{announcement.id}",
        )
    return announcement


def check_send_at(send_at: datetime, now: datetime) -> None:
    if send_at < now + MIN_LEAD:
        raise InvalidInput("ann-time-past")
    if send_at > now + MAX_AHEAD:
        raise InvalidInput("ann-time-too-far", last=f"{(now + MAX_AHEAD):%d.%m.%Y}")


async def begin(session: AsyncSession, clock: Clock, announcement_id: int) -> Announcement | None:
    """Scheduled → sending, once: a conditional update, so a cancel at the same moment and a
    second tick cannot both win."""
    result = await session.execute(
        update(Announcement)
        .where(
            Announcement.id == announcement_id, Announcement.status == AnnouncementStatus.scheduled
        )
        .values(status=AnnouncementStatus.sending, started_at=clock.now())
        .execution_options(synchronize_session=False)
    )
    if not rows_affected(result):
        return None
    announcement = await session.get(Announcement, announcement_id)
    if announcement is not None:
        await session.refresh(announcement)
    return announcement


def _author_actor(author: Participant | None, settings: Settings) -> Actor:
    if author is None or author.tg_id is None:
        return Actor(tg_id=0)
    return actor_for(author.tg_id, author, settings.admin_ids)


async def expand_chunk(
    session: AsyncSession,
    clock: Clock,
    settings: Settings,
    translator: Translator,
    announcement: Announcement,
    limit: int = CHUNK,
) -> bool:
    """Queue the copies for the next `limit` recipients; True while more remain.

    The audience is resolved with the author's scope as it is now: a coordinator who lost
    the role sends nothing more.
    """
    if announcement.status != AnnouncementStatus.sending or announcement.expanded:
        return False
    author = await session.get(Participant, announcement.author_id)
    actor = _author_actor(author, settings)
    event = await session.get(Event, announcement.event_id) if announcement.event_id else None
    if not actor.is_coordinator or (event is not None and event.status != EventStatus.scheduled):
        announcement.expanded = True
        return False
    spec = AudienceSpec.from_json(announcement.audience)
    query = (
        audience.participants_query(actor, spec)
        .join(Municipality, Municipality.id == Organization.municipality_id)
        .join(Region, Region.id == Municipality.region_id)
        .where(Participant.id > announcement.cursor)
        .order_by(Participant.id)
        .limit(limit)
        .with_only_columns(
            Participant.id,
            Participant.tg_id,
            Participant.language,
            Participant.bot_blocked,
            Region.timezone,
        )
    )
    people = (await session.execute(query)).all()
    signature = await signature_of(session, author, actor)
    attachment = (
        Attachment(
            announcement.attachment_kind,
            announcement.attachment_file_id or "",
            announcement.attachment_name,
        )
        if announcement.attachment_kind
        else None
    )
    rendered: dict[tuple[str, str], list[tuple[str, dict]]] = {}
    rows: list[outbox.Outgoing] = []
    for participant_id, tg_id, language, blocked, zone_name in people:
        assert tg_id is not None  # participants_query() selects reachable people only
        key = (language, zone_name)
        if key not in rendered:
            rendered[key] = rendering.announcement_messages(
                translator.for_lang(language),
                text=announcement.text,
                attachment=attachment,
                event=event,
                event_id=event.id if event else None,
                zone=ZoneInfo(zone_name),
                signature=signature,
            )
        messages = rendered[key]
        for index, (method, params) in enumerate(messages):
            main = index == len(messages) - 1  # the message with the text and buttons
            base = copy_key(announcement.id, participant_id)
            rows.append(
                outbox.Outgoing(
                    method=method,
                    params={"chat_id": tg_id, **params},
                    chat_id=tg_id,
                    participant_id=participant_id,
                    dedup_key=base if main else f"{base}:file",
                    batch=batch_of(announcement.id) if main else f"{batch_of(announcement.id)}:f",
                    priority=outbox.Priority.BULK,
                    # Known to have blocked the bot: counted in the report, not sent.
                    status=OutboxStatus.blocked if blocked else OutboxStatus.pending,
                )
            )
    await outbox.enqueue_many(session, clock, rows)
    if people:
        announcement.cursor = people[-1][0]
        announcement.recipients_total += len(people)
    if len(people) < limit:
        announcement.expanded = True
    await session.flush()
    return not announcement.expanded


async def plan_next_chunk(session: AsyncSession, clock: Clock, announcement: Announcement) -> None:
    await due.plan(
        session,
        kind=EXPAND_KIND,
        due_at=clock.now(),
        payload={"announcement_id": announcement.id, "cursor": announcement.cursor},
        now=clock.now(),
        dedup_key=f"ann-expand:{announcement.id}:{announcement.cursor}",
    )


async def plan_report(session: AsyncSession, clock: Clock, announcement_id: int, n: int) -> None:
    await due.plan(
        session,
        kind=REPORT_KIND,
        due_at=clock.now() + REPORT_EVERY,
        payload={"announcement_id": announcement_id, "n": n},
        now=clock.now(),
        dedup_key=f"ann-report:{announcement_id}:{n}",
    )


async def start_now(
    session: AsyncSession,
    clock: Clock,
    settings: Settings,
    translator: Translator,
    announcement: Announcement,
    first_chunk: int = CHUNK,
) -> bool:
    """Begin sending: queue the first chunk here, the rest in the background, and plan the
    report. False if it was not scheduled any more (cancelled, or begun elsewhere)."""
    started = await begin(session, clock, announcement.id)
    if started is None:
        return False
    if await expand_chunk(session, clock, settings, translator, started, first_chunk):
        await plan_next_chunk(session, clock, started)
    await plan_report(session, clock, started.id, 1)
    return True


async def lock_for_report(session: AsyncSession, announcement_id: int) -> None:
    """Take the announcement's write lock first (PostgreSQL: its row; SQLite: the database),
    so that two refreshes of its report (the tick's, the sender's progress) run one after the
    other, the second seeing what the first edited: none shows older counts after a newer."""
    await session.execute(
        update(Announcement)
        .where(Announcement.id == announcement_id)
        .values(report_seq=Announcement.report_seq)
        .execution_options(synchronize_session=False)
    )


async def progress(session: AsyncSession, announcement: Announcement) -> rendering.Report:
    counts = await outbox.batch_report(session, batch_of(announcement.id))
    delivered = counts.get(OutboxStatus.sent, 0)
    blocked = counts.get(OutboxStatus.blocked, 0)
    failed = counts.get(OutboxStatus.failed, 0) + counts.get(OutboxStatus.cancelled, 0)
    queued = counts.get(OutboxStatus.pending, 0) + counts.get(OutboxStatus.sending, 0)
    if announcement.expanded:
        total = sum(counts.values())
        pending = queued
    else:
        # Not all copies are queued yet: the rest are pending too.
        total = max(announcement.recipients_expected, sum(counts.values()))
        pending = total - delivered - blocked - failed
    return rendering.Report(total, delivered, blocked, failed, pending)


async def get_own(session: AsyncSession, actor: Actor, announcement_id: int) -> Announcement:
    """An announcement the actor may manage (their own; an admin's any): else not found."""
    announcement = await session.get(Announcement, announcement_id)
    if announcement is None or not (
        actor.is_admin or announcement.author_id == actor.participant_id
    ):
        raise NotFound("error-not-found")
    return announcement


async def cancel(
    session: AsyncSession, clock: Clock, actor: Actor, announcement_id: int
) -> Announcement:
    """Cancel a scheduled announcement that has not started (an event's goes with it)."""
    announcement = await get_own(session, actor, announcement_id)
    result = await session.execute(
        update(Announcement)
        .where(
            Announcement.id == announcement_id, Announcement.status == AnnouncementStatus.scheduled
        )
        .values(status=AnnouncementStatus.cancelled, cancelled_at=clock.now())
        .execution_options(synchronize_session=False)
    )
    if not rows_affected(result):
        raise InvalidInput("ann-cannot-cancel")
    await due.cancel(session, f"ann-start:{announcement_id}")
    if announcement.event_id is not None:
        await session.execute(
            update(Event)
            .where(Event.id == announcement.event_id, Event.status == EventStatus.scheduled)
            .values(status=EventStatus.cancelled, cancelled_at=clock.now())
            .execution_options(synchronize_session=False)
        )
    await session.refresh(announcement)
    return announcement


async def stop(
    session: AsyncSession, clock: Clock, actor: Actor, announcement_id: int
) -> Announcement:
    """Stop a sending announcement: copies not yet sent are cancelled (those in flight go)."""
    announcement = await get_own(session, actor, announcement_id)
    result = await session.execute(
        update(Announcement)
        .where(
            Announcement.id == announcement_id, Announcement.status == AnnouncementStatus.sending
        )
        .values(status=AnnouncementStatus.stopped, expanded=True)
        .execution_options(synchronize_session=False)
    )
    if not rows_affected(result):
        raise InvalidInput("ann-cannot-stop")
    batch = batch_of(announcement_id)
    await session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.batch.in_((batch, f"{batch}:f")),
            OutboxMessage.status == OutboxStatus.pending,
        )
        .values(status=OutboxStatus.cancelled)
        .execution_options(synchronize_session=False)
    )
    await session.refresh(announcement)
    return announcement


async def scheduled_of(session: AsyncSession, actor: Actor) -> list[Announcement]:
    """The actor's announcements waiting for their time, soonest first."""
    if actor.participant_id is None:
        return []
    rows = await session.scalars(
        select(Announcement)
        .where(
            Announcement.author_id == actor.participant_id,
            Announcement.status == AnnouncementStatus.scheduled,
        )
        .order_by(Announcement.send_at, Announcement.id)
        .limit(20)
    )
    return list(rows)


async def status_message_id(
    session: AsyncSession, announcement: Announcement
) -> tuple[int | None, bool]:
    """The id of the status message the report edits (sent through the outbox when the
    announcement started on its own; known directly when it started from a button), and
    whether it is still to come (queued, not sent yet) when there is none."""
    if announcement.report_message_id is not None:
        return announcement.report_message_id, False
    found = (
        await session.execute(
            select(OutboxMessage.message_id, OutboxMessage.status).where(
                OutboxMessage.dedup_key == status_key(announcement.id)
            )
        )
    ).first()
    if found is None:
        return None, False
    message_id, status = found
    if message_id is not None:
        announcement.report_message_id = int(message_id)
    return announcement.report_message_id, message_id is None and status in (
        OutboxStatus.pending,
        OutboxStatus.sending,
    )


async def report_text(
    session: AsyncSession, texts: Texts, announcement: Announcement, zone: ZoneInfo
) -> str:
    """The delivery report as the author reads it now."""
    report = await progress(session, announcement)
    event = await session.get(Event, announcement.event_id) if announcement.event_id else None
    if event is not None:
        title = event.title
    else:
        title = rendering.short_title(announcement.text) or (announcement.attachment_name or "")
    return rendering.report_text(
        texts,
        title=title,
        report=report,
        status=announcement.status,
        finished_at=announcement.finished_at,
        zone=zone,
        going=event.going_count if event is not None else None,
        capacity=event.capacity if event is not None else None,
    )


async def title_of(session: AsyncSession, announcement: Announcement) -> str:
    """How the author recognises an announcement: its event's title, its first line, or the
    name of its file."""
    if announcement.event_id is not None:
        event = await session.get(Event, announcement.event_id)
        if event is not None:
            return event.title
    return rendering.short_title(announcement.text) or (announcement.attachment_name or "—")
