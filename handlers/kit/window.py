"""A dialog window that never ignores a press: aiogram_dialog quietly redraws the window on
data no widget of it knows (a later step's button, forged data); here that is «устарела»."""

from __future__ import annotations

from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager
from aiogram_dialog import Window as DialogWindow
from aiogram_dialog.api.protocols import DialogProtocol

from handlers.kit.picks import stale


class Window(DialogWindow):
    async def process_callback(
        self, callback: CallbackQuery, dialog: DialogProtocol, manager: DialogManager
    ) -> bool:
        if await super().process_callback(callback, dialog, manager):
            return True
        raise stale()
