"""What the registration does with /start, a press or a typed answer: the services decide."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiogram.filters import CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager, ShowMode, StartMode

from bot.context import Ctx
from bot.services import (
    catalog,
    directory,
    invites,
    participants,
    pending_notices,
    registration,
    steps,
)
from bot.services.access import Scope, actor_for
from bot.services.errors import DomainError, Forbidden, InvalidInput
from bot.services.registration import RegistrationDraft
from handlers import menu
from handlers.kit.context import ctx_of
from handlers.kit.picks import chosen, stale
from handlers.main_menu import main_menu_keyboard
from handlers.registration.states import RegistrationSG
from handlers.ui import edit_or_send
from models import Invite, Participant
from models.enums import Category, ParticipantStatus, Role, ScopeLevel

STATE_OF = {name: getattr(RegistrationSG, name) for name in steps.ORDER}
STEP_OF = {state: name for name, state in STATE_OF.items()}

# The multi-choice steps: their catalog, and whether one answer at least is needed.
MULTI = {
    "subjects": catalog.SUBJECTS,
    "deficits": catalog.DEFICITS,
    "expertise": catalog.DEFICITS,
    "formats": catalog.FORMATS,
}
NEEDS_ONE = ("expertise", "formats")
ORGANIZATIONS = "orgs"  # the paged list of a municipality's organizations


def _state(manager: DialogManager) -> FSMContext:
    state: FSMContext = manager.middleware_data["state"]
    return state


# --- entry --------------------------------------------------------------------------------


async def start(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    dialog_manager: DialogManager,
    ctx: Ctx,
) -> None:
    code = (command.args or "").strip()
    if ctx.participant is not None:
        await state.clear()
        await _registered(message, ctx, ctx.participant, code)
        return
    # The language chosen with /language before registering stays in the FSM data, where
    # the context middleware reads it for every later update; nothing else is kept there.
    lang = (await state.get_data()).get("lang")
    await state.set_state(None)
    await state.set_data({"lang": lang} if lang else {})
    data: dict[str, Any] = {}
    if code:
        invite: Invite | None = await invites.check_invite(ctx.session, ctx.clock, code)
        assert invite is not None
        # Kept apart from the conversation: a refusal or a cancel clears that, not this.
        await invites.remember_pending(ctx.session, ctx.clock, ctx.actor.tg_id, invite)
    else:
        invite, lost = await invites.recall_pending(ctx.session, ctx.clock, ctx.actor.tg_id)
        data.update(resumed=invite is not None, lost=invite is None and lost is not None)
    if invite is not None:
        data.update(_invite_data(invite))
    await dialog_manager.start(
        RegistrationSG.consent, data=data, mode=StartMode.RESET_STACK, show_mode=ShowMode.SEND
    )


async def on_start(start_data: Any, manager: DialogManager) -> None:
    manager.dialog_data.update(start_data or {})


def _invite_data(invite: Invite) -> dict[str, Any]:
    """What an invite fixes in the conversation: the steps it answers are skipped."""
    data: dict[str, Any] = {
        "invite": {
            "id": invite.id,
            "role": invite.role,
            "category": invite.category,
            "organization_id": invite.organization_id,
            "parental_consent": invite.parental_consent_confirmed,
            "scope": [invite.scope_level, invite.scope_id] if invite.scope_level else None,
        },
        "role": invite.role,
    }
    if invite.category:
        data["category"] = invite.category
    if invite.organization_id:
        data["organization_id"] = invite.organization_id
    return data


async def _registered(message: Message, ctx: Ctx, participant: Participant, code: str) -> None:
    if code and participant.status == ParticipantStatus.pending:
        await _join_by_invite(message, ctx, participant, code)
        return
    key = (
        "start-pending" if participant.status == ParticipantStatus.pending else "start-welcome-back"
    )
    if participant.status == ParticipantStatus.rejected:
        key = "start-rejected"
    texts = ctx.texts
    welcome_menu = main_menu_keyboard(ctx.actor, texts) if key == "start-welcome-back" else None
    await message.answer(texts(key, name=participant.full_name or ""), reply_markup=welcome_menu)
    if code:
        await message.answer(texts("start-already-registered"))


async def _join_by_invite(message: Message, ctx: Ctx, participant: Participant, code: str) -> None:
    """A registration waiting for approval, and now an invite: it applies at once."""
    invite = await invites.check_invite(ctx.session, ctx.clock, code)
    admin_ids = ctx.settings.admin_ids
    # Those asked to decide the registration are told it no longer waits: found before the
    # organization changes, since they are the old organization's.
    await pending_notices.resolved_by_invite(
        ctx.session, ctx.clock, ctx.translator, participant, admin_ids
    )
    person = await registration.join_by_invite(ctx.session, ctx.clock, participant, invite)
    texts = ctx.texts
    text = texts(
        "start-invite-applied",
        name=person.full_name or "",
        organization=person.organization.label,
        roles=", ".join(texts(f"role-{g.role}") for g in person.roles),
    )
    # Now a coordinator: what waited for someone to decide it, as after a registration.
    waiting = await participants.pending_count(
        ctx.session, actor_for(ctx.actor.tg_id, person, admin_ids)
    )
    if waiting and person.has_role(Role.coordinator):
        text += "\n\n" + texts("registration-pending-waiting", count=waiting)
    await message.answer(text)
    await menu.queue_commands(ctx.session, ctx.clock, ctx.translator, person, admin_ids)


# --- consent, cancel ----------------------------------------------------------------------


async def agree(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    manager.dialog_data.update(
        consent_at=ctx.clock.now().isoformat(), consent_version=ctx.settings.consent_version
    )
    await _go(manager, None)


async def refuse(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    """Refusing stores nothing, not even the conversation."""
    await forget(manager)
    text = await _left_text(manager, "consent-refused")
    await manager.done(show_mode=ShowMode.NO_UPDATE)
    await edit_or_send(callback, text, None)


async def forget(manager: DialogManager) -> None:
    """A cancel or a refusal: the FSM data (the language chosen meanwhile) goes too."""
    await _state(manager).clear()


async def cancelled_text(manager: DialogManager) -> str:
    return await _left_text(manager, "registration-cancelled")


async def _left_text(manager: DialogManager, key: str) -> str:
    """What a refusal or a cancel says: nothing kept, except an opened invite (and until when)."""
    ctx = ctx_of(manager)
    until = await invites.pending_until(ctx.session, ctx.actor.tg_id)
    if until is None:
        return ctx.texts(key)
    return ctx.texts(f"{key}-invite", until=until.astimezone(ctx.zone).strftime("%d.%m.%Y"))


# --- the steps ----------------------------------------------------------------------------


def asked(state: State, manager: DialogManager) -> bool:
    """Whether a window is one of this person's steps (Back passes over the others)."""
    return steps.applies(STEP_OF.get(state, ""), manager.dialog_data)


