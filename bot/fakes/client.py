"""A scripted Telegram user talking to the bot through ``FakeTelegram``.

In the spirit of aiogram_dialog's ``BotClient``: ``TelegramUser`` builds the updates the
Telegram server would deliver for a person typing, pressing inline buttons or uploading a file,
feeds them to the dispatcher, and returns what the bot sent or edited in the chat in reply.
"""

from __future__ import annotations

import re
from typing import Any, Final

from aiogram import Bot, Dispatcher
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.methods import AnswerCallbackQuery, TelegramMethod
from aiogram.types import (
    CallbackQuery,
    Chat,
    Document,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    MessageEntity,
    PhotoSize,
    Update,
    User,
)

from bot.fakes.telegram import FakeTelegram, utf16_len

__all__ = ["ButtonRef", "TelegramUser", "detect_entities"]

ButtonRef = str | int | tuple[int, int]

# The server marks these up in every incoming message; handlers and filters may rely on them
# (e.g. message.entities for bot_command), so user messages must carry them too.
_AUTO_ENTITIES: Final = re.compile(
    r"(?P<url>\bhttps?://[^\s<>\"]+)"
    r"|(?P<bot_command>(?<![\w/])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?)"
    r"|(?P<mention>(?<![\w@])@[A-Za-z0-9_]{5,32})"
    r"|(?P<hashtag>(?<![\w#])#\w+)"
)


def detect_entities(text: str) -> list[MessageEntity]:
    """Entities Telegram detects in a plain user message (UTF-16 offsets)."""
    entities = []
    for match in _AUTO_ENTITIES.finditer(text):
        kind = match.lastgroup or "url"
        entities.append(
            MessageEntity(
                type=kind,
                offset=utf16_len(text[: match.start()]),
                length=utf16_len(match.group()),
            )
        )
    return entities


