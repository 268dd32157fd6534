"""What the buttons on announcement and event messages the bot sends do: answer an event
(going, not going, attended, missed), open the author's attendance marking, stop a running
announcement. Ids only: every press is re-checked against the database.
bot/callbacks/events.py declares their callback data."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.presses import Press

# Event answers.
GOING = "go"
NOT_GOING = "no"
ATTENDED = "here"
MISSED = "away"

# The author's event actions.
MARK_ATTENDANCE = "att"

# Announcement actions.
STOP = "stop"


@dataclass(frozen=True)
class EventPress(Press, kind="event"):
    action: str
    event_id: int


@dataclass(frozen=True)
class PreviewPress(Press, kind="event.preview"):
    """The RSVP buttons in an author's preview: no event yet, a press only explains."""

    action: str


@dataclass(frozen=True)
class ManagePress(Press, kind="event.manage"):
    action: str
    event_id: int


@dataclass(frozen=True)
class AnnouncementPress(Press, kind="announcement"):
    action: str
    announcement_id: int
