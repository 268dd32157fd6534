"""Registration: /start (with an optional invite), consent, then the profile step by step."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import Bot, F, Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Texts
from bot.services import (
    catalog,
    directory,
    invites,
    participants,
    pending_notices,
    registration,
    steps,
)
from bot.services.access import Actor, Scope, actor_for
from bot.services.errors import DomainError
from bot.services.numbers import MAX_PAGE, parse_int
from bot.services.registration import RegistrationDraft
from bot.settings import Settings
from handlers import menu
from handlers.main_menu import main_menu_keyboard
from handlers.ui import button, edit_or_send, grid, markup, names
from models import Invite, Participant
from models.enums import Category, ParticipantStatus, Role, ScopeLevel

router = Router(name=__name__)
router.message.filter(F.chat.type == "private")
router.callback_query.filter(F.message.chat.type == "private")

ORG_PAGE = 8


class RegistrationSG(StatesGroup):
    consent = State()
    full_name = State()
    category = State()
    municipality = State()
    organization = State()
    role = State()
    subjects = State()
    experience = State()
    deficits = State()
    expertise = State()
    capacity = State()
    flash = State()
    formats = State()
    confirm = State()


class RegCb(CallbackData, prefix="rg"):
    step: str
    value: str = ""


STATE_OF = {name: getattr(RegistrationSG, name) for name in steps.ORDER}


# --- entry --------------------------------------------------------------------------------


@router.message(CommandStart())
async def cmd_start(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    settings: Settings,
    participant: Participant | None,
    actor: Actor,
    app: Any,
) -> None:
    assert message.from_user is not None
    tg_id = message.from_user.id
    code = (command.args or "").strip()
    if participant is not None:
        await state.clear()
        if code and participant.status == ParticipantStatus.pending:
            await _join_by_invite(message, session, clock, texts, app, participant, code)
            return
        key = (
            "start-pending"
            if participant.status == ParticipantStatus.pending
            else "start-welcome-back"
        )
        if participant.status == ParticipantStatus.rejected:
            key = "start-rejected"
        welcome_menu = main_menu_keyboard(actor, texts) if key == "start-welcome-back" else None
        name = participant.full_name or ""
        await message.answer(texts(key, name=name), reply_markup=welcome_menu)
        if code:
            await message.answer(texts("start-already-registered"))
        return
    lang = (await state.get_data()).get("lang")
    await state.clear()
    data: dict[str, Any] = {"lang": lang} if lang else {}
    notes: list[str] = []
    if code:
        invite: Invite | None = await invites.check_invite(session, clock, code)
        assert invite is not None
        # Kept apart from the conversation: a refusal or a cancel clears that, not this.
        await invites.remember_pending(session, clock, tg_id, invite)
    else:
        invite, lost = await invites.recall_pending(session, clock, tg_id)
        if invite is not None:
            notes.append(texts("start-invite-resumed"))
        elif lost is not None:
            notes.append(texts("start-invite-lost"))
    if invite is not None:
        data.update(_invite_data(invite))
    await state.set_data(data)
    await state.set_state(RegistrationSG.consent)
    consent = texts(
        "consent-text", operator=settings.operator_name, version=settings.consent_version
    )
    await message.answer(
        "\n\n".join([*notes, consent]),
        reply_markup=markup(
            [
                [
                    button(texts("btn-consent-yes"), RegCb(step="consent", value="yes")),
                    button(texts("btn-consent-no"), RegCb(step="consent", value="no")),
                ]
            ]
        ),
    )


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


async def _join_by_invite(
    message: Message,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    app: Any,
    participant: Participant,
    code: str,
) -> None:
    """A registration waiting for approval, and now an invite: it applies at once."""
    invite = await invites.check_invite(session, clock, code)
    # Those asked to decide the registration are told it no longer waits: found before the
    # organization changes, since they are the old organization's.
    await pending_notices.resolved_by_invite(
        session, clock, app.translator, participant, app.settings.admin_ids
    )
    person = await registration.join_by_invite(session, clock, participant, invite)
    await message.answer(
        texts(
            "start-invite-applied",
            name=person.full_name or "",
            organization=person.organization.label,
            roles=", ".join(texts(f"role-{g.role}") for g in person.roles),
        )
    )
    await menu.queue_commands(session, clock, app.translator, person, app.settings.admin_ids)


@router.callback_query(RegistrationSG.consent, RegCb.filter(F.step == "consent"))
async def on_consent(
    callback: CallbackQuery,
    callback_data: RegCb,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    settings: Settings,
    zone: ZoneInfo,
) -> None:
    if callback_data.value != "yes":
        await state.clear()  # refusing stores nothing, not even the conversation
        await edit_or_send(
            callback, await _left_text(session, callback, texts, zone, "consent-refused"), None
        )
        await callback.answer()
        return
    await state.update_data(
        consent_at=clock.now().isoformat(), consent_version=settings.consent_version, history=[]
    )
    await callback.answer()
    await _go(callback, state, texts, None, None)


async def _left_text(
    session: AsyncSession, callback: CallbackQuery, texts: Texts, zone: ZoneInfo, key: str
) -> str:
    """What a refusal or a cancel says: nothing kept, except an opened invite (and until when)."""
    until = await invites.pending_until(session, callback.from_user.id)
    if until is None:
        return texts(key)
    return texts(f"{key}-invite", until=until.astimezone(zone).strftime("%d.%m.%Y"))


# --- text steps ---------------------------------------------------------------------------


@router.message(RegistrationSG.full_name, F.text)
async def on_full_name(
    message: Message, state: FSMContext, texts: Texts, session: AsyncSession
) -> None:
    name = registration.parse_full_name(message.text)
    await state.update_data(full_name=name)
    await _go(message, state, texts, session, "full_name")


@router.message(RegistrationSG.experience, F.text)
async def on_experience(
    message: Message, state: FSMContext, texts: Texts, session: AsyncSession
) -> None:
    years = registration.parse_experience(message.text)
    await state.update_data(experience_years=years)
    await _go(message, state, texts, session, "experience")


# --- button steps -------------------------------------------------------------------------


@router.callback_query(RegCb.filter(F.step == "nav"))
async def on_nav(
    callback: CallbackQuery,
    callback_data: RegCb,
    state: FSMContext,
    texts: Texts,
    session: AsyncSession,
    zone: ZoneInfo,
) -> None:
    if await state.get_state() not in {s.state for s in STATE_OF.values()}:
        await callback.answer(texts("error-stale-button"), show_alert=True)
        return
    if callback_data.value == "cancel":
        await state.clear()
        left = await _left_text(session, callback, texts, zone, "registration-cancelled")
        await edit_or_send(callback, left, None)
        await callback.answer()
        return
    data = await state.get_data()
    history: list[str] = data.get("history", [])
    if not history:
        await callback.answer(texts("error-nothing-back"))
        return
    previous = history.pop()
    await state.update_data(history=history)
    await callback.answer()
    await _ask(callback, state, texts, session, previous)


@router.callback_query(RegistrationSG.category, RegCb.filter(F.step == "category"))
async def on_category(
    callback: CallbackQuery,
    callback_data: RegCb,
    state: FSMContext,
    texts: Texts,
    session: AsyncSession,
) -> None:
    if callback_data.value not in catalog.CATEGORIES:
        await callback.answer(texts("error-stale-button"), show_alert=True)
        return
    data = await state.get_data()
    # A minor joins only through an invite on which the parents' consent was confirmed.
    if callback_data.value == Category.student and not (data.get("invite") or {}).get(
        "parental_consent"
    ):
        await callback.answer(texts("registration-minor-needs-invite"), show_alert=True)
        return
    await state.update_data(category=callback_data.value)
    await callback.answer()
    await _go(callback, state, texts, session, "category")


@router.callback_query(RegistrationSG.municipality, RegCb.filter(F.step == "municipality"))
async def on_municipality(
    callback: CallbackQuery,
    callback_data: RegCb,
    state: FSMContext,
    texts: Texts,
    session: AsyncSession,
) -> None:
    data = await state.get_data()
    munis = {str(m.id) for m in await directory.list_municipalities(session, _scope(data))}
    if callback_data.value not in munis:
        await callback.answer(texts("error-stale-button"), show_alert=True)
        return
    await state.update_data(municipality_id=int(callback_data.value), org_page=0)
    await callback.answer()
    await _go(callback, state, texts, session, "municipality")


@router.callback_query(RegistrationSG.organization, RegCb.filter(F.step == "organization"))
async def on_organization(
    callback: CallbackQuery,
    callback_data: RegCb,
    state: FSMContext,
    texts: Texts,
    session: AsyncSession,
) -> None:
    data = await state.get_data()
    orgs = await directory.list_organizations(session, data.get("municipality_id", 0))
    value = callback_data.value
    page = parse_int(value[1:], high=MAX_PAGE) if value.startswith("p") else None
    if page is not None:  # paging through a long list
        await state.update_data(org_page=page)
        await callback.answer()
        await _ask(callback, state, texts, session, "organization")
        return
    if value not in {str(o.id) for o in orgs}:
        await callback.answer(texts("error-stale-button"), show_alert=True)
        return
    await state.update_data(organization_id=int(value))
    await callback.answer()
    await _go(callback, state, texts, session, "organization")


@router.callback_query(RegistrationSG.role, RegCb.filter(F.step == "role"))
async def on_role(
    callback: CallbackQuery,
    callback_data: RegCb,
    state: FSMContext,
    texts: Texts,
    session: AsyncSession,
) -> None:
    if callback_data.value not in (Role.mentee, Role.mentor):
        await callback.answer(texts("error-stale-button"), show_alert=True)
        return
    await state.update_data(role=callback_data.value)
    await callback.answer()
    await _go(callback, state, texts, session, "role")


MULTI = {
    "subjects": catalog.SUBJECTS,
    "deficits": catalog.DEFICITS,
    "expertise": catalog.DEFICITS,
    "formats": catalog.FORMATS,
}


@router.callback_query(RegCb.filter(F.step.in_(set(MULTI))))
async def on_toggle(
    callback: CallbackQuery,
    callback_data: RegCb,
    state: FSMContext,
    texts: Texts,
    session: AsyncSession,
) -> None:
    step = callback_data.step
    if await state.get_state() != STATE_OF[step].state:
        await callback.answer(texts("error-stale-button"), show_alert=True)
        return
    data = await state.get_data()
    chosen: list[str] = list(data.get(step, []))
    if callback_data.value == "done":
        if step in ("expertise", "formats") and not chosen:
            await callback.answer(texts(f"registration-{step}-empty"), show_alert=True)
            return
        await callback.answer()
        await _go(callback, state, texts, session, step)
        return
    if callback_data.value not in MULTI[step]:
        await callback.answer(texts("error-stale-button"), show_alert=True)
        return
    if callback_data.value in chosen:
        chosen.remove(callback_data.value)
    else:
        chosen.append(callback_data.value)
    await state.update_data({step: catalog.valid_keys(MULTI[step], chosen)})
    await callback.answer()
    await _ask(callback, state, texts, session, step)


@router.callback_query(RegistrationSG.capacity, RegCb.filter(F.step == "capacity"))
async def on_capacity(
    callback: CallbackQuery,
    callback_data: RegCb,
    state: FSMContext,
    texts: Texts,
    session: AsyncSession,
) -> None:
    await state.update_data(capacity=registration.parse_capacity(callback_data.value))
    await callback.answer()
    await _go(callback, state, texts, session, "capacity")


@router.callback_query(RegistrationSG.flash, RegCb.filter(F.step == "flash"))
async def on_flash(
    callback: CallbackQuery,
    callback_data: RegCb,
    state: FSMContext,
    texts: Texts,
    session: AsyncSession,
) -> None:
    await state.update_data(flash_available=callback_data.value == "yes")
    await callback.answer()
    await _go(callback, state, texts, session, "flash")


@router.callback_query(RegistrationSG.confirm, RegCb.filter(F.step == "confirm"))
async def on_confirm(
    callback: CallbackQuery,
    state: FSMContext,
    texts: Texts,
    session: AsyncSession,
    clock: Clock,
    bot: Bot,
    lang: str,
    app: Any,
) -> None:
    data = await state.get_data()
    assert callback.from_user is not None
    draft = _draft(data, lang)
    person = await registration.register(session, clock, callback.from_user.id, draft)
    await state.clear()
    name = person.full_name or ""
    admin_ids = app.settings.admin_ids
    if person.status == ParticipantStatus.pending:
        reach = await pending_notices.registration_pending(
            session, clock, app.translator, person, admin_ids
        )
        text = texts(f"registration-pending-{reach}", name=name)
    else:
        text = texts("registration-done", name=name)
        # A coordinator who joins finds at once what waited for someone to decide it.
        waiting = await participants.pending_count(
            session, actor_for(callback.from_user.id, person, admin_ids)
        )
        if waiting:
            text += "\n\n" + texts("registration-pending-waiting", count=waiting)
    await edit_or_send(callback, text, None)
    await callback.answer()
    await menu.queue_commands(session, clock, app.translator, person, admin_ids)


def _scope(data: dict[str, Any]) -> Scope | None:
    """A coordinator invite's municipality or region: their organization is chosen inside it."""
    scope = (data.get("invite") or {}).get("scope")
    return Scope(ScopeLevel(scope[0]), int(scope[1])) if scope else None


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


