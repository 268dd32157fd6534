"""The buttons on announcement and event messages the bot sends
(bot/services/broadcast/presses.py)."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData

from bot.callbacks.fields import OptionalId, Page
from bot.services.broadcast import presses
from bot.services.presses import Press


class EventCb(CallbackData, prefix="ev"):
    """RSVP and attendance buttons."""

    action: str  # go no here away open list
    e: OptionalId


class PreviewCb(CallbackData, prefix="ep"):
    """The preview's RSVP buttons (they only explain)."""

    action: str  # go no


class ManageCb(CallbackData, prefix="em"):
    """The author's buttons."""

    action: str  # list open att mark xlsx cancel cancel_ok
    e: OptionalId
    v: OptionalId = 0
    page: Page = 0


class AnnActionCb(CallbackData, prefix="ax"):
    action: str  # cancel cancel_ok stop stop_ok keep
    a: OptionalId


CLASSES: dict[type[Press], type[CallbackData]] = {
    presses.EventPress: EventCb,
    presses.PreviewPress: PreviewCb,
    presses.ManagePress: ManageCb,
    presses.AnnouncementPress: AnnActionCb,
}
