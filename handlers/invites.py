"""/invite: a coordinator makes a deep link that binds an organization and a role."""

from __future__ import annotations

from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Texts
from bot.services import catalog, directory, invites
from bot.services.access import Actor
from bot.services.errors import InvalidInput
from bot.services.numbers import MAX_PAGE, parse_int
from handlers.ui import button, edit_or_send, grid, local_time, markup
from models.enums import Category, Role

router = Router(name=__name__)
router.message.filter(F.chat.type == "private")

EXPIRY_DAYS = (1, 7, 30)
USES = ("1", "10", "50", "0")  # 0: no limit
ORG_PAGE = 8


class InviteSG(StatesGroup):
    role = State()
    category = State()
    municipality = State()
    organization = State()
    expiry = State()
    uses = State()
    consent = State()


class InvCb(CallbackData, prefix="iv"):
    step: str
    value: str = ""


@router.message(Command("invite"))
async def cmd_invite(message: Message, actor: Actor, state: FSMContext, texts: Texts) -> None:
    actor.require_coordinator()
    await state.clear()
    await state.set_state(InviteSG.role)
    await message.answer(texts("invite-ask-role"), reply_markup=_role_keyboard(texts))


@router.callback_query(StateFilter(InviteSG), InvCb.filter(F.step == "cancel"))
async def on_cancel(callback: CallbackQuery, state: FSMContext, texts: Texts) -> None:
    await state.clear()
    await callback.answer()
    await edit_or_send(callback, texts("cancelled"), None)


@router.callback_query(StateFilter(InviteSG), InvCb.filter(F.step == "back"))
async def on_back(
    callback: CallbackQuery,
    state: FSMContext,
    texts: Texts,
    actor: Actor,
    session: AsyncSession,
) -> None:
    """One step back; what was chosen there is kept until chosen anew."""
    actor.require_coordinator()
    current = await state.get_state()
    await callback.answer()
    if current == InviteSG.category.state:
        await state.set_state(InviteSG.role)
        await edit_or_send(callback, texts("invite-ask-role"), _role_keyboard(texts))
    elif current == InviteSG.municipality.state:
        await _ask_category(callback, state, texts)
    elif current == InviteSG.organization.state:
        munis = await directory.municipalities_in_scope(session, actor)
        if len(munis) == 1:
            await _ask_category(callback, state, texts)
        else:
            await _ask_municipality(callback, state, texts, munis)
    elif current == InviteSG.expiry.state:
        await _ask_organization(callback, state, texts, actor, session, 0)
    elif current == InviteSG.uses.state:
        await _ask_expiry(callback, state, texts)
    elif current == InviteSG.consent.state:
        await _ask_uses(callback, state, texts)
    else:  # the first step: nothing before it
        await edit_or_send(callback, texts("invite-ask-role"), _role_keyboard(texts))


@router.callback_query(InviteSG.role, InvCb.filter(F.step == "role"))
async def on_role(
    callback: CallbackQuery, callback_data: InvCb, state: FSMContext, texts: Texts, actor: Actor
) -> None:
    actor.require_coordinator()
    if callback_data.value not in (Role.mentee, Role.mentor):
        raise InvalidInput("error-stale-button")
    await state.update_data(role=callback_data.value)
    await callback.answer()
    await _ask_category(callback, state, texts)


async def _ask_category(callback: CallbackQuery, state: FSMContext, texts: Texts) -> None:
    await state.set_state(InviteSG.category)
    await edit_or_send(
        callback,
        texts("invite-ask-category"),
        _keyboard(
            texts,
            grid(
                [
                    button(texts(f"category-{c}"), InvCb(step="category", value=c))
                    for c in catalog.CATEGORIES
                ]
            ),
        ),
    )


