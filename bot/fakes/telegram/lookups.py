"""What the bot asks about: files (getFile), chats and their members."""

from __future__ import annotations

from aiogram import Bot
from aiogram.methods import GetChat, GetChatMember, GetChatMemberCount, GetFile
from aiogram.types import AcceptedGiftTypes, ChatFullInfo, ChatMemberMember, File, User

from bot.fakes.telegram.limits import MAX_DOWNLOAD_BYTES
from bot.fakes.telegram.records import CallRecord, Handler
from bot.fakes.telegram.session import SessionCore


class LookupMethods(SessionCore):
    """What the bot asks about: files (getFile), chats and their members."""

    def _lookup_methods(self) -> dict[type, Handler]:
        return {
            GetFile: self._get_file,
            GetChat: self._get_chat,
            GetChatMember: self._get_chat_member,
            GetChatMemberCount: self._get_chat_member_count,
        }

    async def _get_file(self, bot: Bot, method: GetFile, record: CallRecord) -> File:
        stored = self.files.get(method.file_id)
        if stored is None:
            self._fail(
                bot,
                method,
                400,
                "Bad Request: wrong file_id or the file is temporarily unavailable",
            )
        if (stored.size or 0) > MAX_DOWNLOAD_BYTES:
            self._fail(bot, method, 400, "Bad Request: file is too big")
        return File(
            file_id=stored.file_id,
            file_unique_id=stored.file_unique_id,
            file_size=stored.size,
            file_path=stored.file_path,
        )

    async def _get_chat(self, bot: Bot, method: GetChat, record: CallRecord) -> ChatFullInfo:
        chat = self.chat(self._chat_id(bot, method, method.chat_id))
        no_gifts = AcceptedGiftTypes(
            unlimited_gifts=False,
            limited_gifts=False,
            unique_gifts=False,
            premium_subscription=False,
            gifts_from_channels=False,
        )
        return ChatFullInfo(
            **chat.model_dump(exclude_none=True),
            accent_color_id=0,
            max_reaction_count=11,
            accepted_gift_types=no_gifts,
        )

    async def _get_chat_member(
        self, bot: Bot, method: GetChatMember, record: CallRecord
    ) -> ChatMemberMember:
        self._chat_id(bot, method, method.chat_id)
        user = self.me if method.user_id == self.bot_id else self.users.get(method.user_id)
        if user is None:
            user = User(id=method.user_id, is_bot=False, first_name=f"User {method.user_id}")
        return ChatMemberMember(user=user)

    async def _get_chat_member_count(
        self, bot: Bot, method: GetChatMemberCount, record: CallRecord
    ) -> int:
        self._chat_id(bot, method, method.chat_id)
        return 2  # the bot and the user; script bigger groups with set_response
