"""Running the bot: migrations, scheduler, outbox sender, then polling or the webhook server."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from aiohttp import web

from bot.app import App, build_app
from bot.migrate import upgrade
from bot.services.surveys.templates import TemplateError
from bot.settings import Settings
from handlers.menu import set_default_commands

log = logging.getLogger(__name__)


async def start_background(app: App) -> asyncio.Task[None]:
    if app.scheduler is not None:
        app.scheduler.start()
    return asyncio.create_task(app.sender.run(), name="outbox-sender")


async def run(settings: Settings) -> None:
    if settings.bot_token is None:
        raise SystemExit(
            "BOT_TOKEN is not set. Put it into .env or the environment (see .env.example)."
        )
    await upgrade(settings.database_url)  # the embedded default needs no separate step
    try:
        app = build_app(settings)
    except TemplateError as error:
        # The operator's console: which file and which question, not a traceback.
        raise SystemExit(f"A survey template cannot be used: {error}") from None
    sender = await start_background(app)
    try:
        await set_default_commands(app.bot, app.translator)
        if settings.webhook_url:
            await _serve_webhook(app)
        else:
            await app.bot.delete_webhook(drop_pending_updates=False)
            # tasks_concurrency_limit: a backlog after downtime cannot exhaust memory.
            await app.dispatcher.start_polling(
                app.bot, handle_as_tasks=True, tasks_concurrency_limit=64, close_bot_session=False
            )
    finally:
        sender.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sender
        await app.close()


async def _serve_webhook(app: App) -> None:
    from bot.webhook import create_web_app

    settings = app.settings
    web_app = create_web_app(app)
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
    await app.bot.set_webhook(
        f"{settings.webhook_url.rstrip('/')}{settings.webhook_path}",  # type: ignore[union-attr]
        secret_token=secret,
        drop_pending_updates=False,
    )
    runner = web.AppRunner(web_app)
    await runner.setup()
    site = web.TCPSite(runner, settings.web_host, settings.web_port)
    await site.start()
    log.info("webhook server on %s:%s", settings.web_host, settings.web_port)
    try:
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()
