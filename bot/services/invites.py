"""Invite deep links: creation inside a coordinator's scope, checking and atomic use."""

from __future__ import annotations

import io
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import segno
from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services import access, due
from bot.services.access import Actor, Scope
from bot.services.errors import DomainError, Forbidden, InvalidInput, NotFound
from models import Invite, Municipality, Organization, PendingInvite, Region
from models.base import rows_affected
from models.enums import Category, Role, ScopeLevel

MAX_USES_LIMIT = 10_000
MAX_EXPIRY_DAYS = 365
# What the /invite conversation offers: how long a link lives, how many may use it (0: any).
OFFERED_DAYS = (1, 7, 30)
OFFERED_USES = (1, 10, 50, 0)
# 9 random bytes → 12 url-safe characters: unguessable, and short enough for a deep link.
CODE_BYTES = 9
# An opened, unused invite is remembered for the person this long at most (or until the invite
# itself expires, if sooner): long enough to think it over, short for a Telegram id kept
# without consent.
PENDING_KEEP_DAYS = 30
PENDING_SWEEP = "pending-invites-sweep"


@dataclass(frozen=True)
class InviteRequest:
    role: Role
    category: Category | None
    organization_id: int
    expires_in_days: int
    max_uses: int | None
    parental_consent_confirmed: bool = False


async def create_invite(
    session: AsyncSession, clock: Clock, actor: Actor, request: InviteRequest
) -> Invite:
    actor.require_coordinator()
    if request.role not in (Role.mentee, Role.mentor):
        raise InvalidInput("invite-bad-role")
    if not 1 <= request.expires_in_days <= MAX_EXPIRY_DAYS:
        raise InvalidInput("invite-bad-expiry", max=MAX_EXPIRY_DAYS)
    if request.max_uses is not None and not 1 <= request.max_uses <= MAX_USES_LIMIT:
        raise InvalidInput("invite-bad-uses", max=MAX_USES_LIMIT)
    if request.category == Category.student and not request.parental_consent_confirmed:
        raise Forbidden("invite-minor-needs-consent")
    await access.require_organization(session, actor, request.organization_id)
    now = clock.now()
    invite = Invite(
        code=secrets.token_urlsafe(CODE_BYTES),
        role=request.role,
        category=request.category,
        organization_id=request.organization_id,
        parental_consent_confirmed=request.parental_consent_confirmed,
        max_uses=request.max_uses,
        expires_at=now + timedelta(days=request.expires_in_days),
        created_by=actor.participant_id,
        created_at=now,
    )
    session.add(invite)
    await session.flush()
    return invite


async def create_coordinator_invite(
    session: AsyncSession,
    clock: Clock,
    *,
    level: ScopeLevel,
    scope_id: int,
    expires_in_days: int = 14,
    created_by: int | None = None,
) -> Invite:
    """An invite that makes its user a coordinator of a scope (the admin command line)."""
    organization_id = await _home_organization(session, level, scope_id)
    now = clock.now()
    invite = Invite(
        code=secrets.token_urlsafe(CODE_BYTES),
        role=Role.coordinator,
        category=Category.teacher,
        organization_id=organization_id,
        scope_level=level,
        scope_id=scope_id,
        max_uses=1,
        expires_at=now + timedelta(days=expires_in_days),
        created_by=created_by,
        created_at=now,
    )
    session.add(invite)
    await session.flush()
    return invite


async def _home_organization(session: AsyncSession, level: ScopeLevel, scope_id: int) -> int | None:
    """A coordinator belongs to an organization too; for a wider scope it is chosen later."""
    if level == ScopeLevel.organization:
        if await session.get(Organization, scope_id) is None:
            raise NotFound("error-not-found")
        return scope_id
    model = Municipality if level == ScopeLevel.municipality else Region
    if await session.get(model, scope_id) is None:
        raise NotFound("error-not-found")
    return None


async def check_invite(session: AsyncSession, clock: Clock, code: str) -> Invite:
    """The invite behind a code, or the reason it cannot be used."""
    if not code or len(code) > 32:
        raise NotFound("invite-not-found")
    invite = await session.scalar(select(Invite).where(Invite.code == code))
    if invite is None or invite.revoked:
        raise NotFound("invite-not-found")
    if invite.expires_at <= clock.now():
        raise InvalidInput("invite-expired")
    if invite.max_uses is not None and invite.uses >= invite.max_uses:
        raise InvalidInput("invite-exhausted")
    return invite


