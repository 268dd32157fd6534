"""Webhook mode: an aiohttp application with the secret-token check and a health endpoint."""

from __future__ import annotations

from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web
from sqlalchemy import text

from bot.app import App

HEALTH_PATH = "/healthz"


class _RequestHandler(SimpleRequestHandler):
    async def close(self) -> None:
        """aiogram closes the bot's session when the web app shuts down, before the requests
        in progress have finished and while the sender still completes its own: App.close
        closes it, last."""


def create_web_app(app: App) -> web.Application:
    settings = app.settings
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
    if not secret:
        # Without a secret aiogram accepts any POST as an update from Telegram.
        raise ValueError("WEBHOOK_SECRET must be set in webhook mode")
    web_app = web.Application()
    # handle_in_background=False: we answer 200 only after the update was handled and
    # committed, so a crash makes Telegram redeliver it; redeliveries are deduplicated by
    # update_id in the database middleware.
    _RequestHandler(
        dispatcher=app.dispatcher, bot=app.bot, secret_token=secret, handle_in_background=False
    ).register(web_app, path=settings.webhook_path)
    setup_application(web_app, app.dispatcher, bot=app.bot)

    async def health(_request: web.Request) -> web.Response:
        async with app.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        return web.json_response({"status": "ok"})

    web_app.router.add_get(HEALTH_PATH, health)
    return web_app
