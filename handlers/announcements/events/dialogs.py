"""The windows of /newevent (a step each; Back passes over the steps the answers skipped) and
/events (the list, one event, the author's events, attendance, cancelling)."""

from __future__ import annotations

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.kbd import Button, Row, SwitchTo
from aiogram_dialog.widgets.text import Format

from handlers.announcements.events import getters
from handlers.announcements.events import handlers as on
from handlers.announcements.events.states import EventSG, EventsSG
from handlers.kit import (
    Pager,
    Tr,
    Window,
    back_button,
    cancel_button,
    checklist,
    choices,
    day_picker,
    nav_row,
    typed_text,
)

_TEXT = Format("{text}")


def _nav() -> Row:
    return nav_row(asked=on.asked)


def new_event_dialog() -> Dialog:
    calendar, _typed_day = day_picker("day", on.on_day, future=True)  # typed: on_starts reads
    return Dialog(
        Window(
            Tr("event-ask-kind"),
            choices("kind", on.on_kind, width=2),
            cancel_button(),
            getter=getters.kinds,
            state=EventSG.kind,
        ),
        Window(Tr("event-ask-title"), typed_text(on.on_title), _nav(), state=EventSG.title),
        Window(
            Tr("event-ask-starts"),
            calendar,
            typed_text(on.on_starts),
            _nav(),
            getter=getters.starts,
            state=EventSG.starts,
        ),
        Window(
            Tr("event-ask-time"),
            typed_text(on.on_time),
            _nav(),
            getter=getters.time,
            state=EventSG.time,
        ),
        Window(
            Tr("event-ask-duration"),
            choices("duration", on.on_duration, width=4),
            typed_text(on.on_duration_typed),
            _nav(),
            getter=getters.durations,
            state=EventSG.duration,
        ),
        Window(Tr("event-ask-place"), typed_text(on.on_place), _nav(), state=EventSG.place),
        Window(
            Tr("event-ask-description"),
            Button(Tr("event-btn-no-description"), id="none", on_click=on.on_no_description),
            typed_text(on.on_description),
            _nav(),
            state=EventSG.description,
        ),
        Window(
            Tr("event-ask-registration"),
            Row(
                Button(Tr("event-btn-registration-yes"), id="yes", on_click=on.on_registration),
                Button(Tr("event-btn-registration-no"), id="no", on_click=on.on_no_registration),
            ),
            _nav(),
            state=EventSG.registration,
        ),
        Window(
            Tr("event-ask-capacity"),
            choices("capacity", on.on_capacity, width=3),
            Button(Tr("event-btn-unlimited"), id="unlimited", on_click=on.on_unlimited),
            typed_text(on.on_capacity_typed),
            _nav(),
            getter=getters.capacities,
            state=EventSG.capacity,
        ),
        on_start=on.on_start_draft,
    )


def events_dialog() -> Dialog:
    managed = EventsSG.managed
    return Dialog(
        Window(
            _TEXT,
            choices("event", on.on_open),
            Pager("events"),
            choices("past", on.on_open, items="past"),
            Button(Tr("event-btn-manage"), id="manage", on_click=on.on_manage, when="coordinator"),
            getter=getters.event_list,
            state=EventsSG.list,
        ),
        Window(
            _TEXT,
            Row(
                Button(Format("{going}"), id="go", on_click=on.on_going),
                Button(Format("{not_going}"), id="no", on_click=on.on_not_going),
                when="open",
            ),
            Row(
                Button(Tr("event-btn-attended"), id="here", on_click=on.on_here),
                Button(Tr("event-btn-missed"), id="away", on_click=on.on_away),
                when="ask_attended",
            ),
            back_button(EventsSG.list),
            getter=getters.card,
            state=EventsSG.card,
        ),
        Window(
            _TEXT,
            choices("mine", on.on_open_managed),
            Pager("mine_pages"),
            back_button(EventsSG.list),
            getter=getters.manage,
            state=EventsSG.manage,
        ),
        Window(
            _TEXT,
            Row(
                Button(Tr("event-btn-attendance"), id="attendance", on_click=on.on_attendance),
                Button(Tr("event-btn-xlsx"), id="xlsx", on_click=on.on_export),
            ),
            Button(Tr("event-btn-edit"), id="edit", on_click=on.on_edit, when="cancellable"),
            Button(
                Tr("event-btn-cancel-event"),
                id="cancel_event",
                on_click=on.on_ask_cancel,
                when="cancellable",
            ),
            back_button(EventsSG.manage),
            getter=getters.managed,
            state=managed,
        ),
        Window(
            Tr("event-attendance-title"),
            checklist("attended", on_toggle=on.on_mark),
            Pager("attendees"),
            back_button(managed),
            getter=getters.attendance,
            state=EventsSG.attendance,
        ),
        Window(
            Tr("event-confirm-cancel"),
            Row(
                Button(Tr("event-btn-cancel-yes"), id="yes", on_click=on.on_cancel_event),
                SwitchTo(Tr("btn-back"), id="back", state=managed),
            ),
            getter=getters.cancel,
            state=EventsSG.cancel,
        ),
        Window(
            Tr("event-edit-ask"),
            choices("edit_field", on.on_edit_field, width=2),
            back_button(managed),
            getter=getters.edit_fields,
            state=EventsSG.edit,
        ),
        Window(
            _TEXT,
            Button(
                Tr("event-btn-unlimited"),
                id="edit_unlimited",
                on_click=on.on_edit_unlimited,
                when="capacity",
            ),
            typed_text(on.on_edit_value),
            back_button(EventsSG.edit),
            getter=getters.edit_value,
            state=EventsSG.edit_value,
        ),
        on_start=on.on_start_events,
    )
