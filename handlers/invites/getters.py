"""What the /invite windows offer: the roles and categories, the municipalities and the
organizations of the coordinator's scope, the link's lifetime and uses."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import DialogManager

from bot.context import Ctx
from bot.services import catalog, directory, invites
from handlers.kit import choices_page
from models.enums import Role

ORGANIZATIONS = "orgs"  # the paged list of organizations


async def roles(ctx: Ctx, **_: Any) -> dict[str, Any]:
    return {"items": [(role, ctx.texts(f"role-{role}")) for role in (Role.mentee, Role.mentor)]}


async def categories(ctx: Ctx, **_: Any) -> dict[str, Any]:
    return {"items": [(c, ctx.texts(f"category-{c}")) for c in catalog.CATEGORIES]}


async def municipalities(ctx: Ctx, **_: Any) -> dict[str, Any]:
    found = await directory.municipalities_in_scope(ctx.session, ctx.actor)
    return {"items": [(str(m.id), m.name) for m in found]}


async def organizations(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    municipality_id = dialog_manager.dialog_data.get("municipality_id")
    found = await directory.organizations_in_scope(ctx.session, ctx.actor, municipality_id)
    data: dict[str, Any] = {"items": [(str(o.id), o.label) for o in found]}
    return {**data, **await choices_page(dialog_manager, ORGANIZATIONS, data)}


async def expiries(ctx: Ctx, **_: Any) -> dict[str, Any]:
    return {"items": [(str(d), ctx.texts("invite-days", days=d)) for d in invites.OFFERED_DAYS]}


async def uses(ctx: Ctx, **_: Any) -> dict[str, Any]:
    return {"items": [(str(u), ctx.texts("invite-uses", uses=u)) for u in invites.OFFERED_USES]}


async def consent(ctx: Ctx, **_: Any) -> dict[str, Any]:
    return {
        "items": [
            ("yes", ctx.texts("btn-parental-consent-yes")),
            ("no", ctx.texts("btn-parental-consent-no")),
        ]
    }
