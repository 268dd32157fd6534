"""Survey campaigns: launched by a coordinator to an audience inside their scope, opened and
closed by due work, visible to the coordinators whose scope holds some of the people asked.

A campaign pins the template snapshot it was launched with. Its audience is resolved when it
opens (people who registered in between are asked too) and written down as invitations: the
denominators of response rates and the list of who is reminded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Select, delete, func, insert, literal, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services import audience, dates, due
from bot.services.access import Actor, Scope, organization_condition
from bot.services.audience import AudienceSpec
from bot.services.errors import Forbidden, InvalidInput, NotFound
from bot.services.surveys.templates import SurveyTemplate
from bot.settings import Settings
from models import Organization, Participant
from models.base import StrEnumString, UtcDateTime
from models.enums import CampaignStatus, Category, InvitationStatus, Role, ScopeLevel
from models.survey import SurveyCampaign, SurveyInvitation, SurveyProgress

# Reminders to those who have not submitted: at most this often, at most this many times,
# and never after the closing moment (defaults of SURVEY_REMINDER_DAYS, SURVEY_MAX_REMINDERS).
REMINDER_EVERY = timedelta(days=3)
MAX_REMINDERS = 3
MAX_CAMPAIGN_DAYS = dates.SURVEY_LASTS_DAYS
MAX_OPENS_AHEAD_DAYS = dates.SURVEY_OPENS_AHEAD_DAYS
# A campaign that opens on a later day opens at this hour of the coordinator's zone, so the
# invitations do not arrive at midnight; its reminders then come at the same hour.
OPENING_HOUR = 10
# Invitations and reminders are queued this many at a time, each batch its own transaction.
BATCH = 500
PAGE_SIZE = 8

DUE_OPEN = "survey-open"
DUE_NOTIFY = "survey-notify"
DUE_REMIND = "survey-remind"
DUE_CLOSE = "survey-close"

_TEMPLATE_ROLES = {"mentee": Role.mentee, "mentor": Role.mentor, "coordinator": Role.coordinator}
_TEMPLATE_CATEGORIES = {"teacher": Category.teacher}


@dataclass(frozen=True)
class ReminderPolicy:
    every: timedelta = REMINDER_EVERY
    limit: int = MAX_REMINDERS

    @classmethod
    def of(cls, settings: Settings) -> ReminderPolicy:
        return cls(timedelta(days=settings.survey_reminder_days), settings.survey_max_reminders)


def default_spec(template: SurveyTemplate) -> AudienceSpec:
    """The audience a template is written for, as a starting point the coordinator edits."""
    return AudienceSpec(
        roles=frozenset(_TEMPLATE_ROLES[a] for a in template.audience if a in _TEMPLATE_ROLES),
        categories=frozenset(
            _TEMPLATE_CATEGORIES[a] for a in template.audience if a in _TEMPLATE_CATEGORIES
        ),
    )


async def preview(session: AsyncSession, actor: Actor, spec: AudienceSpec) -> int:
    """How many people the spec reaches inside the actor's scope (refusing what is outside)."""
    await audience.check_in_scope(session, actor, spec)
    return await audience.count(session, actor, spec)


# --- dates ----------------------------------------------------------------------------------


def local_today(clock: Clock, zone: ZoneInfo) -> date:
    return clock.now().astimezone(zone).date()


def campaign_window(
    now: datetime, zone: ZoneInfo, opens_on: date, closes_on: date
) -> tuple[datetime, datetime]:
    """(opens_at, closes_at) in UTC for dates in the coordinator's zone: today opens now, a later
    day at OPENING_HOUR; the closing day is included to its end."""
    today = now.astimezone(zone).date()
    if opens_on < today:
        raise InvalidInput("survey-opens-in-past")
    if (opens_on - today).days > MAX_OPENS_AHEAD_DAYS:
        raise InvalidInput("survey-opens-too-far", max_days=MAX_OPENS_AHEAD_DAYS)
    if closes_on < opens_on:
        raise InvalidInput("survey-closes-before-opening")
    if (closes_on - opens_on).days + 1 > MAX_CAMPAIGN_DAYS:
        raise InvalidInput("survey-too-long", max_days=MAX_CAMPAIGN_DAYS)
    if opens_on == today:
        opens_at = now
    else:
        opens_at = datetime.combine(opens_on, time(OPENING_HOUR), zone).astimezone(UTC)
    closes_at = datetime.combine(closes_on + timedelta(days=1), time(0), zone).astimezone(UTC)
    return opens_at, closes_at


