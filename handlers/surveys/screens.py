"""How a survey looks in chat: one question per message, buttons where the kind allows.

The respondent's router draws with these; what the scheduler pushes (invitations, reminders)
is drawn by bot/services/surveys/render.py, whose helpers these share. Template texts and
answers are the respondents' and the template authors' words: always escaped.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.i18n import Texts
from bot.services.numbers import MAX_PAGE, parse_int
from bot.services.surveys.answering import (
    format_answer,
    previous_question,
    progress,
    visible_questions,
)
from bot.services.surveys.render import closes_text, esc, privacy_notice, short
from bot.services.surveys.responding import OpenSurvey, Screen
from bot.services.surveys.templates import Question, localized
from handlers.kit.picks import stale

# Options longer than this are listed in the message and the buttons carry their numbers.
LONG_OPTION = 30


def intro_text(texts: Texts, screen: Screen, lang: str, zone: ZoneInfo) -> str:
    template = screen.template
    return texts(
        "survey-intro",
        title=esc(template.label(lang)),
        intro=esc(localized(template.intro, lang)),
        privacy=privacy_notice(texts, screen.campaign.anonymous),
        count=len(template.questions),
        closes=closes_text(screen.campaign, zone),
    )


def _long_options(question: Question, lang: str) -> bool:
    return any(len(option.label(lang)) > LONG_OPTION for option in question.choices())


def _kind_hint(texts: Texts, question: Question) -> str:
    if question.kind == "multi":
        if question.max_choices is not None:
            return texts("survey-hint-multi", max=question.max_choices)
        return texts("survey-hint-multi-any")
    if question.kind == "scale":
        return texts("survey-hint-scale", max=question.scale_points.stop - 1)
    if question.kind == "number":
        key = "survey-hint-integer" if question.integer else "survey-hint-number"
        return texts(key, min=f"{question.min:g}", max=f"{question.max:g}")
    if question.kind == "text":
        return texts("survey-hint-text", max=question.max_length)
    return texts(f"survey-hint-{question.kind}")


def question_text(texts: Texts, screen: Screen, lang: str, *, resumed: bool = False) -> str:
    question = screen.question
    assert question is not None
    template = screen.template
    answers = screen.answers
    number, total = progress(template, answers, question.id)
    lines = []
    if resumed:
        lines += [texts("survey-resumed"), ""]
    section = template.section_of(question.id)
    lines.append(
        texts(
            "survey-question-header",
            section=esc(localized(section.title, lang)),
            number=number,
            total=total,
        )
    )
    lines.append(f"<b>{esc(question.label(lang))}</b>")
    if question.hint is not None:
        lines.append(f"<i>{esc(localized(question.hint, lang))}</i>")
    if question.kind in ("single", "multi") and _long_options(question, lang):
        lines.append("")
        lines += [
            f"{index}. {esc(option.label(lang))}"
            for index, option in enumerate(question.choices(), 1)
        ]
    if question.kind == "scale" and question.labels:
        lines.append(
            "; ".join(
                f"{point} — {esc(localized(label, lang))}"
                for point, label in sorted(question.labels.items())
            )
        )
    lines.append("")
    lines.append(_kind_hint(texts, question))
    if question.optional:
        lines.append(texts("survey-optional"))
    if answers.get(question.id) is not None:
        shown = format_answer(question, answers[question.id], lang)
        lines.append(texts("survey-current-answer", answer=esc(shown)))
    return "\n".join(lines)


def _option_caption(index: int, label: str, long: bool) -> str:
    if not long:
        return label
    short = label if len(label) <= LONG_OPTION else label[: LONG_OPTION - 1].rstrip() + "…"
    return f"{index + 1}. {short}"


def item_key(position: int, index: int) -> str:
    """A button's item: the question's position and the option's index. The service refuses
    a press made on any question but the one on screen (an old or a forged button)."""
    return f"{position}.{index}"


def parse_item(key: str) -> tuple[int, int]:
    position, _, index = key.partition(".")
    numbers = parse_int(position, high=MAX_PAGE), parse_int(index, high=MAX_PAGE)
    if numbers[0] is None or numbers[1] is None:
        raise stale()
    return numbers[0], numbers[1]


Items = list[tuple[str, str]]


def question_items(screen: Screen, lang: str) -> dict[str, Items]:
    """The question's buttons by kind: scale points (five a row), yes/no (one row), options
    (one a row) or options to tick (a multiple choice); the other lists stay empty."""
    question = screen.question
    assert question is not None
    position = screen.position
    found: dict[str, Items] = {"points": [], "pair": [], "options": [], "ticks": []}
    if question.kind == "scale":
        found["points"] = [
            (item_key(position, i), str(point)) for i, point in enumerate(question.scale_points)
        ]
    elif question.kind == "yesno":
        found["pair"] = [
            (item_key(position, i), o.label(lang)) for i, o in enumerate(question.choices())
        ]
    elif question.kind in ("single", "multi"):
        long = _long_options(question, lang)
        captions = [
            (item_key(position, i), _option_caption(i, o.label(lang), long))
            for i, o in enumerate(question.options)
        ]
        found["options" if question.kind == "single" else "ticks"] = captions
    return found


def ticked(screen: Screen) -> list[str]:
    """The items of a multiple choice ticked so far (kept in the draft, also over a pause)."""
    question = screen.question
    assert question is not None
    picked = set(screen.draft)
    return [
        item_key(screen.position, i)
        for i, option in enumerate(question.options)
        if option.id in picked
    ]


def moves(screen: Screen) -> dict[str, bool]:
    """Which ways on a question has: back, skip (optional, unanswered), keep (answered)."""
    question = screen.question
    assert question is not None
    answered = question.id in screen.answers
    return {
        "has_back": previous_question(screen.template, screen.answers, question.id) is not None,
        "can_skip": question.optional and not answered,
        "can_keep": answered,
    }


def answered_text(texts: Texts, question: Question, value: object, lang: str) -> str:
    """What an answered question's message turns into: the question and the answer given."""
    shown = format_answer(question, value, lang)  # type: ignore[arg-type]
    return texts("survey-answered", question=esc(question.label(lang)), answer=esc(shown))


