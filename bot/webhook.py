"""Webhook mode: an aiohttp application with the secret-token check and a health endpoint."""

from __future__ import annotations

import logging
from typing import Any

from aiogram import Bot
from aiogram.methods import TelegramMethod
from aiogram.types import Update
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web
from pydantic import ValidationError
from sqlalchemy import text

from bot.app import App

log = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
# Telegram waits about a minute for an answer and then delivers the update again. An update
# still being handled after this long is answered 200 then and finishes in the background
# (aiogram's own choice, made explicit here); its redeliveries are recognised meanwhile.
ANSWER_WITHIN_SECONDS = 55.0
# Update ids are positive and fit the database's 64-bit integer.
_MAX_UPDATE_ID = 2**63 - 1


class UpdateRequestHandler(SimpleRequestHandler):
    """aiogram's handler, but a request that is not an update is answered 400 with one log
    line (aiogram raises, and aiohttp answers 500 with a traceback in the log)."""

    def __init__(self, *args: Any, answer_within: float = ANSWER_WITHIN_SECONDS, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._answer_within = answer_within

    async def _handle_request(self, bot: Bot, request: web.Request) -> web.Response:
        try:
            raw = await request.json(loads=bot.session.json_loads)
        except ValueError as error:  # not JSON, or not UTF-8
            return _refuse(request, f"not JSON ({type(error).__name__})")
        if not isinstance(raw, dict):
            return _refuse(request, f"a JSON {type(raw).__name__}, not an object")
        try:
            update = Update.model_validate(raw, context={"bot": bot})
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"]) or "update"
            return _refuse(request, f"not an update ({where}: {first['msg']})")
        if not 0 <= update.update_id <= _MAX_UPDATE_ID:
            return _refuse(request, "update_id out of range")
        result: TelegramMethod[Any] | None = await self.dispatcher.feed_webhook_update(
            bot, update, _timeout=self._answer_within, **self.data
        )
        return web.Response(body=self._build_response_writer(bot=bot, result=result))

    async def close(self) -> None:
        """aiogram closes the bot's session when the web app shuts down, before the requests
        in progress have finished and while the sender still completes its own: App.close
        closes it, last."""


def _refuse(request: web.Request, reason: str) -> web.Response:
    log.warning("webhook: refused a request from %s: %s", request.remote, reason)
    return web.json_response({"ok": False, "description": reason}, status=400)


def create_web_app(app: App, *, answer_within: float = ANSWER_WITHIN_SECONDS) -> web.Application:
    settings = app.settings
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
    if not secret:
        # Without a secret aiogram accepts any POST as an update from Telegram.
        raise ValueError("WEBHOOK_SECRET must be set in webhook mode")
    web_app = web.Application()
    # handle_in_background=False: an update is answered 200 after it was handled and
    # committed (or after ANSWER_WITHIN_SECONDS, see above), so a crash makes Telegram
    # redeliver it; redeliveries are deduplicated by update_id in the database middleware.
    UpdateRequestHandler(
        dispatcher=app.dispatcher,
        bot=app.bot,
        secret_token=secret,
        handle_in_background=False,
        answer_within=answer_within,
    ).register(web_app, path=settings.webhook_path)
    setup_application(web_app, app.dispatcher, bot=app.bot)

    async def health(_request: web.Request) -> web.Response:
        async with app.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        return web.json_response({"status": "ok"})

    web_app.router.add_get(HEALTH_PATH, health)
    return web_app