# --- launching ------------------------------------------------------------------------------


async def launch(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    template: SurveyTemplate,
    spec: AudienceSpec,
    opens_on: date,
    closes_on: date,
    zone: ZoneInfo,
    *,
    schedule_id: int | None = None,
) -> SurveyCampaign:
    """Create a campaign pinned to the template as it is now; it opens and closes by itself."""
    actor.require_coordinator()
    actor.require_registered()
    size = await preview(session, actor, spec)
    if size == 0:
        raise InvalidInput("survey-audience-empty")
    now = clock.now()
    opens_at, closes_at = campaign_window(now, zone, opens_on, closes_on)
    campaign = SurveyCampaign(
        template_id=template.id,
        template_version=template.version,
        fingerprint=template.fingerprint,
        snapshot=template.snapshot(),
        anonymous=template.anonymous,
        audience=spec.to_json(),
        owner_scopes=[[scope.level.value, scope.id] for scope in actor.scopes],
        owner_is_admin=actor.is_admin,
        status=CampaignStatus.scheduled,
        opens_at=opens_at,
        closes_at=closes_at,
        audience_size=size,
        schedule_id=schedule_id,
        created_by=actor.participant_id,
        created_at=now,
    )
    session.add(campaign)
    await session.flush()
    payload = {"campaign_id": campaign.id}
    await due.plan(
        session,
        kind=DUE_OPEN,
        due_at=opens_at,
        payload=payload,
        now=now,
        dedup_key=f"{DUE_OPEN}:{campaign.id}",
    )
    await due.plan(
        session,
        kind=DUE_CLOSE,
        due_at=closes_at,
        payload=payload,
        now=now,
        dedup_key=f"{DUE_CLOSE}:{campaign.id}",
    )
    return campaign


def owner_actor(campaign: SurveyCampaign) -> Actor:
    """The launching coordinator as they were at launch: the audience never grows past that."""
    return Actor(
        tg_id=0,
        participant_id=campaign.created_by,
        is_admin=campaign.owner_is_admin,
        scopes=tuple(Scope(ScopeLevel(level), int(i)) for level, i in campaign.owner_scopes),
    )


async def open_campaign(
    session: AsyncSession,
    clock: Clock,
    campaign_id: int,
    reminders: ReminderPolicy = ReminderPolicy(),
) -> SurveyCampaign | None:
    """Invite the audience (one INSERT … SELECT) and plan the messages; None if not due."""
    campaign = await session.get(SurveyCampaign, campaign_id)
    if campaign is None or campaign.status != CampaignStatus.scheduled:
        return None
    now = clock.now()
    if now >= campaign.closes_at:
        campaign.status, campaign.closed_at = CampaignStatus.closed, now
        return None
    spec = AudienceSpec.from_json(campaign.audience)
    people = audience.participants_query(owner_actor(campaign), spec).with_only_columns(
        literal(campaign.id),
        Participant.id,
        Participant.organization_id,
        Organization.municipality_id,
        literal(InvitationStatus.invited, StrEnumString(InvitationStatus)),
        literal(now, UtcDateTime()),
        literal(0),
    )
    await session.execute(
        insert(SurveyInvitation).from_select(
            [
                "campaign_id",
                "participant_id",
                "organization_id",
                "municipality_id",
                "status",
                "invited_at",
                "reminders",
            ],
            people,
        )
    )
    campaign.audience_size = int(
        await session.scalar(
            select(func.count(SurveyInvitation.id)).where(
                SurveyInvitation.campaign_id == campaign.id
            )
        )
        or 0
    )
    campaign.status = CampaignStatus.open
    await plan_notify(session, now, campaign.id, after_id=0)
    await plan_reminders(session, now, campaign, round_=1, policy=reminders)
    return campaign


