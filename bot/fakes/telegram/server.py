"""FakeTelegram: the fake server, its state and request path with every group of Bot API
methods it answers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.fakes.telegram.editing import EditingMethods
from bot.fakes.telegram.lookups import LookupMethods
from bot.fakes.telegram.messages import MessageMethods
from bot.fakes.telegram.profile import ProfileMethods
from bot.fakes.telegram.updates import UpdateMethods


class FakeTelegram(MessageMethods, EditingMethods, ProfileMethods, UpdateMethods, LookupMethods):
    """A stateful, in-memory Telegram Bot API server exposed as an aiogram session."""

    def __init__(
        self,
        *,
        bot_id: int = 7000000001,
        bot_username: str = "mentor_demo_bot",
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(bot_id=bot_id, bot_username=bot_username, clock=clock)
        self._handlers = {
            **self._message_methods(),
            **self._editing_methods(),
            **self._profile_methods(),
            **self._update_methods(),
            **self._lookup_methods(),
        }
