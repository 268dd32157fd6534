"""Dates and times as people type them, read in their region's zone."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.services import dates
from bot.services.errors import InvalidInput

_TIME = re.compile(r"^(?P<day>.+?)(?:\s*[,вat]*\s+|\s*T)(?P<h>[0-9]{1,2})[:.](?P<min>[0-9]{2})$")


def parse_local(text: str, zone: ZoneInfo, now: datetime) -> datetime:
    """'25.12.2026 15:00', '25.12 15:00', '2026-12-25 15:00', 'завтра 9:30' → aware UTC.

    The day is read by the one date reader (bot.services.dates); without a year it is the
    next one to come. Raises InvalidInput otherwise.
    """
    match = _TIME.match((text or "").strip())
    if match is None:
        raise InvalidInput("bc-bad-datetime")
    today = now.astimezone(zone).date()
    try:
        day = dates.parse_day(match["day"], today, future=True)
        moment_time = time(int(match["h"]), int(match["min"]))
    except (InvalidInput, ValueError) as error:  # not a day; 25:00
        raise InvalidInput("bc-bad-datetime") from error
    return datetime.combine(day, moment_time, zone).astimezone(now.tzinfo)


def format_local(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%d.%m.%Y %H:%M")


def zone_label(moment: datetime, zone: ZoneInfo) -> str:
    """'UTC+7': which clock a time is on, for people in other regions."""
    offset = moment.astimezone(zone).utcoffset() or timedelta()
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")
