"""Back and Cancel, the same in every dialog: aiogram_dialog's own stack and states."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_dialog import DialogManager, ShowMode
from aiogram_dialog.widgets.common import WhenCondition
from aiogram_dialog.widgets.kbd import Back, Button, Cancel, Row, SwitchTo
from aiogram_dialog.widgets.kbd.button import OnClick

from handlers.kit.context import ctx_of
from handlers.kit.picks import stale
from handlers.kit.text import Tr
from handlers.ui import edit_or_send

# Runs before the dialog closes (a draft to withdraw); gets the dialog's manager.
OnCancel = Callable[[DialogManager], Awaitable[None]]
# The window Back returns to, decided at the press (a step skipped on the way forward).
BackTo = Callable[[DialogManager], State]
# The words a Cancel leaves, when they depend on the dialog (what was kept, and until when).
Said = Callable[[DialogManager], Awaitable[str]]
# Whether a window was asked, given what the dialog has collected (a step it skipped is not).
Asked = Callable[[State, DialogManager], bool]

# `back=TO_CALLER`: the ◀ Back of a sub-dialog's first window closes it, and the window that
# started it shows again (its caller gets WENT_BACK as the result).
TO_CALLER = "caller"
WENT_BACK = {"back": True}
# A plain screen (text and CallbackData buttons), made from the dialog's data before it closes.
Screen = Callable[[DialogManager], Awaitable[tuple[str, InlineKeyboardMarkup | None]]]


def cancel_button(on_cancel: OnCancel | None = None, said: str | Said = "cancelled") -> Button:
    """Close the dialog and leave a word where it was, instead of a dead keyboard: the key
    `said`, or the text a `said` function gives. In a sub-dialog the whole conversation
    ends: each dialog under it gets no result (None) and closes in turn."""

    async def cancel(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
        if on_cancel is not None:
            await on_cancel(manager)
        ctx = ctx_of(manager)
        text = ctx.texts(said) if isinstance(said, str) else await said(manager)
        while manager.has_context():  # a sub-dialog's Cancel ends those that started it too
            await manager.done(show_mode=ShowMode.NO_UPDATE)
        if isinstance(callback.message, Message):
            await callback.message.edit_text(text)

    return Button(Tr("btn-cancel"), id="cancel", on_click=cancel)


def _back_to(back: BackTo, on_back: OnClick | None) -> Button:
    async def go_back(callback: CallbackQuery, button: Any, manager: DialogManager) -> None:
        if on_back is not None:
            await on_back(callback, button, manager)
        await manager.switch_to(back(manager))

    return Button(Tr("btn-back"), id="back", on_click=go_back)


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


def _back_over_skipped(asked: Asked, on_back: OnClick | None) -> Button:
    """◀ Back to the nearest earlier window that was asked, passing over those skipped."""

    async def back(callback: CallbackQuery, button: Any, manager: DialogManager) -> None:
        if on_back is not None:
            await on_back(callback, button, manager)
        here = manager.current_context().state
        try:  # back window by window, in the dialog's order, to one that was asked
            await manager.back()
            while not asked(manager.current_context().state, manager):
                await manager.back()
        except ValueError:  # past the first window: nothing earlier was asked
            await manager.switch_to(here)
            raise stale() from None

    return Button(Tr("btn-back"), id="back", on_click=back)


def nav_row(
    *,
    back: bool | State | str | BackTo = True,
    on_back: OnClick | None = None,
    on_cancel: OnCancel | None = None,
    said: str | Said = "cancelled",
    asked: Asked | None = None,
) -> Row:
    """◀ Back (as `back_button`; to the state `back` names at the press when it is a function:
    a step skipped on the way forward) and Cancel. A dialog that skips windows by its answers
    may give `asked` instead: its Back then passes over the skipped ones."""
    buttons: list[Button] = []
    if not isinstance(back, (State, bool, str)):
        buttons.append(_back_to(back, on_back))
    elif back is True and asked is not None:
        buttons.append(_back_over_skipped(asked, on_back))
    elif back is not False:
        buttons.append(back_button(back, on_back))
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
