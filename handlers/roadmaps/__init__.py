"""Roadmaps: /roadmap (a dialog with its lists and dates for undated deadlines), importing a
table or a template (a dialog), one deadline's card and steps (a dialog), and the buttons of
the reminders and postponement requests sent to coordinators (CallbackData, opening those)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command

from bot.callbacks.roadmaps import PostponeCb, RoadmapCb
from bot.services.roadmaps.presses import PROGRESS
from handlers.roadmaps import status
from handlers.roadmaps.dialogs import home_dialog, import_dialog, status_dialog
from handlers.roadmaps.handlers import start


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(F.chat.type == "private")
    router.message.register(start, Command("roadmap"))
    presses = router.callback_query
    presses.register(status.on_screen, RoadmapCb.filter(F.action.in_(set(status.SCREENS))))
    presses.register(status.on_step, RoadmapCb.filter(F.action.in_(set(status.STEPS))))
    presses.register(status.on_progress_pressed, RoadmapCb.filter(F.action == PROGRESS))
    presses.register(status.on_old_screen, RoadmapCb.filter())
    presses.register(status.on_postpone_decision, PostponeCb.filter())
    router.include_routers(home_dialog(), import_dialog(), status_dialog())
    return router
