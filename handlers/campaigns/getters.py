"""What the windows of /campaigns show: the list, a campaign's card, the schedules, and what
a launch made. The services decide what the coordinator sees (their scope)."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import DialogManager

from bot.context import Ctx
from bot.services.surveys import campaigns, schedules
from bot.services.surveys.campaigns import CampaignPage, ReminderPolicy
from bot.services.surveys.render import closes_text, esc, local_date, short
from bot.services.surveys.responding import template_of
from handlers.campaigns.common import (
    BREAKDOWNS,
    breakdown_of,
    library_of,
    reminders_text,
)
from handlers.kit import paged, served
from handlers.ui import local_time
from models.enums import CampaignStatus
from models.survey import SurveyCampaign, SurveySchedule


def campaign_id(manager: DialogManager) -> int:
    return int(manager.dialog_data.get("id", 0))


async def campaign_list(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    lang = ctx.texts.lang

    async def fetch(page: int) -> CampaignPage:
        return await campaigns.list_visible(ctx.session, ctx.actor, page)

    found, pager = await served(dialog_manager, "campaigns", fetch)
    rows = [
        (
            str(campaign.id),
            ctx.texts(
                "campaigns-row",
                status=ctx.texts(f"campaign-icon-{campaign.status}"),
                title=short(template_of(campaign).label(lang), 40),
                opens=local_date(campaign.opens_at, ctx.zone),
            ),
        )
        for campaign in found.items
    ]
    return {**pager, "total": found.total, "empty": not found.items, "items": rows}


async def card_text(ctx: Ctx, campaign: SurveyCampaign) -> str:
    texts, zone = ctx.texts, ctx.zone
    lines = [
        texts(
            "campaign-card",
            title=esc(template_of(campaign).label(texts.lang)),
            version=campaign.template_version,
            kind=texts("campaign-anonymous" if campaign.anonymous else "campaign-named"),
            status=texts(f"campaign-status-{campaign.status}"),
            opens=local_time(campaign.opens_at, zone),
            closes=closes_text(campaign, zone),
        )
    ]
    if campaign.status == CampaignStatus.scheduled:
        lines.append(texts("campaign-card-preview", count=campaign.audience_size))
    else:
        counts = await campaigns.counts_in_scope(ctx.session, ctx.actor, campaign)
        lines.append(
            texts(
                "campaign-card-counts",
                invited=counts.invited,
                submitted=counts.submitted,
                percent=round(100 * (counts.rate or 0)),
                in_progress=counts.in_progress,
            )
        )
    if campaign.status != CampaignStatus.closed:
        lines.append(reminders_text(texts, ReminderPolicy.of(ctx.settings)))
    return "\n".join(lines)


async def card(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    campaign = await campaigns.get_visible(ctx.session, ctx.actor, campaign_id(dialog_manager))
    reported = campaign.status != CampaignStatus.scheduled
    chosen = breakdown_of(dialog_manager)
    breakdowns = [
        (code, ("• " if code == chosen else "") + ctx.texts(f"btn-campaign-breakdown-{code}"))
        for code in BREAKDOWNS
    ]
    return {
        "text": await card_text(ctx, campaign),
        "reported": reported,
        "breakdowns": breakdowns if reported else [],
        "closable": campaign.status != CampaignStatus.closed
        and (ctx.actor.is_admin or campaign.created_by == ctx.actor.participant_id),
    }


async def closing(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    campaign = await campaigns.get_visible(ctx.session, ctx.actor, campaign_id(dialog_manager))
    return {"title": esc(template_of(campaign).label(ctx.texts.lang))}


def _title(manager: DialogManager, schedule: SurveySchedule, lang: str) -> str:
    template = library_of(manager).find(schedule.template_id)
    return template.label(lang) if template is not None else schedule.template_id


async def schedule_list(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    texts, lang = ctx.texts, ctx.texts.lang
    found = await schedules.list_schedules(ctx.session, ctx.actor)

    def row(schedule: SurveySchedule) -> str:
        return texts(
            "schedules-row",
            title=esc(_title(dialog_manager, schedule, lang)),
            months=", ".join(texts(f"survey-month-{m}") for m in schedule.months),
            days=schedule.duration_days,
            next=local_time(schedule.next_run_at, ctx.zone) if schedule.next_run_at else "—",
        )

    page, pager = await paged(dialog_manager, "schedule_pages", found, row)
    lines = [texts("schedules-title"), *page.lines]
    if not found:
        lines.append(texts("schedules-empty"))
    stops = [
        (
            str(s.id),
            texts("btn-schedule-stop", title=short(_title(dialog_manager, s, lang), 40)),
        )
        for s in page.items
    ]
    return {**pager, "text": "\n".join(lines), "items": stops}


async def launched(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    """The campaign just launched, or the schedule just set up."""
    data, texts, zone = dialog_manager.dialog_data, ctx.texts, ctx.zone
    if data.get("launched") == "schedule":
        found = await schedules.list_schedules(ctx.session, ctx.actor)
        schedule = next((s for s in found if s.id == data.get("schedule")), None)
        title = _title(dialog_manager, schedule, texts.lang) if schedule else ""
        upcoming = schedule.next_run_at if schedule is not None else None
        text = texts(
            "schedule-created",
            title=esc(title),
            next=local_time(upcoming, zone) if upcoming is not None else "—",
        )
        return {"text": text, "campaign": False}
    campaign = await campaigns.get_visible(ctx.session, ctx.actor, campaign_id(dialog_manager))
    text = texts(
        "campaign-launched",
        title=esc(template_of(campaign).label(texts.lang)),
        opens=local_time(campaign.opens_at, zone),
        closes=closes_text(campaign, zone),
        count=campaign.audience_size,
    )
    return {"text": text, "campaign": True}
