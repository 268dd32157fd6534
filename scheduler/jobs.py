"""Due-work handlers of the foundation. Each takes ids from the payload and reloads state."""

from __future__ import annotations

from typing import Any

from bot.services import invites, pending_notices
from scheduler.registry import JobContext, due_handler


@due_handler(pending_notices.PENDING_REMINDER)
async def remind_pending_approval(ctx: JobContext, payload: dict[str, Any]) -> None:
    """A day after a registration that waits for approval, remind the coordinators once."""
    await pending_notices.remind(
        ctx.session, ctx.clock, ctx.translator, payload["participant_id"], ctx.settings.admin_ids
    )


@due_handler(invites.PENDING_SWEEP)
async def sweep_pending_invites(ctx: JobContext, payload: dict[str, Any]) -> None:
    """Forget the invites people opened and did not use, once their time is up."""
    await invites.sweep_pending(ctx.session, ctx.clock)