async def check_invite_by_id(session: AsyncSession, clock: Clock, invite_id: int) -> Invite:
    invite = await session.get(Invite, invite_id)
    if invite is None:
        raise NotFound("invite-not-found")
    return await check_invite(session, clock, invite.code)


async def consume_invite(session: AsyncSession, clock: Clock, invite_id: int) -> None:
    """Count one use, atomically: two people racing for the last use cannot both get it."""
    result = await session.execute(
        update(Invite)
        .where(
            Invite.id == invite_id,
            Invite.revoked.is_(False),
            Invite.expires_at > clock.now(),
            or_(Invite.max_uses.is_(None), Invite.uses < Invite.max_uses),
        )
        .values(uses=Invite.uses + 1)
    )
    if rows_affected(result) != 1:
        raise InvalidInput("invite-exhausted")


def invite_link(bot_username: str, code: str) -> str:
    return f"https://t.me/{bot_username}?start={code}"


# A printed sheet on the staff room's wall is read from a step away: big modules, the quiet
# zone the standard asks for, and error correction that survives a crease or a pin.
QR_SCALE = 12
QR_BORDER = 4


def invite_qr_png(link: str) -> bytes:
    """The link as a QR code, a PNG to print (segno writes PNG itself: no imaging library)."""
    out = io.BytesIO()
    segno.make(link, error="q", micro=False).save(out, kind="png", scale=QR_SCALE, border=QR_BORDER)
    return out.getvalue()


def invite_scope(invite: Invite) -> Scope | None:
    if invite.scope_level and invite.scope_id is not None:
        return Scope(ScopeLevel(invite.scope_level), invite.scope_id)
    return None


# --- an invite opened and not used yet ---------------------------------------------------------


async def remember_pending(session: AsyncSession, clock: Clock, tg_id: int, invite: Invite) -> None:
    """Keep the invite a person opened, so that refusing consent, cancelling or leaving the
    conversation and coming back with a plain /start does not lose it."""
    now = clock.now()
    until = min(invite.expires_at, now + timedelta(days=PENDING_KEEP_DAYS))
    await forget_pending(session, tg_id)
    session.add(PendingInvite(tg_id=tg_id, invite_id=invite.id, expires_at=until, created_at=now))
    await session.flush()
    # One sweep an hour at most, whoever's rows fall due then: no Telegram id in due work.
    sweep_at = until.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    await due.plan(
        session,
        kind=PENDING_SWEEP,
        due_at=sweep_at,
        payload={},
        now=now,
        dedup_key=f"{PENDING_SWEEP}:{sweep_at.isoformat()}",
    )


async def pending_until(session: AsyncSession, tg_id: int) -> datetime | None:
    """Until when the invite a person opened is remembered (None: no invite remembered)."""
    row = await session.get(PendingInvite, tg_id)
    return row.expires_at if row is not None else None


async def recall_pending(
    session: AsyncSession, clock: Clock, tg_id: int
) -> tuple[Invite | None, str | None]:
    """The invite a person opened earlier, if it can still be used; else (None, why not) and
    the row is gone. (None, None): nothing was remembered."""
    row = await session.get(PendingInvite, tg_id)
    if row is None:
        return None, None
    invite = await session.get(Invite, row.invite_id)
    try:
        if invite is None or row.expires_at <= clock.now():
            raise InvalidInput("invite-expired")
        return await check_invite(session, clock, invite.code), None
    except DomainError as error:
        await forget_pending(session, tg_id)
        return None, error.key


async def forget_pending(session: AsyncSession, tg_id: int) -> None:
    await session.execute(delete(PendingInvite).where(PendingInvite.tg_id == tg_id))


async def sweep_pending(session: AsyncSession, clock: Clock) -> None:
    """Drop what is kept past its time (the due work planned by remember_pending)."""
    await session.execute(delete(PendingInvite).where(PendingInvite.expires_at <= clock.now()))
