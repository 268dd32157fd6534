"""Which rate limiter a sender uses: shared through Redis in scale mode, in-process else."""

from __future__ import annotations

from typing import Any

from bot.delivery.local_limits import RateLimiter
from bot.delivery.redis_limits import SharedRateLimiter
from bot.settings import Settings

Limiter = RateLimiter | SharedRateLimiter


def make_limiter(settings: Settings, redis: Any = None) -> Limiter:
    """Shared through Redis in scale mode (several processes, one token); in-process else."""
    limits = (
        settings.outbox_rate_per_second,
        settings.outbox_chat_interval_seconds,
        settings.outbox_group_per_minute,
    )
    return SharedRateLimiter(redis, *limits) if redis is not None else RateLimiter(*limits)
