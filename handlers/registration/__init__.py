"""Registration: /start (with an optional invite), consent, then the profile step by step
(a dialog; a registered person's /start is a greeting, or an invite applied at once)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import CommandStart

from handlers.registration.dialogs import registration_dialog
from handlers.registration.handlers import start


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(F.chat.type == "private")
    router.callback_query.filter(F.message.chat.type == "private")
    router.message.register(start, CommandStart())
    router.include_router(registration_dialog())
    return router
