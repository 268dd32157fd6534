"""/flash: ask for one-off help; /requests: one's own requests and their history.

The mentors' side (/offers, offer buttons), the session after a match and the coordinators'
assigning live in handlers/flash_mentor.py, flash_session.py and flash_coordinator.py; their
routers are included here, so registering this one router registers all of flash.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Texts, Translator
from bot.services.access import Actor
from bot.services.flash import buttons, parties, render, topics
from bot.services.flash import requests as flash_requests
from bot.services.flash.config import FlashEnv
from bot.services.flash.requests import FORMATS, TIMINGS, RequestDraft
from bot.services.flash.states import FINAL, SESSION, S, stale
from bot.settings import Settings
from handlers import flash_coordinator, flash_mentor, flash_session
from handlers.flash_ui import FlashCb, FlashSG, RequestCb, env_of, topic_of, topic_value
from handlers.ui import button, edit_or_send, from_plain, grid, markup
from models import Participant
from models.flash import FlashRequest

router = Router(name=__name__)
router.message.filter(F.chat.type == "private")
router.include_routers(flash_mentor.router, flash_session.router, flash_coordinator.router)

STEPS = ("topic", "description", "format", "timing", "confirm")
STATE_OF = {name: getattr(FlashSG, name) for name in STEPS}


# --- the conversation ----------------------------------------------------------------------


@router.message(Command("flash"))
async def cmd_flash(
    message: Message,
    state: FSMContext,
    session: AsyncSession,
    actor: Actor,
    participant: Participant | None,
    texts: Texts,
) -> None:
    person = await flash_requests.requester_of(session, actor)
    await state.clear()
    await state.set_state(FlashSG.topic)
    await message.answer(texts("flash-ask-intro"))
    await message.answer(texts("flash-ask-topic"), reply_markup=_deficit_keyboard(texts, person))


def _nav(texts: Texts, back: bool = True) -> list[InlineKeyboardButton]:
    row = [button(texts("btn-cancel"), FlashCb(action="cancel"))]
    if back:
        row.insert(0, button(texts("btn-back"), FlashCb(action="back")))
    return row


def _first(own: list[str], catalog: tuple[str, ...]) -> list[str]:
    """The person's own deficits or subjects first: the likeliest answers."""
    return [k for k in catalog if k in own] + [k for k in catalog if k not in own]


def _deficit_keyboard(texts: Texts, person: Participant) -> InlineKeyboardMarkup:
    own = list(person.deficits or [])
    keys = _first(own, tuple(t.partition(":")[2] for t in topics.DEFICIT_TOPICS))
    buttons_ = [
        button(
            ("⭐ " if key in own else "") + texts(f"deficit-{key}"),
            FlashCb(action="topic", value=topic_value(f"{topics.DEFICIT}:{key}")),
        )
        for key in keys
    ]
    return markup(
        [
            *grid(buttons_),
            [button(texts("flash-btn-subjects"), FlashCb(action="kind", value="subject"))],
            _nav(texts, back=False),
        ]
    )


def _subject_keyboard(texts: Texts, person: Participant) -> InlineKeyboardMarkup:
    own = list(person.subjects or [])
    keys = _first(own, tuple(t.partition(":")[2] for t in topics.SUBJECT_TOPICS))
    buttons_ = [
        button(
            ("⭐ " if key in own else "") + texts(f"subject-{key}"),
            FlashCb(action="topic", value=topic_value(f"{topics.SUBJECT}:{key}")),
        )
        for key in keys
    ]
    return markup(
        [
            *grid(buttons_),
            [
                button(texts("btn-back"), FlashCb(action="kind", value="deficit")),
                button(texts("btn-cancel"), FlashCb(action="cancel")),
            ],
        ]
    )


def _choice_keyboard(
    texts: Texts, action: str, values: tuple[str, ...], chosen: str | None
) -> InlineKeyboardMarkup:
    rows = [
        [
            button(
                ("• " if value == chosen else "") + texts(f"flash-{action}-{value}"),
                FlashCb(action=action, value=value),
            )
        ]
        for value in values
    ]
    return markup([*rows, _nav(texts)])


def _summary_keyboard(texts: Texts) -> InlineKeyboardMarkup:
    def edit(step: str) -> InlineKeyboardButton:
        return button(texts(f"flash-btn-edit-{step}"), FlashCb(action="edit", value=step))

    return markup(
        [
            [button(texts("flash-btn-send"), FlashCb(action="send"))],
            [edit("topic"), edit("description")],
            [edit("format"), edit("timing")],
            [button(texts("btn-cancel"), FlashCb(action="cancel"))],
        ]
    )