class TelegramUser:
    """One person in a private chat with the bot."""

    def __init__(
        self,
        dispatcher: Dispatcher,
        bot: Bot,
        fake: FakeTelegram,
        user_id: int,
        *,
        first_name: str = "Test",
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "ru",
    ) -> None:
        if user_id <= 0:
            raise ValueError("user ids are positive; negative ids are group chats")
        self.dispatcher = dispatcher
        self.bot = bot
        self.fake = fake
        self.user = User(
            id=user_id,
            is_bot=False,
            first_name=first_name,
            last_name=last_name,
            username=username,
            language_code=language_code,
        )
        self.chat = Chat(
            id=user_id,
            type="private",
            first_name=first_name,
            last_name=last_name,
            username=username,
        )
        # Everything the bot sent or edited in this chat in answer to this user's actions.
        self.history: list[Message] = []
        # One entry per callback query: the bot's answer, or None if it never answered
        # (a real client would show a spinner until the query times out).
        self.callback_answers: list[AnswerCallbackQuery | None] = []
        # Whether the dispatcher handled the last update (False: no handler matched).
        self.handled: bool | None = None
        fake.register_user(self.user)

    @property
    def id(self) -> int:
        return self.user.id

    # ---------------------------------------------------------------- actions

    async def send(self, text: str) -> list[Message]:
        """Type ``text`` into the chat; returns the bot's messages sent/edited in response."""
        message = self._incoming(text=text, entities=detect_entities(text) or None)
        return await self._feed(Update(update_id=self.fake.next_update_id(), message=message))

    async def send_command(self, cmd: str, args: str | None = None) -> list[Message]:
        text = "/" + cmd.removeprefix("/")
        if args:
            text += f" {args}"
        return await self.send(text)

    async def send_document(
        self,
        file_name: str,
        content: bytes | None,
        mime_type: str,
        caption: str | None = None,
        *,
        size: int | None = None,
    ) -> list[Message]:
        """Upload a file; the bot can fetch it with ``bot.download(message.document)``.
        ``content`` None with a ``size``: a file bigger than the bot may download (its
        bytes are never needed: getFile refuses it, as Telegram does past 20 MB)."""
        stored = self.fake.register_file(
            content, file_name=file_name, mime_type=mime_type, size=size
        )
        document = Document(
            file_id=stored.file_id,
            file_unique_id=stored.file_unique_id,
            file_name=file_name,
            mime_type=mime_type,
            file_size=stored.size,
        )
        message = self._incoming(
            document=document,
            caption=caption,
            caption_entities=(detect_entities(caption) or None) if caption else None,
        )
        return await self._feed(Update(update_id=self.fake.next_update_id(), message=message))

    async def send_photo(self, content: bytes, caption: str | None = None) -> list[Message]:
        """Send a picture as a photo (Telegram's compressed kind, not a file)."""
        stored = self.fake.register_file(content, mime_type="image/jpeg", kind="photo")
        photo = PhotoSize(
            file_id=stored.file_id,
            file_unique_id=stored.file_unique_id,
            width=1280,
            height=720,
            file_size=stored.size,
        )
        message = self._incoming(
            photo=[photo],
            caption=caption,
            caption_entities=(detect_entities(caption) or None) if caption else None,
        )
        return await self._feed(Update(update_id=self.fake.next_update_id(), message=message))

    async def click(self, button: ButtonRef, message: Message | None = None) -> list[Message]:
        """Press an inline button on ``message`` (default: the newest bot message with an
        inline keyboard) by exact text, unique substring, flat index or (row, col)."""
        target = self._keyboard_message(message)
        markup = target.reply_markup
        assert isinstance(markup, InlineKeyboardMarkup)
        chosen = _find_button(markup, button, target.message_id)
        if chosen.callback_data is None:
            raise AssertionError(
                f"button {chosen.text!r} sends no callback (it is a "
                f"{_button_action(chosen)} button); nothing would reach the bot"
            )
        return await self._press(chosen.callback_data, target)

    def data_of(self, button: ButtonRef, message: Message | None = None) -> str:
        """The callback data of a button, to press it again later or to forge from it."""
        target = self._keyboard_message(message)
        markup = target.reply_markup
        assert isinstance(markup, InlineKeyboardMarkup)
        chosen = _find_button(markup, button, target.message_id)
        assert chosen.callback_data is not None, chosen.text
        return chosen.callback_data

    async def press_data(self, data: str, message: Message | None = None) -> list[Message]:
        """Send a callback query with arbitrary data, as a modified client could."""
        if message is not None:
            target: Message | None = self._current(message)
        else:
            target = self._newest_bot_message(keyboard=True) or self._newest_bot_message(
                keyboard=False
            )
        return await self._press(data, target)

    # ---------------------------------------------------------------- inspection

    @property
    def last_message(self) -> Message | None:
        """The message the bot most recently sent or edited here, as it is now."""
        for record in reversed(self.fake.records):
            if not record.ok:
                continue
            for message in reversed(record.messages):
                if message.chat.id != self.id:
                    continue
                current = self.fake.get_message(self.id, message.message_id)
                if current is not None:
                    return current
        return None

    @property
    def last_text(self) -> str | None:
        message = self.last_message
        if message is None:
            return None
        return message.text if message.text is not None else message.caption

    def buttons(self, message: Message | None = None) -> list[str]:
        """Inline button texts, row by row, of ``message`` or the newest keyboard message."""
        if message is not None:
            target: Message | None = self._current(message)
        else:
            target = self._newest_bot_message(keyboard=True)
        markup = target.reply_markup if target is not None else None
        if not isinstance(markup, InlineKeyboardMarkup):
            return []
        return [button.text for row in markup.inline_keyboard for button in row]

    @property
    def reply_buttons(self) -> list[str]:
        """Texts of the reply keyboard currently shown to the user, if any."""
        keyboard = self.fake.reply_keyboards.get(self.id)
        if keyboard is None:
            return []
        return [button.text for row in keyboard.keyboard for button in row]

    @property
    def answers(self) -> list[str | None]:
        """Texts of the bot's callback query answers (None: no text or not answered)."""
        return [answer.text if answer else None for answer in self.callback_answers]

    @property
    def last_callback_answer(self) -> str | None:
        return self.answers[-1] if self.answers else None

    @property
    def last_callback_answered(self) -> bool:
        return bool(self.callback_answers) and self.callback_answers[-1] is not None

    # ---------------------------------------------------------------- internals

    def _incoming(self, **content: Any) -> Message:
        message = Message(
            message_id=self.fake.next_message_id(self.id),
            date=self.fake.now(),
            chat=self.chat,
            from_user=self.user,
            **content,
        )
        self.fake.store_incoming(message)
        return message

    async def _press(self, data: str, message: Message | None) -> list[Message]:
        query_id = self.fake.new_callback_query_id()
        query = CallbackQuery(
            id=query_id,
            from_user=self.user,
            chat_instance=self.fake.chat_instance(self.id),
            message=message,
            data=data,
        )
        produced = await self._feed(
            Update(update_id=self.fake.next_update_id(), callback_query=query)
        )
        self.callback_answers.append(self.fake.callback_answer(query_id))
        return produced

    async def _feed(self, update: Update) -> list[Message]:
        # A user can only write to a bot they have not blocked: acting means unblocking.
        self.fake.blocked.discard(self.id)
        mark = self.fake.mark()
        # Bind the whole object tree to the bot (shortcuts like message.answer() need it);
        # aiogram only does this via a JSON round-trip.
        payload = update.model_dump(mode="json", by_alias=True, exclude_none=True, warnings=False)
        bound = Update.model_validate(payload, context={"bot": self.bot})
        result = await self.dispatcher.feed_update(self.bot, bound)
        self.handled = result is not UNHANDLED
        if isinstance(result, TelegramMethod):
            # Polling executes a method returned by a handler (webhook-style reply); so do we,
            # but let errors propagate so tests see them.
            await self.bot(result)
        produced = self.fake.messages_since(mark, chat_id=self.id)
        self.history.extend(produced)
        return produced

    def _current(self, message: Message) -> Message:
        current = self.fake.get_message(message.chat.id, message.message_id)
        if current is None:
            raise AssertionError(f"message {message.message_id} no longer exists in the chat")
        return current

    def _newest_bot_message(self, *, keyboard: bool) -> Message | None:
        for message in reversed(self.fake.chat_messages(self.id)):
            if message.from_user is None or message.from_user.id != self.fake.bot_id:
                continue
            markup = message.reply_markup
            if not keyboard or (
                isinstance(markup, InlineKeyboardMarkup) and markup.inline_keyboard
            ):
                return message
        return None

    def _keyboard_message(self, message: Message | None) -> Message:
        if message is not None:
            target = self._current(message)
            if not isinstance(target.reply_markup, InlineKeyboardMarkup):
                raise AssertionError(f"message {target.message_id} has no inline keyboard")
            return target
        newest = self._newest_bot_message(keyboard=True)
        if newest is None:
            raise AssertionError(
                f"no bot message with an inline keyboard in chat {self.id}; "
                f"last bot text: {self.last_text!r}"
            )
        return newest


