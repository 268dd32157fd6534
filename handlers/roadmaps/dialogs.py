"""The roadmap dialogs: /roadmap and its lists, importing a table or a template, and one
deadline's card with its steps."""

from __future__ import annotations

from typing import Any

from aiogram.fsm.state import State
from aiogram.types import ContentType
from aiogram_dialog import Dialog, DialogManager
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Group, Row, SwitchTo
from aiogram_dialog.widgets.text import Format, Multi

from handlers.kit import (
    Pager,
    Tr,
    Window,
    back_button,
    cancel_button,
    choices,
    nav_row,
    typed_text,
)
from handlers.roadmaps import getters, importing, status
from handlers.roadmaps import handlers as on
from handlers.roadmaps.states import RoadmapHome, RoadmapImport, RoadmapStatus

_TEXT = Format("{text}")
_HOME = nav_row(back=RoadmapHome.home)


def _switch(key: str, state: State, when: str, **renamed: str) -> SwitchTo:
    return SwitchTo(
        Tr(key, **renamed), id=f"to_{str(state.state).rsplit(':', 1)[-1]}", state=state, when=when
    )


def home_dialog() -> Dialog:
    return Dialog(
        Window(
            _TEXT,
            choices("soon", on.open_card),
            Group(
                _switch("roadmap-btn-mine", RoadmapHome.mine, "has_own"),
                _switch("roadmap-btn-below", RoadmapHome.below, "can_look_below"),
                _switch("roadmap-btn-needs-dates", RoadmapHome.needs, "needs", count="needs"),
                _switch("roadmap-btn-unknown", RoadmapHome.unknown, "unknown"),
                width=2,
            ),
            Row(
                Button(Tr("roadmap-btn-import"), id="import", on_click=on.import_file),
                Button(Tr("roadmap-btn-template"), id="template", on_click=on.import_template),
            ),
            getter=getters.home,
            state=RoadmapHome.home,
        ),
        Window(
            Multi(Tr("roadmap-mine-title"), Tr("roadmap-mine-empty", when="empty")),
            choices("mine", on.open_card),
            Pager("mine_pages"),
            _HOME,
            getter=getters.mine,
            state=RoadmapHome.mine,
        ),
        Window(_TEXT, Pager("below_pages"), _HOME, getter=getters.below, state=RoadmapHome.below),
        Window(
            _TEXT, Pager("unknown_pages"), _HOME, getter=getters.unknown, state=RoadmapHome.unknown
        ),
        Window(
            _TEXT,
            choices("deadline", on.pick_deadline),
            Pager("needs_pages"),
            _HOME,
            getter=getters.needs,
            state=RoadmapHome.needs,
        ),
        Window(
            Tr("roadmap-ask-date"),
            typed_text(on.date_typed),
            nav_row(back=RoadmapHome.needs),
            getter=getters.dialog_values,
            state=RoadmapHome.set_date,
        ),
        Window(
            Tr("roadmap-date-set"),
            SwitchTo(Tr("roadmap-btn-needs-more"), id="more", state=RoadmapHome.needs),
            getter=getters.dialog_values,
            state=RoadmapHome.dated,
        ),
    )


def _no_error(data: dict[str, Any], _: Any, __: DialogManager) -> bool:
    return not data.get("error")


def _calendar_years(data: dict[str, Any], _: Any, __: DialogManager) -> bool:
    return not data.get("school_year")


def import_dialog() -> Dialog:
    return Dialog(
        Window(
            Tr("roadmap-ask-owner"),
            choices("owner", importing.on_owner),
            cancel_button(),
            getter=getters.owners,
            state=RoadmapImport.owner,
        ),
        Window(
            Tr("roadmap-ask-template", owner="owner_label"),
            choices("template", importing.on_template),
            cancel_button(),
            getter=getters.templates,
            state=RoadmapImport.template,
        ),
        Window(
            Tr("roadmap-ask-year", when=_calendar_years),
            Tr("roadmap-ask-school-year", when="school_year"),
            choices("year", importing.on_year, width=2),
            nav_row(back=RoadmapImport.template),
            getter=getters.years,
            state=RoadmapImport.year,
        ),
        Window(
            # A file that could not be read: what and where, in place of the question.
            Format("{error}", when="error"),
            Tr("roadmap-ask-file", owner="owner_label", when=_no_error),
            MessageInput(importing.on_file, content_types=ContentType.DOCUMENT),
            MessageInput(importing.not_a_file),
            cancel_button(),
            getter=getters.dialog_values,
            state=RoadmapImport.file,
        ),
        Window(
            Format("{preview}"),
            Button(Tr("roadmap-btn-import-confirm"), id="confirm", on_click=importing.confirm),
            SwitchTo(
                Tr("roadmap-btn-import-deadlines", count="deadline_count"),
                id="to_deadlines",
                state=RoadmapImport.deadlines,
                when="deadline_count",
            ),
            cancel_button(),
            getter=getters.preview_values,
            state=RoadmapImport.confirm,
        ),
        Window(
            Format("{created}"),
            Button(Tr("roadmap-btn-home"), id="home", on_click=importing.finished),
            getter=getters.dialog_values,
            state=RoadmapImport.created,
        ),
        Window(
            _TEXT,
            Pager("import_deadlines"),
            back_button(back=RoadmapImport.confirm),
            getter=getters.import_deadlines,
            state=RoadmapImport.deadlines,
        ),
        on_start=importing.started,
    )


def status_dialog() -> Dialog:
    back = nav_row(back=RoadmapStatus.card)
    return Dialog(
        Window(
            _TEXT,
            Row(
                SwitchTo(
                    Tr("roadmap-btn-done"),
                    id="done",
                    state=RoadmapStatus.evidence,
                    on_click=status.check_open,
                    when="open",
                ),
                Button(
                    Tr("roadmap-btn-progress"),
                    id="progress",
                    on_click=status.in_progress,
                    when="open",
                ),
            ),
            Row(
                SwitchTo(
                    Tr("roadmap-btn-na"),
                    id="na",
                    state=RoadmapStatus.reason,
                    on_click=status.check_open,
                    when="open",
                ),
                SwitchTo(
                    Tr("roadmap-btn-postpone"),
                    id="postpone",
                    state=RoadmapStatus.postpone,
                    on_click=status.check_postponable,
                    when="can_postpone",
                ),
            ),
            Button(Tr("roadmap-btn-home"), id="home", on_click=status.to_home),
            getter=getters.card,
            state=RoadmapStatus.card,
        ),
        Window(
            Tr("roadmap-ask-evidence"),
            MessageInput(
                status.on_evidence,
                content_types=[ContentType.DOCUMENT, ContentType.PHOTO, ContentType.TEXT],
            ),
            back,
            getter=getters.step,
            state=RoadmapStatus.evidence,
        ),
        Window(
            Tr("roadmap-ask-reason", item="item_short"),
            typed_text(status.on_reason),
            back,
            getter=getters.step,
            state=RoadmapStatus.reason,
        ),
        Window(
            Tr("roadmap-ask-postpone", item="item_short"),
            typed_text(status.on_postpone),
            back,
            getter=getters.step,
            state=RoadmapStatus.postpone,
        ),
        Window(
            Tr("roadmap-postpone-sent", date="to"),
            Button(Tr("roadmap-btn-home"), id="home", on_click=status.to_home),
            getter=getters.dialog_values,
            state=RoadmapStatus.sent,
        ),
    )