# --- the step engine ----------------------------------------------------------------------


async def _go(
    event: Message | CallbackQuery,
    state: FSMContext,
    texts: Texts,
    session: AsyncSession | None,
    done: str | None,
) -> None:
    """Record the finished step in the history and ask the next one."""
    data = await state.get_data()
    history = list(data.get("history", []))
    if done is not None:
        history.append(done)
        await state.update_data(history=history)
    await _ask(event, state, texts, session, steps.next_step(done, data))


async def _ask(
    event: Message | CallbackQuery,
    state: FSMContext,
    texts: Texts,
    session: AsyncSession | None,
    step: str,
) -> None:
    await state.set_state(STATE_OF[step])
    data = await state.get_data()
    text, rows = await _prompt(step, data, texts, session)
    nav = [button(texts("btn-cancel"), RegCb(step="nav", value="cancel"))]
    if data.get("history"):
        nav.insert(0, button(texts("btn-back"), RegCb(step="nav", value="back")))
    await _show(event, text, markup([*rows, nav]))


async def _prompt(
    step: str, data: dict[str, Any], texts: Texts, session: AsyncSession | None
) -> tuple[str, list[list[Any]]]:
    if step == "full_name":
        return texts("ask-full-name"), []
    if step == "experience":
        return texts("ask-experience"), []
    if step == "category":
        return texts("ask-category"), grid(
            [
                button(texts(f"category-{c}"), RegCb(step="category", value=c))
                for c in catalog.CATEGORIES
            ]
        )
    if step == "municipality":
        assert session is not None
        munis = await directory.list_municipalities(session, _scope(data))
        return texts("ask-municipality"), grid(
            [button(m.name, RegCb(step="municipality", value=str(m.id))) for m in munis]
        )
    if step == "organization":
        assert session is not None
        return await _organization_prompt(data, texts, session)
    if step == "role":
        return texts("ask-role"), [
            [
                button(texts("role-mentee"), RegCb(step="role", value=Role.mentee)),
                button(texts("role-mentor"), RegCb(step="role", value=Role.mentor)),
            ]
        ]
    if step in MULTI:
        prefix = "format" if step == "formats" else ("subject" if step == "subjects" else "deficit")
        buttons = [
            button(
                ("✅ " if key in data.get(step, []) else "") + texts(f"{prefix}-{key}"),
                RegCb(step=step, value=key),
            )
            for key in MULTI[step]
        ]
        return texts(f"ask-{step}"), [
            *grid(buttons),
            [button(texts("btn-done"), RegCb(step=step, value="done"))],
        ]
    if step == "capacity":
        values = range(1, catalog.MAX_CAPACITY + 1)
        return texts("ask-capacity"), grid(
            [button(str(v), RegCb(step="capacity", value=str(v))) for v in values], width=5
        )
    if step == "flash":
        return texts("ask-flash"), [
            [
                button(texts("btn-yes"), RegCb(step="flash", value="yes")),
                button(texts("btn-no"), RegCb(step="flash", value="no")),
            ]
        ]
    return await _summary(data, texts, session), [
        [button(texts("btn-confirm"), RegCb(step="confirm", value="ok"))]
    ]


