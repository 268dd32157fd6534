"""What /profile does with a press or a typed answer: the services decide and save."""

from __future__ import annotations

import json
from typing import Any

from aiogram import Bot
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram_dialog import DialogManager, ShowMode, StartMode
from aiogram_dialog.widgets.kbd.button import OnClick

from bot.context import Ctx
from bot.services import account_deletion, catalog, directory, org_change, participants, privacy
from bot.services.errors import Forbidden
from handlers import menu
from handlers.kit.context import ctx_of
from handlers.kit.picks import OnPick, choose, chosen, stale
from handlers.main_menu import pending_text
from handlers.profile.states import ProfileSG
from handlers.ui import edit_or_send
from models import Participant
from models.enums import Role

# The multi-choice fields: the catalog texts' prefix and the catalog.
MULTI = {
    "subjects": ("subject", catalog.SUBJECTS),
    "deficits": ("deficit", catalog.DEFICITS),
    "expertise": ("deficit", catalog.DEFICITS),
    "formats": ("format", catalog.FORMATS),
}


MOVE_ORGS = "move_orgs"  # the paged list of a municipality's organizations, for a move


def _person(manager: DialogManager) -> Participant:
    """The person the profile was opened for: a dialog of an account since deleted is old."""
    person = ctx_of(manager).person
    if person.id != manager.dialog_data.get("person"):
        raise stale()
    return person


async def show(message: Message, dialog_manager: DialogManager, ctx: Ctx) -> None:
    await dialog_manager.start(
        ProfileSG.card,
        data={"person": ctx.person.id},
        mode=StartMode.RESET_STACK,
        show_mode=ShowMode.SEND,
    )


async def on_start(start_data: Any, manager: DialogManager) -> None:
    manager.dialog_data.update(start_data or {})


def edit(field: str) -> OnClick:
    """Opening one field's window: only a field the person has, its saved answers ticked."""

    async def opened(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
        person = _person(manager)
        participants.check_editable(person, field)
        if field in MULTI:
            await choose(manager, field, list(getattr(person, field)))

    return opened


async def _save(manager: DialogManager, field: str, value: Any) -> None:
    ctx = ctx_of(manager)
    await participants.update_profile(ctx.session, ctx.clock, _person(manager), field, value)


async def on_full_name(_: Message, text: str, manager: DialogManager) -> None:
    await _save(manager, "full_name", text)
    await manager.switch_to(ProfileSG.card)


async def on_experience(_: Message, text: str, manager: DialogManager) -> None:
    await _save(manager, "experience", text)
    await manager.switch_to(ProfileSG.card)


def toggled(field: str) -> OnPick:
    """A tick saved at once (the last format cannot go: the marks stay as they were)."""

    async def save(_: CallbackQuery, key: str, manager: DialogManager) -> None:
        if key not in MULTI[field][1]:
            raise stale()
        await _save(manager, field, chosen(manager, field))

    return save


async def on_capacity(callback: CallbackQuery, key: str, manager: DialogManager) -> None:
    await _save(manager, "capacity", key)
    await callback.answer(ctx_of(manager).texts("profile-saved"))
    await manager.switch_to(ProfileSG.card)


async def toggle_flash(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    await _save(manager, "flash", not _person(manager).flash_available)


async def mydata(message: Message, ctx: Ctx) -> None:
    await _send_export(message, ctx, ctx.person)


async def export(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    person = _person(manager)
    manager.show_mode = ShowMode.NO_UPDATE  # the card stays as it is, the file below it
    if isinstance(callback.message, Message):
        await _send_export(callback.message, ctx_of(manager), person)


async def _send_export(message: Message, ctx: Ctx, person: Participant) -> None:
    data = await privacy.export_personal_data(ctx.session, person)
    payload = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    await message.answer_document(
        BufferedInputFile(payload, filename=f"mydata-{person.id}.json"),
        caption=ctx.texts("mydata-caption"),
    )


async def delete(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    person = _person(manager)
    tg_id = person.tg_id
    await account_deletion.delete_account(
        ctx.session, ctx.clock, ctx.translator, ctx.settings, person
    )
    if tg_id is not None:  # after the erasure, which drops everything queued for the chat
        bot: Bot = manager.middleware_data["bot"]
        await menu.reset_menu(bot, tg_id)
    state: FSMContext = manager.middleware_data["state"]
    await state.clear()
    # aiogram_dialog writes its records when the update commits, after this returns: the
    # dialogs are closed now (the keyboard too, so no record keeps even the message id), or
    # they would be written back for an erased person.
    await manager.reset_stack()
    await edit_or_send(callback, ctx.texts("delete-done"), None)


# --- moving to another organization --------------------------------------------------------


async def move_start(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    person = _person(manager)
    if person.has_role(Role.coordinator):
        raise Forbidden("org-change-coordinator")


async def move_municipality(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    munis = await directory.list_municipalities(ctx.session)
    if key not in {str(m.id) for m in munis}:
        raise stale()
    manager.dialog_data["move_municipality"] = int(key)
    organizations = manager.find(MOVE_ORGS)
    assert organizations is not None
    await organizations.set_page(0)
    await manager.switch_to(ProfileSG.move_organization)


async def move_organization(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    municipality = int(manager.dialog_data.get("move_municipality", 0))
    orgs = await directory.list_organizations(ctx.session, municipality)
    if key not in {str(o.id) for o in orgs}:
        raise stale()
    # Checked now (the same organization, a coordinator): refused before the summary.
    await org_change.preview(ctx.session, _person(manager), int(key), ctx.settings.admin_ids)
    manager.dialog_data["move_organization"] = int(key)
    await manager.switch_to(ProfileSG.move_confirm)


async def move_confirmed(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    person = _person(manager)
    organization_id = int(manager.dialog_data.get("move_organization", 0))
    await org_change.move(
        ctx.session, ctx.clock, ctx.translator, ctx.settings, person, organization_id
    )
    # Pending now: the command menu shrinks to what a waiting person may use.
    await menu.queue_commands(
        ctx.session, ctx.clock, ctx.translator, person, ctx.settings.admin_ids
    )
    await manager.done(show_mode=ShowMode.NO_UPDATE)
    text = ctx.texts("profile-moved", organization=person.organization.name)
    await edit_or_send(callback, f"{text}\n\n{await pending_text(ctx, person)}", None)
