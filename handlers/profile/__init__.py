"""/profile: see and edit one's own data, delete the account (a dialog); /mydata: export it."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command

from handlers.profile.dialogs import profile_dialog
from handlers.profile.handlers import mydata, show


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(F.chat.type == "private")
    router.message.register(show, Command("profile"))
    router.message.register(mydata, Command("mydata"))
    router.include_router(profile_dialog())
    return router
