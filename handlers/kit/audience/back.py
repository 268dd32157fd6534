"""◀ Back from a step after the picker: to the picker again, on what was chosen."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram.fsm.state import State
from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button

from handlers.kit.audience.ask import AudienceAsk
from handlers.kit.audience.states import AudienceSG
from handlers.kit.text import Tr

# What to ask the picker, from the caller's data (the audience chosen so far).
AskOf = Callable[[DialogManager], Awaitable[AudienceAsk]]


def back_to_audience(ask: AskOf, under: State) -> Button:
    """The caller's window that started the picker (`under`) goes back beneath it, and the
    picker opens over it as it was left: the picker's own ◀ Back then shows `under`, its
    result goes to the caller's on_process_result as the first time."""

    async def back(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
        asked = await ask(manager)
        await manager.switch_to(under)  # drawn once, below: the picker over it
        await manager.start(AudienceSG.main, data=asked.to_data())

    return Button(Tr("btn-back"), id="back", on_click=back)