async def _organization_prompt(
    data: dict[str, Any], texts: Texts, session: AsyncSession
) -> tuple[str, list[list[Any]]]:
    orgs = await directory.list_organizations(session, data.get("municipality_id", 0))
    pages = max(1, -(-len(orgs) // ORG_PAGE))
    page = min(max(int(data.get("org_page", 0)), 0), pages - 1)
    shown = orgs[page * ORG_PAGE : (page + 1) * ORG_PAGE]
    rows = [[button(o.label, RegCb(step="organization", value=str(o.id)))] for o in shown]
    paging = []
    if page > 0:
        paging.append(button("◀", RegCb(step="organization", value=f"p{page - 1}")))
    if page < pages - 1:
        paging.append(button("▶", RegCb(step="organization", value=f"p{page + 1}")))
    return texts("ask-organization", page=page + 1, pages=pages), [*rows, paging]


async def _summary(data: dict[str, Any], texts: Texts, session: AsyncSession | None) -> str:
    org_name = "—"
    if session is not None and data.get("organization_id"):
        org_name = (await directory.get_organization(session, int(data["organization_id"]))).name
    lines = [
        texts("summary-title"),
        texts("summary-name", value=data.get("full_name", "")),
        texts("summary-category", value=texts(f"category-{data.get('category')}")),
        texts("summary-organization", value=org_name),
        texts("summary-role", value=texts(f"role-{data.get('role')}")),
    ]
    if data.get("subjects"):
        lines.append(texts("summary-subjects", value=names(texts, "subject", data["subjects"])))
    if data.get("experience_years") is not None:
        lines.append(texts("summary-experience", years=data["experience_years"]))
        if data["experience_years"] <= catalog.YOUNG_SPECIALIST_YEARS:
            lines.append(texts("summary-young-specialist"))
    if data.get("role") == Role.mentee:
        lines.append(
            texts("summary-deficits", value=names(texts, "deficit", data.get("deficits", [])))
        )
    if data.get("role") == Role.mentor:
        lines.append(
            texts("summary-expertise", value=names(texts, "deficit", data.get("expertise", [])))
        )
        lines.append(texts("summary-capacity", value=data.get("capacity", 0)))
        lines.append(
            texts(
                "summary-flash", value=texts("btn-yes" if data.get("flash_available") else "btn-no")
            )
        )
        lines.append(
            texts("summary-formats", value=names(texts, "format", data.get("formats", [])))
        )
    return "\n".join(lines)


async def _show(
    event: Message | CallbackQuery, text: str, reply_markup: InlineKeyboardMarkup | None
) -> None:
    if isinstance(event, CallbackQuery):
        await edit_or_send(event, text, reply_markup)
    else:
        await event.answer(text, reply_markup=reply_markup)
