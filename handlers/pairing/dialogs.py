"""Forming a pair as two dialogs, one per order of steps: a coordinator's (form → mentees →
mentor → element → role model → start → end → confirm) and a mentor's proposal (form →
mentees → element → role model → end → confirm). The windows they share are built once."""

from __future__ import annotations

from aiogram.fsm.state import State
from aiogram_dialog import Dialog
from aiogram_dialog.widgets.kbd import Button, Group, SwitchTo
from aiogram_dialog.widgets.text import Format, Multi

from handlers.kit import (
    Pager,
    Tr,
    Window,
    checklist,
    choices,
    day_picker,
    nav_row,
    typed_text,
)
from handlers.pairing import getters
from handlers.pairing import handlers as on
from handlers.pairing.states import PairCreate, PairPropose

MENTEES = getters.MENTEES  # the checklist of a group's mentees
MENTEE_PAGES = getters.MENTEE_PAGES
MENTOR_PAGES = getters.MENTOR_PAGES


def _form(state: State) -> Window:
    return Window(
        Tr("pair-ask-form"),
        choices("form", on.on_form, width=2),
        nav_row(back=False),
        getter=getters.forms,
        state=state,
    )


def _mentees(state: State) -> Window:
    return Window(
        Multi(
            Tr("pair-ask-mentee", when="one"),
            Tr("pair-ask-mentee-reverse", when="reverse"),
            Tr("pair-ask-mentees-many", when="many"),
            Tr("pair-search-active", when="search"),
            Tr("pair-nobody-found", when="nobody"),
        ),
        Group(choices("mentee", on.on_mentee), when="single"),
        Group(checklist(MENTEES, on_toggle=on.on_mark), when="many"),
        Pager(MENTEE_PAGES),
        Button(
            Tr("pair-btn-mentees-done", count="marked"),
            id="mentees_done",
            on_click=on.on_mentees_done,
            when="many",
        ),
        typed_text(on.on_mentee_search),
        nav_row(),
        getter=getters.mentees,
        state=state,
    )


def _element(state: State) -> Window:
    return Window(
        Tr("pair-ask-element"),
        choices("element", on.on_element),
        nav_row(),
        getter=getters.elements,
        state=state,
    )


def _role_model(state: State) -> Window:
    return Window(
        Tr("pair-ask-role-model"),
        choices("role", on.on_role_model),
        nav_row(),
        getter=getters.role_models,
        state=state,
    )


def _end(state: State) -> Window:
    return Window(
        Tr("pair-ask-end"),
        choices("end_on", on.on_end_quick, width=3),
        *day_picker("end_day", on.on_end_day, future=True),
        nav_row(),
        getter=getters.end,
        state=state,
    )


def _confirm(state: State, button: str) -> Window:
    return Window(
        Format("{summary}"),
        Button(Tr(button), id="create", on_click=on.on_create),
        nav_row(),
        getter=getters.summary,
        state=state,
    )


def create_dialog() -> Dialog:
    return Dialog(
        _form(PairCreate.form),
        _mentees(PairCreate.mentees),
        Window(
            Format("{suggestions}"),
            choices("suggested", on.on_mentor),
            SwitchTo(
                Tr("pair-btn-all-mentors"),
                id="all_mentors",
                state=PairCreate.mentors,
                on_click=on.on_all_mentors,
            ),
            typed_text(on.on_mentor_search),
            nav_row(),
            getter=getters.suggestions,
            state=PairCreate.mentor,
        ),
        _element(PairCreate.element),
        _role_model(PairCreate.role_model),
        Window(
            Tr("pair-ask-start"),
            choices("start_on", on.on_start_quick, width=2),
            *day_picker("start_day", on.on_start_day, future=True),
            nav_row(),
            getter=getters.start,
            state=PairCreate.start,
        ),
        _end(PairCreate.end),
        _confirm(PairCreate.confirm, "pair-btn-create"),
        # A side window of the suggestions, last: Back walks the windows in this order.
        Window(
            Multi(
                Tr("pair-ask-mentor-all"),
                Tr("pair-search-active", when="search"),
                Tr("pair-nobody-found", when="nobody"),
            ),
            choices("mentor", on.on_mentor),
            Pager(MENTOR_PAGES),
            SwitchTo(Tr("pair-btn-suggestions"), id="suggestions", state=PairCreate.mentor),
            typed_text(on.on_mentor_search),
            nav_row(back=PairCreate.mentees),
            getter=getters.all_mentors,
            state=PairCreate.mentors,
        ),
        on_start=on.started,
    )


def propose_dialog() -> Dialog:
    return Dialog(
        _form(PairPropose.form),
        _mentees(PairPropose.mentees),
        _element(PairPropose.element),
        _role_model(PairPropose.role_model),
        _end(PairPropose.end),
        _confirm(PairPropose.confirm, "pair-btn-propose"),
        on_start=on.started,
    )
