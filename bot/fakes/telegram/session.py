"""The fake server's request path: one request in, Telegram's answer or error out."""

from __future__ import annotations

import asyncio
import math
import mimetypes
import time
from collections.abc import AsyncGenerator, Callable
from enum import Enum
from typing import Any, Final, NoReturn

from aiogram import Bot
from aiogram.client.default import Default
from aiogram.exceptions import TelegramNetworkError
from aiogram.methods import (
    EditMessageCaption,
    EditMessageReplyMarkup,
    EditMessageText,
    TelegramMethod,
)
from aiogram.types import (
    Animation,
    Audio,
    Document,
    InlineKeyboardMarkup,
    InputFile,
    Message,
    MessageEntity,
    PhotoSize,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Sticker,
    URLInputFile,
    Video,
    VideoNote,
    Voice,
)

from bot.fakes.telegram.entities import PARSERS, EntityParseError, trim
from bot.fakes.telegram.limits import (
    MAX_CALLBACK_DATA_BYTES,
    MAX_CAPTION_LENGTH,
    MAX_INLINE_BUTTONS,
    MAX_TEXT_LENGTH,
    MAX_UPLOAD_BYTES,
)
from bot.fakes.telegram.records import AnyMethod, CallRecord, StoredFile, jsonable, maybe_int
from bot.fakes.telegram.state import ServerState

_MISSING: Final = object()  # sentinel: "no scripted response"
# Inline buttons must carry exactly one action; a bare text button is rejected by the server.
_BUTTON_ACTIONS: Final = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
    "disabled",
)


