"""What the people windows show: a page of the coordinator's scope (the service pages it in
SQL and keeps to the scope), the filters, a person's card."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import DialogManager

from bot.context import Ctx
from bot.i18n import Texts
from bot.services import participants
from bot.services.participants import ParticipantFilter
from handlers.kit import served
from models import Participant
from models.enums import ParticipantStatus, Role

PEOPLE = "people"  # the list's pager
ALL = "all"  # the filter that filters nothing
ROLES = (ALL, Role.mentor, Role.mentee)
STATUSES = (ALL, ParticipantStatus.active, ParticipantStatus.pending)


def filters_of(data: dict[str, Any]) -> ParticipantFilter:
    role = data.get("role", ALL)
    status = data.get("status", ALL)
    return ParticipantFilter(
        role=Role(role) if role != ALL else None,
        status=ParticipantStatus(status) if status != ALL else None,
    )


def _marked(ctx: Ctx, kind: str, values: tuple[str, ...], chosen: str) -> list[Any]:
    return [
        (value, ("• " if value == chosen else "") + ctx.texts(f"people-filter-{kind}-{value}"))
        for value in values
    ]


async def people(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    wanted = filters_of(data)

    async def fetch(page: int) -> participants.Page:
        return await participants.list_in_scope(ctx.session, ctx.actor, wanted, page)

    page, pager = await served(dialog_manager, PEOPLE, fetch)
    texts = ctx.texts
    rows = [
        (
            str(person.id),
            texts(
                "people-row",
                name=person.full_name or "—",
                organization=person.organization.label,
                status=texts(f"status-{person.status}"),
            ),
        )
        for person in page.items
    ]
    return {
        **pager,
        "total": page.total,
        "empty": not page.items,
        "items": rows,
        "roles": _marked(ctx, "role", ROLES, data.get("role", ALL)),
        "statuses": _marked(ctx, "status", STATUSES, data.get("status", ALL)),
    }


def card_text(person: Participant, texts: Texts) -> str:
    lines = [
        texts("summary-name", value=person.full_name or "—"),
        texts("summary-category", value=texts(f"category-{person.category}")),
        texts("summary-organization", value=person.organization.name),
        texts("profile-status", value=texts(f"status-{person.status}")),
        texts(
            "profile-roles", value=", ".join(texts(f"role-{g.role}") for g in person.roles) or "—"
        ),
    ]
    if person.experience_years is not None:
        lines.append(texts("summary-experience", years=person.experience_years))
    return "\n".join(lines)


async def card(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    pid = int(dialog_manager.dialog_data["pid"])
    person = await participants.get_in_scope(ctx.session, ctx.actor, pid)
    active = person.status == ParticipantStatus.active
    mentor = person.has_role(Role.mentor)
    return {
        "card": card_text(person, ctx.texts),
        "pending": person.status == ParticipantStatus.pending,
        "can_grant": active and not mentor,
        "can_revoke": active and mentor,
    }
