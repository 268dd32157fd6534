"""What the registration windows show: the catalogs in the reader's language, the
directory's municipalities and organizations, the summary of the answers."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import DialogManager

from bot.context import Ctx
from bot.services import catalog, directory
from handlers.kit import choices_page
from handlers.registration.handlers import MULTI, ORGANIZATIONS, scope_of
from handlers.ui import names
from models.enums import Role

# The catalog texts of each multi-choice step: subject-math, deficit-digital, format-online.
PREFIX = {"subjects": "subject", "deficits": "deficit", "expertise": "deficit", "formats": "format"}


async def consent(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    return {
        "operator": ctx.settings.operator_name,
        "version": ctx.settings.consent_version,
        "resumed": bool(data.get("resumed")),  # the invite opened earlier goes on
        "lost": bool(data.get("lost")),  # it no longer holds
    }


async def categories(ctx: Ctx, **_: Any) -> dict[str, Any]:
    return {"items": [(c, ctx.texts(f"category-{c}")) for c in catalog.CATEGORIES]}


async def municipalities(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    munis = await directory.list_municipalities(ctx.session, scope_of(dialog_manager.dialog_data))
    return {"items": [(str(m.id), m.name) for m in munis]}


async def organizations(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    municipality = int(dialog_manager.dialog_data.get("municipality_id", 0))
    orgs = await directory.list_organizations(ctx.session, municipality)
    data: dict[str, Any] = {"items": [(str(o.id), o.label) for o in orgs]}
    return {**data, **await choices_page(dialog_manager, ORGANIZATIONS, data)}


async def roles(ctx: Ctx, **_: Any) -> dict[str, Any]:
    return {"items": [(r, ctx.texts(f"role-{r}")) for r in (Role.mentee, Role.mentor)]}


def multi(step: str) -> Any:
    async def getter(ctx: Ctx, **_: Any) -> dict[str, Any]:
        return {"items": [(k, ctx.texts(f"{PREFIX[step]}-{k}")) for k in MULTI[step]]}

    return getter


async def capacities(**_: Any) -> dict[str, Any]:
    return {"items": [(str(v), str(v)) for v in range(1, catalog.MAX_CAPACITY + 1)]}


async def yes_no(ctx: Ctx, **_: Any) -> dict[str, Any]:
    return {"items": [("yes", ctx.texts("btn-yes")), ("no", ctx.texts("btn-no"))]}


async def summary(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    texts = ctx.texts
    org_name = "—"
    if org_id := data.get("organization_id"):
        org_name = (await directory.get_organization(ctx.session, int(org_id))).name
    lines = [
        texts("summary-title"),
        texts("summary-name", value=data.get("full_name", "")),
        texts("summary-category", value=texts(f"category-{data.get('category')}")),
        texts("summary-organization", value=org_name),
        texts("summary-role", value=texts(f"role-{data.get('role')}")),
    ]
    if data.get("subjects"):
        lines.append(texts("summary-subjects", value=names(texts, "subject", data["subjects"])))
    if data.get("experience_years") is not None:
        lines.append(texts("summary-experience", years=data["experience_years"]))
        if data["experience_years"] <= catalog.YOUNG_SPECIALIST_YEARS:
            lines.append(texts("summary-young-specialist"))
    if data.get("role") == Role.mentee:
        lines.append(
            texts("summary-deficits", value=names(texts, "deficit", data.get("deficits", [])))
        )
    if data.get("role") == Role.mentor:
        lines.append(
            texts("summary-expertise", value=names(texts, "deficit", data.get("expertise", [])))
        )
        lines.append(texts("summary-capacity", value=data.get("capacity", 0)))
        flash = texts("btn-yes" if data.get("flash_available") else "btn-no")
        lines.append(texts("summary-flash", value=flash))
        lines.append(
            texts("summary-formats", value=names(texts, "format", data.get("formats", [])))
        )
    return {"summary": "\n".join(lines)}
