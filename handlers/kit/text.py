"""Dialog texts come from Fluent, in the reader's language, filled with the getter's data."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from aiogram_dialog.api.protocols import DialogManager
from aiogram_dialog.widgets.common import WhenCondition
from aiogram_dialog.widgets.text import Text

from handlers.kit.context import ctx_of

# What Fluent can format; the rest of a getter's data (objects, lists) is for other widgets.
_FLUENT_VALUES = (str, int, float, Decimal, date, datetime)


class Tr(Text):
    """`Tr("flash-ask-topic")`: the key rendered with every plain value the getter returned;
    `Tr("key", count="n")` renames one (Fluent's `$count` takes the getter's `n`)."""

    def __init__(self, key: str, when: WhenCondition = None, **renamed: str) -> None:
        super().__init__(when=when)
        self.key = key
        self.renamed = renamed

    async def _render_text(self, data: dict[str, Any], manager: DialogManager) -> str:
        ctx = ctx_of(manager)
        params = {name: value for name, value in data.items() if isinstance(value, _FLUENT_VALUES)}
        params.update({name: data[source] for name, source in self.renamed.items()})
        return ctx.texts(self.key, **params)
