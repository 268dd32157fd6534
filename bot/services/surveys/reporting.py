"""Results of a campaign for a coordinator's scope, from the database, streamed.

Responses are read with a server-side cursor inside `run_sync` and fed to the one-pass
aggregation, so a campaign of 100,000 responses is never held in memory. Everything is
restricted to the organizations of the asking coordinator's scope: a school coordinator sees
their school's part of a regional campaign, and nothing else.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, Text, func, select, type_coerce
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from bot.services.access import Actor, organization_condition
from bot.services.errors import InvalidInput
from bot.services.surveys import campaigns
from bot.services.surveys.responding import template_of
from bot.services.surveys.results import (
    ANONYMOUS_MIN_GROUP_SIZE,
    Aggregator,
    Breakdown,
    GroupKey,
    NamedExport,
    RawRow,
    SurveyResults,
    aggregate,
    export_xlsx,
)
from bot.services.surveys.templates import SurveyTemplate
from models import Municipality, Organization, Participant, Region
from models.enums import CampaignStatus, ScopeLevel
from models.survey import SurveyCampaign, SurveyInvitation, SurveyResponse

BREAKDOWNS: tuple[Breakdown, ...] = ("municipality", "organization")
_YIELD = 2000
# A named campaign's answers shown person by person on the results screen (the rest: XLSX).
NAMED_SHOWN = 10

# Answers are read as the JSON text the database holds and decoded here, without the JSON
# type's generic wrapper (a whitespace pass around each document): a fifth of a pass over
# 100,000 responses.
_ANSWERS = type_coerce(SurveyResponse.answers, Text)
_raw_decode = json.JSONDecoder().raw_decode


def _decoded(answers: Any) -> Any:
    if type(answers) is not str:  # a driver that decodes JSON itself
        return answers
    try:
        return _raw_decode(answers)[0]
    except ValueError:  # whitespace around the document: the ordinary way
        return json.loads(answers)


@dataclass(frozen=True)
class CampaignReport:
    campaign: SurveyCampaign
    template: SurveyTemplate
    results: SurveyResults
    # The previous campaign of the same template (or, for an exit questionnaire, of its entry
    # questionnaire), with its results over the same scope.
    previous_campaign: SurveyCampaign | None
    previous: SurveyResults | None
    group_names: Mapping[GroupKey, str]
    # An anonymous campaign with fewer answers in this scope than it takes to stay anonymous:
    # counts are shown, answers are not.
    hidden: bool
    # Hidden here: the nearest level above with enough answers (None: no level has them).
    seen_above: SeenAbove | None = None
    # A named campaign: the first NAMED_SHOWN answers of the scope, person by person.
    named: tuple[NamedAnswers, ...] = ()


@dataclass(frozen=True)
class SeenAbove:
    """Where an anonymous result too small to show in a scope can be seen: the level above
    (the municipality of a small school, else the region) with its number of answers, which
    its coordinator sees in full. The count names nobody."""

    level: str
    name: str
    responses: int


@dataclass(frozen=True)
class NamedAnswers:
    name: str
    organization: str
    answers: Mapping[str, Any]


def _group_column(breakdown: Breakdown | None, table: Any) -> Any:
    if breakdown == "organization":
        return table.organization_id
    if breakdown == "municipality":
        return table.municipality_id
    return None


def _responses(actor: Actor, campaign_id: int) -> Select[str, int, int]:
    return (
        select(_ANSWERS, SurveyResponse.organization_id, SurveyResponse.municipality_id)
        .join(Organization, Organization.id == SurveyResponse.organization_id)
        .where(SurveyResponse.campaign_id == campaign_id, organization_condition(actor))
    )


async def _audience(
    session: AsyncSession, actor: Actor, campaign: SurveyCampaign, breakdown: Breakdown | None
) -> tuple[int, dict[GroupKey, int] | None]:
    """How many were invited in the actor's scope, in all and by group."""
    group = _group_column(breakdown, SurveyInvitation)
    invited = (
        select(func.count(SurveyInvitation.id))
        .join(Organization, Organization.id == SurveyInvitation.organization_id)
        .where(SurveyInvitation.campaign_id == campaign.id, organization_condition(actor))
    )
    if group is None:
        return int(await session.scalar(invited) or 0), None
    rows = await session.execute(invited.add_columns(group).group_by(group))
    group_audience = {key: int(count) for count, key in rows.all()}
    return sum(group_audience.values()), group_audience


async def _results(
    session: AsyncSession,
    actor: Actor,
    campaign: SurveyCampaign,
    template: SurveyTemplate,
    breakdown: Breakdown | None,
) -> SurveyResults:
    audience, group_audience = await _audience(session, actor, campaign, breakdown)
    query = _responses(actor, campaign.id).execution_options(yield_per=_YIELD)

    def run(sync: Session) -> SurveyResults:
        rows = sync.connection().execute(query)
        return aggregate(
            template,
            ((_decoded(answers), org, muni) for answers, org, muni in rows),
            breakdown=breakdown,
            audience=audience,
            group_audience=group_audience,
        )

    return await session.run_sync(run)


