"""The audience picker: who gets it, in words and in number, and a window per dimension to
tick roles, categories, municipalities, organizations, forms of mentoring."""

from __future__ import annotations

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.kbd import Button, Group, Row, SwitchTo
from aiogram_dialog.widgets.text import Format

from bot.services.audience import DIMENSIONS
from handlers.kit.audience import getters
from handlers.kit.audience import handlers as on
from handlers.kit.audience.states import AudienceSG
from handlers.kit.nav import TO_CALLER, back_button, cancel_button
from handlers.kit.pages import Pager
from handlers.kit.picks import checklist
from handlers.kit.text import Tr
from handlers.kit.window import Window

_PAGED = ("munis", "orgs")


def _dimension(dim: str) -> Window:
    pager = f"{dim}_page"
    widgets = [
        Tr(f"ann-dim-{dim}-ask"),
        checklist(dim, on_toggle=on.checker(dim)),
        *([Pager(pager)] if dim in _PAGED else []),
        SwitchTo(Tr("btn-done"), id=f"{dim}_done", state=AudienceSG.main, on_click=on.synced),
    ]
    return Window(
        *widgets,
        getter=getters.choices_of(dim, paged_by=pager if dim in _PAGED else None),
        state=getattr(AudienceSG, dim),
    )


def audience_dialog() -> Dialog:
    open_dimension = [
        SwitchTo(
            Tr(f"ann-dim-{dim}"),
            id=f"open_{dim}",
            state=getattr(AudienceSG, dim),
            when=dim,  # the service says which filters apply to the actor
        )
        for dim in DIMENSIONS
    ]
    return Dialog(
        Window(
            Format("{summary}"),
            Group(*open_dimension, width=2),
            Button(Tr("ann-btn-everyone"), id="everyone", on_click=on.everyone, when="everyone"),
            Button(Format("{next_label}"), id="next", on_click=on.send_back),
            Row(back_button(TO_CALLER, when="back"), cancel_button()),
            getter=getters.summary,
            state=AudienceSG.main,
        ),
        *(_dimension(dim) for dim in DIMENSIONS),
        on_start=on.start,
    )
