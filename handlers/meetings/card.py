"""A meeting's card: one screen, reached from notices and lists (CallbackData buttons), with
confirm / dispute for those present, keep / void for a coordinator, and the mentor's edit
(a dialog: handlers.meetings.dialogs) and delete within the window."""

from __future__ import annotations

from html import escape
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks.mentorship import MeetingCb, MsCb
from bot.context import Ctx
from bot.services import directory
from bot.services.errors import Forbidden, InvalidInput
from bot.services.mentorship import meetings
from bot.services.mentorship import pairs as mentorships
from handlers.mentorship_ui import (
    ANSWER_ICONS,
    MEETING_ICONS,
    describe_meeting,
    fmt_date,
    local_moment,
    person_name,
    revision_line,
)
from handlers.ui import button, edit_or_send, markup
from models.enums import MeetingStatus
from models.mentorship import Meeting

HISTORY_LINES = 8


def _buttons(ctx: Ctx, meeting: Meeting) -> list[list[InlineKeyboardButton]]:
    texts, now, me = ctx.texts, ctx.clock.now(), ctx.actor.participant_id
    rows: list[list[InlineKeyboardButton]] = []
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
        and ctx.actor.is_coordinator
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
    return rows


async def meeting_card(ctx: Ctx, meeting: Meeting) -> tuple[str, InlineKeyboardMarkup]:
    session, texts = ctx.session, ctx.texts
    names = await mentorships.people(
        session, [meeting.mentor_id, *(a.participant_id for a in meeting.attendees)]
    )
    home = await meetings.home_organization(session, meeting)
    zone: ZoneInfo = await directory.zone_of_organization(session, home)
    history = await meetings.history(session, meeting.id)
    names.update(
        await mentorships.people(
            session, [r.actor_id for r in history if r.actor_id and r.actor_id not in names]
        )
    )
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
    if meetings.is_editable(meeting, ctx.clock.now()):
        until = local_moment(meetings.editable_until(meeting), zone)
        lines.append(texts("meeting-editable-until", until=until))
    elif meeting.status != MeetingStatus.deleted:
        lines.append(texts("meeting-locked-note"))
    if history:
        lines.append(texts("meeting-history"))
        lines += [revision_line(texts, r, names, zone) for r in history[-HISTORY_LINES:]]
    return "\n".join(lines), markup(_buttons(ctx, meeting))


async def editable(ctx: Ctx, meeting_id: int) -> Meeting:
    """The entry, if the one acting is its mentor and it may still be changed."""
    meeting = await meetings.get_visible(ctx.session, ctx.actor, meeting_id)
    if meeting.mentor_id != ctx.actor.participant_id:
        raise Forbidden("meeting-mentor-only")
    if meeting.status == MeetingStatus.deleted:
        raise InvalidInput("meeting-deleted")
    if not meetings.is_editable(meeting, ctx.clock.now()):
        raise InvalidInput("meeting-locked")
    return meeting


async def show_edited(event: CallbackQuery | Message, ctx: Ctx, meeting: Meeting) -> None:
    """After one field's edit: the card again, under «changed»."""
    text, keyboard = await meeting_card(ctx, meeting)
    if isinstance(event, CallbackQuery):
        await event.answer(ctx.texts("meeting-edited"))
        await edit_or_send(event, text, keyboard)
    else:
        await event.answer(ctx.texts("meeting-edited") + "\n\n" + text, reply_markup=keyboard)


async def _show(callback: CallbackQuery, ctx: Ctx, meeting: Meeting, said: str | None) -> None:
    text, keyboard = await meeting_card(ctx, meeting)
    await callback.answer(ctx.texts(said) if said else None)
    await edit_or_send(callback, text, keyboard)


async def on_open(callback: CallbackQuery, callback_data: MeetingCb, ctx: Ctx) -> None:
    meeting = await meetings.get_visible(ctx.session, ctx.actor, callback_data.id)
    await _show(callback, ctx, meeting, None)


async def on_answer(callback: CallbackQuery, callback_data: MeetingCb, ctx: Ctx) -> None:
    meeting = await meetings.answer(
        ctx.session, ctx.clock, ctx.actor, callback_data.id, ctx.translator, confirmed=True
    )
    await _show(callback, ctx, meeting, "meeting-you-confirmed")


async def on_resolve(callback: CallbackQuery, callback_data: MeetingCb, ctx: Ctx) -> None:
    keep = callback_data.action == "keep"
    meeting = await meetings.resolve(
        ctx.session, ctx.clock, ctx.actor, callback_data.id, ctx.translator, keep=keep
    )
    await _show(callback, ctx, meeting, "meeting-kept" if keep else "meeting-voided")


async def on_delete(callback: CallbackQuery, callback_data: MeetingCb, ctx: Ctx) -> None:
    meeting = await editable(ctx, callback_data.id)
    texts = ctx.texts
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


async def on_delete_yes(callback: CallbackQuery, callback_data: MeetingCb, ctx: Ctx) -> None:
    meeting = await meetings.delete(ctx.session, ctx.clock, ctx.actor, callback_data.id)
    texts = ctx.texts
    await callback.answer(texts("meeting-deleted-done"))
    rows = [[button(texts("meeting-btn-mine"), MeetingCb(action="mine"))]]
    await edit_or_send(
        callback, texts("meeting-deleted-text", date=fmt_date(meeting.held_on)), markup(rows)
    )


def register(router: Router) -> None:
    on = router.callback_query.register
    on(on_open, MeetingCb.filter(F.action == "open"))
    on(on_answer, MeetingCb.filter(F.action == "ok"))  # «no» asks the reason first: dispute.py
    on(on_resolve, MeetingCb.filter(F.action.in_({"keep", "void"})))
    on(on_delete, MeetingCb.filter(F.action == "del"))
    on(on_delete_yes, MeetingCb.filter(F.action == "dely"))
