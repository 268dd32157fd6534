"""Answering: one question at a time, conditions, going back, resuming, checking input."""

from __future__ import annotations

from typing import Any

import pytest

from bot.services.errors import InvalidInput
from bot.services.surveys.answering import (
    SKIPPED,
    AnswerError,
    buttons,
    drop_hidden,
    first_unanswered,
    format_answer,
    is_complete,
    missing_required,
    next_question,
    previous_question,
    progress,
    resume_question,
    set_answer,
    summary,
    validate_answer,
    visible_questions,
)
from bot.services.surveys.templates import TEMPLATES_DIR, SurveyTemplate, load_template


def _t(ru: str, en: str) -> dict[str, str]:
    return {"ru": ru, "en": en}


def _options(*ids: str) -> list[dict[str, Any]]:
    return [{"id": i, "text": _t(f"{i} ру", i.capitalize())} for i in ids]


@pytest.fixture
def template() -> SurveyTemplate:
    """met → (yes) how_useful, topics → (topics has other) topics_other; then the rest."""
    return SurveyTemplate.model_validate(
        {
            "id": "walk",
            "version": 1,
            "title": _t("Анкета", "Survey"),
            "intro": _t("Вступление", "Intro"),
            "anonymous": False,
            "audience": ["mentee"],
            "sections": [
                {
                    "id": "main",
                    "title": _t("Основное", "Main"),
                    "questions": [
                        {"id": "met", "kind": "yesno", "text": _t("Встречались?", "Met?")},
                        {
                            "id": "how_useful",
                            "kind": "scale",
                            "labels": {5: _t("очень", "very")},
                            "text": _t("Польза?", "Useful?"),
                            "show_if": {"question": "met", "equals": "yes"},
                        },
                        {
                            "id": "topics",
                            "kind": "multi",
                            "max_choices": 2,
                            "options": _options("lessons", "parents", "other"),
                            "text": _t("Темы?", "Topics?"),
                            "show_if": {"question": "met", "equals": "yes"},
                        },
                        {
                            "id": "topics_other",
                            "kind": "text",
                            "max_length": 10,
                            "text": _t("Какие?", "Which?"),
                            "show_if": {"question": "topics", "in": ["other"]},
                        },
                    ],
                },
                {
                    "id": "more",
                    "title": _t("Ещё", "More"),
                    "questions": [
                        {
                            "id": "format",
                            "kind": "single",
                            "options": _options("online", "offline"),
                            "text": _t("Формат?", "Format?"),
                        },
                        {
                            "id": "hours",
                            "kind": "number",
                            "min": 0.5,
                            "max": 40,
                            "text": _t("Часов?", "Hours?"),
                        },
                        {
                            "id": "minutes",
                            "kind": "number",
                            "min": 5,
                            "max": 480,
                            "integer": True,
                            "optional": True,
                            "text": _t("Минут?", "Minutes?"),
                        },
                        {
                            "id": "comment",
                            "kind": "text",
                            "optional": True,
                            "text": _t("Комментарий", "Comment"),
                        },
                    ],
                },
            ],
        }
    )


def _ids(questions: list[Any]) -> list[str]:
    return [q.id for q in questions]


# --- checking answers ---------------------------------------------------------------


def _code(template: SurveyTemplate, question_id: str, raw: Any) -> str:
    with pytest.raises(AnswerError) as caught:
        validate_answer(template.question(question_id), raw)
    return caught.value.code


