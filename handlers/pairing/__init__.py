"""Forming a pair: a coordinator's wizard and a mentor's proposal (two dialogs), opened from
the /pairs and /mentorships screens' buttons."""

from __future__ import annotations

from aiogram import F, Router

from handlers.mentorship_ui import PairCb
from handlers.pairing.dialogs import create_dialog, propose_dialog
from handlers.pairing.handlers import start_forming, start_proposing, start_quick


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(F.chat.type == "private")
    router.callback_query.register(start_forming, PairCb.filter(F.step == "start"))
    router.callback_query.register(start_quick, PairCb.filter(F.step == "quick"))
    router.callback_query.register(start_proposing, PairCb.filter(F.step == "propose"))
    router.include_routers(create_dialog(), propose_dialog())
    return router
