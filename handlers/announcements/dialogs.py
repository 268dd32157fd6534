"""The /announce conversation: the text (a file may come with it), an attachment, the
audience (the shared picker), the preview, then send now or at a typed time."""

from __future__ import annotations

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.kbd import Button, Row, SwitchTo
from aiogram_dialog.widgets.text import Format, Multi

from handlers.announcements import getters
from handlers.announcements import handlers as on
from handlers.announcements.states import AnnounceSG
from handlers.kit import (
    Pager,
    Tr,
    Window,
    cancel_button,
    choices,
    nav_row,
    sent_file,
    typed_text,
)


def announce_dialog() -> Dialog:
    return Dialog(
        Window(
            Multi(
                Tr("ann-ask-text", when="asking"),
                Tr("ann-ask-new-text", when="editing"),
                Tr("ann-file-kept-ask-text", when="kept"),
                Format("{scheduled}", when="scheduled"),
                sep="\n\n",
            ),
            choices("scheduled_item", on.on_cancel_scheduled),
            Pager("scheduled"),
            typed_text(on.on_text),
            sent_file(on.on_file_with_text),
            cancel_button(),
            getter=getters.text_step,
            state=AnnounceSG.text,
        ),
        Window(
            Tr("ann-ask-attachment"),
            Button(Tr("ann-btn-no-attachment"), id="no_attachment", on_click=on.on_no_attachment),
            sent_file(on.on_attachment),
            nav_row(),
            state=AnnounceSG.attachment,
        ),
        Window(
            Format("{summary}"),
            Row(
                Button(Tr("ann-btn-send-now"), id="send", on_click=on.on_send_now),
                SwitchTo(Tr("ann-btn-schedule"), id="later", state=AnnounceSG.when),
            ),
            Row(
                Button(Tr("ann-btn-edit"), id="edit", on_click=on.on_edit),
                Button(Tr("ann-btn-audience"), id="audience", on_click=on.on_change_audience),
            ),
            cancel_button(),
            getter=getters.confirm,
            state=AnnounceSG.confirm,
        ),
        Window(
            Tr("ann-ask-time"),
            typed_text(on.on_time),
            nav_row(),
            getter=getters.when,
            state=AnnounceSG.when,
        ),
        on_start=on.on_start,
        on_process_result=on.on_audience,
    )