def _button_action(button: InlineKeyboardButton) -> str:
    for name in ("url", "web_app", "login_url", "switch_inline_query", "copy_text", "pay"):
        if getattr(button, name, None) is not None:
            return name
    return "non-callback"


def _find_button(
    markup: InlineKeyboardMarkup, ref: ButtonRef, message_id: int
) -> InlineKeyboardButton:
    rows = markup.inline_keyboard
    flat = [button for row in rows for button in row]
    layout = [[button.text for button in row] for row in rows]

    def fail(reason: str) -> AssertionError:
        return AssertionError(f"{reason} on message {message_id}; available buttons: {layout}")

    if isinstance(ref, tuple):
        row, col = ref
        if not (0 <= row < len(rows) and 0 <= col < len(rows[row])):
            raise fail(f"no button at (row={row}, col={col})")
        return rows[row][col]
    if isinstance(ref, int):
        if not 0 <= ref < len(flat):
            raise fail(f"no button #{ref}")
        return flat[ref]
    # Exact text first; a substring is accepted only when it is unambiguous.
    for candidates, how in (
        ([b for b in flat if b.text == ref], "exactly"),
        ([b for b in flat if ref in b.text], "containing"),
    ):
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            raise fail(f"{len(candidates)} buttons {how} {ref!r}; use an index or (row, col)")
    raise fail(f"no button matching {ref!r}")