async def plan_notify(
    session: AsyncSession, now: datetime, campaign_id: int, after_id: int
) -> None:
    await due.plan(
        session,
        kind=DUE_NOTIFY,
        due_at=now,
        payload={"campaign_id": campaign_id},
        now=now,
        dedup_key=f"{DUE_NOTIFY}:{campaign_id}:{after_id}",
    )


async def plan_reminders(
    session: AsyncSession,
    now: datetime,
    campaign: SurveyCampaign,
    round_: int,
    after_id: int = 0,
    policy: ReminderPolicy = ReminderPolicy(),
) -> None:
    """Plan reminder round `round_`, `policy.every` apart counted from the opening; a round
    planned late (the bot was down) still comes `policy.every` after the previous one. A
    continuation batch of the same round (after_id > 0) runs at once."""
    if round_ > policy.limit:
        return
    every = policy.every
    if after_id:
        due_at = now
    elif round_ == 1:
        due_at = campaign.opens_at + every
    else:
        due_at = max(campaign.opens_at + every * round_, now + every)
    if due_at >= campaign.closes_at:
        return
    await due.plan(
        session,
        kind=DUE_REMIND,
        due_at=max(due_at, now),
        payload={"campaign_id": campaign.id, "round": round_},
        now=now,
        dedup_key=f"{DUE_REMIND}:{campaign.id}:{round_}:{after_id}",
    )


async def invitations_to_notify(
    session: AsyncSession, campaign_id: int, limit: int = BATCH
) -> list[tuple[SurveyInvitation, Participant]]:
    rows = await session.execute(
        select(SurveyInvitation, Participant)
        .join(Participant, Participant.id == SurveyInvitation.participant_id)
        .where(SurveyInvitation.campaign_id == campaign_id, SurveyInvitation.notified_at.is_(None))
        .order_by(SurveyInvitation.id)
        .limit(limit)
    )
    return [(invitation, person) for invitation, person in rows.all()]


async def invitations_to_remind(
    session: AsyncSession, campaign_id: int, round_: int, limit: int = BATCH
) -> list[tuple[SurveyInvitation, Participant, SurveyProgress | None]]:
    """Those not submitted and not yet reminded in this round, with their progress if any."""
    rows = await session.execute(
        select(SurveyInvitation, Participant, SurveyProgress)
        .join(Participant, Participant.id == SurveyInvitation.participant_id)
        .outerjoin(
            SurveyProgress,
            (SurveyProgress.campaign_id == SurveyInvitation.campaign_id)
            & (SurveyProgress.participant_id == SurveyInvitation.participant_id),
        )
        .where(
            SurveyInvitation.campaign_id == campaign_id,
            SurveyInvitation.status == InvitationStatus.invited,
            SurveyInvitation.notified_at.is_not(None),
            SurveyInvitation.reminders < round_,
        )
        .order_by(SurveyInvitation.id)
        .limit(limit)
    )
    return [(invitation, person, progress) for invitation, person, progress in rows.all()]


# --- closing --------------------------------------------------------------------------------


async def close_campaign(
    session: AsyncSession, clock: Clock, campaign_id: int
) -> SurveyCampaign | None:
    """Close (idempotent: None if already closed). Unsubmitted answers in progress are dropped:
    they are not results, and for anonymous surveys they are the only link to a person."""
    campaign = await session.get(SurveyCampaign, campaign_id)
    if campaign is None or campaign.status == CampaignStatus.closed:
        return None
    now = clock.now()
    campaign.status = CampaignStatus.closed
    campaign.closed_at = now
    if campaign.closes_at > now:
        campaign.closes_at = now
    await session.execute(delete(SurveyProgress).where(SurveyProgress.campaign_id == campaign.id))
    return campaign


