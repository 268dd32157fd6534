"""Intent ids that do not collide.

aiogram_dialog makes a dialog's intent id from the current second and a random number below
100: two dialogs started in the same second (a sub-dialog over its caller on a quick press,
and always in tests) share an id one time in a hundred, and closing the one then deletes the
other's context ("Context not found" on the caller's next press). Six random base-62 digits
keep the id as short (callback data has 64 bytes) and make a collision negligible.
"""

from __future__ import annotations

import secrets

from aiogram_dialog.api.entities import stack

_DIGITS = 6


def _new_id() -> str:
    return stack.id_to_str(secrets.randbelow(62**_DIGITS - 1) + 1)


def use_unique_intent_ids() -> None:
    """Stack.push takes the module's new_id at each call: replace it (idempotent)."""
    stack.new_id = _new_id
