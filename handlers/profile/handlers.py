"""/profile: see and edit one's own data; /mydata: export it; deleting the account."""

from __future__ import annotations

import json
from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Texts, Translator
from bot.services import account_deletion, catalog, participants, privacy
from bot.services.errors import Forbidden
from bot.settings import Settings
from handlers import menu
from handlers.ui import button, edit_or_send, grid, markup, names
from models import Participant
from models.enums import Role

router = Router(name=__name__)
router.message.filter(F.chat.type == "private")


class ProfileSG(StatesGroup):
    full_name = State()
    experience = State()


class ProfileCb(CallbackData, prefix="pf"):
    action: str
    value: str = ""


MULTI = {
    "subjects": ("subject", catalog.SUBJECTS),
    "deficits": ("deficit", catalog.DEFICITS),
    "expertise": ("deficit", catalog.DEFICITS),
    "formats": ("format", catalog.FORMATS),
}


def _require(participant: Participant | None) -> Participant:
    if participant is None:
        raise Forbidden("error-not-registered")
    return participant


def profile_text(person: Participant, texts: Texts) -> str:
    lines = [
        texts("profile-title"),
        texts("summary-name", value=person.full_name or ""),
        texts("summary-category", value=texts(f"category-{person.category}")),
        texts("summary-organization", value=person.organization.name),
        texts("profile-status", value=texts(f"status-{person.status}")),
        texts(
            "profile-roles", value=", ".join(texts(f"role-{g.role}") for g in person.roles) or "—"
        ),
    ]
    if person.subjects:
        lines.append(texts("summary-subjects", value=names(texts, "subject", person.subjects)))
    if person.experience_years is not None:
        lines.append(texts("summary-experience", years=person.experience_years))
        if person.is_young_specialist:
            lines.append(texts("summary-young-specialist"))
    if person.has_role(Role.mentee):
        lines.append(texts("summary-deficits", value=names(texts, "deficit", person.deficits)))
    if person.has_role(Role.mentor):
        lines.append(texts("summary-expertise", value=names(texts, "deficit", person.expertise)))
        lines.append(texts("summary-capacity", value=person.capacity))
        lines.append(
            texts("summary-flash", value=texts("btn-yes" if person.flash_available else "btn-no"))
        )
        lines.append(texts("summary-formats", value=names(texts, "format", person.formats)))
    return "\n".join(lines)


def profile_keyboard(person: Participant, texts: Texts) -> InlineKeyboardMarkup:
    edits = ["full_name", "subjects"]
    if person.category == "teacher":
        edits.append("experience")
    if person.has_role(Role.mentee):
        edits.append("deficits")
    if person.has_role(Role.mentor):
        edits += ["expertise", "capacity", "flash", "formats"]
    rows = grid(
        [button(texts(f"profile-edit-{f}"), ProfileCb(action="edit", value=f)) for f in edits]
    )
    rows.append(
        [
            button(texts("btn-mydata"), ProfileCb(action="export")),
            button(texts("btn-delete-account"), ProfileCb(action="delete")),
        ]
    )
    return markup(rows)


@router.message(Command("profile"))
async def cmd_profile(message: Message, participant: Participant | None, texts: Texts) -> None:
    person = _require(participant)
    await message.answer(profile_text(person, texts), reply_markup=profile_keyboard(person, texts))


@router.callback_query(ProfileCb.filter(F.action == "show"))
async def on_show(
    callback: CallbackQuery, participant: Participant | None, texts: Texts, state: FSMContext
) -> None:
    person = _require(participant)
    await state.clear()
    await callback.answer()
    await edit_or_send(callback, profile_text(person, texts), profile_keyboard(person, texts))


@router.callback_query(ProfileCb.filter(F.action == "edit"))
async def on_edit(
    callback: CallbackQuery,
    callback_data: ProfileCb,
    participant: Participant | None,
    texts: Texts,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
) -> None:
    person = _require(participant)
    field = callback_data.value
    if field == "full_name":
        await state.set_state(ProfileSG.full_name)
        await edit_or_send(callback, texts("ask-full-name"), _back(texts))
    elif field == "experience" and person.category == "teacher":
        await state.set_state(ProfileSG.experience)
        await edit_or_send(callback, texts("ask-experience"), _back(texts))
    elif field in MULTI:
        _check_allowed(person, field)
        await edit_or_send(callback, texts(f"ask-{field}"), _multi_keyboard(person, field, texts))
    elif field == "capacity":
        _check_allowed(person, field)
        values = [
            button(str(v), ProfileCb(action="capacity", value=str(v)))
            for v in range(1, catalog.MAX_CAPACITY + 1)
        ]
        await edit_or_send(
            callback, texts("ask-capacity"), markup([*grid(values, 5), _back_row(texts)])
        )
    elif field == "flash":
        await participants.update_profile(
            session, clock, person, "flash", not person.flash_available
        )
        await edit_or_send(callback, profile_text(person, texts), profile_keyboard(person, texts))
    else:
        await callback.answer(texts("error-stale-button"), show_alert=True)
        return
    await callback.answer()


