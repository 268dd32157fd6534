"""The fake server's state, and what tests use to set it up and read it."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Final

from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.base import BaseSession
from aiogram.methods import AnswerCallbackQuery
from aiogram.types import BotCommand, Chat, Message, ReplyKeyboardMarkup, Update, User

from bot.fakes.telegram.limits import RateLimits
from bot.fakes.telegram.records import AnyMethod, CallRecord, Fault, Handler, M, StoredFile

if TYPE_CHECKING:
    from aiogram.types import ResultMenuButtonUnion


SUPERGROUP_ID_BOUNDARY: Final = -1_000_000_000_000

_FAULT_SHORTCUTS: Final = frozenset({"400", "403", "429", "500", "502", "timeout"})
_FILE_FOLDERS: Final = {
    "document": "documents",
    "photo": "photos",
    "audio": "music",
    "video": "videos",
    "animation": "animations",
    "voice": "voice",
    "video_note": "video_notes",
    "sticker": "stickers",
}
_DEFAULT_EXTENSIONS: Final = {
    "photo": ".jpg",
    "voice": ".oga",
    "video_note": ".mp4",
    "sticker": ".webp",
    "video": ".mp4",
    "animation": ".mp4",
    "audio": ".mp3",
}


class ServerState(BaseSession):
    """What the fake server knows (chats and their messages, files, users, the bot's settings,
    every request) and the helpers tests use to set it up and look at it."""

    def __init__(
        self,
        *,
        bot_id: int = 7000000001,
        bot_username: str = "mentor_demo_bot",
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__()
        self.bot_id = bot_id
        self.bot_username = bot_username
        self._clock = clock

        self.records: list[CallRecord] = []
        self.rate_limited = 0
        # Chats whose requests fail with 403 (blocked by the user / bot kicked from group).
        self.blocked: set[int] = set()
        self.deactivated: set[int] = set()
        self.users: dict[int, User] = {}
        self.files: dict[str, StoredFile] = {}
        self.commands: dict[tuple[str, str], list[BotCommand]] = {}
        self.menu_buttons: dict[int | None, ResultMenuButtonUnion] = {}
        self.reply_keyboards: dict[int, ReplyKeyboardMarkup] = {}
        self.callback_answers: dict[str, AnswerCallbackQuery] = {}
        self.webhook_url: str | None = None

        self._messages: dict[int, dict[int, Message]] = {}
        self._last_message_id: dict[int, int] = {}
        self._files_by_path: dict[str, StoredFile] = {}
        self._names: dict[str, str] = {}
        # Built once (the models are frozen): see me() and chat().
        self._bot_users: dict[Any, User] = {}
        self._chats: dict[Any, Chat] = {}
        self._descriptions: dict[str, str] = {}
        self._short_descriptions: dict[str, str] = {}
        self._faults: list[Fault] = []
        self._limits: RateLimits | None = None
        self._overrides: dict[type, Any] = {}
        self._updates: asyncio.Queue[Update] | None = None
        self._seq = itertools.count(1)
        self._update_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self._query_ids = itertools.count(1)
        self._media_groups = itertools.count(1)
        # Bot API method → its answer; filled by FakeTelegram from the method groups.
        self._handlers: dict[type, Handler] = {}

    # ---------------------------------------------------------------- public helpers

    def create_bot(self, default: DefaultBotProperties | None = None) -> Bot:
        """A Bot wired to this fake whose token id matches ``bot_id`` (so bot.id == me.id)."""
        return Bot(token=f"{self.bot_id}:FAKE-TOKEN", session=self, default=default)

    @property
    def me(self) -> User:
        # Built once per identity (the models are frozen): a send needs it every time.
        key = (self.bot_id, self._names.get("", self._default_name()), self.bot_username)
        cached = self._bot_users.get(key)
        if cached is None:
            cached = self._bot_users[key] = User(
                id=self.bot_id,
                is_bot=True,
                first_name=key[1],
                username=self.bot_username,
                can_join_groups=True,
                can_read_all_group_messages=False,
                supports_inline_queries=False,
            )
        return cached

    def now(self) -> datetime:
        """Current time for message dates: whole seconds and timezone-aware, like the API."""
        current = self._clock() if self._clock is not None else datetime.now(UTC)
        if current.tzinfo is None:
            current = current.replace(tzinfo=UTC)
        return current.replace(microsecond=0)

    @property
    def calls(self) -> list[AnyMethod]:
        """Every request in order, failed ones included (see ``results``/``records``)."""
        return [record.method for record in self.records]

    @property
    def results(self) -> list[Any]:
        """Parallel to ``calls``: the returned value, or the exception that was raised."""
        return [record.result if record.ok else record.error for record in self.records]

    def requests(self, method_type: type[M]) -> list[M]:
        return [r.method for r in self.records if isinstance(r.method, method_type)]

    def sent_messages(self, chat_id: int | None = None) -> list[Message]:
        """Messages successfully sent (not edited) by the bot, in order."""
        return [
            message
            for record in self.records
            if record.ok and record.kind == "send"
            for message in record.messages
            if chat_id is None or message.chat.id == chat_id
        ]

    def chat_messages(self, chat_id: int) -> list[Message]:
        """What the chat shows now: both sides, after edits and deletes, oldest first."""
        chat = self._messages.get(chat_id, {})
        return [chat[message_id] for message_id in sorted(chat)]

    def get_message(self, chat_id: int, message_id: int) -> Message | None:
        return self._messages.get(chat_id, {}).get(message_id)

    def mark(self) -> int:
        """A position in the request log, for ``messages_since``."""
        return self.records[-1].seq if self.records else 0

    def messages_since(self, mark: int, chat_id: int | None = None) -> list[Message]:
        """Messages sent or edited by requests made after ``mark``."""
        return [
            message
            for record in self.records
            if record.seq > mark and record.ok
            for message in record.messages
            if chat_id is None or message.chat.id == chat_id
        ]

    def clear(self) -> None:
        """Forget recorded requests; chats, files and settings stay so a flow can continue."""
        self.records.clear()
        self.rate_limited = 0

    def fail_next(
        self,
        method_type: type | None,
        error: BaseException | str,
        times: int = 1,
        chat_id: int | None = None,
        *,
        retry_after: int = 5,
    ) -> None:
        """Make the next ``times`` matching requests fail before they have any effect.

        ``error`` is an exception instance or a shortcut: "429" (TelegramRetryAfter with
        ``retry_after``), "403" (blocked), "400" (chat not found), "500"/"502"
        (TelegramServerError) or "timeout" (TelegramNetworkError). ``method_type=None``
        matches any method; ``chat_id`` restricts the fault to requests for that chat.
        """
        if isinstance(error, str) and error not in _FAULT_SHORTCUTS:
            raise ValueError(f"unknown fault {error!r}; use one of {sorted(_FAULT_SHORTCUTS)}")
        if times < 1:
            raise ValueError("times must be >= 1")
        self._faults.append(Fault(method_type, error, times, chat_id, retry_after))

    def enforce_limits(
        self,
        per_second: float = 30,
        per_chat_per_second: float = 1,
        per_group_per_minute: int = 20,
    ) -> None:
        """Answer sends over Telegram's broadcast limits with 429, as the real server does."""
        self._limits = RateLimits(per_second, per_chat_per_second, per_group_per_minute)

    def disable_limits(self) -> None:
        self._limits = None

    def set_response(self, method_type: type, response: Any) -> None:
        """Script the answer to a method: a value, or a callable taking the method.

        The callable may raise (e.g. an aiogram exception) to script a failure.
        """
        self._overrides[method_type] = response

    def register_user(self, user: User) -> None:
        """Let private chats with this user carry the user's real name."""
        self.users[user.id] = user

    def chat(self, chat_id: int) -> Chat:
        user = self.users.get(chat_id) if chat_id > 0 else None
        # Built once per chat and name (the models are frozen): a send needs it every time.
        key = (chat_id, user.first_name, user.last_name, user.username) if user else chat_id
        cached = self._chats.get(key)
        if cached is not None:
            return cached
        if chat_id > 0:
            chat = Chat(
                id=chat_id,
                type="private",
                first_name=user.first_name if user else f"User {chat_id}",
                last_name=user.last_name if user else None,
                username=user.username if user else None,
            )
        else:
            kind = "supergroup" if chat_id <= SUPERGROUP_ID_BOUNDARY else "group"
            chat = Chat(id=chat_id, type=kind, title=f"Group {-chat_id}")
        if len(self._chats) > 100_000:
            self._chats.clear()
        self._chats[key] = chat
        return chat

    def next_message_id(self, chat_id: int) -> int:
        """Message ids are per chat and shared by both sides of the conversation."""
        self._last_message_id[chat_id] = self._last_message_id.get(chat_id, 0) + 1
        return self._last_message_id[chat_id]

    def next_update_id(self) -> int:
        return next(self._update_ids)

    def store_incoming(self, message: Message) -> None:
        """Record a message a user sent, so the bot can reply to, copy or delete it."""
        self._messages.setdefault(message.chat.id, {})[message.message_id] = message

    def new_callback_query_id(self) -> str:
        query_id = str(4_000_000_000_000_000_000 + next(self._query_ids))
        return query_id

    def chat_instance(self, chat_id: int) -> str:
        return str(10**18 + abs(chat_id))

    def callback_answer(self, query_id: str) -> AnswerCallbackQuery | None:
        return self.callback_answers.get(query_id)

    def enqueue_update(self, update: Update) -> None:
        """Queue an update for ``getUpdates`` so ``dp.start_polling`` works against the fake."""
        self._update_queue().put_nowait(update)

    def register_file(
        self,
        content: bytes | None,
        *,
        file_name: str | None = None,
        mime_type: str | None = None,
        kind: str = "document",
        size: int | None = None,
    ) -> StoredFile:
        """Make a file downloadable through ``bot.get_file``/``bot.download``; ``size``
        without content: a file too big for the bot to fetch (getFile refuses it)."""
        number = next(self._file_ids)
        suffix = ""
        if file_name and "." in file_name:
            suffix = "." + file_name.rsplit(".", 1)[1]
        suffix = suffix or _DEFAULT_EXTENSIONS.get(kind, "")
        stored = StoredFile(
            file_id=f"FAKE-{kind.upper()}-{number:06d}",
            file_unique_id=f"FakeU{number:06d}",
            file_path=f"{_FILE_FOLDERS.get(kind, 'documents')}/file_{number}{suffix}",
            kind=kind,
            content=content,
            file_name=file_name,
            mime_type=mime_type,
            declared_size=size,
        )
        self.files[stored.file_id] = stored
        self._files_by_path[stored.file_path] = stored
        return stored

    def file_bytes(self, file_id: str) -> bytes:
        stored = self.files.get(file_id)
        if stored is None:
            raise KeyError(f"FakeTelegram does not know file_id {file_id!r}")
        if stored.content is None:
            raise ValueError(f"file {file_id!r} was sent by URL; its bytes are unknown offline")
        return stored.content

    def document_bytes(self, message: Message) -> bytes:
        """The bytes of the document in ``message`` (sent by the bot or a TelegramUser)."""
        if message.document is None:
            raise ValueError(f"message {message.message_id} has no document")
        return self.file_bytes(message.document.file_id)

    def _update_queue(self) -> asyncio.Queue[Update]:
        if self._updates is None:
            self._updates = asyncio.Queue()
        return self._updates

    def _default_name(self) -> str:
        return self.bot_username.removesuffix("_bot").removesuffix("bot").replace("_", " ").title()
