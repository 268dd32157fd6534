"""Due-work handlers of the foundation. Each takes ids from the payload and reloads state."""

from __future__ import annotations

from typing import Any

from bot.services import pending_notices
from scheduler.registry import JobContext, due_handler


@due_handler(pending_notices.PENDING_REMINDER)
async def remind_pending_approval(ctx: JobContext, payload: dict[str, Any]) -> None:
    """A day after a registration that waits for approval, remind the coordinators once."""
    await pending_notices.remind(ctx.session, ctx.clock, ctx.translator, payload["participant_id"])