@pytest.mark.parametrize(
    ("question_id", "raw", "expected"),
    [
        ("met", "yes", "yes"),
        ("met", "Да", "yes"),
        ("met", False, "no"),
        ("how_useful", "4", 4),
        ("how_useful", 5, 5),
        ("how_useful", " 3 ", 3),
        ("topics", ["other", "lessons"], ["lessons", "other"]),  # template order
        ("topics", "parents, lessons", ["lessons", "parents"]),
        ("topics_other", "  проект  ", "проект"),
        ("topics_other", "a\x00b\x07c", "abc"),  # control characters are dropped
        ("format", "offline", "offline"),
        ("hours", "2,5", 2.5),  # decimal comma
        ("hours", "12", 12),
        ("hours", 40, 40),
        ("minutes", "+120", 120),
        ("minutes", "90.0", 90),
        ("comment", "x" * 500, "x" * 500),
    ],
)
def test_valid_answers_become_stored_values(
    template: SurveyTemplate, question_id: str, raw: Any, expected: Any
) -> None:
    value = validate_answer(template.question(question_id), raw)
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    ("question_id", "raw", "code"),
    [
        ("met", "maybe", "unknown_option"),
        ("how_useful", "6", "out_of_range"),
        ("how_useful", "0", "out_of_range"),
        ("how_useful", "3.5", "not_an_integer"),
        ("how_useful", "good", "not_a_number"),
        ("how_useful", True, "not_a_number"),
        ("topics", ["lessons", "parents", "other"], "too_many_choices"),
        ("topics", ["sports"], "unknown_option"),
        ("topics", [], "empty"),
        ("topics_other", "x" * 11, "too_long"),
        ("topics_other", "   ", "empty"),
        ("format", "train", "unknown_option"),
        ("format", "", "empty"),
        ("hours", "lots", "not_a_number"),
        ("hours", "nan", "not_a_number"),
        ("hours", "inf", "not_a_number"),
        ("hours", "0,4", "out_of_range"),
        ("hours", "41", "out_of_range"),
        ("minutes", "4", "out_of_range"),
        ("minutes", "1 000", "out_of_range"),  # read as 1000, not as "not a number"
        ("minutes", "1\u00a0000", "out_of_range"),
        ("minutes", "10.5", "not_an_integer"),
        # Arabic-Indic 45: digits are ASCII ones only; a whole-number question asks for one.
        ("minutes", "٤٥", "not_an_integer"),
        ("minutes", "lots", "not_an_integer"),  # not «for example 3,5»
        ("how_useful", "３", "not_a_number"),  # full-width 3
        ("comment", "x" * 501, "too_long"),
    ],
)
def test_bad_input_gives_a_code(
    template: SurveyTemplate, question_id: str, raw: Any, code: str
) -> None:
    assert _code(template, question_id, raw) == code


def test_errors_carry_parameters_and_a_locale_key(template: SurveyTemplate) -> None:
    with pytest.raises(AnswerError) as caught:
        validate_answer(template.question("hours"), "41")
    assert caught.value.params == {"min": 0.5, "max": 40}
    assert caught.value.key == "survey-answer-out-of-range"
    assert isinstance(caught.value, InvalidInput)
    with pytest.raises(AnswerError) as caught:
        validate_answer(template.question("topics_other"), "слишком длинно")
    assert caught.value.params == {"max_length": 10, "length": 14}
    with pytest.raises(AnswerError) as caught:
        validate_answer(template.question("topics"), ["lessons", "parents", "other"])
    assert caught.value.params == {"max_choices": 2}


def test_buttons_where_the_kind_allows_and_typing_elsewhere(template: SurveyTemplate) -> None:
    assert buttons(template.question("met"), "en") == [("yes", "Yes"), ("no", "No")]
    assert [p for p, _ in buttons(template.question("how_useful"), "ru")] == list("12345")
    assert buttons(template.question("format"), "ru") == [
        ("online", "online ру"),
        ("offline", "offline ру"),
    ]
    assert buttons(template.question("hours"), "ru") == []
    assert buttons(template.question("comment"), "ru") == []
    for payload, _caption in buttons(template.question("how_useful"), "ru"):
        assert validate_answer(template.question("how_useful"), payload) == int(payload)


def test_skipping_is_only_for_optional_questions(template: SurveyTemplate) -> None:
    assert validate_answer(template.question("minutes"), None) is None
    assert _code(template, "hours", None) == "required"


# --- moving through the survey -------------------------------------------------------


def test_conditions_decide_which_questions_are_shown(template: SurveyTemplate) -> None:
    assert _ids(visible_questions(template, {})) == ["met", "format", "hours", "minutes", "comment"]
    assert _ids(visible_questions(template, {"met": "yes"})) == [
        "met",
        "how_useful",
        "topics",
        "format",
        "hours",
        "minutes",
        "comment",
    ]
    answers = {"met": "yes", "topics": ["lessons", "other"]}
    assert "topics_other" in _ids(visible_questions(template, answers))


def test_next_and_previous_follow_the_shown_questions(template: SurveyTemplate) -> None:
    first = next_question(template, {}, None)
    assert first is not None and first.id == "met"
    after_no = next_question(template, {"met": "no"}, "met")
    assert after_no is not None and after_no.id == "format"
    after_yes = next_question(template, {"met": "yes"}, "met")
    assert after_yes is not None and after_yes.id == "how_useful"

    answers = {"met": "yes", "how_useful": 4, "topics": ["lessons"]}
    back = previous_question(template, answers, "format")
    assert back is not None and back.id == "topics"  # topics_other is hidden: skipped
    assert previous_question(template, answers, "met") is None  # nothing before the first
    assert next_question(template, answers, "comment") is None  # then the summary


