"""What the survey windows show: the screen the services keep in survey_progress."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import DialogManager

from bot.context import Ctx
from bot.services.surveys import responding
from bot.services.surveys.responding import Screen
from handlers.kit.picks import choose
from handlers.surveys import screens


async def surveys(ctx: Ctx, **_: Any) -> dict[str, Any]:
    found = await responding.open_for(ctx.session, ctx.clock, ctx.person)
    return {
        "text": screens.list_text(ctx.texts, found, ctx.zone),
        "items": screens.list_items(ctx.texts, found),
    }


async def _screen(ctx: Ctx, manager: DialogManager) -> Screen:
    campaign_id = int(manager.dialog_data["campaign"])
    return await responding.where(ctx.session, ctx.clock, ctx.participant, campaign_id)


async def question(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    screen = await _screen(ctx, dialog_manager)
    if screen.question is None:  # answered elsewhere meanwhile: nothing left to ask here
        return {
            "text": screens.summary_text(ctx.texts, screen, ctx.texts.lang),
            **{key: [] for key in ("points", "pair", "options", "ticks")},
        }
    resumed = bool(dialog_manager.dialog_data.get("resumed"))
    items = screens.question_items(screen, ctx.texts.lang)
    if screen.question.kind == "multi":  # the ticks are the draft's, kept over a pause
        await choose(dialog_manager, "ticks", screens.ticked(screen))
    return {
        "text": screens.question_text(ctx.texts, screen, ctx.texts.lang, resumed=resumed),
        "multi": screen.question.kind == "multi",
        **items,
        **screens.moves(screen),
    }


async def summary(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    screen = await _screen(ctx, dialog_manager)
    return {"summary": screens.summary_text(ctx.texts, screen, ctx.texts.lang)}


async def change(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    screen = await _screen(ctx, dialog_manager)
    return {
        "summary": screens.summary_text(ctx.texts, screen, ctx.texts.lang),
        "items": screens.change_items(screen),
    }
