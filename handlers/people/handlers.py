"""What the people screens do: open the list (a command, or the button on a coordinator's
"a new person waits" notice), open a card, decide; the services keep to the scope."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager, ShowMode, StartMode
from aiogram_dialog.widgets.kbd import Button

from bot.context import Ctx
from bot.services import participants, people_notices
from bot.services.numbers import parse_id
from handlers import menu
from handlers.kit.context import ctx_of
from handlers.kit.errors import stale
from handlers.people import getters
from handlers.people.states import PeopleSG
from handlers.ui import PeopleCb, pressed_in_private, send_to_presser
from models import Participant
from models.enums import ParticipantStatus


async def _open_list(manager: DialogManager, ctx: Ctx, status: str) -> None:
    ctx.actor.require_coordinator()
    await manager.start(
        PeopleSG.list, {"status": status}, mode=StartMode.RESET_STACK, show_mode=ShowMode.SEND
    )


async def participants_command(_: Message, dialog_manager: DialogManager, ctx: Ctx) -> None:
    await _open_list(dialog_manager, ctx, getters.ALL)


async def pending_command(_: Message, dialog_manager: DialogManager, ctx: Ctx) -> None:
    await _open_list(dialog_manager, ctx, ParticipantStatus.pending)


async def pending_notice_pressed(
    callback: CallbackQuery, dialog_manager: DialogManager, ctx: Ctx
) -> None:
    if not pressed_in_private(callback):  # a group sees no one's registration
        ctx.actor.require_coordinator()
        await callback.answer()
        await send_to_presser(callback, ctx.texts("people-open-pending"))
        return
    await _open_list(dialog_manager, ctx, ParticipantStatus.pending)
    await callback.answer()


async def card_pressed(
    callback: CallbackQuery, callback_data: PeopleCb, dialog_manager: DialogManager, ctx: Ctx
) -> None:
    """A person's card from another screen (the mentors over capacity)."""
    person = await participants.get_in_scope(ctx.session, ctx.actor, callback_data.pid)
    if not pressed_in_private(callback):  # the card goes to the presser's chat, as text only
        await callback.answer()
        await send_to_presser(callback, getters.card_text(person, ctx.texts))
        return
    await dialog_manager.start(
        PeopleSG.card, {"pid": person.id}, mode=StartMode.RESET_STACK, show_mode=ShowMode.SEND
    )
    await callback.answer()


async def on_start(start_data: Any, manager: DialogManager) -> None:
    manager.dialog_data.update(start_data or {})


async def on_open(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    pid = parse_id(key)
    if pid is None:
        raise stale()
    person = await participants.get_in_scope(ctx.session, ctx.actor, pid)  # or "not found"
    manager.dialog_data["pid"] = person.id
    await manager.switch_to(PeopleSG.card)


async def _filter(manager: DialogManager, name: str, value: str) -> None:
    manager.dialog_data[name] = value
    pager = manager.find(getters.PEOPLE)
    assert pager is not None
    await pager.set_page(0)  # another filter: its first page


async def on_role(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    if key not in getters.ROLES:
        raise stale()
    await _filter(manager, "role", key)


async def on_status(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    if key not in getters.STATUSES:
        raise stale()
    await _filter(manager, "status", key)


async def on_action(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    action = button.widget_id or ""
    pid = int(manager.dialog_data["pid"])
    if action == "approve":
        person = await participants.approve(ctx.session, ctx.clock, ctx.actor, pid)
    elif action == "reject":
        person = await participants.reject(ctx.session, ctx.clock, ctx.actor, pid)
    else:
        person = await participants.set_mentor(
            ctx.session, ctx.clock, ctx.actor, pid, grant=action == "grant"
        )
    await _notify(ctx, person, action)
    await callback.answer(ctx.texts(f"people-done-{action}"))


async def _notify(ctx: Ctx, person: Participant, action: str) -> None:
    """Tell the person what the coordinator decided, and refresh their command menu."""
    await people_notices.tell_decided(ctx.session, ctx.clock, ctx.translator, person, action)
    if person.tg_id is None:
        return
    await menu.queue_commands(
        ctx.session, ctx.clock, ctx.translator, person, ctx.settings.admin_ids
    )
