"""What the picker does with a press: the audience service decides what may be picked; the
checklists hold the picks until the picker returns them."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager

from bot.services import audience
from bot.services.audience import DIMENSIONS, AudienceSpec
from bot.services.errors import InvalidInput
from handlers.kit.audience.ask import AudienceAsk
from handlers.kit.context import ctx_of
from handlers.kit.picks import OnPick, choose, chosen


def ask_of(manager: DialogManager) -> AudienceAsk:
    return AudienceAsk.from_data(manager.start_data)


async def current(manager: DialogManager) -> AudienceSpec:
    """The audience as the checklists stand, checked against the actor's scope now."""
    ctx = ctx_of(manager)
    picks = {dim: chosen(manager, dim) for dim in DIMENSIONS}
    return await audience.picked(ctx.session, ctx.actor, ctx.texts, picks)


async def _show(manager: DialogManager, spec: AudienceSpec) -> None:
    for dim in DIMENSIONS:
        await choose(manager, dim, audience.values_of(spec, dim))


async def start(start_data: Any, manager: DialogManager) -> None:
    ctx_of(manager).actor.require_coordinator()
    await _show(manager, AudienceAsk.from_data(start_data).spec)


def checker(dim: str) -> OnPick:
    """A tick in a dimension's checklist: a forged value (or a place outside the scope) is
    refused, and the mark rolls back. Unticking is always allowed."""

    async def check(_: CallbackQuery, key: str, manager: DialogManager) -> None:
        picks = {d: chosen(manager, d) for d in DIMENSIONS}
        if key not in picks[dim]:
            return
        picks[dim].remove(key)
        ctx = ctx_of(manager)
        spec = await audience.picked(ctx.session, ctx.actor, ctx.texts, picks)
        await audience.check_pick(ctx.session, ctx.actor, ctx.texts, spec, dim, key)

    return check


async def synced(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    """Back to the summary: the checklists show what the audience is (organizations outside
    the chosen municipalities are dropped)."""
    await _show(manager, await current(manager))


async def everyone(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    await _show(manager, AudienceSpec())


async def send_back(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    spec = await current(manager)
    empty = ask_of(manager).empty
    if empty and await audience.count(ctx.session, ctx.actor, spec) == 0:
        raise InvalidInput(empty)
    await manager.done({"audience": spec.to_json()})
