"""Events, a part of announcements: /newevent (a dialog that hands its draft to /announce's
audience, preview and sending), /events (what is coming, one's answers, the author's events
and their attendance) and the CallbackData buttons of the messages sent to other people."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command

from bot.callbacks.events import EventCb, ManageCb, PreviewCb
from handlers.announcements.events import handlers as on
from handlers.announcements.events import notices
from handlers.announcements.events.dialogs import events_dialog, new_event_dialog


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(F.chat.type == "private")
    router.message.register(on.newevent_command, Command("newevent"))
    router.message.register(on.events_command, Command("events"))
    router.callback_query.register(notices.on_rsvp, EventCb.filter(F.action.in_({"go", "no"})))
    router.callback_query.register(
        notices.on_attended, EventCb.filter(F.action.in_({"here", "away"}))
    )
    router.callback_query.register(notices.on_mark_attendance, ManageCb.filter(F.action == "att"))
    router.callback_query.register(notices.on_preview_button, PreviewCb.filter())
    router.include_routers(new_event_dialog(), events_dialog())
    return router
