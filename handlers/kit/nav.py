"""Back and Cancel, the same in every dialog: aiogram_dialog's own stack and states."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_dialog import DialogManager, ShowMode
from aiogram_dialog.widgets.common import WhenCondition
from aiogram_dialog.widgets.kbd import Back, Button, Row, SwitchTo
from aiogram_dialog.widgets.kbd.button import OnClick

from bot.context import Ctx
from handlers.kit.text import Tr
from handlers.ui import edit_or_send

# Runs before the dialog closes (a draft to withdraw); gets the dialog's manager.
OnCancel = Callable[[DialogManager], Awaitable[None]]
# A plain screen (text and CallbackData buttons), made from the dialog's data before it closes.
Screen = Callable[[DialogManager], Awaitable[tuple[str, InlineKeyboardMarkup | None]]]


def cancel_button(on_cancel: OnCancel | None = None, said: str = "cancelled") -> Button:
    """Close the dialog and leave a word where it was, instead of a dead keyboard."""

    async def cancel(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
        if on_cancel is not None:
            await on_cancel(manager)
        ctx: Ctx = manager.middleware_data["ctx"]
        await manager.done(show_mode=ShowMode.NO_UPDATE)
        if isinstance(callback.message, Message):
            await callback.message.edit_text(ctx.texts(said))

    return Button(Tr("btn-cancel"), id="cancel", on_click=cancel)


def nav_row(
    *,
    back: bool | State = True,
    on_back: OnClick | None = None,
    on_cancel: OnCancel | None = None,
    said: str = "cancelled",
) -> Row:
    """◀ Back (to the previous state, or to `back` when it is a state) and Cancel."""
    buttons: list[Button] = []
    if isinstance(back, State):
        buttons.append(SwitchTo(Tr("btn-back"), id="back", state=back, on_click=on_back))
    elif back:
        buttons.append(Back(Tr("btn-back"), on_click=on_back))
    buttons.append(cancel_button(on_cancel, said))
    return Row(*buttons)


def leave_button(
    key: str, screen: Screen, *, id: str = "leave", when: WhenCondition = None
) -> Button:
    """Close the dialog and show a plain screen in its place: ◀ Back from a dialog started on
    such a screen (`leave_button("btn-back", card)` on a meeting card's edit), or a way out to
    one (the list of one's records)."""

    async def leave(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
        text, keyboard = await screen(manager)
        await manager.done(show_mode=ShowMode.NO_UPDATE)
        await edit_or_send(callback, text, keyboard)

    return Button(Tr(key), id=id, on_click=leave, when=when)