async def close_now(
    session: AsyncSession, clock: Clock, actor: Actor, campaign_id: int
) -> SurveyCampaign:
    """A coordinator closes their own campaign before its date."""
    campaign = await get_visible(session, actor, campaign_id)
    if not (actor.is_admin or campaign.created_by == actor.participant_id):
        raise Forbidden("survey-not-owner")
    if campaign.status == CampaignStatus.closed:
        raise InvalidInput("survey-already-closed")
    closed = await close_campaign(session, clock, campaign.id)
    assert closed is not None
    await due.cancel(session, f"{DUE_CLOSE}:{campaign.id}")
    await due.cancel(session, f"{DUE_OPEN}:{campaign.id}")
    return closed


# --- what a coordinator sees ----------------------------------------------------------------


def visible_condition(actor: Actor) -> ColumnElement[bool]:
    """Campaigns a coordinator sees: their own, and those that asked people of their scope."""
    if actor.is_admin:
        return true()
    asked_in_scope = (
        select(SurveyInvitation.id)
        .join(Organization, Organization.id == SurveyInvitation.organization_id)
        .where(SurveyInvitation.campaign_id == SurveyCampaign.id, organization_condition(actor))
        .exists()
    )
    if actor.participant_id is None:
        return asked_in_scope
    return or_(SurveyCampaign.created_by == actor.participant_id, asked_in_scope)


@dataclass(frozen=True)
class CampaignPage:
    items: list[SurveyCampaign]
    total: int
    page: int
    pages: int


async def list_visible(session: AsyncSession, actor: Actor, page: int = 0) -> CampaignPage:
    actor.require_coordinator()
    query: Select[SurveyCampaign] = select(SurveyCampaign).where(visible_condition(actor))
    total = int(await session.scalar(select(func.count()).select_from(query.subquery())) or 0)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    rows = await session.scalars(
        query.order_by(SurveyCampaign.opens_at.desc(), SurveyCampaign.id.desc())
        .offset(page * PAGE_SIZE)
        .limit(PAGE_SIZE)
    )
    return CampaignPage(list(rows), total, page, pages)


async def get_visible(session: AsyncSession, actor: Actor, campaign_id: int) -> SurveyCampaign:
    actor.require_coordinator()
    campaign = await session.scalar(
        select(SurveyCampaign).where(SurveyCampaign.id == campaign_id, visible_condition(actor))
    )
    if campaign is None:
        raise NotFound("error-not-found")
    return campaign


@dataclass(frozen=True)
class Counts:
    invited: int
    submitted: int
    in_progress: int

    @property
    def rate(self) -> float | None:
        return self.submitted / self.invited if self.invited else None


async def counts_in_scope(session: AsyncSession, actor: Actor, campaign: SurveyCampaign) -> Counts:
    """Invited, submitted and started-but-not-submitted, among people of the actor's scope."""
    rows = await session.execute(
        select(SurveyInvitation.status, func.count(SurveyInvitation.id))
        .join(Organization, Organization.id == SurveyInvitation.organization_id)
        .where(SurveyInvitation.campaign_id == campaign.id, organization_condition(actor))
        .group_by(SurveyInvitation.status)
    )
    by_status = {status: int(count) for status, count in rows.all()}
    in_progress = await session.scalar(
        select(func.count(SurveyProgress.id))
        .join(SurveyInvitation, SurveyInvitation.participant_id == SurveyProgress.participant_id)
        .join(Organization, Organization.id == SurveyInvitation.organization_id)
        .where(
            SurveyProgress.campaign_id == campaign.id,
            SurveyInvitation.campaign_id == campaign.id,
            organization_condition(actor),
        )
    )
    return Counts(
        invited=sum(by_status.values()),
        submitted=by_status.get(InvitationStatus.submitted, 0),
        in_progress=int(in_progress or 0),
    )
