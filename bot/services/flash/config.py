"""Tunables of flash mentoring and the environment its services run in.

The wave size, wave timeout, number of waves and the "Not now" pause are settings
(flash_wave_size, flash_wave_timeout_minutes, flash_max_waves, flash_snooze_hours in
bot/settings.py); the defaults below apply to a settings object without them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Texts, Translator

DEFAULT_WAVE_SIZE = 3
DEFAULT_WAVE_TIMEOUT_MINUTES = 30
DEFAULT_MAX_WAVES = 3
DEFAULT_SNOOZE_HOURS = 4

# How long a request waits for a mentor, by the requester's "when".
TIMING_HORIZON = {"week": timedelta(days=7), "flexible": timedelta(days=14)}
# "Today" asked late in the evening still gets a few hours.
TODAY_MINIMUM = timedelta(hours=3)
DRAFT_TTL = timedelta(days=1)
# After a match: remind the mentor to propose a time, and give up if none is ever agreed.
MATCH_NUDGE = timedelta(days=1)
MATCH_TTL = timedelta(days=7)
# After the agreed time: ask whether it took place; close unanswered sessions later.
FOLLOWUP_DELAY = timedelta(hours=1)
FOLLOWUP_TTL = timedelta(days=7)
# A little after offers go out: find those that could not be delivered (blocked bot).
DELIVERY_CHECK = timedelta(minutes=2)
# Offers go out at night too, but a wave's timeout does not run out at night: a mentor who
# sleeps is not a mentor who declined. Hours in the requester's zone.
QUIET_FROM_HOUR = 22
QUIET_TO_HOUR = 8


@dataclass(frozen=True)
class FlashConfig:
    wave_size: int = DEFAULT_WAVE_SIZE
    wave_timeout: timedelta = timedelta(minutes=DEFAULT_WAVE_TIMEOUT_MINUTES)
    max_waves: int = DEFAULT_MAX_WAVES
    snooze: timedelta = timedelta(hours=DEFAULT_SNOOZE_HOURS)

    @classmethod
    def from_settings(cls, settings: Any) -> FlashConfig:
        return cls(
            wave_size=max(1, int(getattr(settings, "flash_wave_size", DEFAULT_WAVE_SIZE))),
            wave_timeout=timedelta(
                minutes=float(
                    getattr(settings, "flash_wave_timeout_minutes", DEFAULT_WAVE_TIMEOUT_MINUTES)
                )
            ),
            max_waves=max(1, int(getattr(settings, "flash_max_waves", DEFAULT_MAX_WAVES))),
            snooze=timedelta(
                hours=float(getattr(settings, "flash_snooze_hours", DEFAULT_SNOOZE_HOURS))
            ),
        )


@dataclass(frozen=True)
class FlashEnv:
    """What every flash service needs besides the actor: one transaction, the time, the
    texts for messages to other people (each in their own language) and the tunables."""

    session: AsyncSession
    clock: Clock
    translator: Translator
    config: FlashConfig

    def texts(self, lang: str) -> Texts:
        return self.translator.for_lang(lang)

    @classmethod
    def of(
        cls, session: AsyncSession, clock: Clock, translator: Translator, settings: Any
    ) -> FlashEnv:
        return cls(session, clock, translator, FlashConfig.from_settings(settings))
