"""Answering a survey, one question at a time: a pure state machine over an answers dict.

The state a handler keeps between messages is just `answers` (question id -> value) and the
id of the question on screen, so stopping and resuming later needs nothing else. Values are
JSON-ready: an option id (single, yes/no: "yes" | "no"), a list of option ids in template
order (multi), an int (scale), an int or float (number), a str (text). A skipped optional
question has no key.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from bot.services.errors import InvalidInput
from bot.services.surveys.templates import NO, YES, Question, SurveyTemplate, localized

AnswerValue = str | int | float | list[str]
Answers = Mapping[str, AnswerValue]

SKIPPED = "—"
# Typed replies to a yes/no question, besides the buttons.
_YES_WORDS = frozenset({YES, "да", "д", "y", "true", "1"})
_NO_WORDS = frozenset({NO, "нет", "н", "n", "false", "0"})
# Control characters break spreadsheets and some clients; newlines and tabs are fine.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Thousands separators people type: "1 000", "1\u00a0000", "1\u202f000".
_SPACES = re.compile(r"[\s\u00a0\u202f']")


class AnswerError(InvalidInput):
    """An answer that does not fit the question. `code` is stable; handlers render it
    from locales (key `survey-answer-<code>` with `params`) and ask again."""

    def __init__(self, code: str, params: Mapping[str, Any] | None = None) -> None:
        super().__init__(f"survey-answer-{code.replace('_', '-')}", **dict(params or {}))
        self.code = code


# --- which questions are shown ------------------------------------------------------------


def _condition_met(question: Question, answers: Answers, visible: set[str]) -> bool:
    condition = question.show_if
    if condition is None:
        return True
    # An answer to a hidden question does not count, so conditions chain correctly.
    if condition.question not in visible:
        return False
    answer = answers.get(condition.question)
    if answer is None:
        return False
    chosen = answer if isinstance(answer, list) else [answer]
    return any(value in condition.values for value in chosen)


def visible_questions(template: SurveyTemplate, answers: Answers) -> list[Question]:
    """The questions this respondent is shown given their answers so far, in order."""
    shown: list[Question] = []
    visible: set[str] = set()
    for question in template.questions:
        if _condition_met(question, answers, visible):
            shown.append(question)
            visible.add(question.id)
    return shown


def drop_hidden(template: SurveyTemplate, answers: Answers) -> dict[str, AnswerValue]:
    """The answers without those to hidden (or unknown) questions.

    Changing an earlier answer can hide later questions; their old answers would otherwise
    be submitted for questions the respondent never saw in this form.
    """
    visible = {q.id for q in visible_questions(template, answers)}
    return {qid: value for qid, value in answers.items() if qid in visible}


def set_answer(
    template: SurveyTemplate, answers: Answers, question_id: str, value: AnswerValue | None
) -> dict[str, AnswerValue]:
    """New answers with `question_id` set (None: skipped), hidden answers dropped."""
    updated = dict(answers)
    if value is None:
        updated.pop(question_id, None)
    else:
        updated[question_id] = value
    return drop_hidden(template, updated)


# --- moving between questions -------------------------------------------------------------


def next_question(
    template: SurveyTemplate, answers: Answers, current_id: str | None
) -> Question | None:
    """The visible question after `current_id` (the first one for None); None: summary.

    Works by template position, so it also works when `current_id` has just become hidden.
    """
    start = -1 if current_id is None else template.position(current_id)
    for question in visible_questions(template, answers):
        if template.position(question.id) > start:
            return question
    return None


def previous_question(
    template: SurveyTemplate, answers: Answers, current_id: str | None
) -> Question | None:
    """The visible question before `current_id`; from the summary (None), the last one.

    None means there is nothing before: the respondent is at the first question.
    """
    end = len(template.questions) if current_id is None else template.position(current_id)
    before = [q for q in visible_questions(template, answers) if template.position(q.id) < end]
    return before[-1] if before else None


def resume_question(
    template: SurveyTemplate, answers: Answers, current_id: str | None
) -> Question | None:
    """Where a respondent who stopped continues: the question they were on if it is still
    shown, else the next one. None: everything is answered, show the summary."""
    if current_id is not None and template.has_question(current_id):
        visible = {q.id for q in visible_questions(template, answers)}
        if current_id in visible:
            return template.question(current_id)
        return next_question(template, answers, current_id)
    return first_unanswered(template, answers)


def first_unanswered(template: SurveyTemplate, answers: Answers) -> Question | None:
    return next((q for q in visible_questions(template, answers) if q.id not in answers), None)


def progress(template: SurveyTemplate, answers: Answers, current_id: str) -> tuple[int, int]:
    """(number of the current question, number of questions shown), for "3 / 12"."""
    shown = visible_questions(template, answers)
    ids = [q.id for q in shown]
    number = ids.index(current_id) + 1 if current_id in ids else len(ids)
    return number, len(ids)


def missing_required(template: SurveyTemplate, answers: Answers) -> list[Question]:
    return [
        q for q in visible_questions(template, answers) if not q.optional and q.id not in answers
    ]


def is_complete(template: SurveyTemplate, answers: Answers) -> bool:
    """Whether the answers can be submitted: every shown required question is answered."""
    return not missing_required(template, answers)


def buttons(question: Question, lang: str) -> list[tuple[str, str]]:
    """(payload, caption) of the buttons for a question; empty when the answer is typed
    (number, text). The payload goes back into validate_answer as is."""
    if question.kind == "scale":
        return [(str(point), str(point)) for point in question.scale_points]
    return [(option.id, option.label(lang)) for option in question.choices()]


# --- checking one answer ------------------------------------------------------------------


def validate_answer(question: Question, raw: Any) -> AnswerValue | None:
    """The stored value for a raw answer (button payload or typed text).

    None as `raw` means "skip": allowed for optional questions (returns None).
    Raises AnswerError with a code for anything that does not fit.
    """
    if raw is None:
        if question.optional:
            return None
        raise AnswerError("required")
    return _VALIDATORS[question.kind](question, raw)


def _as_text(raw: Any) -> str:
    if isinstance(raw, str):
        return raw.strip()
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise AnswerError("invalid")
    return str(raw)


def _validate_text(question: Question, raw: Any) -> str:
    if not isinstance(raw, str):
        raise AnswerError("invalid")
    text = _CONTROL.sub("", raw).strip()
    if not text:
        raise AnswerError("empty")
    if len(text) > question.max_length:
        raise AnswerError("too_long", {"max_length": question.max_length, "length": len(text)})
    return text


def _parse_number(raw: Any) -> float | int:
    if isinstance(raw, bool):
        raise AnswerError("not_a_number")
    if isinstance(raw, int | float):
        value: float | int = raw
    else:
        text = _SPACES.sub("", _as_text(raw)).replace(",", ".")
        if not text:
            raise AnswerError("empty")
        if not text.isascii():  # float() and \d read «٣» as 3: digits are ASCII ones only
            raise AnswerError("not_a_number")
        try:
            value = int(text) if re.fullmatch(r"[+-]?[0-9]+", text) else float(text)
        except ValueError:
            raise AnswerError("not_a_number") from None
    if isinstance(value, float) and not math.isfinite(value):
        raise AnswerError("not_a_number")
    return value


def _validate_number(question: Question, raw: Any) -> int | float:
    try:
        value = _parse_number(raw)
    except AnswerError as error:
        # A whole-number question never suggests «3,5» as an example of what it wants.
        if question.integer and error.code == "not_a_number":
            raise AnswerError("not_an_integer") from None
        raise
    if question.integer:
        if value != int(value):
            raise AnswerError("not_an_integer")
        value = int(value)
    low, high = question.min, question.max
    if low is not None and high is not None and not low <= value <= high:
        raise AnswerError("out_of_range", {"min": low, "max": high})
    return value


def _validate_scale(question: Question, raw: Any) -> int:
    value = _parse_number(raw)
    points = question.scale_points
    if value != int(value):
        raise AnswerError("not_an_integer")
    if int(value) not in points:
        raise AnswerError("out_of_range", {"min": points.start, "max": points.stop - 1})
    return int(value)


def _validate_single(question: Question, raw: Any) -> str:
    option_id = _as_text(raw)
    if not option_id:
        raise AnswerError("empty")
    if question.option(option_id) is None:
        raise AnswerError("unknown_option", {"option": option_id})
    return option_id


def _validate_yesno(question: Question, raw: Any) -> str:
    if isinstance(raw, bool):
        return YES if raw else NO
    word = _as_text(raw).lower()
    if word in _YES_WORDS:
        return YES
    if word in _NO_WORDS:
        return NO
    if not word:
        raise AnswerError("empty")
    raise AnswerError("unknown_option", {"option": word})


def _validate_multi(question: Question, raw: Any) -> list[str]:
    picked = _picked_ids(raw)
    if not picked:
        raise AnswerError("empty")
    known = [o.id for o in question.options]
    unknown = sorted(picked - set(known))
    if unknown:
        raise AnswerError("unknown_option", {"option": unknown[0]})
    if question.max_choices is not None and len(picked) > question.max_choices:
        raise AnswerError("too_many_choices", {"max_choices": question.max_choices})
    # Template order, so equal selections are stored equally whatever the tapping order.
    return [option_id for option_id in known if option_id in picked]


def _picked_ids(raw: Any) -> set[str]:
    if isinstance(raw, str):
        return {part.strip() for part in raw.split(",") if part.strip()}
    if isinstance(raw, Iterable):
        return {_as_text(item) for item in raw if _as_text(item)}
    raise AnswerError("invalid")


_VALIDATORS: dict[str, Callable[[Question, Any], AnswerValue]] = {
    "single": _validate_single,
    "multi": _validate_multi,
    "scale": _validate_scale,
    "number": _validate_number,
    "text": _validate_text,
    "yesno": _validate_yesno,
}


# --- showing answers ----------------------------------------------------------------------


def format_number(value: float, lang: str) -> str:
    """12.5 as "12,5" in Russian; whole numbers without a fraction."""
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    text = f"{value:.6g}"
    return text.replace(".", ",") if lang == "ru" else text


def format_answer(question: Question, value: AnswerValue | None, lang: str) -> str:
    """An answer as the respondent would read it ("—" when skipped)."""
    if value is None:
        return SKIPPED
    if isinstance(value, list):  # multi
        return "; ".join(_option_label(question, option_id, lang) for option_id in value)
    if question.kind in ("single", "yesno"):
        return _option_label(question, str(value), lang)
    if question.kind == "scale" and not isinstance(value, str):
        label = question.labels.get(int(value))
        return f"{value} — {localized(label, lang)}" if label else str(value)
    if question.kind == "number" and not isinstance(value, str):
        return format_number(value, lang)
    return str(value)


def _option_label(question: Question, option_id: str, lang: str) -> str:
    # An id missing from the template (an old answer) is still shown, as the bare id.
    option = question.option(option_id)
    return option.label(lang) if option else option_id


def summary(template: SurveyTemplate, answers: Answers, lang: str) -> list[tuple[str, str]]:
    """(question text, answer text) for every shown question, to confirm before submitting."""
    return [
        (question.label(lang), format_answer(question, answers.get(question.id), lang))
        for question in visible_questions(template, answers)
    ]
