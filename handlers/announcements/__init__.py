"""/announce: write, attach, pick the audience (the shared picker), preview, then send now or
at a chosen time; and the buttons on saved announcements (cancel a scheduled one, stop one
that is running). /newevent hands its event over to the same audience, preview and sending
(handlers.announcements.events)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command

from handlers.announcements import events
from handlers.announcements.dialogs import announce_dialog
from handlers.announcements.handlers import start
from handlers.announcements.saved import saved_router

__all__ = ["create_router"]


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(F.chat.type == "private")
    router.message.register(start, Command("announce"))
    router.include_routers(saved_router(), announce_dialog(), events.create_router())
    return router
