"""The one way a CallbackData class declares a number: bounded, so forged data fails to unpack.

Callback data comes back from the client and can be anything up to 64 bytes. aiogram's
CallbackData are pydantic models: with these bounds a value beyond an int64 (which SQLite's
driver cannot bind), a negative id or a page past any list never reaches a handler — the
filter does not match and the catch-all answers «the button is outdated». Every int field of
every CallbackData class uses one of these (tests/test_forged_callbacks.py checks it).
The handlers name them through handlers/callback_fields.py.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from bot.services.numbers import MAX_ID, MAX_PAGE

# A row id: 1 … 2**63-1.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
# A row id where 0 means "none" (a list button, a default).
OptionalId = Annotated[int, Field(ge=0, le=MAX_ID)]
# A page of a list, an index into a short list.
Page = Annotated[int, Field(ge=0, le=MAX_PAGE)]
# A question's position in a survey; -1 is the summary screen.
Position = Annotated[int, Field(ge=-1, le=MAX_PAGE)]
# A rating on the 1–5 scale; 0 where the field is unused.
Rating = Annotated[int, Field(ge=0, le=5)]
