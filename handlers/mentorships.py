"""/mentorships for participants and /pairs for coordinators: cards, confirmations, a
coordinator's decision on a mentor's proposal, ending with final feedback, lists in scope.

The wizard that forms a pair (handlers/pair_wizard.py), the meeting log (handlers/meetings.py)
and development plans (handlers/plans.py) are sub-routers of this one, so registering this
router registers the whole feature.
"""

from __future__ import annotations

from html import escape
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Texts, Translator
from bot.services import directory
from bot.services.access import Actor
from bot.services.errors import Forbidden
from bot.services.mentorship import meeting_totals, meetings, plans
from bot.services.mentorship import pairs as mentorships
from bot.services.mentorship.pairs import ScopeFilter
from handlers import meetings as meetings_router
from handlers import pair_wizard
from handlers import plans as plans_router
from handlers.mentorship_ui import (
    STATUS_ICONS,
    FbCb,
    MeetingCb,
    MsCb,
    PairCb,
    PlanCb,
    ScopeCb,
    TotalsCb,
    confirmations,
    describe_mentorship,
    duration_text,
    fmt_date,
    meeting_line,
    mentorship_button_label,
    mentorship_line,
    short,
)
from handlers.people import PeopleCb
from handlers.ui import button, edit_or_send, markup
from models import Participant
from models.enums import MentoringForm, MentorshipStatus, Role
from models.mentorship import Mentorship

router = Router(name=__name__)
router.message.filter(F.chat.type == "private")

SCOPE_STATUSES = ("", "current", "requested", "proposed", "active", "ended")


class EndSG(StatesGroup):
    reason = State()
    confirm = State()


class FeedbackSG(StatesGroup):
    comment = State()


def _require(participant: Participant | None) -> Participant:
    if participant is None:
        raise Forbidden("error-not-registered")
    return participant


# --- a participant's own mentorships ---------------------------------------------------------


async def _my_list(
    session: AsyncSession, participant: Participant, texts: Texts
) -> tuple[str, InlineKeyboardMarkup]:
    found = await mentorships.for_participant(session, participant.id)
    ids = {pid for ms in found for pid in mentorships.member_ids(ms)}
    names = await mentorships.people(session, list(ids))
    current = [ms for ms in found if ms.status in mentorships.CURRENT]
    past = [ms for ms in found if ms.status in mentorships.ENDED]
    lines = [texts("mentorships-title")]
    if not found:
        lines.append(texts("mentorships-empty"))
    if current:
        lines += ["", texts("mentorships-current")]
        lines += [mentorship_line(texts, ms, names) for ms in current]
    if past:
        lines += ["", texts("mentorships-past")]
        lines += [mentorship_line(texts, ms, names) for ms in past[:10]]
    rows = [
        [button(mentorship_button_label(texts, ms, names), MsCb(action="open", id=ms.id))]
        for ms in [*current, *past[:10]]
    ]
    if participant.has_role(Role.mentor):
        rows.append([button(texts("mentorships-btn-propose"), PairCb(step="propose"))])
        rows.append([button(texts("mentorships-btn-record"), MsCb(action="record"))])
    return "\n".join(lines), markup(rows)


@router.message(Command("mentorships"))
async def cmd_mentorships(
    message: Message, participant: Participant | None, session: AsyncSession, texts: Texts
) -> None:
    person = _require(participant)
    text, keyboard = await _my_list(session, person, texts)
    await message.answer(text, reply_markup=keyboard)


@router.callback_query(MsCb.filter(F.action == "list"))
async def on_list(
    callback: CallbackQuery,
    participant: Participant | None,
    session: AsyncSession,
    texts: Texts,
    state: FSMContext,
) -> None:
    person = _require(participant)
    await state.clear()
    text, keyboard = await _my_list(session, person, texts)
    await callback.answer()
    await edit_or_send(callback, text, keyboard)


# --- the card of one mentorship --------------------------------------------------------------