class SessionCore(ServerState):
    """Requests in, answers or errors out: the aiogram session API and what every method
    handler shares (the gates a send passes, formatting, storing messages, uploads)."""

    # ---------------------------------------------------------------- BaseSession API

    async def close(self) -> None:
        """Nothing to release: there is no connection."""

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,  # noqa: ASYNC109 - signature fixed by BaseSession
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        stored = self._file_by_url(url)
        if stored is None or stored.content is None:
            raise NotImplementedError(
                f"FakeTelegram cannot download {url!r}: it works offline and only serves "
                "files uploaded through it (by the bot or a TelegramUser)."
            )
        content = stored.content
        for start in range(0, len(content), chunk_size):
            yield content[start : start + chunk_size]

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[Any],
        timeout: int | None = None,  # noqa: ASYNC109 - signature fixed by BaseSession
    ) -> Any:
        record = CallRecord(seq=next(self._seq), method=method)
        self.records.append(record)
        try:
            # A real request yields to the event loop; so must we, or races stay hidden.
            await asyncio.sleep(0)
            self._raise_injected_fault(bot, method)
            payload = await self._answer(bot, method, record)
            result = self._respond(bot, method, payload)
        except BaseException as error:
            record.error = error
            raise
        record.result = result
        if (
            isinstance(result, Message)
            and len(record.messages) == 1
            and record.messages[0].message_id == result.message_id
        ):
            # The answer is that very message, already parsed and bound to the bot (and
            # frozen): parsing it once more was a fifth of a fake send's cost.
            record.messages = [result]
        else:
            record.messages = [self._bind(bot, message) for message in record.messages]
        return result

    # ---------------------------------------------------------------- plumbing

    def _respond(self, bot: Bot, method: AnyMethod, payload: Any) -> Any:
        # Serialising through JSON and check_response gives exactly what a real HTTP answer
        # would: objects bound to the bot, Telegram's field names, whole-second dates.
        content = self.json_dumps({"ok": True, "result": jsonable(payload)})
        return self.check_response(bot, method, 200, content).result

    def _fail(
        self, bot: Bot, method: AnyMethod, status: int, description: str, retry_after: int = 0
    ) -> NoReturn:
        """Raise the exception aiogram raises for this HTTP error from the real server."""
        body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
        if retry_after:
            body["parameters"] = {"retry_after": retry_after}
        self.check_response(bot, method, status, self.json_dumps(body))
        raise AssertionError(f"check_response accepted HTTP {status}")  # pragma: no cover

    @staticmethod
    def _bind(bot: Bot, model: Message) -> Message:
        return Message.model_validate(jsonable(model), context={"bot": bot})

    def _raise_injected_fault(self, bot: Bot, method: AnyMethod) -> None:
        fault = next((f for f in self._faults if f.matches(method)), None)
        if fault is None:
            return
        fault.remaining -= 1
        if fault.remaining == 0:
            self._faults.remove(fault)
        error = fault.error
        if isinstance(error, BaseException):
            raise error
        if error == "timeout":
            raise TelegramNetworkError(method=method, message="Request timeout error")
        status, description = {
            "400": (400, "Bad Request: chat not found"),
            "403": (403, "Forbidden: bot was blocked by the user"),
            "429": (429, f"Too Many Requests: retry after {fault.retry_after}"),
            "500": (500, "Internal Server Error"),
            "502": (502, "Bad Gateway"),
        }[error]
        self._fail(bot, method, status, description, fault.retry_after if status == 429 else 0)

    async def _answer(self, bot: Bot, method: AnyMethod, record: CallRecord) -> Any:
        override = self._overrides.get(type(method), _MISSING)
        if override is not _MISSING:
            return override(method) if callable(override) else override
        handler = self._handlers.get(type(method))
        if handler is not None:
            return await handler(bot, method, record)
        returning = method.__returning__
        chat_id = getattr(method, "chat_id", None)
        if returning is bool:
            if chat_id is not None:
                self._check_reachable(bot, method, self._chat_id(bot, method, chat_id))
            return True
        if returning is Message and chat_id is not None and not hasattr(method, "message_id"):
            # Unmodelled send (poll, invoice, ...): a real message without the content.
            return await self._send_generic(bot, method, record)
        raise NotImplementedError(
            f"FakeTelegram has no answer for {type(method).__name__} "
            f"(returns {returning}); script one with fake.set_response({type(method).__name__}"
            ", value_or_callable)."
        )

    @staticmethod
    def _resolve(bot: Bot, value: Any) -> Any:
        """Replace aiogram's ``Default(...)`` placeholders with the bot's defaults."""
        return bot.default[value.name] if isinstance(value, Default) else value

    def _chat_id(self, bot: Bot, method: AnyMethod, value: Any) -> int:
        chat_id = maybe_int(value)
        if not chat_id:
            # @usernames of public chats are not modelled; 0 is never a valid chat.
            self._fail(bot, method, 400, "Bad Request: chat not found")
        return chat_id

    def _check_reachable(self, bot: Bot, method: AnyMethod, chat_id: int) -> None:
        if chat_id in self.deactivated:
            self._fail(bot, method, 403, "Forbidden: user is deactivated")
        if chat_id in self.blocked:
            reason = (
                "Forbidden: bot was blocked by the user"
                if chat_id > 0
                else "Forbidden: bot was kicked from the group chat"
            )
            self._fail(bot, method, 403, reason)

    def _timestamp(self) -> float:
        return self._clock().timestamp() if self._clock is not None else time.monotonic()

    def _admit(self, bot: Bot, method: AnyMethod, chat_id: int) -> Callable[[], None]:
        """Gate a send: 403 for blocked chats, 429 over the limits. Returns a commit callback
        so only sends that really happen consume rate-limit budget."""
        self._check_reachable(bot, method, chat_id)
        if self._limits is None:
            return lambda: None
        now = self._timestamp()
        windows = self._limits.windows(chat_id)
        wait = max(window.wait(now) for window in windows)
        if wait > 0:
            self.rate_limited += 1
            retry_after = max(1, math.ceil(wait))
            self._fail(
                bot, method, 429, f"Too Many Requests: retry after {retry_after}", retry_after
            )

        def commit() -> None:
            for window in windows:
                window.stamps.append(now)

        return commit

    def _format(
        self,
        bot: Bot,
        method: AnyMethod,
        text: str | None,
        parse_mode: Any,
        entities: list[MessageEntity] | None,
        *,
        caption: bool,
    ) -> tuple[str, list[MessageEntity]]:
        text = text or ""
        mode = self._resolve(bot, parse_mode)
        if isinstance(mode, Enum):
            mode = mode.value
        if entities:
            parsed = list(entities)  # explicit entities win over parse_mode, as in the API
        elif mode:
            parser = PARSERS.get(str(mode).lower())
            if parser is None:
                self._fail(bot, method, 400, "Bad Request: unsupported parse_mode")
            try:
                text, parsed = parser(text)
            except EntityParseError as error:
                self._fail(bot, method, 400, f"Bad Request: can't parse entities: {error}")
        else:
            parsed = []
        text, parsed = trim(text, parsed)
        if caption:
            if len(text) > MAX_CAPTION_LENGTH:
                self._fail(bot, method, 400, "Bad Request: message caption is too long")
        else:
            if not text:
                self._fail(bot, method, 400, "Bad Request: message text is empty")
            # The server counts characters (code points), not bytes or UTF-16 units.
            if len(text) > MAX_TEXT_LENGTH:
                self._fail(bot, method, 400, "Bad Request: message is too long")
        return text, parsed

    def _check_markup(self, bot: Bot, method: AnyMethod, markup: Any) -> None:
        if not isinstance(markup, InlineKeyboardMarkup):
            return
        buttons = [button for row in markup.inline_keyboard for button in row]
        if len(buttons) > MAX_INLINE_BUTTONS:
            self._fail(bot, method, 400, "Bad Request: reply markup is too long")
        for button in buttons:
            if button.callback_data is not None:
                size = len(button.callback_data.encode())
                if not 1 <= size <= MAX_CALLBACK_DATA_BYTES:
                    self._fail(bot, method, 400, "Bad Request: BUTTON_DATA_INVALID")
            elif all(getattr(button, name, None) is None for name in _BUTTON_ACTIONS):
                self._fail(
                    bot,
                    method,
                    400,
                    "Bad Request: can't parse inline keyboard button: "
                    "Text buttons are unallowed in the inline keyboard",
                )

    def _reply_to(self, bot: Bot, method: AnyMethod, chat_id: int) -> Message | None:
        parameters = getattr(method, "reply_parameters", None)
        message_id = getattr(method, "reply_to_message_id", None)
        allow_missing = self._resolve(bot, getattr(method, "allow_sending_without_reply", None))
        if parameters is not None:
            message_id = parameters.message_id
            chat_id = maybe_int(parameters.chat_id) or chat_id
            allow_missing = self._resolve(bot, parameters.allow_sending_without_reply)
        if message_id is None:
            return None
        target = self.get_message(chat_id, message_id)
        if target is None:
            if allow_missing:
                return None
            self._fail(bot, method, 400, "Bad Request: message to be replied not found")
        # Telegram does not nest replies: the quoted message carries no reply of its own.
        return target.model_copy(update={"reply_to_message": None})

    def _deliver(
        self, bot: Bot, method: AnyMethod, record: CallRecord, chat_id: int, **content: Any
    ) -> Message:
        """Validate common send options, pass the gates and store a new bot message."""
        markup = getattr(method, "reply_markup", None)
        self._check_markup(bot, method, markup)
        reply_to = self._reply_to(bot, method, chat_id)
        commit = self._admit(bot, method, chat_id)
        message = self._create(bot, method, chat_id, markup, reply_to, content)
        commit()
        record.kind = "send"
        record.messages.append(message)
        return message

    def _create(
        self,
        bot: Bot,
        method: AnyMethod,
        chat_id: int,
        markup: Any,
        reply_to: Message | None,
        content: dict[str, Any],
    ) -> Message:
        if isinstance(markup, ReplyKeyboardMarkup):
            self.reply_keyboards[chat_id] = markup
        elif isinstance(markup, ReplyKeyboardRemove):
            self.reply_keyboards.pop(chat_id, None)
        protect = self._resolve(bot, getattr(method, "protect_content", None))
        message = Message(
            message_id=self.next_message_id(chat_id),
            date=self.now(),
            chat=self.chat(chat_id),
            from_user=self.me,
            reply_to_message=reply_to,
            # Message.reply_markup only ever holds inline keyboards; reply keyboards and
            # ForceReply affect the client, not the message object.
            reply_markup=markup if isinstance(markup, InlineKeyboardMarkup) else None,
            has_protected_content=True if protect else None,
            **content,
        )
        self._messages.setdefault(chat_id, {})[message.message_id] = message
        return message

    async def _upload(
        self, bot: Bot, method: AnyMethod, value: InputFile | str, kind: str
    ) -> StoredFile:
        if isinstance(value, str):
            if value in self.files:
                return self.files[value]
            if value.startswith(("http://", "https://")):
                return self.register_file(None, file_name=value.rsplit("/", 1)[-1], kind=kind)
            self._fail(bot, method, 400, "Bad Request: wrong file identifier/HTTP URL specified")
        name = value.filename
        if isinstance(value, URLInputFile):
            # Fetching it would need the network; the demo must stay offline.
            return self.register_file(
                None, file_name=name or value.url.rsplit("/", 1)[-1], kind=kind
            )
        content = b"".join([chunk async for chunk in value.read(bot)])
        if len(content) > MAX_UPLOAD_BYTES:
            self._fail(bot, method, 413, "Request Entity Too Large")
        if not content:
            self._fail(bot, method, 400, "Bad Request: file must be non-empty")
        mime = (mimetypes.guess_type(name)[0] if name else None) or "application/octet-stream"
        return self.register_file(content, file_name=name, mime_type=mime, kind=kind)

    @staticmethod
    def _media(kind: str, stored: StoredFile, source: Any) -> Any:
        """The Message attribute value for an uploaded file. Pixels and audio are not
        decoded, so dimensions/durations come from the request or plausible constants."""
        common: dict[str, Any] = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": stored.size,
        }
        width = getattr(source, "width", None) or 1280
        height = getattr(source, "height", None) or 720
        duration = getattr(source, "duration", None) or 0
        named: dict[str, Any] = {"file_name": stored.file_name, "mime_type": stored.mime_type}
        match kind:
            case "photo":
                return [PhotoSize(**common, width=width, height=height)]
            case "audio":
                return Audio(**common, **named, duration=duration)
            case "video":
                return Video(**common, **named, width=width, height=height, duration=duration)
            case "animation":
                return Animation(**common, **named, width=width, height=height, duration=duration)
            case "voice":
                return Voice(**common, mime_type=stored.mime_type, duration=duration)
            case "video_note":
                return VideoNote(
                    **common, length=getattr(source, "length", None) or 240, duration=duration
                )
            case "sticker":
                return Sticker(
                    **common,
                    type="regular",
                    width=512,
                    height=512,
                    is_animated=False,
                    is_video=False,
                )
            case _:
                return Document(**common, **named)

    def _target(
        self, bot: Bot, method: EditMessageText | EditMessageCaption | EditMessageReplyMarkup
    ) -> tuple[int, Message]:
        """The stored bot message an edit refers to."""
        chat_id = self._chat_id(bot, method, method.chat_id)
        self._check_reachable(bot, method, chat_id)
        stored = self.get_message(chat_id, method.message_id or 0)
        if stored is None:
            self._fail(bot, method, 400, "Bad Request: message to edit not found")
        if stored.from_user is None or stored.from_user.id != self.bot_id:
            self._fail(bot, method, 400, "Bad Request: message can't be edited")
        return chat_id, stored

    def _save_edit(
        self, record: CallRecord, chat_id: int, stored: Message, **changes: Any
    ) -> Message:
        # aiogram types Message.edit_date as a unix-time int, unlike Message.date (datetime).
        edit_date = int(self.now().timestamp())
        edited = stored.model_copy(update={**changes, "edit_date": edit_date})
        self._messages[chat_id][edited.message_id] = edited
        record.kind = "edit"
        record.messages.append(edited)
        return edited

    def _file_by_url(self, url: str) -> StoredFile | None:
        # File URLs look like https://api.telegram.org/file/bot<token>/<file_path>.
        _, marker, rest = url.partition("/file/bot")
        if not marker:
            return None
        return self._files_by_path.get(rest.partition("/")[2])

    async def _send_generic(self, bot: Bot, method: AnyMethod, record: CallRecord) -> Message:
        chat_id = self._chat_id(bot, method, getattr(method, "chat_id", None))
        return self._deliver(bot, method, record, chat_id)