def test_back_from_the_summary_goes_to_the_last_shown_question(
    template: SurveyTemplate,
) -> None:
    last = previous_question(template, {"met": "no"}, None)
    assert last is not None and last.id == "comment"


def test_changing_an_answer_drops_answers_to_questions_it_hides(
    template: SurveyTemplate,
) -> None:
    answers: dict[str, Any] = {}
    for question_id, value in [
        ("met", "yes"),
        ("how_useful", 5),
        ("topics", ["other"]),
        ("topics_other", "игры"),
        ("format", "online"),
    ]:
        answers = set_answer(template, answers, question_id, value)
    assert answers["topics_other"] == "игры"

    # Unticking "other" hides the follow-up: its answer goes.
    narrowed = set_answer(template, answers, "topics", ["lessons"])
    assert "topics_other" not in narrowed
    assert narrowed["how_useful"] == 5

    # Going back to "met" and saying no hides the whole chain, the follow-up included.
    changed = set_answer(template, answers, "met", "no")
    assert changed == {"met": "no", "format": "online"}
    assert answers["topics_other"] == "игры"  # the input is not mutated


def test_drop_hidden_also_drops_unknown_questions(template: SurveyTemplate) -> None:
    assert drop_hidden(template, {"met": "no", "how_useful": 3, "gone": "x"}) == {"met": "no"}


def test_skipping_an_optional_answer_removes_it(template: SurveyTemplate) -> None:
    answers = set_answer(template, {"met": "no", "minutes": 30}, "minutes", None)
    assert answers == {"met": "no"}


def test_resume_continues_exactly_where_the_respondent_stopped(
    template: SurveyTemplate,
) -> None:
    answers = {"met": "yes", "how_useful": 4}
    on_screen = resume_question(template, answers, "topics")
    assert on_screen is not None and on_screen.id == "topics"
    # The stored position may be a question that has since become hidden: go on after it.
    moved = resume_question(template, {"met": "no"}, "topics")
    assert moved is not None and moved.id == "format"
    fresh = resume_question(template, answers, None)
    assert fresh is not None and fresh.id == "topics"
    assert first_unanswered(template, answers) == fresh


def test_completeness_needs_every_shown_required_answer(template: SurveyTemplate) -> None:
    answers = {"met": "no", "format": "offline"}
    assert _ids(missing_required(template, answers)) == ["hours"]
    assert not is_complete(template, answers)
    answers = {**answers, "hours": 1.5}
    assert is_complete(template, answers)  # minutes and comment are optional
    assert not is_complete(template, {**answers, "met": "yes"})  # now more are shown


def test_progress_counts_only_shown_questions(template: SurveyTemplate) -> None:
    assert progress(template, {"met": "no"}, "format") == (2, 5)
    assert progress(template, {"met": "yes"}, "format") == (4, 7)


def test_summary_lists_shown_questions_with_readable_answers(template: SurveyTemplate) -> None:
    answers = {
        "met": "yes",
        "how_useful": 5,
        "topics": ["lessons", "parents"],
        "format": "online",
        "hours": 2.5,
        "comment": "Спасибо",
    }
    assert summary(template, answers, "ru") == [
        ("Встречались?", "Да"),
        ("Польза?", "5 — очень"),
        ("Темы?", "lessons ру; parents ру"),
        ("Формат?", "online ру"),
        ("Часов?", "2,5"),
        ("Минут?", SKIPPED),
        ("Комментарий", "Спасибо"),
    ]
    english = dict(summary(template, answers, "en"))
    assert english["Met?"] == "Yes"
    assert english["Hours?"] == "2.5"
    assert english["Topics?"] == "Lessons; Parents"


def test_format_answer_falls_back_to_russian_for_other_languages(
    template: SurveyTemplate,
) -> None:
    assert format_answer(template.question("met"), "no", "de") == "Нет"


def test_a_whole_shipped_survey_can_be_walked_to_the_end() -> None:
    template = load_template(TEMPLATES_DIR / "flash_feedback.yaml")
    typed = {"yesno": "yes", "scale": "5", "number": "45", "text": "Полезно"}
    answers: dict[str, Any] = {}
    question = next_question(template, answers, None)
    steps = 0
    while question is not None:
        raw = typed.get(question.kind) or question.choices()[0].id
        answers = set_answer(template, answers, question.id, validate_answer(question, raw))
        question = next_question(template, answers, question.id)
        steps += 1
    assert is_complete(template, answers)
    assert steps == len(visible_questions(template, answers))
    assert "not_held_reason" not in answers  # hidden when the meeting took place
    assert answers["mentor_rating"] == 5
