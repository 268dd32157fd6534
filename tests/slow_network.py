"""A network in front of the fake Bot API: requests that take time, or wait for a signal."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from bot.fakes.telegram import FakeTelegram


def add_latency(fake: FakeTelegram, seconds: float) -> None:
    """Every request takes `seconds`, as over a real connection: without it a handler's
    requests finish at once and hide what a transaction holds across them."""
    original = fake.make_request

    async def make_request(bot: Any, method: Any, *args: Any, **kwargs: Any) -> Any:
        await asyncio.sleep(seconds)
        return await original(bot, method, *args, **kwargs)

    fake.make_request = make_request  # type: ignore[method-assign]


@dataclass
class Gate:
    reached: asyncio.Event = field(default_factory=asyncio.Event)  # a request is waiting
    opened: asyncio.Event = field(default_factory=asyncio.Event)

    def open(self) -> None:
        self.opened.set()


def hold_requests_to(fake: FakeTelegram, chat_id: int) -> Gate:
    """Requests to `chat_id` wait until the gate opens: an update in a slow step."""
    gate = Gate()
    original = fake.make_request

    async def make_request(bot: Any, method: Any, *args: Any, **kwargs: Any) -> Any:
        if getattr(method, "chat_id", None) == chat_id:
            gate.reached.set()
            await gate.opened.wait()
        return await original(bot, method, *args, **kwargs)

    fake.make_request = make_request  # type: ignore[method-assign]
    return gate
