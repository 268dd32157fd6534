"""What the /profile windows show: the card, the catalogs in the reader's language."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import DialogManager

from bot.context import Ctx
from bot.i18n import Texts
from bot.services import catalog, directory, org_change, participants
from handlers.kit import choices_page
from handlers.profile.handlers import MOVE_ORGS, MULTI
from handlers.ui import names
from models import Participant
from models.enums import Role


def profile_text(person: Participant, texts: Texts) -> str:
    lines = [
        texts("profile-title"),
        texts("summary-name", value=person.full_name or ""),
        texts("summary-category", value=texts(f"category-{person.category}")),
        texts("summary-organization", value=person.organization.name),
        texts("profile-status", value=texts(f"status-{person.status}")),
        texts(
            "profile-roles", value=", ".join(texts(f"role-{g.role}") for g in person.roles) or "—"
        ),
    ]
    if person.subjects:
        lines.append(texts("summary-subjects", value=names(texts, "subject", person.subjects)))
    if person.experience_years is not None:
        lines.append(texts("summary-experience", years=person.experience_years))
        if person.is_young_specialist:
            lines.append(texts("summary-young-specialist"))
    if person.has_role(Role.mentee):
        lines.append(texts("summary-deficits", value=names(texts, "deficit", person.deficits)))
    if person.has_role(Role.mentor):
        lines.append(texts("summary-expertise", value=names(texts, "deficit", person.expertise)))
        lines.append(texts("summary-capacity", value=person.capacity))
        lines.append(
            texts("summary-flash", value=texts("btn-yes" if person.flash_available else "btn-no"))
        )
        lines.append(texts("summary-formats", value=names(texts, "format", person.formats)))
    return "\n".join(lines)


async def card(ctx: Ctx, **_: Any) -> dict[str, Any]:
    person = ctx.person
    fields = participants.editable_fields(person)
    return {
        "card": profile_text(person, ctx.texts),
        **{f"can_{field}": field in fields for field in participants.EDITABLE_FIELDS},
        # A coordinator's scope is tied to the place: an administrator moves them.
        "can_move": not person.has_role(Role.coordinator),
    }


async def move_municipalities(ctx: Ctx, **_: Any) -> dict[str, Any]:
    munis = await directory.list_municipalities(ctx.session)
    return {"items": [(str(m.id), m.name) for m in munis]}


async def move_organizations(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    municipality = int(dialog_manager.dialog_data.get("move_municipality", 0))
    orgs = await directory.list_organizations(ctx.session, municipality)
    data: dict[str, Any] = {"items": [(str(o.id), o.label) for o in orgs]}
    return {**data, **await choices_page(dialog_manager, MOVE_ORGS, data)}


async def move_preview(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    """What the move means, said before it is confirmed."""
    texts = ctx.texts
    organization_id = int(dialog_manager.dialog_data.get("move_organization", 0))
    plan = await org_change.preview(
        ctx.session, ctx.person, organization_id, ctx.settings.admin_ids
    )
    who = plan.reviewer
    lines = [
        texts("profile-move-ask", organization=plan.organization.name),
        texts(
            "profile-move-review",
            reach=who.reach.value,
            organization=who.organization,
            municipality=who.municipality,
            region=who.region,
        ),
    ]
    if plan.pairs:
        lines.append(texts("profile-move-pairs", count=plan.pairs))
    if plan.requests:
        lines.append(texts("profile-move-requests", count=plan.requests))
    if plan.sessions:
        lines.append(texts("profile-move-sessions", count=plan.sessions))
    lines.append(texts("profile-move-kept"))
    return {"text": "\n\n".join(lines)}


def multi(field: str) -> Any:
    prefix, keys = MULTI[field]

    async def getter(ctx: Ctx, **_: Any) -> dict[str, Any]:
        return {"items": [(key, ctx.texts(f"{prefix}-{key}")) for key in keys]}

    return getter


async def capacities(**_: Any) -> dict[str, Any]:
    return {"items": [(str(v), str(v)) for v in range(1, catalog.MAX_CAPACITY + 1)]}
