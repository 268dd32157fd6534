"""Pairs and groups: /mentorships (a person's own), /pairs (a coordinator's scope) and one
pair's card, as dialogs; the CallbackData buttons of the notices and of the pair wizard's,
meeting log's and plans' screens open them.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command

from bot.callbacks.mentorship import FbCb, MsCb, TalkCb
from handlers.mentorship_ui import ScopeCb
from handlers.mentorships import handlers as on
from handlers.mentorships.dialogs import card_dialog, mine_dialog, scope_dialog
from handlers.mentorships.talk import reply_pressed, talk_dialog


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(F.chat.type == "private")
    router.message.register(on.mentorships_command, Command("mentorships"))
    router.message.register(on.pairs_command, Command("pairs"))
    router.callback_query.register(on.list_pressed, MsCb.filter(F.action == "list"))
    router.callback_query.register(on.home_pressed, ScopeCb.filter(F.action == "home"))
    router.callback_query.register(on.card_pressed, MsCb.filter(F.action.in_({"open", "meetings"})))
    router.callback_query.register(on.answer_pressed, MsCb.filter(F.action.in_({"cf", "dc"})))
    router.callback_query.register(on.decision_pressed, MsCb.filter(F.action.in_({"ap", "rj"})))
    router.callback_query.register(on.end_answer_pressed, MsCb.filter(F.action.in_({"ec", "ed"})))
    router.callback_query.register(on.rating_pressed, FbCb.filter(F.action == "r"))
    router.callback_query.register(reply_pressed, TalkCb.filter())
    router.include_routers(mine_dialog(), scope_dialog(), card_dialog(), talk_dialog())
    return router
