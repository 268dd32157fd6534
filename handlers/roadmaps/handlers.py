"""/roadmap: what is due soon and overdue in a coordinator's scope, their own deadlines, the
progress of the levels below, and dates for deadlines the table did not date. What a press or
a typed answer does: the services decide."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager, ShowMode, StartMode

from bot.context import Ctx
from bot.services.errors import NotFound
from bot.services.numbers import parse_id
from bot.services.roadmaps import progress, reminders, render, status
from bot.services.roadmaps.reminders import NoticeConfig
from handlers.kit.context import ctx_of
from handlers.kit.picks import stale
from handlers.roadmaps.importing import FILE, TEMPLATE, start_import
from handlers.roadmaps.states import RoadmapHome, RoadmapStatus


async def start(message: Message, dialog_manager: DialogManager, ctx: Ctx) -> None:
    ctx.actor.require_coordinator()
    # Reminders run as a chain of scans; if it broke (or never began), start it again.
    await reminders.ensure_scan(ctx.session, ctx.clock.now())
    await dialog_manager.start(
        RoadmapHome.home, mode=StartMode.RESET_STACK, show_mode=ShowMode.SEND
    )


def _id(key: str) -> int:
    found = parse_id(key)
    if found is None:
        raise stale()
    return found


async def open_card(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    """A deadline of the overview or of the list of one's own: its card, over this dialog."""
    ctx = ctx_of(manager)
    card = await status.get_card(ctx.session, ctx.actor, _id(key))
    await manager.start(RoadmapStatus.card, data={"occurrence": card.id})


async def pick_deadline(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    found = {d.deadline_id: d for d in await progress.needs_dates(ctx.session, ctx.actor)}
    entry = found.get(_id(key))
    if entry is None:  # someone else's, dated meanwhile, or forged: the same answer
        raise NotFound("roadmap-date-gone")
    manager.dialog_data.update(
        deadline=entry.deadline_id,
        item=render.item_name(ctx.texts, entry.item_number, entry.activity, 200),
        phrase=render.esc(entry.phrase),
    )
    await manager.switch_to(RoadmapHome.set_date)


async def date_typed(_: Message, text: str, manager: DialogManager) -> None:
    """A phrase like the table's ("September 2027", "by the start of the school year"): the deadline
    reader of the import, not a day picker, since one phrase may give several dates."""
    ctx = ctx_of(manager)
    dated = await status.set_deadline_dates(
        ctx.session,
        ctx.clock,
        ctx.actor,
        int(manager.dialog_data["deadline"]),
        text,
        NoticeConfig.from_settings(ctx.settings),
    )
    manager.dialog_data.update(
        dates=", ".join(render.day(d) for d in dated.due_dates[:6]),
        count=len(dated.due_dates),
        parties=dated.parties,
    )
    await manager.switch_to(RoadmapHome.dated)


async def import_file(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    await start_import(manager, FILE)


async def import_template(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    await start_import(manager, TEMPLATE)
