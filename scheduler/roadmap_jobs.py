"""Due work of roadmaps: the hourly scan that sends reminders before deadlines, overdue pushes
and escalations (bot/services/roadmaps/reminders.py says what and when).

The scan is a chain: each run plans the next one at the next full hour (a dedup key per hour,
so two runs plan one row) and then does its work; /roadmap and every import restart the chain
if it ever broke. What the scan sends is decided from the database alone, so a restart, a
late tick or a second run sends nothing twice.
"""

from __future__ import annotations

from typing import Any

from bot.services.roadmaps import reminders
from bot.services.roadmaps.reminders import NoticeConfig
from bot.services.roadmaps.render import NoticeTexts
from scheduler.registry import JobContext, due_handler


@due_handler(reminders.SCAN_KIND)
async def scan_roadmaps(ctx: JobContext, payload: dict[str, Any]) -> None:
    await reminders.plan_next_scan(ctx.session, ctx.clock.now())
    await reminders.run_scan(
        ctx.session,
        ctx.clock,
        NoticeConfig.from_settings(ctx.settings),
        NoticeTexts(ctx.translator),
    )