async def _ask(
    target: Message | CallbackQuery,
    step: str,
    state: FSMContext,
    texts: Texts,
    person: Participant,
    request: FlashRequest | None = None,
) -> None:
    """Show a step of the conversation: edit the pressed message, or answer a typed one."""
    data = await state.get_data()
    await state.set_state(STATE_OF[step])
    if step == "topic":
        text, keyboard = texts("flash-ask-topic"), _deficit_keyboard(texts, person)
    elif step == "description":
        topic = data.get("topic", "")
        text = texts(
            "flash-ask-description",
            topic=render.topic_name(texts, topic),
            max=flash_requests.DESCRIPTION_MAX,
        )
        if data.get("description"):
            text += "\n\n" + texts(
                "flash-ask-description-now", value=render.esc(data["description"])
            )
        keyboard = markup([_nav(texts)])
    elif step == "format":
        text = texts("flash-ask-format")
        keyboard = _choice_keyboard(texts, "format", FORMATS, data.get("format"))
    elif step == "timing":
        text = texts("flash-ask-timing")
        keyboard = _choice_keyboard(texts, "timing", TIMINGS, data.get("timing"))
    else:
        assert request is not None
        text = "\n".join(
            [
                texts("flash-summary-title"),
                render.request_summary(texts, request),
                "",
                texts("flash-summary-hint"),
            ]
        )
        keyboard = _summary_keyboard(texts)
    if isinstance(target, CallbackQuery):
        await edit_or_send(target, text, keyboard)
    else:
        await target.answer(text, reply_markup=keyboard)


async def _next(
    target: Message | CallbackQuery,
    done: str,
    state: FSMContext,
    texts: Texts,
    env: FlashEnv,
    actor: Actor,
) -> None:
    """After a step: the next one, or straight back to the summary when editing."""
    data = await state.get_data()
    person = await flash_requests.requester_of(env.session, actor)
    following = STEPS[STEPS.index(done) + 1]
    if data.get("editing") or following == "confirm":
        request = await flash_requests.save_draft(
            env,
            actor,
            RequestDraft(
                topic=data.get("topic", ""),
                description=data.get("description", ""),
                format=data.get("format", ""),
                timing=data.get("timing", ""),
            ),
        )
        await state.update_data(editing=True, request_id=request.id)
        await _ask(target, "confirm", state, texts, person, request)
        return
    await _ask(target, following, state, texts, person)


async def _in_conversation(callback: CallbackQuery, state: FSMContext, texts: Texts) -> bool:
    if await state.get_state() in {s.state for s in STATE_OF.values()}:
        return True
    await callback.answer(texts("error-stale-button"), show_alert=True)
    return False


@router.callback_query(FlashCb.filter(F.action == "kind"))
async def on_kind(
    callback: CallbackQuery,
    callback_data: FlashCb,
    state: FSMContext,
    texts: Texts,
    session: AsyncSession,
    actor: Actor,
) -> None:
    if await state.get_state() != FlashSG.topic.state:
        await callback.answer(texts("error-stale-button"), show_alert=True)
        return
    person = await flash_requests.requester_of(session, actor)
    keyboard = (
        _subject_keyboard(texts, person)
        if callback_data.value == "subject"
        else _deficit_keyboard(texts, person)
    )
    await callback.answer()
    key = "flash-ask-subject" if callback_data.value == "subject" else "flash-ask-topic"
    await edit_or_send(callback, texts(key), keyboard)


@router.callback_query(FlashCb.filter(F.action == "topic"))
async def on_topic(
    callback: CallbackQuery,
    callback_data: FlashCb,
    state: FSMContext,
    texts: Texts,
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    settings: Settings,
    actor: Actor,
) -> None:
    if await state.get_state() != FlashSG.topic.state:
        await callback.answer(texts("error-stale-button"), show_alert=True)
        return
    topic = topics.check_topic(topic_of(callback_data.value))
    await state.update_data(topic=topic)
    await callback.answer()
    env = env_of(session, clock, translator, settings)
    await _next(callback, "topic", state, texts, env, actor)


@router.message(FlashSG.description, F.text)
async def on_description(
    message: Message,
    state: FSMContext,
    texts: Texts,
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    settings: Settings,
    actor: Actor,
) -> None:
    description = flash_requests.parse_description(message.text)
    await state.update_data(description=description)
    env = env_of(session, clock, translator, settings)
    await _next(message, "description", state, texts, env, actor)


