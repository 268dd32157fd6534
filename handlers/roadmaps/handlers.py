"""/roadmap: what is due soon and overdue in a coordinator's scope, their own deadlines, the
progress of the levels below, and dates for deadlines the table did not date.

The import wizard (handlers/roadmap_import.py) and the status buttons of deadlines and
reminders (handlers/roadmap_status.py) are sub-routers of this one: registering this router
registers them.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Texts
from bot.services.access import Actor
from bot.services.errors import NotFound
from bot.services.outbox import Button, Keyboard
from bot.services.roadmaps import buttons, progress, reminders, render, status
from bot.services.roadmaps.reminders import NoticeConfig
from bot.settings import Settings
from handlers import roadmap_import, roadmap_status
from handlers.roadmap_ui import RoadmapCb, RoadmapSG, reply, scope_label, show, today_in

router = Router(name=__name__)
router.message.filter(F.chat.type == "private")
router.include_router(roadmap_import.router)
router.include_router(roadmap_status.router)

_NOT_A_COMMAND = F.text & ~F.text.startswith("/")


async def _overview(
    session: AsyncSession, actor: Actor, texts: Texts, clock: Clock, zone: ZoneInfo
) -> tuple[str, Keyboard]:
    view = await progress.overview(session, actor, today_in(clock, zone))
    scope = await scope_label(session, actor, texts)
    has_below = actor.is_admin or any(s.level.value != "organization" for s in actor.scopes)
    return render.overview_text(texts, view, scope), render.overview_keyboard(
        texts, view, has_below, bool(actor.scopes)
    )


@router.message(Command("roadmap"))
async def cmd_roadmap(
    message: Message,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    clock: Clock,
    zone: ZoneInfo,
    state: FSMContext,
) -> None:
    actor.require_coordinator()
    await state.clear()
    # Reminders run as a chain of scans; if it broke (or never began), start it again.
    await reminders.ensure_scan(session, clock.now())
    text, keyboard = await _overview(session, actor, texts, clock, zone)
    await reply(message, text, keyboard)


@router.callback_query(RoadmapCb.filter(F.action == buttons.HOME))
async def on_home(
    callback: CallbackQuery,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    clock: Clock,
    zone: ZoneInfo,
    state: FSMContext,
) -> None:
    actor.require_coordinator()
    await state.clear()
    text, keyboard = await _overview(session, actor, texts, clock, zone)
    await show(callback, text, keyboard)


@router.callback_query(RoadmapCb.filter(F.action == buttons.BELOW))
async def on_below(
    callback: CallbackQuery,
    callback_data: RoadmapCb,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    clock: Clock,
    zone: ZoneInfo,
) -> None:
    below = await progress.progress_below(session, actor, today_in(clock, zone))
    text, keyboard = render.below_screen(texts, below, callback_data.page)
    await show(callback, text, keyboard)


@router.callback_query(RoadmapCb.filter(F.action == buttons.MINE))
async def on_mine(
    callback: CallbackQuery,
    callback_data: RoadmapCb,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    clock: Clock,
    zone: ZoneInfo,
) -> None:
    today = today_in(clock, zone)
    page = max(callback_data.page, 0)
    found, total = await progress.my_deadlines(session, actor, today, page, render.LIST_PER_PAGE)
    text, keyboard = render.mine_screen(texts, found, total, page, today)
    await show(callback, text, keyboard)


@router.callback_query(RoadmapCb.filter(F.action == buttons.NEEDS))
async def on_needs_dates(
    callback: CallbackQuery,
    callback_data: RoadmapCb,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
) -> None:
    found = await progress.needs_dates(session, actor)
    text, keyboard = render.needs_dates_screen(texts, found, callback_data.page)
    await show(callback, text, keyboard)


@router.callback_query(RoadmapCb.filter(F.action == buttons.UNKNOWN))
async def on_unrecognised(
    callback: CallbackQuery,
    callback_data: RoadmapCb,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
) -> None:
    found = await progress.unrecognised(session, actor)
    text, keyboard = render.unknown_screen(texts, found, callback_data.page)
    await show(callback, text, keyboard)


@router.callback_query(RoadmapCb.filter(F.action == buttons.DATE))
async def on_set_date(
    callback: CallbackQuery,
    callback_data: RoadmapCb,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    state: FSMContext,
) -> None:
    found = {d.deadline_id: d for d in await progress.needs_dates(session, actor)}
    entry = found.get(callback_data.id)
    if entry is None:  # someone else's, dated meanwhile, or forged: the same answer
        raise NotFound("roadmap-date-gone")
    await state.set_state(RoadmapSG.set_date)
    await state.update_data(deadline=entry.deadline_id)
    await show(
        callback,
        texts(
            "roadmap-ask-date",
            item=render.item_name(texts, entry.item_number, entry.activity, 200),
            phrase=render.esc(entry.phrase),
        ),
        [[render.back_button(texts)]],
    )


@router.message(RoadmapSG.set_date, _NOT_A_COMMAND)
async def on_date_text(
    message: Message,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    clock: Clock,
    state: FSMContext,
    settings: Settings,
) -> None:
    data = await state.get_data()
    dated = await status.set_deadline_dates(
        session,
        clock,
        actor,
        int(data.get("deadline", 0)),
        message.text or "",
        NoticeConfig.from_settings(settings),
    )
    await state.clear()
    await reply(
        message,
        texts(
            "roadmap-date-set",
            dates=", ".join(render.day(d) for d in dated.due_dates[:6]),
            count=len(dated.due_dates),
            parties=dated.parties,
        ),
        [[Button(texts("roadmap-btn-needs-more"), buttons.roadmap(buttons.NEEDS))]],
    )
