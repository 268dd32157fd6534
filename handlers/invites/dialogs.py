"""The /invite conversation: whom, which category, where (municipality, organization), how
long and how many times; then the link."""

from __future__ import annotations

from aiogram_dialog import Dialog

from handlers.invites import getters
from handlers.invites import handlers as on
from handlers.invites.states import InviteSG
from handlers.kit import Tr, Window, cancel_button, choices, nav_row, paged_choices


def invite_dialog() -> Dialog:
    return Dialog(
        Window(
            Tr("invite-ask-role"),
            choices("role", on.on_role, width=2),
            cancel_button(),
            getter=getters.roles,
            state=InviteSG.role,
        ),
        Window(
            Tr("invite-ask-category"),
            choices("category", on.on_category, width=2),
            nav_row(),
            getter=getters.categories,
            state=InviteSG.category,
        ),
        Window(
            Tr("ask-municipality"),
            choices("municipality", on.on_municipality, width=2),
            nav_row(),
            getter=getters.municipalities,
            state=InviteSG.municipality,
        ),
        Window(
            Tr("ask-organization"),
            paged_choices(getters.ORGANIZATIONS, on.on_organization),
            nav_row(back=on.before_organization),
            getter=getters.organizations,
            state=InviteSG.organization,
        ),
        Window(
            Tr("invite-ask-expiry"),
            choices("expiry", on.on_expiry, width=3),
            nav_row(),
            getter=getters.expiries,
            state=InviteSG.expiry,
        ),
        Window(
            Tr("invite-ask-uses"),
            choices("uses", on.on_uses, width=4),
            nav_row(),
            getter=getters.uses,
            state=InviteSG.uses,
        ),
        Window(
            Tr("invite-ask-parental-consent"),
            choices("consent", on.on_consent),
            nav_row(),
            getter=getters.consent,
            state=InviteSG.consent,
        ),
    )