async def _previous_campaign(
    session: AsyncSession, actor: Actor, campaign: SurveyCampaign, template: SurveyTemplate
) -> SurveyCampaign | None:
    # The latest earlier campaign of the same template or of the one it is compared with: an
    # exit questionnaire meets the entry questionnaire of the same cohort (the growth), not
    # last year's exit, once that entry has run; a plain template meets its previous run.
    template_ids = {campaign.template_id}
    if template.compare_with is not None:
        template_ids.add(template.compare_with)
    return await session.scalar(
        select(SurveyCampaign)
        .where(
            SurveyCampaign.template_id.in_(template_ids),
            SurveyCampaign.id != campaign.id,
            SurveyCampaign.status != CampaignStatus.scheduled,
            SurveyCampaign.opens_at < campaign.opens_at,
            campaigns.visible_condition(actor),
        )
        .order_by(SurveyCampaign.opens_at.desc(), SurveyCampaign.id.desc())
        .limit(1)
    )


async def _group_names(
    session: AsyncSession, breakdown: Breakdown | None, keys: list[GroupKey]
) -> dict[GroupKey, str]:
    ids = [key for key in keys if isinstance(key, int)]
    if breakdown is None or not ids:
        return {}
    if breakdown == "organization":
        organizations = await session.execute(
            select(Organization.id, Organization.short_name, Organization.name).where(
                Organization.id.in_(ids)
            )
        )
        return {oid: short or name for oid, short, name in organizations.all()}
    municipalities = await session.execute(
        select(Municipality.id, Municipality.name).where(Municipality.id.in_(ids))
    )
    return {mid: name for mid, name in municipalities.all()}


async def build_report(
    session: AsyncSession, actor: Actor, campaign_id: int, breakdown: Breakdown | None
) -> CampaignReport:
    """Response rate and per-question results of a campaign over the actor's scope, with the
    previous campaign's results over the same scope for comparison."""
    campaign = await campaigns.get_visible(session, actor, campaign_id)
    template = template_of(campaign)
    results = await _results(session, actor, campaign, template, breakdown)
    return await _report(session, actor, campaign, template, results, breakdown)


async def _report(
    session: AsyncSession,
    actor: Actor,
    campaign: SurveyCampaign,
    template: SurveyTemplate,
    results: SurveyResults,
    breakdown: Breakdown | None,
) -> CampaignReport:
    previous_campaign = await _previous_campaign(session, actor, campaign, template)
    previous = None
    if previous_campaign is not None:
        previous = await _results(
            session, actor, previous_campaign, template_of(previous_campaign), breakdown
        )
        if _too_few(previous_campaign, previous):
            previous = None
    names = await _group_names(session, breakdown, list(results.groups))
    hidden = _too_few(campaign, results)
    return CampaignReport(
        campaign=campaign,
        template=template,
        results=results,
        previous_campaign=previous_campaign if previous is not None else None,
        previous=previous,
        group_names=names,
        hidden=hidden,
        seen_above=await _seen_above(session, actor, campaign.id) if hidden else None,
        named=() if campaign.anonymous else await _named(session, actor, campaign.id),
    )


async def _seen_above(session: AsyncSession, actor: Actor, campaign_id: int) -> SeenAbove | None:
    """The nearest level above the actor's scopes whose answers are enough to show: a
    school's municipality, then the region."""
    org_ids = [s.id for s in actor.scopes if s.level == ScopeLevel.organization]
    muni_ids = [s.id for s in actor.scopes if s.level == ScopeLevel.municipality]
    if org_ids:
        rows = await session.scalars(
            select(Organization.municipality_id).where(Organization.id.in_(org_ids))
        )
        above = list(dict.fromkeys(rows))
        counted = await session.execute(
            select(Municipality.name, func.count(SurveyResponse.id))
            .join(SurveyResponse, SurveyResponse.municipality_id == Municipality.id)
            .where(SurveyResponse.campaign_id == campaign_id, Municipality.id.in_(above))
            .group_by(Municipality.id, Municipality.name)
            .order_by(func.count(SurveyResponse.id).desc(), Municipality.name)
        )
        for name, count in counted.all():
            if count >= ANONYMOUS_MIN_GROUP_SIZE:
                return SeenAbove(ScopeLevel.municipality.value, name, int(count))
        muni_ids += above
    if not muni_ids:
        return None
    counted = await session.execute(
        select(Region.name, func.count(SurveyResponse.id))
        .join(Municipality, Municipality.region_id == Region.id)
        .join(SurveyResponse, SurveyResponse.municipality_id == Municipality.id)
        .where(
            SurveyResponse.campaign_id == campaign_id,
            Region.id.in_(select(Municipality.region_id).where(Municipality.id.in_(muni_ids))),
        )
        .group_by(Region.id, Region.name)
        .order_by(func.count(SurveyResponse.id).desc(), Region.name)
    )
    for name, count in counted.all():
        if count >= ANONYMOUS_MIN_GROUP_SIZE:
            return SeenAbove(ScopeLevel.region.value, name, int(count))
    return None


