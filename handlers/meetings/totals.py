"""Meetings and hours for coordinators: one screen, grouped and over a period of their
choice (a button of /pairs; forged values fall back to the defaults)."""

from __future__ import annotations

from html import escape
from typing import Any

from aiogram import Router
from aiogram.types import CallbackQuery

from bot.context import Ctx
from bot.services.mentorship import meeting_totals
from bot.services.mentorship.meeting_totals import GroupBy, PeriodName
from handlers.mentorship_ui import ScopeCb, TotalsCb, duration_text, fmt_date
from handlers.ui import button, edit_or_send, markup

TOTAL_ROWS = 15
GROUPS = (GroupBy.organization, GroupBy.municipality, GroupBy.mentor, GroupBy.month)
PERIODS = tuple(PeriodName)


async def on_totals(callback: CallbackQuery, callback_data: TotalsCb, ctx: Ctx) -> None:
    ctx.actor.require_coordinator()
    texts = ctx.texts
    # Forged values fall back to the defaults instead of failing.
    group = GroupBy(callback_data.group) if callback_data.group in GROUPS else GroupBy.organization
    name = callback_data.period if callback_data.period in PERIODS else PeriodName.school_year
    today = ctx.clock.now().astimezone(ctx.zone).date()
    period = meeting_totals.period(name, today)
    filters: dict[str, Any] = {"since": period.since, "until": period.until, "scope": ctx.actor}
    rows = await meeting_totals.totals(ctx.session, group, **filters)
    overall = await meeting_totals.overall(ctx.session, **filters)
    labels = await meeting_totals.labels(ctx.session, group, [r.key for r in rows[:TOTAL_ROWS]])
    title = (
        texts("totals-title-all")
        if period.since is None
        else texts(
            "totals-title",
            period=texts(f"totals-period-{name}"),
            since=fmt_date(period.since),
            until=fmt_date(period.until),
        )
    )
    lines = [
        title,
        texts(
            "totals-overall",
            meetings=overall.meetings,
            duration=duration_text(texts, overall.minutes),
            confirmed=overall.confirmed,
        ),
        texts("totals-by", group=texts(f"totals-group-{group.value}")),
    ]
    if not rows:
        lines.append(texts("totals-empty"))
    for row in rows[:TOTAL_ROWS]:
        lines.append(
            texts(
                "totals-row",
                name=escape(labels.get(row.key, str(row.key))),
                meetings=row.meetings,
                duration=duration_text(texts, row.minutes),
                confirmed=row.confirmed,
            )
        )
    if len(rows) > TOTAL_ROWS:
        lines.append(texts("totals-more", count=len(rows) - TOTAL_ROWS))
    keyboard = [
        [
            button(
                ("• " if g == group else "") + texts(f"totals-group-{g.value}"),
                TotalsCb(group=g.value, period=name),
            )
            for g in GROUPS
        ],
        [
            button(
                ("• " if p == name else "") + texts(f"totals-period-{p.value}"),
                TotalsCb(group=group.value, period=p.value),
            )
            for p in PERIODS
        ],
        [button(texts("btn-back"), ScopeCb(action="home"))],
    ]
    await callback.answer()
    await edit_or_send(callback, "\n".join(lines), markup(keyboard))


def register(router: Router) -> None:
    router.callback_query.register(on_totals, TotalsCb.filter())
