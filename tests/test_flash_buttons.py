"""The tunables come from settings and the bot registers the flash router (the buttons'
callback data: tests/test_notice_buttons.py)."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from pydantic import ValidationError

from bot.services.flash.config import (
    DEFAULT_MAX_WAVES,
    DEFAULT_WAVE_SIZE,
    DEFAULT_WAVE_TIMEOUT_MINUTES,
    FlashConfig,
)
from tests.conftest import base_settings


def test_config_defaults_and_settings() -> None:
    default = FlashConfig.from_settings(SimpleNamespace())
    assert (default.wave_size, default.max_waves) == (DEFAULT_WAVE_SIZE, DEFAULT_MAX_WAVES)
    assert default.wave_timeout == timedelta(minutes=DEFAULT_WAVE_TIMEOUT_MINUTES)
    tuned = FlashConfig.from_settings(
        SimpleNamespace(
            flash_wave_size=5,
            flash_wave_timeout_minutes=10,
            flash_max_waves=0,
            flash_snooze_hours=1.5,
        )
    )
    assert tuned.wave_size == 5 and tuned.wave_timeout == timedelta(minutes=10)
    assert tuned.max_waves == 1  # at least one wave, whatever the setting says
    assert tuned.snooze == timedelta(hours=1, minutes=30)


def test_the_real_settings_carry_the_tunables() -> None:
    config = FlashConfig.from_settings(
        base_settings(flash_wave_size=4, flash_wave_timeout_minutes=15, flash_max_waves=2)
    )
    assert (config.wave_size, config.max_waves) == (4, 2)
    assert config.wave_timeout == timedelta(minutes=15)
    assert FlashConfig.from_settings(base_settings()) == FlashConfig()
    with pytest.raises(ValidationError):
        base_settings(flash_wave_size=0)
    with pytest.raises(ValidationError):
        base_settings(flash_wave_timeout_minutes=0)


def test_the_bot_registers_flash_before_the_catch_all() -> None:
    from handlers import get_routers

    names = [router.name for router in get_routers()]
    assert names.index("handlers.flash") < names.index("handlers.fallback")


def test_every_kind_of_flash_due_work_has_a_handler() -> None:
    import scheduler.tick  # noqa: F401 - imports every job module, as the runner does
    from bot.services.flash import timers
    from scheduler.registry import handler_for

    kinds = [
        value
        for name, value in vars(timers).items()
        if name.isupper() and isinstance(value, str) and value.startswith("flash-")
    ]
    assert len(kinds) >= 12  # found at all: an empty list would prove nothing
    assert all(handler_for(kind) is not None for kind in kinds), kinds
