"""Invite deep links: t.me/<bot>?start=<code> binding an organization (or scope) and a role."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base


class Invite(Base):
    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    category: Mapped[str | None] = mapped_column(String(32))
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"))
    # For coordinator invites: the scope the new coordinator will hold.
    scope_level: Mapped[str | None] = mapped_column(String(16))
    scope_id: Mapped[int | None] = mapped_column(Integer)
    # A minor may join only through an invite on which the coordinator confirmed that the
    # parent's or legal representative's consent is on file.
    parental_consent_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    max_uses: Mapped[int | None] = mapped_column(Integer)
    uses: Mapped[int] = mapped_column(Integer, default=0)
    expires_at: Mapped[datetime]
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    created_at: Mapped[datetime]


class PendingInvite(Base):
    """An invite a person opened and has not used yet: consent refused, registration
    cancelled or left. /start without the link goes on with it, so the invite is not lost.

    Only the Telegram id and the invite, nothing the person typed; the row goes when the
    invite is used, when it is found no longer valid, or at ``expires_at`` (the invite's own
    expiry, at most invites.PENDING_KEEP_DAYS after the link was opened).
    """

    __tablename__ = "pending_invites"

    tg_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    invite_id: Mapped[int] = mapped_column(ForeignKey("invites.id", ondelete="CASCADE"), index=True)
    expires_at: Mapped[datetime] = mapped_column(index=True)
    created_at: Mapped[datetime]
