"""When reminders of the pairs feature go out: a civil hour in the region of the pair."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import directory

# Not at night: a tired teacher reads a reminder at ten in the morning, local time.
REMINDER_HOUR = time(10, 0)


async def morning(session: AsyncSession, organization_id: int, day: date) -> datetime:
    zone = await directory.zone_of_organization(session, organization_id)
    return datetime.combine(day, REMINDER_HOUR, tzinfo=zone).astimezone(UTC)
