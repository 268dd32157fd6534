"""Buttons and rendering shared by the pairs, meeting-log and plan routers.

The buttons on notices (pairs, feedback, meetings, plans) are declared in
bot/callbacks/mentorship.py. Ids only, never text.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from aiogram.filters.callback_data import CallbackData

from bot.callbacks.fields import OptionalId, Page
from bot.i18n import Texts
from bot.services.mentorship import meeting_notices
from bot.services.mentorship import pair_notices as mentorship_notices
from models import Participant
from models.enums import MeetingStatus, MentorshipStatus
from models.mentorship import Meeting, MeetingRevision, Mentorship


class ScopeCb(CallbackData, prefix="mc"):
    """A coordinator's /pairs: home (the Back of the pair wizard and the meeting log). The
    other fields are unused since /pairs is a dialog; kept so that old buttons still unpack."""

    action: str
    form: str = ""
    status: str = ""
    org: OptionalId = 0
    page: Page = 0


class PairCb(CallbackData, prefix="mw"):
    """A step of the forming (or proposing) wizard and the value chosen."""

    step: str
    value: str = ""


class TotalsCb(CallbackData, prefix="mx"):
    group: str
    period: str


STATUS_ICONS = {
    MentorshipStatus.requested: "📨",
    MentorshipStatus.proposed: "⏳",
    MentorshipStatus.active: "🟢",
    MentorshipStatus.completed: "✅",
    MentorshipStatus.stopped: "⏹",
    MentorshipStatus.declined: "✖",
}
MEETING_ICONS = {
    MeetingStatus.logged: "📝",
    MeetingStatus.confirmed: "✅",
    MeetingStatus.disputed: "⚠",
    MeetingStatus.deleted: "🗑",
}
ANSWER_ICONS = {None: "…", "confirmed": "✅", "disputed": "✖"}

fmt_date = mentorship_notices.fmt_date
describe_mentorship = mentorship_notices.describe
describe_meeting = meeting_notices.describe
duration_text = meeting_notices.duration_text


def short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def person_name(names: dict[int, Participant], pid: int) -> str:
    person = names.get(pid)
    return (person.full_name if person else None) or "—"


def mentorship_line(
    texts: Texts, ms: Mentorship, names: dict[int, Participant], *, html: bool = True
) -> str:
    """One line about a mentorship: escaped for an HTML message, plain for a button."""
    mentees = ", ".join(person_name(names, row.participant_id) for row in ms.mentees)
    clean = escape if html else str
    return texts(
        "mentorship-line",
        icon=STATUS_ICONS.get(ms.status, "•"),
        form=texts(f"mentorship-form-{ms.form}"),
        mentor=clean(person_name(names, ms.mentor_id)),
        mentees=clean(mentees or "—"),
    )


def mentorship_button_label(texts: Texts, ms: Mentorship, names: dict[int, Participant]) -> str:
    return short(mentorship_line(texts, ms, names, html=False), 60)


def confirmations(texts: Texts, ms: Mentorship, names: dict[int, Participant]) -> str:
    marks = [
        texts(
            "mentorship-confirmation",
            name=escape(person_name(names, ms.mentor_id)),
            done="yes" if ms.mentor_confirmed_at else "no",
        )
    ]
    marks += [
        texts(
            "mentorship-confirmation",
            name=escape(person_name(names, row.participant_id)),
            done="yes" if row.confirmed_at else "no",
        )
        for row in ms.mentees
    ]
    return "\n".join(marks)


def meeting_line(texts: Texts, meeting: Meeting) -> str:
    return texts(
        "meeting-line",
        icon=MEETING_ICONS.get(meeting.status, "•"),
        date=fmt_date(meeting.held_on),
        duration=duration_text(texts, meeting.duration_minutes),
        topic=short(meeting.topic or "—", 30),
    )


def revision_line(
    texts: Texts, revision: MeetingRevision, names: dict[int, Participant], zone: ZoneInfo
) -> str:
    # The fields changed matter for an edit, the reason for a dispute; a creation or another
    # answer speaks for itself (no «(—)» after it).
    changed = revision.changes if revision.action == "edited" else {}
    fields = ", ".join(texts(f"meeting-field-{name}") for name in changed)
    reason = revision.changes.get("reason") if revision.action == "disputed" else None
    if reason:
        fields = texts("meeting-history-reason", reason=escape(str(reason)))
    return texts(
        "meeting-history-line" if fields else "meeting-history-event",
        at=local_moment(revision.at, zone),
        who=escape(person_name(names, revision.actor_id or 0)),
        action=texts(f"meeting-action-{revision.action}"),
        fields=fields,
    )


def local_moment(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%d.%m.%Y %H:%M")
