"""Settings of the whole application, read from the environment and `.env`.

Every field is documented in `.env.example`; the names there are the upper-case field names.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./mentorbot.sqlite3"

# Telegram usernames: 5-32 letters, digits and underscores (bots' end in "bot").
_USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{3,31}")


def bot_username(value: str) -> str:
    """A bot's username as the operator may type it ("@my_bot" or "my_bot"), without the @."""
    name = value.strip().removeprefix("@")
    if not _USERNAME.fullmatch(name):
        raise ValueError(f"{value!r} is not a Telegram username (5-32 letters, digits, _)")
    return name


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # Telegram
    bot_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    # For links printed by operator commands when Telegram cannot be asked (no token, no
    # network); empty: asked from the Bot API (getMe) with the token.
    bot_username: str | None = None
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)

    # Storage
    database_url: str = DEFAULT_DATABASE_URL
    redis_url: str | None = None
    db_pool_size: int = 5
    db_max_overflow: int = 10

    # Webhook mode (long polling when webhook_url is empty)
    webhook_url: str | None = None
    webhook_path: str = "/telegram"
    webhook_secret: SecretStr | None = None
    web_host: str = "127.0.0.1"
    web_port: int = 8080

    # People and places
    default_locale: str = "ru"
    default_timezone: str = "Asia/Tomsk"
    operator_name: str = "Региональный центр наставничества"
    consent_version: str = "2025-09-01"

    # Protection
    throttle_rate: int = 8
    throttle_period_seconds: float = 4.0
    max_text_length: int = 1000

    # Background work
    scheduler_tick_seconds: int = 20
    outbox_batch_size: int = 50
    outbox_rate_per_second: float = 30.0
    outbox_chat_interval_seconds: float = 1.0
    outbox_group_per_minute: int = 20
    outbox_max_attempts: int = 8

    # Monitoring surveys
    survey_templates_dir: str = ""  # empty: the templates shipped in data/surveys
    survey_reminder_days: int = Field(default=3, ge=1)
    survey_max_reminders: int = Field(default=3, ge=0)

    # Flash mentoring: offers go to a wave of the best mentors at once; silence for the
    # timeout (night hours excluded) moves to the next wave, then to the coordinators.
    flash_wave_size: int = Field(default=3, ge=1)
    flash_wave_timeout_minutes: float = Field(default=30.0, gt=0)
    flash_max_waves: int = Field(default=3, ge=1)
    flash_snooze_hours: float = Field(default=4.0, gt=0)

    # Roadmaps: a reminder this many days before each deadline (ROADMAP_REMINDER_DAYS=14,3,0),
    # sent from this hour in the region's time zone; overdue work goes one level up after
    # ROADMAP_ESCALATE_AFTER_DAYS; an imported table may be at most this many megabytes.
    roadmap_reminder_days: Annotated[list[int], NoDecode] = Field(
        default_factory=lambda: [14, 3, 0]
    )
    roadmap_reminder_hour: int = Field(default=9, ge=0, le=23)
    roadmap_escalate_after_days: int = Field(default=7, ge=1)
    roadmap_import_max_mb: float = Field(default=5.0, gt=0, le=20)  # bots download ≤ 20 MB

    # Pairs and the meeting log: how many days back a meeting may be logged, and after how
    # many weeks without a meeting the mentor of a pair is nudged (at most once a week).
    meeting_log_window_days: int = Field(default=30, ge=1, le=366)
    mentorship_nudge_weeks: int = Field(default=3, ge=1, le=52)

    log_level: str = "INFO"

    @field_validator("admin_ids", "roadmap_reminder_days", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        # ADMIN_IDS=1,2,3 reads better in .env than a JSON list.
        if isinstance(value, str):
            return [int(part) for part in value.replace(";", ",").split(",") if part.strip()]
        if isinstance(value, int):
            return [value]
        return value

    @field_validator("roadmap_reminder_days")
    @classmethod
    def _reminder_days(cls, value: list[int]) -> list[int]:
        # A negative day would remind after the deadline, where overdue pushes take over.
        if not value or any(day < 0 for day in value):
            raise ValueError("reminder days must be a non-empty list of days >= 0")
        return sorted(set(value), reverse=True)

    @field_validator("bot_username")
    @classmethod
    def _username(cls, value: str | None) -> str | None:
        return bot_username(value) if value and value.strip() else None

    @field_validator("default_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)  # fail at start, not at the first reminder
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {value!r}") from error
        return value

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.default_timezone)
