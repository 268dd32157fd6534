"""The pairs dialogs: a person's own list, a coordinator's scope (home, the list with its
filters, the mentors over capacity, the mentees without a mentor, disputed meetings), and one
pair's card over either list (confirm, approve, end with a reason, final feedback)."""

from __future__ import annotations

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.kbd import Button, Row, SwitchTo
from aiogram_dialog.widgets.text import Format

from handlers.kit import (
    TO_CALLER,
    Link,
    Pager,
    Tr,
    Window,
    back_button,
    choices,
    links,
    typed_text,
)
from handlers.mentorships import getters
from handlers.mentorships import handlers as on
from handlers.mentorships.states import CardSG, MineSG, ScopeSG
from handlers.mentorships.talk import write_pressed

_TEXT = Format("{text}")


def mine_dialog() -> Dialog:
    return Dialog(
        Window(
            _TEXT,
            choices("pair", on.open_pair),
            Link(Tr("mentorships-btn-propose"), "propose", when="mentor"),
            Link(Tr("mentorships-btn-record"), "record", when="mentor"),
            getter=getters.mine,
            state=MineSG.list,
        ),
    )


def scope_dialog() -> Dialog:
    home = ScopeSG.home
    return Dialog(
        Window(
            Tr("pairs-home"),
            Link(Tr("pairs-btn-new"), "new"),
            SwitchTo(Tr("pairs-btn-list"), id="all", state=ScopeSG.list, on_click=on.all_pairs),
            SwitchTo(
                Tr("pairs-btn-proposals", count="requested"),
                id="proposals",
                state=ScopeSG.list,
                on_click=on.proposals,
            ),
            SwitchTo(Tr("pairs-btn-over", count="over"), id="over", state=ScopeSG.over),
            SwitchTo(Tr("pairs-btn-free", count="free"), id="free", state=ScopeSG.free),
            SwitchTo(
                Tr("pairs-btn-disputes", count="disputed"), id="disputes", state=ScopeSG.disputes
            ),
            Link(Tr("pairs-btn-totals"), "totals"),
            getter=getters.home,
            state=home,
        ),
        Window(
            _TEXT,
            choices("pair", on.open_pair),
            Pager("pairs"),
            Row(
                Button(
                    Tr("pairs-filter-form", value="form_value"), id="form", on_click=on.next_form
                ),
                Button(
                    Tr("pairs-filter-status", value="status_value"),
                    id="status",
                    on_click=on.next_status,
                ),
            ),
            Button(
                Tr("pairs-filter-org", value="org_value"),
                id="org",
                on_click=on.next_org,
                when="orgs",
            ),
            back_button(home),
            getter=getters.scope_list,
            state=ScopeSG.list,
        ),
        Window(_TEXT, links(), back_button(home), getter=getters.over_capacity, state=ScopeSG.over),
        Window(
            _TEXT,
            links(),
            Pager("mentees"),
            back_button(home),
            getter=getters.without_mentor,
            state=ScopeSG.free,
        ),
        Window(_TEXT, links(), back_button(home), getter=getters.disputes, state=ScopeSG.disputes),
    )


def card_dialog() -> Dialog:
    card = CardSG.card
    return Dialog(
        Window(
            _TEXT,
            Row(
                Button(Tr("mentorship-btn-confirm"), id="cf", on_click=on.confirm),
                Button(Tr("mentorship-btn-decline"), id="dc", on_click=on.decline),
                when="waiting",
            ),
            Row(
                Button(Tr("mentorship-btn-approve"), id="ap", on_click=on.approve),
                Button(Tr("mentorship-btn-reject"), id="rj", on_click=on.reject),
                when="deciding",
            ),
            Button(Tr("mentorship-btn-write"), id="write", on_click=write_pressed, when="talk"),
            Link(Tr("meeting-btn-log"), "log", when="logging"),
            Link(Tr("plan-btn-open"), "plan", when="active"),
            SwitchTo(
                Tr("mentorship-btn-meetings"),
                id="meetings",
                state=CardSG.meetings,
                when="running_or_ended",
            ),
            Button(Tr("mentorship-btn-end"), id="end", on_click=on.end, when="endable"),
            Button(Tr("mentorship-btn-feedback"), id="fb", on_click=on.feedback, when="rating_due"),
            back_button(TO_CALLER),
            getter=getters.card,
            state=card,
        ),
        Window(
            _TEXT, links(), back_button(card), getter=getters.pair_meetings, state=CardSG.meetings
        ),
        Window(
            Tr("mentorship-end-ask"),
            Button(Tr("mentorship-btn-completed"), id="completed", on_click=on.end_completed),
            Button(Tr("mentorship-btn-stopped"), id="stopped", on_click=on.end_stopped),
            back_button(card),
            state=CardSG.end,
        ),
        Window(
            Tr("mentorship-end-ask-reason"),
            typed_text(on.end_reason),
            back_button(CardSG.end),
            state=CardSG.reason,
        ),
        Window(
            Tr("mentorship-end-confirm-completed", when="completed"),
            Tr("mentorship-end-confirm-stopped", when=lambda data, *_: not data["completed"]),
            Button(Tr("mentorship-btn-end-yes"), id="yes", on_click=on.end_confirmed),
            back_button(CardSG.end),
            getter=getters.ending,
            state=CardSG.confirm,
        ),
        Window(
            Tr("mentorship-feedback-ask"),
            choices("rating", on.rating, width=5),
            back_button(card),
            getter=getters.ratings,
            state=CardSG.rating,
        ),
        Window(
            Tr("mentorship-feedback-ask-comment"),
            typed_text(on.comment),
            Button(Tr("mentorship-btn-skip"), id="skip", on_click=on.skip_comment),
            getter=getters.rated,
            state=CardSG.comment,
        ),
        on_start=on.on_start,
    )