async def card(
    session: AsyncSession, clock: Clock, actor: Actor, texts: Texts, ms: Mentorship
) -> tuple[str, InlineKeyboardMarkup]:
    names = await mentorships.people(session, mentorships.member_ids(ms))
    today = await mentorships.local_today(session, clock, ms.organization_id)
    lines = [
        texts(
            "mentorship-card-title",
            icon=STATUS_ICONS.get(ms.status, "•"),
            status=texts(f"mentorship-status-{ms.status}"),
        ),
        describe_mentorship(texts, ms, names),
    ]
    if ms.status in (MentorshipStatus.requested, MentorshipStatus.proposed):
        lines += [texts("mentorship-confirmations"), confirmations(texts, ms, names)]
    if ms.status in (MentorshipStatus.active, MentorshipStatus.completed, MentorshipStatus.stopped):
        total = await meeting_totals.overall(session, mentorship_id=ms.id)
        lines.append(
            texts(
                "mentorship-card-meetings",
                meetings=total.meetings,
                duration=duration_text(texts, total.minutes),
                confirmed=total.confirmed,
            )
        )
        progress = await plans.progress(session, ms.id, today)
        if progress.total:
            lines.append(
                texts(
                    "mentorship-card-plan",
                    done=progress.done,
                    total=progress.total,
                    overdue=progress.overdue,
                )
            )
    if ms.ended_at is not None:
        zone = await directory.zone_of_organization(session, ms.organization_id)
        lines.append(
            texts("mentorship-card-ended", date=fmt_date(ms.ended_at.astimezone(zone).date()))
        )
    if ms.end_reason:
        # A departed member's reason is a code, shown in the reader's language.
        reason = (
            texts("mentorship-reason-left")
            if ms.end_reason == mentorships.LEFT_REASON
            else escape(ms.end_reason)
        )
        lines.append(texts("mentorship-card-reason", reason=reason))
    role = mentorships.role_in(ms, actor.participant_id)
    mine = await mentorships.feedback_of(session, ms.id, actor.participant_id)
    if mine is not None:
        lines.append(texts("mentorship-card-my-feedback", rating=mine.rating))
    return "\n".join(lines), await _card_keyboard(session, actor, texts, ms, role, mine is None)


async def _card_keyboard(
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    ms: Mentorship,
    role: str | None,
    no_feedback: bool,
) -> InlineKeyboardMarkup:
    rows: list[list[Any]] = []
    me = actor.participant_id
    if ms.status == MentorshipStatus.proposed and role is not None:
        waiting = (
            ms.mentor_confirmed_at is None
            if role == Role.mentor
            else any(r.participant_id == me and r.confirmed_at is None for r in ms.mentees)
        )
        if waiting:
            rows.append(
                [
                    button(texts("mentorship-btn-confirm"), MsCb(action="cf", id=ms.id)),
                    button(texts("mentorship-btn-decline"), MsCb(action="dc", id=ms.id)),
                ]
            )
    if ms.status == MentorshipStatus.requested and actor.is_coordinator and role is None:
        rows.append(
            [
                button(texts("mentorship-btn-approve"), MsCb(action="ap", id=ms.id)),
                button(texts("mentorship-btn-reject"), MsCb(action="rj", id=ms.id)),
            ]
        )
    if ms.status == MentorshipStatus.active:
        if role == Role.mentor:
            rows.append([button(texts("meeting-btn-log"), MeetingCb(action="new", id=ms.id))])
        rows.append([button(texts("plan-btn-open"), PlanCb(action="show", id=ms.id))])
    if ms.status in (MentorshipStatus.active, MentorshipStatus.completed, MentorshipStatus.stopped):
        rows.append([button(texts("mentorship-btn-meetings"), MsCb(action="meetings", id=ms.id))])
    # A non-member sees the card only as a coordinator of its scope (get_visible).
    if ms.status == MentorshipStatus.active and (role == Role.mentor or role is None):
        rows.append([button(texts("mentorship-btn-end"), MsCb(action="end", id=ms.id))])
    if (
        ms.status in (MentorshipStatus.completed, MentorshipStatus.stopped)
        and role is not None
        and no_feedback
    ):
        rows.append([button(texts("mentorship-btn-feedback"), MsCb(action="fb", id=ms.id))])
    if role is not None:
        rows.append([button(texts("btn-back"), MsCb(action="list"))])
    else:
        rows.append([button(texts("btn-back"), ScopeCb(action="list"))])
    return markup(rows)


