"""The registration: consent, then one window per step of bot.services.steps (an invite or an
earlier answer skips some; Back passes over them), then a summary to confirm."""

from __future__ import annotations

from typing import Any

from aiogram.fsm.state import State
from aiogram_dialog import Dialog
from aiogram_dialog.widgets.kbd import Button, Row
from aiogram_dialog.widgets.text import Format, Multi

from handlers.kit import Tr, Window, checklist, choices, nav_row, paged_choices, typed_text
from handlers.registration import getters
from handlers.registration import handlers as on
from handlers.registration.states import RegistrationSG


def _nav(back: bool = True) -> Row:
    return nav_row(back=back, asked=on.asked, on_cancel=on.forget, said=on.cancelled_text)


def _step(state: State, *widgets: Any, getter: Any = None, back: bool = True) -> Window:
    return Window(*widgets, _nav(back), getter=getter, state=state)


def _multi(step: str) -> Window:
    return _step(
        getattr(RegistrationSG, step),
        Tr(f"ask-{step}"),
        checklist(step, width=2),
        Button(Tr("btn-done"), id=f"{step}_done", on_click=on.multi_done(step)),
        getter=getters.multi(step),
    )


def registration_dialog() -> Dialog:
    return Dialog(
        Window(
            Multi(
                Tr("start-invite-resumed", when="resumed"),
                Tr("start-invite-lost", when="lost"),
                Tr("consent-text"),
                sep="\n\n",
            ),
            Row(
                Button(Tr("btn-consent-yes"), id="agree", on_click=on.agree),
                Button(Tr("btn-consent-no"), id="refuse", on_click=on.refuse),
            ),
            getter=getters.consent,
            state=RegistrationSG.consent,
        ),
        _step(
            RegistrationSG.full_name,
            Tr("ask-full-name"),
            typed_text(on.on_full_name),
            back=False,
        ),
        _step(
            RegistrationSG.category,
            Tr("ask-category"),
            choices("category", on.on_category, width=2),
            getter=getters.categories,
        ),
        _step(
            RegistrationSG.municipality,
            Tr("ask-municipality"),
            choices("municipality", on.on_municipality, width=2),
            getter=getters.municipalities,
        ),
        _step(
            RegistrationSG.organization,
            Tr("ask-organization"),
            paged_choices(on.ORGANIZATIONS, on.on_organization),
            getter=getters.organizations,
        ),
        _step(
            RegistrationSG.role,
            Tr("ask-role"),
            choices("role", on.on_role, width=2),
            getter=getters.roles,
        ),
        _multi("subjects"),
        _step(RegistrationSG.experience, Tr("ask-experience"), typed_text(on.on_experience)),
        _multi("deficits"),
        _multi("expertise"),
        _step(
            RegistrationSG.capacity,
            Tr("ask-capacity"),
            choices("capacity", on.on_capacity, width=5),
            getter=getters.capacities,
        ),
        _step(
            RegistrationSG.flash,
            Tr("ask-flash"),
            choices("flash", on.on_flash, width=2),
            getter=getters.yes_no,
        ),
        _multi("formats"),
        _step(
            RegistrationSG.confirm,
            Format("{summary}"),
            Button(Tr("btn-confirm"), id="confirm", on_click=on.confirm),
            getter=getters.summary,
        ),
        on_start=on.on_start,
    )
