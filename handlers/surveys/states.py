"""The windows of answering a survey. The question window shows whichever question the
services say is on screen; its Back asks them for the one before (conditions decide)."""

from aiogram.fsm.state import State, StatesGroup


class SurveyAnswer(StatesGroup):
    surveys = State()  # /surveys: the open ones
    question = State()  # data: campaign
    summary = State()
    change = State()  # which answer to change, from the summary (its Back returns there)
