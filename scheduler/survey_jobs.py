"""Due work of survey campaigns: open, invite, remind, close, and periodic launches.

Each handler takes ids from the payload, reloads state and is idempotent: a campaign opens
once, an invitation is queued once (dedup key per invitation), a reminder once per round.
Large audiences are worked through BATCH invitations per transaction. What the messages say
and their buttons come from bot/services/surveys/render.py, shared with the survey screens.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from bot.i18n import Texts
from bot.services import directory, outbox
from bot.services.reach import reachable
from bot.services.surveys import campaigns, render, schedules
from bot.services.surveys.library import library_at
from bot.services.surveys.responding import template_of
from models import Participant
from models.enums import CampaignStatus
from models.survey import SurveyCampaign
from scheduler.registry import JobContext, due_handler


class _Zones:
    """Time zones by organization, looked up once per job."""

    def __init__(self, ctx: JobContext) -> None:
        self._ctx = ctx
        self._known: dict[int, ZoneInfo] = {}

    async def of(self, organization_id: int) -> ZoneInfo:
        zone = self._known.get(organization_id)
        if zone is None:
            zone = await directory.zone_of_organization(self._ctx.session, organization_id)
            self._known[organization_id] = zone
        return zone


async def _tell_owner(
    ctx: JobContext,
    campaign: SurveyCampaign,
    key: str,
    dedup_key: str,
    **params: Any,
) -> None:
    owner = await ctx.session.get(Participant, campaign.created_by)
    if owner is None or not reachable(owner):
        return
    texts = ctx.translator.for_lang(owner.language)
    zone = await directory.zone_of_organization(ctx.session, owner.organization_id)
    template = template_of(campaign)
    await outbox.enqueue_text(
        ctx.session,
        ctx.clock,
        chat_id=owner.tg_id or 0,
        participant_id=owner.id,
        text=render.owner_note_text(texts, key, campaign, template, owner.language, zone, **params),
        keyboard=render.owner_note_keyboard(texts, campaign.id),
        priority=outbox.Priority.REPLY,
        dedup_key=dedup_key,
    )


@due_handler(campaigns.DUE_OPEN)
async def open_campaign(ctx: JobContext, payload: dict[str, Any]) -> None:
    campaign = await campaigns.open_campaign(
        ctx.session,
        ctx.clock,
        int(payload["campaign_id"]),
        campaigns.ReminderPolicy.of(ctx.settings),
    )
    if campaign is None:
        return
    await _tell_owner(
        ctx,
        campaign,
        "campaign-notify-opened",
        f"survey-opened:{campaign.id}",
        count=campaign.audience_size,
    )


@due_handler(campaigns.DUE_NOTIFY)
async def notify_invited(ctx: JobContext, payload: dict[str, Any]) -> None:
    """Send the survey to the next batch of invited people."""
    session, now = ctx.session, ctx.clock.now()
    campaign = await session.get(SurveyCampaign, int(payload["campaign_id"]))
    if campaign is None or campaign.status != CampaignStatus.open or now >= campaign.closes_at:
        return
    template = template_of(campaign)
    zones = _Zones(ctx)
    batch = await campaigns.invitations_to_notify(session, campaign.id, campaigns.BATCH)
    for invitation, person in batch:
        invitation.notified_at = now
        if not reachable(person):
            continue
        texts: Texts = ctx.translator.for_lang(person.language)
        zone = await zones.of(person.organization_id)
        await outbox.enqueue_text(
            session,
            ctx.clock,
            chat_id=person.tg_id or 0,
            participant_id=person.id,
            text=render.invitation_text(texts, campaign, template, person.language, zone),
            keyboard=[[render.start_button(texts, campaign.id)]],
            priority=outbox.Priority.BULK,
            dedup_key=f"survey-invite:{invitation.id}",
            batch=f"survey:{campaign.id}",
        )
    if len(batch) == campaigns.BATCH:
        await campaigns.plan_notify(session, now, campaign.id, after_id=batch[-1][0].id)


@due_handler(campaigns.DUE_REMIND)
async def remind(ctx: JobContext, payload: dict[str, Any]) -> None:
    """One round of reminders to those who have not submitted; then plan the next round."""
    session, now = ctx.session, ctx.clock.now()
    round_ = int(payload["round"])
    campaign = await session.get(SurveyCampaign, int(payload["campaign_id"]))
    if campaign is None or campaign.status != CampaignStatus.open or now >= campaign.closes_at:
        return  # closed: reminders stop at the closing moment
    template = template_of(campaign)
    zones = _Zones(ctx)
    batch = await campaigns.invitations_to_remind(session, campaign.id, round_, campaigns.BATCH)
    for invitation, person, progress in batch:
        invitation.reminders = round_
        invitation.last_reminded_at = now
        if not reachable(person):
            continue
        texts = ctx.translator.for_lang(person.language)
        zone = await zones.of(person.organization_id)
        answers = progress.answers if progress is not None else None
        await outbox.enqueue_text(
            session,
            ctx.clock,
            chat_id=person.tg_id or 0,
            participant_id=person.id,
            text=render.reminder_text(texts, campaign, template, person.language, zone, answers),
            keyboard=[[render.start_button(texts, campaign.id, started=progress is not None)]],
            priority=outbox.Priority.REMINDER,
            dedup_key=f"survey-remind:{invitation.id}:{round_}",
            batch=f"survey:{campaign.id}",
        )
    policy = campaigns.ReminderPolicy.of(ctx.settings)
    if len(batch) == campaigns.BATCH:
        await campaigns.plan_reminders(
            session, now, campaign, round_, after_id=batch[-1][0].id, policy=policy
        )
    else:
        await campaigns.plan_reminders(session, now, campaign, round_ + 1, policy=policy)


@due_handler(campaigns.DUE_CLOSE)
async def close_campaign(ctx: JobContext, payload: dict[str, Any]) -> None:
    campaign = await campaigns.close_campaign(ctx.session, ctx.clock, int(payload["campaign_id"]))
    if campaign is None:
        return
    counts = await campaigns.counts_in_scope(ctx.session, campaigns.owner_actor(campaign), campaign)
    await _tell_owner(
        ctx,
        campaign,
        "campaign-notify-closed",
        f"survey-closed:{campaign.id}",
        submitted=counts.submitted,
        invited=counts.invited,
        percent=round(100 * (counts.rate or 0)),
    )


@due_handler(schedules.DUE_SCHEDULE)
async def run_schedule(ctx: JobContext, payload: dict[str, Any]) -> None:
    """Launch a periodic campaign with the templates as they are today."""
    run = await schedules.run_schedule(
        ctx.session,
        ctx.clock,
        library_at(ctx.settings.survey_templates_dir),
        ctx.settings.admin_ids,
        int(payload["schedule_id"]),
    )
    if run is None or run.owner is None or not reachable(run.owner):
        return
    owner = run.owner
    texts = ctx.translator.for_lang(owner.language)
    schedule = run.schedule
    if run.campaign is not None:
        await _tell_owner(
            ctx,
            run.campaign,
            "schedule-launched",
            f"survey-schedule-launched:{run.campaign.id}",
            count=run.campaign.audience_size,
        )
        return
    zone = await directory.zone_of_organization(ctx.session, owner.organization_id)
    await outbox.enqueue_text(
        ctx.session,
        ctx.clock,
        chat_id=owner.tg_id or 0,
        participant_id=owner.id,
        text=render.schedule_skipped_text(
            texts, schedule.template_id, run.skipped, schedule.next_run_at, zone
        ),
        priority=outbox.Priority.REPLY,
    )
