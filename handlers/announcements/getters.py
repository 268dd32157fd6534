"""What the /announce windows show: the text step with the scheduled ones, the preview's
choice, the time step."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import DialogManager

from bot.context import Ctx
from bot.services.broadcast import announcements, rendering, telegram_html
from bot.services.broadcast.when import format_local, zone_label
from handlers.announcements.handlers import event_draft_of, spec_of
from handlers.kit import paged
from handlers.ui import button_text
from models.broadcast import Announcement


async def text_step(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    """Ask for the text; below it, a page of the author's scheduled announcements."""
    data = dialog_manager.dialog_data
    editing = bool(data.get("editing"))
    kept = bool(data.get("attachment")) and not editing
    texts = ctx.texts
    scheduled = [
        (item, await announcements.title_of(ctx.session, item))
        for item in await announcements.scheduled_of(ctx.session, ctx.actor)
    ]

    def line(entry: tuple[Announcement, str]) -> str:
        item, title = entry
        when = format_local(item.send_at, ctx.zone)
        return texts("ann-scheduled-item", when=when, title=telegram_html.escape(title))

    page, pager = await paged(dialog_manager, "scheduled", scheduled, line)
    listed = ""
    if scheduled:
        heading = texts("ann-scheduled-list")
        if page.pages > 1:
            heading += " " + texts("list-page", page=page.page + 1, pages=page.pages)
        listed = "\n".join([heading, *page.lines])
    return {
        "max": telegram_html.MESSAGE_LIMIT,
        "asking": not editing and not kept,
        "editing": editing,
        "kept": kept,
        "scheduled": listed,
        "items": [
            (str(item.id), button_text(texts("ann-btn-cancel-scheduled", title=title)))
            for item, title in page.items
        ],
        **pager,
    }


async def confirm(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    spec = spec_of(data)
    summary = ctx.texts(
        "ann-preview-summary",
        count=await announcements.recipients(ctx.session, ctx.actor, spec),
    )
    draft = event_draft_of(data)
    if draft is not None:
        # The preview is on the author's clock; recipients elsewhere read their own.
        zones = await announcements.recipient_zones(ctx.session, ctx.actor, spec)
        if others := rendering.other_zone_times(draft.starts_at, ctx.zone, zones):
            times = ", ".join(others)
            summary = ctx.texts("event-preview-other-zones", times=times) + "\n\n" + summary
    return {"summary": summary}


async def when(ctx: Ctx, **_: Any) -> dict[str, Any]:
    return {"zone": zone_label(ctx.clock.now(), ctx.zone)}
