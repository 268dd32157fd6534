"""Work a flash request plans for later: kinds of due work and when they fall due.

Handlers of these kinds live in scheduler/flash_jobs.py; payloads hold ids only, and every
handler reloads the request and does nothing if it moved on meanwhile.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import due
from bot.services.flash.config import QUIET_FROM_HOUR, QUIET_TO_HOUR, FlashEnv

WAVE = "flash-wave"  # {request_id, wave}: no taker in time → next wave or escalate
DELIVERY = "flash-delivery"  # {request_id, wave}: offers that could not be delivered
ESCALATE = "flash-escalate"  # {request_id, level}: coordinators did not assign → next level
DEADLINE = "flash-deadline"  # {request_id}: still no mentor → expired
DRAFT = "flash-draft"  # {request_id}: an abandoned draft → expired
MATCH_NUDGE = "flash-match-nudge"  # {request_id}: no time proposed a day after the match
MATCH_EXPIRE = "flash-match-expire"  # {request_id, version}: no time agreed at all
REMINDER = "flash-reminder"  # {request_id, version, lead}: a day / an hour before
FOLLOWUP = "flash-followup"  # {request_id, version}: did it take place?
FOLLOWUP_EXPIRE = "flash-followup-expire"  # {request_id, version}: nobody confirmed
RETRACT = "flash-retract"  # {offer_id}: edit an offer whose message was being sent
HAND_BACK = "flash-hand-back"  # {request_id, mentor_id}: the mentor lost the role mid-session


async def plan(
    env: FlashEnv, kind: str, at: datetime, payload: dict[str, Any], *key: object
) -> None:
    await plan_in(env.session, env.clock.now(), kind, at, payload, *key)


async def plan_in(
    session: AsyncSession,
    now: datetime,
    kind: str,
    at: datetime,
    payload: dict[str, Any],
    *key: object,
) -> None:
    """`plan` for callers outside the flash environment (only the database is needed)."""
    dedup = ":".join([kind, *(str(part) for part in key)])
    await due.plan(session, kind=kind, due_at=at, payload=payload, now=now, dedup_key=dedup)


async def cancel(kind: str, env: FlashEnv, *key: object) -> None:
    await due.cancel(env.session, ":".join([kind, *(str(part) for part in key)]))


def awake_after(start: datetime, wait: timedelta, zone: ZoneInfo) -> datetime:
    """`start + wait`, counting the wait only outside the night hours of `zone`.

    An offer sent at 23:00 gets its whole wait from 08:00: a mentor asleep has not declined.
    """
    local = start.astimezone(zone)
    if _is_night(local.hour):
        wake = local.replace(hour=QUIET_TO_HOUR, minute=0, second=0, microsecond=0)
        if local.hour >= QUIET_FROM_HOUR:
            wake += timedelta(days=1)
        return wake + wait
    end = local + wait
    if _is_night(end.hour) or end.date() != local.date():
        # The wait runs into the night: what is left of it continues in the morning.
        night = datetime.combine(local.date(), time(QUIET_FROM_HOUR), tzinfo=zone)
        left = end - night
        morning = datetime.combine(
            local.date() + timedelta(days=1), time(QUIET_TO_HOUR), tzinfo=zone
        )
        return morning + max(left, timedelta(0))
    return end


def _is_night(hour: int) -> bool:
    return hour >= QUIET_FROM_HOUR or hour < QUIET_TO_HOUR
