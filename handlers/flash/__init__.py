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
    for legacy in (requests.router, mentor.router, session.router, coordinator.router):
        legacy._parent_router = None  # still module singletons: see handlers.get_routers
    router.include_routers(
        requests.router,
        mentor.router,
        session.router,
        coordinator.router,
        ask_dialog(),
        talk_dialog(),
    )
    return router
