"""What the button on a "a registration waits" notice does: open /pending at a page.
bot/callbacks/people.py declares its callback data."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.presses import Press


@dataclass(frozen=True)
class PendingPress(Press, kind="people.pending"):
    page: int = 0
