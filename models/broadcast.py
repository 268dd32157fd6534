"""Announcements and events: what coordinators broadcast, and who said they would come.

The per-recipient copies of an announcement are outbox rows (batch `ann:<id>`, dedup key
`ann:<id>:<participant id>`), so the delivery state lives in one place and survives restarts.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, StrEnumString
from models.enums import AnnouncementStatus, EventStatus


class Event(Base):
    """A seminar, webinar, round table, conference, contest, course, "Педагогический десант"…"""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_status_starts_at", "status", "starts_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")  # Telegram HTML
    starts_at: Mapped[datetime]
    duration_minutes: Mapped[int] = mapped_column(Integer)
    # The zone the time was given in (the audience's); each reader sees it in their own.
    timezone: Mapped[str] = mapped_column(String(64))
    place: Mapped[str] = mapped_column(String(500))  # an address, or the link of an online one
    online: Mapped[bool] = mapped_column(Boolean, default=False)
    registration_required: Mapped[bool] = mapped_column(Boolean, default=True)
    capacity: Mapped[int | None] = mapped_column(Integer)  # None: no limit
    # Kept equal to the number of "going" answers by conditional updates, which is what makes
    # the capacity hold under concurrent presses on SQLite and PostgreSQL alike.
    going_count: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[EventStatus] = mapped_column(
        StrEnumString(EventStatus), default=EventStatus.scheduled
    )
    created_at: Mapped[datetime]
    cancelled_at: Mapped[datetime | None]


class EventRsvp(Base):
    """A participant's answer to an event, and whether they were there."""

    __tablename__ = "event_rsvps"
    __table_args__ = (UniqueConstraint("event_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    answer: Mapped[str] = mapped_column(String(16))  # going | not_going
    answered_at: Mapped[datetime]
    attended: Mapped[bool | None] = mapped_column(Boolean)
    attendance_by: Mapped[str | None] = mapped_column(String(16))  # self | coordinator
    attendance_at: Mapped[datetime | None]


class Announcement(Base):
    """A message to an audience, sent now or at a chosen time, with its delivery report."""

    __tablename__ = "announcements"
    __table_args__ = (Index("ix_announcements_author_status", "author_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("participants.id"))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id"), index=True)
    text: Mapped[str] = mapped_column(Text, default="")  # Telegram HTML, checked
    attachment_kind: Mapped[str | None] = mapped_column(String(16))  # photo | document
    attachment_file_id: Mapped[str | None] = mapped_column(String(255))
    attachment_name: Mapped[str | None] = mapped_column(String(255))
    audience: Mapped[dict] = mapped_column(default=dict)  # AudienceSpec.to_json()
    # scheduled → sending → done; scheduled → cancelled; sending → stopped
    status: Mapped[AnnouncementStatus] = mapped_column(
        StrEnumString(AnnouncementStatus), default=AnnouncementStatus.scheduled
    )
    send_at: Mapped[datetime]
    recipients_expected: Mapped[int] = mapped_column(Integer, default=0)  # counted at confirm
    recipients_total: Mapped[int] = mapped_column(Integer, default=0)  # queued so far
    # Expansion goes through recipients by participant id in chunks; the cursor is the last
    # id queued, so a retried chunk starts where the committed one stopped.
    cursor: Mapped[int] = mapped_column(Integer, default=0)
    expanded: Mapped[bool] = mapped_column(Boolean, default=False)
    report_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    report_message_id: Mapped[int | None] = mapped_column(BigInteger)
    report_text: Mapped[str | None] = mapped_column(Text)  # as last shown: skip no-op edits
    report_seq: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime]
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
