"""Loads, once per update, who is acting: participant, roles, scopes, language, time zone."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import BaseMiddleware
from aiogram.fsm.context import FSMContext
from aiogram.types import TelegramObject, User
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.context import Ctx
from bot.i18n import Translator
from bot.middlewares import callback_answers
from bot.services import directory
from bot.services.access import actor_for
from bot.services.registration import find_by_tg
from bot.settings import Settings
from models.enums import ParticipantStatus


class ContextMiddleware(BaseMiddleware):
    def __init__(self, settings: Settings, translator: Translator, clock: Clock) -> None:
        self._settings = settings
        self._translator = translator
        self._clock = clock

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        callback_answers.begin_update()
        user: User | None = data.get("event_from_user")
        session: AsyncSession = data["session"]
        data["clock"] = self._clock
        data["settings"] = self._settings
        data["translator"] = self._translator
        participant = await find_by_tg(session, user.id) if user else None
        if participant is not None and participant.status == ParticipantStatus.deleted:
            participant = None
        if participant is not None and participant.bot_blocked:
            participant.bot_blocked = False  # they wrote to us: they unblocked the bot
        lang = participant.language if participant is not None else None
        if lang is None:
            state: FSMContext | None = data.get("state")
            stored = (await state.get_data()).get("lang") if state else None
            lang = self._translator.resolve(stored, user.language_code if user else None)
        data["participant"] = participant
        data["actor"] = actor_for(user.id if user else 0, participant, self._settings.admin_ids)
        data["lang"] = lang
        data["texts"] = self._translator.for_lang(lang)
        data["zone"] = (
            await directory.zone_of_organization(session, participant.organization_id)
            if participant is not None
            else ZoneInfo(self._settings.default_timezone)
        )
        data["ctx"] = Ctx(
            session=session,
            clock=self._clock,
            settings=self._settings,
            translator=self._translator,
            texts=data["texts"],
            zone=data["zone"],
            actor=data["actor"],
            participant=participant,
        )
        return await handler(event, data)
