"""Coordinators: a request nobody took, and assigning a mentor to it by hand."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery

from bot.callbacks.flash import AssignCb
from bot.context import Ctx
from bot.services.flash import coordination, parties, render
from handlers.flash.ui import flash_env
from handlers.ui import button, edit_or_send, markup


async def on_assign_list(callback: CallbackQuery, callback_data: AssignCb, ctx: Ctx) -> None:
    texts = ctx.texts
    env = flash_env(ctx)
    request, found = await coordination.assignable(env, ctx.actor, callback_data.rid)
    requester = await parties.get_person(ctx.session, request.requester_id)
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


async def on_assign_pick(callback: CallbackQuery, callback_data: AssignCb, ctx: Ctx) -> None:
    texts = ctx.texts
    env = flash_env(ctx)
    request, found = await coordination.assignable(env, ctx.actor, callback_data.rid)
    chosen = next((item for item in found if item.mentor.id == callback_data.mid), None)
    mentor = chosen.mentor if chosen else await parties.get_person(ctx.session, callback_data.mid)
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


async def on_assign_yes(callback: CallbackQuery, callback_data: AssignCb, ctx: Ctx) -> None:
    texts = ctx.texts
    env = flash_env(ctx)
    request = await coordination.assign(env, ctx.actor, callback_data.rid, callback_data.mid)
    mentor = await parties.get_person(ctx.session, request.mentor_id)
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


def create_router() -> Router:
    """A fresh router per dispatcher (aiogram lets a router have one parent)."""
    router = Router(name=__name__)
    router.callback_query.register(on_assign_list, AssignCb.filter(F.action == "l"))
    router.callback_query.register(on_assign_pick, AssignCb.filter(F.action == "p"))
    router.callback_query.register(on_assign_yes, AssignCb.filter(F.action == "y"))
    return router
