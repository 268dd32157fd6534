"""Participants, their roles and consent records."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, StrEnumString
from models.directory import Organization
from models.enums import ParticipantStatus


class Participant(Base):
    """A registered person. Created only after consent to personal-data processing.

    Personal fields are nullable: deleting an account erases them and keeps the row (with its
    category and organization) for anonymous aggregates.
    """

    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    tg_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    language: Mapped[str] = mapped_column(String(8), default="ru")
    status: Mapped[ParticipantStatus] = mapped_column(
        StrEnumString(ParticipantStatus), default=ParticipantStatus.active, index=True
    )
    category: Mapped[str] = mapped_column(String(32))
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)

    full_name: Mapped[str | None] = mapped_column(String(200))
    subjects: Mapped[list] = mapped_column(default=list)
    experience_years: Mapped[int | None] = mapped_column(Integer)
    deficits: Mapped[list] = mapped_column(default=list)
    expertise: Mapped[list] = mapped_column(default=list)
    capacity: Mapped[int] = mapped_column(Integer, default=0)
    flash_available: Mapped[bool] = mapped_column(Boolean, default=False)
    formats: Mapped[list] = mapped_column(default=list)

    consent_version: Mapped[str | None] = mapped_column(String(32))
    consent_at: Mapped[datetime | None]
    # Set when Telegram answers 403: the person blocked the bot; nothing is sent until they
    # write again.
    bot_blocked: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    organization: Mapped[Organization] = relationship(lazy="joined")
    roles: Mapped[list[RoleGrant]] = relationship(
        back_populates="participant",
        cascade="all, delete-orphan",
        lazy="selectin",
        foreign_keys="RoleGrant.participant_id",
    )

    @property
    def is_young_specialist(self) -> bool:
        return (
            self.category == "teacher"
            and (self.experience_years or 0) <= 3
            and (self.experience_years is not None)
        )

    def has_role(self, role: str) -> bool:
        return any(grant.role == role for grant in self.roles)


class RoleGrant(Base):
    """A role held by a participant. Coordinators carry a scope (level + id of that level)."""

    __tablename__ = "role_grants"
    __table_args__ = (UniqueConstraint("participant_id", "role", "scope_level", "scope_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(16))
    scope_level: Mapped[str | None] = mapped_column(String(16))
    scope_id: Mapped[int | None] = mapped_column(Integer)
    granted_by: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    created_at: Mapped[datetime]

    participant: Mapped[Participant] = relationship(
        back_populates="roles", foreign_keys=[participant_id]
    )


class ConsentEvent(Base):
    """Evidence of consent given or withdrawn: version of the text and time (152-ФЗ)."""

    __tablename__ = "consent_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    action: Mapped[str] = mapped_column(String(16))  # given | withdrawn
    version: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime]
