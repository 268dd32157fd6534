"""/mentorships for participants and /pairs for coordinators: what a command, a press or a
typed answer does. The services decide (bot.services.mentorship.pairs); here the dialog moves.

Buttons on messages the bot sent on its own (a pair to confirm, a proposal to approve, a
rating after the end) and the Back buttons of the pair wizard, the meeting log and plans are
CallbackData: their handlers here open the card (or a list) as a dialog."""

from __future__ import annotations

from typing import Any

from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager, ShowMode, StartMode

from bot.callbacks.mentorship import FbCb, MsCb
from bot.context import Ctx
from bot.services import directory
from bot.services.errors import Forbidden, InvalidInput
from bot.services.mentorship import pairs as mentorships
from bot.services.numbers import MAX_ID, parse_int
from handlers.kit.context import ctx_of
from handlers.kit.picks import stale
from handlers.mentorships import getters
from handlers.mentorships.getters import FORMS, SCOPE_STATUSES, card_text, mentorship_id
from handlers.mentorships.states import CardSG, MineSG, ScopeSG
from handlers.ui import pressed_in_private, send_to_presser
from models.enums import MentorshipStatus
from models.mentorship import Mentorship

# --- commands --------------------------------------------------------------------------------


async def mentorships_command(message: Message, dialog_manager: DialogManager, ctx: Ctx) -> None:
    ctx.person  # noqa: B018 - a stranger is told to register
    await dialog_manager.start(MineSG.list, mode=StartMode.RESET_STACK, show_mode=ShowMode.SEND)


async def pairs_command(message: Message, dialog_manager: DialogManager, ctx: Ctx) -> None:
    ctx.actor.require_coordinator()
    await dialog_manager.start(ScopeSG.home, mode=StartMode.RESET_STACK, show_mode=ShowMode.SEND)


# --- CallbackData presses: notices and other features' Back buttons --------------------------


async def open_card(
    manager: DialogManager, ctx: Ctx, ms: Mentorship, state: State = CardSG.card
) -> None:
    """The card over the list it belongs to (a member's own, or the coordinator's scope), so
    that its Back shows that list; in the pressed message."""
    member = mentorships.role_in(ms, ctx.actor.participant_id) is not None
    under = MineSG.list if member else ScopeSG.list
    await manager.start(under, mode=StartMode.RESET_STACK, show_mode=ShowMode.NO_UPDATE)
    await manager.start(state, {"id": ms.id}, show_mode=ShowMode.AUTO)


def _in_dialog(callback: CallbackQuery, manager: DialogManager | None) -> bool:
    """Pressed on a message in the presser's private chat: the dialog can take it over."""
    return manager is not None and pressed_in_private(callback)


async def _show_card(
    callback: CallbackQuery, manager: DialogManager | None, ctx: Ctx, ms: Mentorship
) -> None:
    if manager is None or not pressed_in_private(callback):
        # A group sees no pair (nor a message too old to have one): to the presser, as text.
        await send_to_presser(callback, await card_text(ctx, ms))
        return
    await open_card(manager, ctx, ms)


async def list_pressed(
    callback: CallbackQuery,
    ctx: Ctx,
    state: FSMContext,
    dialog_manager: DialogManager | None = None,
) -> None:
    await state.clear()  # the pair wizard's Back: it is left
    await callback.answer()
    if dialog_manager is None or not pressed_in_private(callback):
        await send_to_presser(callback, (await getters.mine(ctx))["text"])
        return
    await dialog_manager.start(MineSG.list, mode=StartMode.RESET_STACK)


async def home_pressed(
    callback: CallbackQuery,
    ctx: Ctx,
    state: FSMContext,
    dialog_manager: DialogManager | None = None,
) -> None:
    counts = await getters.home(ctx)  # a coordinator's only
    await state.clear()
    await callback.answer()
    if dialog_manager is None or not pressed_in_private(callback):
        await send_to_presser(callback, ctx.texts("pairs-home", **counts))
        return
    await dialog_manager.start(ScopeSG.home, mode=StartMode.RESET_STACK)


async def card_pressed(
    callback: CallbackQuery,
    callback_data: MsCb,
    ctx: Ctx,
    state: FSMContext,
    dialog_manager: DialogManager | None = None,
) -> None:
    """open: the card; meetings: its meetings (the meeting log's Back)."""
    ms = await mentorships.get_visible(ctx.session, ctx.actor, callback_data.id)
    await state.clear()
    await callback.answer()
    if callback_data.action == "meetings" and _in_dialog(callback, dialog_manager):
        assert dialog_manager is not None
        await open_card(dialog_manager, ctx, ms, CardSG.meetings)
        return
    await _show_card(callback, dialog_manager, ctx, ms)


