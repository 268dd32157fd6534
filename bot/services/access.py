"""Who may see and do what: coordinator scopes over region → municipality → organization."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, false, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.errors import Forbidden
from models import Municipality, Organization, Participant
from models.enums import ParticipantStatus, Role, ScopeLevel


@dataclass(frozen=True)
class Scope:
    level: ScopeLevel
    id: int


@dataclass(frozen=True)
class Actor:
    """The person acting, as the rules see them: no Telegram types."""

    tg_id: int
    participant_id: int | None = None
    organization_id: int | None = None
    is_admin: bool = False
    scopes: tuple[Scope, ...] = field(default_factory=tuple)
    roles: frozenset[str] = frozenset()
    # Registered, waiting for a coordinator's approval: bot.services.menu says what they may use.
    pending: bool = False

    @property
    def is_coordinator(self) -> bool:
        return self.is_admin or bool(self.scopes)

    def require_coordinator(self) -> None:
        if not self.is_coordinator:
            raise Forbidden("error-not-coordinator")

    def require_registered(self) -> int:
        """The acting person's participant id; "register first" for a stranger."""
        if self.participant_id is None:
            raise Forbidden("error-not-registered")
        return self.participant_id


def actor_for(tg_id: int, participant: Participant | None, admin_ids: list[int]) -> Actor:
    if participant is None or participant.status != ParticipantStatus.active:
        pending = participant is not None and participant.status == ParticipantStatus.pending
        return Actor(tg_id=tg_id, is_admin=tg_id in admin_ids, pending=pending)
    scopes = tuple(
        Scope(ScopeLevel(grant.scope_level), grant.scope_id)
        for grant in participant.roles
        if grant.role == Role.coordinator and grant.scope_level and grant.scope_id is not None
    )
    return Actor(
        tg_id=tg_id,
        participant_id=participant.id,
        organization_id=participant.organization_id,
        is_admin=tg_id in admin_ids,
        scopes=scopes,
        roles=frozenset(grant.role for grant in participant.roles),
    )


def organization_condition(actor: Actor) -> ColumnElement[bool]:
    """A WHERE condition on Organization that keeps only the actor's scope."""
    if actor.is_admin:
        return true()
    parts: list[ColumnElement[bool]] = []
    for scope in actor.scopes:
        if scope.level == ScopeLevel.organization:
            parts.append(Organization.id == scope.id)
        elif scope.level == ScopeLevel.municipality:
            parts.append(Organization.municipality_id == scope.id)
        else:
            in_region = select(Municipality.id).where(Municipality.region_id == scope.id)
            parts.append(Organization.municipality_id.in_(in_region))
    return or_(*parts) if parts else false()


async def covers_organization(session: AsyncSession, actor: Actor, organization_id: int) -> bool:
    query = select(Organization.id).where(
        Organization.id == organization_id, organization_condition(actor)
    )
    return (await session.scalar(query)) is not None


async def require_organization(session: AsyncSession, actor: Actor, organization_id: int) -> None:
    if not await covers_organization(session, actor, organization_id):
        raise Forbidden("error-out-of-scope")
