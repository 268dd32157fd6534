"""The composition root: one factory wires bot, dispatcher, storage, sender and scheduler.

Production, the offline demo and the tests all build the application here, so what the tests
drive is what runs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.filters import ExceptionTypeFilter
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage, DefaultKeyBuilder
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram_dialog import setup_dialogs
from aiogram_dialog.api.exceptions import OutdatedIntent, UnknownIntent, UnknownState
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.clock import Clock, SystemClock
from bot.db import create_engine, create_session_factory
from bot.delivery import OutboxSender, make_limiter
from bot.dialog_ids import use_unique_intent_ids
from bot.errors import on_error, on_stale_dialog
from bot.i18n import Translator
from bot.middlewares.callback_answers import RecordCallbackAnswers
from bot.middlewares.commands import (
    CommandLeavesDialogMiddleware,
    PendingGateMiddleware,
)
from bot.middlewares.context import ContextMiddleware
from bot.middlewares.database import DatabaseMiddleware
from bot.middlewares.in_flight import InFlightUpdates
from bot.middlewares.response_types import KeepResponseTypes
from bot.middlewares.throttling import MemoryRateCounter, RedisRateCounter, ThrottlingMiddleware
from bot.services.surveys.library import library_at
from bot.settings import Settings
from bot.storage import SqlStorage
from bot.uploads import UploadParser
from handlers import get_routers
from handlers.kit.under import NoticeKeepingMessageManager
from models import Participant
from models.enums import ParticipantStatus
from scheduler.delivery_reports import DeliveryReports
from scheduler.setup import RunningTicks, create_scheduler

log = logging.getLogger(__name__)

# aiogram checks the token's shape; the demo and the tests talk to a fake API with this one.
OFFLINE_TOKEN = "1000000001:offline-demo-token-not-for-telegram"


@dataclass
class App:
    settings: Settings
    engine: AsyncEngine
    factory: async_sessionmaker[AsyncSession]
    translator: Translator
    clock: Clock
    bot: Bot
    dispatcher: Dispatcher
    storage: BaseStorage
    sender: OutboxSender
    scheduler: AsyncIOScheduler | None = None
    redis: Any = None
    # Uploaded files are parsed here, in a worker process with limits (bot.uploads).
    uploads: UploadParser = field(default_factory=UploadParser)
    extras: dict[str, Any] = field(default_factory=dict)
    updates: InFlightUpdates = field(default_factory=InFlightUpdates)
    ticks: RunningTicks = field(default_factory=RunningTicks)
    reports: DeliveryReports | None = None

    async def close(self) -> None:
        if self.scheduler is not None and self.scheduler.running:
            # No more ticks; the one running is cancelled and puts back what it claimed.
            self.scheduler.shutdown(wait=False)
        await self.ticks.wait()
        if self.reports is not None:
            await self.reports.close()
        await self.sender.settle()
        await self.uploads.close()
        await self.dispatcher.storage.close()
        await self.dispatcher.fsm.events_isolation.close()
        await self.bot.session.close()
        if self.redis is not None:
            await self.redis.aclose()
        await self.engine.dispose()


async def _chosen_language(factory: async_sessionmaker[AsyncSession], tg_id: int) -> str | None:
    async with factory() as session:
        return await session.scalar(
            select(Participant.language).where(
                Participant.tg_id == tg_id, Participant.status != ParticipantStatus.deleted
            )
        )


def bot_session(settings: Settings) -> BaseSession:
    if settings.telegram_api_url.rstrip("/") == "https://api.telegram.org":
        return AiohttpSession()
    # A self-hosted Telegram Bot API server (no 20 MB download limit, local files).
    return AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))


def create_bot(settings: Settings, session: BaseSession | None = None) -> Bot:
    """The bot as every command talks to Telegram: the configured API server, HTML texts.
    Without a token (the demo, the tests) it has one of the right shape for a fake API."""
    token = settings.bot_token.get_secret_value() if settings.bot_token else OFFLINE_TOKEN
    return Bot(
        token,
        session=session or bot_session(settings),
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


def _storage(
    settings: Settings, factory: async_sessionmaker[AsyncSession]
) -> tuple[BaseStorage, BaseEventIsolation, Any]:
    keys = DefaultKeyBuilder(with_bot_id=True, with_destiny=True)
    if settings.redis_url:
        from aiogram.fsm.storage.redis import RedisStorage
        from redis.asyncio import Redis

        redis = Redis.from_url(settings.redis_url)
        storage = RedisStorage(redis, key_builder=keys)
        # A lock in Redis: two processes never handle two updates of one person at once.
        return storage, storage.create_isolation(), redis
    # One process: an in-process lock per person is enough (aiogram's default is no lock).
    return SqlStorage(factory, keys), SimpleEventIsolation(), None


def build_app(
    settings: Settings,
    *,
    session: BaseSession | None = None,
    clock: Clock | None = None,
    with_scheduler: bool = True,
    translator: Translator | None = None,
) -> App:
    """The bot wired up. ``translator``: locales already loaded (the tests load them once for
    every app they build); by default they are loaded here."""
    if translator is None:
        translator = Translator.load(default=settings.default_locale)
    elif translator.default != settings.default_locale:
        raise ValueError(
            f"the translator defaults to {translator.default!r},"
            f" the settings to {settings.default_locale!r}"
        )
    clock = clock or SystemClock()
    engine = create_engine(settings)
    factory = create_session_factory(engine)
    bot = create_bot(settings, session)
    bot.session.middleware(RecordCallbackAnswers())  # so that a press is answered once
    bot.session.middleware(KeepResponseTypes())  # parsing an answer builds no model anew
    storage, isolation, redis = _storage(settings, factory)
    dispatcher = Dispatcher(storage=storage, events_isolation=isolation)
    # In scale mode the rate limits live in Redis: every process sends with the same token.
    sender = OutboxSender(bot, factory, settings, clock, make_limiter(settings, redis))

    counter = (
        RedisRateCounter(redis, settings.throttle_period_seconds)
        if redis is not None
        else MemoryRateCounter(settings.throttle_period_seconds)
    )
    # Order matters: counted first (a stop waits for every update it let in), throttle
    # before opening a transaction, context inside it.
    updates = InFlightUpdates()
    dispatcher.update.outer_middleware(updates)
    dispatcher.update.outer_middleware(
        ThrottlingMiddleware(
            counter, settings.throttle_rate, translator, partial(_chosen_language, factory)
        )
    )
    dispatcher.update.outer_middleware(
        DatabaseMiddleware(
            factory,
            sender.wake,
            dedup_updates=bool(settings.webhook_url),
            record_at_commit=settings.is_sqlite,
        )
    )
    dispatcher.update.outer_middleware(ContextMiddleware(settings, translator, clock))
    # On messages (not updates): the main menu's presses arrive here as command messages too.
    dispatcher.message.outer_middleware(PendingGateMiddleware())
    dispatcher.errors.register(
        on_stale_dialog, ExceptionTypeFilter(UnknownIntent, OutdatedIntent, UnknownState)
    )
    dispatcher.errors.register(on_error)
    dispatcher.include_routers(*get_routers())
    # Dialogs keep their stack in the same storage and take the same per-person lock.
    use_unique_intent_ids()
    setup_dialogs(
        dispatcher, events_isolation=isolation, message_manager=NoticeKeepingMessageManager()
    )
    dispatcher.message.middleware(CommandLeavesDialogMiddleware())  # needs the dialog manager

    app = App(
        settings,
        engine,
        factory,
        translator,
        clock,
        bot,
        dispatcher,
        storage,
        sender,
        redis=redis,
        updates=updates,
    )
    # The delivery reports follow the sender's progress, not only the tick.
    app.reports = DeliveryReports(factory, clock, settings, translator, sender.wake)
    sender.on_settled = app.reports.delivered
    # Handlers and the error handler reach these by naming a keyword parameter.
    dispatcher["app"] = app
    dispatcher["factory"] = factory
    dispatcher["sender"] = sender
    dispatcher["uploads"] = app.uploads
    # Survey templates are validated here: a broken file stops the start, naming the file
    # and the question, instead of failing in the middle of someone's survey.
    dispatcher["survey_library"] = library_at(settings.survey_templates_dir)
    if with_scheduler:
        app.scheduler = create_scheduler(factory, clock, settings, translator, app.ticks)
    return app