async def answer_pressed(
    callback: CallbackQuery,
    callback_data: MsCb,
    ctx: Ctx,
    dialog_manager: DialogManager | None = None,
) -> None:
    """A member confirms (cf) or declines (dc) a pair they were asked to join."""
    session, clock, translator = ctx.session, ctx.clock, ctx.translator
    if callback_data.action == "cf":
        ms = await mentorships.confirm(session, clock, ctx.actor, callback_data.id, translator)
        answer = (
            "mentorship-now-active"
            if ms.status == MentorshipStatus.active
            else "mentorship-confirmed"
        )
    else:
        ms = await mentorships.decline(session, clock, ctx.actor, callback_data.id, translator)
        answer = "mentorship-you-declined"
    await callback.answer(ctx.texts(answer), show_alert=ms.status == MentorshipStatus.active)
    await _show_card(callback, dialog_manager, ctx, ms)


async def end_answer_pressed(
    callback: CallbackQuery,
    callback_data: MsCb,
    ctx: Ctx,
    dialog_manager: DialogManager | None = None,
) -> None:
    """A mentee confirms (ec) or declines (ed) the mentor's request to end the pair; a
    coordinator confirms it (ec)."""
    confirmed = callback_data.action == "ec"
    ms = await mentorships.answer_end_request(
        ctx.session, ctx.clock, ctx.actor, callback_data.id, ctx.translator, confirmed=confirmed
    )
    said = "mentorship-end-you-confirmed" if confirmed else "mentorship-end-you-declined"
    await callback.answer(ctx.texts(said))
    await _show_card(callback, dialog_manager, ctx, ms)


async def decision_pressed(
    callback: CallbackQuery,
    callback_data: MsCb,
    ctx: Ctx,
    dialog_manager: DialogManager | None = None,
) -> None:
    """A coordinator approves (ap) or rejects (rj) a mentor's proposal."""
    approve = callback_data.action == "ap"
    ms = await mentorships.decide_proposal(
        ctx.session, ctx.clock, ctx.actor, callback_data.id, ctx.translator, approve=approve
    )
    await callback.answer(ctx.texts("mentorship-approved" if approve else "mentorship-rejected"))
    await _show_card(callback, dialog_manager, ctx, ms)


async def rating_pressed(
    callback: CallbackQuery,
    callback_data: FbCb,
    ctx: Ctx,
    dialog_manager: DialogManager | None = None,
) -> None:
    """A rating on the request sent after the end; a few words may follow."""
    await mentorships.leave_feedback(
        ctx.session, ctx.clock, ctx.actor, callback_data.id, callback_data.rating
    )
    await callback.answer(ctx.texts("mentorship-feedback-thanks"))
    if dialog_manager is None or not pressed_in_private(callback):
        await send_to_presser(callback, ctx.texts("mentorship-feedback-saved"))
        return
    await dialog_manager.start(
        CardSG.comment,
        {"id": callback_data.id, "rating": callback_data.rating},
        mode=StartMode.RESET_STACK,
    )


# --- in the dialogs --------------------------------------------------------------------------


async def on_start(start_data: Any, manager: DialogManager) -> None:
    manager.dialog_data.update(start_data or {})


def _id_of(key: str) -> int:
    number = parse_int(key, low=1, high=MAX_ID)
    if number is None:
        raise stale()
    return number