async def _go(manager: DialogManager, done: str | None) -> None:
    """The step `done` is answered: on to the next one that applies."""
    await manager.switch_to(STATE_OF[steps.next_step(done, manager.dialog_data)])


async def on_full_name(_: Message, text: str, manager: DialogManager) -> None:
    manager.dialog_data["full_name"] = registration.parse_full_name(text)
    await _go(manager, "full_name")


async def on_experience(_: Message, text: str, manager: DialogManager) -> None:
    manager.dialog_data["experience_years"] = registration.parse_experience(text)
    await _go(manager, "experience")


async def on_category(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    if key not in catalog.CATEGORIES:
        raise stale()
    # A minor joins only through an invite on which the parents' consent was confirmed.
    invite = manager.dialog_data.get("invite") or {}
    if key == Category.student and not invite.get("parental_consent"):
        raise Forbidden("registration-minor-needs-invite")
    manager.dialog_data["category"] = key
    await _go(manager, "category")


def scope_of(data: dict[str, Any]) -> Scope | None:
    """A coordinator invite's municipality or region: their organization is chosen inside it."""
    scope = (data.get("invite") or {}).get("scope")
    return Scope(ScopeLevel(scope[0]), int(scope[1])) if scope else None


async def on_municipality(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    munis = await directory.list_municipalities(ctx.session, scope_of(manager.dialog_data))
    if key not in {str(m.id) for m in munis}:
        raise stale()
    manager.dialog_data["municipality_id"] = int(key)
    organizations = manager.find(ORGANIZATIONS)
    assert organizations is not None
    await organizations.set_page(0)
    await _go(manager, "municipality")


async def on_organization(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    municipality = int(manager.dialog_data.get("municipality_id", 0))
    orgs = await directory.list_organizations(ctx.session, municipality)
    if key not in {str(o.id) for o in orgs}:
        raise stale()
    manager.dialog_data["organization_id"] = int(key)
    await _go(manager, "organization")


async def on_role(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    if key not in (Role.mentee, Role.mentor):
        raise stale()
    manager.dialog_data["role"] = key
    await _go(manager, "role")


def multi_done(step: str) -> Any:
    """The "done" button under a multi-choice step: keep the ticked keys of the catalog."""

    async def done(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
        keys = catalog.valid_keys(MULTI[step], chosen(manager, step))
        if step in NEEDS_ONE and not keys:
            raise InvalidInput(f"registration-{step}-empty")
        manager.dialog_data[step] = keys
        await _go(manager, step)

    return done


async def on_capacity(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    manager.dialog_data["capacity"] = registration.parse_capacity(key)
    await _go(manager, "capacity")


async def on_flash(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    if key not in ("yes", "no"):
        raise stale()
    manager.dialog_data["flash_available"] = key == "yes"
    await _go(manager, "flash")


async def confirm(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    draft = _draft(manager.dialog_data, ctx.texts.lang)
    person = await registration.register(ctx.session, ctx.clock, ctx.actor.tg_id, draft)
    await forget(manager)
    await manager.done(show_mode=ShowMode.NO_UPDATE)
    texts = ctx.texts
    name = person.full_name or ""
    admin_ids = ctx.settings.admin_ids
    if person.status == ParticipantStatus.pending:
        reach = await pending_notices.registration_pending(
            ctx.session, ctx.clock, ctx.translator, person, admin_ids
        )
        text = texts(f"registration-pending-{reach}", name=name)
    else:
        text = texts("registration-done", name=name)
        # A coordinator who joins finds at once what waited for someone to decide it.
        waiting = await participants.pending_count(
            ctx.session, actor_for(ctx.actor.tg_id, person, admin_ids)
        )
        if waiting:
            text += "\n\n" + texts("registration-pending-waiting", count=waiting)
    await edit_or_send(callback, text, None)
    await menu.queue_commands(ctx.session, ctx.clock, ctx.translator, person, admin_ids)


def _draft(data: dict[str, Any], lang: str) -> RegistrationDraft:
    try:
        return RegistrationDraft(
            consent_version=data["consent_version"],
            consent_at=datetime.fromisoformat(data["consent_at"]),
            language=lang,
            full_name=data["full_name"],
            category=Category(data["category"]),
            organization_id=int(data["organization_id"]),
            role=Role(data["role"]),
            invite_id=(data.get("invite") or {}).get("id"),
            subjects=data.get("subjects", []),
            experience_years=data.get("experience_years"),
            deficits=data.get("deficits", []),
            expertise=data.get("expertise", []),
            capacity=data.get("capacity", 0),
            flash_available=data.get("flash_available", False),
            formats=data.get("formats", []),
        )
    except (KeyError, ValueError) as exc:  # a conversation from an older version of the bot
        raise DomainError("registration-incomplete") from exc
