"""What the meeting-log windows show: the pair's days, its plan's steps, the entry as it stands."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from aiogram_dialog import DialogManager

from bot.context import Ctx
from bot.services.mentorship import meetings, plans
from bot.services.mentorship import pairs as mentorships
from handlers.kit import day_bounds
from handlers.mentorship_ui import (
    describe_meeting,
    duration_text,
    fmt_date,
    mentorship_button_label,
    mentorship_line,
    person_name,
    short,
)
from models.enums import MeetingFormat
from models.mentorship import Meeting, MeetingAttendee, Mentorship

QUICK_MINUTES = (30, 45, 60, 90, 120)
TOPIC_SUGGESTIONS = 3


async def pair_of(ctx: Ctx, data: dict[str, Any]) -> Mentorship:
    return await mentorships.get(ctx.session, int(data["mentorship_id"]))


async def pairs(ctx: Ctx, **_: Any) -> dict[str, Any]:
    mine = await mentorships.active_as_mentor(ctx.session, ctx.person.id)
    names = await mentorships.people(
        ctx.session, list({pid for ms in mine for pid in mentorships.member_ids(ms)})
    )
    return {"items": [(str(ms.id), mentorship_button_label(ctx.texts, ms, names)) for ms in mine]}


async def days(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    """Today and yesterday as quick buttons, the calendar from the oldest day allowed (the log
    window's edge or the pair's start) to today of the pair's organization."""
    data = dialog_manager.dialog_data
    ms = await pair_of(ctx, data)
    today = await mentorships.local_today(ctx.session, ctx.clock, ms.organization_id)
    window = meetings.log_window_days(ctx.settings)
    first = meetings.earliest_day(today, window, ms.started_on)
    span = (today - first).days
    quick = (
        [("0", ctx.texts("meeting-date-today", date=today.strftime("%d.%m")))] if span >= 0 else []
    )
    if span >= 1:
        yesterday = today - timedelta(days=1)
        quick.append(("1", ctx.texts("meeting-date-yesterday", date=yesterday.strftime("%d.%m"))))
    names = await mentorships.people(ctx.session, mentorships.member_ids(ms))
    return {
        "items": quick,
        "days": day_bounds(min(first, today), today, today),
        "started": span >= 0,
        "not_started": span < 0,
        "since_start": ms.started_on is not None and 0 <= span < window,
        "start": fmt_date(ms.started_on),  # «—» when the pair has no start
        "window": window,
        # The whole line: a button's shortened label would cut the mentee's name off.
        "mentorship": mentorship_line(ctx.texts, ms, names),
        "mine": bool(data.get("single")) and "meeting_id" not in data,
        "single": bool(data.get("single")),
        "several": not data.get("single"),
    }


async def minutes(ctx: Ctx, **_: Any) -> dict[str, Any]:
    return {
        "items": [(str(n), duration_text(ctx.texts, n)) for n in QUICK_MINUTES],
        "min": meetings.MIN_DURATION,
        "max": meetings.MAX_DURATION,
    }


async def formats(ctx: Ctx, **_: Any) -> dict[str, Any]:
    return {"items": [(f.value, ctx.texts(f"format-{f.value}")) for f in MeetingFormat]}


async def topics(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    """The plan's first open steps, as topics a tap away."""
    ms = await pair_of(ctx, dialog_manager.dialog_data)
    open_steps = [
        step
        for goal in await plans.goals_of(ctx.session, ms.id)
        for step in goal.steps
        if step.done_at is None
    ][:TOPIC_SUGGESTIONS]
    items = [(str(step.id), "🎯 " + short(step.title, 50)) for step in open_steps]
    return {"items": items, "plan": bool(items), "no_plan": not items}


async def attendees(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    ms = await pair_of(ctx, dialog_manager.dialog_data)
    ids = mentorships.mentee_ids(ms)
    names = await mentorships.people(ctx.session, ids)
    return {"items": [(str(pid), person_name(names, pid)) for pid in ids]}


def attendee_ids(data: dict[str, Any], ms: Mentorship) -> list[int]:
    if meetings.asks_attendees(ms):
        return [int(pid) for pid in data.get("attendees") or []]
    return meetings.default_attendees(ms)


def _preview(data: dict[str, Any], ms: Mentorship) -> Meeting:
    """A transient entry for the summary; never added to the session."""
    preview = Meeting(
        mentor_id=ms.mentor_id,
        held_on=date.fromisoformat(data["date"]),
        duration_minutes=int(data["duration"]),
        format=str(data["format"]),
        topic=data.get("topic"),
        outcome=data.get("outcome"),
    )
    preview.attendees = [MeetingAttendee(participant_id=pid) for pid in attendee_ids(data, ms)]
    return preview


async def summary(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    ms = await pair_of(ctx, data)
    names = await mentorships.people(ctx.session, mentorships.member_ids(ms))
    return {
        "summary": describe_meeting(ctx.texts, _preview(data, ms), names),
        "group": meetings.asks_attendees(ms),
    }


async def fields(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    ms = await pair_of(ctx, dialog_manager.dialog_data)
    return {"group": meetings.asks_attendees(ms)}
