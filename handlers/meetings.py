"""/meet: the meeting log in a few taps; meeting cards with confirm / dispute, edits within
the window, a coordinator's decision on disputes; totals for coordinators; the mentor's record.

The wizard: mentorship (skipped when there is one) → date (today / yesterday / pick) →
duration (quick choices or a number) → format → topic (typed, or a step of the plan) →
outcome (optional) → who was present (groups only) → save. Editing an entry reuses the same
steps for one field and saves at once.
"""

from __future__ import annotations

from datetime import date, timedelta
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Texts, Translator
from bot.services import dates
from bot.services.access import Actor
from bot.services.errors import Forbidden, InvalidInput
from bot.services.mentorship import meeting_totals, meetings, mentor_record, plans
from bot.services.mentorship import pairs as mentorships
from bot.services.mentorship.meeting_totals import GroupBy, PeriodName
from bot.services.mentorship.meetings import MeetingDraft
from bot.services.numbers import MAX_PAGE, parse_id, parse_int
from bot.settings import Settings
from handlers.mentorship_ui import (
    ANSWER_ICONS,
    MEETING_ICONS,
    MeetCb,
    MeetingCb,
    MsCb,
    ScopeCb,
    TotalsCb,
    describe_meeting,
    duration_text,
    fmt_date,
    local_moment,
    meeting_line,
    mentorship_button_label,
    mentorship_line,
    person_name,
    revision_line,
    short,
)
from handlers.ui import button, edit_or_send, grid, markup
from models import Participant
from models.enums import MeetingFormat, MeetingStatus, Role
from models.mentorship import Meeting, Mentorship

router = Router(name=__name__)
router.message.filter(F.chat.type == "private")

QUICK_MINUTES = (30, 45, 60, 90, 120)
PICK_DAYS = 12  # dates offered as buttons after "pick a date", before typing one
TOPIC_SUGGESTIONS = 3
HISTORY_LINES = 8
TOTAL_ROWS = 15
FIELDS = {  # short codes in callback data → editable fields and the step that asks them
    "d": ("held_on", "date"),
    "du": ("duration_minutes", "duration"),
    "f": ("format", "format"),
    "t": ("topic", "topic"),
    "o": ("outcome", "outcome"),
    "a": ("attendees", "attendees"),
}
ORDER = ("mentorship", "date", "duration", "format", "topic", "outcome", "attendees", "confirm")


class MeetSG(StatesGroup):
    mentorship = State()
    date = State()
    duration = State()
    format = State()
    topic = State()
    outcome = State()
    attendees = State()
    confirm = State()


STATES = {name: getattr(MeetSG, name) for name in ORDER}
Target = CallbackQuery | Message


async def _reply(target: Target, text: str, keyboard: InlineKeyboardMarkup | None) -> None:
    if isinstance(target, CallbackQuery):
        await target.answer()
        await edit_or_send(target, text, keyboard)
    else:
        await target.answer(text, reply_markup=keyboard)


def _require(participant: Participant | None) -> Participant:
    if participant is None:
        raise Forbidden("error-not-registered")
    return participant


def _nav(
    texts: Texts, data: dict[str, Any], rows: list[list[InlineKeyboardButton]]
) -> InlineKeyboardMarkup:
    if data.get("mode") == "edit":
        last = [button(texts("btn-back"), MeetingCb(action="open", id=int(data["meeting_id"])))]
    else:
        last = [
            button(texts("btn-back"), MeetCb(step="back")),
            button(texts("btn-cancel"), MeetCb(step="cancel")),
        ]
    return markup([*rows, last])


# --- starting --------------------------------------------------------------------------------


@router.message(Command("meet"))
async def cmd_meet(
    message: Message,
    actor: Actor,
    participant: Participant | None,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    state: FSMContext,
    settings: Settings,
) -> None:
    person = _require(participant)
    await state.clear()
    mine = await mentorships.active_as_mentor(session, person.id)
    if not mine:
        if not person.has_role(Role.mentor):
            raise Forbidden("error-not-mentor")
        rows = [[button(texts("meeting-btn-mine"), MeetingCb(action="mine"))]]
        await message.answer(texts("meeting-no-mentorships"), reply_markup=markup(rows))
        return
    if len(mine) == 1:
        await state.update_data(
            mode="log",
            mentorship_id=mine[0].id,
            single=True,
            attendees=meetings.default_attendees(mine[0]),
        )
        await _show("date", message, state, session, clock, actor, texts, settings)
        return
    await state.update_data(mode="log", single=False)
    await _show("mentorship", message, state, session, clock, actor, texts, settings)


