"""What /campaigns does with a command or a press: the list, a campaign's card (its results,
closing it early), the schedules. The services decide; here the dialog moves.

The button on the notes the scheduler sends a campaign's owner (opened, closed, launched by a
schedule) is CallbackData (CampaignCb, declared in bot/callbacks/surveys.py): it opens
the card as a dialog."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager, ShowMode, StartMode

from bot.callbacks.surveys import CampaignCb
from bot.context import Ctx
from bot.services.numbers import parse_id
from bot.services.surveys import campaigns, schedules
from handlers.campaigns import getters
from handlers.campaigns.common import BREAKDOWNS
from handlers.campaigns.states import CampaignsSG, LaunchSG
from handlers.kit.context import ctx_of
from handlers.kit.picks import stale
from handlers.ui import pressed_in_private, send_to_presser

# --- the command and the notes' button --------------------------------------------------------


async def campaigns_command(message: Message, dialog_manager: DialogManager, ctx: Ctx) -> None:
    ctx.actor.require_coordinator()
    await dialog_manager.start(
        CampaignsSG.list, mode=StartMode.RESET_STACK, show_mode=ShowMode.SEND
    )


async def card_pressed(
    callback: CallbackQuery,
    callback_data: CampaignCb,
    ctx: Ctx,
    dialog_manager: DialogManager | None = None,
) -> None:
    """A note's «open the campaign»: the card, in the pressed message."""
    ctx.actor.require_coordinator()
    campaign = await campaigns.get_visible(ctx.session, ctx.actor, callback_data.i)
    await callback.answer()
    if dialog_manager is None or not pressed_in_private(callback):
        await send_to_presser(callback, await getters.card_text(ctx, campaign))
        return
    await dialog_manager.start(
        CampaignsSG.card, data={"id": campaign.id}, mode=StartMode.RESET_STACK
    )


async def on_start(start_data: Any, manager: DialogManager) -> None:
    ctx_of(manager).actor.require_coordinator()
    if isinstance(start_data, dict) and "id" in start_data:
        manager.dialog_data["id"] = int(start_data["id"])


# --- the list and the card ----------------------------------------------------------------------


async def open_campaign(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    number = parse_id(key)
    if number is None:
        raise stale()
    campaign = await campaigns.get_visible(ctx.session, ctx.actor, number)
    manager.dialog_data.update(id=campaign.id, breakdown=None)
    await manager.switch_to(CampaignsSG.card)


async def pick_breakdown(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    if key not in BREAKDOWNS:
        raise stale()
    manager.dialog_data["breakdown"] = key


async def close_now(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    campaign_id = int(manager.dialog_data.get("id", 0))
    await campaigns.close_now(ctx.session, ctx.clock, ctx.actor, campaign_id)
    manager.dialog_data["breakdown"] = None
    await callback.answer(ctx.texts("campaign-closed-now"))
    await manager.switch_to(CampaignsSG.card)


# --- launching: the wizard is a dialog of its own, over the list or the schedules --------------


async def new_campaign(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    ctx_of(manager).actor.require_coordinator()
    await manager.start(LaunchSG.template, data={"mode": "c"})


async def new_schedule(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    ctx_of(manager).actor.require_coordinator()
    await manager.start(LaunchSG.template, data={"mode": "s"})


async def on_launched(_: Any, result: Any, manager: DialogManager) -> None:
    """The wizard closed: what it made is shown; Back or Cancel leave the list as it was
    (Cancel closes it too, right after)."""
    if not isinstance(result, dict):
        return
    if "campaign" in result:
        manager.dialog_data.update(launched="campaign", id=int(result["campaign"]))
    elif "schedule" in result:
        manager.dialog_data.update(launched="schedule", schedule=int(result["schedule"]))
    else:
        return
    await manager.switch_to(CampaignsSG.launched)


async def open_launched(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    manager.dialog_data["breakdown"] = None
    await manager.switch_to(CampaignsSG.card)


# --- schedules --------------------------------------------------------------------------------


async def stop_schedule(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    number = parse_id(key)
    if number is None:
        raise stale()
    await schedules.stop_schedule(ctx.session, ctx.clock, ctx.actor, number)
