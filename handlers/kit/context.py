"""The per-update context (bot/context.Ctx) as a dialog callback reaches it."""

from __future__ import annotations

from aiogram_dialog import DialogManager

from bot.context import Ctx


def ctx_of(manager: DialogManager) -> Ctx:
    """What the context middleware put in this update's data: session, clock, texts, actor…"""
    ctx: Ctx = manager.middleware_data["ctx"]
    return ctx
