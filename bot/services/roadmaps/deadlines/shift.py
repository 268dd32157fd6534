"""Moving a template's phrases to another year."""

from __future__ import annotations

import calendar
import re

_YEAR_RE = re.compile(r"(?<!\d)(\d{1,2}\.\d{1,2}\.)?((?:19|20)\d\d)(?!\d)")


def shift_years(text: str, years: int) -> str:
    """Move every year named in a phrase ("Май 2021", "до 01.12.2021") by whole years;
    29 February becomes 28 February when the new year is not a leap year."""

    def shift(match: re.Match[str]) -> str:
        day_month, year = match.group(1), int(match.group(2)) + years
        if day_month and day_month.startswith(("29.02.", "29.2.")) and not calendar.isleap(year):
            day_month = "28" + day_month[2:]
        return f"{day_month or ''}{year}"

    return _YEAR_RE.sub(shift, text)
