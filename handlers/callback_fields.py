"""The bounded numbers of CallbackData fields: declared in bot/callbacks/fields.py (the notice
buttons' classes live in the bot layer), named here too for the handlers' own classes."""

from __future__ import annotations

from bot.callbacks.fields import Id, OptionalId, Page, Position, Rating

__all__ = ["Id", "OptionalId", "Page", "Position", "Rating"]
