"""Calendar arithmetic on months: a day clamped to its month, whole months added."""

from __future__ import annotations

import calendar
from datetime import date


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def on_day(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))
