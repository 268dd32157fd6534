"""What the meeting log does with a press or a typed answer: the services decide.

The log: the pair (when there are several) → date → duration → format → topic → outcome →
who was present (groups only) → the summary, where one answer can be changed (and the
person comes straight back). A saved entry's edit asks one field's step and saves at once.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_dialog import DialogManager, ShowMode, StartMode

from bot.callbacks.mentorship import MeetingCb
from bot.context import Ctx
from bot.services.errors import DomainError, Forbidden, InvalidInput, NotFound
from bot.services.mentorship import meetings
from bot.services.mentorship import pairs as mentorships
from bot.services.mentorship.meetings import MeetingDraft
from bot.services.numbers import parse_id
from handlers.kit.context import ctx_of
from handlers.kit.picks import choose, chosen, stale
from handlers.meetings import card, record
from handlers.meetings.getters import QUICK_MINUTES, attendee_ids, pair_of
from handlers.meetings.states import MeetEdit, MeetLog
from handlers.ui import button, edit_or_send, markup
from models.enums import MeetingFormat, Role
from models.mentorship import DevelopmentStep, Mentorship

# The steps in the order they are asked, and the entry's field each one answers.
STEPS = ("pair", "date", "duration", "format", "topic", "outcome", "attendees", "confirm")
FIELDS = {
    "date": "held_on",
    "duration": "duration_minutes",
    "format": "format",
    "topic": "topic",
    "outcome": "outcome",
    "attendees": "attendees",
}
WHO = "who"  # the attendees' checklist
# Under this key of the person's FSM data a /meet left by a typed command keeps its answers
# (aiogram_dialog's own state lives under other keys); the next /meet picks them up.
DRAFT = "meet_draft"
ANSWERS = ("date", "duration", "format", "topic", "outcome")


# --- starting --------------------------------------------------------------------------------


async def start(
    message: Message, dialog_manager: DialogManager, ctx: Ctx, state: FSMContext
) -> None:
    if await _resume(message, dialog_manager, ctx, state):
        return
    person = ctx.person
    mine = await mentorships.active_as_mentor(ctx.session, person.id)
    if not mine:
        if not person.has_role(Role.mentor):
            raise Forbidden("error-not-mentor")
        rows = [[button(ctx.texts("meeting-btn-mine"), MeetingCb(action="mine"))]]
        await message.answer(ctx.texts("meeting-no-mentorships"), reply_markup=markup(rows))
        return
    if len(mine) == 1:
        first, data = MeetLog.date, {"mentorship_id": mine[0].id, "single": True}
    else:
        first, data = MeetLog.pair, {"single": False}
    await dialog_manager.start(
        first, data=data, mode=StartMode.RESET_STACK, show_mode=ShowMode.SEND
    )


async def keep_draft(manager: DialogManager, message: Message) -> None:
    """A command typed in the middle of /meet: the answers so far are kept, and the mentor is
    told how to come back to them (the command then runs)."""
    data = manager.dialog_data
    state = manager.middleware_data.get("state")
    if "mentorship_id" not in data or not any(step in data for step in ANSWERS):
        return  # nothing answered yet: nothing to keep
    if not isinstance(state, FSMContext):
        return
    draft = {
        key: data[key] for key in ("mentorship_id", "single", "attendees", *ANSWERS) if key in data
    }
    draft["who"] = sorted(chosen(manager, WHO))
    await state.update_data({DRAFT: draft})
    await message.answer(ctx_of(manager).texts("meeting-draft-kept"))


def _resume_at(draft: dict[str, Any], ms: Mentorship) -> State:
    """The first step the draft has no answer for; the summary when all are there."""
    for step in ANSWERS:
        if step not in draft:
            found: State = getattr(MeetLog, step)
            return found
    return MeetLog.attendees if meetings.asks_attendees(ms) else MeetLog.confirm


async def _resume(message: Message, manager: DialogManager, ctx: Ctx, state: FSMContext) -> bool:
    """/meet with a kept draft: on from where it was left (the draft is taken once)."""
    draft = (await state.get_data()).get(DRAFT)
    if not isinstance(draft, dict):
        return False
    await state.update_data({DRAFT: None})
    mentorship_id = parse_id(str(draft.get("mentorship_id")))
    try:
        if mentorship_id is None:
            raise NotFound("error-not-found")
        ms = await meetings.mentorship_for_logging(ctx.session, ctx.actor, mentorship_id)
    except DomainError:
        await message.answer(ctx.texts("meeting-draft-gone"))  # the pair ended meanwhile
        return False
    await message.answer(ctx.texts("meeting-draft-resumed"))
    await manager.start(
        _resume_at(draft, ms),
        data={"mentorship_id": ms.id, "single": bool(draft.get("single")), "draft": draft},
        mode=StartMode.RESET_STACK,
        show_mode=ShowMode.SEND,
    )
    return True


async def start_for(
    callback: CallbackQuery, callback_data: MeetingCb, dialog_manager: DialogManager, ctx: Ctx
) -> None:
    """From a mentorship card, a nudge or a saved entry: log a meeting of this pair."""
    ms = await meetings.mentorship_for_logging(ctx.session, ctx.actor, callback_data.id)
    await dialog_manager.start(
        MeetLog.date, data={"mentorship_id": ms.id, "single": True}, mode=StartMode.RESET_STACK
    )


async def _pair_chosen(manager: DialogManager, ms: Mentorship, ids: list[int]) -> None:
    manager.dialog_data.update(mentorship_id=ms.id, attendees=ids)
    await choose(manager, WHO, [str(pid) for pid in ids])


async def on_log_start(start_data: Any, manager: DialogManager) -> None:
    draft = (start_data or {}).get("draft")
    manager.dialog_data.update({k: v for k, v in (start_data or {}).items() if k != "draft"})
    if "mentorship_id" in manager.dialog_data:
        ms = await pair_of(ctx_of(manager), manager.dialog_data)
        await _pair_chosen(manager, ms, meetings.default_attendees(ms))
    if isinstance(draft, dict):  # a kept draft: its answers and its marks again
        manager.dialog_data.update({k: draft[k] for k in (*ANSWERS, "attendees") if k in draft})
        await choose(manager, WHO, [str(pid) for pid in draft.get("who", [])])


async def on_edit_start(start_data: Any, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    meeting = await card.editable(ctx, int(start_data["meeting_id"]))
    ms = await mentorships.get(ctx.session, meeting.mentorship_id or 0)
    manager.dialog_data["meeting_id"] = meeting.id
    await _pair_chosen(manager, ms, sorted(a.participant_id for a in meeting.attendees))


async def start_edit(
    callback: CallbackQuery, callback_data: MeetingCb, dialog_manager: DialogManager, ctx: Ctx
) -> None:
    """A saved entry's ✏ Edit (a button of its card): which field, then that field's step."""
    meeting = await card.editable(ctx, callback_data.id)
    if meeting.mentorship_id is None:  # a flash session's meeting: kept by the session
        raise InvalidInput("error-unknown-field")
    await dialog_manager.start(
        MeetEdit.fields, data={"meeting_id": meeting.id}, mode=StartMode.RESET_STACK
    )


# --- the answers -----------------------------------------------------------------------------


async def _pair(manager: DialogManager) -> Mentorship:
    """Re-checked on every answer: the pair may have ended, or the entry been locked."""
    ctx, data = ctx_of(manager), manager.dialog_data
    if "meeting_id" in data:
        meeting = await card.editable(ctx, int(data["meeting_id"]))
        return await mentorships.get(ctx.session, meeting.mentorship_id or 0)
    if not data.get("mentorship_id"):
        raise stale()
    return await meetings.mentorship_for_logging(ctx.session, ctx.actor, int(data["mentorship_id"]))


async def _answered(
    event: CallbackQuery | Message, manager: DialogManager, step: str, value: Any
) -> None:
    """A valid answer: a saved entry is changed at once; the log keeps it and moves on (or
    back to the summary when the answer was changed from there)."""
    ctx, data = ctx_of(manager), manager.dialog_data
    if "meeting_id" in data:
        meeting = await meetings.edit(
            ctx.session,
            ctx.clock,
            ctx.actor,
            int(data["meeting_id"]),
            FIELDS[step],
            value,
            ctx.translator,
            window_days=meetings.log_window_days(ctx.settings),
        )
        await manager.done(show_mode=ShowMode.NO_UPDATE)
        await card.show_edited(event, ctx, meeting)
        return
    data[step] = value.isoformat() if isinstance(value, date) else value
    if data.get("editing"):
        await manager.switch_to(MeetLog.confirm)
        return
    following = STEPS[STEPS.index(step) + 1]
    if following == "attendees" and not meetings.asks_attendees(await pair_of(ctx, data)):
        following = "confirm"
    await manager.switch_to(getattr(MeetLog, following))


async def on_pair(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    mentorship_id = parse_id(key)
    if mentorship_id is None:
        raise stale()
    ms = await meetings.mentorship_for_logging(ctx.session, ctx.actor, mentorship_id)
    await _pair_chosen(manager, ms, meetings.default_attendees(ms))
    await manager.switch_to(MeetLog.date)


async def on_day(event: CallbackQuery | Message, day: date, manager: DialogManager) -> None:
    """A day from the calendar, the quick buttons or typed: the service says why not."""
    ctx = ctx_of(manager)
    ms = await _pair(manager)
    today = await mentorships.local_today(ctx.session, ctx.clock, ms.organization_id)
    meetings.check_held_on(day, today, meetings.log_window_days(ctx.settings), ms.started_on)
    await _answered(event, manager, "date", day)


async def on_quick_day(callback: CallbackQuery, key: str, manager: DialogManager) -> None:
    if key not in ("0", "1"):  # today, yesterday
        raise stale()
    ctx = ctx_of(manager)
    ms = await pair_of(ctx, manager.dialog_data)
    today = await mentorships.local_today(ctx.session, ctx.clock, ms.organization_id)
    await on_day(callback, today - timedelta(days=int(key)), manager)


async def on_minutes(callback: CallbackQuery, key: str, manager: DialogManager) -> None:
    if key not in {str(n) for n in QUICK_MINUTES}:
        raise stale()
    await _pair(manager)
    await _answered(callback, manager, "duration", int(key))


async def on_minutes_typed(message: Message, text: str, manager: DialogManager) -> None:
    minutes = meetings.parse_duration(text)
    await _pair(manager)
    await _answered(message, manager, "duration", minutes)


async def on_format(callback: CallbackQuery, key: str, manager: DialogManager) -> None:
    if key not in {f.value for f in MeetingFormat}:
        raise stale()
    await _pair(manager)
    await _answered(callback, manager, "format", key)


async def on_plan_step(callback: CallbackQuery, key: str, manager: DialogManager) -> None:
    ms = await _pair(manager)
    step_id = parse_id(key)
    step = await ctx_of(manager).session.get(DevelopmentStep, step_id) if step_id else None
    if step is None or step.mentorship_id != ms.id:
        raise stale()
    await _answered(callback, manager, "topic", meetings.parse_topic(step.title))


async def on_topic(message: Message, text: str, manager: DialogManager) -> None:
    topic = meetings.parse_topic(text)
    await _pair(manager)
    await _answered(message, manager, "topic", topic)


async def on_outcome(message: Message, text: str, manager: DialogManager) -> None:
    outcome = meetings.parse_outcome(text)
    await _pair(manager)
    await _answered(message, manager, "outcome", outcome)


async def skip_outcome(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    await _pair(manager)
    await _answered(callback, manager, "outcome", None)


async def attendees_done(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    ms = await _pair(manager)
    ids = sorted({int(pid) for pid in chosen(manager, WHO) if pid.isdigit()})
    meetings.check_attendees(ms, ids)
    await _answered(callback, manager, "attendees", ids)


# --- the summary -----------------------------------------------------------------------------


async def stop_editing(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    """Back from a step walks the steps again, one by one."""
    manager.dialog_data["editing"] = False


async def edit(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    manager.dialog_data["editing"] = True


async def check_editable(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    """A saved entry's field: still the mentor's, and still within the edit window."""
    await _pair(manager)


async def save(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    ctx, data = ctx_of(manager), manager.dialog_data
    ms = await _pair(manager)
    draft = MeetingDraft(
        mentorship_id=ms.id,
        held_on=date.fromisoformat(data["date"]),
        duration_minutes=int(data["duration"]),
        format=str(data["format"]),
        topic=str(data.get("topic") or ""),
        outcome=data.get("outcome"),
        attendee_ids=tuple(attendee_ids(data, ms)),
    )
    meeting = await meetings.log(
        ctx.session,
        ctx.clock,
        ctx.actor,
        draft,
        ctx.translator,
        window_days=meetings.log_window_days(ctx.settings),
    )
    await manager.done(show_mode=ShowMode.NO_UPDATE)
    texts = ctx.texts
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


# --- plain screens the dialogs leave to ------------------------------------------------------


async def card_screen(manager: DialogManager) -> tuple[str, InlineKeyboardMarkup]:
    ctx = ctx_of(manager)
    meeting = await meetings.get_visible(
        ctx.session, ctx.actor, int(manager.dialog_data["meeting_id"])
    )
    return await card.meeting_card(ctx, meeting)


async def mine_screen(manager: DialogManager) -> tuple[str, InlineKeyboardMarkup]:
    return await record.mine_screen(ctx_of(manager))