@router.callback_query(MeetingCb.filter(F.action == "new"))
async def on_new_for(
    callback: CallbackQuery,
    callback_data: MeetingCb,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    state: FSMContext,
    settings: Settings,
) -> None:
    """From a mentorship card or a nudge: log a meeting of this mentorship."""
    ms = await meetings.mentorship_for_logging(session, actor, callback_data.id)
    await state.clear()
    await state.update_data(
        mode="log", mentorship_id=ms.id, single=True, attendees=meetings.default_attendees(ms)
    )
    await _show("date", callback, state, session, clock, actor, texts, settings)


@router.callback_query(MeetCb.filter(F.step == "cancel"))
async def on_cancel(callback: CallbackQuery, state: FSMContext, texts: Texts) -> None:
    await state.clear()
    await callback.answer()
    await edit_or_send(callback, texts("cancelled"), None)


@router.callback_query(MeetCb.filter(F.step == "back"), StateFilter(MeetSG))
async def on_back(
    callback: CallbackQuery,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    state: FSMContext,
    settings: Settings,
) -> None:
    data = await state.get_data()
    current = (await state.get_state() or "").split(":")[-1]
    steps = await _steps(session, data)
    index = steps.index(current) if current in steps else 0
    if index == 0:
        raise InvalidInput("error-nothing-back")
    await _show(steps[index - 1], callback, state, session, clock, actor, texts, settings)


async def _steps(session: AsyncSession, data: dict[str, Any]) -> list[str]:
    steps = list(ORDER)
    if data.get("single"):
        steps.remove("mentorship")
    if data.get("mentorship_id"):
        ms = await mentorships.get(session, int(data["mentorship_id"]))
        if not meetings.asks_attendees(ms):
            steps.remove("attendees")
    return steps


async def _mentorship(session: AsyncSession, actor: Actor, data: dict[str, Any]) -> Mentorship:
    """Re-checked on every step: the pair may have ended meanwhile."""
    if not data.get("mentorship_id"):
        raise InvalidInput("error-stale-button")
    return await meetings.mentorship_for_logging(session, actor, int(data["mentorship_id"]))


async def _next(
    step: str,
    target: Target,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    texts: Texts,
    settings: Settings,
) -> None:
    steps = await _steps(session, await state.get_data())
    await _show(steps[steps.index(step) + 1], target, state, session, clock, actor, texts, settings)


# --- rendering the steps ---------------------------------------------------------------------