@router.callback_query(ProfileCb.filter(F.action == "toggle"))
async def on_toggle(
    callback: CallbackQuery,
    callback_data: ProfileCb,
    participant: Participant | None,
    texts: Texts,
    session: AsyncSession,
    clock: Clock,
) -> None:
    person = _require(participant)
    field, _, key = callback_data.value.partition(".")
    if field not in MULTI or key not in MULTI[field][1]:
        await callback.answer(texts("error-stale-button"), show_alert=True)
        return
    current: list[str] = list(getattr(person, field))
    chosen = [k for k in current if k != key] if key in current else [*current, key]
    await participants.update_profile(session, clock, person, field, chosen)
    await callback.answer()
    await edit_or_send(callback, texts(f"ask-{field}"), _multi_keyboard(person, field, texts))


@router.callback_query(ProfileCb.filter(F.action == "capacity"))
async def on_capacity(
    callback: CallbackQuery,
    callback_data: ProfileCb,
    participant: Participant | None,
    texts: Texts,
    session: AsyncSession,
    clock: Clock,
) -> None:
    person = _require(participant)
    await participants.update_profile(session, clock, person, "capacity", callback_data.value)
    await callback.answer(texts("profile-saved"))
    await edit_or_send(callback, profile_text(person, texts), profile_keyboard(person, texts))


@router.message(ProfileSG.full_name, F.text)
async def on_full_name(
    message: Message,
    participant: Participant | None,
    texts: Texts,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
) -> None:
    person = _require(participant)
    await participants.update_profile(session, clock, person, "full_name", message.text)
    await state.clear()
    await message.answer(profile_text(person, texts), reply_markup=profile_keyboard(person, texts))


@router.message(ProfileSG.experience, F.text)
async def on_experience(
    message: Message,
    participant: Participant | None,
    texts: Texts,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
) -> None:
    person = _require(participant)
    await participants.update_profile(session, clock, person, "experience", message.text)
    await state.clear()
    await message.answer(profile_text(person, texts), reply_markup=profile_keyboard(person, texts))


@router.message(Command("mydata"))
async def cmd_mydata(
    message: Message, participant: Participant | None, texts: Texts, session: AsyncSession
) -> None:
    await _send_export(message, _require(participant), texts, session)


@router.callback_query(ProfileCb.filter(F.action == "export"))
async def on_export(
    callback: CallbackQuery, participant: Participant | None, texts: Texts, session: AsyncSession
) -> None:
    person = _require(participant)
    await callback.answer()
    if isinstance(callback.message, Message):
        await _send_export(callback.message, person, texts, session)


async def _send_export(
    message: Message, person: Participant, texts: Texts, session: AsyncSession
) -> None:
    data = await privacy.export_personal_data(session, person)
    payload = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    await message.answer_document(
        BufferedInputFile(payload, filename=f"mydata-{person.id}.json"),
        caption=texts("mydata-caption"),
    )


@router.callback_query(ProfileCb.filter(F.action == "delete"))
async def on_delete(callback: CallbackQuery, participant: Participant | None, texts: Texts) -> None:
    participant = _require(participant)
    await callback.answer()
    await edit_or_send(
        callback,
        texts("delete-confirm"),
        markup(
            [
                # Bound to this account: an old confirmation cannot erase a later one.
                [
                    button(
                        texts("btn-delete-yes"),
                        ProfileCb(action="delete_yes", value=str(participant.id)),
                    )
                ],
                [button(texts("btn-delete-no"), ProfileCb(action="show"))],
            ]
        ),
    )


@router.callback_query(ProfileCb.filter(F.action == "delete_yes"))
async def on_delete_yes(
    callback: CallbackQuery,
    callback_data: ProfileCb,
    participant: Participant | None,
    texts: Texts,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    settings: Settings,
    bot: Bot,
) -> None:
    person = _require(participant)
    if callback_data.value != str(person.id):
        await callback.answer(texts("error-stale-button"), show_alert=True)
        return
    tg_id = person.tg_id
    await account_deletion.delete_account(session, clock, translator, settings, person)
    if tg_id is not None:  # after the erasure, which drops everything queued for the chat
        await menu.reset_menu(bot, tg_id)
    await state.clear()
    await callback.answer()
    await edit_or_send(callback, texts("delete-done"), None)


def _check_allowed(person: Participant, field: str) -> None:
    if field in participants.MENTOR_FIELDS and not person.has_role(Role.mentor):
        raise Forbidden("error-not-mentor")
    if field in participants.MENTEE_FIELDS and not person.has_role(Role.mentee):
        raise Forbidden("error-not-mentee")


def _multi_keyboard(person: Participant, field: str, texts: Texts) -> InlineKeyboardMarkup:
    prefix, keys = MULTI[field]
    chosen = set(getattr(person, field))
    buttons = [
        button(
            ("✅ " if key in chosen else "") + texts(f"{prefix}-{key}"),
            ProfileCb(action="toggle", value=f"{field}.{key}"),
        )
        for key in keys
    ]
    return markup([*grid(buttons), _back_row(texts)])


def _back_row(texts: Texts) -> list[Any]:
    return [button(texts("btn-done"), ProfileCb(action="show"))]


def _back(texts: Texts) -> InlineKeyboardMarkup:
    return markup([_back_row(texts)])
