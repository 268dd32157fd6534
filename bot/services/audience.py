"""Who receives an announcement or a survey: an audience inside the sender's scope.

Shared by announcements, events and survey campaigns. A spec is plain data (stored as JSON with
what it selects); resolving it always intersects with the actor's current scope, so a spec can
never reach beyond the coordinator who sends it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import Texts
from bot.services import access, catalog, directory
from bot.services.access import Actor
from bot.services.broadcast.telegram_html import escape
from bot.services.errors import Forbidden, InvalidInput
from models import Organization, Participant, RoleGrant
from models.enums import Category, MentoringForm, MentorshipStatus, ParticipantStatus, Role
from models.mentorship import Mentorship, MentorshipMentee


@dataclass(frozen=True)
class AudienceSpec:
    """Empty fields mean "any". Everyone in the actor's scope is `AudienceSpec()`."""

    roles: frozenset[str] = field(default_factory=frozenset)
    categories: frozenset[str] = field(default_factory=frozenset)
    organization_ids: frozenset[int] = field(default_factory=frozenset)
    municipality_ids: frozenset[int] = field(default_factory=frozenset)
    forms: frozenset[str] = field(default_factory=frozenset)  # in an active mentorship of these
    # Groups the program names apart: "young" is the young specialists (teachers, 0–3 years).
    cohorts: frozenset[str] = field(default_factory=frozenset)

    def to_json(self) -> dict[str, list[Any]]:
        return {name: sorted(getattr(self, name)) for name in self.__dataclass_fields__}

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> AudienceSpec:
        data = data or {}
        spec = cls(
            roles=frozenset(data.get("roles", [])),
            categories=frozenset(data.get("categories", [])),
            organization_ids=frozenset(int(i) for i in data.get("organization_ids", [])),
            municipality_ids=frozenset(int(i) for i in data.get("municipality_ids", [])),
            forms=frozenset(data.get("forms", [])),
            cohorts=frozenset(data.get("cohorts", [])),
        )
        spec.check_values()
        return spec

    def check_values(self) -> None:
        if not self.roles <= {r.value for r in Role}:
            raise InvalidInput("audience-bad-value")
        if not self.categories <= {c.value for c in Category}:
            raise InvalidInput("audience-bad-value")
        if not self.forms <= {f.value for f in MentoringForm}:
            raise InvalidInput("audience-bad-value")
        if not self.cohorts <= set(COHORTS):
            raise InvalidInput("audience-bad-value")


COHORTS = ("young",)
# A young specialist (the program's «молодой специалист»): a teacher in the first three years,
# as Participant.is_young_specialist says.
YOUNG_SPECIALIST_YEARS = 3


def participants_query(actor: Actor, spec: AudienceSpec) -> Select[Participant]:
    """Active, reachable participants the spec selects, inside the actor's scope."""
    query = (
        select(Participant)
        .join(Organization, Organization.id == Participant.organization_id)
        .where(
            access.organization_condition(actor),
            Participant.status == ParticipantStatus.active,
            Participant.tg_id.is_not(None),
        )
    )
    if spec.roles:
        query = query.where(
            select(RoleGrant.id)
            .where(RoleGrant.participant_id == Participant.id, RoleGrant.role.in_(spec.roles))
            .exists()
        )
    if spec.categories:
        query = query.where(Participant.category.in_(spec.categories))
    if spec.organization_ids:
        query = query.where(Participant.organization_id.in_(spec.organization_ids))
    if spec.municipality_ids:
        query = query.where(Organization.municipality_id.in_(spec.municipality_ids))
    if "young" in spec.cohorts:
        query = query.where(
            Participant.category == Category.teacher,
            Participant.experience_years.is_not(None),
            Participant.experience_years <= YOUNG_SPECIALIST_YEARS,
        )
    if spec.forms:
        as_mentor = select(Mentorship.id).where(
            Mentorship.mentor_id == Participant.id,
            Mentorship.status == MentorshipStatus.active,
            Mentorship.form.in_(spec.forms),
        )
        as_mentee = (
            select(MentorshipMentee.id)
            .join(Mentorship, Mentorship.id == MentorshipMentee.mentorship_id)
            .where(
                MentorshipMentee.participant_id == Participant.id,
                Mentorship.status == MentorshipStatus.active,
                Mentorship.form.in_(spec.forms),
            )
        )
        query = query.where(as_mentor.exists() | as_mentee.exists())
    return query


async def check_in_scope(session: AsyncSession, actor: Actor, spec: AudienceSpec) -> None:
    """Refuse a spec that names organizations or municipalities outside the actor's scope."""
    actor.require_coordinator()
    spec.check_values()
    for organization_id in spec.organization_ids:
        await access.require_organization(session, actor, organization_id)
    for municipality_id in spec.municipality_ids:
        inside = await session.scalar(
            select(Organization.id)
            .where(Organization.municipality_id == municipality_id)
            .where(access.organization_condition(actor))
            .limit(1)
        )
        if inside is None:
            raise Forbidden("error-out-of-scope")


async def count(session: AsyncSession, actor: Actor, spec: AudienceSpec) -> int:
    query = participants_query(actor, spec).with_only_columns(func.count(Participant.id))
    return int(await session.scalar(query) or 0)