async def _show(
    step: str,
    target: Target,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    texts: Texts,
    settings: Settings,
) -> None:
    data = await state.get_data()
    await state.set_state(STATES[step])
    if step == "mentorship":
        mine = await mentorships.active_as_mentor(session, actor.participant_id or 0)
        names = await mentorships.people(
            session, list({pid for ms in mine for pid in mentorships.member_ids(ms)})
        )
        rows = [
            [button(mentorship_button_label(texts, ms, names), MeetCb(step="ms", value=str(ms.id)))]
            for ms in mine
        ]
        rows.append([button(texts("meeting-btn-mine"), MeetingCb(action="mine"))])
        await _reply(
            target,
            texts("meeting-ask-mentorship"),
            markup([*rows, [button(texts("btn-cancel"), MeetCb(step="cancel"))]]),
        )
        return
    ms = await mentorships.get(session, int(data["mentorship_id"]))
    today = await mentorships.local_today(session, clock, ms.organization_id)
    if step == "date":
        window = meetings.log_window_days(settings)
        # Days back that may be offered: to the window's edge or the mentorship's start.
        span = _date_span(ms, today, settings)
        since_start = (
            texts("meeting-date-since-start", start=fmt_date(ms.started_on))
            if ms.started_on is not None and span < window
            else None
        )
        if span < 0:
            # Active, but starting on a later day: nothing to offer yet.
            rows = []
            if data.get("single") and data.get("mode") == "log":
                rows.append([button(texts("meeting-btn-mine"), MeetingCb(action="mine"))])
            text = texts("meeting-date-not-started", start=fmt_date(ms.started_on))
        elif data.get("pick") and span >= 2:
            # Pages of PICK_DAYS days, from the day before yesterday back to the oldest day.
            page = max(0, int(data.get("pick_page") or 0))
            first = 2 + page * PICK_DAYS
            last = min(first + PICK_DAYS - 1, span)
            days = [today - timedelta(days=n) for n in range(first, last + 1)]
            rows = grid(
                [
                    button(d.strftime("%d.%m"), MeetCb(step="date", value=d.isoformat()))
                    for d in days
                ],
                4,
            )
            paging = []
            if page > 0:
                paging.append(
                    button(texts("meeting-date-later"), MeetCb(step="pick", value=str(page - 1)))
                )
            if last < span:
                paging.append(
                    button(texts("meeting-date-earlier"), MeetCb(step="pick", value=str(page + 1)))
                )
            if paging:
                rows.append(paging)
            text = texts("meeting-ask-date-typed", days=window)
            if since_start:
                text += "\n" + since_start
        else:
            yesterday = today - timedelta(days=1)
            quick = [
                button(
                    texts("meeting-date-today", date=today.strftime("%d.%m")),
                    MeetCb(step="date", value=today.isoformat()),
                )
            ]
            if span >= 1:
                quick.append(
                    button(
                        texts("meeting-date-yesterday", date=yesterday.strftime("%d.%m")),
                        MeetCb(step="date", value=yesterday.isoformat()),
                    )
                )
            rows = [quick]
            if span >= 2:
                rows.append([button(texts("meeting-date-pick"), MeetCb(step="pick"))])
            if data.get("single") and data.get("mode") == "log":
                rows.append([button(texts("meeting-btn-mine"), MeetingCb(action="mine"))])
            names = await mentorships.people(session, mentorships.member_ids(ms))
            # The whole line: a button's shortened label would cut the mentee's name off.
            text = texts("meeting-ask-date", mentorship=mentorship_line(texts, ms, names))
            if since_start and span < 2:
                text += "\n" + since_start
        await _reply(target, text, _nav(texts, data, rows))
    elif step == "duration":
        rows = grid(
            [
                button(duration_text(texts, n), MeetCb(step="dur", value=str(n)))
                for n in QUICK_MINUTES
            ],
            3,
        )
        text = texts("meeting-ask-duration", min=meetings.MIN_DURATION, max=meetings.MAX_DURATION)
        await _reply(target, text, _nav(texts, data, rows))
    elif step == "format":
        rows = [
            [
                button(texts(f"format-{f.value}"), MeetCb(step="fmt", value=f.value))
                for f in MeetingFormat
            ]
        ]
        await _reply(target, texts("meeting-ask-format"), _nav(texts, data, rows))
    elif step == "topic":
        rows = []
        for goal in await plans.goals_of(session, ms.id):
            for plan_step in goal.steps:
                if plan_step.done_at is None and len(rows) < TOPIC_SUGGESTIONS:
                    rows.append(
                        [
                            button(
                                "🎯 " + short(plan_step.title, 50),
                                MeetCb(step="topic", value=str(plan_step.id)),
                            )
                        ]
                    )
        key = "meeting-ask-topic-plan" if rows else "meeting-ask-topic"
        await _reply(target, texts(key), _nav(texts, data, rows))
    elif step == "outcome":
        rows = [[button(texts("meeting-btn-skip"), MeetCb(step="skip"))]]
        await _reply(target, texts("meeting-ask-outcome"), _nav(texts, data, rows))
    elif step == "attendees":
        chosen = set(data.get("attendees") or [])
        names = await mentorships.people(session, mentorships.mentee_ids(ms))
        toggles = [
            button(
                ("✅ " if pid in chosen else "▫ ") + person_name(names, pid),
                MeetCb(step="att", value=str(pid)),
            )
            for pid in mentorships.mentee_ids(ms)
        ]
        rows = [*grid(toggles, 2), [button(texts("btn-done"), MeetCb(step="attdone"))]]
        await _reply(target, texts("meeting-ask-attendees"), _nav(texts, data, rows))
    else:
        names = await mentorships.people(session, mentorships.member_ids(ms))
        preview = _preview(data, ms)
        text = texts("meeting-summary-title") + "\n\n" + describe_meeting(texts, preview, names)
        rows = [[button(texts("meeting-btn-save"), MeetCb(step="save"))]]
        await _reply(target, text, _nav(texts, data, rows))


def _date_span(ms: Mentorship, today: date, settings: Settings) -> int:
    """How many days back from today a meeting of the mentorship may be dated (negative when
    it starts on a later day)."""
    oldest = meetings.earliest_day(today, meetings.log_window_days(settings), ms.started_on)
    return (today - oldest).days


def _preview(data: dict[str, Any], ms: Mentorship) -> Meeting:
    """A transient entry for the summary; never added to the session."""
    from models.mentorship import MeetingAttendee

    preview = Meeting(
        mentor_id=ms.mentor_id,
        held_on=date.fromisoformat(data["held_on"]),
        duration_minutes=int(data["duration"]),
        format=str(data["format"]),
        topic=data.get("topic"),
        outcome=data.get("outcome"),
    )
    preview.attendees = [MeetingAttendee(participant_id=pid) for pid in _attendees(data, ms)]
    return preview


