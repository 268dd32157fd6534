"""Buttons to another feature's screens, inside a dialog's window: their CallbackData, packed
by the getter. aiogram_dialog prefixes every button of a window with its intent; the kit's
Window takes the prefix off a Link's button again (LINK_MARK tells it which), so the press
reaches that feature's own handler and the dialog is left (handlers.kit.window). The other
feature's Back button brings the person back (a CallbackData handler starting the dialog)."""

from __future__ import annotations

from typing import Any

from aiogram.types import InlineKeyboardButton
from aiogram_dialog import DialogManager
from aiogram_dialog.api.internal import RawKeyboard
from aiogram_dialog.widgets.common import WhenCondition
from aiogram_dialog.widgets.kbd import Keyboard
from aiogram_dialog.widgets.text import Text

# Before a Link's data while the window renders; never sent (callback data is 64 bytes at most
# and a packed CallbackData leaves no room for a prefix).
LINK_MARK = "\x1e"


class Link(Keyboard):
    """`Link(Tr("plan-btn-open"), "plan")`: one button; the getter gives `plan` as packed
    callback data (`PlanCb(action="show", id=7).pack()`)."""

    def __init__(self, text: Text, data: str, when: WhenCondition = None) -> None:
        super().__init__(when=when)
        self.text, self.data = text, data

    async def _render_keyboard(self, data: dict[str, Any], manager: DialogManager) -> RawKeyboard:
        label = await self.text.render_text(data, manager)
        return [[InlineKeyboardButton(text=label, callback_data=LINK_MARK + data[self.data])]]


class Links(Keyboard):
    """A button a row for each `(callback data, label)` the getter gives under `items`."""

    def __init__(self, items: str = "links", when: WhenCondition = None) -> None:
        super().__init__(when=when)
        self.items = items

    async def _render_keyboard(self, data: dict[str, Any], manager: DialogManager) -> RawKeyboard:
        return [
            [InlineKeyboardButton(text=label, callback_data=LINK_MARK + packed)]
            for packed, label in data[self.items]
        ]


def links(items: str = "links", when: WhenCondition = None) -> Links:
    return Links(items, when=when)
