"""/invite: a coordinator makes a deep link that binds an organization and a role (a dialog)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command

from handlers.invites.dialogs import invite_dialog
from handlers.invites.handlers import start


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(F.chat.type == "private")
    router.message.register(start, Command("invite"))
    router.include_router(invite_dialog())
    return router