def _attendees(data: dict[str, Any], ms: Mentorship) -> list[int]:
    if meetings.asks_attendees(ms):
        return [int(pid) for pid in data.get("attendees") or []]
    return meetings.default_attendees(ms)


# --- handling the steps (log and edit) -------------------------------------------------------


async def _accept(
    field: str,
    value: Any,
    step: str,
    target: Target,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    texts: Texts,
    settings: Settings,
    translator: Translator,
) -> None:
    """A valid value: in edit mode it is saved at once; otherwise the wizard moves on."""
    data = await state.get_data()
    if data.get("mode") == "edit":
        meeting = await meetings.edit(
            session,
            clock,
            actor,
            int(data["meeting_id"]),
            field,
            value,
            translator,
            window_days=meetings.log_window_days(settings),
        )
        await state.clear()
        text, keyboard = await meeting_card(session, clock, actor, texts, meeting)
        if isinstance(target, CallbackQuery):
            await target.answer(texts("meeting-edited"))
            await edit_or_send(target, text, keyboard)
        else:
            await target.answer(texts("meeting-edited") + "\n\n" + text, reply_markup=keyboard)
        return
    stored = value.isoformat() if isinstance(value, date) else value
    await state.update_data(**{_DATA_KEYS[field]: stored})
    await _next(step, target, state, session, clock, actor, texts, settings)


_DATA_KEYS = {
    "held_on": "held_on",
    "duration_minutes": "duration",
    "format": "format",
    "topic": "topic",
    "outcome": "outcome",
    "attendees": "attendees",
}


async def _context_mentorship(
    session: AsyncSession, actor: Actor, data: dict[str, Any]
) -> Mentorship:
    if data.get("mode") == "edit":
        meeting = await meetings.get_visible(session, actor, int(data["meeting_id"]))
        if meeting.mentor_id != actor.participant_id or meeting.mentorship_id is None:
            raise Forbidden("meeting-mentor-only")
        return await mentorships.get(session, meeting.mentorship_id)
    return await _mentorship(session, actor, data)


@router.callback_query(MeetSG.mentorship, MeetCb.filter(F.step == "ms"))
async def on_mentorship(
    callback: CallbackQuery,
    callback_data: MeetCb,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    state: FSMContext,
    settings: Settings,
) -> None:
    mentorship_id = parse_id(callback_data.value)
    if mentorship_id is None:
        raise InvalidInput("error-stale-button")
    ms = await meetings.mentorship_for_logging(session, actor, mentorship_id)
    await state.update_data(mentorship_id=ms.id, attendees=meetings.default_attendees(ms))
    await _next("mentorship", callback, state, session, clock, actor, texts, settings)


