"""Slow steps for tests: requests to the fake Bot API that take time or wait for a signal,
and an upload parse that waits for one."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from bot.fakes.telegram import FakeTelegram
from bot.uploads import UploadParser

T = TypeVar("T")


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


class GatedUploads(UploadParser):
    """The real upload parser behind a gate: the upload's update is in flight, waiting for
    its parse, until the test opens it."""

    def __init__(self, real: UploadParser) -> None:
        super().__init__(real.limits)
        self.real = real
        self.gate = Gate()

    async def parse(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        self.gate.reached.set()
        await self.gate.opened.wait()
        return await self.real.parse(function, *args, **kwargs)