async def open_pair(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    """A pair of the list: its card over the list."""
    ctx = ctx_of(manager)
    ms = await mentorships.get_visible(ctx.session, ctx.actor, _id_of(key))
    await manager.start(CardSG.card, {"id": ms.id})


async def _endable(manager: DialogManager) -> Mentorship:
    ctx = ctx_of(manager)
    ms = await mentorships.get_visible(ctx.session, ctx.actor, mentorship_id(manager))
    if not await mentorships.can_end(ctx.session, ctx.actor, ms):
        raise Forbidden("mentorship-end-mentor-only")
    if ms.status != MentorshipStatus.active:
        raise Forbidden("mentorship-not-active")
    if mentorships.is_end_requested(ms) and ms.mentor_id == ctx.actor.participant_id:
        raise InvalidInput("mentorship-end-already-requested")
    return ms


async def end(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    await _endable(manager)
    await manager.switch_to(CardSG.end)


async def end_completed(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    await _endable(manager)
    manager.dialog_data.update(outcome=MentorshipStatus.completed, reason=None)
    await manager.switch_to(CardSG.confirm)


async def end_stopped(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    await _endable(manager)
    manager.dialog_data.update(outcome=MentorshipStatus.stopped)
    await manager.switch_to(CardSG.reason)


async def end_reason(_: Message, text: str, manager: DialogManager) -> None:
    await _endable(manager)
    manager.dialog_data["reason"] = mentorships.parse_reason(text)
    await manager.switch_to(CardSG.confirm)


async def end_confirmed(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    ctx, data = ctx_of(manager), manager.dialog_data
    ms = await mentorships.end(
        ctx.session,
        ctx.clock,
        ctx.actor,
        mentorship_id(manager),
        ctx.translator,
        outcome=str(data.get("outcome")),
        reason=data.get("reason"),
    )
    if mentorships.is_end_requested(ms):  # the mentor alone: asked, still active
        await callback.answer(ctx.texts("mentorship-end-requested"), show_alert=True)
    else:
        await callback.answer(ctx.texts("mentorship-ended-done"))
    await manager.switch_to(CardSG.card)


async def feedback(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    ms = await mentorships.get_visible(ctx.session, ctx.actor, mentorship_id(manager))
    if mentorships.role_in(ms, ctx.actor.participant_id) is None:
        raise Forbidden("error-not-found")
    await manager.switch_to(CardSG.rating)


async def rating(callback: CallbackQuery, key: str, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    stars = parse_int(key, low=1, high=5)
    if stars is None:
        raise stale()
    await mentorships.leave_feedback(
        ctx.session, ctx.clock, ctx.actor, mentorship_id(manager), stars
    )
    manager.dialog_data["rating"] = stars
    await callback.answer(ctx.texts("mentorship-feedback-thanks"))
    await manager.switch_to(CardSG.comment)


async def comment(message: Message, text: str, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    await mentorships.comment_feedback(
        ctx.session, ctx.clock, ctx.actor, mentorship_id(manager), text
    )
    await manager.reset_stack()  # the question's Skip goes with it
    await message.answer(ctx.texts("mentorship-feedback-saved"))


async def skip_comment(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    await manager.reset_stack(remove_keyboard=False)
    if isinstance(callback.message, Message):
        await callback.message.edit_text(ctx.texts("mentorship-feedback-saved"))


async def all_pairs(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    manager.dialog_data["status"] = ""


async def proposals(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    manager.dialog_data["status"] = "requested"


def _next(values: list[Any], current: Any) -> Any:
    index = values.index(current) if current in values else -1
    return values[(index + 1) % len(values)]


async def _refilter(manager: DialogManager, name: str, values: list[Any]) -> None:
    manager.dialog_data[name] = _next(values, manager.dialog_data.get(name, values[0]))
    pager = manager.find("pairs")
    assert pager is not None
    await pager.set_page(0)


async def next_form(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    await _refilter(manager, "form", list(FORMS))


async def next_status(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    await _refilter(manager, "status", list(SCOPE_STATUSES))


async def next_org(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    orgs = await directory.organizations_in_scope(ctx.session, ctx.actor)
    await _refilter(manager, "org", [0, *(o.id for o in orgs)])


async def _answered(callback: CallbackQuery, manager: DialogManager, action: str) -> None:
    """The card's own confirm/decline/approve/reject: as the notice's buttons, then the card
    again (its getter shows what changed)."""
    ctx = ctx_of(manager)
    session, clock, translator, actor = ctx.session, ctx.clock, ctx.translator, ctx.actor
    number = mentorship_id(manager)
    alert = False
    if action == "cf":
        ms = await mentorships.confirm(session, clock, actor, number, translator)
        alert = ms.status == MentorshipStatus.active
        answer = "mentorship-now-active" if alert else "mentorship-confirmed"
    elif action == "dc":
        await mentorships.decline(session, clock, actor, number, translator)
        answer = "mentorship-you-declined"
    else:
        approve = action == "ap"
        await mentorships.decide_proposal(
            session, clock, actor, number, translator, approve=approve
        )
        answer = "mentorship-approved" if approve else "mentorship-rejected"
    await callback.answer(ctx.texts(answer), show_alert=alert)


async def confirm(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    await _answered(callback, manager, "cf")


async def decline(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    await _answered(callback, manager, "dc")


async def approve(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    await _answered(callback, manager, "ap")


async def reject(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    await _answered(callback, manager, "rj")
