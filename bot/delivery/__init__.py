"""Delivery of the outbox (bot/services/outbox.py queues, this package sends).

Modules: sender (OutboxSender: claims batches, sends them, writes outcomes), store (its SQL
over the outbox rows), batch (a claimed batch and the sender's counters), local_limits (the
in-process rate limiter), redis_limits (the same limits shared through Redis in scale mode),
limits (which of the two a sender gets), methods (Bot API method classes by name).
"""

from bot.delivery.limits import Limiter, make_limiter
from bot.delivery.local_limits import RateLimiter
from bot.delivery.methods import method_class
from bot.delivery.redis_limits import ChatBusy, SharedRateLimiter
from bot.delivery.sender import OutboxSender

__all__ = [
    "ChatBusy",
    "Limiter",
    "OutboxSender",
    "RateLimiter",
    "SharedRateLimiter",
    "make_limiter",
    "method_class",
]
