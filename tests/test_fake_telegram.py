"""Tests for the in-process Telegram fake (bot/fakes) that the rest of the suite relies on."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiogram import Bot, Dispatcher, F, Router
from aiogram.client.default import DefaultBotProperties
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.methods import (
    AnswerCallbackQuery,
    EditMessageText,
    GetChatAdministrators,
    SendChatAction,
    SendMessage,
    SendPhoto,
    SetMyDefaultAdministratorRights,
)
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaDocument,
    InputMediaPhoto,
    KeyboardButton,
    MenuButtonCommands,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    ReplyParameters,
    Update,
    URLInputFile,
)
from aiogram.utils.text_decorations import html_decoration

from bot.fakes.client import TelegramUser, detect_entities
from bot.fakes.telegram import FakeTelegram, parse_html, parse_markdown_v2

USER_ID = 1001
GROUP_ID = -4001
SUPERGROUP_ID = -1001234567890
REPORT_CSV = "ФИО;Часы\nИванова А.;12\n".encode()


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2025, 9, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def dump(value: Any) -> Any:
    """Compare by content: pydantic equality also compares the bound bot."""
    if isinstance(value, list):
        return [dump(item) for item in value]
    return value.model_dump(exclude_none=True) if value is not None else None


def keyboard(*rows: list[tuple[str, str]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=text, callback_data=data) for text, data in row]
            for row in rows
        ]
    )


MENU = InlineKeyboardMarkup(
    inline_keyboard=[
        [InlineKeyboardButton(text="📅 Мероприятия", callback_data="events")],
        [
            InlineKeyboardButton(text="📄 Отчёт", callback_data="report"),
            InlineKeyboardButton(text="❓ Помощь", callback_data="help"),
        ],
        [InlineKeyboardButton(text="Сайт", url="https://example.org")],
    ]
)
BACK = keyboard([("← Назад", "back")])


def make_router() -> Router:
    router = Router()

    @router.message(CommandStart(deep_link=True))
    async def start_with_code(message: Message, command: CommandObject) -> None:
        await message.answer(f"Приглашение: {command.args}")

    @router.message(CommandStart())
    async def start(message: Message) -> None:
        await message.answer("Привет! Выберите действие:", reply_markup=MENU)

    @router.message(Command("webhook_style"))
    async def webhook_style(message: Message) -> Any:
        return message.answer("ответ через return")  # not awaited: polling executes it

    @router.message(Command("keyboard"))
    async def reply_keyboard(message: Message) -> None:
        markup = ReplyKeyboardMarkup(
            keyboard=[[KeyboardButton(text="Да"), KeyboardButton(text="Нет")]]
        )
        await message.answer("Выберите", reply_markup=markup)

    @router.message(F.document)
    async def got_document(message: Message, bot: Bot) -> None:
        assert message.document is not None
        data = await bot.download(message.document)
        assert data is not None
        content = data.read()
        await message.answer(f"{message.document.file_name}: {len(content)} байт, {content[:4]!r}")

    @router.callback_query(F.data == "events")
    async def events(query: CallbackQuery) -> None:
        assert isinstance(query.message, Message)
        await query.message.edit_text("Мероприятий пока нет", reply_markup=BACK)
        await query.answer("Загружено")

    @router.callback_query(F.data == "back")
    async def back(query: CallbackQuery) -> None:
        assert isinstance(query.message, Message)
        await query.message.edit_text("Привет! Выберите действие:", reply_markup=MENU)
        await query.answer()

    @router.callback_query(F.data == "report")
    async def report(query: CallbackQuery) -> None:
        assert isinstance(query.message, Message)
        await query.message.answer_document(
            BufferedInputFile(REPORT_CSV, filename="report.csv"), caption="Отчёт за сентябрь"
        )
        await query.answer()

    @router.callback_query(F.data == "help")
    async def help_without_answer(query: CallbackQuery) -> None:
        assert isinstance(query.message, Message)
        await query.message.answer("Справка")  # forgets query.answer() on purpose

    @router.callback_query()
    async def unknown(query: CallbackQuery) -> None:
        await query.answer(f"Неизвестная кнопка: {query.data}", show_alert=True)

    return router


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def fake(clock: FakeClock) -> FakeTelegram:
    return FakeTelegram(clock=clock)


@pytest.fixture
async def bot(fake: FakeTelegram) -> AsyncIterator[Bot]:
    async with fake.create_bot() as bot:
        yield bot


@pytest.fixture
def dispatcher() -> Dispatcher:
    dp = Dispatcher()
    dp.include_router(make_router())
    return dp


@pytest.fixture
def user(dispatcher: Dispatcher, bot: Bot, fake: FakeTelegram) -> TelegramUser:
    return TelegramUser(dispatcher, bot, fake, USER_ID, first_name="Анна", username="anna_k")


# ------------------------------------------------------------------ plain API behaviour


async def test_get_me_describes_the_bot(fake: FakeTelegram, bot: Bot) -> None:
    me = await bot.get_me()
    assert me.is_bot and me.id == fake.bot_id == bot.id
    assert me.username == "mentor_demo_bot"
    assert (await bot.me()).username == "mentor_demo_bot"


async def test_sent_message_is_realistic_and_bound(
    fake: FakeTelegram, bot: Bot, clock: FakeClock
) -> None:
    first = await bot.send_message(USER_ID, "раз", reply_markup=BACK)
    second = await bot.send_message(USER_ID, "два")
    other = await bot.send_message(USER_ID + 1, "другой чат")

    assert (first.message_id, second.message_id, other.message_id) == (1, 2, 1)
    assert first.chat.type == "private" and first.chat.id == USER_ID
    assert first.from_user is not None and first.from_user.id == fake.bot_id
    assert first.date == clock.now
    assert dump(first.reply_markup) == dump(BACK)
    assert first.bot is bot  # bound, so shortcuts work
    edited = await first.edit_text("раз!")
    assert isinstance(edited, Message) and edited.text == "раз!"
    assert edited.edit_date == int(clock.now.timestamp())


@pytest.mark.parametrize(
    ("chat_id", "chat_type"),
    [(USER_ID, "private"), (GROUP_ID, "group"), (SUPERGROUP_ID, "supergroup")],
)
async def test_chat_type_follows_the_id(bot: Bot, chat_id: int, chat_type: str) -> None:
    message = await bot.send_message(chat_id, "hi")
    assert message.chat.type == chat_type


async def test_recording_helpers(fake: FakeTelegram, bot: Bot) -> None:
    await bot.send_message(USER_ID, "a")
    with pytest.raises(TelegramBadRequest):
        await bot.send_message(USER_ID, "")
    await bot.send_message(GROUP_ID, "b")
    await bot.send_chat_action(USER_ID, "typing")

    assert [type(call) for call in fake.calls] == [
        SendMessage,
        SendMessage,
        SendMessage,
        SendChatAction,
    ]
    assert isinstance(fake.results[1], TelegramBadRequest)
    assert not fake.records[1].ok
    assert [m.text for m in fake.sent_messages()] == ["a", "b"]
    assert [m.text for m in fake.sent_messages(GROUP_ID)] == ["b"]
    assert [m.text for m in fake.requests(SendMessage)] == ["a", "", "b"]

    fake.clear()
    assert fake.calls == [] and fake.sent_messages() == []
    # State survives clear(): the earlier message can still be edited.
    await bot.edit_message_text("a2", chat_id=USER_ID, message_id=1)
    assert [m.text for m in fake.chat_messages(USER_ID)] == ["a2"]


async def test_settings_methods(fake: FakeTelegram, bot: Bot) -> None:
    commands = [BotCommand(command="start", description="Начать")]
    assert await bot.set_my_commands(commands) is True
    scope = BotCommandScopeAllPrivateChats()
    await bot.set_my_commands([BotCommand(command="help", description="?")], scope=scope)
    assert dump(await bot.get_my_commands()) == dump(commands)
    assert [c.command for c in await bot.get_my_commands(scope=scope)] == ["help"]
    assert await bot.delete_my_commands() is True
    assert await bot.get_my_commands() == []

    assert await bot.set_chat_menu_button(menu_button=MenuButtonCommands()) is True
    assert isinstance(await bot.get_chat_menu_button(), MenuButtonCommands)
    assert await bot.set_webhook("https://example.org/hook") is True
    assert (await bot.get_webhook_info()).url == "https://example.org/hook"
    with pytest.raises(TelegramConflictError):
        await bot.get_updates()
    assert await bot.delete_webhook() is True
    assert await bot.get_updates(timeout=0) == []

    # Any unmodelled method returning bool simply succeeds.
    assert await bot(SetMyDefaultAdministratorRights()) is True
    assert await bot.set_my_name("Наставник") is True
    assert (await bot.get_me()).first_name == "Наставник"


async def test_invalid_command_name(bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command="Start", description="x")])


async def test_unmodelled_method_fails_loudly_unless_scripted(fake: FakeTelegram, bot: Bot) -> None:
    with pytest.raises(NotImplementedError, match="set_response"):
        await bot(GetChatAdministrators(chat_id=GROUP_ID))
    fake.set_response(GetChatAdministrators, [])
    assert await bot(GetChatAdministrators(chat_id=GROUP_ID)) == []


# ------------------------------------------------------------------ validation errors


@pytest.mark.parametrize("text", ["", "   \n "])
async def test_empty_text_is_rejected(bot: Bot, text: str) -> None:
    with pytest.raises(TelegramBadRequest, match="message text is empty") as caught:
        await bot.send_message(USER_ID, text)
    assert isinstance(caught.value.method, SendMessage)


async def test_text_length_limit_counts_characters(bot: Bot) -> None:
    await bot.send_message(USER_ID, "я" * 4096)  # 8192 bytes, but 4096 characters: fine
    with pytest.raises(TelegramBadRequest, match="Bad Request: message is too long"):
        await bot.send_message(USER_ID, "я" * 4097)


async def test_caption_length_limit(bot: Bot) -> None:
    photo = BufferedInputFile(b"\x89PNG...", filename="p.png")
    await bot.send_photo(USER_ID, photo, caption="x" * 1024)
    with pytest.raises(TelegramBadRequest, match="caption is too long"):
        await bot.send_photo(USER_ID, photo, caption="x" * 1025)


@pytest.mark.parametrize(
    ("data", "ok"),
    [("a" * 64, True), ("a" * 65, False), ("я" * 32, True), ("я" * 33, False), ("", False)],
)
async def test_callback_data_is_limited_to_64_bytes(bot: Bot, data: str, ok: bool) -> None:
    markup = keyboard([("Кнопка", data)])
    if ok:
        await bot.send_message(USER_ID, "x", reply_markup=markup)
    else:
        with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
            await bot.send_message(USER_ID, "x", reply_markup=markup)


async def test_text_only_inline_button_is_rejected(bot: Bot) -> None:
    markup = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="Пусто")]])
    with pytest.raises(TelegramBadRequest, match="Text buttons are unallowed"):
        await bot.send_message(USER_ID, "x", reply_markup=markup)


async def test_blocked_chat_raises_forbidden(fake: FakeTelegram, bot: Bot) -> None:
    fake.blocked.update({USER_ID, GROUP_ID})
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await bot.send_message(USER_ID, "hi")
    with pytest.raises(TelegramForbiddenError, match="kicked from the group chat"):
        await bot.send_message(GROUP_ID, "hi")
    with pytest.raises(TelegramForbiddenError):
        await bot.send_chat_action(USER_ID, "typing")
    assert fake.sent_messages() == []
    fake.blocked.clear()
    await bot.send_message(USER_ID, "hi")


# ------------------------------------------------------------------ edits and deletes


async def test_editing_changes_state(fake: FakeTelegram, bot: Bot) -> None:
    sent = await bot.send_message(USER_ID, "v1", reply_markup=BACK)
    await bot.edit_message_text(
        "v2", chat_id=USER_ID, message_id=sent.message_id, reply_markup=BACK
    )
    [current] = fake.chat_messages(USER_ID)
    assert current.text == "v2" and dump(current.reply_markup) == dump(BACK)

    # Like Telegram, an edit without reply_markup drops the inline keyboard.
    await bot.edit_message_text("v3", chat_id=USER_ID, message_id=sent.message_id)
    assert fake.chat_messages(USER_ID)[0].reply_markup is None

    await bot.edit_message_reply_markup(
        chat_id=USER_ID, message_id=sent.message_id, reply_markup=BACK
    )
    assert dump(fake.chat_messages(USER_ID)[0].reply_markup) == dump(BACK)
    assert fake.sent_messages() == [sent]


async def test_editing_with_identical_content_raises(bot: Bot) -> None:
    sent = await bot.send_message(USER_ID, "<b>same</b>", parse_mode="HTML", reply_markup=BACK)
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await sent.edit_text("<b>same</b>", parse_mode="HTML", reply_markup=BACK)
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await sent.edit_reply_markup(reply_markup=BACK)
    # Same text but different formatting is a modification.
    await sent.edit_text("same", reply_markup=BACK)


async def test_editing_missing_or_foreign_message(fake: FakeTelegram, bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("x", chat_id=USER_ID, message_id=99)
    sent = await bot.send_message(USER_ID, "x")
    await sent.delete()
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await sent.edit_text("y")
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await sent.delete()
    assert fake.chat_messages(USER_ID) == []


async def test_edit_callback_data_is_validated(bot: Bot) -> None:
    sent = await bot.send_message(USER_ID, "x")
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await sent.edit_text("y", reply_markup=keyboard([("k", "x" * 65)]))


async def test_edit_caption(bot: Bot) -> None:
    doc = await bot.send_document(USER_ID, BufferedInputFile(b"1", "a.txt"), caption="old")
    edited = await doc.edit_caption(caption="new")
    assert isinstance(edited, Message) and edited.caption == "new"
    with pytest.raises(TelegramBadRequest, match="not modified"):
        await doc.edit_caption(caption="new")
    with pytest.raises(TelegramBadRequest, match="no text in the message"):
        await doc.edit_text("text")


# ------------------------------------------------------------------ formatting


async def test_html_is_parsed_into_entities(fake: FakeTelegram) -> None:
    async with fake.create_bot(default=DefaultBotProperties(parse_mode="HTML")) as bot:
        sent = await bot.send_message(USER_ID, "  <b>Жирный</b> &lt;тег&gt; 😀<i>к</i>  ")
    assert sent.text == "Жирный <тег> 😀к"
    assert [(e.type, e.offset, e.length) for e in sent.entities or []] == [
        ("bold", 0, 6),
        ("italic", 15, 1),  # the emoji takes two UTF-16 code units
    ]
    assert sent.html_text == "<b>Жирный</b> &lt;тег&gt; 😀<i>к</i>"


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (
            "Итого: 5 < 6",
            'Unsupported start tag "" at byte offset 14',
        ),  # Cyrillic letters are 2 bytes
        ("<br>", 'Unsupported start tag "br" at byte offset 0'),
        ("<b>жирный", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
    ],
)
async def test_bad_html_is_rejected_like_telegram(bot: Bot, text: str, error: str) -> None:
    with pytest.raises(TelegramBadRequest) as caught:
        await bot.send_message(USER_ID, text, parse_mode="HTML")
    assert caught.value.message == f"Bad Request: can't parse entities: {error}"


async def test_markdown_v2_requires_escaping(bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match=r"Character '\.' is reserved"):
        await bot.send_message(USER_ID, "*Готово*.", parse_mode="MarkdownV2")
    sent = await bot.send_message(USER_ID, "*Готово*\\.", parse_mode="MarkdownV2")
    assert sent.text == "Готово."
    assert [(e.type, e.offset, e.length) for e in sent.entities or []] == [("bold", 0, 6)]


def test_parsers_roundtrip_with_aiogram_decorations() -> None:
    source = '<b>a <i>b</i></b> <a href="https://e.org/?q=1">c</a> <code>d</code> &lt;&amp;'
    text, entities = parse_html(source)
    assert text == "a b c d <&"
    assert html_decoration.unparse(text, entities) == source
    _, [link] = parse_html('<a href="https://e.org/?q=1&amp;r=2">c</a>')
    assert link.url == "https://e.org/?q=1&r=2"
    text, entities = parse_markdown_v2("__u__ ||s|| [l](https://e.org)")
    assert text == "u s l"
    assert [e.type for e in entities] == ["underline", "spoiler", "text_link"]


# ------------------------------------------------------------------ fault injection


async def test_fail_next_429_then_succeeds(fake: FakeTelegram, bot: Bot) -> None:
    fake.fail_next(SendMessage, "429", retry_after=7)
    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_message(USER_ID, "hi")
    assert caught.value.retry_after == 7
    assert "Too Many Requests: retry after 7" in caught.value.message
    assert fake.sent_messages() == []

    sent = await bot.send_message(USER_ID, "hi")
    assert sent.message_id == 1  # the failed attempt consumed no message id
    assert [type(r).__name__ for r in fake.results] == ["TelegramRetryAfter", "Message"]


async def test_fail_next_filters_and_counts(fake: FakeTelegram, bot: Bot) -> None:
    fake.fail_next(None, "500", times=2, chat_id=GROUP_ID)
    await bot.send_message(USER_ID, "unaffected")
    for _ in range(2):
        with pytest.raises(TelegramServerError):
            await bot.send_message(GROUP_ID, "x")
    await bot.send_message(GROUP_ID, "x")


@pytest.mark.parametrize(
    ("shortcut", "error_type"),
    [
        ("403", TelegramForbiddenError),
        ("500", TelegramServerError),
        ("timeout", TelegramNetworkError),
        ("400", TelegramBadRequest),
    ],
)
async def test_fault_shortcuts(
    fake: FakeTelegram, bot: Bot, shortcut: str, error_type: type[Exception]
) -> None:
    fake.fail_next(SendPhoto, shortcut)
    await bot.send_message(USER_ID, "other methods are unaffected")
    with pytest.raises(error_type):
        await bot.send_photo(USER_ID, BufferedInputFile(b"img", "a.jpg"))


async def test_fail_next_with_custom_exception(fake: FakeTelegram, bot: Bot) -> None:
    fake.fail_next(None, RuntimeError("boom"))
    with pytest.raises(RuntimeError, match="boom"):
        await bot.get_me()
    with pytest.raises(ValueError, match="unknown fault"):
        fake.fail_next(None, "418")


# ------------------------------------------------------------------ rate limits


async def test_limits_are_off_by_default(bot: Bot) -> None:
    for _ in range(50):
        await bot.send_message(USER_ID, "spam")


async def test_per_chat_limit_with_fake_clock(
    fake: FakeTelegram, bot: Bot, clock: FakeClock
) -> None:
    fake.enforce_limits()
    await bot.send_message(USER_ID, "1")
    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_message(USER_ID, "2")
    assert caught.value.retry_after == 1
    assert fake.rate_limited == 1
    await bot.send_message(USER_ID + 1, "another chat is fine")
    clock.advance(1)
    await bot.send_message(USER_ID, "2")
    assert [m.text for m in fake.sent_messages(USER_ID)] == ["1", "2"]


async def test_global_limit(fake: FakeTelegram, bot: Bot, clock: FakeClock) -> None:
    fake.enforce_limits(per_second=30)
    for chat_id in range(1, 31):
        await bot.send_message(chat_id, "broadcast")
    with pytest.raises(TelegramRetryAfter):
        await bot.send_message(31, "broadcast")
    clock.advance(0.5)
    with pytest.raises(TelegramRetryAfter):
        await bot.send_message(31, "broadcast")
    clock.advance(0.5)
    await bot.send_message(31, "broadcast")
    assert fake.rate_limited == 2


async def test_group_limit_per_minute(fake: FakeTelegram, bot: Bot, clock: FakeClock) -> None:
    fake.enforce_limits(per_group_per_minute=20)
    for _ in range(20):
        await bot.send_message(GROUP_ID, "x")
        clock.advance(1)
    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_message(GROUP_ID, "x")
    # The first of the 20 messages was sent 20 s ago; it leaves the window in 40 s.
    assert caught.value.retry_after == 40
    clock.advance(40)
    await bot.send_message(GROUP_ID, "x")


async def test_rejected_sends_do_not_consume_budget(fake: FakeTelegram, bot: Bot) -> None:
    fake.enforce_limits()
    with pytest.raises(TelegramBadRequest):
        await bot.send_message(USER_ID, "")
    await bot.send_message(USER_ID, "first real send")


def test_limits_must_be_positive(fake: FakeTelegram) -> None:
    with pytest.raises(ValueError, match="positive"):
        fake.enforce_limits(per_chat_per_second=0)


async def test_fractional_rate(fake: FakeTelegram, bot: Bot, clock: FakeClock) -> None:
    fake.enforce_limits(per_chat_per_second=0.5)
    await bot.send_message(USER_ID, "1")
    clock.advance(1)
    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_message(USER_ID, "2")
    assert caught.value.retry_after == 1
    clock.advance(1)
    await bot.send_message(USER_ID, "2")


# ------------------------------------------------------------------ other sends


async def test_media_group_copy_and_reply(fake: FakeTelegram, bot: Bot) -> None:
    messages = await bot.send_media_group(
        USER_ID,
        [
            InputMediaPhoto(media=BufferedInputFile(b"p1", "1.jpg"), caption="first"),
            InputMediaDocument(media=BufferedInputFile(b"d2", "2.pdf")),
        ],
    )
    assert [m.message_id for m in messages] == [1, 2]
    assert messages[0].media_group_id == messages[1].media_group_id is not None
    assert messages[0].photo and messages[1].document
    assert fake.document_bytes(messages[1]) == b"d2"

    copied = await bot.copy_message(GROUP_ID, USER_ID, messages[0].message_id)
    copy = fake.chat_messages(GROUP_ID)[0]
    assert copied.message_id == copy.message_id and copy.caption == "first"
    with pytest.raises(TelegramBadRequest, match="message to copy not found"):
        await bot.copy_message(GROUP_ID, USER_ID, 42)

    reply = await bot.send_message(USER_ID, "ответ", reply_parameters=ReplyParameters(message_id=2))
    assert reply.reply_to_message is not None and reply.reply_to_message.message_id == 2
    with pytest.raises(TelegramBadRequest, match="message to be replied not found"):
        await bot.send_message(USER_ID, "x", reply_parameters=ReplyParameters(message_id=99))


async def test_file_ids_can_be_resent_and_unknown_ids_fail(bot: Bot) -> None:
    first = await bot.send_document(USER_ID, BufferedInputFile(b"abc", "a.txt"))
    assert first.document is not None
    again = await bot.send_document(GROUP_ID, first.document.file_id)
    assert again.document is not None and again.document.file_id == first.document.file_id
    with pytest.raises(TelegramBadRequest, match="wrong file identifier"):
        await bot.send_document(USER_ID, "not-a-file-id")


async def test_concurrent_sends_get_unique_ids(fake: FakeTelegram, bot: Bot) -> None:
    sent = await asyncio.gather(*(bot.send_message(USER_ID, str(i)) for i in range(20)))
    assert sorted(m.message_id for m in sent) == list(range(1, 21))
    assert len(fake.chat_messages(USER_ID)) == 20


async def test_get_updates_long_polls_the_queue(fake: FakeTelegram, bot: Bot) -> None:
    async def later() -> None:
        await asyncio.sleep(0.01)
        fake.enqueue_update(Update(update_id=fake.next_update_id()))

    task = asyncio.create_task(later())
    updates = await bot.get_updates(timeout=5)
    await task
    assert [u.update_id for u in updates] == [1]


# ------------------------------------------------------------------ files


async def test_document_roundtrip(fake: FakeTelegram, bot: Bot) -> None:
    sent = await bot.send_document(USER_ID, BufferedInputFile(REPORT_CSV, "report.csv"))
    assert sent.document is not None
    assert sent.document.file_name == "report.csv"
    assert sent.document.mime_type == "text/csv"
    assert sent.document.file_size == len(REPORT_CSV)
    assert fake.document_bytes(sent) == REPORT_CSV

    file = await bot.get_file(sent.document.file_id)
    assert file.file_path and file.file_path.endswith(".csv")
    downloaded = await bot.download(sent.document)
    assert isinstance(downloaded, io.BytesIO) and downloaded.read() == REPORT_CSV


async def test_unknown_files_cannot_be_downloaded(bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="wrong file_id"):
        await bot.get_file("nope")
    by_url = await bot.send_document(USER_ID, URLInputFile("https://example.org/x.pdf"))
    assert by_url.document is not None
    with pytest.raises(NotImplementedError, match="offline"):
        await bot.download(by_url.document)


async def test_a_file_past_20_mb_arrives_with_its_size_and_cannot_be_fetched(
    fake: FakeTelegram, bot: Bot
) -> None:
    # Telegram takes such a file from a person, but a bot may download only up to 20 MB.
    big = 21 * 1024 * 1024
    stored = fake.register_file(None, file_name="big.xlsx", size=big)
    assert stored.size == big
    with pytest.raises(TelegramBadRequest, match="file is too big"):
        await bot.get_file(stored.file_id)


# ------------------------------------------------------------------ conversation client


def test_detect_entities_uses_utf16_offsets() -> None:
    entities = detect_entities("😀 /start@mentor_demo_bot abc https://e.org @anna_k #тег")
    assert [(e.type, e.offset, e.length) for e in entities] == [
        ("bot_command", 3, 22),
        ("url", 30, 13),
        ("mention", 44, 7),
        ("hashtag", 52, 4),
    ]


async def test_start_and_deep_link(user: TelegramUser) -> None:
    replies = await user.send("/start")
    assert [m.text for m in replies] == ["Привет! Выберите действие:"]
    assert user.handled is True
    assert user.buttons() == ["📅 Мероприятия", "📄 Отчёт", "❓ Помощь", "Сайт"]

    replies = await user.send_command("start", "INVITE42")
    assert user.last_text == "Приглашение: INVITE42"
    sent = user.fake.chat_messages(USER_ID)[-2]  # the user's own message is in the chat too
    assert sent.entities is not None and sent.entities[0].type == "bot_command"
    assert len(user.history) == 2


async def test_unhandled_update_is_reported(user: TelegramUser) -> None:
    assert await user.send("просто текст") == []
    assert user.handled is False


async def test_click_by_text_edits_message_and_records_answer(user: TelegramUser) -> None:
    await user.send("/start")
    menu = user.last_message
    replies = await user.click("📅 Мероприятия")
    assert [m.text for m in replies] == ["Мероприятий пока нет"]
    assert menu is not None and replies[0].message_id == menu.message_id
    assert user.last_callback_answer == "Загружено"
    assert user.buttons() == ["← Назад"]

    await user.click("Назад")  # substring match
    assert user.last_text == "Привет! Выберите действие:"
    assert user.last_callback_answered and user.last_callback_answer is None


async def test_click_by_index_and_position(user: TelegramUser, fake: FakeTelegram) -> None:
    await user.send("/start")
    replies = await user.click(1)  # flat index: "📄 Отчёт"
    assert replies[0].document is not None
    assert fake.document_bytes(replies[0]) == REPORT_CSV
    assert replies[0].caption == "Отчёт за сентябрь"

    replies = await user.click((1, 1), message=fake.chat_messages(USER_ID)[1])
    assert [m.text for m in replies] == ["Справка"]
    assert user.callback_answers[-1] is None  # the handler forgot to answer
    assert len(fake.requests(AnswerCallbackQuery)) == 1


async def test_click_errors_list_available_buttons(user: TelegramUser) -> None:
    with pytest.raises(AssertionError, match="no bot message with an inline keyboard"):
        await user.click("Отчёт")
    await user.send("/start")
    with pytest.raises(AssertionError, match=r"no button matching 'Выход'.*Мероприятия"):
        await user.click("Выход")
    with pytest.raises(AssertionError, match="2 buttons containing"):
        await user.click("о")  # in "📅 Мероприятия" and "❓ Помощь"
    with pytest.raises(AssertionError, match=r"no button at \(row=5, col=0\)"):
        await user.click((5, 0))
    with pytest.raises(AssertionError, match="sends no callback"):
        await user.click("Сайт")


async def test_press_forged_data(user: TelegramUser, fake: FakeTelegram) -> None:
    await user.send("/start")
    await user.press_data("admin:delete_all")
    assert user.last_callback_answer == "Неизвестная кнопка: admin:delete_all"
    answer = fake.requests(AnswerCallbackQuery)[-1]
    assert answer.show_alert is True
    # Each query id can be answered once, like on the real server.
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await user.bot.answer_callback_query(answer.callback_query_id)


async def test_user_uploads_document(user: TelegramUser) -> None:
    replies = await user.send_document("plan.txt", b"PLAN 2025", "text/plain", caption="план")
    assert [m.text for m in replies] == ["plan.txt: 9 байт, b'PLAN'"]


async def test_handler_returning_a_method_is_executed(user: TelegramUser) -> None:
    replies = await user.send_command("webhook_style")
    assert [m.text for m in replies] == ["ответ через return"]


async def test_reply_keyboard_is_tracked(user: TelegramUser, bot: Bot) -> None:
    await user.send_command("keyboard")
    assert user.reply_buttons == ["Да", "Нет"]
    assert user.last_message is not None and user.last_message.reply_markup is None
    await bot.send_message(USER_ID, "убрано", reply_markup=ReplyKeyboardRemove())
    assert user.reply_buttons == []


async def test_messages_sent_outside_handlers_are_visible(
    user: TelegramUser, bot: Bot, fake: FakeTelegram
) -> None:
    await bot.send_message(USER_ID, "Напоминание о встрече")  # e.g. from the scheduler
    assert user.last_text == "Напоминание о встрече"
    first = fake.chat_messages(USER_ID)[0]
    assert first.chat.first_name == "Анна"


async def test_acting_unblocks_the_bot(user: TelegramUser, fake: FakeTelegram) -> None:
    fake.blocked.add(USER_ID)
    await user.send("/start")
    assert USER_ID not in fake.blocked
    assert user.last_text == "Привет! Выберите действие:"


async def test_edit_made_through_bound_message_is_tracked(
    user: TelegramUser, bot: Bot, fake: FakeTelegram
) -> None:
    await user.send("/start")
    message = user.last_message
    assert message is not None
    await bot(EditMessageText(chat_id=USER_ID, message_id=message.message_id, text="Изменено"))
    assert user.last_text == "Изменено"
    assert user.buttons() == []
    with pytest.raises(AssertionError, match="no bot message with an inline keyboard"):
        await user.click(0)


# ------------------------------------------------------------------ less common methods


async def test_other_content_types(fake: FakeTelegram, bot: Bot) -> None:
    location = await bot.send_location(USER_ID, 55.75, 37.62)
    assert location.location is not None and location.location.latitude == 55.75
    contact = await bot.send_contact(USER_ID, "+79990000000", "Анна")
    assert contact.contact is not None and contact.contact.first_name == "Анна"
    dice = await bot.send_dice(USER_ID)
    assert dice.dice is not None and 1 <= dice.dice.value <= 6
    # Unmodelled sends (polls, invoices, ...) still produce a real message in the chat.
    poll = await bot.send_poll(USER_ID, "Удобно?", ["Да", "Нет"])
    assert poll.chat.id == USER_ID and poll.message_id == 4
    forwarded = await bot.forward_message(GROUP_ID, USER_ID, contact.message_id)
    assert forwarded.contact is not None and forwarded.forward_origin is not None
    assert len(fake.sent_messages()) == 5


async def test_usernames_and_deactivated_accounts(fake: FakeTelegram, bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message("@some_channel", "x")
    fake.deactivated.add(USER_ID)
    with pytest.raises(TelegramForbiddenError, match="user is deactivated"):
        await bot.send_message(USER_ID, "x")


async def test_callback_answer_text_limit(bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="MESSAGE_TOO_LONG"):
        await bot.answer_callback_query("1", text="x" * 201)
    assert await bot.answer_callback_query("1", text="x" * 200) is True


async def test_chat_info(user: TelegramUser, bot: Bot) -> None:
    chat = await bot.get_chat(USER_ID)
    assert chat.type == "private" and chat.first_name == "Анна" and chat.username == "anna_k"
    member = await bot.get_chat_member(GROUP_ID, USER_ID)
    assert member.user.id == USER_ID and member.status == "member"
    assert await bot.get_chat_member_count(GROUP_ID) == 2


async def test_caption_edit_on_text_message(bot: Bot) -> None:
    sent = await bot.send_message(USER_ID, "text")
    with pytest.raises(TelegramBadRequest, match="no caption in the message"):
        await sent.edit_caption(caption="c")


async def test_legacy_markdown_and_unknown_parse_mode(bot: Bot) -> None:
    sent = await bot.send_message(USER_ID, "*жирный* _курсив_", parse_mode="Markdown")
    assert sent.text == "жирный курсив"
    assert [e.type for e in sent.entities or []] == ["bold", "italic"]
    with pytest.raises(TelegramBadRequest, match="unsupported parse_mode"):
        await bot.send_message(USER_ID, "x", parse_mode="BBCode")


async def test_menu_button_falls_back_to_bot_wide_setting(bot: Bot) -> None:
    await bot.set_chat_menu_button(menu_button=MenuButtonCommands())
    assert isinstance(await bot.get_chat_menu_button(chat_id=USER_ID), MenuButtonCommands)


async def test_buttons_and_forged_data_on_a_given_message(
    user: TelegramUser, bot: Bot, fake: FakeTelegram
) -> None:
    await user.send("/start")
    menu = user.last_message
    await bot.send_message(USER_ID, "другое", reply_markup=keyboard([("Ок", "ok")]))
    assert user.buttons() == ["Ок"]
    assert menu is not None and user.buttons(menu)[0] == "📅 Мероприятия"
    await user.press_data("forged", message=menu)
    query = fake.requests(AnswerCallbackQuery)[-1]
    assert query.text == "Неизвестная кнопка: forged"
    await user.click("Мероприятия", message=menu)
    assert fake.chat_messages(USER_ID)[1].text == "Мероприятий пока нет"


async def test_requests_yield_to_the_event_loop(bot: Bot) -> None:
    # Like a network call, a request lets other tasks run, so races surface in tests.
    order: list[str] = []

    async def send(text: str) -> None:
        order.append(f"start {text}")
        await bot.send_message(USER_ID, text)
        order.append(f"end {text}")

    await asyncio.gather(send("a"), send("b"))
    assert order == ["start a", "start b", "end a", "end b"]
