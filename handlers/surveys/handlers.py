"""/surveys and answering in chat: one question per message, back, later, summary, submit.

The database (survey_progress) is the truth about where a respondent is; the conversation state
only says which survey typed answers go to. Every button names its campaign and question, and
the service refuses a press on anything but the question on screen.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Texts
from bot.services.errors import DomainError, Forbidden
from bot.services.outbox import split_text
from bot.services.surveys import render, responding
from bot.services.surveys.responding import Screen, SurveyClosed
from handlers.surveys import screens as ui
from handlers.surveys.screens import SurveyCb
from handlers.ui import button, markup, send_to_presser
from models import Participant

router = Router(name=__name__)
router.message.filter(F.chat.type == "private")


class SurveySG(StatesGroup):
    answering = State()


# Errors after which typed text stops going to the survey.
_LEAVE_ON = frozenset({"survey-already-submitted", "survey-not-found", "survey-stale-question"})


# --- showing screens ------------------------------------------------------------------------


async def _send(bot: Bot, chat_id: int, text: str, keyboard: InlineKeyboardMarkup | None) -> int:
    """Send a screen (split if long, buttons under the last part); the last message's id."""
    parts = split_text(text)
    message = None
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        message = await bot.send_message(chat_id, part, reply_markup=keyboard if last else None)
    assert message is not None
    return message.message_id


async def _edit(
    bot: Bot, chat_id: int, message_id: int, text: str, keyboard: InlineKeyboardMarkup | None
) -> int:
    """Show a screen in place of an earlier message; a new message if that one cannot change."""
    if len(text) <= 4096:
        try:
            await bot.edit_message_text(
                text=text, chat_id=chat_id, message_id=message_id, reply_markup=keyboard
            )
            return message_id
        except TelegramBadRequest as error:
            if "message is not modified" in str(error):
                return message_id
    return await _send(bot, chat_id, text, keyboard)


async def _settle(bot: Bot, chat_id: int, message_id: int | None, text: str | None) -> None:
    """Take the buttons off a question that is behind us (and show its answer, if given)."""
    if message_id is None:
        return
    try:
        if text is not None:
            await bot.edit_message_text(
                text=text, chat_id=chat_id, message_id=message_id, reply_markup=None
            )
        else:
            await bot.edit_message_reply_markup(
                chat_id=chat_id, message_id=message_id, reply_markup=None
            )
    except TelegramBadRequest:
        pass  # too old, deleted or unchanged: the service refuses its buttons anyway


def _render(
    texts: Texts, screen: Screen, lang: str, resumed: bool = False
) -> tuple[str, InlineKeyboardMarkup]:
    if screen.question is None:
        return ui.summary_text(texts, screen, lang), ui.summary_keyboard(texts, screen)
    return (
        ui.question_text(texts, screen, lang, resumed=resumed),
        ui.question_keyboard(texts, screen, lang),
    )


async def _show_new(
    bot: Bot,
    session: AsyncSession,
    chat_id: int,
    texts: Texts,
    screen: Screen,
    lang: str,
    resumed: bool = False,
) -> None:
    text, keyboard = _render(texts, screen, lang, resumed)
    message_id = await _send(bot, chat_id, text, keyboard)
    await responding.remember_message(session, screen, message_id)


async def _show_in_place(
    bot: Bot,
    session: AsyncSession,
    chat_id: int,
    message_id: int,
    texts: Texts,
    screen: Screen,
    lang: str,
) -> None:
    text, keyboard = _render(texts, screen, lang)
    shown = await _edit(bot, chat_id, message_id, text, keyboard)
    await responding.remember_message(session, screen, shown)


async def _enter(state: FSMContext, campaign_id: int) -> None:
    await state.set_state(SurveySG.answering)
    await state.set_data({"survey": campaign_id})


async def _leave(state: FSMContext, campaign_id: int) -> None:
    """Leave the answering state if it is about this campaign."""
    if (await state.get_data()).get("survey") == campaign_id:
        await state.clear()


# --- entry ----------------------------------------------------------------------------------


