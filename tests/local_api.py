"""A local HTTP server standing in for the Bot API, for tests that run the bot (or an
operator command) the way an operator does: with BOT_TOKEN and TELEGRAM_API_URL pointing here."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from aiohttp import web

TOKEN = "123456:SMOKE-TOKEN"
USERNAME = "smoke_bot"
CHAT = {"id": 4242, "type": "private", "first_name": "Мария"}
USER = {"id": 4242, "is_bot": False, "first_name": "Мария", "language_code": "ru"}


def command_update(update_id: int, text: str = "/start", chat_id: int = 4242) -> dict[str, Any]:
    user = {**USER, "id": chat_id}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 1_700_000_000,
            "chat": {**CHAT, "id": chat_id},
            "from": user,
            "text": text,
            "entities": [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}],
        },
    }


class LocalBotApi:
    """Just enough of the Bot API: getMe, long polling from a list of updates, sends recorded
    (each taking `send_delay` seconds, as a real request takes a moment), everything else ok.
    A send to `hold_chat` waits for `release` (`holding` tells it arrived): a request in flight
    for as long as a test needs."""

    def __init__(self, updates: list[dict[str, Any]] | None = None, send_delay: float = 0.0):
        self.methods: list[str] = []
        self.sent: list[dict[str, Any]] = []
        self.updates = list(updates or [])
        self.send_delay = send_delay
        self.answered = asyncio.Event()
        self.hold_chat: int | None = None
        self.holding = asyncio.Event()
        self.release = asyncio.Event()

    def sent_to(self, chat_id: int) -> list[dict[str, Any]]:
        return [p for p in self.sent if int(p.get("chat_id", 0)) == chat_id]

    async def handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        self.methods.append(method)
        params: dict[str, Any] = dict(await request.post())
        if method == "getMe":
            result: Any = {"id": 1, "is_bot": True, "first_name": "Bot", "username": USERNAME}
        elif method == "getUpdates":
            offset = int(params.get("offset") or 0)
            result = [u for u in self.updates if u["update_id"] >= offset]
            if not result:
                await asyncio.sleep(0.2)  # a short long-poll
        elif method == "sendMessage":
            await asyncio.sleep(self.send_delay)
            if self.hold_chat is not None and int(params.get("chat_id", 0)) == self.hold_chat:
                self.holding.set()
                await self.release.wait()
            self.sent.append(params)
            result = {
                "message_id": 100 + len(self.sent),
                "date": 1_700_000_000,
                "chat": {**CHAT, "id": int(params.get("chat_id", CHAT["id"]))},
                "text": params.get("text", ""),
            }
            self.answered.set()
        else:  # deleteWebhook, setWebhook, setMyCommands, ...
            result = True
        return web.json_response({"ok": True, "result": result})


@asynccontextmanager
async def serving(api: LocalBotApi) -> AsyncIterator[str]:
    """Serve `api` on a free local port; yields its base URL (for TELEGRAM_API_URL)."""
    server = web.Application()
    server.router.add_route("POST", "/bot{token}/{method}", api.handle)
    runner = web.AppRunner(server)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()
