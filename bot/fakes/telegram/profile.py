"""The bot's own profile: getMe, commands, the menu button, name and descriptions."""

from __future__ import annotations

import json
import re
from typing import Any, Final

from aiogram import Bot
from aiogram.methods import (
    DeleteMyCommands,
    GetChatMenuButton,
    GetMe,
    GetMyCommands,
    GetMyDescription,
    GetMyName,
    GetMyShortDescription,
    SetChatMenuButton,
    SetMyCommands,
    SetMyDescription,
    SetMyName,
    SetMyShortDescription,
)
from aiogram.types import (
    BotCommand,
    BotDescription,
    BotName,
    BotShortDescription,
    MenuButtonDefault,
    User,
)

from bot.fakes.telegram.records import CallRecord, Handler, jsonable
from bot.fakes.telegram.session import SessionCore

_COMMAND_RE: Final = re.compile(r"[a-z0-9_]{1,32}")


class ProfileMethods(SessionCore):
    """The bot's own profile: getMe, commands, the menu button, name and descriptions."""

    def _profile_methods(self) -> dict[type, Handler]:
        return {
            GetMe: self._get_me,
            SetMyCommands: self._set_my_commands,
            GetMyCommands: self._get_my_commands,
            DeleteMyCommands: self._delete_my_commands,
            SetChatMenuButton: self._set_chat_menu_button,
            GetChatMenuButton: self._get_chat_menu_button,
            SetMyName: self._set_my_name,
            GetMyName: self._get_my_name,
            SetMyDescription: self._set_my_description,
            GetMyDescription: self._get_my_description,
            SetMyShortDescription: self._set_my_short_description,
            GetMyShortDescription: self._get_my_short_description,
        }

    async def _get_me(self, bot: Bot, method: GetMe, record: CallRecord) -> User:
        return self.me

    @staticmethod
    def _commands_key(scope: Any, language_code: str | None) -> tuple[str, str]:
        # A missing scope means the default scope; json with sorted keys is a stable key.
        scope_json = jsonable(scope) if scope is not None else {"type": "default"}
        return json.dumps(scope_json, sort_keys=True), language_code or ""

    async def _set_my_commands(self, bot: Bot, method: SetMyCommands, record: CallRecord) -> bool:
        for command in method.commands:
            if not _COMMAND_RE.fullmatch(command.command):
                self._fail(bot, method, 400, "Bad Request: BOT_COMMAND_INVALID")
        key = self._commands_key(method.scope, method.language_code)
        self.commands[key] = [BotCommand(**c.model_dump()) for c in method.commands]
        return True

    async def _get_my_commands(
        self, bot: Bot, method: GetMyCommands, record: CallRecord
    ) -> list[BotCommand]:
        return self.commands.get(self._commands_key(method.scope, method.language_code), [])

    async def _delete_my_commands(
        self, bot: Bot, method: DeleteMyCommands, record: CallRecord
    ) -> bool:
        self.commands.pop(self._commands_key(method.scope, method.language_code), None)
        return True

    async def _set_chat_menu_button(
        self, bot: Bot, method: SetChatMenuButton, record: CallRecord
    ) -> bool:
        self.menu_buttons[method.chat_id] = method.menu_button or MenuButtonDefault()
        return True

    async def _get_chat_menu_button(
        self, bot: Bot, method: GetChatMenuButton, record: CallRecord
    ) -> Any:
        # A chat without its own button shows the bot-wide one (set with chat_id=None).
        button = self.menu_buttons.get(method.chat_id) or self.menu_buttons.get(None)
        return button or MenuButtonDefault()

    async def _set_my_name(self, bot: Bot, method: SetMyName, record: CallRecord) -> bool:
        self._set_text(self._names, method.language_code, method.name)
        return True

    async def _get_my_name(self, bot: Bot, method: GetMyName, record: CallRecord) -> BotName:
        key = method.language_code or ""
        return BotName(name=self._names.get(key, self._names.get("", self._default_name())))

    async def _set_my_description(
        self, bot: Bot, method: SetMyDescription, record: CallRecord
    ) -> bool:
        self._set_text(self._descriptions, method.language_code, method.description)
        return True

    async def _get_my_description(
        self, bot: Bot, method: GetMyDescription, record: CallRecord
    ) -> BotDescription:
        text = self._descriptions.get(method.language_code or "", "")
        return BotDescription(description=text)

    async def _set_my_short_description(
        self, bot: Bot, method: SetMyShortDescription, record: CallRecord
    ) -> bool:
        self._set_text(self._short_descriptions, method.language_code, method.short_description)
        return True

    async def _get_my_short_description(
        self, bot: Bot, method: GetMyShortDescription, record: CallRecord
    ) -> BotShortDescription:
        text = self._short_descriptions.get(method.language_code or "", "")
        return BotShortDescription(short_description=text)

    @staticmethod
    def _set_text(store: dict[str, str], language_code: str | None, value: str | None) -> None:
        if value:
            store[language_code or ""] = value
        else:
            store.pop(language_code or "", None)  # an empty value resets to the default
