"""Roadmaps ("дорожные карты"): the plan of a scope for a period, and who does what by when.

A roadmap belongs to a scope (region, municipality or organization) and a period; it has
stages → sections → items. An item's "Срок" cell gives one or more deadlines, each with the
responsible text it was written for; the text is mapped to parties (a level and the id of a
region, municipality or organization). Each party has its own occurrences: one per concrete
due date (or check-in of continuous work), each with its own status, notices and history.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, StrEnumString
from models.enums import OccurrenceEvent, OccurrenceStatus, PostponementStatus, RoadmapStatus


class Roadmap(Base):
    __tablename__ = "roadmaps"
    __table_args__ = (Index("ix_roadmaps_scope", "scope_level", "scope_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    # The owner: region | municipality | organization, and the id at that level.
    scope_level: Mapped[str] = mapped_column(String(16))
    scope_id: Mapped[int] = mapped_column(Integer)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    status: Mapped[RoadmapStatus] = mapped_column(
        StrEnumString(RoadmapStatus), default=RoadmapStatus.active
    )
    source: Mapped[str | None] = mapped_column(String(300))  # the file name
    template: Mapped[str | None] = mapped_column(String(100))  # the seed it started from
    created_by: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    created_at: Mapped[datetime]
    archived_at: Mapped[datetime | None]


class RoadmapStage(Base):
    """Preparatory, main, final... (a roadmap without stages has one untitled)."""

    __tablename__ = "roadmap_stages"

    id: Mapped[int] = mapped_column(primary_key=True)
    roadmap_id: Mapped[int] = mapped_column(
        ForeignKey("roadmaps.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(Text)


class RoadmapSection(Base):
    __tablename__ = "roadmap_sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    roadmap_id: Mapped[int] = mapped_column(
        ForeignKey("roadmaps.id", ondelete="CASCADE"), index=True
    )
    stage_id: Mapped[int] = mapped_column(
        ForeignKey("roadmap_stages.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(Text)


class RoadmapItem(Base):
    __tablename__ = "roadmap_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    roadmap_id: Mapped[int] = mapped_column(
        ForeignKey("roadmaps.id", ondelete="CASCADE"), index=True
    )
    section_id: Mapped[int] = mapped_column(
        ForeignKey("roadmap_sections.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[str | None] = mapped_column(String(32))
    activity: Mapped[str] = mapped_column(Text)
    result: Mapped[str | None] = mapped_column(Text)
    # Columns the importer does not know, by their header ("Показатель реализации").
    extra: Mapped[dict] = mapped_column(default=dict)
    # Target indicators by year: {"2021": "20", ...}.
    targets: Mapped[dict] = mapped_column(default=dict)
    source_row: Mapped[int | None] = mapped_column(Integer)
    # A human has to look: a deadline without dates, or responsible text nobody recognised.
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)


class RoadmapDeadline(Base):
    """One deadline of an item as the table states it, for the responsible text beside it."""

    __tablename__ = "roadmap_deadlines"

    id: Mapped[int] = mapped_column(primary_key=True)
    roadmap_id: Mapped[int] = mapped_column(
        ForeignKey("roadmaps.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[int] = mapped_column(
        ForeignKey("roadmap_items.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    phrase: Mapped[str] = mapped_column(Text)
    responsible: Mapped[str] = mapped_column(Text)
    # dates | continuous | event_triggered | unparsed (see bot/services/roadmaps/deadlines/)
    kind: Mapped[str] = mapped_column(String(16))
    due_dates: Mapped[list] = mapped_column(default=list)  # ISO dates
    check_in_dates: Mapped[list] = mapped_column(default=list)
    window_start: Mapped[date | None] = mapped_column(Date)
    recurrence: Mapped[str | None] = mapped_column(String(32))
    flags: Mapped[list] = mapped_column(default=list)
    event: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(String(32))
    params: Mapped[dict] = mapped_column(default=dict)
    # No date a reminder could use until a coordinator sets one in the chat.
    needs_dates: Mapped[bool] = mapped_column(Boolean, default=False)
    dates_set_by: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    source_row: Mapped[int | None] = mapped_column(Integer)


class RoadmapParty(Base):
    """A responsible party of a deadline. `level` None: the text was not recognised; a level
    with no `scope_id`: recognised, but above the owner or absent from the directory, so
    there is nobody to remind."""

    __tablename__ = "roadmap_parties"
    __table_args__ = (Index("ix_roadmap_parties_scope", "level", "scope_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    roadmap_id: Mapped[int] = mapped_column(
        ForeignKey("roadmaps.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[int] = mapped_column(ForeignKey("roadmap_items.id", ondelete="CASCADE"))
    deadline_id: Mapped[int] = mapped_column(
        ForeignKey("roadmap_deadlines.id", ondelete="CASCADE"), index=True
    )
    level: Mapped[str | None] = mapped_column(String(16))
    scope_id: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)  # the responsible text it was read from
    # The summary of its occurrences' statuses.
    status: Mapped[OccurrenceStatus] = mapped_column(
        StrEnumString(OccurrenceStatus), default=OccurrenceStatus.planned
    )
    updated_at: Mapped[datetime]


class RoadmapOccurrence(Base):
    """One due date (or check-in) of one party: its status, its notices, its evidence."""

    __tablename__ = "roadmap_occurrences"

    id: Mapped[int] = mapped_column(primary_key=True)
    roadmap_id: Mapped[int] = mapped_column(
        ForeignKey("roadmaps.id", ondelete="CASCADE"), index=True
    )
    party_id: Mapped[int] = mapped_column(
        ForeignKey("roadmap_parties.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16), default="due")  # due | check_in
    due_on: Mapped[date] = mapped_column(Date)
    original_due_on: Mapped[date] = mapped_column(Date)
    window_start: Mapped[date | None] = mapped_column(Date)
    status: Mapped[OccurrenceStatus] = mapped_column(
        StrEnumString(OccurrenceStatus), default=OccurrenceStatus.planned
    )
    # The local date of the next notice (reminder, overdue push, escalation); None: no more.
    # The scheduler's scan reads only rows with this date reached, through its index.
    next_notice_on: Mapped[date | None] = mapped_column(Date, index=True)
    reminded_days: Mapped[int | None] = mapped_column(Integer)  # the last reminder's offset
    overdue_at: Mapped[datetime | None]
    escalated_at: Mapped[datetime | None]
    done_at: Mapped[datetime | None]
    evidence_text: Mapped[str | None] = mapped_column(Text)
    evidence_file_id: Mapped[str | None] = mapped_column(String(200))
    evidence_file_name: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)  # why it does not apply
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    updated_at: Mapped[datetime]


class RoadmapStatusEvent(Base):
    """The history of an occurrence: every status change, postponement and date set."""

    __tablename__ = "roadmap_status_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurrence_id: Mapped[int] = mapped_column(
        ForeignKey("roadmap_occurrences.id", ondelete="CASCADE"), index=True
    )
    party_id: Mapped[int] = mapped_column(
        ForeignKey("roadmap_parties.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[OccurrenceEvent] = mapped_column(StrEnumString(OccurrenceEvent))
    comment: Mapped[str | None] = mapped_column(Text)
    file_id: Mapped[str | None] = mapped_column(String(200))
    file_name: Mapped[str | None] = mapped_column(String(200))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    at: Mapped[datetime]


class RoadmapPostponement(Base):
    """A responsible coordinator asks the level above to move a due date."""

    __tablename__ = "roadmap_postponements"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurrence_id: Mapped[int] = mapped_column(
        ForeignKey("roadmap_occurrences.id", ondelete="CASCADE"), index=True
    )
    requested_by: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    from_due_on: Mapped[date] = mapped_column(Date)
    to_due_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(Text)
    status: Mapped[PostponementStatus] = mapped_column(
        StrEnumString(PostponementStatus), default=PostponementStatus.pending
    )
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    decided_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
