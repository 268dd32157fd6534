"""Writing inside a pair through the bot: «✉ Написать …» on the pair's card, or «↩ Ответить»
under relayed words, opens the kit's relay window; «Готово» stops. Who may write to whom is
bot.services.mentorship.talk's rule, re-checked on every message."""

from __future__ import annotations

from html import escape
from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager, ShowMode

from bot.callbacks.mentorship import TalkCb
from bot.context import Ctx
from bot.services.errors import InvalidInput
from bot.services.mentorship import talk
from handlers.kit.context import ctx_of
from handlers.kit.relay import mark_sent, relay_window, was_sent
from handlers.kit.under import start_under
from handlers.mentorships.getters import mentorship_id
from handlers.mentorships.states import PairTalkSG

UNDER = "under"  # started below a relayed message, not over the pair's card


def _target(manager: DialogManager) -> tuple[int, int]:
    data = manager.start_data
    ms, to = (data.get("ms"), data.get("to", 0)) if isinstance(data, dict) else (None, None)
    if not isinstance(ms, int) or not isinstance(to, int):
        raise InvalidInput("error-stale-button")
    return ms, to


async def _to_whom(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    ctx = ctx_of(dialog_manager)
    ms, to = _target(dialog_manager)
    found = await talk.check(ctx.session, ctx.actor, ms, to)
    names = ", ".join(escape(person.full_name or "—") for person in found.to)
    return {"name": names, "sent": was_sent(dialog_manager)}


async def _relay_text(_: Message, text: str, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    ms, to = _target(manager)
    await talk.relay_text(ctx.session, ctx.clock, ctx.translator, ctx.actor, ms, text, to)
    mark_sent(manager)


async def _relay_file(message: Message, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    ms, to = _target(manager)
    await talk.relay_copy(
        ctx.session,
        ctx.clock,
        ctx.translator,
        ctx.actor,
        ms,
        message.chat.id,
        message.message_id,
        to,
    )
    mark_sent(manager)


async def _done(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    data = manager.start_data
    if isinstance(data, dict) and data.get(UNDER):
        # Below a relayed message: the prompt becomes a word, the message above keeps its button.
        await manager.done(show_mode=ShowMode.NO_UPDATE)
        if isinstance(callback.message, Message):
            await callback.message.edit_text(ctx_of(manager).texts("pair-talk-done"))
        return
    await manager.done()  # back to the pair's card


async def write_pressed(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    """«✉ Написать …» on the card: to the other side of the pair (every mentee of a group)."""
    ctx = ctx_of(manager)
    found = await talk.check(ctx.session, ctx.actor, mentorship_id(manager))
    await manager.start(PairTalkSG.relay, {"ms": found.mentorship.id, "to": 0})


async def reply_pressed(
    callback: CallbackQuery,
    callback_data: TalkCb,
    ctx: Ctx,
    dialog_manager: DialogManager | None = None,
) -> None:
    """«↩ Ответить» under relayed words: to their sender, while the pair is active."""
    found = await talk.check(ctx.session, ctx.actor, callback_data.id, callback_data.to)
    await callback.answer()
    await start_under(
        dialog_manager,
        PairTalkSG.relay,
        {"ms": found.mentorship.id, "to": callback_data.to, UNDER: True},
    )


def talk_dialog() -> Dialog:
    return Dialog(
        relay_window(
            PairTalkSG.relay,
            prompt="pair-talk-prompt",
            sent="pair-talk-sent",
            getter=_to_whom,
            on_text=_relay_text,
            on_file=_relay_file,
            on_done=_done,
        ),
    )