@router.callback_query(InviteSG.category, InvCb.filter(F.step == "category"))
async def on_category(
    callback: CallbackQuery,
    callback_data: InvCb,
    state: FSMContext,
    texts: Texts,
    actor: Actor,
    session: AsyncSession,
) -> None:
    actor.require_coordinator()
    if callback_data.value not in catalog.CATEGORIES:
        raise InvalidInput("error-stale-button")
    await state.update_data(category=callback_data.value)
    await callback.answer()
    munis = await directory.municipalities_in_scope(session, actor)
    if len(munis) == 1:
        await state.update_data(municipality_id=munis[0].id)
        await _ask_organization(callback, state, texts, actor, session, 0)
        return
    await _ask_municipality(callback, state, texts, munis)


async def _ask_municipality(
    callback: CallbackQuery, state: FSMContext, texts: Texts, munis: list[Any]
) -> None:
    await state.set_state(InviteSG.municipality)
    await edit_or_send(
        callback,
        texts("ask-municipality"),
        _keyboard(
            texts,
            grid([button(m.name, InvCb(step="municipality", value=str(m.id))) for m in munis]),
        ),
    )


@router.callback_query(InviteSG.municipality, InvCb.filter(F.step == "municipality"))
async def on_municipality(
    callback: CallbackQuery,
    callback_data: InvCb,
    state: FSMContext,
    texts: Texts,
    actor: Actor,
    session: AsyncSession,
) -> None:
    allowed = {str(m.id) for m in await directory.municipalities_in_scope(session, actor)}
    if callback_data.value not in allowed:
        raise InvalidInput("error-out-of-scope")
    await state.update_data(municipality_id=int(callback_data.value))
    await callback.answer()
    await _ask_organization(callback, state, texts, actor, session, 0)


