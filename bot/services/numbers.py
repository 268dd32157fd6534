"""Numbers from outside (typed text, callback data): ASCII digits only, always bounded.

``str.isdigit()`` is true for «²», «①» and «٣», and ``int()`` then raises or reads a digit
the person never typed; an unbounded id overflows SQLite's 64-bit integers in the driver.
Every number that comes from a person or a button goes through here.
"""

from __future__ import annotations

from bot.services.errors import InvalidInput

# The largest id SQLite and PostgreSQL (bigint) can bind: anything above is no row of ours.
MAX_ID = 2**63 - 1
# Pages of any list: far beyond any real list, small enough that page × size stays an int64.
MAX_PAGE = 100_000


def parse_int(text: str | None, *, low: int = 0, high: int = MAX_ID) -> int | None:
    """The whole number ``text`` spells in ASCII digits (spaces around allowed), within
    [low, high]; None for anything else: signs, Unicode digits, fractions, empty text."""
    if text is None:
        return None
    value = text.strip()
    if not (value.isascii() and value.isdigit()):  # "".isdigit() is False too
        return None
    # A length cap before int(): int() of a 5,000-digit string raises (and is slow before).
    significant = value.lstrip("0")
    if len(significant) > len(str(abs(high))):
        return None
    number = int(significant or "0")
    return number if low <= number <= high else None


def parse_id(text: str | None) -> int | None:
    """A row id carried as text (a button's value): 1 … 2**63-1, or None."""
    return parse_int(text, low=1, high=MAX_ID)


def require_int(text: str | None, *, low: int, high: int, error: str) -> int:
    """A typed number, or ``InvalidInput(error, min=low, max=high)``: the step asks again."""
    number = parse_int(text, low=low, high=high)
    if number is None:
        raise InvalidInput(error, min=low, max=high)
    return number


# --- the bounds of each kind of typed number: one place, named in the refusals --------------
EVENT_SEATS_MAX = 2_000  # a regional conference's hall, not a stadium
MENTOR_CAPACITY_MAX = 10  # mentees one mentor can really keep up with
MEETING_MINUTES = (5, 600)  # a meeting logged: five minutes to a long working day
