"""Forming a mentorship: a coordinator's wizard in /pairs, and a mentor's proposal.

The entry buttons are on the /pairs and /mentorships screens (PairCb); each press in the
dialog is checked by bot.services.mentorship.forming, and the service checks everything
once more when the pair is created. Names can be searched by typing part of them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager, ShowMode, StartMode

from bot.callbacks.mentorship import MsCb
from bot.context import Ctx
from bot.services.errors import Forbidden
from bot.services.mentorship import forming, pairs
from bot.services.mentorship.pairs import MentorshipDraft
from handlers.kit.context import ctx_of
from handlers.kit.picks import choose, chosen, stale
from handlers.mentorship_ui import PairCb, ScopeCb
from handlers.pairing import getters
from handlers.pairing.states import PairCreate, PairPropose
from handlers.ui import button, markup
from models.enums import MentoringForm


async def _start_new(manager: DialogManager, state: State, data: dict[str, Any]) -> None:
    """A new message under the pressed screen, the wizard from its first step."""
    await manager.start(state, data, mode=StartMode.RESET_STACK, show_mode=ShowMode.SEND)


# --- entry points (buttons of the /pairs and /mentorships screens) ---------------------------


async def start_forming(callback: CallbackQuery, dialog_manager: DialogManager, ctx: Ctx) -> None:
    forming.check_mode(ctx.actor, forming.CREATE)
    await callback.answer()
    await _start_new(dialog_manager, PairCreate.form, {"mentee_ids": []})


async def start_quick(
    callback: CallbackQuery, callback_data: PairCb, dialog_manager: DialogManager, ctx: Ctx
) -> None:
    """From the list of mentees without a mentor: a traditional pair for this one."""
    forming.check_mode(ctx.actor, forming.CREATE)
    mentee = await forming.mentee_in_scope(ctx.session, ctx.actor, callback_data.value)
    await callback.answer()
    data = {"form": MentoringForm.traditional.value, "mentee_ids": [mentee.id]}
    await _start_new(dialog_manager, PairCreate.mentor, data)


async def start_proposing(callback: CallbackQuery, dialog_manager: DialogManager, ctx: Ctx) -> None:
    if ctx.participant is None:
        raise Forbidden("error-not-mentor")
    forming.check_mode(ctx.actor, forming.PROPOSE)
    await callback.answer()
    await _start_new(dialog_manager, PairPropose.form, {"mentee_ids": []})


async def started(start_data: Any, manager: DialogManager) -> None:
    manager.dialog_data.update(start_data or {})


# --- the steps -------------------------------------------------------------------------------


def _mode(manager: DialogManager) -> str:
    return getters.mode(ctx_of(manager), manager)


def _form(manager: DialogManager) -> str:
    return str(manager.dialog_data.get("form") or "")


async def _first_page(manager: DialogManager, pages: str) -> None:
    scroll = manager.find(pages)
    assert scroll is not None, pages
    await scroll.set_page(0)


async def on_form(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    mode, data = _mode(manager), manager.dialog_data
    form = forming.check_form(mode, key)
    kept = forming.mentees_after_form(mode, form, _form(manager), getters.mentee_ids(manager))
    data.update(form=form, mentee_ids=kept, search="")
    if forming.is_multi(mode, form):
        await choose(manager, getters.MENTEES, [str(pid) for pid in kept])
    await _first_page(manager, getters.MENTEE_PAGES)
    await manager.next()


async def on_mentee_search(_: Message, text: str, manager: DialogManager) -> None:
    _mode(manager)
    manager.dialog_data["search"] = forming.search_of(text)
    await _first_page(manager, getters.MENTEE_PAGES)


async def on_mentee(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    """One mentee (a one-to-one form, or any proposal): picked, and on to the next step."""
    mode, ctx = _mode(manager), ctx_of(manager)
    if forming.is_multi(mode, _form(manager)):
        raise stale()
    if mode == forming.PROPOSE:
        picked = await forming.colleague(ctx.session, ctx.person, _form(manager), key)
    else:
        picked = (await forming.mentee_in_scope(ctx.session, ctx.actor, key)).id
    manager.dialog_data.update(mentee_ids=[picked], search="")
    await manager.next()


async def on_mark(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    """A group's mentee marked (someone in scope, within the group's size) or unmarked; what
    is refused here is unmarked again by the kit."""
    mode, ctx = _mode(manager), ctx_of(manager)
    if not forming.is_multi(mode, _form(manager)):
        raise stale()
    marked = [int(pid) for pid in chosen(manager, getters.MENTEES) if pid != key]
    if key not in chosen(manager, getters.MENTEES):
        return  # taken off
    person = await forming.mentee_in_scope(ctx.session, ctx.actor, key)
    if key != str(person.id):
        raise stale()
    forming.toggled(marked, person.id)


async def on_mentees_done(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    _mode(manager)
    marked = [int(pid) for pid in chosen(manager, getters.MENTEES)]
    pairs.check_mentee_count(_form(manager), len(marked))
    manager.dialog_data.update(mentee_ids=marked, search="")
    await manager.next()


async def on_all_mentors(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    _mode(manager)
    manager.dialog_data["search"] = ""
    await _first_page(manager, getters.MENTOR_PAGES)


async def on_mentor_search(_: Message, text: str, manager: DialogManager) -> None:
    _mode(manager)
    manager.dialog_data["search"] = forming.search_of(text)
    await _first_page(manager, getters.MENTOR_PAGES)
    await manager.switch_to(PairCreate.mentors)


async def on_mentor(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    _mode(manager)
    ctx = ctx_of(manager)
    mentor_id = await forming.check_mentor(
        ctx.session, ctx.actor, key, _form(manager), getters.mentee_ids(manager)
    )
    manager.dialog_data.update(mentor_id=mentor_id, search="")
    await manager.switch_to(PairCreate.element)


async def on_element(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    _mode(manager)
    manager.dialog_data["element"] = forming.check_element(key)
    await manager.next()


async def on_role_model(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    _mode(manager)
    manager.dialog_data["role_model"] = forming.check_role_model(key)
    await manager.next()


async def _set_start(manager: DialogManager, start: date, today: date) -> None:
    manager.dialog_data["start"] = forming.check_start(start, today).isoformat()
    await manager.next()


async def on_start_quick(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    _mode(manager)
    today = await getters.today(ctx_of(manager))
    await _set_start(manager, forming.quick_start(key, today), today)


async def on_start_day(_: CallbackQuery | Message, day: date, manager: DialogManager) -> None:
    _mode(manager)
    await _set_start(manager, day, await getters.today(ctx_of(manager)))


async def _set_end(manager: DialogManager, end: date, today: date) -> None:
    start = getters.start_of(manager, today)
    manager.dialog_data["end"] = forming.check_end(start, end, today).isoformat()
    await manager.next()


async def on_end_quick(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    _mode(manager)
    today = await getters.today(ctx_of(manager))
    await _set_end(manager, forming.quick_end(key, getters.start_of(manager, today)), today)


async def on_end_day(_: CallbackQuery | Message, day: date, manager: DialogManager) -> None:
    _mode(manager)
    await _set_end(manager, day, await getters.today(ctx_of(manager)))


async def on_create(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    mode, ctx, data = _mode(manager), ctx_of(manager), manager.dialog_data
    draft = MentorshipDraft(
        mentor_id=int(data.get("mentor_id") or ctx.actor.participant_id or 0),
        mentee_ids=tuple(getters.mentee_ids(manager)),
        form=_form(manager),
        model_element=str(data.get("element")),
        role_model=str(data.get("role_model")),
        start_on=date.fromisoformat(data["start"]) if data.get("start") else None,
        planned_end_on=date.fromisoformat(str(data.get("end"))),
    )
    texts = ctx.texts
    if mode == forming.CREATE:
        ms = await pairs.create(ctx.session, ctx.clock, ctx.actor, draft, ctx.translator)
        text = texts("pair-created")
        back = button(texts("pairs-btn-home"), ScopeCb(action="home"))
    else:
        ms = await pairs.propose(ctx.session, ctx.clock, ctx.actor, draft, ctx.translator)
        text = texts("pair-proposed")
        back = button(texts("btn-back"), MsCb(action="list"))
    await manager.done(show_mode=ShowMode.NO_UPDATE)
    await callback.answer()
    if isinstance(callback.message, Message):
        await callback.message.edit_text(
            text,
            reply_markup=markup(
                [[button(texts("pair-btn-open"), MsCb(action="open", id=ms.id))], [back]]
            ),
        )
