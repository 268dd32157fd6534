"""Who acts in this update, and in which world: one object instead of eight parameters.

The context middleware builds it once per update; handlers, dialog getters and on-click
callbacks take `ctx` and find the session, the clock, the person and their language on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Texts, Translator
from bot.services.access import Actor
from bot.services.errors import Forbidden
from bot.settings import Settings
from models import Participant


@dataclass(frozen=True, slots=True)
class Ctx:
    session: AsyncSession
    clock: Clock
    settings: Settings
    translator: Translator
    texts: Texts
    zone: ZoneInfo
    actor: Actor
    participant: Participant | None

    @property
    def person(self) -> Participant:
        """The registered person acting; a stranger is told to register (and nothing runs)."""
        if self.participant is None:
            raise Forbidden("error-not-registered")
        return self.participant
