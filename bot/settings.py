"""Settings of the whole application, read from the environment and `.env`.

Every field is documented in `.env.example`; the names there are the upper-case field names.
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./mentorbot.sqlite3"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # Telegram
    bot_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
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

    log_level: str = "INFO"

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        # ADMIN_IDS=1,2,3 reads better in .env than a JSON list.
        if isinstance(value, str):
            return [int(part) for part in value.replace(";", ",").split(",") if part.strip()]
        if isinstance(value, int):
            return [value]
        return value

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
