"""Messages of the meeting log sent on the bot's own initiative, through the outbox.

Callback strings follow the handlers' ``MeetingCb`` layout (``mg``: action, id).
"""

from __future__ import annotations

from html import escape

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Texts, Translator
from bot.services import coordinator_reach, outbox
from bot.services.mentorship import notify
from bot.services.mentorship.pair_notices import fmt_date
from bot.services.mentorship.presses import (
    KEEP,
    MEETING_CONFIRM,
    MEETING_DISPUTE,
    VOID,
    MeetingPress,
)
from bot.services.outbox import Button
from models import OutboxMessage, Participant
from models.enums import OutboxStatus
from models.mentorship import Meeting, Mentorship


def duration_text(texts: Texts, minutes: int) -> str:
    return texts("meeting-duration", hours=minutes // 60, minutes=minutes % 60)


def describe(texts: Texts, meeting: Meeting, names: dict[int, Participant]) -> str:
    mentor = names.get(meeting.mentor_id)
    present = [names.get(a.participant_id) for a in meeting.attendees]
    return texts(
        "meeting-describe",
        date=fmt_date(meeting.held_on),
        duration=duration_text(texts, meeting.duration_minutes),
        format=texts(f"format-{meeting.format}"),
        topic=escape(meeting.topic or "—"),
        outcome=escape(meeting.outcome or "—"),
        mentor=escape((mentor.full_name if mentor else None) or "—"),
        attendees=escape(", ".join((p.full_name or "—") if p else "—" for p in present) or "—"),
    )


async def names_for(session: AsyncSession, meeting: Meeting) -> dict[int, Participant]:
    ids = [meeting.mentor_id, *(a.participant_id for a in meeting.attendees)]
    rows = await session.scalars(select(Participant).where(Participant.id.in_(ids)))
    return {p.id: p for p in rows}


def answer_keyboard(texts: Texts, meeting_id: int) -> list[list[Button]]:
    return [
        [
            Button(texts("meeting-btn-confirm"), press=MeetingPress(MEETING_CONFIRM, meeting_id)),
            Button(texts("meeting-btn-dispute"), press=MeetingPress(MEETING_DISPUTE, meeting_id)),
        ]
    ]


async def ask_attendees(
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    meeting: Meeting,
    revision_id: int,
    *,
    edited: bool = False,
    reminder: bool = False,
) -> None:
    """Ask each mentee present (who has not answered) to confirm or dispute the entry."""
    names = await names_for(session, meeting)
    mentor = names.get(meeting.mentor_id)
    for attendee in meeting.attendees:
        if attendee.answer is not None:
            continue
        person = names.get(attendee.participant_id)
        if person is None:
            continue
        texts = translator.for_lang(person.language)
        key = (
            "meeting-ask-reminder"
            if reminder
            else ("meeting-ask-edited" if edited else "meeting-ask-confirm")
        )
        text = (
            texts(key, mentor=escape((mentor.full_name if mentor else None) or "—"))
            + "\n\n"
            + describe(texts, meeting, names)
        )
        await notify.send(
            session,
            clock,
            person,
            text,
            f"mg-ask:{meeting.id}:{revision_id}:{person.id}:{'r' if reminder else 'a'}",
            answer_keyboard(texts, meeting.id),
            outbox.Priority.REMINDER if reminder else outbox.Priority.REPLY,
        )


async def _coordinators(session: AsyncSession, meeting: Meeting) -> list[Participant]:
    """The nearest coordinators of the pair's organization who took no part in the meeting;
    higher levels find the dispute in their list."""
    organization_id = meeting.organization_id
    if meeting.mentorship_id is not None:
        mentorship = await session.get(Mentorship, meeting.mentorship_id)
        if mentorship is not None:
            organization_id = mentorship.organization_id
    parties = [meeting.mentor_id, *(a.participant_id for a in meeting.attendees)]
    return await coordinator_reach.nearest_coordinators(session, organization_id, exclude=parties)


async def disputed(
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    meeting: Meeting,
    by_id: int | None,
    reason: str | None = None,
) -> None:
    """The mentor is told; the coordinators get the entry with keep / void buttons; both see
    the mentee's reason when one was given."""
    names = await names_for(session, meeting)
    by = names.get(by_id or 0)
    by_name = escape((by.full_name if by else None) or "—")

    def why(texts: Texts) -> str:
        return "\n" + texts("meeting-dispute-reason", reason=escape(reason)) if reason else ""

    mentor = names.get(meeting.mentor_id)
    if mentor is not None:
        texts = translator.for_lang(mentor.language)
        await notify.send(
            session,
            clock,
            mentor,
            texts("meeting-disputed-mentor", name=by_name)
            + why(texts)
            + "\n\n"
            + describe(texts, meeting, names),
            f"mg-disputed:{meeting.id}:{by_id}:{meeting.updated_at.isoformat()}",
        )
    for coordinator in await _coordinators(session, meeting):
        texts = translator.for_lang(coordinator.language)
        keyboard = [
            [
                Button(texts("meeting-btn-keep"), press=MeetingPress(KEEP, meeting.id)),
                Button(texts("meeting-btn-void"), press=MeetingPress(VOID, meeting.id)),
            ]
        ]
        await notify.send(
            session,
            clock,
            coordinator,
            texts("meeting-disputed-coordinator", name=by_name)
            + why(texts)
            + "\n\n"
            + describe(texts, meeting, names),
            f"mg-dispute:{meeting.id}:{coordinator.id}:{meeting.updated_at.isoformat()}",
            keyboard,
        )


async def resolved(
    session: AsyncSession, clock: Clock, translator: Translator, meeting: Meeting, *, keep: bool
) -> None:
    names = await names_for(session, meeting)
    told = [meeting.mentor_id] + [
        a.participant_id for a in meeting.attendees if a.answer == "disputed"
    ]
    for pid in told:
        person = names.get(pid)
        if person is None:
            continue
        texts = translator.for_lang(person.language)
        await notify.send(
            session,
            clock,
            person,
            texts("meeting-resolved-kept" if keep else "meeting-resolved-voided")
            + "\n\n"
            + describe(texts, meeting, names),
            f"mg-resolved:{meeting.id}:{pid}",
        )


# The notices above name the meeting's mentor and attendees; by dedup-key prefix.
NAMING = ("mg-ask", "mg-disputed", "mg-dispute", "mg-resolved")
# Rows updated per statement: bound parameters are limited (SQLite: 32766).
CHUNK = 1000


async def withdraw_queued(session: AsyncSession, meeting_ids: set[int]) -> None:
    """Account deletion: notices of the person's meetings still waiting in the outbox carry
    their name, so they are dropped. Nothing is lost for the others: an unanswered meeting is
    asked again by its reminder (rendered afresh), a dispute stays in the coordinators' list.
    Those already sent (or failed) keep their status but lose their text too.
    The notices are matched here, not in SQL: a person may have hundreds of meetings, too
    many for one condition."""
    if not meeting_ids:
        return
    # Every meeting notice ever queued, in batches: deletion is rare, the history is long.
    queued = await session.stream(
        select(OutboxMessage.id, OutboxMessage.dedup_key, OutboxMessage.status)
        .where(OutboxMessage.dedup_key.startswith("mg-"))
        .execution_options(yield_per=CHUNK)
    )
    pending: list[int] = []
    done: list[int] = []
    async for message_id, key, status in queued:
        prefix, _, rest = (key or "").partition(":")
        meeting_id = rest.split(":", 1)[0]
        if prefix in NAMING and meeting_id.isdigit() and int(meeting_id) in meeting_ids:
            (pending if status == OutboxStatus.pending else done).append(message_id)
    for ids, values in (
        (pending, {"status": OutboxStatus.cancelled, "params": {}}),
        (done, {"params": {}}),
    ):
        for start in range(0, len(ids), CHUNK):
            await session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id.in_(ids[start : start + CHUNK]))
                .values(**values)
                .execution_options(synchronize_session=False)
            )