# --- what a coordinator may pick ------------------------------------------------------------
# The audience picker (handlers/kit/audience) shows these and collects the picks; the rules of
# what may be picked live here. Five dimensions, each a set of values in the spec.

DIMENSIONS = ("roles", "categories", "munis", "orgs", "forms", "cohorts")
_FIELDS = {
    "roles": "roles",
    "categories": "categories",
    "munis": "municipality_ids",
    "orgs": "organization_ids",
    "forms": "forms",
    "cohorts": "cohorts",
}
_PLACES = ("munis", "orgs")  # their values are ids, and an outsider's id is out of scope


async def options(
    session: AsyncSession, actor: Actor, texts: Texts, dim: str, spec: AudienceSpec
) -> list[tuple[str, str]]:
    """(value, label) pairs the actor may pick in a dimension: places only inside their scope,
    organizations only of the chosen municipalities."""
    if dim == "roles":
        return [(r.value, texts(f"role-{r.value}")) for r in Role]
    if dim == "categories":
        return [(c, texts(f"category-{c}")) for c in catalog.CATEGORIES]
    if dim == "forms":
        return [(f.value, texts(f"bc-form-{f.value}")) for f in MentoringForm]
    if dim == "cohorts":
        return [(c, texts(f"audience-cohort-{c}")) for c in COHORTS]
    if dim == "munis":
        return [
            (str(m.id), m.name) for m in await directory.municipalities_in_scope(session, actor)
        ]
    if dim == "orgs":
        orgs = await directory.organizations_in_scope(session, actor)
        if spec.municipality_ids:
            orgs = [o for o in orgs if o.municipality_id in spec.municipality_ids]
        return [(str(o.id), o.label) for o in orgs]
    raise InvalidInput("error-stale-button")


async def offered(session: AsyncSession, actor: Actor) -> tuple[str, ...]:
    """The dimensions the actor is asked about: a place filter only where the scope has a
    choice (a school's coordinator has one municipality and one school: nothing to filter)."""
    munis = await directory.municipalities_in_scope(session, actor)
    orgs = await directory.organizations_in_scope(session, actor)
    many = {"munis": len(munis) > 1, "orgs": len(orgs) > 1}
    return tuple(dim for dim in DIMENSIONS if many.get(dim, True))


def values_of(spec: AudienceSpec, dim: str) -> list[str]:
    """A dimension's values as the picker's keys (text)."""
    return sorted(str(value) for value in getattr(spec, _FIELDS[dim]))


async def check_pick(
    session: AsyncSession, actor: Actor, texts: Texts, spec: AudienceSpec, dim: str, value: str
) -> None:
    """Refuse a forged or replayed value: no such value, or a place outside the scope."""
    actor.require_coordinator()
    if dim not in await offered(session, actor):  # a filter that does not apply to them
        raise InvalidInput("error-out-of-scope" if dim in _PLACES else "error-stale-button")
    if value not in {v for v, _label in await options(session, actor, texts, dim, spec)}:
        raise InvalidInput("error-out-of-scope" if dim in _PLACES else "error-stale-button")


async def picked(
    session: AsyncSession, actor: Actor, texts: Texts, chosen: dict[str, list[str]]
) -> AudienceSpec:
    """The spec of what is chosen in each dimension, checked; organizations outside the
    chosen municipalities would select nobody, so they are dropped."""
    data: dict[str, list[Any]] = {_FIELDS[dim]: list(chosen.get(dim, [])) for dim in DIMENSIONS}
    try:
        spec = AudienceSpec.from_json(data)
    except ValueError as error:  # an id that is no number
        raise InvalidInput("error-stale-button") from error
    if spec.organization_ids and spec.municipality_ids:
        inside = {int(v) for v, _label in await options(session, actor, texts, "orgs", spec)}
        spec = replace(spec, organization_ids=spec.organization_ids & inside)
    await check_in_scope(session, actor, spec)
    return spec


async def described(
    session: AsyncSession, actor: Actor, texts: Texts, spec: AudienceSpec
) -> dict[str, str]:
    """What the spec selects, in words, one line per dimension (for the picker's summary)."""
    munis = {m.id: m.name for m in await directory.municipalities_in_scope(session, actor)}
    orgs = {o.id: o.label for o in await directory.organizations_in_scope(session, actor)}

    def listed(values: list[str], only: dict[int, str] | None = None) -> str:
        if not values and only is not None and len(only) == 1:  # the scope's one place
            return escape(next(iter(only.values())))
        return ", ".join(values) if values else texts("ann-audience-any")

    return {
        "roles": listed([texts(f"role-{r}") for r in sorted(spec.roles)]),
        "categories": listed([texts(f"category-{c}") for c in sorted(spec.categories)]),
        "municipalities": listed(
            [escape(munis.get(i, "—")) for i in sorted(spec.municipality_ids)], munis
        ),
        "organizations": listed(
            [escape(orgs.get(i, "—")) for i in sorted(spec.organization_ids)], orgs
        ),
        "forms": listed([texts(f"bc-form-{f}") for f in sorted(spec.forms)]),
        "cohorts": ", ".join(texts(f"audience-cohort-{c}") for c in sorted(spec.cohorts))
        or texts("audience-cohort-any"),
    }
