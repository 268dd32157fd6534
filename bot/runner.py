"""Running the bot: migrations, scheduler, outbox sender, then polling or the webhook server.

SIGTERM (systemd, docker) and SIGINT (Ctrl-C) stop it the same way in both modes: no more
updates are taken, the updates being handled finish, the sender lets its requests in flight
complete and puts back what it claimed but did not send, and the process exits 0.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Iterator

from aiohttp import web

from bot.app import App, build_app
from bot.migrate import upgrade
from bot.services import dates
from bot.services.surveys.templates import TemplateError
from bot.settings import Settings
from handlers.menu import set_default_commands

log = logging.getLogger(__name__)

# How long a stop waits for the updates being handled. Docker kills 10 s after SIGTERM by
# default (systemd after 90 s): the sender's own stop needs the rest.
STOP_GRACE_SECONDS = 8.0
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


async def start_background(app: App) -> asyncio.Task[None]:
    if app.scheduler is not None:
        app.scheduler.start()
    return asyncio.create_task(app.sender.run(), name="outbox-sender")


async def run(settings: Settings) -> None:
    if settings.bot_token is None:
        raise SystemExit(
            "BOT_TOKEN is not set. Put it into .env or the environment (see .env.example)."
        )
    stop = asyncio.Event()
    with _stop_on_signals(stop):
        await upgrade(settings.database_url)  # the embedded default needs no separate step
        try:
            app = build_app(settings)
        except TemplateError as error:
            # The operator's console: which file and which question, not a traceback.
            raise SystemExit(f"A survey template cannot be used: {error}") from None
        sender = await start_background(app)
        await asyncio.to_thread(dates.warm_up)  # not on the loop, not on the first person
        try:
            await set_default_commands(app.bot, app.translator)
            if settings.webhook_url:
                await _serve_webhook(app, stop)
            else:
                await _poll(app, stop)
            await _finish_updates(app)
        finally:
            sender.cancel()  # its own stop: requests in flight complete, the rest goes back
            with contextlib.suppress(asyncio.CancelledError):
                await sender
            await app.close()
    log.info("stopped")


@contextlib.contextmanager
def _stop_on_signals(stop: asyncio.Event) -> Iterator[None]:
    """Turn SIGTERM and SIGINT into `stop` (no KeyboardInterrupt, no abrupt exit)."""
    loop = asyncio.get_running_loop()

    def on_signal(signum: signal.Signals) -> None:
        if stop.is_set():
            log.warning("%s: already stopping", signum.name)
        else:
            log.info("%s: stopping", signum.name)
        stop.set()

    installed = []
    for signum in STOP_SIGNALS:
        with contextlib.suppress(NotImplementedError):  # not on Windows
            loop.add_signal_handler(signum, on_signal, signum)
            installed.append(signum)
    try:
        yield
    finally:
        for signum in installed:
            loop.remove_signal_handler(signum)


async def _poll(app: App, stop: asyncio.Event) -> None:
    await app.bot.delete_webhook(drop_pending_updates=False)
    if stop.is_set():
        return
    # tasks_concurrency_limit: a backlog after downtime cannot exhaust memory. The signals are
    # ours (handle_signals=False): one stop for polling and everything around it.
    polling = asyncio.create_task(
        app.dispatcher.start_polling(
            app.bot,
            handle_as_tasks=True,
            tasks_concurrency_limit=64,
            close_bot_session=False,
            handle_signals=False,
        )
    )
    stopping = asyncio.create_task(stop.wait())
    try:
        await asyncio.wait({polling, stopping}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopping.cancel()
    if not polling.done():
        try:
            await app.dispatcher.stop_polling()
        except RuntimeError:  # stopped before it had started
            polling.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await polling


async def _finish_updates(app: App) -> None:
    """Let the updates being handled finish (polling runs each as a task of its own)."""
    try:
        async with asyncio.timeout(STOP_GRACE_SECONDS):
            await app.updates.idle()
    except TimeoutError:
        log.warning("stopping with %s updates still being handled", app.updates.count)


async def _serve_webhook(app: App, stop: asyncio.Event) -> None:
    from bot.webhook import create_web_app

    settings = app.settings
    web_app = create_web_app(app)
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
    await app.bot.set_webhook(
        f"{settings.webhook_url.rstrip('/')}{settings.webhook_path}",  # type: ignore[union-attr]
        secret_token=secret,
        drop_pending_updates=False,
    )
    # On cleanup aiohttp stops listening, then waits this long for the requests in progress:
    # each is an update answered 200 only once it is handled and committed.
    runner = web.AppRunner(web_app, shutdown_timeout=STOP_GRACE_SECONDS)
    await runner.setup()
    site = web.TCPSite(runner, settings.web_host, settings.web_port)
    await site.start()
    log.info("webhook server on %s:%s", settings.web_host, settings.web_port)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()
