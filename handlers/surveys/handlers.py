"""What answering a survey does with a press or a typed answer: the services decide.

The database (survey_progress) is the truth about where a respondent is: every action is
saved the moment it is made (a tick too), so «later», a restart or another day resume it.
An answered question's message keeps the question and the answer, without buttons, and the
next one comes as a new message; ticks, Back, «keep» and a jump redraw in place.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import wraps
from typing import Any, TypeVar

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, Chat, Message
from aiogram_dialog import DialogManager, ShowMode, StartMode
from sqlalchemy.ext.asyncio import AsyncSession

from bot.callbacks.surveys import SurveyCb
from bot.clock import Clock
from bot.context import Ctx
from bot.services.errors import DomainError
from bot.services.numbers import MAX_PAGE, parse_id, parse_int
from bot.services.surveys import render, responding
from bot.services.surveys.responding import Screen
from handlers.kit.context import ctx_of
from handlers.kit.picks import stale
from handlers.surveys import screens
from handlers.surveys.states import SurveyAnswer
from handlers.ui import button, markup, send_to_presser
from models import Participant

# Errors after which typed text stops going to the survey (a press is just refused).
_CLOSED = frozenset({"survey-closed"})
_LEAVE_ON = _CLOSED | {"survey-already-submitted", "survey-not-found", "survey-stale-question"}

Event = TypeVar("Event", CallbackQuery, Message)
Handler = Callable[[Event, Any, DialogManager], Awaitable[None]]


def _campaign(manager: DialogManager) -> int:
    return int(manager.dialog_data["campaign"])


def _leaving(keys: frozenset[str]) -> Callable[[Handler[Event]], Handler[Event]]:
    """On these errors the dialog closes (its buttons go) and the person is told why."""

    def wrap(handler: Handler[Event]) -> Handler[Event]:
        @wraps(handler)
        async def run(event: Event, value: Any, manager: DialogManager) -> None:
            try:
                await handler(event, value, manager)
            except DomainError as error:
                if error.key not in keys:
                    raise  # rolled back and said; the dialog stays where it was
                await manager.done()
                text = ctx_of(manager).texts(error.key, **error.params)
                if isinstance(event, CallbackQuery):
                    await event.answer(text, show_alert=True)
                else:
                    await event.answer(text)

        return run

    return wrap


async def _show(manager: DialogManager, screen: Screen, *, resumed: bool = False) -> None:
    manager.dialog_data["resumed"] = resumed  # «we go on from where you stopped», once
    await manager.switch_to(
        SurveyAnswer.question if screen.question is not None else SurveyAnswer.summary
    )


async def _answered(manager: DialogManager, before: Screen, after: Screen) -> None:
    """The question behind us turns into its answer; the next screen is a new message."""
    question = before.question
    assert question is not None
    ctx = ctx_of(manager)
    value = after.answers.get(question.id)
    text = screens.answered_text(ctx.texts, question, value, ctx.texts.lang)
    message_id = manager.current_stack().last_message_id
    bot: Bot = manager.middleware_data["bot"]
    chat: Chat = manager.middleware_data["event_chat"]
    if message_id is not None:
        try:
            await bot.edit_message_text(
                text=text, chat_id=chat.id, message_id=message_id, reply_markup=None
            )
        except TelegramBadRequest:
            pass  # too old or deleted: the service refuses its buttons anyway
    manager.show_mode = ShowMode.SEND
    await _show(manager, after)


# --- starting ----------------------------------------------------------------------------


async def list_surveys(message: Message, dialog_manager: DialogManager, ctx: Ctx) -> None:
    """/surveys: the open surveys, each to start or to continue."""
    if not await responding.open_for(ctx.session, ctx.clock, ctx.person):
        await message.answer(ctx.texts("survey-list-empty"))
        return
    await dialog_manager.start(
        SurveyAnswer.surveys, mode=StartMode.RESET_STACK, show_mode=ShowMode.SEND
    )


async def started(_: Any, manager: DialogManager) -> None:
    data = manager.start_data
    if isinstance(data, dict):
        manager.dialog_data.update(data)


async def _intro(manager: DialogManager, screen: Screen) -> None:
    """A survey just begun is introduced in a message of its own, above the first question."""
    ctx = ctx_of(manager)
    bot: Bot = manager.middleware_data["bot"]
    chat: Chat = manager.middleware_data["event_chat"]
    text = screens.intro_text(ctx.texts, screen, ctx.texts.lang, ctx.zone)
    await bot.send_message(chat.id, text)


async def go(
    callback: CallbackQuery, callback_data: SurveyCb, dialog_manager: DialogManager, ctx: Ctx
) -> None:
    """The button of an invitation, a reminder or the «paused» note: the survey, from where
    the respondent stopped (those messages are not part of a dialog: they start one)."""
    try:
        screen = await responding.begin(ctx.session, ctx.clock, ctx.participant, callback_data.c)
    except responding.SurveyClosed:
        if dialog_manager.has_context() and (
            dialog_manager.dialog_data.get("campaign") == callback_data.c
        ):
            await dialog_manager.done(show_mode=ShowMode.NO_UPDATE)
        await callback.answer(ctx.texts("survey-closed"), show_alert=True)
        if isinstance(callback.message, Message):
            try:
                await callback.message.edit_reply_markup(reply_markup=None)
            except TelegramBadRequest:
                pass
        return
    await callback.answer()
    if screen.started:
        await _intro(dialog_manager, screen)
    await dialog_manager.start(
        SurveyAnswer.question if screen.question is not None else SurveyAnswer.summary,
        data={"campaign": screen.campaign.id, "resumed": not screen.started},
        mode=StartMode.RESET_STACK,
        show_mode=ShowMode.SEND,
    )


@_leaving(_CLOSED)
async def open_survey(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    """A survey from the list: begun now (its introduction first) or resumed in place."""
    campaign_id = parse_id(key)
    if campaign_id is None:
        raise stale()
    ctx = ctx_of(manager)
    screen = await responding.begin(ctx.session, ctx.clock, ctx.participant, campaign_id)
    manager.dialog_data["campaign"] = campaign_id
    if screen.started:
        await _intro(manager, screen)
        manager.show_mode = ShowMode.SEND
    await _show(manager, screen, resumed=not screen.started)


# --- answers -----------------------------------------------------------------------------


def _call(manager: DialogManager) -> tuple[AsyncSession, Clock, Participant | None, int]:
    """What every service call of the survey begins with: who, when, which campaign."""
    ctx = ctx_of(manager)
    return ctx.session, ctx.clock, ctx.participant, _campaign(manager)


@_leaving(_CLOSED)
async def choose(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    position, index = screens.parse_item(key)
    before = await _on_screen(manager)
    after = await responding.choose(*_call(manager), position, index)
    await _answered(manager, before, after)


@_leaving(_CLOSED)
async def toggle(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    """A tick is saved at once (the draft); a refused one (a limit) keeps its mark off."""
    position, index = screens.parse_item(key)
    await responding.toggle(*_call(manager), position, index)


async def _on_screen(manager: DialogManager) -> Screen:
    """The screen now: what Done, Skip, Keep and Back act on (its position)."""
    return await responding.where(*_call(manager))


@_leaving(_CLOSED)
async def done(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    before = await _on_screen(manager)
    after = await responding.confirm_choices(*_call(manager), before.position)
    await _answered(manager, before, after)


@_leaving(_CLOSED)
async def skip(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    before = await _on_screen(manager)
    after = await responding.skip(*_call(manager), before.position)
    await _answered(manager, before, after)


@_leaving(_LEAVE_ON)
async def typed(_: Message, text: str, manager: DialogManager) -> None:
    before = await _on_screen(manager)
    after = await responding.answer(*_call(manager), None, text)
    await _answered(manager, before, after)


# --- moving around -----------------------------------------------------------------------


@_leaving(_CLOSED)
async def keep(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    position = (await _on_screen(manager)).position
    await _show(manager, await responding.keep(*_call(manager), position))


@_leaving(_CLOSED)
async def back(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    """The question before (from the summary: the last one), as the conditions have it."""
    position = (await _on_screen(manager)).position
    await _show(manager, await responding.back(*_call(manager), position))


@_leaving(_CLOSED)
async def jump(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    """From the summary to one question, to change its answer (then on to what is left)."""
    target = parse_int(key, high=MAX_PAGE)  # a question's position in the template
    if target is None:
        raise stale()
    await _show(manager, await responding.jump(*_call(manager), target))


@_leaving(_CLOSED)
async def pause(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    """Stop for now: the answers stay saved; the note's button, a reminder or /surveys resume."""
    screen = await _on_screen(manager)
    ctx = ctx_of(manager)
    texts = ctx.texts
    await manager.done()
    await callback.answer()
    await send_to_presser(
        callback,
        texts("survey-paused", closes=render.closes_text(screen.campaign, ctx.zone)),
        markup([[button(texts("btn-survey-continue"), SurveyCb(a="go", c=screen.campaign.id))]]),
    )


@_leaving(_CLOSED)
async def submit(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    campaign = await responding.submit(*_call(manager))
    texts = ctx_of(manager).texts
    await manager.done()
    await callback.answer()
    key = "survey-submitted-anonymous" if campaign.anonymous else "survey-submitted"
    await send_to_presser(callback, texts(key))
