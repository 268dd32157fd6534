"""Flash mentoring: /flash (a dialog), /requests, the mentors' /offers and offer buttons, the
session after a match and the coordinators' assigning."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command

from handlers.flash import coordinator, mentor, requests, session
from handlers.flash.dialogs import ask_dialog
from handlers.flash.handlers import start
from handlers.flash.talk import talk_dialog


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(F.chat.type == "private")
    router.message.register(start, Command("flash"))
    router.include_routers(
        requests.create_router(),
        mentor.create_router(),
        session.create_router(),
        coordinator.create_router(),
        ask_dialog(),
        talk_dialog(),
    )
    return router
