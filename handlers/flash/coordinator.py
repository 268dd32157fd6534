"""Coordinators: a request nobody took, and assigning a mentor to it by hand."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Texts, Translator
from bot.services.access import Actor
from bot.services.flash import coordination, parties, render
from bot.settings import Settings
from handlers.flash.ui import AssignCb, env_of
from handlers.ui import button, edit_or_send, markup

router = Router(name=__name__)


@router.callback_query(AssignCb.filter(F.action == "l"))
async def on_assign_list(
    callback: CallbackQuery,
    callback_data: AssignCb,
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    settings: Settings,
    actor: Actor,
    texts: Texts,
) -> None:
    env = env_of(session, clock, translator, settings)
    request, found = await coordination.assignable(env, actor, callback_data.rid)
    requester = await parties.get_person(session, request.requester_id)
    assert requester is not None
    lines = [coordination.escalation_text(texts, request, requester, hint=False), ""]
    lines.append(texts("flash-assign-choose") if found else texts("flash-assign-nobody"))
    rows = []
    for item in found:
        mark = "✓ " if item.reasons else ""
        label = texts(
            "flash-assign-row",
            name=item.mentor.full_name or "—",
            organization=item.mentor.organization.label,
            free=item.mentor.capacity - item.load,
        )
        rows.append(
            [button(mark + label, AssignCb(action="p", rid=request.id, mid=item.mentor.id))]
        )
    await callback.answer()
    await edit_or_send(callback, "\n".join(lines), markup(rows))


@router.callback_query(AssignCb.filter(F.action == "p"))
async def on_assign_pick(
    callback: CallbackQuery,
    callback_data: AssignCb,
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    settings: Settings,
    actor: Actor,
    texts: Texts,
) -> None:
    env = env_of(session, clock, translator, settings)
    request, found = await coordination.assignable(env, actor, callback_data.rid)
    chosen = next((item for item in found if item.mentor.id == callback_data.mid), None)
    mentor = chosen.mentor if chosen else await parties.get_person(session, callback_data.mid)
    if mentor is None:
        await callback.answer(texts("error-stale-button"), show_alert=True)
        return
    await callback.answer()
    await edit_or_send(
        callback,
        texts("flash-assign-confirm", id=request.id, name=render.esc(mentor.full_name)),
        markup(
            [
                [
                    button(
                        texts("flash-btn-assign-yes"),
                        AssignCb(action="y", rid=request.id, mid=mentor.id),
                    )
                ],
                [button(texts("btn-back"), AssignCb(action="l", rid=request.id))],
            ]
        ),
    )


@router.callback_query(AssignCb.filter(F.action == "y"))
async def on_assign_yes(
    callback: CallbackQuery,
    callback_data: AssignCb,
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    settings: Settings,
    actor: Actor,
    texts: Texts,
) -> None:
    env = env_of(session, clock, translator, settings)
    request = await coordination.assign(env, actor, callback_data.rid, callback_data.mid)
    mentor = await parties.get_person(session, request.mentor_id)
    await callback.answer(texts("flash-assigned-alert"))
    await edit_or_send(
        callback,
        texts(
            "flash-assigned",
            id=request.id,
            name=render.esc(mentor.full_name if mentor else ""),
        ),
        None,
    )
