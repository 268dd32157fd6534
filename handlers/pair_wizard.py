"""Forming a mentorship: a coordinator's wizard in /pairs, and a mentor's proposal.

Coordinator: form → mentee(s) → mentor (ranked suggestions, or anyone in scope) → model
element → role model → start → planned end → confirm. Mentor: mentee of their organization →
form → model element → role model → planned end → confirm (a coordinator then approves).
Every step has Back and Cancel; names can be searched by typing part of them. Each press is
checked again here and the service checks everything once more when the pair is created.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta
from html import escape
from typing import Any

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Texts, Translator
from bot.services import access, catalog, dates, participants
from bot.services.access import Actor
from bot.services.errors import Forbidden, InvalidInput
from bot.services.flash.ranking import Reason
from bot.services.mentorship import pairs as mentorships
from bot.services.mentorship import suggestions as mentor_suggestions
from bot.services.mentorship.pairs import MentorshipDraft
from bot.services.numbers import MAX_PAGE, parse_id, parse_int
from handlers.mentorship_ui import MsCb, PairCb, ScopeCb, describe_mentorship, short
from handlers.ui import button, edit_or_send, grid, markup
from models import Participant
from models.enums import MentoringForm, ModelElement, ParticipantStatus, Role, RoleModel
from models.mentorship import Mentorship, MentorshipMentee

router = Router(name=__name__)
router.message.filter(F.chat.type == "private")

PAGE = 8
CREATE_FORMS = tuple(f.value for f in MentoringForm)
PROPOSE_FORMS = ("traditional", "reverse", "virtual", "network")
ORDER = {
    "create": ("form", "mentees", "mentor", "element", "role_model", "start", "end", "confirm"),
    # The form comes first: it decides whom the mentor may propose to (see _mentee_pool).
    "propose": ("form", "mentees", "element", "role_model", "end", "confirm"),
}


class PairSG(StatesGroup):
    form = State()
    mentees = State()
    mentor = State()
    element = State()
    role_model = State()
    start = State()
    end = State()
    confirm = State()


STATES = {
    "form": PairSG.form,
    "mentees": PairSG.mentees,
    "mentor": PairSG.mentor,
    "element": PairSG.element,
    "role_model": PairSG.role_model,
    "start": PairSG.start,
    "end": PairSG.end,
    "confirm": PairSG.confirm,
}
Target = CallbackQuery | Message


def add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def _check_mode(actor: Actor, data: dict[str, Any]) -> str:
    """The wizard is re-authorised on every step: roles can change mid-conversation."""
    mode = data.get("mode")
    if mode == "create":
        actor.require_coordinator()
    elif mode == "propose":
        if Role.mentor not in actor.roles:
            raise Forbidden("error-not-mentor")
    else:
        raise InvalidInput("error-stale-button")
    return str(mode)


async def _reply(target: Target, text: str, keyboard: InlineKeyboardMarkup) -> None:
    if isinstance(target, CallbackQuery):
        await target.answer()
        await edit_or_send(target, text, keyboard)
    else:
        await target.answer(text, reply_markup=keyboard)


def _nav(
    texts: Texts, rows: list[list[InlineKeyboardButton]], back: bool = True
) -> InlineKeyboardMarkup:
    last = [button(texts("btn-cancel"), PairCb(step="cancel"))]
    if back:
        last.insert(0, button(texts("btn-back"), PairCb(step="back")))
    return markup([*rows, last])


async def _today(
    session: AsyncSession, clock: Clock, actor: Actor, participant: Participant | None
) -> date:
    organization_id = participant.organization_id if participant else actor.organization_id
    if organization_id is None:
        return clock.now().date()
    return await mentorships.local_today(session, clock, organization_id)


# --- entry points ----------------------------------------------------------------------------


@router.callback_query(PairCb.filter(F.step == "start"))
async def on_start(
    callback: CallbackQuery,
    actor: Actor,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    participant: Participant | None,
) -> None:
    actor.require_coordinator()
    await state.clear()
    await state.update_data(mode="create", mentee_ids=[])
    await _show("form", callback, state, session, clock, actor, texts, participant)


@router.callback_query(PairCb.filter(F.step == "quick"))
async def on_quick(
    callback: CallbackQuery,
    callback_data: PairCb,
    actor: Actor,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    participant: Participant | None,
) -> None:
    """From the list of mentees without a mentor: a traditional pair for this one."""
    actor.require_coordinator()
    mentee = await _pick_mentee_in_scope(session, actor, callback_data.value)
    await state.clear()
    await state.update_data(mode="create", form="traditional", mentee_ids=[mentee.id])
    await _show("mentor", callback, state, session, clock, actor, texts, participant)


@router.callback_query(PairCb.filter(F.step == "propose"))
async def on_propose(
    callback: CallbackQuery,
    actor: Actor,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    participant: Participant | None,
) -> None:
    if participant is None or Role.mentor not in actor.roles:
        raise Forbidden("error-not-mentor")
    await state.clear()
    await state.update_data(mode="propose", mentee_ids=[])
    await _show("form", callback, state, session, clock, actor, texts, participant)


@router.callback_query(PairCb.filter(F.step == "cancel"))
async def on_cancel(callback: CallbackQuery, state: FSMContext, texts: Texts) -> None:
    await state.clear()
    await callback.answer()
    await edit_or_send(callback, texts("cancelled"), None)


@router.callback_query(PairCb.filter(F.step == "back"), StateFilter(PairSG))
async def on_back(
    callback: CallbackQuery,
    actor: Actor,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    participant: Participant | None,
) -> None:
    data = await state.get_data()
    mode = _check_mode(actor, data)
    current = (await state.get_state() or "").split(":")[-1]
    order = ORDER[mode]
    index = order.index(current) if current in order else 0
    if index == 0:
        raise InvalidInput("error-nothing-back")
    await _show(order[index - 1], callback, state, session, clock, actor, texts, participant)


async def _next(
    step: str,
    target: Target,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    texts: Texts,
    participant: Participant | None,
) -> None:
    mode = _check_mode(actor, await state.get_data())
    order = ORDER[mode]
    await _show(
        order[order.index(step) + 1], target, state, session, clock, actor, texts, participant
    )


# --- rendering each step ---------------------------------------------------------------------


async def _show(
    step: str,
    target: Target,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    texts: Texts,
    participant: Participant | None,
) -> None:
    data = await state.get_data()
    mode = _check_mode(actor, data)
    await state.set_state(STATES[step])
    if step == "form":
        forms = CREATE_FORMS if mode == "create" else PROPOSE_FORMS
        rows = grid(
            [button(texts(f"mentorship-form-{f}"), PairCb(step="form", value=f)) for f in forms]
        )
        first = ORDER[mode][0] == "form"
        await _reply(target, texts("pair-ask-form"), _nav(texts, rows, back=not first))
    elif step == "mentees":
        await _show_mentees(target, state, session, actor, texts, participant, data)
    elif step == "mentor":
        await _show_mentor(target, session, actor, texts, data)
    elif step == "element":
        rows = [
            [button(texts(f"mentorship-element-{e.value}"), PairCb(step="element", value=e.value))]
            for e in ModelElement
        ]
        await _reply(target, texts("pair-ask-element"), _nav(texts, rows))
    elif step == "role_model":
        rows = [
            [button(texts(f"mentorship-role-model-{r.value}"), PairCb(step="role", value=r.value))]
            for r in RoleModel
        ]
        await _reply(target, texts("pair-ask-role-model"), _nav(texts, rows))
    elif step == "start":
        rows = [
            [
                button(texts("pair-start-today"), PairCb(step="start_on", value="today")),
                button(texts("pair-start-monday"), PairCb(step="start_on", value="monday")),
            ],
            [button(texts("pair-start-september"), PairCb(step="start_on", value="sep1"))],
        ]
        await _reply(target, texts("pair-ask-start"), _nav(texts, rows))
    elif step == "end":
        rows = [
            [
                button(texts("pair-end-months", months=n), PairCb(step="end_on", value=str(n)))
                for n in (3, 6, 12)
            ],
            [button(texts("pair-end-may"), PairCb(step="end_on", value="may31"))],
        ]
        await _reply(target, texts("pair-ask-end"), _nav(texts, rows))
    else:
        text = await _summary(session, clock, actor, texts, participant, data)
        rows = [
            [
                button(
                    texts("pair-btn-create" if mode == "create" else "pair-btn-propose"),
                    PairCb(step="create"),
                )
            ]
        ]
        await _reply(target, text, _nav(texts, rows))


async def _mentee_pool(
    session: AsyncSession, actor: Actor, participant: Participant | None, data: dict[str, Any]
) -> list[Participant]:
    search = str(data.get("search") or "")
    if data.get("mode") == "propose":
        assert participant is not None
        pool = await mentorships.colleagues_for_proposal(
            session, participant, str(data.get("form") or "")
        )
        if search:
            pool = [p for p in pool if search.casefold() in (p.full_name or "").casefold()]
        return pool
    return await mentorships.mentee_candidates(session, actor, str(data.get("form") or ""), search)


async def _show_mentees(
    target: Target,
    state: FSMContext,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    participant: Participant | None,
    data: dict[str, Any],
) -> None:
    pool = await _mentee_pool(session, actor, participant, data)
    chosen = set(data.get("mentee_ids") or [])
    multi = data.get("mode") == "create" and data.get("form") not in mentorships.SINGLE_MENTEE_FORMS
    pages = max(1, -(-len(pool) // PAGE))
    page = min(max(int(data.get("page") or 0), 0), pages - 1)
    rows = []
    for person in pool[page * PAGE : (page + 1) * PAGE]:
        mark = "✅ " if person.id in chosen else ""
        label = f"{mark}{person.full_name or '—'} — {person.organization.label}"
        rows.append([button(short(label, 60), PairCb(step="mentee", value=str(person.id)))])
    paging = []
    if page > 0:
        paging.append(button("◀", PairCb(step="mpage", value=str(page - 1))))
    if page < pages - 1:
        paging.append(button("▶", PairCb(step="mpage", value=str(page + 1))))
    rows.append(paging)
    if multi:
        rows.append(
            [button(texts("pair-btn-mentees-done", count=len(chosen)), PairCb(step="mdone"))]
        )
    key = "pair-ask-mentees-many" if multi else "pair-ask-mentee"
    if data.get("mode") == "propose" and data.get("form") == MentoringForm.reverse:
        key = "pair-ask-mentee-reverse"
    text = texts(key, page=page + 1, pages=pages)
    if data.get("search"):
        text += "\n" + texts("pair-search-active", search=escape(str(data["search"])))
    if not pool:
        text += "\n" + texts("pair-nobody-found")
    first = ORDER[str(data["mode"])][0] == "mentees"
    await _reply(target, text, _nav(texts, rows, back=not first))


def _reason_text(texts: Texts, reason: Reason) -> str:
    if reason.code == "topic_match":
        key = str(reason.params["topic"]).removeprefix("deficit:")
        return texts("pair-reason-topic", topic=texts(f"deficit-{key}"))
    if reason.code == "words_match":
        labels = []
        for term in reason.params.get("terms", []):
            if term in catalog.SUBJECTS:
                labels.append(texts(f"subject-{term}"))
            elif term in catalog.DEFICITS:
                labels.append(texts(f"deficit-{term}"))
        return texts("pair-reason-words", words=", ".join(labels) or "—")
    if reason.code == "free_slots":
        return texts("pair-reason-free", free=int(reason.params["free"]))
    if reason.code in ("same_organization", "same_municipality", "network"):
        return texts(f"pair-reason-{reason.code.replace('_', '-')}")
    return ""


async def _show_mentor(
    target: Target, session: AsyncSession, actor: Actor, texts: Texts, data: dict[str, Any]
) -> None:
    rows: list[list[InlineKeyboardButton]] = []
    if data.get("mentor_list"):
        pool = await mentorships.mentor_candidates(session, actor, str(data.get("search") or ""))
        pages = max(1, -(-len(pool) // PAGE))
        page = min(max(int(data.get("page") or 0), 0), pages - 1)
        for mentor, load in pool[page * PAGE : (page + 1) * PAGE]:
            label = texts(
                "pair-mentor-row",
                name=mentor.full_name or "—",
                organization=mentor.organization.label,
                load=load,
                capacity=mentor.capacity,
            )
            rows.append([button(short(label, 60), PairCb(step="mentor", value=str(mentor.id)))])
        paging = []
        if page > 0:
            paging.append(button("◀", PairCb(step="all", value=str(page - 1))))
        if page < pages - 1:
            paging.append(button("▶", PairCb(step="all", value=str(page + 1))))
        rows.append(paging)
        rows.append([button(texts("pair-btn-suggestions"), PairCb(step="suggest"))])
        text = texts("pair-ask-mentor-all", page=page + 1, pages=pages)
        if data.get("search"):
            text += "\n" + texts("pair-search-active", search=escape(str(data["search"])))
        if not pool:
            text += "\n" + texts("pair-nobody-found")
        await _reply(target, text, _nav(texts, rows))
        return
    suggestions = await mentor_suggestions.suggest(
        session, actor, list(data.get("mentee_ids") or [])
    )
    lines = [texts("pair-ask-mentor")]
    if not suggestions:
        lines.append(texts("pair-no-suggestions"))
    for index, item in enumerate(suggestions, start=1):
        reasons = "; ".join(
            r for r in (_reason_text(texts, reason) for reason in item.reasons) if r
        )
        lines.append(
            texts(
                "pair-suggestion",
                index=index,
                name=escape(item.mentor.full_name or "—"),
                organization=escape(item.mentor.organization.label),
                reasons=reasons,
            )
        )
        label = f"{index}. {item.mentor.full_name or '—'}"
        rows.append([button(short(label, 60), PairCb(step="mentor", value=str(item.mentor.id)))])
    rows.append([button(texts("pair-btn-all-mentors"), PairCb(step="all", value="0"))])
    await _reply(target, "\n".join(lines), _nav(texts, rows))


async def _summary(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    texts: Texts,
    participant: Participant | None,
    data: dict[str, Any],
) -> str:
    mentor_id = int(data.get("mentor_id") or 0)
    mentee_ids = [int(pid) for pid in data.get("mentee_ids") or []]
    # A transient preview for the shared description; it is never added to the session.
    preview = Mentorship(
        mentor_id=mentor_id,
        form=str(data.get("form")),
        model_element=str(data.get("element")),
        role_model=str(data.get("role_model")),
        started_on=date.fromisoformat(data["start"]) if data.get("start") else None,
        planned_end_on=date.fromisoformat(data["end"]) if data.get("end") else None,
    )
    preview.mentees = [MentorshipMentee(participant_id=pid) for pid in mentee_ids]
    names = await mentorships.people(session, [mentor_id, *mentee_ids])
    lines = [texts("pair-summary-title"), describe_mentorship(texts, preview, names)]
    mentor = names.get(mentor_id)
    if mentor is not None:
        load = await mentorships.load_of(session, mentor.id)
        if load + len(mentee_ids) > mentor.capacity:
            lines.append(
                texts(
                    "pair-over-capacity",
                    load=load + len(mentee_ids),
                    capacity=mentor.capacity,
                )
            )
    if data.get("mode") == "propose":
        lines.append(texts("pair-propose-note"))
    else:
        lines.append(texts("pair-create-note"))
    return "\n".join(lines)


# --- handling each step ----------------------------------------------------------------------


async def _pick_mentee_in_scope(session: AsyncSession, actor: Actor, value: str) -> Participant:
    participant_id = parse_id(value)
    if participant_id is None:
        raise InvalidInput("error-stale-button")
    person = await participants.get_in_scope(session, actor, participant_id)
    if person.status != ParticipantStatus.active:
        raise InvalidInput("participants-not-active")
    return person


@router.callback_query(PairSG.form, PairCb.filter(F.step == "form"))
async def on_form(
    callback: CallbackQuery,
    callback_data: PairCb,
    actor: Actor,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    participant: Participant | None,
) -> None:
    data = await state.get_data()
    mode = _check_mode(actor, data)
    allowed = CREATE_FORMS if mode == "create" else PROPOSE_FORMS
    if callback_data.value not in allowed:
        raise InvalidInput("error-stale-button")
    changes: dict[str, Any] = {"form": callback_data.value, "page": 0, "search": ""}
    if mode == "create" and callback_data.value in mentorships.SINGLE_MENTEE_FORMS:
        changes["mentee_ids"] = list(data.get("mentee_ids") or [])[:1]
    if mode == "propose" and callback_data.value != data.get("form"):
        changes["mentee_ids"] = []  # another form, another pool of colleagues
    await state.update_data(**changes)
    await _next("form", callback, state, session, clock, actor, texts, participant)


@router.callback_query(PairSG.mentees, PairCb.filter(F.step == "mpage"))
async def on_mentee_page(
    callback: CallbackQuery,
    callback_data: PairCb,
    actor: Actor,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    participant: Participant | None,
) -> None:
    page = parse_int(callback_data.value, high=MAX_PAGE) or 0
    await state.update_data(page=page)
    await _show("mentees", callback, state, session, clock, actor, texts, participant)


@router.message(PairSG.mentees, F.text)
async def on_mentee_search(
    message: Message,
    actor: Actor,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    participant: Participant | None,
) -> None:
    search = (message.text or "").strip()[:60]
    await state.update_data(search=search, page=0)
    await _show("mentees", message, state, session, clock, actor, texts, participant)


@router.callback_query(PairSG.mentees, PairCb.filter(F.step == "mentee"))
async def on_mentee(
    callback: CallbackQuery,
    callback_data: PairCb,
    actor: Actor,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    participant: Participant | None,
) -> None:
    data = await state.get_data()
    mode = _check_mode(actor, data)
    if mode == "propose":
        assert participant is not None
        pool = {
            p.id
            for p in await mentorships.colleagues_for_proposal(
                session, participant, str(data.get("form") or "")
            )
        }
        colleague_id = parse_id(callback_data.value)
        if colleague_id is None or colleague_id not in pool:
            raise InvalidInput("error-stale-button")
        await state.update_data(mentee_ids=[colleague_id], search="", page=0)
        await _next("mentees", callback, state, session, clock, actor, texts, participant)
        return
    mentee = await _pick_mentee_in_scope(session, actor, callback_data.value)
    if data.get("form") in mentorships.SINGLE_MENTEE_FORMS:
        await state.update_data(mentee_ids=[mentee.id], search="", page=0, mentor_list=False)
        await _next("mentees", callback, state, session, clock, actor, texts, participant)
        return
    chosen = [int(pid) for pid in data.get("mentee_ids") or []]
    chosen = (
        [pid for pid in chosen if pid != mentee.id] if mentee.id in chosen else [*chosen, mentee.id]
    )
    if len(chosen) > mentorships.MAX_GROUP:
        raise InvalidInput("mentorship-group-size", max=mentorships.MAX_GROUP)
    await state.update_data(mentee_ids=chosen)
    await _show("mentees", callback, state, session, clock, actor, texts, participant)


@router.callback_query(PairSG.mentees, PairCb.filter(F.step == "mdone"))
async def on_mentees_done(
    callback: CallbackQuery,
    actor: Actor,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    participant: Participant | None,
) -> None:
    data = await state.get_data()
    _check_mode(actor, data)
    mentorships.check_mentee_count(str(data.get("form")), len(data.get("mentee_ids") or []))
    await state.update_data(search="", page=0, mentor_list=False)
    await _next("mentees", callback, state, session, clock, actor, texts, participant)


@router.callback_query(PairSG.mentor, PairCb.filter(F.step.in_({"all", "suggest"})))
async def on_mentor_list(
    callback: CallbackQuery,
    callback_data: PairCb,
    actor: Actor,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    participant: Participant | None,
) -> None:
    page = parse_int(callback_data.value, high=MAX_PAGE) or 0
    await state.update_data(mentor_list=callback_data.step == "all", page=page, search="")
    await _show("mentor", callback, state, session, clock, actor, texts, participant)


@router.message(PairSG.mentor, F.text)
async def on_mentor_search(
    message: Message,
    actor: Actor,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    participant: Participant | None,
) -> None:
    await state.update_data(search=(message.text or "").strip()[:60], page=0, mentor_list=True)
    await _show("mentor", message, state, session, clock, actor, texts, participant)


@router.callback_query(PairSG.mentor, PairCb.filter(F.step == "mentor"))
async def on_mentor(
    callback: CallbackQuery,
    callback_data: PairCb,
    actor: Actor,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    participant: Participant | None,
) -> None:
    data = await state.get_data()
    _check_mode(actor, data)
    mentor_id = parse_id(callback_data.value)
    if mentor_id is None:
        raise InvalidInput("error-stale-button")
    mentor = await session.get(Participant, mentor_id)
    if mentor is None or mentor.status != ParticipantStatus.active:
        raise InvalidInput("error-stale-button")
    if not mentor.has_role(Role.mentor):
        raise InvalidInput("mentorship-not-a-mentor")
    if mentor.id in (data.get("mentee_ids") or []):
        raise InvalidInput("mentorship-self")
    if data.get("form") != MentoringForm.network:
        await access.require_organization(session, actor, mentor.organization_id)
    await state.update_data(mentor_id=mentor.id, search="", page=0)
    await _next("mentor", callback, state, session, clock, actor, texts, participant)


@router.callback_query(PairSG.element, PairCb.filter(F.step == "element"))
async def on_element(
    callback: CallbackQuery,
    callback_data: PairCb,
    actor: Actor,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    participant: Participant | None,
) -> None:
    if callback_data.value not in {e.value for e in ModelElement}:
        raise InvalidInput("error-stale-button")
    await state.update_data(element=callback_data.value)
    await _next("element", callback, state, session, clock, actor, texts, participant)


@router.callback_query(PairSG.role_model, PairCb.filter(F.step == "role"))
async def on_role_model(
    callback: CallbackQuery,
    callback_data: PairCb,
    actor: Actor,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    participant: Participant | None,
) -> None:
    if callback_data.value not in {r.value for r in RoleModel}:
        raise InvalidInput("error-stale-button")
    await state.update_data(role_model=callback_data.value)
    await _next("role_model", callback, state, session, clock, actor, texts, participant)


def _quick_start(value: str, today: date) -> date:
    if value == "today":
        return today
    if value == "monday":
        return today + timedelta(days=7 - today.weekday())
    if value == "sep1":
        first = date(today.year, 9, 1)
        return first if first >= today else date(today.year + 1, 9, 1)
    raise InvalidInput("error-stale-button")


async def _set_start(
    target: Target,
    start: date,
    today: date,
    actor: Actor,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    participant: Participant | None,
) -> None:
    if abs(start - today) > mentorships.MAX_START_SHIFT:
        raise InvalidInput("mentorship-bad-start")
    await state.update_data(start=start.isoformat())
    await _next("start", target, state, session, clock, actor, texts, participant)


@router.callback_query(PairSG.start, PairCb.filter(F.step == "start_on"))
async def on_start_quick(
    callback: CallbackQuery,
    callback_data: PairCb,
    actor: Actor,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    participant: Participant | None,
) -> None:
    _check_mode(actor, await state.get_data())
    today = await _today(session, clock, actor, participant)
    start = _quick_start(callback_data.value, today)
    await _set_start(callback, start, today, actor, state, session, clock, texts, participant)


@router.message(PairSG.start, F.text)
async def on_start_typed(
    message: Message,
    actor: Actor,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    participant: Participant | None,
) -> None:
    _check_mode(actor, await state.get_data())
    today = await _today(session, clock, actor, participant)
    start = dates.parse_day(message.text, today, future=True)
    await _set_start(message, start, today, actor, state, session, clock, texts, participant)


async def _set_end(
    target: Target,
    end: date,
    actor: Actor,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    participant: Participant | None,
) -> None:
    data = await state.get_data()
    today = await _today(session, clock, actor, participant)
    start = date.fromisoformat(data["start"]) if data.get("start") else today
    mentorships.check_dates(start, end, today)
    await state.update_data(end=end.isoformat())
    await _next("end", target, state, session, clock, actor, texts, participant)


@router.callback_query(PairSG.end, PairCb.filter(F.step == "end_on"))
async def on_end_quick(
    callback: CallbackQuery,
    callback_data: PairCb,
    actor: Actor,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    participant: Participant | None,
) -> None:
    data = await state.get_data()
    _check_mode(actor, data)
    today = await _today(session, clock, actor, participant)
    start = date.fromisoformat(data["start"]) if data.get("start") else today
    if callback_data.value in ("3", "6", "12"):
        end = add_months(start, int(callback_data.value))
    elif callback_data.value == "may31":
        end = date(start.year, 5, 31)
        if end <= start:
            end = date(start.year + 1, 5, 31)
    else:
        raise InvalidInput("error-stale-button")
    await _set_end(callback, end, actor, state, session, clock, texts, participant)


@router.message(PairSG.end, F.text)
async def on_end_typed(
    message: Message,
    actor: Actor,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    participant: Participant | None,
) -> None:
    _check_mode(actor, await state.get_data())
    today = await _today(session, clock, actor, participant)
    end = dates.parse_day(message.text, today, future=True)
    await _set_end(message, end, actor, state, session, clock, texts, participant)


@router.callback_query(PairSG.confirm, PairCb.filter(F.step == "create"))
async def on_create(
    callback: CallbackQuery,
    actor: Actor,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    translator: Translator,
) -> None:
    data = await state.get_data()
    mode = _check_mode(actor, data)
    draft = MentorshipDraft(
        mentor_id=int(data.get("mentor_id") or actor.participant_id or 0),
        mentee_ids=tuple(int(pid) for pid in data.get("mentee_ids") or []),
        form=str(data.get("form")),
        model_element=str(data.get("element")),
        role_model=str(data.get("role_model")),
        start_on=date.fromisoformat(data["start"]) if data.get("start") else None,
        planned_end_on=date.fromisoformat(str(data.get("end"))),
    )
    if mode == "create":
        ms = await mentorships.create(session, clock, actor, draft, translator)
        text = texts("pair-created")
        back = button(texts("pairs-btn-home"), ScopeCb(action="home"))
    else:
        ms = await mentorships.propose(session, clock, actor, draft, translator)
        text = texts("pair-proposed")
        back = button(texts("btn-back"), MsCb(action="list"))
    await state.clear()
    await callback.answer()
    await edit_or_send(
        callback,
        text,
        markup([[button(texts("pair-btn-open"), MsCb(action="open", id=ms.id))], [back]]),
    )
