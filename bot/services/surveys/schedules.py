"""Periodic campaigns ("не реже двух раз в год"): a schedule names a template, an audience,
the months to run in and how long each run stays open; the scheduler launches each run as an
ordinary campaign on the first day of the month, with the template as it is on that day."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services import due
from bot.services.access import Actor, actor_for
from bot.services.audience import AudienceSpec
from bot.services.errors import DomainError, InvalidInput, NotFound
from bot.services.surveys import campaigns
from bot.services.surveys.library import TemplateLibrary
from bot.services.surveys.templates import SurveyTemplate
from models import Participant
from models.survey import SurveyCampaign, SurveySchedule

DUE_SCHEDULE = "survey-schedule"
DEFAULT_MONTHS = (5, 11)  # May and November: the two monitoring rounds of a school year
DURATIONS = (7, 14, 21, 30)


def next_run(months: Iterable[int], zone: ZoneInfo, after: datetime) -> datetime:
    """The first day of the next listed month, at the opening hour of `zone`, after `after`."""
    chosen = sorted(set(months))
    local = after.astimezone(zone)
    for year in (local.year, local.year + 1):
        for month in chosen:
            moment = datetime(year, month, 1, campaigns.OPENING_HOUR, tzinfo=zone)
            if moment > after:
                return moment.astimezone(UTC)
    raise InvalidInput("survey-schedule-no-months")


def _check(months: Iterable[int], duration_days: int) -> list[int]:
    chosen = sorted(set(months))
    if not chosen:
        raise InvalidInput("survey-schedule-no-months")
    if not set(chosen) <= set(range(1, 13)) or duration_days not in DURATIONS:
        raise InvalidInput("error-stale-button")
    return chosen


async def create_schedule(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    template: SurveyTemplate,
    spec: AudienceSpec,
    months: Iterable[int],
    duration_days: int,
    zone: ZoneInfo,
) -> SurveySchedule:
    actor.require_coordinator()
    actor.require_registered()
    chosen = _check(months, duration_days)
    # An audience that is empty today may fill up by the first run; the scope still applies.
    await campaigns.preview(session, actor, spec)
    now = clock.now()
    schedule = SurveySchedule(
        template_id=template.id,
        audience=spec.to_json(),
        months=chosen,
        duration_days=duration_days,
        timezone=zone.key,
        created_by=actor.participant_id,
        active=True,
        next_run_at=next_run(chosen, zone, now),
        created_at=now,
    )
    session.add(schedule)
    await session.flush()
    await _plan(session, schedule, now)
    return schedule


async def _plan(session: AsyncSession, schedule: SurveySchedule, now: datetime) -> None:
    assert schedule.next_run_at is not None
    await due.plan(
        session,
        kind=DUE_SCHEDULE,
        due_at=schedule.next_run_at,
        payload={"schedule_id": schedule.id},
        now=now,
        dedup_key=f"{DUE_SCHEDULE}:{schedule.id}:{schedule.next_run_at:%Y%m%d%H%M}",
    )


async def list_schedules(session: AsyncSession, actor: Actor) -> list[SurveySchedule]:
    """Active schedules the coordinator set up (an admin sees all)."""
    actor.require_coordinator()
    query = select(SurveySchedule).where(SurveySchedule.active.is_(True))
    if not actor.is_admin:
        query = query.where(SurveySchedule.created_by == actor.participant_id)
    return list(await session.scalars(query.order_by(SurveySchedule.id)))


async def stop_schedule(
    session: AsyncSession, clock: Clock, actor: Actor, schedule_id: int
) -> SurveySchedule:
    actor.require_coordinator()
    schedule = await session.get(SurveySchedule, schedule_id)
    if schedule is None or not (actor.is_admin or schedule.created_by == actor.participant_id):
        raise NotFound("error-not-found")
    if not schedule.active:
        raise InvalidInput("survey-schedule-stopped")
    _stop(schedule, clock.now())
    return schedule


def _stop(schedule: SurveySchedule, now: datetime) -> None:
    schedule.active = False
    schedule.stopped_at = now
    schedule.next_run_at = None


@dataclass(frozen=True)
class ScheduleRun:
    """What a due run did: the campaign launched, or why none was (a locale key)."""

    schedule: SurveySchedule
    owner: Participant | None
    campaign: SurveyCampaign | None = None
    skipped: str | None = None


async def run_schedule(
    session: AsyncSession,
    clock: Clock,
    library: TemplateLibrary,
    admin_ids: list[int],
    schedule_id: int,
) -> ScheduleRun | None:
    """Launch the run that fell due and plan the next one. None: nothing was due (a stopped
    schedule, or a duplicate of a run already done)."""
    schedule = await session.get(SurveySchedule, schedule_id)
    now = clock.now()
    if (
        schedule is None
        or not schedule.active
        or schedule.next_run_at is None
        or schedule.next_run_at > now
    ):
        return None
    owner = await session.get(Participant, schedule.created_by)
    actor = actor_for(owner.tg_id or 0, owner, admin_ids) if owner is not None else None
    if actor is None or not actor.is_coordinator:
        # The coordinator left or lost the role: nobody may launch in their name any more.
        _stop(schedule, now)
        return ScheduleRun(schedule, owner, skipped="survey-schedule-owner-gone")
    zone = ZoneInfo(schedule.timezone)
    schedule.next_run_at = next_run(schedule.months, zone, now)
    await _plan(session, schedule, now)
    template = library.find(schedule.template_id)
    if template is None:
        return ScheduleRun(schedule, owner, skipped="survey-template-unknown")
    today = campaigns.local_today(clock, zone)
    try:
        campaign = await campaigns.launch(
            session,
            clock,
            actor,
            template,
            AudienceSpec.from_json(schedule.audience),
            today,
            today + timedelta(days=schedule.duration_days - 1),
            zone,
            schedule_id=schedule.id,
        )
    except DomainError as error:  # an empty audience this time, or a scope that shrank
        return ScheduleRun(schedule, owner, skipped=error.key)
    return ScheduleRun(schedule, owner, campaign=campaign)