@router.callback_query(FlashCb.filter(F.action.in_({"format", "timing"})))
async def on_choice(
    callback: CallbackQuery,
    callback_data: FlashCb,
    state: FSMContext,
    texts: Texts,
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    settings: Settings,
    actor: Actor,
) -> None:
    step = callback_data.action
    allowed = FORMATS if step == "format" else TIMINGS
    if await state.get_state() != STATE_OF[step].state or callback_data.value not in allowed:
        await callback.answer(texts("error-stale-button"), show_alert=True)
        return
    await state.update_data({step: callback_data.value})
    await callback.answer()
    env = env_of(session, clock, translator, settings)
    await _next(callback, step, state, texts, env, actor)


@router.callback_query(FlashCb.filter(F.action == "back"))
async def on_back(
    callback: CallbackQuery, state: FSMContext, texts: Texts, session: AsyncSession, actor: Actor
) -> None:
    if not await _in_conversation(callback, state, texts):
        return
    current = (await state.get_state() or "").rpartition(":")[2]
    if current not in STEPS or STEPS.index(current) == 0:
        await callback.answer(texts("error-nothing-back"))
        return
    person = await flash_requests.requester_of(session, actor)
    await state.update_data(editing=False)
    await callback.answer()
    await _ask(callback, STEPS[STEPS.index(current) - 1], state, texts, person)


@router.callback_query(FlashCb.filter(F.action == "edit"))
async def on_edit(
    callback: CallbackQuery,
    callback_data: FlashCb,
    state: FSMContext,
    texts: Texts,
    session: AsyncSession,
    actor: Actor,
) -> None:
    step = callback_data.value
    if await state.get_state() != FlashSG.confirm.state or step not in STEPS[:-1]:
        await callback.answer(texts("error-stale-button"), show_alert=True)
        return
    person = await flash_requests.requester_of(session, actor)
    await state.update_data(editing=True)
    await callback.answer()
    await _ask(callback, step, state, texts, person)


@router.callback_query(FlashCb.filter(F.action == "cancel"))
async def on_cancel(
    callback: CallbackQuery,
    state: FSMContext,
    texts: Texts,
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    settings: Settings,
    actor: Actor,
) -> None:
    if not await _in_conversation(callback, state, texts):
        return
    request_id = (await state.get_data()).get("request_id")
    if request_id:
        request = await flash_requests.own(session, actor, int(request_id))
        if request.status == S.draft:
            await flash_requests.cancel(
                env_of(session, clock, translator, settings), actor, request.id
            )
    await state.clear()
    await callback.answer()
    await edit_or_send(callback, texts("flash-ask-cancelled"), None)


@router.callback_query(FlashCb.filter(F.action == "send"))
async def on_send(
    callback: CallbackQuery,
    state: FSMContext,
    texts: Texts,
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    settings: Settings,
    actor: Actor,
) -> None:
    data = await state.get_data()
    if await state.get_state() != FlashSG.confirm.state or not data.get("request_id"):
        await callback.answer(texts("error-stale-button"), show_alert=True)
        return
    env = env_of(session, clock, translator, settings)
    result = await flash_requests.submit(env, actor, int(data["request_id"]))
    await state.clear()
    if result.offers:
        key = "flash-sent-offered"
    elif result.escalated:
        key = "flash-sent-escalated"
    else:
        key = "flash-sent-nobody"
    request = result.request
    text = "\n".join(
        [texts(key, id=request.id, count=result.offers), "", render.request_summary(texts, request)]
    )
    await callback.answer(texts("flash-sent-alert"))
    await edit_or_send(
        callback,
        text,
        markup(
            [[button(texts("flash-btn-cancel-request"), RequestCb(action="x", rid=request.id))]]
        ),
    )


# --- /requests -----------------------------------------------------------------------------


@router.message(Command("requests"))
async def cmd_requests(message: Message, session: AsyncSession, actor: Actor, texts: Texts) -> None:
    await flash_requests.requester_of(session, actor)
    text, keyboard = await _list_screen(session, actor, texts)
    await message.answer(text, reply_markup=keyboard)