@router.message(Command("surveys"))
async def cmd_surveys(
    message: Message,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    lang: str,
    zone: ZoneInfo,
    participant: Participant | None,
) -> None:
    if participant is None:
        raise Forbidden("error-not-registered")
    surveys = await responding.open_for(session, clock, participant)
    if not surveys:
        await message.answer(texts("survey-list-empty"))
        return
    lines = [texts("survey-list-title")]
    rows = []
    for item in surveys:
        if item.submitted:
            status = texts("survey-state-done")
        elif item.answered:
            status = texts("survey-state-progress", answered=item.answered, total=item.total)
        else:
            status = texts("survey-state-new")
        lines.append(
            texts(
                "survey-list-row",
                title=render.esc(item.template.label(lang)),
                closes=render.closes_text(item.campaign, zone),
                status=status,
            )
        )
        if not item.submitted:
            label = texts(
                "btn-survey-open-continue" if item.answered else "btn-survey-open",
                title=render.short(item.template.label(lang), 48),
            )
            rows.append([button(label, SurveyCb(a="go", c=item.campaign.id))])
    await message.answer("\n".join(lines), reply_markup=markup(rows) if rows else None)


@router.callback_query(SurveyCb.filter(F.a == "go"))
async def on_go(
    callback: CallbackQuery,
    callback_data: SurveyCb,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    lang: str,
    zone: ZoneInfo,
    state: FSMContext,
    participant: Participant | None,
    bot: Bot,
) -> None:
    try:
        screen = await responding.begin(session, clock, participant, callback_data.c)
    except SurveyClosed:
        await _closed(callback, state, texts, callback_data.c)
        return
    await _enter(state, screen.campaign.id)
    await callback.answer()
    chat_id = callback.from_user.id
    if screen.started:
        await bot.send_message(chat_id, ui.intro_text(texts, screen, lang, zone))
    await _show_new(bot, session, chat_id, texts, screen, lang, resumed=not screen.started)


async def _closed(
    callback: CallbackQuery, state: FSMContext, texts: Texts, campaign_id: int
) -> None:
    await _leave(state, campaign_id)
    await callback.answer(texts("survey-closed"), show_alert=True)
    if isinstance(callback.message, Message):
        try:
            await callback.message.edit_reply_markup(reply_markup=None)
        except TelegramBadRequest:
            pass


# --- answers by button ----------------------------------------------------------------------


@router.callback_query(SurveyCb.filter(F.a.in_({"ch", "dn", "sk"})))
async def on_answer_button(
    callback: CallbackQuery,
    callback_data: SurveyCb,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    lang: str,
    state: FSMContext,
    participant: Participant | None,
    bot: Bot,
) -> None:
    cb = callback_data
    try:
        before = await responding.where(session, clock, participant, cb.c)
        if cb.a == "ch":
            screen = await responding.choose(session, clock, participant, cb.c, cb.q, cb.v)
        elif cb.a == "dn":
            screen = await responding.confirm_choices(session, clock, participant, cb.c, cb.q)
        else:
            screen = await responding.skip(session, clock, participant, cb.c, cb.q)
    except SurveyClosed:
        await _closed(callback, state, texts, cb.c)
        return
    await _enter(state, cb.c)
    await callback.answer()
    question = before.question
    assert question is not None
    chat_id = callback.from_user.id
    pressed = callback.message.message_id if isinstance(callback.message, Message) else None
    answered = ui.answered_text(texts, question, screen.answers.get(question.id), lang)
    await _settle(bot, chat_id, pressed, answered)
    await _show_new(bot, session, chat_id, texts, screen, lang)


@router.callback_query(SurveyCb.filter(F.a == "tg"))
async def on_toggle(
    callback: CallbackQuery,
    callback_data: SurveyCb,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    lang: str,
    state: FSMContext,
    participant: Participant | None,
    bot: Bot,
) -> None:
    cb = callback_data
    try:
        screen = await responding.toggle(session, clock, participant, cb.c, cb.q, cb.v)
    except SurveyClosed:
        await _closed(callback, state, texts, cb.c)
        return
    await _enter(state, cb.c)
    await callback.answer()
    if isinstance(callback.message, Message):
        await _show_in_place(
            bot, session, callback.from_user.id, callback.message.message_id, texts, screen, lang
        )


# --- moving around --------------------------------------------------------------------------


