"""The meeting log: /meet (a dialog), a saved entry's edit (a dialog started from its card),
the card with confirm / dispute / keep / void / delete, a mentor's entries and record, and
the coordinators' totals (plain screens of CallbackData buttons)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command

from bot.callbacks.mentorship import MeetingCb
from handlers.meetings import card, dispute, record, totals
from handlers.meetings.dialogs import edit_dialog, log_dialog
from handlers.meetings.handlers import start, start_edit, start_for
from handlers.meetings.record import send_record

__all__ = ["create_router", "send_record"]


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(F.chat.type == "private")
    router.message.register(start, Command("meet"))
    router.callback_query.register(start_for, MeetingCb.filter(F.action == "new"))
    router.callback_query.register(start_edit, MeetingCb.filter(F.action == "edit"))
    router.callback_query.register(dispute.ask_reason, MeetingCb.filter(F.action == "no"))
    card.register(router)
    record.register(router)
    totals.register(router)
    router.include_routers(log_dialog(), edit_dialog(), dispute.dispute_dialog())
    return router
