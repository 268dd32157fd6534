"""A mentor's own record of mentoring — hours, mentees, meetings, feedback — as an XLSX file
for a portfolio or an award nomination ("Лучшие практики наставничества").

The data is gathered by ``build``; ``to_xlsx`` lays it out with labels from the locale files
(passed in as ``texts``), so the file is in the mentor's language.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services import directory
from bot.services.mentorship import meeting_totals, pairs
from bot.services.mentorship.meeting_totals import GroupBy, Total
from models import Municipality, Organization, Participant
from models.enums import MeetingStatus, MentorshipStatus
from models.mentorship import Meeting, Mentorship, MentorshipFeedback

Labels = Callable[..., str]
MAX_MEETINGS = 5000  # a lifetime of weekly meetings with many mentees


@dataclass(frozen=True)
class MentorshipLine:
    id: int
    form: str
    model_element: str
    role_model: str
    status: str
    started_on: date | None
    ended_on: date | None
    mentees: str
    meetings: int
    minutes: int
    confirmed: int


@dataclass(frozen=True)
class MeetingLine:
    held_on: date
    mentees: str
    duration_minutes: int
    format: str
    topic: str
    outcome: str
    status: str
    flash: bool


@dataclass(frozen=True)
class FeedbackLine:
    given_on: date
    rating: int
    comment: str


@dataclass
class MentorRecord:
    name: str
    organization: str
    municipality: str
    generated_on: date
    total: Total
    flash: Total
    mentees: int
    mentorships: list[MentorshipLine] = field(default_factory=list)
    meetings: list[MeetingLine] = field(default_factory=list)
    feedback: list[FeedbackLine] = field(default_factory=list)

    @property
    def average_rating(self) -> float | None:
        if not self.feedback:
            return None
        return sum(f.rating for f in self.feedback) / len(self.feedback)


async def build(session: AsyncSession, clock: Clock, mentor: Participant) -> MentorRecord:
    zone = await directory.zone_of_organization(session, mentor.organization_id)
    org = await session.get(Organization, mentor.organization_id)
    muni = await session.get(Municipality, org.municipality_id) if org else None
    own = list(
        await session.scalars(
            select(Mentorship)
            .where(
                Mentorship.mentor_id == mentor.id, Mentorship.status != MentorshipStatus.declined
            )
            .order_by(Mentorship.started_on, Mentorship.id)
        )
    )
    ids = sorted({pid for m in own for pid in pairs.mentee_ids(m)})
    names = await pairs.people(session, ids)
    by_mentorship = {
        t.key: t
        for t in await meeting_totals.totals(session, GroupBy.mentorship, mentor_id=mentor.id)
    }
    lines = []
    for m in own:
        t = by_mentorship.get(m.id, Total(m.id, 0, 0, 0))
        lines.append(
            MentorshipLine(
                id=m.id,
                form=m.form,
                model_element=m.model_element,
                role_model=m.role_model,
                status=m.status,
                started_on=m.started_on,
                ended_on=m.ended_at.astimezone(zone).date() if m.ended_at else None,
                mentees=", ".join(
                    names[p].full_name or "—" for p in pairs.mentee_ids(m) if p in names
                ),
                meetings=t.meetings,
                minutes=t.minutes,
                confirmed=t.confirmed,
            )
        )
    mentee_names = {m.id: lines[i].mentees for i, m in enumerate(own)}
    meeting_rows = await session.scalars(
        select(Meeting)
        .where(Meeting.mentor_id == mentor.id, Meeting.status != MeetingStatus.deleted)
        .order_by(Meeting.held_on, Meeting.id)
        .limit(MAX_MEETINGS)
    )
    meeting_lines = [
        MeetingLine(
            held_on=mt.held_on,
            mentees=mentee_names.get(mt.mentorship_id or 0, ""),
            duration_minutes=mt.duration_minutes,
            format=mt.format,
            topic=mt.topic or "",
            outcome=mt.outcome or "",
            status=mt.status,
            flash=mt.flash_request_id is not None,
        )
        for mt in meeting_rows
    ]
    feedback_rows = await session.scalars(
        select(MentorshipFeedback)
        .join(Mentorship, Mentorship.id == MentorshipFeedback.mentorship_id)
        .where(Mentorship.mentor_id == mentor.id, MentorshipFeedback.role == "mentee")
        .order_by(MentorshipFeedback.created_at)
    )
    feedback = [
        FeedbackLine(f.created_at.astimezone(zone).date(), f.rating, f.comment or "")
        for f in feedback_rows
    ]
    total = await meeting_totals.overall(session, mentor_id=mentor.id)
    flash = await meeting_totals.overall(session, mentor_id=mentor.id, flash_only=True)
    return MentorRecord(
        name=mentor.full_name or "—",
        organization=org.name if org else "—",
        municipality=muni.name if muni else "—",
        generated_on=clock.now().astimezone(zone).date(),
        total=total,
        flash=flash,
        mentees=len(ids),
        mentorships=lines,
        meetings=meeting_lines,
        feedback=feedback,
    )


def _text(value: str) -> str:
    """Typed text without the control characters openpyxl refuses to write (one of them in a
    topic would make the whole file fail)."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def _no_formulas(book: Workbook) -> None:
    """Typed text stays text: openpyxl stores a string starting with "=" as a formula, so a
    topic or a comment typed as "=HYPERLINK(…)" would run in the spreadsheet program. The
    record has no formulas of its own."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"


def _hours(minutes: int) -> float:
    return round(minutes / 60, 2)


def _header(sheet: Worksheet, titles: list[str]) -> None:
    sheet.append(titles)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = f"A{sheet.max_row + 1}"  # a string: creating the cell would add a row


def _widths(sheet: Worksheet, widths: list[int]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _dates(sheet: Worksheet, column: int, first_row: int) -> None:
    for row in sheet.iter_rows(min_row=first_row, min_col=column, max_col=column):
        for cell in row:
            cell.number_format = "DD.MM.YYYY"


def to_xlsx(record: MentorRecord, texts: Labels) -> bytes:
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = texts("record-sheet-summary")
    summary.append([texts("record-title")])
    summary["A1"].font = Font(bold=True, size=14)
    rows: list[tuple[str, object]] = [
        (texts("record-name"), _text(record.name)),
        (texts("record-organization"), _text(record.organization)),
        (texts("record-municipality"), _text(record.municipality)),
        (texts("record-generated"), record.generated_on),
        (texts("record-mentorships"), len(record.mentorships)),
        (texts("record-mentees"), record.mentees),
        (texts("record-meetings"), record.total.meetings),
        (texts("record-hours"), _hours(record.total.minutes)),
        (texts("record-confirmed-meetings"), record.total.confirmed),
        (texts("record-flash-meetings"), record.flash.meetings),
        (texts("record-flash-hours"), _hours(record.flash.minutes)),
        (texts("record-feedback-count"), len(record.feedback)),
        (
            texts("record-average-rating"),
            round(record.average_rating, 2) if record.average_rating is not None else "—",
        ),
    ]
    for label, value in rows:
        summary.append([label, value])
    summary["B5"].number_format = "DD.MM.YYYY"
    _widths(summary, [36, 60])

    pair_sheet = book.create_sheet(texts("record-sheet-mentorships"))
    _header(
        pair_sheet,
        [
            texts("record-col-mentees"),
            texts("record-col-form"),
            texts("record-col-element"),
            texts("record-col-role-model"),
            texts("record-col-status"),
            texts("record-col-start"),
            texts("record-col-end"),
            texts("record-col-meetings"),
            texts("record-col-hours"),
            texts("record-col-confirmed"),
        ],
    )
    for line in record.mentorships:
        pair_sheet.append(
            [
                _text(line.mentees),
                texts(f"mentorship-form-{line.form}"),
                texts(f"mentorship-element-{line.model_element}"),
                texts(f"mentorship-role-model-{line.role_model}"),
                texts(f"mentorship-status-{line.status}"),
                line.started_on,
                line.ended_on,
                line.meetings,
                _hours(line.minutes),
                line.confirmed,
            ]
        )
    _dates(pair_sheet, 6, 2)
    _dates(pair_sheet, 7, 2)
    _widths(pair_sheet, [40, 22, 18, 28, 16, 12, 12, 10, 10, 14])

    log = book.create_sheet(texts("record-sheet-meetings"))
    _header(
        log,
        [
            texts("record-col-date"),
            texts("record-col-mentees"),
            texts("record-col-minutes"),
            texts("record-col-format"),
            texts("record-col-topic"),
            texts("record-col-outcome"),
            texts("record-col-status"),
        ],
    )
    for meeting in record.meetings:
        log.append(
            [
                meeting.held_on,
                texts("record-flash-session") if meeting.flash else _text(meeting.mentees),
                meeting.duration_minutes,
                texts(f"format-{meeting.format}"),
                _text(meeting.topic),
                _text(meeting.outcome),
                texts(f"meeting-status-{meeting.status}"),
            ]
        )
    _dates(log, 1, 2)
    _widths(log, [12, 36, 10, 10, 40, 50, 16])

    notes = book.create_sheet(texts("record-sheet-feedback"))
    _header(
        notes,
        [texts("record-col-date"), texts("record-col-rating"), texts("record-col-comment")],
    )
    for item in record.feedback:
        notes.append([item.given_on, item.rating, _text(item.comment)])
    _dates(notes, 1, 2)
    _widths(notes, [12, 10, 80])

    _no_formulas(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