async def _named(session: AsyncSession, actor: Actor, campaign_id: int) -> tuple[NamedAnswers, ...]:
    """A named campaign's first answers in the actor's scope, person by person: a small
    school's coordinator reads them on the screen (they are the respondents' own words, given
    under their names)."""
    # A few rows: no streaming cursor (the raw query's yield_per is for the export).
    query = _raw_query(actor, campaign_id).limit(NAMED_SHOWN).execution_options(yield_per=None)
    rows = await session.execute(query)
    return tuple(
        NamedAnswers(full_name or "—", short or name, _decoded(answers) or {})
        for full_name, short, name, _muni, _submitted, answers, *_ids in rows.all()
    )


def _too_few(campaign: SurveyCampaign, results: SurveyResults) -> bool:
    return campaign.anonymous and 0 < results.responses < ANONYMOUS_MIN_GROUP_SIZE


def _raw_query(
    actor: Actor, campaign_id: int
) -> Select[str | None, str | None, str, str, datetime | None, str, int, int]:
    return (
        select(
            Participant.full_name,
            Organization.short_name,
            Organization.name,
            Municipality.name,
            SurveyResponse.submitted_at,
            _ANSWERS,
            SurveyResponse.organization_id,
            SurveyResponse.municipality_id,
        )
        .join(Organization, Organization.id == SurveyResponse.organization_id)
        .join(Municipality, Municipality.id == Organization.municipality_id)
        .outerjoin(Participant, Participant.id == SurveyResponse.participant_id)
        .where(SurveyResponse.campaign_id == campaign_id, organization_condition(actor))
        .order_by(Municipality.name, Organization.name, Participant.full_name, SurveyResponse.id)
        .execution_options(yield_per=_YIELD)
    )


async def export(
    session: AsyncSession, actor: Actor, report: CampaignReport, lang: str, zone: ZoneInfo
) -> bytes:
    """The XLSX of a report: an overview, a sheet per question, and for a named campaign the
    raw answers of the actor's scope (streamed)."""
    if report.hidden:
        raise InvalidInput("survey-results-too-few", min=ANONYMOUS_MIN_GROUP_SIZE)
    query = None if report.campaign.anonymous else _raw_query(actor, report.campaign.id)

    def raw_rows(sync: Session) -> Iterator[RawRow]:
        assert query is not None
        rows = sync.connection().execute(query)  # Core rows: no ORM bookkeeping per response
        for full_name, short, name, muni, submitted, answers, *_ids in rows:
            yield _raw_row(full_name, short or name, muni, submitted, _decoded(answers), zone)

    def run(sync: Session) -> bytes:
        buffer = io.BytesIO()
        export_xlsx(
            report.results,
            report.template,
            lang,
            raw_rows(sync) if query is not None else None,
            buffer,
            group_names=report.group_names,
            previous=report.previous,
        )
        return buffer.getvalue()

    return await session.run_sync(run)


def _raw_row(
    full_name: str | None,
    organization: str,
    municipality: str,
    submitted: datetime | None,
    answers: Any,
    zone: ZoneInfo,
) -> RawRow:
    return RawRow(
        full_name or "—",
        organization,
        municipality,
        submitted.astimezone(zone) if submitted is not None else None,
        answers,
    )


async def build_export(
    session: AsyncSession,
    actor: Actor,
    campaign_id: int,
    breakdown: Breakdown | None,
    lang: str,
    zone: ZoneInfo,
) -> tuple[CampaignReport, bytes]:
    """The report and its XLSX together. For a named campaign in one pass over its responses:
    each is decoded once, written to the raw sheet and counted for the results (build_report
    then export would read and decode every response twice)."""
    campaign = await campaigns.get_visible(session, actor, campaign_id)
    if campaign.anonymous:
        report = await build_report(session, actor, campaign_id, breakdown)
        return report, await export(session, actor, report, lang, zone)
    template = template_of(campaign)
    audience, group_audience = await _audience(session, actor, campaign, breakdown)
    aggregator = Aggregator(template, breakdown=breakdown, group_audience=group_audience)
    query = _raw_query(actor, campaign.id)
    buffer = io.BytesIO()
    with NamedExport(template, lang, buffer) as workbook:

        def counted_rows(sync: Session) -> Iterator[RawRow]:
            add = aggregator.add
            rows = sync.connection().execute(query)
            for full_name, short, name, muni, submitted, answers, org, muni_id in rows:
                decoded = _decoded(answers)  # once, for the results and the raw sheet
                add((decoded, org, muni_id))
                yield _raw_row(full_name, short or name, muni, submitted, decoded, zone)

        await session.run_sync(lambda sync: workbook.write_raw(counted_rows(sync)))
        results = aggregator.results(audience)
        report = await _report(session, actor, campaign, template, results, breakdown)
        workbook.finish(results, group_names=report.group_names, previous=report.previous)
    return report, buffer.getvalue()


def file_name(report: CampaignReport) -> str:
    opened = report.campaign.opens_at.strftime("%Y-%m-%d")
    return f"{report.template.id}-{opened}-{report.campaign.id}.xlsx"