@router.callback_query(MeetSG.date, MeetCb.filter(F.step == "pick"))
async def on_pick_date(
    callback: CallbackQuery,
    callback_data: MeetCb,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    state: FSMContext,
    settings: Settings,
) -> None:
    ms = await _context_mentorship(session, actor, await state.get_data())
    page = parse_int(callback_data.value or "0", high=MAX_PAGE)
    if page is None:
        raise InvalidInput("error-stale-button")
    # A page past the oldest day (a forged button) shows the last one.
    today = await mentorships.local_today(session, clock, ms.organization_id)
    last_page = max(0, (_date_span(ms, today, settings) - 2) // PICK_DAYS)
    await state.update_data(pick=True, pick_page=min(page, last_page))
    await _show("date", callback, state, session, clock, actor, texts, settings)


async def _take_date(
    value: date,
    target: Target,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    texts: Texts,
    settings: Settings,
    translator: Translator,
) -> None:
    ms = await _context_mentorship(session, actor, await state.get_data())
    today = await mentorships.local_today(session, clock, ms.organization_id)
    meetings.check_held_on(value, today, meetings.log_window_days(settings), ms.started_on)
    await state.update_data(pick=False, pick_page=0)
    await _accept(
        "held_on", value, "date", target, state, session, clock, actor, texts, settings, translator
    )


@router.callback_query(MeetSG.date, MeetCb.filter(F.step == "date"))
async def on_date(
    callback: CallbackQuery,
    callback_data: MeetCb,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    state: FSMContext,
    settings: Settings,
    translator: Translator,
) -> None:
    try:
        value = date.fromisoformat(callback_data.value)
    except ValueError as error:
        raise InvalidInput("error-stale-button") from error
    await _take_date(value, callback, state, session, clock, actor, texts, settings, translator)


@router.message(MeetSG.date, F.text)
async def on_date_typed(
    message: Message,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    state: FSMContext,
    settings: Settings,
    translator: Translator,
) -> None:
    ms = await _context_mentorship(session, actor, await state.get_data())
    today = await mentorships.local_today(session, clock, ms.organization_id)
    value = dates.parse_day(message.text, today)
    await _take_date(value, message, state, session, clock, actor, texts, settings, translator)


@router.callback_query(MeetSG.duration, MeetCb.filter(F.step == "dur"))
async def on_duration(
    callback: CallbackQuery,
    callback_data: MeetCb,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    state: FSMContext,
    settings: Settings,
    translator: Translator,
) -> None:
    await _context_mentorship(session, actor, await state.get_data())
    minutes = parse_int(callback_data.value, high=MAX_PAGE)
    if minutes is None:
        raise InvalidInput("error-stale-button")
    meetings.check_duration(minutes)
    await _accept(
        "duration_minutes",
        minutes,
        "duration",
        callback,
        state,
        session,
        clock,
        actor,
        texts,
        settings,
        translator,
    )


@router.message(MeetSG.duration, F.text)
async def on_duration_typed(
    message: Message,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    state: FSMContext,
    settings: Settings,
    translator: Translator,
) -> None:
    await _context_mentorship(session, actor, await state.get_data())
    minutes = meetings.parse_duration(message.text)
    await _accept(
        "duration_minutes",
        minutes,
        "duration",
        message,
        state,
        session,
        clock,
        actor,
        texts,
        settings,
        translator,
    )


@router.callback_query(MeetSG.format, MeetCb.filter(F.step == "fmt"))
async def on_format(
    callback: CallbackQuery,
    callback_data: MeetCb,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    state: FSMContext,
    settings: Settings,
    translator: Translator,
) -> None:
    await _context_mentorship(session, actor, await state.get_data())
    value = meetings.check_format(callback_data.value)
    await _accept(
        "format",
        value,
        "format",
        callback,
        state,
        session,
        clock,
        actor,
        texts,
        settings,
        translator,
    )


@router.callback_query(MeetSG.topic, MeetCb.filter(F.step == "topic"))
async def on_topic_from_plan(
    callback: CallbackQuery,
    callback_data: MeetCb,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    state: FSMContext,
    settings: Settings,
    translator: Translator,
) -> None:
    from models.mentorship import DevelopmentStep

    ms = await _context_mentorship(session, actor, await state.get_data())
    step_id = parse_id(callback_data.value)
    step = await session.get(DevelopmentStep, step_id) if step_id is not None else None
    if step is None or step.mentorship_id != ms.id:
        raise InvalidInput("error-stale-button")
    topic = meetings.parse_topic(step.title)
    await _accept(
        "topic", topic, "topic", callback, state, session, clock, actor, texts, settings, translator
    )


@router.message(MeetSG.topic, F.text)
async def on_topic_typed(
    message: Message,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    state: FSMContext,
    settings: Settings,
    translator: Translator,
) -> None:
    await _context_mentorship(session, actor, await state.get_data())
    topic = meetings.parse_topic(message.text)
    await _accept(
        "topic", topic, "topic", message, state, session, clock, actor, texts, settings, translator
    )


@router.message(MeetSG.outcome, F.text)
async def on_outcome_typed(
    message: Message,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    state: FSMContext,
    settings: Settings,
    translator: Translator,
) -> None:
    await _context_mentorship(session, actor, await state.get_data())
    outcome = meetings.parse_outcome(message.text)
    await _accept(
        "outcome",
        outcome,
        "outcome",
        message,
        state,
        session,
        clock,
        actor,
        texts,
        settings,
        translator,
    )


@router.callback_query(MeetSG.outcome, MeetCb.filter(F.step == "skip"))
async def on_outcome_skip(
    callback: CallbackQuery,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    state: FSMContext,
    settings: Settings,
    translator: Translator,
) -> None:
    await _context_mentorship(session, actor, await state.get_data())
    await _accept(
        "outcome",
        None,
        "outcome",
        callback,
        state,
        session,
        clock,
        actor,
        texts,
        settings,
        translator,
    )


@router.callback_query(MeetSG.attendees, MeetCb.filter(F.step == "att"))
async def on_attendee(
    callback: CallbackQuery,
    callback_data: MeetCb,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    state: FSMContext,
    settings: Settings,
) -> None:
    data = await state.get_data()
    ms = await _context_mentorship(session, actor, data)
    pid = parse_id(callback_data.value)
    if pid is None or pid not in mentorships.mentee_ids(ms):
        raise InvalidInput("error-stale-button")
    chosen = [int(p) for p in data.get("attendees") or []]
    chosen = [p for p in chosen if p != pid] if pid in chosen else [*chosen, pid]
    await state.update_data(attendees=chosen)
    await _show("attendees", callback, state, session, clock, actor, texts, settings)


@router.callback_query(MeetSG.attendees, MeetCb.filter(F.step == "attdone"))
async def on_attendees_done(
    callback: CallbackQuery,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    state: FSMContext,
    settings: Settings,
    translator: Translator,
) -> None:
    data = await state.get_data()
    ms = await _context_mentorship(session, actor, data)
    chosen = [int(p) for p in data.get("attendees") or []]
    meetings.check_attendees(ms, chosen)
    await _accept(
        "attendees",
        chosen,
        "attendees",
        callback,
        state,
        session,
        clock,
        actor,
        texts,
        settings,
        translator,
    )


@router.callback_query(MeetSG.confirm, MeetCb.filter(F.step == "save"))
async def on_save(
    callback: CallbackQuery,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    state: FSMContext,
    settings: Settings,
    translator: Translator,
) -> None:
    data = await state.get_data()
    ms = await _mentorship(session, actor, data)
    draft = MeetingDraft(
        mentorship_id=ms.id,
        held_on=date.fromisoformat(data["held_on"]),
        duration_minutes=int(data["duration"]),
        format=str(data["format"]),
        topic=str(data.get("topic") or ""),
        outcome=data.get("outcome"),
        attendee_ids=tuple(_attendees(data, ms)),
    )
    meeting = await meetings.log(
        session, clock, actor, draft, translator, window_days=meetings.log_window_days(settings)
    )
    await state.clear()
    await callback.answer(texts("meeting-saved-short"))
    await edit_or_send(
        callback,
        texts("meeting-saved"),
        markup(
            [
                [button(texts("meeting-btn-open"), MeetingCb(action="open", id=meeting.id))],
                [button(texts("meeting-btn-another"), MeetingCb(action="new", id=ms.id))],
            ]
        ),
    )


# --- a meeting's card ------------------------------------------------------------------------


async def meeting_card(
    session: AsyncSession, clock: Clock, actor: Actor, texts: Texts, meeting: Meeting
) -> tuple[str, InlineKeyboardMarkup]:
    names = await mentorships.people(
        session, [meeting.mentor_id, *(a.participant_id for a in meeting.attendees)]
    )
    home = await meetings.home_organization(session, meeting)
    from bot.services import directory

    zone: ZoneInfo = await directory.zone_of_organization(session, home)
    history = await meetings.history(session, meeting.id)
    names.update(
        await mentorships.people(
            session, [r.actor_id for r in history if r.actor_id and r.actor_id not in names]
        )
    )
    now = clock.now()
    lines = [
        texts(
            "meeting-card-title",
            icon=MEETING_ICONS.get(meeting.status, "•"),
            status=texts(f"meeting-status-{meeting.status}"),
        ),
        describe_meeting(texts, meeting, names),
        texts("meeting-answers"),
        *(
            f"{ANSWER_ICONS.get(a.answer, '…')} {escape(person_name(names, a.participant_id))}"
            for a in meeting.attendees
        ),
    ]
    if meetings.is_editable(meeting, now):
        lines.append(
            texts(
                "meeting-editable-until", until=local_moment(meetings.editable_until(meeting), zone)
            )
        )
    elif meeting.status != MeetingStatus.deleted:
        lines.append(texts("meeting-locked-note"))
    if history:
        lines.append(texts("meeting-history"))
        lines += [revision_line(texts, r, names, zone) for r in history[-HISTORY_LINES:]]
    rows: list[list[InlineKeyboardButton]] = []
    me = actor.participant_id
    if meeting.mentor_id == me and meetings.is_editable(meeting, now):
        rows.append(
            [
                button(texts("meeting-btn-edit"), MeetingCb(action="edit", id=meeting.id)),
                button(texts("meeting-btn-delete"), MeetingCb(action="del", id=meeting.id)),
            ]
        )
    mine = next((a for a in meeting.attendees if a.participant_id == me), None)
    if (
        mine is not None
        and meeting.status != MeetingStatus.deleted
        and (mine.answer is None or meetings.is_editable(meeting, now))
    ):
        answer_row = []
        if mine.answer != "confirmed":
            answer_row.append(
                button(texts("meeting-btn-confirm"), MeetingCb(action="ok", id=meeting.id))
            )
        if mine.answer != "disputed":
            answer_row.append(
                button(texts("meeting-btn-dispute"), MeetingCb(action="no", id=meeting.id))
            )
        rows.append(answer_row)
    if (
        meeting.status == MeetingStatus.disputed
        and actor.is_coordinator
        and meeting.mentor_id != me
        and mine is None
    ):
        rows.append(
            [
                button(texts("meeting-btn-keep"), MeetingCb(action="keep", id=meeting.id)),
                button(texts("meeting-btn-void"), MeetingCb(action="void", id=meeting.id)),
            ]
        )
    if meeting.mentorship_id is not None:
        rows.append([button(texts("btn-back"), MsCb(action="meetings", id=meeting.mentorship_id))])
    return "\n".join(lines), markup(rows)


@router.callback_query(MeetingCb.filter(F.action == "open"))
async def on_open(
    callback: CallbackQuery,
    callback_data: MeetingCb,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    state: FSMContext,
) -> None:
    meeting = await meetings.get_visible(session, actor, callback_data.id)
    await state.clear()
    text, keyboard = await meeting_card(session, clock, actor, texts, meeting)
    await callback.answer()
    await edit_or_send(callback, text, keyboard)


@router.callback_query(MeetingCb.filter(F.action.in_({"ok", "no"})))
async def on_answer(
    callback: CallbackQuery,
    callback_data: MeetingCb,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    translator: Translator,
) -> None:
    confirmed = callback_data.action == "ok"
    meeting = await meetings.answer(
        session, clock, actor, callback_data.id, translator, confirmed=confirmed
    )
    text, keyboard = await meeting_card(session, clock, actor, texts, meeting)
    await callback.answer(texts("meeting-you-confirmed" if confirmed else "meeting-you-disputed"))
    await edit_or_send(callback, text, keyboard)


@router.callback_query(MeetingCb.filter(F.action.in_({"keep", "void"})))
async def on_resolve(
    callback: CallbackQuery,
    callback_data: MeetingCb,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    translator: Translator,
) -> None:
    keep = callback_data.action == "keep"
    meeting = await meetings.resolve(session, clock, actor, callback_data.id, translator, keep=keep)
    text, keyboard = await meeting_card(session, clock, actor, texts, meeting)
    await callback.answer(texts("meeting-kept" if keep else "meeting-voided"))
    await edit_or_send(callback, text, keyboard)


async def _editable(session: AsyncSession, clock: Clock, actor: Actor, meeting_id: int) -> Meeting:
    meeting = await meetings.get_visible(session, actor, meeting_id)
    if meeting.mentor_id != actor.participant_id:
        raise Forbidden("meeting-mentor-only")
    if meeting.status == MeetingStatus.deleted:
        raise InvalidInput("meeting-deleted")
    if not meetings.is_editable(meeting, clock.now()):
        raise InvalidInput("meeting-locked")
    return meeting


@router.callback_query(MeetingCb.filter(F.action == "edit"))
async def on_edit(
    callback: CallbackQuery,
    callback_data: MeetingCb,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    state: FSMContext,
) -> None:
    meeting = await _editable(session, clock, actor, callback_data.id)
    await state.clear()
    codes = ["d", "du", "f", "t", "o"]
    if meeting.mentorship_id is not None:
        ms = await mentorships.get(session, meeting.mentorship_id)
        if meetings.asks_attendees(ms):
            codes.append("a")
    rows = grid(
        [
            button(
                texts(f"meeting-field-{FIELDS[code][0]}"),
                MeetCb(step="ef", value=f"{meeting.id}.{code}"),
            )
            for code in codes
        ],
        2,
    )
    rows.append([button(texts("btn-back"), MeetingCb(action="open", id=meeting.id))])
    await callback.answer()
    await edit_or_send(callback, texts("meeting-ask-field"), markup(rows))


@router.callback_query(MeetCb.filter(F.step == "ef"))
async def on_edit_field(
    callback: CallbackQuery,
    callback_data: MeetCb,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    state: FSMContext,
    settings: Settings,
) -> None:
    meeting_text, _, code = callback_data.value.partition(".")
    meeting_id = parse_id(meeting_text)
    if meeting_id is None or code not in FIELDS:
        raise InvalidInput("error-stale-button")
    meeting = await _editable(session, clock, actor, meeting_id)
    if meeting.mentorship_id is None:
        raise InvalidInput("error-unknown-field")
    await state.clear()
    await state.update_data(
        mode="edit",
        meeting_id=meeting.id,
        mentorship_id=meeting.mentorship_id,
        attendees=sorted(a.participant_id for a in meeting.attendees),
    )
    await _show(FIELDS[code][1], callback, state, session, clock, actor, texts, settings)


@router.callback_query(MeetingCb.filter(F.action == "del"))
async def on_delete(
    callback: CallbackQuery,
    callback_data: MeetingCb,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
) -> None:
    meeting = await _editable(session, clock, actor, callback_data.id)
    await callback.answer()
    await edit_or_send(
        callback,
        texts("meeting-delete-ask", date=fmt_date(meeting.held_on)),
        markup(
            [
                [button(texts("meeting-btn-delete-yes"), MeetingCb(action="dely", id=meeting.id))],
                [button(texts("btn-back"), MeetingCb(action="open", id=meeting.id))],
            ]
        ),
    )


@router.callback_query(MeetingCb.filter(F.action == "dely"))
async def on_delete_yes(
    callback: CallbackQuery,
    callback_data: MeetingCb,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
) -> None:
    meeting = await meetings.delete(session, clock, actor, callback_data.id)
    await callback.answer(texts("meeting-deleted-done"))
    rows = [[button(texts("meeting-btn-mine"), MeetingCb(action="mine"))]]
    await edit_or_send(
        callback, texts("meeting-deleted-text", date=fmt_date(meeting.held_on)), markup(rows)
    )


@router.callback_query(MeetingCb.filter(F.action == "mine"))
async def on_mine(
    callback: CallbackQuery,
    participant: Participant | None,
    session: AsyncSession,
    texts: Texts,
    state: FSMContext,
) -> None:
    person = _require(participant)
    await state.clear()
    found = await meetings.recent_for_mentor(session, person.id, limit=20)
    total = await meeting_totals.overall(session, mentor_id=person.id)
    lines = [
        texts(
            "meeting-mine-title",
            meetings=total.meetings,
            duration=duration_text(texts, total.minutes),
            confirmed=total.confirmed,
        )
    ]
    if not found:
        lines.append(texts("meeting-none-yet"))
    rows = [
        [button(short(meeting_line(texts, m), 60), MeetingCb(action="open", id=m.id))]
        for m in found
    ]
    rows.append([button(texts("mentorships-btn-record"), MeetingCb(action="record"))])
    await callback.answer()
    await edit_or_send(callback, "\n".join(lines), markup(rows))


@router.callback_query(MeetingCb.filter(F.action == "record"))
async def on_record(
    callback: CallbackQuery,
    participant: Participant | None,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
) -> None:
    await send_record(callback, _require(participant), session, clock, texts)


async def send_record(
    callback: CallbackQuery,
    person: Participant,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
) -> None:
    """The mentor's own record as an XLSX file, in reply to their own press."""
    if not person.has_role(Role.mentor) and not await mentorships.active_as_mentor(
        session, person.id
    ):
        raise Forbidden("error-not-mentor")
    record = await mentor_record.build(session, clock, person)
    content = mentor_record.to_xlsx(record, texts)
    await callback.answer()
    if isinstance(callback.message, Message):
        await callback.message.answer_document(
            BufferedInputFile(content, filename=f"mentoring-record-{record.generated_on}.xlsx"),
            caption=texts(
                "record-caption",
                meetings=record.total.meetings,
                duration=duration_text(texts, record.total.minutes),
                mentees=record.mentees,
            ),
        )


# --- totals for coordinators -----------------------------------------------------------------


@router.callback_query(TotalsCb.filter())
async def on_totals(
    callback: CallbackQuery,
    callback_data: TotalsCb,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    zone: ZoneInfo,
) -> None:
    actor.require_coordinator()
    groups = (GroupBy.organization, GroupBy.municipality, GroupBy.mentor, GroupBy.month)
    periods = tuple(PeriodName)
    # Forged values fall back to the defaults instead of failing.
    group = GroupBy(callback_data.group) if callback_data.group in groups else GroupBy.organization
    name = callback_data.period if callback_data.period in periods else PeriodName.school_year
    today = clock.now().astimezone(zone).date()
    period = meeting_totals.period(name, today)
    filters: dict[str, Any] = {"since": period.since, "until": period.until, "scope": actor}
    rows = await meeting_totals.totals(session, group, **filters)
    overall = await meeting_totals.overall(session, **filters)
    labels = await meeting_totals.labels(session, group, [r.key for r in rows[:TOTAL_ROWS]])
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
            for g in groups
        ],
        [
            button(
                ("• " if p == name else "") + texts(f"totals-period-{p.value}"),
                TotalsCb(group=group.value, period=p.value),
            )
            for p in periods
        ],
        [button(texts("btn-back"), ScopeCb(action="home"))],
    ]
    await callback.answer()
    await edit_or_send(callback, "\n".join(lines), markup(keyboard))
