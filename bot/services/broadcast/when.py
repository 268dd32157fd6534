"""Dates and times as people type them, read in their region's zone."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.services import dates


def parse_local(
    text: str, zone: ZoneInfo, now: datetime, *, within: dates.Span | None = None
) -> datetime:
    """'25.12.2026 15:00', '25.12 15:00', 'завтра в 16:00' → aware, by the one date reader
    (bot.services.dates.parse_moment). Raises InvalidInput("bc-bad-datetime") otherwise."""
    return dates.parse_moment(text, zone, now, within=within)


def format_local(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%d.%m.%Y %H:%M")


def zone_label(moment: datetime, zone: ZoneInfo) -> str:
    """'UTC+7': which clock a time is on, for people in other regions."""
    offset = moment.astimezone(zone).utcoffset() or timedelta()
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")
