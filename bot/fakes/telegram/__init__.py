"""In-process fake of the Telegram Bot API, used by the test-suite and the offline demo.

``FakeTelegram`` is an aiogram session: ``Bot(token, session=FakeTelegram())`` (or
``fake.create_bot()``) answers every request locally. Both answers and errors go through
aiogram's own ``BaseSession.check_response``, so results are bound to the bot (shortcuts such
as ``message.edit_text()`` work) and failures are the exact exception classes, with the real
server's wording, that production code sees.

The fake is stateful: it remembers every message in every chat, so edits, deletes, copies and
replies behave like Telegram, and it records every request for assertions.

Modules: state (what the server knows, and the helpers tests use), session (the request path:
gates, formatting, storing), entities (parse modes into entities), limits (Telegram's sizes
and rates), records (a request's record, stored files); the method groups messages, editing,
profile, updates and lookups; server (FakeTelegram, all of them together).
"""

from bot.fakes.telegram.entities import (
    EntityParseError,
    parse_html,
    parse_markdown,
    parse_markdown_v2,
    utf16_len,
)
from bot.fakes.telegram.records import CallRecord, StoredFile
from bot.fakes.telegram.server import FakeTelegram

__all__ = [
    "CallRecord",
    "EntityParseError",
    "FakeTelegram",
    "StoredFile",
    "parse_html",
    "parse_markdown",
    "parse_markdown_v2",
    "utf16_len",
]
