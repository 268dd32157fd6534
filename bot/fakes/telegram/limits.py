"""Telegram's limits as the fake enforces them: sizes of texts, buttons and files, and the
broadcast rate limits (answered with 429 when enforce_limits is on)."""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field
from typing import Final

from bot.telegram_markup import CAPTION_LIMIT, MESSAGE_LIMIT

# Limits documented at https://core.telegram.org/bots/api and /bots/faq.
MAX_TEXT_LENGTH: Final = MESSAGE_LIMIT
MAX_CAPTION_LENGTH: Final = CAPTION_LIMIT
MAX_CALLBACK_DATA_BYTES: Final = 64
MAX_INLINE_BUTTONS: Final = 100
MAX_CALLBACK_ANSWER_LENGTH: Final = 200
MAX_UPLOAD_BYTES: Final = 50 * 1024 * 1024
MAX_DOWNLOAD_BYTES: Final = 20 * 1024 * 1024


class RateWindow:
    """Sliding-window log: at most ``capacity`` events per ``seconds``."""

    def __init__(self, rate: float, period: float) -> None:
        if rate <= 0:
            raise ValueError("rate limits must be positive")
        # Fractional rates (0.5/s) become "one event per 2 s" rather than rounding to zero.
        self.capacity = max(1, math.floor(rate)) if rate >= 1 else 1
        self.seconds = period if rate >= 1 else period / rate
        self.stamps: deque[float] = deque()

    def wait(self, now: float) -> float:
        while self.stamps and self.stamps[0] <= now - self.seconds:
            self.stamps.popleft()
        if len(self.stamps) < self.capacity:
            return 0.0
        return self.stamps[0] + self.seconds - now


@dataclass
class RateLimits:
    per_second: float
    per_chat_per_second: float
    per_group_per_minute: int
    global_window: RateWindow = field(init=False)
    chats: dict[int, RateWindow] = field(default_factory=dict)
    groups: dict[int, RateWindow] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.global_window = RateWindow(self.per_second, 1.0)
        RateWindow(self.per_chat_per_second, 1.0)  # validate eagerly, not on first send
        RateWindow(self.per_group_per_minute, 60.0)

    def windows(self, chat_id: int) -> list[RateWindow]:
        chat = self.chats.setdefault(chat_id, RateWindow(self.per_chat_per_second, 1.0))
        windows = [self.global_window, chat]
        if chat_id < 0:
            windows.append(
                self.groups.setdefault(chat_id, RateWindow(self.per_group_per_minute, 60.0))
            )
        return windows
