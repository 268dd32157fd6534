"""Answering a survey: /surveys (a dialog), and the button of an invitation, a reminder or
the «paused» note, which starts it where the respondent stopped."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command

from bot.callbacks.surveys import SurveyCb
from handlers.surveys.dialogs import answering_dialog
from handlers.surveys.handlers import go, list_surveys


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(F.chat.type == "private")
    router.message.register(list_surveys, Command("surveys"))
    router.callback_query.register(go, SurveyCb.filter(F.a == "go"))
    router.include_router(answering_dialog())
    return router
