"""What the /profile windows show: the card, the catalogs in the reader's language."""

from __future__ import annotations

from typing import Any

from bot.context import Ctx
from bot.i18n import Texts
from bot.services import catalog, participants
from handlers.profile.handlers import MULTI
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
    }


def multi(field: str) -> Any:
    prefix, keys = MULTI[field]

    async def getter(ctx: Ctx, **_: Any) -> dict[str, Any]:
        return {"items": [(key, ctx.texts(f"{prefix}-{key}")) for key in keys]}

    return getter


async def capacities(**_: Any) -> dict[str, Any]:
    return {"items": [(str(v), str(v)) for v in range(1, catalog.MAX_CAPACITY + 1)]}
