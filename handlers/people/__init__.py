"""/participants and /pending: coordinators list, approve and manage people of their scope
(a dialog), opened also from a notice's button and from another screen's card button."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command

from bot.callbacks.people import PendingCb
from handlers.people.dialogs import people_dialog
from handlers.people.handlers import (
    card_pressed,
    participants_command,
    pending_command,
    pending_notice_pressed,
)
from handlers.ui import PeopleCb


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(F.chat.type == "private")
    router.message.register(participants_command, Command("participants"))
    router.message.register(pending_command, Command("pending"))
    router.callback_query.register(pending_notice_pressed, PendingCb.filter())
    router.callback_query.register(card_pressed, PeopleCb.filter(F.action == "open"))
    router.include_router(people_dialog())
    return router
