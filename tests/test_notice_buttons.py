"""The buttons on messages the bot sends on its own: every press a service can put on one packs
into its CallbackData class's data and back (within Telegram's 64 bytes), the outbox stores it
and the sender packs it, and rows queued before presses (packed data) still go out."""

from __future__ import annotations

import importlib
import pkgutil
import string
from dataclasses import fields
from typing import Any

from aiogram.filters.callback_data import CallbackData
from hypothesis import given
from hypothesis import strategies as st

import bot.services
from bot import callbacks
from bot.callbacks import CLASSES, pack, packed_params, press_of
from bot.services import outbox, presses
from bot.services.numbers import MAX_ID
from bot.services.presses import Press

for _module in pkgutil.walk_packages(bot.services.__path__, "bot.services."):
    importlib.import_module(_module.name)  # every press type a service declares exists

WORD = st.text(alphabet=string.ascii_lowercase + string.digits + ".", max_size=12)


def _bounds(cls: type[CallbackData], name: str) -> tuple[int, int]:
    limits = {type(m).__name__: m for m in cls.model_fields[name].metadata}
    low = limits["Ge"].ge if "Ge" in limits else -MAX_ID
    high = limits["Le"].le if "Le" in limits else MAX_ID
    return int(low), int(high)


def _presses(press_type: type[Press]) -> st.SearchStrategy[Press]:
    cls = CLASSES[press_type]
    values: dict[str, st.SearchStrategy[Any]] = {}
    for field, name in zip(fields(press_type), cls.model_fields, strict=False):
        values[field.name] = st.integers(*_bounds(cls, name)) if field.type == "int" else WORD
    return st.builds(press_type, **values)


ANY_PRESS = st.one_of(*[_presses(press_type) for press_type in CLASSES])


def test_every_press_a_service_declares_has_its_callback_class() -> None:
    assert set(presses.kinds().values()) == set(CLASSES)
    prefixes = [cls.__prefix__ for cls in CLASSES.values()]
    assert len(set(prefixes)) == len(prefixes)
    for press_type, cls in CLASSES.items():
        # A press names the class's first fields, in order, with the same kinds of value.
        names = list(cls.model_fields)
        assert len(fields(press_type)) <= len(names), press_type
        for field, name in zip(fields(press_type), names, strict=False):
            expected = cls.model_fields[name].annotation
            assert (field.type == "int") == (expected is int), (press_type, field.name)


@given(press=ANY_PRESS)
def test_a_press_packs_into_its_class_and_back(press: Press) -> None:
    data = pack(press)
    assert len(data.encode()) <= 64
    callback = CLASSES[type(press)].unpack(data)
    assert press_of(callback) == press
    assert presses.from_json(press.to_json()) == press


@given(press=ANY_PRESS)
def test_the_outbox_stores_a_press_and_the_sender_packs_it(press: Press) -> None:
    markup = outbox.keyboard_params([[outbox.Button("go", press=press)]])
    assert markup is not None
    params = packed_params({"chat_id": 1, "text": "hi", "reply_markup": markup})
    (button,) = params["reply_markup"]["inline_keyboard"][0]
    assert button == {"text": "go", "callback_data": pack(press)}


def test_rows_queued_with_packed_data_pass_as_they_are() -> None:
    old = {"inline_keyboard": [[{"text": "go", "callback_data": "fo:a:1"}]]}
    params = {"chat_id": 1, "text": "hi", "reply_markup": old}
    assert packed_params(params) is params


def test_an_unknown_press_is_refused_before_sending() -> None:
    markup = {"inline_keyboard": [[{"text": "go", "press": {"kind": "gone.feature", "id": 1}}]]}
    try:
        callbacks.packed_params({"chat_id": 1, "text": "hi", "reply_markup": markup})
    except ValueError:
        return
    raise AssertionError("an unknown press was packed")
