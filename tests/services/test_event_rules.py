"""The rules of an event's day and start, without Telegram."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.services.broadcast import events
from bot.services.errors import InvalidInput


def test_a_day_already_gone_is_refused_and_today_is_taken() -> None:
    today = date(2026, 12, 7)
    assert events.check_day(today, today) == today
    assert events.check_day(today + timedelta(days=1), today) == today + timedelta(days=1)
    with pytest.raises(InvalidInput) as refused:
        events.check_day(today - timedelta(days=1), today)
    assert refused.value.key == "event-in-past"


def test_a_start_must_be_ahead_and_not_too_far() -> None:
    now = datetime(2026, 12, 7, 10, tzinfo=UTC)
    assert events.check_starts(now + timedelta(minutes=1), now)
    for starts, key in ((now, "event-in-past"), (now + events.MAX_AHEAD * 2, "event-too-far")):
        with pytest.raises(InvalidInput) as refused:
            events.check_starts(starts, now)
        assert refused.value.key == key
