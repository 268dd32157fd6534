"""Due work of flash mentoring: wave timeouts, escalation, deadlines, reminders, follow-ups.

Payloads hold ids only; each handler reloads the request and does nothing if it has moved on
(another wave went out, a time was re-agreed, it was cancelled), so a late or repeated run is
harmless.
"""

from __future__ import annotations

from typing import Any

from bot.services.flash import lifecycle, sessions, timers
from bot.services.flash.config import FlashEnv
from scheduler.registry import JobContext, due_handler


def _env(ctx: JobContext) -> FlashEnv:
    return FlashEnv.of(ctx.session, ctx.clock, ctx.translator, ctx.settings)


@due_handler(timers.WAVE)
async def wave_timeout(ctx: JobContext, payload: dict[str, Any]) -> None:
    await lifecycle.advance(_env(ctx), int(payload["request_id"]), int(payload["wave"]))


@due_handler(timers.DELIVERY)
async def delivery_check(ctx: JobContext, payload: dict[str, Any]) -> None:
    await lifecycle.check_delivery(_env(ctx), int(payload["request_id"]), int(payload["wave"]))


@due_handler(timers.ESCALATE)
async def escalation_timeout(ctx: JobContext, payload: dict[str, Any]) -> None:
    await lifecycle.escalation_timeout(_env(ctx), int(payload["request_id"]), int(payload["level"]))


@due_handler(timers.DEADLINE)
async def deadline(ctx: JobContext, payload: dict[str, Any]) -> None:
    await lifecycle.deadline(_env(ctx), int(payload["request_id"]))


@due_handler(timers.DRAFT)
async def draft_timeout(ctx: JobContext, payload: dict[str, Any]) -> None:
    await lifecycle.draft_timeout(_env(ctx), int(payload["request_id"]))


@due_handler(timers.RETRACT)
async def retract_offer(ctx: JobContext, payload: dict[str, Any]) -> None:
    await lifecycle.retract_later(
        _env(ctx), int(payload["offer_id"]), str(payload["why"]), int(payload.get("attempt", 1))
    )


@due_handler(timers.MATCH_NUDGE)
async def match_nudge(ctx: JobContext, payload: dict[str, Any]) -> None:
    await sessions.match_nudge(_env(ctx), int(payload["request_id"]))


@due_handler(timers.MATCH_EXPIRE)
async def match_expire(ctx: JobContext, payload: dict[str, Any]) -> None:
    await sessions.match_expire(_env(ctx), int(payload["request_id"]), int(payload["version"]))


@due_handler(timers.REMINDER)
async def reminder(ctx: JobContext, payload: dict[str, Any]) -> None:
    await sessions.reminder(
        _env(ctx), int(payload["request_id"]), int(payload["version"]), str(payload["lead"])
    )


@due_handler(timers.FOLLOWUP)
async def followup(ctx: JobContext, payload: dict[str, Any]) -> None:
    await sessions.followup(_env(ctx), int(payload["request_id"]), int(payload["version"]))


@due_handler(timers.FOLLOWUP_EXPIRE)
async def followup_expire(ctx: JobContext, payload: dict[str, Any]) -> None:
    await sessions.followup_expire(_env(ctx), int(payload["request_id"]), int(payload["version"]))


@due_handler(timers.HAND_BACK)
async def hand_back(ctx: JobContext, payload: dict[str, Any]) -> None:
    await lifecycle.hand_back(_env(ctx), int(payload["request_id"]), int(payload["mentor_id"]))
