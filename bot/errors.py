"""The last resort: an unexpected error gets a polite answer, a log line and a note to admins."""

from __future__ import annotations

import logging
from typing import Any

from aiogram import Bot
from aiogram.types import ErrorEvent

from bot.db import transaction
from bot.middlewares.database import answer_error
from bot.services import outbox
from bot.services.error_reports import ReportGate, report_gate
from bot.services.registration import find_by_tg

log = logging.getLogger(__name__)


async def on_error(event: ErrorEvent, bot: Bot, app: Any) -> bool:
    update = event.update
    log.error("update %s failed", update.update_id, exc_info=event.exception)
    user = None
    if update.message is not None:
        user = update.message.from_user
    elif update.callback_query is not None:
        user = update.callback_query.from_user
    kind = type(event.exception).__name__
    # One gate per application: in its memory, or in Redis shared by every worker.
    gate: ReportGate | None = app.extras.get("error_reports")
    if gate is None:
        gate = app.extras["error_reports"] = report_gate(app.redis)
    suppressed = await gate.admit(kind, app.clock.now())
    async with transaction(app.factory) as session:
        participant = await find_by_tg(session, user.id) if user else None
        lang = app.translator.resolve(
            participant.language if participant else None, user.language_code if user else None
        )
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
    user = update.callback_query.from_user if update.callback_query else None
    if user is None and update.message is not None:
        user = update.message.from_user
    async with transaction(app.factory) as session:
        participant = await find_by_tg(session, user.id) if user else None
    lang = app.translator.resolve(
        participant.language if participant else None, user.language_code if user else None
    )
    key = "error-stale-button" if update.callback_query else "error-dialog-lost"
    log.info("stale dialog event in update %s: %s", update.update_id, event.exception)
    try:
        await answer_error(bot, update, app.translator.get(lang, key))
    except Exception:  # blocked, or the press is too old to answer: nothing else to do
        log.warning("could not answer the stale dialog event of update %s", update.update_id)
    return True