@router.callback_query(MsCb.filter(F.action == "open"))
async def on_open(
    callback: CallbackQuery,
    callback_data: MsCb,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    state: FSMContext,
) -> None:
    ms = await mentorships.get_visible(session, actor, callback_data.id)
    await state.clear()
    text, keyboard = await card(session, clock, actor, texts, ms)
    await callback.answer()
    await edit_or_send(callback, text, keyboard)


@router.callback_query(MsCb.filter(F.action.in_({"cf", "dc"})))
async def on_confirm_or_decline(
    callback: CallbackQuery,
    callback_data: MsCb,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    translator: Translator,
) -> None:
    if callback_data.action == "cf":
        ms = await mentorships.confirm(session, clock, actor, callback_data.id, translator)
        answer = (
            "mentorship-now-active"
            if ms.status == MentorshipStatus.active
            else "mentorship-confirmed"
        )
    else:
        ms = await mentorships.decline(session, clock, actor, callback_data.id, translator)
        answer = "mentorship-you-declined"
    text, keyboard = await card(session, clock, actor, texts, ms)
    await callback.answer(texts(answer), show_alert=ms.status == MentorshipStatus.active)
    await edit_or_send(callback, text, keyboard)


@router.callback_query(MsCb.filter(F.action.in_({"ap", "rj"})))
async def on_decide_proposal(
    callback: CallbackQuery,
    callback_data: MsCb,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    translator: Translator,
) -> None:
    approve = callback_data.action == "ap"
    ms = await mentorships.decide_proposal(
        session, clock, actor, callback_data.id, translator, approve=approve
    )
    text, keyboard = await card(session, clock, actor, texts, ms)
    await callback.answer(texts("mentorship-approved" if approve else "mentorship-rejected"))
    await edit_or_send(callback, text, keyboard)


# --- ending ----------------------------------------------------------------------------------


async def _endable(session: AsyncSession, actor: Actor, mentorship_id: int) -> Mentorship:
    ms = await mentorships.get_visible(session, actor, mentorship_id)
    if not await mentorships.can_end(session, actor, ms):
        raise Forbidden("mentorship-end-mentor-only")
    if ms.status != MentorshipStatus.active:
        raise Forbidden("mentorship-not-active")
    return ms


@router.callback_query(MsCb.filter(F.action == "end"))
async def on_end(
    callback: CallbackQuery,
    callback_data: MsCb,
    actor: Actor,
    session: AsyncSession,
    texts: Texts,
    state: FSMContext,
) -> None:
    ms = await _endable(session, actor, callback_data.id)
    await state.clear()
    await callback.answer()
    await edit_or_send(
        callback,
        texts("mentorship-end-ask"),
        markup(
            [
                [button(texts("mentorship-btn-completed"), MsCb(action="endc", id=ms.id))],
                [button(texts("mentorship-btn-stopped"), MsCb(action="ends", id=ms.id))],
                [button(texts("btn-back"), MsCb(action="open", id=ms.id))],
            ]
        ),
    )


@router.callback_query(MsCb.filter(F.action == "endc"))
async def on_end_completed(
    callback: CallbackQuery,
    callback_data: MsCb,
    actor: Actor,
    session: AsyncSession,
    texts: Texts,
    state: FSMContext,
) -> None:
    ms = await _endable(session, actor, callback_data.id)
    await state.set_state(EndSG.confirm)
    await state.update_data(mentorship_id=ms.id, outcome=MentorshipStatus.completed, reason=None)
    await callback.answer()
    await edit_or_send(callback, texts("mentorship-end-confirm-completed"), _end_confirm(texts, ms))


@router.callback_query(MsCb.filter(F.action == "ends"))
async def on_end_stopped(
    callback: CallbackQuery,
    callback_data: MsCb,
    actor: Actor,
    session: AsyncSession,
    texts: Texts,
    state: FSMContext,
) -> None:
    ms = await _endable(session, actor, callback_data.id)
    await state.set_state(EndSG.reason)
    await state.update_data(mentorship_id=ms.id, outcome=MentorshipStatus.stopped)
    await callback.answer()
    await edit_or_send(
        callback,
        texts("mentorship-end-ask-reason"),
        markup([[button(texts("btn-back"), MsCb(action="end", id=ms.id))]]),
    )


