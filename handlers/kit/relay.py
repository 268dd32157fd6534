"""The one window of writing to someone through the bot (a flash session's other side, a
pair's mentor or mentees): what is typed or sent goes on, window after window, until «Готово».
The feature's callbacks decide who may write to whom (its service) and what «Готово» shows."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, ContentType, Message
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button

from handlers.kit.input import OnText, typed_text
from handlers.kit.text import Tr
from handlers.kit.window import Window

OnDone = Callable[[CallbackQuery, Any, DialogManager], Awaitable[None]]
Getter = Callable[..., Awaitable[dict[str, Any]]]

SENT = "sent"  # dialog_data: something went already (the window says so)


def _not_sent(data: dict[str, Any], *_: Any) -> bool:
    return not data[SENT]


def relay_window(
    state: State,
    *,
    prompt: str,
    sent: str,
    getter: Getter,
    on_text: OnText,
    on_file: Callable[[Message, DialogManager], Awaitable[None]],
    on_done: OnDone,
) -> Window:
    """`getter` gives the window's names (re-checking who may write now) and `sent`;
    `on_text`/`on_file` pass the message on and call `mark_sent`."""

    async def file(message: Message, _: Any, manager: DialogManager) -> None:
        await on_file(message, manager)

    return Window(
        Tr(prompt, when=_not_sent),
        Tr(sent, when=SENT),
        typed_text(on_text),
        MessageInput(file, content_types=ContentType.ANY),  # a photo, a file, a voice message
        Button(Tr("btn-done"), id="done", on_click=on_done),
        getter=getter,
        state=state,
    )


def was_sent(manager: DialogManager) -> bool:
    return bool(manager.dialog_data.get(SENT))


def mark_sent(manager: DialogManager) -> None:
    manager.dialog_data[SENT] = True
