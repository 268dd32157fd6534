"""What the roadmap windows show, from the services."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import DialogManager

from bot.context import Ctx
from bot.services.roadmaps import progress, render, status
from bot.services.roadmaps.table_import import seed_templates
from handlers.kit import paged
from handlers.roadmaps.ui import fit, scope_label, today_of

BELOW_PER_PAGE = 6  # an item's progress names who is late: a few of them fill a screen
NEEDS_PER_PAGE = 6
UNKNOWN_PER_PAGE = 6


# --- /roadmap ------------------------------------------------------------------------------


async def home(ctx: Ctx, **_: Any) -> dict[str, Any]:
    actor = ctx.actor
    today = today_of(ctx)
    view = await progress.overview(ctx.session, actor, today)
    text = render.overview_text(ctx.texts, view, await scope_label(ctx))
    return {
        "text": fit(text),
        "items": [(str(m.occurrence_id), render.deadline_label(m, today)) for m in view.mine],
        "has_own": bool(actor.scopes),
        "can_look_below": actor.is_admin
        or any(s.level.value != "organization" for s in actor.scopes),
        "needs": view.needs_dates,
        "unknown": view.unrecognised,
    }


async def mine(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    today = today_of(ctx)
    found = await progress.my_deadlines(ctx.session, ctx.actor, today)
    page, pager = await paged(
        dialog_manager, "mine_pages", found, lambda m: render.deadline_label(m, today)
    )
    items = [(str(m.occurrence_id), line) for m, line in zip(page.items, page.lines, strict=True)]
    return {"count": len(found), "empty": not found, "items": items, **pager}


async def below(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    texts = ctx.texts
    found = await progress.progress_below(ctx.session, ctx.actor, today_of(ctx))
    page, pager = await paged(
        dialog_manager,
        "below_pages",
        found.items,
        lambda item: render.below_item(texts, item),
        per_page=BELOW_PER_PAGE,
    )
    lines = render.below_head(texts, found)
    if found.items:
        lines += ["", texts("roadmap-below-items", page=pager["page"], pages=pager["pages"])]
    for line in page.lines:
        lines += ["", line]
    return {"text": fit("\n".join(lines)), **pager}


async def unknown(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    found = await progress.unrecognised(ctx.session, ctx.actor)
    page, pager = await paged(
        dialog_manager,
        "unknown_pages",
        found,
        lambda entry: render.unknown_line(ctx.texts, entry),
        per_page=UNKNOWN_PER_PAGE,
    )
    lines = [ctx.texts("roadmap-unknown-title", count=len(found)), *page.lines]
    return {"text": fit("\n".join(lines)), **pager}


async def needs(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    texts = ctx.texts
    found = await progress.needs_dates(ctx.session, ctx.actor)
    page, pager = await paged(
        dialog_manager,
        "needs_pages",
        found,
        lambda entry: render.needs_line(texts, entry),
        per_page=NEEDS_PER_PAGE,
    )
    lines = [
        texts("roadmap-needs-title", count=len(found), page=pager["page"], pages=pager["pages"])
    ]
    for line in page.lines:
        lines += ["", line]
    if not found:
        lines.append(texts("roadmap-needs-empty"))
    items = [(str(entry.deadline_id), render.needs_label(texts, entry)) for entry in page.items]
    return {"text": fit("\n".join(lines)), "items": items, **pager}


async def dialog_values(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    """What a step kept in the dialog's data (a deadline's name, the dates set)."""
    return dict(dialog_manager.dialog_data)


# --- importing -----------------------------------------------------------------------------


async def preview_values(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    return {**data, "deadline_count": len(data.get("deadlines", []))}


async def import_deadlines(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    """Every "Срок" of the preview, as rendered when the file was read (a getter must not
    parse it again)."""
    lines: list[str] = dialog_manager.dialog_data.get("deadlines", [])
    page, pager = await paged(dialog_manager, "import_deadlines", lines, lambda line: line)
    head = ctx.texts("roadmap-import-deadlines-title", count=len(lines), **pager)
    return {"text": fit("\n".join([head, "", *page.lines])), **pager}


async def owners(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    return {"items": dialog_manager.dialog_data["owners"]}


async def templates(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    names = render.template_names(ctx.translator, ctx.texts.lang, seed_templates())
    return {**dialog_manager.dialog_data, "items": list(names.items())}


async def years(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    this_year = today_of(ctx).year
    school = bool(dialog_manager.dialog_data.get("school_year"))

    def label(year: int) -> str:
        # A school's plan starts in September: "2026/2027 учебный год", not "2026".
        return (
            ctx.texts("roadmap-school-year", first=str(year), last=str(year + 1))
            if school
            else str(year)
        )

    return {
        "items": [(str(year), label(year)) for year in (this_year, this_year + 1)],
        "school_year": school,
    }


# --- a deadline ----------------------------------------------------------------------------


async def card(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    found = await status.get_card(ctx.session, ctx.actor, occurrence_of(dialog_manager))
    return {
        "text": fit(render.card_text(ctx.texts, found, today_of(ctx))),
        "open": found.is_open,
        "can_postpone": found.is_open
        and found.kind == "due"
        and found.pending_postponement is None,
    }


async def step(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    """The deadline a step is about: its name, its date, the end of its roadmap's period."""
    found = await status.get_card(ctx.session, ctx.actor, occurrence_of(dialog_manager))
    return {
        **dialog_manager.dialog_data,
        "item": render.item_name(ctx.texts, found.item_number, found.activity, 200),
        "item_short": render.item_name(ctx.texts, found.item_number, found.activity),
        "date": render.day(found.due_on),
        "end": render.day(found.period_end),
    }


def occurrence_of(manager: DialogManager) -> int:
    start = manager.start_data
    assert isinstance(start, dict)
    return int(start["occurrence"])
