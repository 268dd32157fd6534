"""What the /flash conversation does with a press or a typed answer: the services decide."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager, ShowMode, StartMode

from bot.callbacks.flash import RequestCb
from bot.context import Ctx
from bot.services.flash import render, topics
from bot.services.flash import requests as flash_requests
from bot.services.flash.requests import FORMATS, TIMINGS, RequestDraft
from bot.services.flash.states import S
from handlers.flash.states import FlashAsk
from handlers.flash.ui import flash_env, topic_of
from handlers.kit.context import ctx_of
from handlers.kit.picks import stale
from handlers.ui import button, markup

# The steps in the order they are asked; a step answered while editing returns to the summary.
STEPS = ("topic", "description", "format", "timing")


async def start(message: Message, dialog_manager: DialogManager, ctx: Ctx) -> None:
    await flash_requests.requester_of(ctx.session, ctx.actor)  # a stranger is told to register
    await message.answer(ctx.texts("flash-ask-intro"))
    # A new message under the intro, also when started from a menu button's press.
    await dialog_manager.start(FlashAsk.topic, mode=StartMode.RESET_STACK, show_mode=ShowMode.SEND)


async def _answered(manager: DialogManager, step: str, value: str) -> None:
    """Keep the answer; then the next step, or the summary with the draft saved."""
    data = manager.dialog_data
    data[step] = value
    following = STEPS.index(step) + 1
    if not data.get("editing") and following < len(STEPS):
        await manager.switch_to(getattr(FlashAsk, STEPS[following]))
        return
    ctx = ctx_of(manager)
    request = await flash_requests.save_draft(
        flash_env(ctx),
        ctx.actor,
        RequestDraft(
            topic=data.get("topic", ""),
            description=data.get("description", ""),
            format=data.get("format", ""),
            timing=data.get("timing", ""),
        ),
    )
    data.update(editing=True, request_id=request.id)
    await manager.switch_to(FlashAsk.confirm)


async def on_topic(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    await _answered(manager, "topic", topics.check_topic(topic_of(key)))


async def on_description(_: Message, text: str, manager: DialogManager) -> None:
    await _answered(manager, "description", flash_requests.parse_description(text))


async def on_format(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    if key not in FORMATS:
        raise stale()
    await _answered(manager, "format", key)


async def on_timing(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    if key not in TIMINGS:
        raise stale()
    await _answered(manager, "timing", key)


async def stop_editing(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    """Back from a step walks the steps again, one by one."""
    manager.dialog_data["editing"] = False


async def edit(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    manager.dialog_data["editing"] = True


async def withdraw_draft(manager: DialogManager) -> None:
    """Cancel leaves no draft behind to expire later."""
    request_id = manager.dialog_data.get("request_id")
    if not request_id:
        return
    ctx = ctx_of(manager)
    request = await flash_requests.own(ctx.session, ctx.actor, int(request_id))
    if request.status == S.draft:
        await flash_requests.cancel(flash_env(ctx), ctx.actor, request.id)


async def send(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    result = await flash_requests.submit(
        flash_env(ctx), ctx.actor, int(manager.dialog_data["request_id"])
    )
    await manager.done(show_mode=ShowMode.NO_UPDATE)
    if result.offers:
        key = "flash-sent-offered"
    elif result.escalated:
        key = "flash-sent-escalated"
    else:
        key = "flash-sent-nobody"
    request = result.request
    texts = ctx.texts
    await callback.answer(texts("flash-sent-alert"))
    if isinstance(callback.message, Message):
        await callback.message.edit_text(
            "\n".join(
                [
                    texts(key, id=request.id, count=result.offers),
                    "",
                    render.request_summary(texts, request),
                ]
            ),
            reply_markup=markup(
                [[button(texts("flash-btn-cancel-request"), RequestCb(action="x", rid=request.id))]]
            ),
        )
