"""Answering a survey: the open surveys, then one question a message (its buttons by kind,
or a typed answer), a summary to submit or to change one answer from, and «later»."""

from __future__ import annotations

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.kbd import Button, Row, SwitchTo
from aiogram_dialog.widgets.text import Format, Multi

from handlers.kit import Tr, Window, back_button, checklist, choices, typed_text
from handlers.surveys import getters
from handlers.surveys import handlers as on
from handlers.surveys.states import SurveyAnswer


def _later() -> Button:
    return Button(Tr("btn-survey-later"), id="later", on_click=on.pause)


def answering_dialog() -> Dialog:
    return Dialog(
        Window(
            Format("{text}"),
            choices("survey", on.open_survey),
            getter=getters.surveys,
            state=SurveyAnswer.surveys,
        ),
        Window(
            Format("{text}"),
            choices("point", on.choose, items="points", width=5),
            choices("yesno", on.choose, items="pair", width=2),
            choices("option", on.choose, items="options"),
            checklist("ticks", items="ticks", on_toggle=on.toggle),
            Button(Tr("btn-survey-done"), id="done", on_click=on.done, when="multi"),
            Row(
                back_button(SurveyAnswer.question, on.back, when="has_back"),
                Button(Tr("btn-survey-skip"), id="skip", on_click=on.skip, when="can_skip"),
                Button(Tr("btn-survey-keep"), id="keep", on_click=on.keep, when="can_keep"),
            ),
            _later(),
            typed_text(on.typed),
            getter=getters.question,
            state=SurveyAnswer.question,
        ),
        Window(
            Format("{summary}"),
            Button(Tr("btn-survey-submit"), id="submit", on_click=on.submit),
            SwitchTo(Tr("btn-survey-change"), id="change", state=SurveyAnswer.change),
            Row(back_button(SurveyAnswer.question, on.back), _later()),
            typed_text(on.typed),  # the service says what is left to do: submit or go back
            getter=getters.summary,
            state=SurveyAnswer.summary,
        ),
        Window(
            Multi(Tr("survey-choose-to-change"), Format("{summary}"), sep="\n\n"),
            choices("jump", on.jump, width=6),
            back_button(SurveyAnswer.summary),
            getter=getters.change,
            state=SurveyAnswer.change,
        ),
        on_start=on.started,
    )
