"""Flash mentoring: one-off requests for help, offers to mentors, history, ratings.

A request moves through draft → open → offered → matched → scheduled → completed (or
cancelled / expired) only through bot.services.flash.states.transition, which records every
move in `flash_request_events`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, StrEnumString
from models.enums import FlashOfferStatus, FlashStatus


class FlashRequest(Base):
    __tablename__ = "flash_requests"
    __table_args__ = (
        # Current flash load of mentors: active sessions grouped by mentor.
        Index("ix_flash_requests_status_mentor", "status", "mentor_id"),
        Index("ix_flash_requests_requester_status", "requester_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    requester_id: Mapped[int] = mapped_column(ForeignKey("participants.id"))
    # Where the requester was when asking, denormalised: ranking and escalation need no joins.
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    municipality_id: Mapped[int] = mapped_column(Integer)
    region_id: Mapped[int] = mapped_column(Integer)

    topic: Mapped[str] = mapped_column(String(40))  # "subject:math" | "deficit:digital"
    description: Mapped[str] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(16))  # online | offline | any
    timing: Mapped[str] = mapped_column(String(16))  # today | week | flexible
    # draft | open | offered | matched | scheduled | completed | cancelled | expired
    status: Mapped[FlashStatus] = mapped_column(
        StrEnumString(FlashStatus), default=FlashStatus.draft
    )

    wave: Mapped[int] = mapped_column(Integer, default=0)  # offer waves sent so far
    escalation: Mapped[int] = mapped_column(Integer, default=0)  # coordinator levels told
    deadline_at: Mapped[datetime | None]  # no taker by then: expired

    mentor_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id"), index=True)
    matched_at: Mapped[datetime | None]
    # Times the mentor proposed (ISO strings, UTC); the version makes old pick buttons stale.
    slots: Mapped[list] = mapped_column(default=list)
    slots_version: Mapped[int] = mapped_column(Integer, default=0)
    scheduled_at: Mapped[datetime | None]
    schedule_version: Mapped[int] = mapped_column(Integer, default=0)

    # Answers to "did the meeting take place?"; the mentor's yes creates the meeting record.
    requester_held: Mapped[bool | None] = mapped_column(Boolean)
    mentor_held: Mapped[bool | None] = mapped_column(Boolean)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"))

    requester_shared_at: Mapped[datetime | None]  # contact shared with the other side
    mentor_shared_at: Mapped[datetime | None]

    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]


class FlashOffer(Base):
    """A request offered to one mentor, and what became of it."""

    __tablename__ = "flash_offers"
    __table_args__ = (
        UniqueConstraint("request_id", "mentor_id"),
        Index("ix_flash_offers_mentor_status", "mentor_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("flash_requests.id", ondelete="CASCADE"), index=True
    )
    mentor_id: Mapped[int] = mapped_column(ForeignKey("participants.id"))
    wave: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)  # place in the ranking of its wave
    score: Mapped[float] = mapped_column(Float)
    reasons: Mapped[list] = mapped_column(default=list)  # [[code, params], ...]
    # offered | later | accepted | declined | withdrawn | skipped
    status: Mapped[FlashOfferStatus] = mapped_column(
        StrEnumString(FlashOfferStatus), default=FlashOfferStatus.offered
    )
    assigned_by: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    created_at: Mapped[datetime]
    answered_at: Mapped[datetime | None]


class FlashEvent(Base):
    """One transition of a request: from, to, who (None: the bot itself), when, why."""

    __tablename__ = "flash_request_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("flash_requests.id", ondelete="CASCADE"), index=True
    )
    from_status: Mapped[FlashStatus | None] = mapped_column(StrEnumString(FlashStatus))
    to_status: Mapped[FlashStatus] = mapped_column(StrEnumString(FlashStatus))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    reason: Mapped[str | None] = mapped_column(String(32))
    at: Mapped[datetime]


class FlashRating(Base):
    """A 1–5 rating with an optional comment, by one side of a session about the other."""

    __tablename__ = "flash_ratings"
    __table_args__ = (
        UniqueConstraint("request_id", "rater_id"),
        CheckConstraint("score BETWEEN 1 AND 5", name="score_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("flash_requests.id", ondelete="CASCADE"), index=True
    )
    rater_id: Mapped[int] = mapped_column(ForeignKey("participants.id"))
    ratee_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))  # the ratee's side: mentor | requester
    score: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]


class FlashMentorTopic(Base):
    """What a person can be found by for flash requests, one key a row: the catalog keys of
    their profile ("subject:math", "deficit:digital") and the stems of their own flash notes
    ("word:дроб").

    Kept in step with `Participant.subjects` / `Participant.expertise` by the registration,
    profile and account-deletion services, and with `FlashMentorProfile.notes` by the flash
    settings (bot/services/flash/topic_index.py). The candidate query finds the people
    related to a request by index lookups here instead of searching the JSON lists and the
    notes of every participant of a region.
    """

    __tablename__ = "flash_mentor_topics"
    __table_args__ = (Index("ix_flash_mentor_topics_topic", "topic", "participant_id"),)

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
    )
    # A stem of free notes can be as long as the notes (300 characters): no length limit.
    topic: Mapped[str] = mapped_column(Text, primary_key=True)


class FlashMentorProfile(Base):
    """A mentor's flash settings and rating totals.

    The totals are kept with each rating so that ranking among tens of thousands of mentors
    reads two integers instead of aggregating every rating ever given.
    """

    __tablename__ = "flash_mentor_profiles"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
    )
    notes: Mapped[str | None] = mapped_column(Text)  # "what I can help with", free words
    # Stems of the notes, space-delimited with a space at each end: " дроб процент ", so that
    # the candidate query can pre-filter by a word with LIKE '% дроб %'.
    stems: Mapped[str] = mapped_column(Text, default="")
    rating_sum: Mapped[int] = mapped_column(Integer, default=0)
    rating_count: Mapped[int] = mapped_column(Integer, default=0)
    snoozed_until: Mapped[datetime | None]  # "Not now": no new offers until then
    updated_at: Mapped[datetime]