async def _ask_organization(
    callback: CallbackQuery,
    state: FSMContext,
    texts: Texts,
    actor: Actor,
    session: AsyncSession,
    page: int,
) -> None:
    data = await state.get_data()
    orgs = await directory.organizations_in_scope(session, actor, data.get("municipality_id"))
    pages = max(1, -(-len(orgs) // ORG_PAGE))
    page = min(max(page, 0), pages - 1)
    rows = [
        [button(o.label, InvCb(step="organization", value=str(o.id)))]
        for o in orgs[page * ORG_PAGE : (page + 1) * ORG_PAGE]
    ]
    paging = []
    if page > 0:
        paging.append(button("◀", InvCb(step="organization", value=f"p{page - 1}")))
    if page < pages - 1:
        paging.append(button("▶", InvCb(step="organization", value=f"p{page + 1}")))
    await state.set_state(InviteSG.organization)
    await edit_or_send(
        callback,
        texts("ask-organization", page=page + 1, pages=pages),
        _keyboard(texts, [*rows, paging]),
    )


@router.callback_query(InviteSG.organization, InvCb.filter(F.step == "organization"))
async def on_organization(
    callback: CallbackQuery,
    callback_data: InvCb,
    state: FSMContext,
    texts: Texts,
    actor: Actor,
    session: AsyncSession,
) -> None:
    value = callback_data.value
    page = parse_int(value[1:], high=MAX_PAGE) if value.startswith("p") else None
    if page is not None:
        await callback.answer()
        await _ask_organization(callback, state, texts, actor, session, page)
        return
    allowed = {str(o.id) for o in await directory.organizations_in_scope(session, actor)}
    if value not in allowed:
        raise InvalidInput("error-out-of-scope")
    await state.update_data(organization_id=int(value))
    await callback.answer()
    await _ask_expiry(callback, state, texts)


async def _ask_expiry(callback: CallbackQuery, state: FSMContext, texts: Texts) -> None:
    await state.set_state(InviteSG.expiry)
    await edit_or_send(
        callback,
        texts("invite-ask-expiry"),
        _keyboard(
            texts,
            [
                [
                    button(texts("invite-days", days=d), InvCb(step="expiry", value=str(d)))
                    for d in EXPIRY_DAYS
                ]
            ],
        ),
    )


@router.callback_query(InviteSG.expiry, InvCb.filter(F.step == "expiry"))
async def on_expiry(
    callback: CallbackQuery, callback_data: InvCb, state: FSMContext, texts: Texts
) -> None:
    if callback_data.value not in {str(d) for d in EXPIRY_DAYS}:
        raise InvalidInput("error-stale-button")
    await state.update_data(expiry=int(callback_data.value))
    await callback.answer()
    await _ask_uses(callback, state, texts)


async def _ask_uses(callback: CallbackQuery, state: FSMContext, texts: Texts) -> None:
    await state.set_state(InviteSG.uses)
    await edit_or_send(
        callback,
        texts("invite-ask-uses"),
        _keyboard(
            texts,
            [
                [
                    button(texts("invite-uses", uses=int(u)), InvCb(step="uses", value=u))
                    for u in USES
                ]
            ],
        ),
    )


@router.callback_query(InviteSG.uses, InvCb.filter(F.step == "uses"))
async def on_uses(
    callback: CallbackQuery,
    callback_data: InvCb,
    state: FSMContext,
    texts: Texts,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    bot: Bot,
    zone: Any,
) -> None:
    if callback_data.value not in USES:
        raise InvalidInput("error-stale-button")
    await state.update_data(uses=int(callback_data.value))
    data = await state.get_data()
    if data.get("category") == Category.student:
        # A minor joins only if the school holds the parent's consent: ask explicitly.
        await state.set_state(InviteSG.consent)
        await callback.answer()
        await edit_or_send(
            callback,
            texts("invite-ask-parental-consent"),
            _keyboard(
                texts,
                [
                    [button(texts("btn-parental-consent-yes"), InvCb(step="consent", value="yes"))],
                    [button(texts("btn-parental-consent-no"), InvCb(step="consent", value="no"))],
                ],
            ),
        )
        return
    await _create(callback, state, texts, actor, session, clock, bot, zone, consent=False)


@router.callback_query(InviteSG.consent, InvCb.filter(F.step == "consent"))
async def on_consent(
    callback: CallbackQuery,
    callback_data: InvCb,
    state: FSMContext,
    texts: Texts,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    bot: Bot,
    zone: Any,
) -> None:
    if callback_data.value != "yes":
        await state.clear()
        await callback.answer()
        await edit_or_send(callback, texts("invite-minor-needs-consent"), None)
        return
    await _create(callback, state, texts, actor, session, clock, bot, zone, consent=True)


async def _create(
    callback: CallbackQuery,
    state: FSMContext,
    texts: Texts,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    bot: Bot,
    zone: Any,
    *,
    consent: bool,
) -> None:
    data = await state.get_data()
    request = invites.InviteRequest(
        role=Role(data["role"]),
        category=Category(data["category"]),
        organization_id=int(data["organization_id"]),
        expires_in_days=int(data["expiry"]),
        max_uses=int(data["uses"]) or None,
        parental_consent_confirmed=consent,
    )
    invite = await invites.create_invite(session, clock, actor, request)
    org = await directory.get_organization(session, request.organization_id)
    me = await bot.me()
    await state.clear()
    await callback.answer()
    await edit_or_send(
        callback,
        texts(
            "invite-created",
            link=invites.invite_link(me.username or "", invite.code),
            role=texts(f"role-{invite.role}"),
            category=texts(f"category-{invite.category}"),
            organization=org.name,
            expires=local_time(invite.expires_at, zone),
            uses=invite.max_uses or 0,
        ),
        None,
    )


def _role_keyboard(texts: Texts) -> Any:
    roles = [
        button(texts("role-mentee"), InvCb(step="role", value=Role.mentee)),
        button(texts("role-mentor"), InvCb(step="role", value=Role.mentor)),
    ]
    return markup([roles, [button(texts("btn-cancel"), InvCb(step="cancel"))]])


def _keyboard(texts: Texts, rows: list[list[Any]]) -> Any:
    """The step's buttons, then Back and Cancel (every step after the first has both)."""
    nav = [
        button(texts("btn-back"), InvCb(step="back")),
        button(texts("btn-cancel"), InvCb(step="cancel")),
    ]
    return markup([*rows, nav])