async def _list_screen(
    session: AsyncSession, actor: Actor, texts: Texts
) -> tuple[str, InlineKeyboardMarkup | None]:
    going, done = await flash_requests.mine(session, actor)
    if not going and not done:
        return texts("flash-requests-empty"), None
    rows = []
    lines = [texts("flash-requests-title")]
    if going:
        lines.append(texts("flash-requests-going", count=len(going)))
    if done:
        lines.append(texts("flash-requests-done", count=len(done)))
    for request in [*going, *done]:
        label = texts(
            "flash-requests-row",
            id=request.id,
            topic=render.topic_name(texts, request.topic),
            status=render.status_name(texts, request.status),
        )
        rows.append([button(label, RequestCb(action="v", rid=request.id))])
    return "\n".join(lines), markup(rows)


async def request_screen(
    env: FlashEnv, actor: Actor, texts: Texts, zone: ZoneInfo, request: FlashRequest
) -> tuple[str, InlineKeyboardMarkup]:
    """The requester's card of one request: where it is, its history, what can be done."""
    events = await flash_requests.history(env.session, request.id)
    mentor = await parties.get_person(env.session, request.mentor_id)
    text = render.request_card(texts, request, zone, mentor=mentor, events=events)
    rows: list[list[InlineKeyboardButton]] = []
    if request.status == S.draft:
        rows.append([button(texts("flash-btn-send"), RequestCb(action="s", rid=request.id))])
    if request.status in (S.matched, S.scheduled):
        rows += from_plain(
            buttons.session_keyboard(texts, request.id, mentor=False, status=request.status)
        ).inline_keyboard
    elif request.status not in FINAL:
        rows.append(
            [button(texts("flash-btn-cancel-request"), RequestCb(action="x", rid=request.id))]
        )
    rows += await flash_session.followup_rows(env, actor, texts, request)
    rows.append([button(texts("btn-back"), RequestCb(action="l", rid=0))])
    return text, markup(rows)


@router.callback_query(RequestCb.filter(F.action == "l"))
async def on_list(
    callback: CallbackQuery, session: AsyncSession, actor: Actor, texts: Texts
) -> None:
    text, keyboard = await _list_screen(session, actor, texts)
    await callback.answer()
    await edit_or_send(callback, text, keyboard)


@router.callback_query(RequestCb.filter(F.action == "v"))
async def on_view(
    callback: CallbackQuery,
    callback_data: RequestCb,
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    settings: Settings,
    actor: Actor,
    texts: Texts,
    zone: ZoneInfo,
) -> None:
    request = await flash_requests.own(session, actor, callback_data.rid)
    env = env_of(session, clock, translator, settings)
    text, keyboard = await request_screen(env, actor, texts, zone, request)
    await callback.answer()
    await edit_or_send(callback, text, keyboard)


@router.callback_query(RequestCb.filter(F.action == "s"))
async def on_send_draft(
    callback: CallbackQuery,
    callback_data: RequestCb,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    settings: Settings,
    actor: Actor,
    texts: Texts,
    zone: ZoneInfo,
) -> None:
    """A draft left in /requests (the conversation was interrupted) can still be sent."""
    env = env_of(session, clock, translator, settings)
    result = await flash_requests.submit(env, actor, callback_data.rid)
    if (await state.get_data()).get("request_id") == result.request.id:
        await state.clear()
    await callback.answer(texts("flash-sent-alert"))
    text, keyboard = await request_screen(env, actor, texts, zone, result.request)
    await edit_or_send(callback, text, keyboard)


@router.callback_query(RequestCb.filter(F.action == "x"))
async def on_cancel_ask(
    callback: CallbackQuery,
    callback_data: RequestCb,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
) -> None:
    request = await flash_requests.own(session, actor, callback_data.rid)
    if request.status in FINAL:
        raise stale(request.status)
    key = "flash-cancel-confirm-mentor" if request.status in SESSION else "flash-cancel-confirm"
    await callback.answer()
    await edit_or_send(
        callback,
        texts(key, id=request.id),
        markup(
            [
                [button(texts("flash-btn-cancel-yes"), RequestCb(action="xy", rid=request.id))],
                [button(texts("flash-btn-cancel-no"), RequestCb(action="v", rid=request.id))],
            ]
        ),
    )


@router.callback_query(RequestCb.filter(F.action == "xy"))
async def on_cancel_yes(
    callback: CallbackQuery,
    callback_data: RequestCb,
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    settings: Settings,
    actor: Actor,
    texts: Texts,
) -> None:
    env = env_of(session, clock, translator, settings)
    request = await flash_requests.cancel(env, actor, callback_data.rid)
    await callback.answer(texts("flash-cancelled-alert"))
    await edit_or_send(
        callback,
        texts("flash-cancelled", id=request.id),
        markup([[button(texts("flash-btn-my-requests"), RequestCb(action="l", rid=0))]]),
    )
