"""Mentorship's buttons on notices (bot/services/mentorship/presses.py), also on the pairs,
meeting-log and plan screens."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData

from bot.callbacks.fields import Id, OptionalId, Page, Rating
from bot.services.mentorship import presses
from bot.services.presses import Press


class MsCb(CallbackData, prefix="ms"):
    """A mentorship, on buttons outside the pairs dialogs (handlers/mentorships/): cf (confirm)
    | dc (decline) | ap / rj (a coordinator decides a mentor's proposal), on the notices; open
    | meetings | list, the Back of the pair wizard, the meeting log and plans."""

    action: str
    id: OptionalId = 0
    page: Page = 0


class FbCb(CallbackData, prefix="mb"):
    """Final feedback, on the request sent after the end: r (a rating 1–5)."""

    action: str
    id: Id
    rating: Rating = 0


class MeetingCb(CallbackData, prefix="mg"):
    """A meeting entry: open | ok | no | keep | void | edit | field | del | dely | mine | new
    (a new entry for mentorship ``id``) | record."""

    action: str
    id: OptionalId = 0


class PlanCb(CallbackData, prefix="dp"):
    """A development plan: show (mentorship) | goal | tg (toggle step) | dn (mark done) |
    addg | adds | dels | delg | delgy."""

    action: str
    id: OptionalId = 0


class TalkCb(CallbackData, prefix="mt"):
    """Writing inside a pair: reply to `to` in mentorship `id` (a relayed message's button)."""

    id: Id
    to: Id


CLASSES: dict[type[Press], type[CallbackData]] = {
    presses.MentorshipPress: MsCb,
    presses.FeedbackPress: FbCb,
    presses.MeetingPress: MeetingCb,
    presses.PlanPress: PlanCb,
    presses.TalkPress: TalkCb,
}
