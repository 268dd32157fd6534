"""Due work of announcements and events. Each takes ids from the payload, reloads the state
and does nothing twice: copies, reminders and report edits carry dedup keys."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from bot.services import directory, due, outbox
from bot.services.broadcast import announcements, events, rendering
from bot.services.broadcast.presses import (
    ATTENDED,
    MARK_ATTENDANCE,
    MISSED,
    NOT_GOING,
    EventPress,
    ManagePress,
)
from bot.services.outbox import Button
from models import Participant
from models.broadcast import Announcement, Event
from models.enums import AnnouncementStatus, EventStatus, ParticipantStatus
from scheduler.registry import JobContext, due_handler

# Reminders and follow-ups go out in chunks of this many people per step.
PEOPLE_CHUNK = 1000
# A report is refreshed this many times at most (at ~20 s a tick: about a day).
MAX_REPORTS = 5000


class _Zones:
    """Zones of organizations, looked up once per job."""

    def __init__(self, ctx: JobContext) -> None:
        self._ctx = ctx
        self._cache: dict[int, ZoneInfo] = {}

    async def of(self, person: Participant) -> ZoneInfo:
        if person.organization_id not in self._cache:
            self._cache[person.organization_id] = await directory.zone_of_organization(
                self._ctx.session, person.organization_id
            )
        return self._cache[person.organization_id]


@due_handler(announcements.START_KIND)
async def start_announcement(ctx: JobContext, payload: dict[str, Any]) -> None:
    """A scheduled announcement's time came: start it and tell its author."""
    announcement = await ctx.session.get(Announcement, payload["announcement_id"])
    if announcement is None or announcement.status != AnnouncementStatus.scheduled:
        return  # cancelled meanwhile, or started already
    started = await announcements.start_now(
        ctx.session, ctx.clock, ctx.settings, ctx.translator, announcement
    )
    if not started:
        return
    author = await ctx.session.get(Participant, announcement.author_id)
    if author is None or author.tg_id is None:
        return
    texts = ctx.translator.for_lang(author.language)
    zone = await directory.zone_of_organization(ctx.session, author.organization_id)
    text = await announcements.report_text(ctx.session, texts, announcement, zone)
    announcement.report_chat_id = author.tg_id
    announcement.report_text = text
    # The report edits this message once the sender has recorded its id.
    await outbox.enqueue_text(
        ctx.session,
        ctx.clock,
        chat_id=author.tg_id,
        participant_id=author.id,
        text=text,
        keyboard=rendering.report_keyboard(texts, announcement.id, running=True),
        priority=outbox.Priority.REPLY,
        dedup_key=announcements.status_key(announcement.id),
    )


@due_handler(announcements.EXPAND_KIND)
async def expand_announcement(ctx: JobContext, payload: dict[str, Any]) -> None:
    """Queue the next chunk of copies; plan the one after while recipients remain."""
    announcement = await ctx.session.get(Announcement, payload["announcement_id"])
    if announcement is None or announcement.status != AnnouncementStatus.sending:
        return
    if announcement.cursor != payload["cursor"]:
        return  # this step ran and committed before (a retried task): the next is planned
    if await announcements.expand_chunk(
        ctx.session, ctx.clock, ctx.settings, ctx.translator, announcement
    ):
        await announcements.plan_next_chunk(ctx.session, ctx.clock, announcement)


@due_handler(announcements.REPORT_KIND)
async def refresh_report(ctx: JobContext, payload: dict[str, Any]) -> None:
    """Edit the status message with the counts so far; plan the next refresh until the last
    edit says it is done."""
    final = await update_report(ctx, payload["announcement_id"])
    n = int(payload.get("n", 1))
    if final is False and n < MAX_REPORTS:
        await announcements.plan_report(ctx.session, ctx.clock, payload["announcement_id"], n + 1)


async def update_report(ctx: JobContext, announcement_id: int) -> bool | None:
    """Queue an edit of the delivery report if its counts changed. True once the final report
    is queued, False while more is to come, None if there is nothing to report on.

    The tick calls it, and so does the sender's progress (DeliveryReports) as copies go out.
    """
    await announcements.lock_for_report(ctx.session, announcement_id)
    announcement = await ctx.session.get(Announcement, announcement_id)
    if announcement is None or announcement.status not in (
        AnnouncementStatus.sending,
        AnnouncementStatus.stopped,
    ):
        return None
    author = await ctx.session.get(Participant, announcement.author_id)
    message_id = None
    if author is not None and announcement.report_chat_id is not None:
        message_id, coming = await announcements.status_message_id(ctx.session, announcement)
        if coming:
            return False  # the status message itself is not sent yet: nothing to edit
    report = await announcements.progress(ctx.session, announcement)
    finished = announcement.expanded and report.settled
    if finished and announcement.status == AnnouncementStatus.sending:
        announcement.status = AnnouncementStatus.done
        announcement.finished_at = ctx.clock.now()
    if author is not None and message_id is not None:
        await _edit_report(ctx, announcement, author, message_id, running=not finished)
    return finished


