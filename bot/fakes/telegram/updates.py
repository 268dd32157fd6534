"""Getting updates: the webhook settings and long polling (getUpdates)."""

from __future__ import annotations

import asyncio
import contextlib

from aiogram import Bot
from aiogram.methods import DeleteWebhook, GetUpdates, GetWebhookInfo, SetWebhook
from aiogram.types import Update, WebhookInfo

from bot.fakes.telegram.records import CallRecord, Handler
from bot.fakes.telegram.session import SessionCore


class UpdateMethods(SessionCore):
    """Getting updates: the webhook settings and long polling (getUpdates)."""

    def _update_methods(self) -> dict[type, Handler]:
        return {
            SetWebhook: self._set_webhook,
            DeleteWebhook: self._delete_webhook,
            GetWebhookInfo: self._get_webhook_info,
            GetUpdates: self._get_updates,
        }

    async def _set_webhook(self, bot: Bot, method: SetWebhook, record: CallRecord) -> bool:
        self.webhook_url = method.url or None
        return True

    async def _delete_webhook(self, bot: Bot, method: DeleteWebhook, record: CallRecord) -> bool:
        self.webhook_url = None
        if method.drop_pending_updates:
            self._updates = None
        return True

    async def _get_webhook_info(
        self, bot: Bot, method: GetWebhookInfo, record: CallRecord
    ) -> WebhookInfo:
        pending = self._updates.qsize() if self._updates is not None else 0
        return WebhookInfo(
            url=self.webhook_url or "", has_custom_certificate=False, pending_update_count=pending
        )

    async def _get_updates(self, bot: Bot, method: GetUpdates, record: CallRecord) -> list[Update]:
        if self.webhook_url:
            self._fail(
                bot,
                method,
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        queue = self._update_queue()
        updates: list[Update] = []
        # Long polling: wait up to `timeout` seconds for the first update instead of
        # returning at once, otherwise a polling loop would spin at 100% CPU.
        if queue.empty() and method.timeout:
            with contextlib.suppress(TimeoutError):
                updates.append(await asyncio.wait_for(queue.get(), method.timeout))
        limit = method.limit or 100
        while not queue.empty() and len(updates) < limit:
            updates.append(queue.get_nowait())
        offset = method.offset or 0
        return [update for update in updates if update.update_id >= offset]
