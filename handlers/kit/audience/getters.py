"""What the picker shows: the audience in words and its size, and each dimension's choices."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram_dialog import DialogManager

from bot.context import Ctx
from bot.services import audience
from handlers.kit.audience.handlers import ask_of, current
from handlers.kit.pages import paged

# Municipalities and organizations may be many: a page of them at a time.
PLACES_PAGE = 8

Getter = Callable[..., Awaitable[dict[str, Any]]]


async def summary(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    ask = ask_of(dialog_manager)
    spec = await current(dialog_manager)
    count = await audience.count(ctx.session, ctx.actor, spec)
    names = await audience.described(ctx.session, ctx.actor, ctx.texts, spec)
    offered = await audience.offered(ctx.session, ctx.actor)
    return {
        "summary": ctx.texts(ask.summary, **names, **ask.params, count=count),
        "next_label": ctx.texts(ask.next),
        "everyone": ask.everyone,
        "back": ask.back,
        **{dim: dim in offered for dim in audience.DIMENSIONS},
    }


def choices_of(dim: str, *, paged_by: str | None = None) -> Getter:
    """A dimension's choices (a page of them, under the Pager `paged_by`)."""

    async def getter(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
        spec = await current(dialog_manager)
        items = await audience.options(ctx.session, ctx.actor, ctx.texts, dim, spec)
        if paged_by is None:
            return {"items": items}
        page, pager = await paged(
            dialog_manager, paged_by, items, lambda item: item[1], per_page=PLACES_PAGE
        )
        return {"items": list(page.items), **pager}

    return getter