@router.callback_query(SurveyCb.filter(F.a.in_({"bk", "kp", "jp", "wh", "ed"})))
async def on_move(
    callback: CallbackQuery,
    callback_data: SurveyCb,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    lang: str,
    state: FSMContext,
    participant: Participant | None,
    bot: Bot,
) -> None:
    cb = callback_data
    try:
        if cb.a == "bk":
            screen = await responding.back(session, clock, participant, cb.c, cb.q)
        elif cb.a == "kp":
            screen = await responding.keep(session, clock, participant, cb.c, cb.q)
        elif cb.a == "jp":
            screen = await responding.jump(session, clock, participant, cb.c, cb.v)
        else:
            screen = await responding.where(session, clock, participant, cb.c)
    except SurveyClosed:
        await _closed(callback, state, texts, cb.c)
        return
    await _enter(state, cb.c)
    await callback.answer()
    if not isinstance(callback.message, Message):
        return
    chat_id, message_id = callback.from_user.id, callback.message.message_id
    if cb.a == "ed" and screen.question is None:
        text = texts("survey-choose-to-change") + "\n\n" + ui.summary_text(texts, screen, lang)
        shown = await _edit(bot, chat_id, message_id, text, ui.change_keyboard(texts, screen))
        await responding.remember_message(session, screen, shown)
        return
    await _show_in_place(bot, session, chat_id, message_id, texts, screen, lang)


@router.callback_query(SurveyCb.filter(F.a == "ps"))
async def on_pause(
    callback: CallbackQuery,
    callback_data: SurveyCb,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    zone: ZoneInfo,
    state: FSMContext,
    participant: Participant | None,
) -> None:
    """Stop for now: the answers stay in the database; /surveys or the reminder resumes."""
    try:
        screen = await responding.where(session, clock, participant, callback_data.c)
    except SurveyClosed:
        await _closed(callback, state, texts, callback_data.c)
        return
    await _leave(state, callback_data.c)
    await callback.answer()
    if isinstance(callback.message, Message):
        try:
            await callback.message.edit_reply_markup(reply_markup=None)
        except TelegramBadRequest:
            pass
        await send_to_presser(
            callback,
            texts("survey-paused", closes=render.closes_text(screen.campaign, zone)),
            reply_markup=markup(
                [[button(texts("btn-survey-continue"), SurveyCb(a="go", c=callback_data.c))]]
            ),
        )


@router.callback_query(SurveyCb.filter(F.a == "sb"))
async def on_submit(
    callback: CallbackQuery,
    callback_data: SurveyCb,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    state: FSMContext,
    participant: Participant | None,
) -> None:
    try:
        campaign = await responding.submit(session, clock, participant, callback_data.c)
    except SurveyClosed:
        await _closed(callback, state, texts, callback_data.c)
        return
    await _leave(state, campaign.id)
    await callback.answer()
    text = texts("survey-submitted-anonymous" if campaign.anonymous else "survey-submitted")
    if isinstance(callback.message, Message):
        try:
            await callback.message.edit_reply_markup(reply_markup=None)
        except TelegramBadRequest:
            pass
        await send_to_presser(callback, text)


# --- typed answers --------------------------------------------------------------------------


@router.message(SurveySG.answering, F.text, ~F.text.startswith("/"))
async def on_typed(
    message: Message,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    lang: str,
    state: FSMContext,
    participant: Participant | None,
    bot: Bot,
) -> None:
    campaign_id = (await state.get_data()).get("survey")
    if not isinstance(campaign_id, int):
        await state.clear()
        await message.answer(texts("fallback-idle"))
        return
    try:
        before = await responding.where(session, clock, participant, campaign_id)
        screen = await responding.answer(
            session, clock, participant, campaign_id, None, message.text
        )
    except SurveyClosed:
        await state.clear()
        await message.answer(texts("survey-closed"))
        return
    except DomainError as error:
        if error.key not in _LEAVE_ON:
            raise  # a bad answer: rolled back, said, and the question stays
        # Submitted elsewhere, or nothing to continue: typed text no longer goes to the survey.
        await state.clear()
        await message.answer(texts(error.key))
        return
    question = before.question
    assert question is not None
    chat_id = message.chat.id
    answered = ui.answered_text(texts, question, screen.answers.get(question.id), lang)
    await _settle(bot, chat_id, before.progress.message_id, answered)
    await _show_new(bot, session, chat_id, texts, screen, lang)
