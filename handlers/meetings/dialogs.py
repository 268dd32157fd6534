"""The meeting log (/meet) and a saved entry's edit: the same steps in two dialogs.

The log walks the steps to a summary, where one answer can be changed and the person comes
straight back; the edit starts from the entry's card, asks which field, then that step, and
saves at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from aiogram.fsm.state import State, StatesGroup
from aiogram_dialog import Dialog
from aiogram_dialog.widgets.kbd import Button, Group, SwitchTo
from aiogram_dialog.widgets.kbd.button import OnClick
from aiogram_dialog.widgets.text import Format, Multi

from handlers.kit import (
    Tr,
    Window,
    cancel_button,
    checklist,
    choices,
    day_picker,
    keeps_on_leave,
    leave_button,
    nav_row,
    typed_text,
)
from handlers.meetings import getters
from handlers.meetings import handlers as on
from handlers.meetings.states import MeetEdit, MeetLog

Nav = Callable[[str], Sequence[object]]
EDITABLE = ("date", "duration", "format", "topic", "outcome", "attendees")


def _field(step: str) -> Tr:
    return Tr(f"meeting-field-{on.FIELDS[step]}")


def _fields(group: type[StatesGroup], on_click: OnClick) -> Group:
    """A button per field (who was present only for a group), two a row."""
    return Group(
        *(
            SwitchTo(
                _field(step),
                id=f"edit_{step}",
                state=getattr(group, step),
                on_click=on_click,
                when="group" if step == "attendees" else None,
            )
            for step in EDITABLE
        ),
        width=2,
    )


def _steps(group: type[StatesGroup], nav: Nav) -> list[Window]:
    def state(step: str) -> State:
        found: State = getattr(group, step)
        return found

    picker, typed_day = day_picker("held_on", on.on_day)
    return [
        Window(
            Multi(
                Tr("meeting-date-not-started", when="not_started"),
                Tr("meeting-ask-date", when="started"),
                Tr("meeting-ask-date-typed", days="window", when="started"),
                Tr("meeting-date-since-start", when="since_start"),
            ),
            choices("quick", on.on_quick_day, width=2),
            Group(picker, when="started"),
            typed_day,
            *nav("date"),
            getter=getters.days,
            state=state("date"),
        ),
        Window(
            Tr("meeting-ask-duration"),
            choices("minutes", on.on_minutes, width=3),
            typed_text(on.on_minutes_typed),
            *nav("duration"),
            getter=getters.minutes,
            state=state("duration"),
        ),
        Window(
            Tr("meeting-ask-format"),
            choices("format", on.on_format, width=2),
            *nav("format"),
            getter=getters.formats,
            state=state("format"),
        ),
        Window(
            Multi(
                Tr("meeting-ask-topic-plan", when="plan"),
                Tr("meeting-ask-topic", when="no_plan"),
            ),
            choices("plan", on.on_plan_step),
            typed_text(on.on_topic),
            *nav("topic"),
            getter=getters.topics,
            state=state("topic"),
        ),
        Window(
            Tr("meeting-ask-outcome"),
            Button(Tr("meeting-btn-skip"), id="skip", on_click=on.skip_outcome),
            typed_text(on.on_outcome),
            *nav("outcome"),
            state=state("outcome"),
        ),
        Window(
            Tr("meeting-ask-attendees"),
            checklist(on.WHO, width=2),
            Button(Tr("btn-done"), id="done", on_click=on.attendees_done),
            *nav("attendees"),
            getter=getters.attendees,
            state=state("attendees"),
        ),
    ]


def _log_nav(step: str) -> Sequence[object]:
    back = nav_row(on_back=on.stop_editing)
    if step != "date":
        return [back]
    # The first step when the pair was not chosen: nothing to go back to.
    return [
        leave_button("meeting-btn-mine", on.mine_screen, id="mine", when="mine"),
        Group(back, when="several"),
        Group(cancel_button(), when="single"),
    ]


def log_dialog() -> Dialog:
    return keeps_on_leave(_log_dialog(), on.keep_draft)


def _log_dialog() -> Dialog:
    return Dialog(
        Window(
            Tr("meeting-ask-mentorship"),
            choices("pair", on.on_pair),
            leave_button("meeting-btn-mine", on.mine_screen, id="mine"),
            cancel_button(),
            getter=getters.pairs,
            state=MeetLog.pair,
        ),
        *_steps(MeetLog, _log_nav),
        Window(
            Multi(Tr("meeting-summary-title"), Format("{summary}"), sep="\n\n"),
            Button(Tr("meeting-btn-save"), id="save", on_click=on.save),
            _fields(MeetLog, on.edit),
            cancel_button(),
            getter=getters.summary,
            state=MeetLog.confirm,
        ),
        on_start=on.on_log_start,
    )


def _edit_nav(_: str) -> Sequence[object]:
    return [nav_row(back=MeetEdit.fields)]


def edit_dialog() -> Dialog:
    return Dialog(
        Window(
            Tr("meeting-ask-field"),
            _fields(MeetEdit, on.check_editable),
            leave_button("btn-back", on.card_screen, id="back"),
            getter=getters.fields,
            state=MeetEdit.fields,
        ),
        *_steps(MeetEdit, _edit_nav),
        on_start=on.on_edit_start,
    )