def summary_text(texts: Texts, screen: Screen, lang: str) -> str:
    template = screen.template
    answers = screen.answers
    lines = [texts("survey-summary-title", title=esc(template.label(lang))), ""]
    for number, question in enumerate(visible_questions(template, answers), 1):
        shown = format_answer(question, answers.get(question.id), lang)
        lines.append(
            texts(
                "survey-summary-row",
                number=number,
                question=esc(question.label(lang)),
                answer=esc(shown),
            )
        )
    lines += ["", privacy_notice(texts, screen.campaign.anonymous)]
    return "\n".join(lines)


def change_items(screen: Screen) -> Items:
    """A number per question shown, to change one answer from the summary (its position)."""
    return [
        (str(screen.template.position(q.id)), str(number))
        for number, q in enumerate(visible_questions(screen.template, screen.answers), 1)
    ]


def list_text(texts: Texts, surveys: list[OpenSurvey], zone: ZoneInfo) -> str:
    lines = [texts("survey-list-title")]
    for item in surveys:
        if item.submitted:
            status = texts("survey-state-done")
        elif item.answered:
            status = texts("survey-state-progress", answered=item.answered, total=item.total)
        else:
            status = texts("survey-state-new")
        lines.append(
            texts(
                "survey-list-row",
                title=esc(item.template.label(texts.lang)),
                closes=closes_text(item.campaign, zone),
                status=status,
            )
        )
    return "\n".join(lines)


def list_items(texts: Texts, surveys: list[OpenSurvey]) -> Items:
    """A button for each survey not yet submitted: start it, or continue it."""
    return [
        (
            str(item.campaign.id),
            texts(
                "btn-survey-open-continue" if item.answered else "btn-survey-open",
                title=short(item.template.label(texts.lang), 48),
            ),
        )
        for item in surveys
        if not item.submitted
    ]
