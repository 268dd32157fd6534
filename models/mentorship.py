"""Mentoring pairs and groups, and the meeting log.

Shared by several features (pairs, flash sessions, surveys and announcements by mentorship form,
reports), so the core columns live here; a feature adds its own tables beside it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Date,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, StrEnumString
from models.enums import MeetingStatus, MentorshipStatus


class Mentorship(Base):
    """A mentor with one mentee (a pair) or several (a group, "круг наставничества")."""

    __tablename__ = "mentorships"
    __table_args__ = (Index("ix_mentorships_org_status", "organization_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    mentor_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    # traditional | group | flash | network | reverse | virtual
    form: Mapped[str] = mapped_column(String(16))
    # adaptation | training | support
    model_element: Mapped[str] = mapped_column(String(16))
    # teacher_teacher | student_student | university_student_student | employer_student
    # | teacher_student
    role_model: Mapped[str] = mapped_column(String(32))
    status: Mapped[MentorshipStatus] = mapped_column(
        StrEnumString(MentorshipStatus), default=MentorshipStatus.proposed
    )
    started_on: Mapped[date | None] = mapped_column(Date)
    planned_end_on: Mapped[date | None] = mapped_column(Date)
    ended_at: Mapped[datetime | None]
    end_reason: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    created_at: Mapped[datetime]
    # Added by the pairs feature (0004): the mentor's own confirmation (the mentees' is on
    # their rows), the coordinator who approved a mentor's proposal, and who ended it.
    mentor_confirmed_at: Mapped[datetime | None]
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    ended_by: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    # 0016: the mentor's request to end it, waiting for a mentee's or a coordinator's
    # confirmation (the pair stays active until then): when, how (completed | stopped), why.
    end_requested_at: Mapped[datetime | None]
    end_requested_outcome: Mapped[str | None] = mapped_column(String(16))
    end_requested_reason: Mapped[str | None] = mapped_column(Text)

    mentees: Mapped[list[MentorshipMentee]] = relationship(
        back_populates="mentorship", cascade="all, delete-orphan", lazy="selectin"
    )


class MentorshipMentee(Base):
    __tablename__ = "mentorship_mentees"
    __table_args__ = (UniqueConstraint("mentorship_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mentorship_id: Mapped[int] = mapped_column(
        ForeignKey("mentorships.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    confirmed_at: Mapped[datetime | None]

    mentorship: Mapped[Mentorship] = relationship(back_populates="mentees")


class Meeting(Base):
    """A logged session of a mentorship or of a flash request."""

    __tablename__ = "meetings"
    # Covering indexes for the totals (bench/meetings.py): grouping a million meetings by
    # organization or municipality for a period reads only the index, never the table. They
    # replace (organization_id, held_on) and (municipality_id), which made SQLite walk the
    # index and fetch every row: slower than no index at all.
    __table_args__ = (
        Index("ix_meetings_org_totals", "organization_id", "held_on", "status", "duration_minutes"),
        Index(
            "ix_meetings_muni_totals",
            "municipality_id",
            "held_on",
            "status",
            "duration_minutes",
            "organization_id",
        ),
        # The other school of a cross-school pair (see pair_organization_id), for its totals.
        Index(
            "ix_meetings_pair_org_totals",
            "pair_organization_id",
            "held_on",
            "status",
            "duration_minutes",
            "organization_id",
            "municipality_id",
        ),
        Index(
            "ix_meetings_pair_muni_totals",
            "pair_municipality_id",
            "held_on",
            "status",
            "duration_minutes",
            "pair_organization_id",
            "organization_id",
            "municipality_id",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mentorship_id: Mapped[int | None] = mapped_column(ForeignKey("mentorships.id"), index=True)
    flash_request_id: Mapped[int | None] = mapped_column(Integer, index=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    # Denormalised from the mentor's organization at logging time, so totals by organization and
    # municipality over a million meetings need no join through participants.
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    municipality_id: Mapped[int] = mapped_column(Integer)
    # The pair's (mentees') organization and its municipality, only when it is not the mentor's
    # (a network pair, or a pair formed across schools): that school counts the meeting too
    # (meeting_totals). NULL for the usual pair and for flash sessions.
    pair_organization_id: Mapped[int | None] = mapped_column(Integer)
    pair_municipality_id: Mapped[int | None] = mapped_column(Integer)
    held_on: Mapped[date] = mapped_column(Date)  # the date in the participants' zone
    duration_minutes: Mapped[int] = mapped_column(Integer)
    format: Mapped[str] = mapped_column(String(16))  # online | offline
    topic: Mapped[str | None] = mapped_column(String(300))
    outcome: Mapped[str | None] = mapped_column(Text)
    status: Mapped[MeetingStatus] = mapped_column(
        StrEnumString(MeetingStatus), default=MeetingStatus.logged
    )
    created_by: Mapped[int] = mapped_column(ForeignKey("participants.id"))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    attendees: Mapped[list[MeetingAttendee]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", lazy="selectin"
    )


class MeetingAttendee(Base):
    """A mentee present at a meeting, and their answer: confirmed or disputed."""

    __tablename__ = "meeting_attendees"
    __table_args__ = (UniqueConstraint("meeting_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    answer: Mapped[str | None] = mapped_column(String(16))  # confirmed | disputed
    answered_at: Mapped[datetime | None]

    meeting: Mapped[Meeting] = relationship(back_populates="attendees")


class MeetingRevision(Base):
    """One change of a meeting entry: who, when, what (old and new values). Never edited."""

    __tablename__ = "meeting_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    # created | edited | deleted | confirmed | disputed | kept | voided
    action: Mapped[str] = mapped_column(String(16))
    changes: Mapped[dict] = mapped_column(default=dict)  # field: [old, new]
    at: Mapped[datetime]


class DevelopmentGoal(Base):
    """A goal of a mentorship's individual development plan ("индивидуальный план развития")."""

    __tablename__ = "development_goals"

    id: Mapped[int] = mapped_column(primary_key=True)
    mentorship_id: Mapped[int] = mapped_column(
        ForeignKey("mentorships.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    created_at: Mapped[datetime]

    steps: Mapped[list[DevelopmentStep]] = relationship(
        back_populates="goal",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="(DevelopmentStep.due_on, DevelopmentStep.id)",
    )


class DevelopmentStep(Base):
    """A step towards a goal, with a due date; checked off by the mentor or a mentee."""

    __tablename__ = "development_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(
        ForeignKey("development_goals.id", ondelete="CASCADE"), index=True
    )
    # Denormalised from the goal: progress of a mentorship is one indexed count.
    mentorship_id: Mapped[int] = mapped_column(
        ForeignKey("mentorships.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    due_on: Mapped[date] = mapped_column(Date)
    done_at: Mapped[datetime | None]
    done_by: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    created_at: Mapped[datetime]

    goal: Mapped[DevelopmentGoal] = relationship(back_populates="steps")


class MentorshipFeedback(Base):
    """Final feedback of one participant when a mentorship ends: a 1–5 rating and a comment."""

    __tablename__ = "mentorship_feedback"
    __table_args__ = (UniqueConstraint("mentorship_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mentorship_id: Mapped[int] = mapped_column(
        ForeignKey("mentorships.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))  # mentor | mentee
    rating: Mapped[int] = mapped_column(SmallInteger)
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class MentorshipNudge(Base):
    """A reminder sent to a mentor because a mentorship had no meeting for a while."""

    __tablename__ = "mentorship_nudges"
    # The weekly check asks for a mentor's latest nudge; one row per pair per week piles up.
    __table_args__ = (Index("ix_mentorship_nudges_mentor_sent", "mentor_id", "sent_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mentorship_id: Mapped[int] = mapped_column(
        ForeignKey("mentorships.id", ondelete="CASCADE"), index=True
    )
    mentor_id: Mapped[int] = mapped_column(ForeignKey("participants.id"))
    idle_since: Mapped[date] = mapped_column(Date)
    sent_at: Mapped[datetime]