@router.message(EndSG.reason, F.text)
async def on_end_reason(
    message: Message,
    actor: Actor,
    session: AsyncSession,
    texts: Texts,
    state: FSMContext,
) -> None:
    data = await state.get_data()
    ms = await _endable(session, actor, int(data["mentorship_id"]))
    reason = mentorships.parse_reason(message.text)
    await state.update_data(reason=reason)
    await state.set_state(EndSG.confirm)
    await message.answer(
        texts("mentorship-end-confirm-stopped", reason=escape(reason)),
        reply_markup=_end_confirm(texts, ms),
    )


def _end_confirm(texts: Texts, ms: Mentorship) -> InlineKeyboardMarkup:
    return markup(
        [
            [button(texts("mentorship-btn-end-yes"), MsCb(action="endy", id=ms.id))],
            [button(texts("btn-back"), MsCb(action="end", id=ms.id))],
        ]
    )


@router.callback_query(EndSG.confirm, MsCb.filter(F.action == "endy"))
async def on_end_yes(
    callback: CallbackQuery,
    callback_data: MsCb,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    translator: Translator,
    state: FSMContext,
) -> None:
    data = await state.get_data()
    if int(data.get("mentorship_id", 0)) != callback_data.id:
        raise Forbidden("error-stale-button")
    ms = await mentorships.end(
        session,
        clock,
        actor,
        callback_data.id,
        translator,
        outcome=str(data.get("outcome")),
        reason=data.get("reason"),
    )
    await state.clear()
    text, keyboard = await card(session, clock, actor, texts, ms)
    await callback.answer(texts("mentorship-ended-done"))
    await edit_or_send(callback, text, keyboard)


# --- final feedback --------------------------------------------------------------------------


@router.callback_query(MsCb.filter(F.action == "fb"))
async def on_feedback_start(
    callback: CallbackQuery,
    callback_data: MsCb,
    actor: Actor,
    session: AsyncSession,
    texts: Texts,
) -> None:
    ms = await mentorships.get_visible(session, actor, callback_data.id)
    if mentorships.role_in(ms, actor.participant_id) is None:
        raise Forbidden("error-not-found")
    await callback.answer()
    await edit_or_send(
        callback,
        texts("mentorship-feedback-ask"),
        markup(
            [
                [
                    button(
                        texts("mentorship-rating", rating=n), FbCb(action="r", id=ms.id, rating=n)
                    )
                    for n in range(1, 6)
                ],
                [button(texts("btn-back"), MsCb(action="open", id=ms.id))],
            ]
        ),
    )


@router.callback_query(FbCb.filter(F.action == "r"))
async def on_rating(
    callback: CallbackQuery,
    callback_data: FbCb,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    state: FSMContext,
) -> None:
    await mentorships.leave_feedback(session, clock, actor, callback_data.id, callback_data.rating)
    await state.set_state(FeedbackSG.comment)
    await state.update_data(mentorship_id=callback_data.id)
    await callback.answer(texts("mentorship-feedback-thanks"))
    await edit_or_send(
        callback,
        texts("mentorship-feedback-ask-comment", rating=callback_data.rating),
        markup([[button(texts("mentorship-btn-skip"), FbCb(action="skip", id=callback_data.id))]]),
    )


@router.message(FeedbackSG.comment, F.text)
async def on_feedback_comment(
    message: Message,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    state: FSMContext,
) -> None:
    data = await state.get_data()
    await mentorships.comment_feedback(
        session, clock, actor, int(data["mentorship_id"]), message.text
    )
    await state.clear()
    await message.answer(texts("mentorship-feedback-saved"))


@router.callback_query(FbCb.filter(F.action == "skip"))
async def on_feedback_skip(callback: CallbackQuery, texts: Texts, state: FSMContext) -> None:
    await state.clear()
    await callback.answer()
    await edit_or_send(callback, texts("mentorship-feedback-saved"), None)


# --- meetings of a mentorship, and the mentor's record ---------------------------------------


