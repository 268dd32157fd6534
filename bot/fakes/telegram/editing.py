"""Changing what was sent: the edits, deletes, and answers to button presses."""

from __future__ import annotations

from typing import Final

from aiogram import Bot
from aiogram.methods import (
    AnswerCallbackQuery,
    DeleteMessage,
    DeleteMessages,
    EditMessageCaption,
    EditMessageReplyMarkup,
    EditMessageText,
)
from aiogram.types import Message

from bot.fakes.telegram.limits import MAX_CALLBACK_ANSWER_LENGTH
from bot.fakes.telegram.records import CallRecord, Handler, same
from bot.fakes.telegram.session import SessionCore

NOT_MODIFIED: Final = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
QUERY_TOO_OLD: Final = (
    "Bad Request: query is too old and response timeout expired or query ID is invalid"
)
_CAPTIONED_MEDIA: Final = ("document", "photo", "audio", "video", "animation", "voice")


class EditingMethods(SessionCore):
    """Changing what was sent: the edits, deletes, and answers to button presses."""

    def _editing_methods(self) -> dict[type, Handler]:
        return {
            EditMessageText: self._edit_message_text,
            EditMessageCaption: self._edit_message_caption,
            EditMessageReplyMarkup: self._edit_message_reply_markup,
            DeleteMessage: self._delete_message,
            DeleteMessages: self._delete_messages,
            AnswerCallbackQuery: self._answer_callback_query,
        }

    async def _edit_message_text(
        self, bot: Bot, method: EditMessageText, record: CallRecord
    ) -> Message | bool:
        if method.inline_message_id:
            return True  # inline-mode messages are not modelled
        text, entities = self._format(
            bot, method, method.text, method.parse_mode, method.entities, caption=False
        )
        self._check_markup(bot, method, method.reply_markup)
        chat_id, stored = self._target(bot, method)
        if stored.text is None:
            self._fail(bot, method, 400, "Bad Request: there is no text in the message to edit")
        # Omitting reply_markup in an edit removes the keyboard, exactly like Telegram.
        if (
            text == stored.text
            and same(entities, stored.entities)
            and same(method.reply_markup, stored.reply_markup)
        ):
            self._fail(bot, method, 400, NOT_MODIFIED)
        return self._save_edit(
            record,
            chat_id,
            stored,
            text=text,
            entities=entities or None,
            reply_markup=method.reply_markup,
        )

    async def _edit_message_caption(
        self, bot: Bot, method: EditMessageCaption, record: CallRecord
    ) -> Message | bool:
        if method.inline_message_id:
            return True
        caption, entities = self._format(
            bot, method, method.caption, method.parse_mode, method.caption_entities, caption=True
        )
        self._check_markup(bot, method, method.reply_markup)
        chat_id, stored = self._target(bot, method)
        if all(getattr(stored, name) is None for name in _CAPTIONED_MEDIA):
            self._fail(bot, method, 400, "Bad Request: there is no caption in the message to edit")
        if (
            (caption or None) == stored.caption
            and same(entities, stored.caption_entities)
            and same(method.reply_markup, stored.reply_markup)
        ):
            self._fail(bot, method, 400, NOT_MODIFIED)
        return self._save_edit(
            record,
            chat_id,
            stored,
            caption=caption or None,
            caption_entities=entities or None,
            reply_markup=method.reply_markup,
        )

    async def _edit_message_reply_markup(
        self, bot: Bot, method: EditMessageReplyMarkup, record: CallRecord
    ) -> Message | bool:
        if method.inline_message_id:
            return True
        self._check_markup(bot, method, method.reply_markup)
        chat_id, stored = self._target(bot, method)
        if same(method.reply_markup, stored.reply_markup):
            self._fail(bot, method, 400, NOT_MODIFIED)
        return self._save_edit(record, chat_id, stored, reply_markup=method.reply_markup)

    async def _delete_message(self, bot: Bot, method: DeleteMessage, record: CallRecord) -> bool:
        chat_id = self._chat_id(bot, method, method.chat_id)
        if self._messages.get(chat_id, {}).pop(method.message_id, None) is None:
            self._fail(bot, method, 400, "Bad Request: message to delete not found")
        return True

    async def _delete_messages(self, bot: Bot, method: DeleteMessages, record: CallRecord) -> bool:
        chat_id = self._chat_id(bot, method, method.chat_id)
        chat = self._messages.get(chat_id, {})
        for message_id in method.message_ids:
            chat.pop(message_id, None)  # missing ids are skipped silently, as documented
        return True

    async def _answer_callback_query(
        self, bot: Bot, method: AnswerCallbackQuery, record: CallRecord
    ) -> bool:
        if method.text is not None and len(method.text) > MAX_CALLBACK_ANSWER_LENGTH:
            self._fail(bot, method, 400, "Bad Request: MESSAGE_TOO_LONG")
        query_id = method.callback_query_id
        # Ids issued by new_callback_query_id can be answered once; unknown ids are accepted
        # so hand-built CallbackQuery updates in tests keep working.
        if query_id in self.callback_answers:
            self._fail(bot, method, 400, QUERY_TOO_OLD)
        self.callback_answers[query_id] = method
        return True
