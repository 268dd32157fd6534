"""Tables the runtime itself needs: conversation state, due work and the outbox."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, StrEnumString
from models.enums import DueTaskStatus, OutboxStatus


class FsmRecord(Base):
    """aiogram FSM state and data, so that a conversation survives a restart."""

    __tablename__ = "fsm_records"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    state: Mapped[str | None] = mapped_column(String(200))
    data: Mapped[dict] = mapped_column(default=dict)


class DueTask(Base):
    """Work that falls due at a time: reminders, timeouts, pushes.

    The scheduler only ticks; each tick claims due rows. A unique `dedup_key` makes planning
    idempotent (planning the same reminder twice keeps one row).
    """

    __tablename__ = "due_tasks"
    __table_args__ = (Index("ix_due_tasks_status_due_at", "status", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict] = mapped_column(default=dict)
    due_at: Mapped[datetime]
    status: Mapped[DueTaskStatus] = mapped_column(
        StrEnumString(DueTaskStatus), default=DueTaskStatus.pending
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    dedup_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    locked_until: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    done_at: Mapped[datetime | None]


class OutboxMessage(Base):
    """One Bot API call the bot makes on its own initiative, kept until it is delivered."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_status_priority_next", "status", "priority", "next_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    participant_id: Mapped[int | None] = mapped_column(Integer, index=True)
    method: Mapped[str] = mapped_column(String(64))
    params: Mapped[dict] = mapped_column(default=dict)
    # Lower goes first: 0 replies and flash offers, 5 reminders, 9 bulk announcements.
    priority: Mapped[int] = mapped_column(Integer, default=5)
    status: Mapped[OutboxStatus] = mapped_column(
        StrEnumString(OutboxStatus), default=OutboxStatus.pending
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_at: Mapped[datetime]
    dedup_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    batch: Mapped[str | None] = mapped_column(String(64), index=True)
    last_error: Mapped[str | None] = mapped_column(Text)
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]


class ProcessedUpdate(Base):
    """Update ids already handled in webhook mode, where Telegram redelivers on failure."""

    __tablename__ = "processed_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    at: Mapped[datetime]
