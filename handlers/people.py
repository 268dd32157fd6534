"""/participants and /pending: coordinators list, approve and manage people of their scope."""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Texts
from bot.services import outbox, participants
from bot.services.access import Actor
from bot.services.participants import ParticipantFilter
from handlers import menu
from handlers.callback_fields import OptionalId, Page
from handlers.ui import button, edit_or_send, markup, send_to_presser
from models import Participant
from models.enums import ParticipantStatus, Role

router = Router(name=__name__)
router.message.filter(F.chat.type == "private")


class PeopleCb(CallbackData, prefix="pl"):
    action: str  # list | open | approve | reject | grant | revoke
    pid: OptionalId = 0
    page: Page = 0
    role: str = ""
    status: str = ""


class PendingCb(CallbackData, prefix="pp"):
    page: Page = 0


def _filters(cb: PeopleCb) -> ParticipantFilter:
    # Values come from a button anyone could forge: unknown values mean "no filter".
    role = Role(cb.role) if cb.role in (Role.mentor, Role.mentee) else None
    status = (
        ParticipantStatus(cb.status)
        if cb.status in (ParticipantStatus.active, ParticipantStatus.pending)
        else None
    )
    return ParticipantFilter(status=status, role=role)


async def _list_screen(
    session: AsyncSession, actor: Actor, texts: Texts, cb: PeopleCb
) -> tuple[str, InlineKeyboardMarkup]:
    page = await participants.list_in_scope(session, actor, _filters(cb), cb.page)
    lines = [texts("people-title", total=page.total, page=page.page + 1, pages=page.pages)]
    rows = []
    for person in page.items:
        label = texts(
            "people-row",
            name=person.full_name or "—",
            organization=person.organization.label,
            status=texts(f"status-{person.status}"),
        )
        rows.append(
            [
                button(
                    label,
                    PeopleCb(
                        action="open", pid=person.id, page=page.page, role=cb.role, status=cb.status
                    ),
                )
            ]
        )
    if not page.items:
        lines.append(texts("people-empty"))
    filters = [
        button(
            ("• " if cb.role == value else "") + texts(f"people-filter-role-{value or 'all'}"),
            PeopleCb(action="list", role=value, status=cb.status),
        )
        for value in ("", Role.mentor, Role.mentee)
    ]
    statuses = [
        button(
            ("• " if cb.status == value else "") + texts(f"people-filter-status-{value or 'all'}"),
            PeopleCb(action="list", role=cb.role, status=value),
        )
        for value in ("", "active", "pending")
    ]
    paging = []
    if page.page > 0:
        paging.append(
            button("◀", PeopleCb(action="list", page=page.page - 1, role=cb.role, status=cb.status))
        )
    if page.page < page.pages - 1:
        paging.append(
            button("▶", PeopleCb(action="list", page=page.page + 1, role=cb.role, status=cb.status))
        )
    return "\n".join(lines), markup([*rows, paging, filters, statuses])


@router.message(Command("participants"))
async def cmd_participants(
    message: Message, actor: Actor, session: AsyncSession, texts: Texts
) -> None:
    text, keyboard = await _list_screen(session, actor, texts, PeopleCb(action="list"))
    await message.answer(text, reply_markup=keyboard)


@router.message(Command("pending"))
async def cmd_pending(message: Message, actor: Actor, session: AsyncSession, texts: Texts) -> None:
    text, keyboard = await _list_screen(
        session, actor, texts, PeopleCb(action="list", status="pending")
    )
    await message.answer(text, reply_markup=keyboard)


@router.callback_query(PendingCb.filter())
async def on_pending(
    callback: CallbackQuery,
    callback_data: PendingCb,
    actor: Actor,
    session: AsyncSession,
    texts: Texts,
) -> None:
    cb = PeopleCb(action="list", status="pending", page=callback_data.page)
    text, keyboard = await _list_screen(session, actor, texts, cb)
    await callback.answer()
    await send_to_presser(callback, text, keyboard)


@router.callback_query(PeopleCb.filter(F.action == "list"))
async def on_list(
    callback: CallbackQuery,
    callback_data: PeopleCb,
    actor: Actor,
    session: AsyncSession,
    texts: Texts,
) -> None:
    text, keyboard = await _list_screen(session, actor, texts, callback_data)
    await callback.answer()
    await edit_or_send(callback, text, keyboard)


@router.callback_query(PeopleCb.filter(F.action == "open"))
async def on_open(
    callback: CallbackQuery,
    callback_data: PeopleCb,
    actor: Actor,
    session: AsyncSession,
    texts: Texts,
    zone: Any,
) -> None:
    person = await participants.get_in_scope(session, actor, callback_data.pid)
    await callback.answer()
    await edit_or_send(callback, _card(person, texts), _card_keyboard(person, texts, callback_data))


@router.callback_query(PeopleCb.filter(F.action.in_({"approve", "reject", "grant", "revoke"})))
async def on_action(
    callback: CallbackQuery,
    callback_data: PeopleCb,
    actor: Actor,
    session: AsyncSession,
    texts: Texts,
    clock: Clock,
    app: Any,
) -> None:
    action = callback_data.action
    if action == "approve":
        person = await participants.approve(session, clock, actor, callback_data.pid)
    elif action == "reject":
        person = await participants.reject(session, clock, actor, callback_data.pid)
    else:
        person = await participants.set_mentor(
            session, clock, actor, callback_data.pid, grant=action == "grant"
        )
    await _notify(session, clock, app, person, action)
    await callback.answer(texts(f"people-done-{action}"))
    await edit_or_send(callback, _card(person, texts), _card_keyboard(person, texts, callback_data))


async def _notify(
    session: AsyncSession, clock: Clock, app: Any, person: Participant, action: str
) -> None:
    """Tell the person what the coordinator decided, and refresh their command menu."""
    if person.tg_id is None:
        return
    ptexts = app.translator.for_lang(person.language)
    await outbox.enqueue_text(
        session,
        clock,
        chat_id=person.tg_id,
        participant_id=person.id,
        text=ptexts(f"people-notify-{action}"),
        priority=outbox.Priority.REPLY,
    )
    await menu.queue_commands(session, clock, app.translator, person, app.settings.admin_ids)


def _card(person: Participant, texts: Texts) -> str:
    lines = [
        texts("summary-name", value=person.full_name or "—"),
        texts("summary-category", value=texts(f"category-{person.category}")),
        texts("summary-organization", value=person.organization.name),
        texts("profile-status", value=texts(f"status-{person.status}")),
        texts(
            "profile-roles", value=", ".join(texts(f"role-{g.role}") for g in person.roles) or "—"
        ),
    ]
    if person.experience_years is not None:
        lines.append(texts("summary-experience", years=person.experience_years))
    return "\n".join(lines)


def _card_keyboard(person: Participant, texts: Texts, cb: PeopleCb) -> InlineKeyboardMarkup:
    def act(action: str) -> PeopleCb:
        return PeopleCb(action=action, pid=person.id, page=cb.page, role=cb.role, status=cb.status)

    rows = []
    if person.status == ParticipantStatus.pending:
        rows.append(
            [
                button(texts("btn-approve"), act("approve")),
                button(texts("btn-reject"), act("reject")),
            ]
        )
    elif person.status == ParticipantStatus.active:
        if person.has_role(Role.mentor):
            rows.append([button(texts("btn-revoke-mentor"), act("revoke"))])
        else:
            rows.append([button(texts("btn-grant-mentor"), act("grant"))])
    rows.append([button(texts("btn-back"), act("list"))])
    return markup(rows)
