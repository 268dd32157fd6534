"""What the /flash windows show: the person's own topics first, the draft as it stands."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import DialogManager

from bot.context import Ctx
from bot.services.flash import render, topics
from bot.services.flash import requests as flash_requests
from bot.services.flash.requests import FORMATS, TIMINGS
from handlers.flash.ui import topic_value


def _own_first(own: list[str], kind: str, catalog: tuple[str, ...], ctx: Ctx) -> list[Any]:
    """The person's own deficits or subjects first, starred: the likeliest answers."""
    keys = [k for k in catalog if k in own] + [k for k in catalog if k not in own]
    return [
        (
            topic_value(f"{kind}:{key}"),
            ("⭐ " if key in own else "") + ctx.texts(f"{kind}-{key}"),
        )
        for key in keys
    ]


def _keys(catalog: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(topic.partition(":")[2] for topic in catalog)


async def deficits(ctx: Ctx, **_: Any) -> dict[str, Any]:
    person = await flash_requests.requester_of(ctx.session, ctx.actor)
    own = list(person.deficits or [])
    return {"items": _own_first(own, topics.DEFICIT, _keys(topics.DEFICIT_TOPICS), ctx)}


async def subjects(ctx: Ctx, **_: Any) -> dict[str, Any]:
    person = await flash_requests.requester_of(ctx.session, ctx.actor)
    own = list(person.subjects or [])
    return {"items": _own_first(own, topics.SUBJECT, _keys(topics.SUBJECT_TOPICS), ctx)}


async def description(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    return {
        "topic": render.topic_name(ctx.texts, data.get("topic", "")),
        "max": flash_requests.DESCRIPTION_MAX,
        "value": render.esc(data.get("description", "")),
    }


def _marked(ctx: Ctx, step: str, values: tuple[str, ...], chosen: str | None) -> list[Any]:
    return [
        (value, ("• " if value == chosen else "") + ctx.texts(f"flash-{step}-{value}"))
        for value in values
    ]


async def formats(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    return {"items": _marked(ctx, "format", FORMATS, dialog_manager.dialog_data.get("format"))}


async def timings(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    return {"items": _marked(ctx, "timing", TIMINGS, dialog_manager.dialog_data.get("timing"))}


async def summary(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    request_id = int(dialog_manager.dialog_data["request_id"])
    request = await flash_requests.own(ctx.session, ctx.actor, request_id)
    return {"summary": render.request_summary(ctx.texts, request)}
