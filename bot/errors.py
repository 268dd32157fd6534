"""The last resort: an unexpected error gets a polite answer, a log line and a note to admins."""

from __future__ import annotations

import logging
from typing import Any

from aiogram import Bot
from aiogram.types import ErrorEvent, Update, User
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import transaction
from bot.middlewares.database import answer_error
from bot.services import outbox
from bot.services.error_reports import ReportGate, report_gate
from bot.services.registration import find_by_tg

log = logging.getLogger(__name__)


def _from_user(update: Update) -> User | None:
    if update.message is not None:
        return update.message.from_user
    if update.callback_query is not None:
        return update.callback_query.from_user
    return None


async def _language(session: AsyncSession, app: Any, user: User | None) -> str:
    """The person's language: their profile's, else their Telegram client's."""
    participant = await find_by_tg(session, user.id) if user else None
    return str(
        app.translator.resolve(
            participant.language if participant else None, user.language_code if user else None
        )
    )


async def on_error(event: ErrorEvent, bot: Bot, app: Any) -> bool:
    update = event.update
    log.error("update %s failed", update.update_id, exc_info=event.exception)
    user = _from_user(update)
    kind = type(event.exception).__name__
    # One gate per application: in its memory, or in Redis shared by every worker.
    gate: ReportGate | None = app.extras.get("error_reports")
    if gate is None:
        gate = app.extras["error_reports"] = report_gate(app.redis)
    suppressed = await gate.admit(kind, app.clock.now())
    async with transaction(app.factory) as session:
        lang = await _language(session, app, user)
        admin_texts = app.translator.for_lang(app.settings.default_locale)
        for admin_id in app.settings.admin_ids if suppressed is not None else ():
            await outbox.enqueue_text(
                session,
                app.clock,
                chat_id=admin_id,
                text=admin_texts(
                    "admin-error-report",
                    update_id=update.update_id,
                    error=kind,
                    suppressed=suppressed,
                ),
                priority=outbox.Priority.REPLY,
            )
    app.sender.wake()
    try:
        await answer_error(bot, update, app.translator.get(lang, "error-unexpected"))
    except Exception:  # the user may have blocked us; the log line above is what matters
        log.warning("could not tell the user about update %s", update.update_id)
    return True


async def on_stale_dialog(event: ErrorEvent, bot: Bot, app: Any) -> bool:
    """A press on a finished or replaced dialog, or a step the bot no longer has: the stack
    is repaired by aiogram_dialog's error middleware; the person gets a plain word."""
    update = event.update
    async with transaction(app.factory) as session:
        lang = await _language(session, app, _from_user(update))
    key = "error-stale-button" if update.callback_query else "error-dialog-lost"
    log.info("stale dialog event in update %s: %s", update.update_id, event.exception)
    try:
        await answer_error(bot, update, app.translator.get(lang, key))
    except Exception:  # blocked, or the press is too old to answer: nothing else to do
        log.warning("could not answer the stale dialog event of update %s", update.update_id)
    return True
