"""The callback data of the buttons the bot puts on messages it sends on its own initiative
(offers, confirmations, RSVPs, reminders): the one place their aiogram CallbackData classes
are declared, and the one place a service's press (bot/services/presses.py) becomes data.

A press's fields map, in order, onto its class's first fields (the wire format is the
prefix and the values in field order; the rest keep their defaults). The handlers filter on
these classes; the sender packs queued presses with `pack` (bot/delivery/); a handler that
redraws such a keyboard packs through it too (handlers/ui.py from_plain).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from aiogram.filters.callback_data import CallbackData

from bot.callbacks import events, flash, mentorship, people, roadmaps, surveys
from bot.services import presses
from bot.services.presses import Press

CLASSES: dict[type[Press], type[CallbackData]] = {
    **flash.CLASSES,
    **roadmaps.CLASSES,
    **mentorship.CLASSES,
    **people.CLASSES,
    **surveys.CLASSES,
    **events.CLASSES,
}


def callback_class(press_type: type[Press]) -> type[CallbackData]:
    return CLASSES[press_type]


def pack(press: Press) -> str:
    cls = CLASSES.get(type(press))
    if cls is None:
        raise ValueError(f"{type(press).__name__} has no callback data class")
    return cls(**dict(zip(cls.model_fields, press.values(), strict=False))).pack()


def press_of(callback: CallbackData) -> Press:
    """The press a button's callback data stands for (the inverse of `pack`)."""
    for press_type, cls in CLASSES.items():
        if type(callback) is cls:
            values = [getattr(callback, name) for name in cls.model_fields]
            return press_type(*values[: len(dataclasses.fields(press_type))])
    raise ValueError(f"{type(callback).__name__} is no notice button")


def packed_button(button: dict[str, Any]) -> dict[str, Any]:
    """A stored button as Telegram takes it: its press packed (rows queued before presses
    carry their callback_data already and pass as they are)."""
    if "press" not in button:
        return button
    out = {name: value for name, value in button.items() if name != "press"}
    out["callback_data"] = pack(presses.from_json(button["press"]))
    return out


def packed_params(params: dict[str, Any]) -> dict[str, Any]:
    """A queued call's params with every press in its keyboard packed."""
    markup = params.get("reply_markup")
    if not isinstance(markup, dict) or "inline_keyboard" not in markup:
        return params
    rows = markup["inline_keyboard"]
    if not any("press" in button for row in rows for button in row):
        return params
    keyboard = [[packed_button(button) for button in row] for row in rows]
    return {**params, "reply_markup": {**markup, "inline_keyboard": keyboard}}
