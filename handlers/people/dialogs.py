"""/participants and /pending: a page of people with filters; a person's card with what a
coordinator decides (approve or reject a registration, grant or revoke the mentor role)."""

from __future__ import annotations

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.kbd import Button, Row
from aiogram_dialog.widgets.text import Format, Multi

from handlers.kit import Pager, Tr, Window, choices, nav_row
from handlers.people import getters
from handlers.people import handlers as on
from handlers.people.states import PeopleSG


def _act(action: str, label: str, when: str) -> Button:
    return Button(Tr(label), id=action, on_click=on.on_action, when=when)


def people_dialog() -> Dialog:
    return Dialog(
        Window(
            Multi(Tr("people-title"), Tr("people-empty", when="empty")),
            choices("person", on.on_open),
            Pager(getters.PEOPLE),
            choices("role", on.on_role, items="roles", width=3),
            choices("status", on.on_status, items="statuses", width=3),
            getter=getters.people,
            state=PeopleSG.list,
        ),
        Window(
            Format("{card}"),
            Row(
                _act("approve", "btn-approve", "pending"),
                _act("reject", "btn-reject", "pending"),
            ),
            _act("revoke", "btn-revoke-mentor", "can_revoke"),
            _act("grant", "btn-grant-mentor", "can_grant"),
            nav_row(back=PeopleSG.list, said="people-closed"),
            getter=getters.card,
            state=PeopleSG.card,
        ),
        on_start=on.on_start,
    )
