"""Answering a campaign in chat: the respondent's side, kept in the database between messages.

Every action names the campaign and the template position of the question it was made on;
an action on anything but the question on screen is refused (an old message's button), so a
replayed or forged press never overwrites an answer. Progress lives in `survey_progress`, so a
respondent resumes exactly where they stopped, after a restart too. Submitting is guarded by a
conditional update of the invitation: one submission per person per campaign, even in a race.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services.errors import Forbidden, InvalidInput, NotFound
from bot.services.surveys.answering import (
    AnswerError,
    AnswerValue,
    drop_hidden,
    missing_required,
    previous_question,
    resume_question,
    validate_answer,
    visible_questions,
)
from bot.services.surveys.templates import Question, SurveyTemplate
from models import Participant
from models.base import rows_affected
from models.enums import CampaignStatus, InvitationStatus
from models.survey import SurveyCampaign, SurveyInvitation, SurveyProgress, SurveyResponse

# The position that stands for the summary screen in button data.
SUMMARY = -1
_CACHE_SIZE = 32
_templates: dict[str, SurveyTemplate] = {}


def template_of(campaign: SurveyCampaign) -> SurveyTemplate:
    """The campaign's own version of the template, rebuilt from its snapshot (cached: the
    fingerprint names the content exactly)."""
    template = _templates.get(campaign.fingerprint)
    if template is None:
        template = SurveyTemplate.from_snapshot(campaign.snapshot)
        if len(_templates) >= _CACHE_SIZE:
            _templates.clear()
        _templates[campaign.fingerprint] = template
    return template


class SurveyClosed(InvalidInput):
    """The campaign has closed: late answers are refused, politely."""

    def __init__(self) -> None:
        super().__init__("survey-closed")


@dataclass(frozen=True)
class Screen:
    """What the respondent sees next: a question, or the summary (question None)."""

    campaign: SurveyCampaign
    template: SurveyTemplate
    progress: SurveyProgress
    question: Question | None
    started: bool = False  # the survey was just begun: show the introduction first

    @property
    def answers(self) -> dict[str, Any]:
        return dict(self.progress.answers)

    @property
    def draft(self) -> list[str]:
        return list(self.progress.draft)

    @property
    def position(self) -> int:
        return SUMMARY if self.question is None else self.template.position(self.question.id)


@dataclass(frozen=True)
class OpenSurvey:
    campaign: SurveyCampaign
    template: SurveyTemplate
    submitted: bool
    answered: int
    total: int


# --- loading and checks ---------------------------------------------------------------------


async def _invitation(
    session: AsyncSession, participant: Participant | None, campaign_id: int
) -> SurveyInvitation:
    if participant is None:
        raise Forbidden("error-not-registered")
    invitation = await session.scalar(
        select(SurveyInvitation).where(
            SurveyInvitation.campaign_id == campaign_id,
            SurveyInvitation.participant_id == participant.id,
        )
    )
    if invitation is None:  # not asked (or a forged id): the same answer either way
        raise NotFound("survey-not-found")
    return invitation


async def _open(
    session: AsyncSession, clock: Clock, participant: Participant | None, campaign_id: int
) -> tuple[SurveyCampaign, SurveyInvitation]:
    invitation = await _invitation(session, participant, campaign_id)
    if invitation.status == InvitationStatus.submitted:
        raise InvalidInput("survey-already-submitted")
    campaign = await session.get(SurveyCampaign, campaign_id)
    assert campaign is not None  # a foreign key
    # The clock decides, not the close job: it may not have run yet.
    if campaign.status != CampaignStatus.open or clock.now() >= campaign.closes_at:
        raise SurveyClosed()
    return campaign, invitation


async def _progress(session: AsyncSession, invitation: SurveyInvitation) -> SurveyProgress | None:
    """The answers saved so far by the invited person, if they have begun."""
    return await session.scalar(
        select(SurveyProgress).where(
            SurveyProgress.campaign_id == invitation.campaign_id,
            SurveyProgress.participant_id == invitation.participant_id,
        )
    )


async def _session_state(
    session: AsyncSession, clock: Clock, participant: Participant | None, campaign_id: int
) -> tuple[SurveyCampaign, SurveyInvitation, SurveyTemplate, SurveyProgress]:
    campaign, invitation = await _open(session, clock, participant, campaign_id)
    progress = await _progress(session, invitation)
    if progress is None:  # a button of a survey not begun (or closed and reopened): start over
        raise InvalidInput("survey-stale-question")
    return campaign, invitation, template_of(campaign), progress


def _on_screen(template: SurveyTemplate, progress: SurveyProgress) -> Question | None:
    answers = progress.answers
    if progress.current is None:
        missing = missing_required(template, answers)
        return missing[0] if missing else None
    return resume_question(template, answers, progress.current)


def _expect(template: SurveyTemplate, progress: SurveyProgress, position: int) -> Question | None:
    """The question on screen, if `position` is it; anything else is an old button."""
    current = _on_screen(template, progress)
    shown = SUMMARY if current is None else template.position(current.id)
    if position != shown:
        raise InvalidInput("survey-stale-question")
    return current


def _move(
    template: SurveyTemplate, progress: SurveyProgress, question: Question | None, clock: Clock
) -> None:
    progress.current = question.id if question is not None else None
    existing = progress.answers.get(question.id) if question is not None else None
    # Revisiting a multiple choice starts from what was ticked before.
    progress.draft = list(existing) if isinstance(existing, list) else []
    progress.updated_at = clock.now()


def _after(template: SurveyTemplate, answers: dict[str, Any], question_id: str) -> Question | None:
    """Where to go after answering: the next question not yet seen, else the first required one
    still missing, else the summary (None)."""
    position = template.position(question_id)
    for question in visible_questions(template, answers):
        if template.position(question.id) > position and question.id not in answers:
            return question
    missing = missing_required(template, answers)
    return missing[0] if missing else None


def _store(
    template: SurveyTemplate,
    progress: SurveyProgress,
    question: Question,
    value: AnswerValue | None,
    clock: Clock,
) -> Question | None:
    # A skipped optional question is kept as None: "seen", so it is not asked again.
    answers: dict[str, Any] = dict(progress.answers)
    answers[question.id] = value
    answers = drop_hidden(template, answers)
    progress.answers = answers
    following = _after(template, answers, question.id)
    _move(template, progress, following, clock)
    return following


def _screen(
    campaign: SurveyCampaign,
    template: SurveyTemplate,
    progress: SurveyProgress,
    question: Question | None,
) -> Screen:
    return Screen(campaign, template, progress, question)


# --- the respondent's actions ---------------------------------------------------------------


async def begin(
    session: AsyncSession, clock: Clock, participant: Participant | None, campaign_id: int
) -> Screen:
    """Start the survey, or resume it exactly where the respondent stopped."""
    campaign, invitation = await _open(session, clock, participant, campaign_id)
    template = template_of(campaign)
    progress = await _progress(session, invitation)
    if progress is not None:
        return _screen(campaign, template, progress, _on_screen(template, progress))
    now = clock.now()
    first = visible_questions(template, {})[0]
    progress = SurveyProgress(
        campaign_id=campaign_id,
        participant_id=invitation.participant_id,
        answers={},
        current=first.id,
        draft=[],
        started_at=now,
        updated_at=now,
    )
    session.add(progress)
    await session.flush()
    return Screen(campaign, template, progress, first, started=True)


async def answer(
    session: AsyncSession,
    clock: Clock,
    participant: Participant | None,
    campaign_id: int,
    position: int | None,
    raw: Any,
) -> Screen:
    """Answer the question on screen (`position` None: typed, so whatever is on screen)."""
    campaign, _inv, template, progress = await _session_state(
        session, clock, participant, campaign_id
    )
    if position is None:
        question = _on_screen(template, progress)
    else:
        question = _expect(template, progress, position)
    if question is None:
        raise InvalidInput("survey-at-summary")
    if position is None and question.kind in ("single", "multi"):
        raise InvalidInput("survey-use-buttons")
    value = validate_answer(question, raw)
    following = _store(template, progress, question, value, clock)
    return _screen(campaign, template, progress, following)


async def choose(
    session: AsyncSession,
    clock: Clock,
    participant: Participant | None,
    campaign_id: int,
    position: int,
    index: int,
) -> Screen:
    """Press the `index`-th button of the question on screen (an option or a scale point)."""
    campaign, _inv, template, progress = await _session_state(
        session, clock, participant, campaign_id
    )
    question = _expect(template, progress, position)
    if question is None:
        raise InvalidInput("survey-stale-question")
    if question.kind == "scale":
        points = list(question.scale_points)
        if not 0 <= index < len(points):
            raise InvalidInput("survey-stale-question")
        raw: Any = points[index]
    elif question.kind in ("single", "yesno"):
        choices = question.choices()
        if not 0 <= index < len(choices):
            raise InvalidInput("survey-stale-question")
        raw = choices[index].id
    else:
        raise InvalidInput("survey-stale-question")
    value = validate_answer(question, raw)
    following = _store(template, progress, question, value, clock)
    return _screen(campaign, template, progress, following)


async def toggle(
    session: AsyncSession,
    clock: Clock,
    participant: Participant | None,
    campaign_id: int,
    position: int,
    index: int,
) -> Screen:
    """Tick or untick an option of the multiple-choice question on screen."""
    campaign, _inv, template, progress = await _session_state(
        session, clock, participant, campaign_id
    )
    question = _expect(template, progress, position)
    if question is None or question.kind != "multi" or not 0 <= index < len(question.options):
        raise InvalidInput("survey-stale-question")
    option_id = question.options[index].id
    picked = set(progress.draft)
    if option_id in picked:
        picked.discard(option_id)
    else:
        if question.max_choices is not None and len(picked) >= question.max_choices:
            raise AnswerError("too_many_choices", {"max_choices": question.max_choices})
        picked.add(option_id)
    progress.draft = [option.id for option in question.options if option.id in picked]
    progress.updated_at = clock.now()
    return _screen(campaign, template, progress, question)


async def confirm_choices(
    session: AsyncSession,
    clock: Clock,
    participant: Participant | None,
    campaign_id: int,
    position: int,
) -> Screen:
    """ "Done" on a multiple choice: the ticked options become the answer."""
    campaign, _inv, template, progress = await _session_state(
        session, clock, participant, campaign_id
    )
    question = _expect(template, progress, position)
    if question is None or question.kind != "multi":
        raise InvalidInput("survey-stale-question")
    value = validate_answer(question, list(progress.draft))
    following = _store(template, progress, question, value, clock)
    return _screen(campaign, template, progress, following)


async def skip(
    session: AsyncSession,
    clock: Clock,
    participant: Participant | None,
    campaign_id: int,
    position: int,
) -> Screen:
    campaign, _inv, template, progress = await _session_state(
        session, clock, participant, campaign_id
    )
    question = _expect(template, progress, position)
    if question is None:
        raise InvalidInput("survey-stale-question")
    value = validate_answer(question, None)  # a required question says so
    following = _store(template, progress, question, value, clock)
    return _screen(campaign, template, progress, following)


async def keep(
    session: AsyncSession,
    clock: Clock,
    participant: Participant | None,
    campaign_id: int,
    position: int,
) -> Screen:
    """Go on without changing the answer already given to the question on screen."""
    campaign, _inv, template, progress = await _session_state(
        session, clock, participant, campaign_id
    )
    question = _expect(template, progress, position)
    if question is None or question.id not in progress.answers:
        raise InvalidInput("survey-stale-question")
    following = _after(template, dict(progress.answers), question.id)
    _move(template, progress, following, clock)
    return _screen(campaign, template, progress, following)


async def back(
    session: AsyncSession,
    clock: Clock,
    participant: Participant | None,
    campaign_id: int,
    position: int,
) -> Screen:
    """The question before the one on screen (from the summary: the last one)."""
    campaign, _inv, template, progress = await _session_state(
        session, clock, participant, campaign_id
    )
    current = _expect(template, progress, position)
    previous = previous_question(
        template, progress.answers, current.id if current is not None else None
    )
    if previous is None:
        raise InvalidInput("error-nothing-back")
    _move(template, progress, previous, clock)
    return _screen(campaign, template, progress, previous)


async def jump(
    session: AsyncSession,
    clock: Clock,
    participant: Participant | None,
    campaign_id: int,
    target: int,
) -> Screen:
    """From the summary, go to one question to change its answer."""
    campaign, _inv, template, progress = await _session_state(
        session, clock, participant, campaign_id
    )
    _expect(template, progress, SUMMARY)
    shown = {template.position(q.id): q for q in visible_questions(template, progress.answers)}
    question = shown.get(target)
    if question is None:
        raise InvalidInput("survey-stale-question")
    _move(template, progress, question, clock)
    return _screen(campaign, template, progress, question)


async def where(
    session: AsyncSession, clock: Clock, participant: Participant | None, campaign_id: int
) -> Screen:
    """The screen the respondent is on, without changing anything."""
    campaign, _inv, template, progress = await _session_state(
        session, clock, participant, campaign_id
    )
    return _screen(campaign, template, progress, _on_screen(template, progress))


async def submit(
    session: AsyncSession, clock: Clock, participant: Participant | None, campaign_id: int
) -> SurveyCampaign:
    """Record the answers once. For an anonymous campaign the response keeps neither the person
    nor the time, and the answers in progress (the only link) are deleted."""
    campaign, invitation, template, progress = await _session_state(
        session, clock, participant, campaign_id
    )
    if _on_screen(template, progress) is not None:
        raise InvalidInput("survey-stale-question")
    now = clock.now()
    named_time = None if campaign.anonymous else now
    claimed = await session.execute(
        update(SurveyInvitation)
        .where(
            SurveyInvitation.id == invitation.id,
            SurveyInvitation.status != InvitationStatus.submitted,
        )
        .values(status=InvitationStatus.submitted, submitted_at=named_time)
        .execution_options(synchronize_session=False)
    )
    if rows_affected(claimed) != 1:  # another device (or a double tap) got there first
        raise InvalidInput("survey-already-submitted")
    answers = {
        qid: value
        for qid, value in drop_hidden(template, progress.answers).items()
        if value is not None
    }
    session.add(
        SurveyResponse(
            campaign_id=campaign.id,
            answers=answers,
            organization_id=invitation.organization_id,
            municipality_id=invitation.municipality_id,
            participant_id=None if campaign.anonymous else invitation.participant_id,
            submitted_at=named_time,
        )
    )
    await session.delete(progress)
    await session.flush()
    return campaign


async def open_for(
    session: AsyncSession, clock: Clock, participant: Participant
) -> list[OpenSurvey]:
    """The open campaigns that asked this person, soonest closing first."""
    rows = await session.execute(
        select(SurveyCampaign, SurveyInvitation, SurveyProgress)
        .join(SurveyInvitation, SurveyInvitation.campaign_id == SurveyCampaign.id)
        .outerjoin(
            SurveyProgress,
            (SurveyProgress.campaign_id == SurveyCampaign.id)
            & (SurveyProgress.participant_id == participant.id),
        )
        .where(
            SurveyInvitation.participant_id == participant.id,
            SurveyCampaign.status == CampaignStatus.open,
            SurveyCampaign.closes_at > clock.now(),
        )
        .order_by(SurveyCampaign.closes_at, SurveyCampaign.id)
    )
    result = []
    for campaign, invitation, progress in rows.all():
        template = template_of(campaign)
        answers = progress.answers if progress is not None else {}
        shown = visible_questions(template, answers)
        result.append(
            OpenSurvey(
                campaign=campaign,
                template=template,
                submitted=invitation.status == InvitationStatus.submitted,
                answered=sum(1 for q in shown if q.id in answers),
                total=len(shown),
            )
        )
    return result
