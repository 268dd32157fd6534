"""What /invite does with a press: the services check the scope and make the link."""

from __future__ import annotations

import logging

from aiogram.exceptions import TelegramAPIError
from aiogram.fsm.state import State
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram_dialog import DialogManager, ShowMode, StartMode

from bot.context import Ctx
from bot.services import catalog, directory, invites
from handlers.invites.getters import ORGANIZATIONS
from handlers.invites.states import InviteSG
from handlers.kit.context import ctx_of
from handlers.kit.errors import stale
from handlers.ui import local_time
from models.enums import Category, Role

log = logging.getLogger(__name__)


async def start(message: Message, dialog_manager: DialogManager, ctx: Ctx) -> None:
    ctx.actor.require_coordinator()
    await dialog_manager.start(InviteSG.role, mode=StartMode.RESET_STACK, show_mode=ShowMode.SEND)


async def on_role(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    ctx_of(manager).actor.require_coordinator()
    if key not in (Role.mentee, Role.mentor):
        raise stale()
    manager.dialog_data["role"] = key
    await manager.next()


async def on_category(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    ctx.actor.require_coordinator()
    if key not in catalog.CATEGORIES:
        raise stale()
    manager.dialog_data["category"] = key
    municipalities = await directory.municipalities_in_scope(ctx.session, ctx.actor)
    only_one = len(municipalities) == 1
    manager.dialog_data["one_municipality"] = only_one
    if only_one:  # nothing to choose: straight to its organizations
        manager.dialog_data["municipality_id"] = municipalities[0].id
        await manager.switch_to(InviteSG.organization)
        return
    await manager.next()


def before_organization(manager: DialogManager) -> State:
    """Back from the organizations passes over a municipality that was never asked."""
    if manager.dialog_data.get("one_municipality"):
        return InviteSG.category
    return InviteSG.municipality


async def on_municipality(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    municipality = await directory.municipality_in_scope(ctx.session, ctx.actor, key)
    manager.dialog_data["municipality_id"] = municipality.id
    organizations = manager.find(ORGANIZATIONS)
    assert organizations is not None
    await organizations.set_page(0)  # another municipality's list starts at its first page
    await manager.next()


async def on_organization(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    organization = await directory.organization_in_scope(ctx.session, ctx.actor, key)
    manager.dialog_data["organization_id"] = organization.id
    await manager.next()


async def on_expiry(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    if key not in {str(days) for days in invites.OFFERED_DAYS}:
        raise stale()
    manager.dialog_data["expiry"] = int(key)
    await manager.next()


async def on_uses(callback: CallbackQuery, key: str, manager: DialogManager) -> None:
    if key not in {str(uses) for uses in invites.OFFERED_USES}:
        raise stale()
    manager.dialog_data["uses"] = int(key)
    if manager.dialog_data.get("category") == Category.student:
        # A minor joins only if the school holds the parent's consent: ask explicitly.
        await manager.next()
        return
    await _create(callback, manager, consent=False)


async def on_consent(callback: CallbackQuery, key: str, manager: DialogManager) -> None:
    if key not in ("yes", "no"):
        raise stale()
    if key == "yes":
        await _create(callback, manager, consent=True)
        return
    await _close(callback, manager, ctx_of(manager).texts("invite-minor-needs-consent"))


async def _close(callback: CallbackQuery, manager: DialogManager, text: str) -> None:
    await manager.done(show_mode=ShowMode.NO_UPDATE)
    if isinstance(callback.message, Message):
        await callback.message.edit_text(text)


async def _create(callback: CallbackQuery, manager: DialogManager, *, consent: bool) -> None:
    ctx = ctx_of(manager)
    data = manager.dialog_data
    request = invites.InviteRequest(
        role=Role(data["role"]),
        category=Category(data["category"]),
        organization_id=int(data["organization_id"]),
        expires_in_days=int(data["expiry"]),
        max_uses=int(data["uses"]) or None,
        parental_consent_confirmed=consent,
    )
    invite = await invites.create_invite(ctx.session, ctx.clock, ctx.actor, request)
    org = await directory.get_organization(ctx.session, request.organization_id)
    assert callback.bot is not None
    me = await callback.bot.me()
    texts = ctx.texts
    link = invites.invite_link(me.username or "", invite.code)
    # The same link as a QR code, a file (not a photo: Telegram would recompress it) to print;
    # sent before the link's message is shown, so that message stays the last word.
    try:
        await callback.bot.send_document(
            callback.from_user.id,
            BufferedInputFile(invites.invite_qr_png(link), filename=f"invite-{invite.code}.png"),
            caption=texts("invite-qr-caption", organization=org.name),
        )
    except TelegramAPIError as error:  # the link works without its picture
        log.warning("could not send an invite's QR code: %s", error)
    await _close(
        callback,
        manager,
        texts(
            "invite-created",
            link=link,
            role=texts(f"role-{invite.role}"),
            category=texts(f"category-{invite.category}"),
            organization=org.name,
            expires=local_time(invite.expires_at, ctx.zone),
            uses=invite.max_uses or 0,
        ),
    )
