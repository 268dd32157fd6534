"""Dates and times as people type them, read in their region's zone."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.services.errors import InvalidInput

_DATE_TIME = re.compile(
    r"^\s*(?:(?P<word>сегодня|завтра|послезавтра|today|tomorrow)"
    r"|(?P<d>[0-9]{1,2})[./](?P<m>[0-9]{1,2})(?:[./](?P<y>[0-9]{2}|[0-9]{4}))?"
    r"|(?P<iy>[0-9]{4})-(?P<im>[0-9]{1,2})-(?P<id>[0-9]{1,2}))"
    r"(?:\s*[,вat]*\s+|\s*T)(?P<h>[0-9]{1,2})[:.](?P<min>[0-9]{2})\s*$",
    re.IGNORECASE,
)
_DAYS_AHEAD = {"сегодня": 0, "today": 0, "завтра": 1, "tomorrow": 1, "послезавтра": 2}


def parse_local(text: str, zone: ZoneInfo, now: datetime) -> datetime:
    """'25.12.2026 15:00', '25.12 15:00', '2026-12-25 15:00', 'завтра 9:30' → aware UTC.

    Without a year the date is the next one to come. Raises InvalidInput otherwise.
    """
    match = _DATE_TIME.match(text or "")
    if match is None:
        raise InvalidInput("bc-bad-datetime")
    today = now.astimezone(zone).date()
    try:
        moment_time = time(int(match["h"]), int(match["min"]))
        if match["word"]:
            day = today + timedelta(days=_DAYS_AHEAD[match["word"].lower()])
        elif match["iy"]:
            day = date(int(match["iy"]), int(match["im"]), int(match["id"]))
        else:
            year = match["y"]
            if year is None:
                day = date(today.year, int(match["m"]), int(match["d"]))
                if datetime.combine(day, moment_time, zone) < now:
                    day = day.replace(year=today.year + 1)
            else:
                full = int(year) + (2000 if len(year) == 2 else 0)
                day = date(full, int(match["m"]), int(match["d"]))
    except ValueError as error:  # 31.02, 25:00
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