@router.callback_query(MsCb.filter(F.action == "meetings"))
async def on_meetings(
    callback: CallbackQuery,
    callback_data: MsCb,
    actor: Actor,
    session: AsyncSession,
    texts: Texts,
) -> None:
    ms = await mentorships.get_visible(session, actor, callback_data.id)
    found = await meetings.for_mentorship(session, ms.id, limit=15)
    total = await meeting_totals.overall(session, mentorship_id=ms.id)
    lines = [
        texts(
            "mentorship-card-meetings",
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
    rows.append([button(texts("btn-back"), MsCb(action="open", id=ms.id))])
    await callback.answer()
    await edit_or_send(callback, "\n".join(lines), markup(rows))


@router.callback_query(MsCb.filter(F.action == "record"))
async def on_record(
    callback: CallbackQuery,
    participant: Participant | None,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
) -> None:
    await meetings_router.send_record(callback, _require(participant), session, clock, texts)


# --- coordinators: /pairs --------------------------------------------------------------------


async def _home(
    session: AsyncSession, actor: Actor, texts: Texts
) -> tuple[str, InlineKeyboardMarkup]:
    counts = await mentorships.counts_in_scope(session, actor)
    over = await mentorships.mentors_over_capacity(session, actor)
    free = await mentorships.mentees_without_mentor(session, actor)
    disputed = await meetings.disputed_in_scope(session, actor)
    text = texts(
        "pairs-home",
        active=counts.get(MentorshipStatus.active, 0),
        proposed=counts.get(MentorshipStatus.proposed, 0),
        requested=counts.get(MentorshipStatus.requested, 0),
        ended=sum(counts.get(s, 0) for s in (MentorshipStatus.completed, MentorshipStatus.stopped)),
        over=len(over),
        free=len(free),
        disputed=len(disputed),
    )
    rows = [
        [button(texts("pairs-btn-new"), PairCb(step="start"))],
        [button(texts("pairs-btn-list"), ScopeCb(action="list"))],
        [
            button(
                texts("pairs-btn-proposals", count=counts.get(MentorshipStatus.requested, 0)),
                ScopeCb(action="list", status="requested"),
            )
        ],
        [button(texts("pairs-btn-over", count=len(over)), ScopeCb(action="over"))],
        [button(texts("pairs-btn-free", count=len(free)), ScopeCb(action="free"))],
        [button(texts("pairs-btn-disputes", count=len(disputed)), ScopeCb(action="disputes"))],
        [button(texts("pairs-btn-totals"), TotalsCb(group="organization", period="school_year"))],
    ]
    return text, markup(rows)


@router.message(Command("pairs"))
async def cmd_pairs(message: Message, actor: Actor, session: AsyncSession, texts: Texts) -> None:
    actor.require_coordinator()
    text, keyboard = await _home(session, actor, texts)
    await message.answer(text, reply_markup=keyboard)


@router.callback_query(ScopeCb.filter(F.action == "home"))
async def on_home(
    callback: CallbackQuery, actor: Actor, session: AsyncSession, texts: Texts, state: FSMContext
) -> None:
    actor.require_coordinator()
    await state.clear()
    text, keyboard = await _home(session, actor, texts)
    await callback.answer()
    await edit_or_send(callback, text, keyboard)


def _cycle(values: list[Any], current: Any) -> Any:
    index = values.index(current) if current in values else -1
    return values[(index + 1) % len(values)]


@router.callback_query(ScopeCb.filter(F.action == "list"))
async def on_scope_list(
    callback: CallbackQuery,
    callback_data: ScopeCb,
    actor: Actor,
    session: AsyncSession,
    texts: Texts,
    state: FSMContext,
) -> None:
    actor.require_coordinator()
    await state.clear()
    cb = callback_data
    # Values come from a button anyone could forge: unknown ones mean "no filter".
    form = cb.form if cb.form in {f.value for f in MentoringForm} else ""
    status = cb.status if cb.status in SCOPE_STATUSES else ""
    orgs = await directory.organizations_in_scope(session, actor)
    org_ids = [o.id for o in orgs]
    org = cb.org if cb.org in org_ids else 0
    page = await mentorships.list_in_scope(
        session, actor, ScopeFilter(form or None, status or None, org or None), cb.page
    )
    ids = {pid for ms in page.items for pid in mentorships.member_ids(ms)}
    names = await mentorships.people(session, list(ids))
    lines = [texts("pairs-list-title", total=page.total, page=page.page + 1, pages=page.pages)]
    if not page.items:
        lines.append(texts("pairs-list-empty"))
    # In full here: a button's label is cut short and may hide the mentees' names.
    lines += [mentorship_line(texts, ms, names) for ms in page.items]
    rows = [
        [button(mentorship_button_label(texts, ms, names), MsCb(action="open", id=ms.id))]
        for ms in page.items
    ]

    def again(**changes: Any) -> ScopeCb:
        values = {"action": "list", "form": form, "status": status, "org": org, "page": 0}
        values.update(changes)
        return ScopeCb(**values)

    paging = []
    if page.page > 0:
        paging.append(button("◀", again(page=page.page - 1)))
    if page.page < page.pages - 1:
        paging.append(button("▶", again(page=page.page + 1)))
    rows.append(paging)
    forms = ["", *(f.value for f in MentoringForm)]
    org_names = {o.id: o.label for o in orgs}
    filters = [
        button(
            texts("pairs-filter-form", value=texts(f"mentorship-form-{form}") if form else "*"),
            again(form=_cycle(forms, form)),
        ),
        button(
            texts(
                "pairs-filter-status",
                value=texts(f"pairs-status-{status}") if status else "*",
            ),
            again(status=_cycle(list(SCOPE_STATUSES), status)),
        ),
    ]
    rows.append(filters)
    if len(orgs) > 1:
        rows.append(
            [
                button(
                    texts("pairs-filter-org", value=short(org_names.get(org, "*"), 30)),
                    again(org=_cycle([0, *org_ids], org)),
                )
            ]
        )
    rows.append([button(texts("btn-back"), ScopeCb(action="home"))])
    await callback.answer()
    await edit_or_send(callback, "\n".join(lines), markup(rows))


@router.callback_query(ScopeCb.filter(F.action == "over"))
async def on_over_capacity(
    callback: CallbackQuery, actor: Actor, session: AsyncSession, texts: Texts
) -> None:
    over = await mentorships.mentors_over_capacity(session, actor)
    lines = [texts("pairs-over-title", count=len(over))]
    rows = []
    for item in over[:30]:
        name = item.mentor.full_name or "—"
        row = {"load": item.load, "capacity": item.capacity}
        lines.append(texts("pairs-over-row", name=escape(name), **row))
        label = texts("pairs-over-row", name=name, **row)
        rows.append([button(short(label, 60), PeopleCb(action="open", pid=item.mentor.id))])
    rows.append([button(texts("btn-back"), ScopeCb(action="home"))])
    await callback.answer()
    await edit_or_send(callback, "\n".join(lines), markup(rows))


@router.callback_query(ScopeCb.filter(F.action == "free"))
async def on_without_mentor(
    callback: CallbackQuery,
    callback_data: ScopeCb,
    actor: Actor,
    session: AsyncSession,
    texts: Texts,
) -> None:
    free = await mentorships.mentees_without_mentor(session, actor)
    size = mentorships.PAGE_SIZE
    pages = max(1, -(-len(free) // size))
    page = min(max(callback_data.page, 0), pages - 1)
    lines = [texts("pairs-free-title", count=len(free))]
    if free:
        lines.append(texts("pairs-free-hint"))
    rows = [
        [
            button(
                short(f"{p.full_name or '—'} — {p.organization.label}", 60),
                PairCb(step="quick", value=str(p.id)),
            )
        ]
        for p in free[page * size : (page + 1) * size]
    ]
    paging = []
    if page > 0:
        paging.append(button("◀", ScopeCb(action="free", page=page - 1)))
    if page < pages - 1:
        paging.append(button("▶", ScopeCb(action="free", page=page + 1)))
    rows += [paging, [button(texts("btn-back"), ScopeCb(action="home"))]]
    await callback.answer()
    await edit_or_send(callback, "\n".join(lines), markup(rows))


@router.callback_query(ScopeCb.filter(F.action == "disputes"))
async def on_disputes(
    callback: CallbackQuery, actor: Actor, session: AsyncSession, texts: Texts
) -> None:
    found = await meetings.disputed_in_scope(session, actor)
    lines = [texts("pairs-disputes-title", count=len(found))]
    rows = [
        [button(short(meeting_line(texts, m), 60), MeetingCb(action="open", id=m.id))]
        for m in found
    ]
    rows.append([button(texts("btn-back"), ScopeCb(action="home"))])
    await callback.answer()
    await edit_or_send(callback, "\n".join(lines), markup(rows))


# The wizard, the meeting log and plans live in their own modules; one registration here.
router.include_routers(pair_wizard.router, plans_router.router)

__all__ = ["card", "router"]
