"""Back and Cancel, the same in every dialog: aiogram_dialog's own stack and states."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager, ShowMode
from aiogram_dialog.widgets.common import WhenCondition
from aiogram_dialog.widgets.kbd import Back, Button, Cancel, Row, SwitchTo
from aiogram_dialog.widgets.kbd.button import OnClick

from bot.context import Ctx
from handlers.kit.text import Tr

# Runs before the dialog closes (a draft to withdraw); gets the dialog's manager.
OnCancel = Callable[[DialogManager], Awaitable[None]]

# `back=TO_CALLER`: the ◀ Back of a sub-dialog's first window closes it, and the window that
# started it shows again (its caller gets WENT_BACK as the result).
TO_CALLER = "caller"
WENT_BACK = {"back": True}


def cancel_button(on_cancel: OnCancel | None = None, said: str = "cancelled") -> Button:
    """Close the dialog and leave a word where it was, instead of a dead keyboard. In a
    sub-dialog the whole conversation ends: each dialog under it gets no result (None) and
    closes in turn."""

    async def cancel(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
        if on_cancel is not None:
            await on_cancel(manager)
        ctx: Ctx = manager.middleware_data["ctx"]
        while manager.has_context():  # a sub-dialog's Cancel ends those that started it too
            await manager.done(show_mode=ShowMode.NO_UPDATE)
        if isinstance(callback.message, Message):
            await callback.message.edit_text(ctx.texts(said))

    return Button(Tr("btn-cancel"), id="cancel", on_click=cancel)


def back_button(
    back: bool | State | str = True, on_back: OnClick | None = None, when: WhenCondition = None
) -> Button:
    """◀ Back alone, for a screen with nothing to cancel (a list, a card): to the previous
    window, to `back` when it is a state, to the caller's window when it is TO_CALLER."""
    if back == TO_CALLER:
        return Cancel(Tr("btn-back"), id="back", result=WENT_BACK, on_click=on_back, when=when)
    if isinstance(back, State):
        return SwitchTo(Tr("btn-back"), id="back", state=back, on_click=on_back, when=when)
    return Back(Tr("btn-back"), on_click=on_back, when=when)


def nav_row(
    *,
    back: bool | State | str = True,
    on_back: OnClick | None = None,
    on_cancel: OnCancel | None = None,
    said: str = "cancelled",
) -> Row:
    """◀ Back (as `back_button`) and Cancel."""
    buttons: list[Button] = []
    if back is not False:
        buttons.append(back_button(back, on_back))
    buttons.append(cancel_button(on_cancel, said))
    return Row(*buttons)
