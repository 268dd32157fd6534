"""Sending: sendMessage, the file and media sends, location, contact, dice, copy, forward."""

from __future__ import annotations

from typing import Any, Final

from aiogram import Bot
from aiogram.methods import (
    CopyMessage,
    ForwardMessage,
    SendAnimation,
    SendAudio,
    SendContact,
    SendDice,
    SendDocument,
    SendLocation,
    SendMediaGroup,
    SendMessage,
    SendPhoto,
    SendSticker,
    SendVideo,
    SendVideoNote,
    SendVoice,
)
from aiogram.types import Contact, Dice, Location, Message, MessageId, MessageOriginUser

from bot.fakes.telegram.records import CallRecord, Handler
from bot.fakes.telegram.session import SessionCore

# Message fields that hold content (as opposed to metadata): what copy/forward carry over.
_CONTENT_FIELDS: Final = (
    "text",
    "entities",
    "caption",
    "caption_entities",
    "document",
    "photo",
    "audio",
    "video",
    "animation",
    "voice",
    "video_note",
    "sticker",
    "location",
    "contact",
    "dice",
)


class MessageMethods(SessionCore):
    """Sending: sendMessage, the file and media sends, location, contact, dice, copy, forward."""

    def _message_methods(self) -> dict[type, Handler]:
        return {
            SendMessage: self._send_message,
            SendDocument: self._send_file("document", "document"),
            SendPhoto: self._send_file("photo", "photo"),
            SendAudio: self._send_file("audio", "audio"),
            SendVideo: self._send_file("video", "video"),
            SendAnimation: self._send_file("animation", "animation"),
            SendVoice: self._send_file("voice", "voice"),
            SendVideoNote: self._send_file("video_note", "video_note"),
            SendSticker: self._send_file("sticker", "sticker"),
            SendMediaGroup: self._send_media_group,
            SendLocation: self._send_location,
            SendContact: self._send_contact,
            SendDice: self._send_dice,
            CopyMessage: self._copy_message,
            ForwardMessage: self._forward_message,
        }

    async def _send_message(self, bot: Bot, method: SendMessage, record: CallRecord) -> Message:
        chat_id = self._chat_id(bot, method, method.chat_id)
        text, entities = self._format(
            bot, method, method.text, method.parse_mode, method.entities, caption=False
        )
        return self._deliver(bot, method, record, chat_id, text=text, entities=entities or None)

    def _send_file(self, kind: str, attribute: str) -> Handler:
        async def handler(bot: Bot, method: Any, record: CallRecord) -> Message:
            chat_id = self._chat_id(bot, method, method.chat_id)
            caption_fields: dict[str, Any] = {}
            if hasattr(method, "caption"):
                caption, entities = self._format(
                    bot,
                    method,
                    method.caption,
                    method.parse_mode,
                    method.caption_entities,
                    caption=True,
                )
                caption_fields = {"caption": caption or None, "caption_entities": entities or None}
            stored = await self._upload(bot, method, getattr(method, attribute), kind)
            media = self._media(kind, stored, method)
            return self._deliver(bot, method, record, chat_id, **{kind: media}, **caption_fields)

        return handler

    async def _send_media_group(
        self, bot: Bot, method: SendMediaGroup, record: CallRecord
    ) -> list[Message]:
        chat_id = self._chat_id(bot, method, method.chat_id)
        prepared: list[dict[str, Any]] = []
        for item in method.media:
            caption, entities = self._format(
                bot, method, item.caption, item.parse_mode, item.caption_entities, caption=True
            )
            stored = await self._upload(bot, method, item.media, item.type)
            prepared.append(
                {
                    item.type: self._media(item.type, stored, item),
                    "caption": caption or None,
                    "caption_entities": entities or None,
                }
            )
        reply_to = self._reply_to(bot, method, chat_id)
        commit = self._admit(bot, method, chat_id)
        group_id = str(13_000_000_000_000_000 + next(self._media_groups))
        messages = [
            self._create(
                bot, method, chat_id, None, reply_to, {**content, "media_group_id": group_id}
            )
            for content in prepared
        ]
        commit()
        record.kind = "send"
        record.messages.extend(messages)
        return messages

    async def _send_location(self, bot: Bot, method: SendLocation, record: CallRecord) -> Message:
        chat_id = self._chat_id(bot, method, method.chat_id)
        location = Location(latitude=method.latitude, longitude=method.longitude)
        return self._deliver(bot, method, record, chat_id, location=location)

    async def _send_contact(self, bot: Bot, method: SendContact, record: CallRecord) -> Message:
        chat_id = self._chat_id(bot, method, method.chat_id)
        contact = Contact(
            phone_number=method.phone_number,
            first_name=method.first_name,
            last_name=method.last_name,
            vcard=method.vcard,
        )
        return self._deliver(bot, method, record, chat_id, contact=contact)

    async def _send_dice(self, bot: Bot, method: SendDice, record: CallRecord) -> Message:
        chat_id = self._chat_id(bot, method, method.chat_id)
        emoji = method.emoji or "🎲"
        # Deterministic "random" value so tests are reproducible.
        faces = 64 if emoji == "🎰" else 5 if emoji in ("🏀", "⚽") else 6
        value = self._last_message_id.get(chat_id, 0) % faces + 1
        return self._deliver(bot, method, record, chat_id, dice=Dice(emoji=emoji, value=value))

    def _source(self, bot: Bot, method: CopyMessage | ForwardMessage, verb: str) -> Message:
        from_chat = self._chat_id(bot, method, method.from_chat_id)
        source = self.get_message(from_chat, method.message_id)
        if source is None:
            self._fail(bot, method, 400, f"Bad Request: message to {verb} not found")
        return source

    async def _copy_message(self, bot: Bot, method: CopyMessage, record: CallRecord) -> MessageId:
        chat_id = self._chat_id(bot, method, method.chat_id)
        source = self._source(bot, method, "copy")
        content = {name: getattr(source, name) for name in _CONTENT_FIELDS}
        if method.caption is not None:
            caption, entities = self._format(
                bot,
                method,
                method.caption,
                method.parse_mode,
                method.caption_entities,
                caption=True,
            )
            content.update(caption=caption or None, caption_entities=entities or None)
        message = self._deliver(bot, method, record, chat_id, **content)
        return MessageId(message_id=message.message_id)

    async def _forward_message(
        self, bot: Bot, method: ForwardMessage, record: CallRecord
    ) -> Message:
        chat_id = self._chat_id(bot, method, method.chat_id)
        source = self._source(bot, method, "forward")
        content = {name: getattr(source, name) for name in _CONTENT_FIELDS}
        if source.from_user is not None:
            content["forward_origin"] = MessageOriginUser(
                date=source.date, sender_user=source.from_user
            )
        return self._deliver(bot, method, record, chat_id, **content)
