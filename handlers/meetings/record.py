"""A mentor's own entries (the latest, with totals) and their record as an XLSX file."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.callbacks.mentorship import MeetingCb
from bot.clock import Clock
from bot.context import Ctx
from bot.i18n import Texts
from bot.services.errors import Forbidden
from bot.services.mentorship import meeting_totals, meetings, mentor_record
from bot.services.mentorship import pairs as mentorships
from handlers.mentorship_ui import duration_text, meeting_line, short
from handlers.ui import button, edit_or_send, markup
from models import Participant
from models.enums import Role

RECENT = 20


async def mine_screen(ctx: Ctx) -> tuple[str, InlineKeyboardMarkup]:
    person, texts = ctx.person, ctx.texts
    found = await meetings.recent_for_mentor(ctx.session, person.id, limit=RECENT)
    total = await meeting_totals.overall(ctx.session, mentor_id=person.id)
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
    return "\n".join(lines), markup(rows)


async def on_mine(callback: CallbackQuery, ctx: Ctx) -> None:
    text, keyboard = await mine_screen(ctx)
    await callback.answer()
    await edit_or_send(callback, text, keyboard)


async def on_record(callback: CallbackQuery, ctx: Ctx) -> None:
    await send_record(callback, ctx.person, ctx.session, ctx.clock, ctx.texts)


async def send_record(
    callback: CallbackQuery, person: Participant, session: AsyncSession, clock: Clock, texts: Texts
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


def register(router: Router) -> None:
    router.callback_query.register(on_mine, MeetingCb.filter(F.action == "mine"))
    router.callback_query.register(on_record, MeetingCb.filter(F.action == "record"))