async def _edit_report(
    ctx: JobContext,
    announcement: Announcement,
    author: Participant,
    message_id: int,
    *,
    running: bool,
) -> None:
    """Queue an edit of the status message if its text changed."""
    assert announcement.report_chat_id is not None
    texts = ctx.translator.for_lang(author.language)
    zone = await directory.zone_of_organization(ctx.session, author.organization_id)
    text = await announcements.report_text(ctx.session, texts, announcement, zone)
    if text == announcement.report_text:
        return
    announcement.report_seq += 1
    announcement.report_text = text
    params: dict[str, Any] = {
        "chat_id": announcement.report_chat_id,
        "message_id": message_id,
        "text": text,
    }
    markup = outbox.keyboard_params(rendering.report_keyboard(texts, announcement.id, running))
    if markup:
        params["reply_markup"] = markup
    await outbox.enqueue(
        ctx.session,
        ctx.clock,
        method="editMessageText",
        params=params,
        chat_id=announcement.report_chat_id,
        participant_id=author.id,
        priority=outbox.Priority.REPLY,
        dedup_key=f"ann-edit:{announcement.id}:{announcement.report_seq}",
    )


@due_handler(events.REMIND_KIND)
async def remind_event(ctx: JobContext, payload: dict[str, Any]) -> None:
    """A day / an hour before: remind those registered, in chunks."""
    event = await ctx.session.get(Event, payload["event_id"])
    which = str(payload.get("which", "day"))
    now = ctx.clock.now()
    if event is None or event.status != EventStatus.scheduled or now >= event.starts_at:
        return
    if which == "day" and now >= event.starts_at - events.REMINDERS["hour"]:
        return  # late (the bot was down): the hour reminder says it
    after = int(payload.get("after", 0))
    people = await events.going_people(ctx.session, event.id, after, PEOPLE_CHUNK)
    zones = _Zones(ctx)
    for person in people:
        texts = ctx.translator.for_lang(person.language)
        zone = await zones.of(person)
        await outbox.enqueue_text(
            ctx.session,
            ctx.clock,
            chat_id=person.tg_id or 0,
            participant_id=person.id,
            text=texts(f"event-reminder-{which}", card=rendering.event_card(texts, event, zone)),
            keyboard=[
                [
                    Button(
                        texts("event-btn-not-going"),
                        press=EventPress(NOT_GOING, event.id),
                    )
                ]
            ],
            priority=outbox.Priority.REMINDER,
            dedup_key=f"event-remind:{event.id}:{which}:{person.id}",
        )
    if len(people) == PEOPLE_CHUNK:
        await due.plan(
            ctx.session,
            kind=events.REMIND_KIND,
            due_at=now,
            payload={"event_id": event.id, "which": which, "after": people[-1].id},
            now=now,
            dedup_key=f"event-remind:{event.id}:{which}:after:{people[-1].id}",
        )


@due_handler(events.FOLLOWUP_KIND)
async def follow_up_event(ctx: JobContext, payload: dict[str, Any]) -> None:
    """After the event: ask those registered whether they came; ask the author to mark it."""
    event = await ctx.session.get(Event, payload["event_id"])
    if event is None or event.status != EventStatus.scheduled:
        return
    now = ctx.clock.now()
    after = int(payload.get("after", 0))
    people = await events.going_people(ctx.session, event.id, after, PEOPLE_CHUNK)
    for person in people:
        texts = ctx.translator.for_lang(person.language)
        await outbox.enqueue_text(
            ctx.session,
            ctx.clock,
            chat_id=person.tg_id or 0,
            participant_id=person.id,
            text=texts("event-followup", title=events.escape_title(event)),
            keyboard=[
                [
                    Button(
                        texts("event-btn-attended"),
                        press=EventPress(ATTENDED, event.id),
                    ),
                    Button(
                        texts("event-btn-missed"),
                        press=EventPress(MISSED, event.id),
                    ),
                ]
            ],
            priority=outbox.Priority.REMINDER,
            dedup_key=f"event-followup:{event.id}:{person.id}",
        )
    if len(people) == PEOPLE_CHUNK:
        await due.plan(
            ctx.session,
            kind=events.FOLLOWUP_KIND,
            due_at=now,
            payload={"event_id": event.id, "after": people[-1].id},
            now=now,
            dedup_key=f"event-followup:{event.id}:after:{people[-1].id}",
        )
    if after:
        return  # the author was told in the first step
    author = await ctx.session.get(Participant, event.author_id)
    if author is None or author.tg_id is None or author.status != ParticipantStatus.active:
        return
    texts = ctx.translator.for_lang(author.language)
    await outbox.enqueue_text(
        ctx.session,
        ctx.clock,
        chat_id=author.tg_id,
        participant_id=author.id,
        text=texts(
            "event-followup-author", title=events.escape_title(event), going=event.going_count
        ),
        keyboard=[
            [
                Button(
                    texts("event-btn-mark-attendance"),
                    press=ManagePress(MARK_ATTENDANCE, event.id),
                )
            ]
        ],
        priority=outbox.Priority.REMINDER,
        dedup_key=f"event-followup-author:{event.id}",
    )
