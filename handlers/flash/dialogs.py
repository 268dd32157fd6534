"""The /flash conversation: a topic, a few words, a format, a time, then a summary to send
or to correct one answer from (and come straight back)."""

from __future__ import annotations

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.kbd import Button, Row, SwitchTo
from aiogram_dialog.widgets.text import Const, Format, Multi

from handlers.flash import getters
from handlers.flash import handlers as on
from handlers.flash.states import FlashAsk
from handlers.kit import Tr, Window, cancel_button, choices, nav_row, typed_text

_SAID = "flash-ask-cancelled"


def _nav(back: bool = True) -> Row:
    return nav_row(back=back, on_back=on.stop_editing, on_cancel=on.withdraw_draft, said=_SAID)


def _edit(step: str) -> SwitchTo:
    return SwitchTo(
        Tr(f"flash-btn-edit-{step}"),
        id=f"edit_{step}",
        state=getattr(FlashAsk, step),
        on_click=on.edit,
    )


def ask_dialog() -> Dialog:
    return Dialog(
        Window(
            Tr("flash-ask-topic"),
            choices("deficit", on.on_topic, width=2),
            SwitchTo(Tr("flash-btn-subjects"), id="subjects", state=FlashAsk.subject),
            _nav(back=False),
            getter=getters.deficits,
            state=FlashAsk.topic,
        ),
        Window(
            Multi(
                Tr("flash-ask-description"),
                Tr("flash-ask-description-now", when="value"),
                sep="\n\n",
            ),
            typed_text(on.on_description),
            _nav(),
            getter=getters.description,
            state=FlashAsk.description,
        ),
        Window(
            Tr("flash-ask-format"),
            choices("format", on.on_format),
            _nav(),
            getter=getters.formats,
            state=FlashAsk.format,
        ),
        Window(
            Tr("flash-ask-timing"),
            choices("timing", on.on_timing),
            _nav(),
            getter=getters.timings,
            state=FlashAsk.timing,
        ),
        Window(
            Multi(
                Tr("flash-summary-title"), Format("{summary}"), Const(""), Tr("flash-summary-hint")
            ),
            Button(Tr("flash-btn-send"), id="send", on_click=on.send),
            Row(_edit("topic"), _edit("description")),
            Row(_edit("format"), _edit("timing")),
            cancel_button(on.withdraw_draft, _SAID),
            getter=getters.summary,
            state=FlashAsk.confirm,
        ),
        # A side window of the topic one, last: Back walks the windows in this order.
        Window(
            Tr("flash-ask-subject"),
            choices("subject", on.on_topic, width=2),
            Row(
                SwitchTo(Tr("btn-back"), id="back", state=FlashAsk.topic),
                cancel_button(on.withdraw_draft, _SAID),
            ),
            getter=getters.subjects,
            state=FlashAsk.subject,
        ),
    )
