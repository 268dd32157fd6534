"""/campaigns: a coordinator launches a survey campaign (or a periodic schedule) to an
audience of their scope (the shared picker), with a preview of its size, and follows each
campaign on its card: its results as a message, an XLSX file and charts, closing it early.
The button on the scheduler's notes to a campaign's owner opens the card."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command

from bot.callbacks.surveys import CampaignCb
from handlers.campaigns import handlers as on
from handlers.campaigns.dialogs import campaigns_dialog, launch_dialog

__all__ = ["create_router"]


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(F.chat.type == "private")
    router.message.register(on.campaigns_command, Command("campaigns"))
    router.callback_query.register(on.card_pressed, CampaignCb.filter(F.a == "op"))
    router.include_routers(campaigns_dialog(), launch_dialog())
    return router
