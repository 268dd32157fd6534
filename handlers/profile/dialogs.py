"""/profile: the card with a button per field the person can change, the export and the
account deletion; each field's window saves and returns to the card (btn-done)."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.kbd import Button, Group, Row, SwitchTo
from aiogram_dialog.widgets.text import Format

from handlers.kit import Tr, Window, checklist, choices, paged_choices, typed_text
from handlers.profile import getters
from handlers.profile import handlers as on
from handlers.profile.states import ProfileSG


def _edit(field: str) -> SwitchTo:
    return SwitchTo(
        Tr(f"profile-edit-{field}"),
        id=f"edit_{field}",
        state=getattr(ProfileSG, field),
        on_click=on.edit(field),
        when=f"can_{field}",
    )


def _done() -> SwitchTo:
    """Back to the card: what was chosen is saved already."""
    return SwitchTo(Tr("btn-done"), id="done", state=ProfileSG.card)


def _field(field: str, *widgets: Any, getter: Any = None) -> Window:
    return Window(*widgets, _done(), getter=getter, state=getattr(ProfileSG, field))


def _multi(field: str) -> Window:
    return _field(
        field,
        Tr(f"ask-{field}"),
        checklist(field, width=2, on_toggle=on.toggled(field)),
        getter=getters.multi(field),
    )


def profile_dialog() -> Dialog:
    return Dialog(
        Window(
            Format("{card}"),
            Group(
                _edit("full_name"),
                _edit("subjects"),
                _edit("experience"),
                _edit("deficits"),
                _edit("expertise"),
                _edit("capacity"),
                Button(
                    Tr("profile-edit-flash"),
                    id="flash",
                    on_click=on.toggle_flash,
                    when="can_flash",
                ),
                _edit("formats"),
                width=2,
            ),
            SwitchTo(
                Tr("profile-btn-move"),
                id="move",
                state=ProfileSG.move_municipality,
                on_click=on.move_start,
                when="can_move",
            ),
            Row(
                Button(Tr("btn-mydata"), id="export", on_click=on.export),
                SwitchTo(Tr("btn-delete-account"), id="delete", state=ProfileSG.delete),
            ),
            getter=getters.card,
            state=ProfileSG.card,
        ),
        _field("full_name", Tr("ask-full-name"), typed_text(on.on_full_name)),
        _field("experience", Tr("ask-experience"), typed_text(on.on_experience)),
        _multi("subjects"),
        _multi("deficits"),
        _multi("expertise"),
        _multi("formats"),
        _field(
            "capacity",
            Tr("ask-capacity"),
            choices("capacity", on.on_capacity, width=5),
            getter=getters.capacities,
        ),
        Window(
            Tr("delete-confirm"),
            # Bound to this account (on.delete checks it): an old one cannot erase a later one.
            Button(Tr("btn-delete-yes"), id="delete_yes", on_click=on.delete),
            SwitchTo(Tr("btn-delete-no"), id="keep", state=ProfileSG.card),
            state=ProfileSG.delete,
        ),
        Window(
            Tr("ask-municipality"),
            choices("move_muni", on.move_municipality, width=2),
            SwitchTo(Tr("btn-back"), id="move_back", state=ProfileSG.card),
            getter=getters.move_municipalities,
            state=ProfileSG.move_municipality,
        ),
        Window(
            Tr("ask-organization"),
            paged_choices(on.MOVE_ORGS, on.move_organization),
            SwitchTo(Tr("btn-back"), id="move_back", state=ProfileSG.move_municipality),
            getter=getters.move_organizations,
            state=ProfileSG.move_organization,
        ),
        Window(
            Format("{text}"),
            Button(Tr("profile-btn-move-yes"), id="move_yes", on_click=on.move_confirmed),
            SwitchTo(Tr("btn-back"), id="move_back", state=ProfileSG.move_organization),
            SwitchTo(Tr("btn-cancel"), id="move_keep", state=ProfileSG.card),
            getter=getters.move_preview,
            state=ProfileSG.move_confirm,
        ),
        on_start=on.on_start,
    )
