"""How a survey looks in chat: one question per message, buttons where the kind allows.

The respondent's router draws with these; what the scheduler pushes (invitations, reminders)
is drawn by bot/services/surveys/render.py, whose helpers these share. Template texts and
answers are the respondents' and the template authors' words: always escaped.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Texts
from bot.services.surveys import callbacks
from bot.services.surveys.answering import (
    format_answer,
    previous_question,
    progress,
    visible_questions,
)
from bot.services.surveys.render import closes_text, esc, privacy_notice
from bot.services.surveys.responding import SUMMARY, Screen
from bot.services.surveys.templates import Question, localized
from handlers.callback_fields import Id, Page, Position
from handlers.ui import button, grid, markup

# Options longer than this are listed in the message and the buttons carry their numbers.
LONG_OPTION = 30


class SurveyCb(CallbackData, prefix=callbacks.SURVEY):
    """a: go | ch (choose v) | tg (toggle v) | dn (done) | sk (skip) | kp (keep) | bk (back)
    | ps (pause) | sb (submit) | ed (change list) | jp (jump to v) | wh (show current).
    c: campaign id; q: template position of the question on screen (-1: the summary)."""

    a: str
    c: Id
    q: Position = SUMMARY
    v: Page = 0


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


def _option_caption(question: Question, index: int, label: str, long: bool) -> str:
    if not long:
        return label
    short = label if len(label) <= LONG_OPTION else label[: LONG_OPTION - 1].rstrip() + "…"
    return f"{index + 1}. {short}"


def question_keyboard(texts: Texts, screen: Screen, lang: str) -> InlineKeyboardMarkup:
    question = screen.question
    assert question is not None
    campaign_id, position = screen.campaign.id, screen.position
    rows: list[list[InlineKeyboardButton]] = []

    def data(action: str, value: int = 0) -> SurveyCb:
        return SurveyCb(a=action, c=campaign_id, q=position, v=value)

    if question.kind == "scale":
        points = [
            button(str(point), data("ch", index))
            for index, point in enumerate(question.scale_points)
        ]
        rows += grid(points, width=5)
    elif question.kind == "yesno":
        rows.append(
            [button(o.label(lang), data("ch", i)) for i, o in enumerate(question.choices())]
        )
    elif question.kind == "single":
        long = _long_options(question, lang)
        rows += [
            [button(_option_caption(question, i, o.label(lang), long), data("ch", i))]
            for i, o in enumerate(question.options)
        ]
    elif question.kind == "multi":
        long = _long_options(question, lang)
        picked = set(screen.draft)
        for i, option in enumerate(question.options):
            mark = "✅ " if option.id in picked else ""
            caption = _option_caption(question, i, option.label(lang), long)
            rows.append([button(mark + caption, data("tg", i))])
        rows.append([button(texts("btn-survey-done"), data("dn"))])
    navigation = []
    if previous_question(screen.template, screen.answers, question.id) is not None:
        navigation.append(button(texts("btn-survey-back"), data("bk")))
    if question.optional and question.id not in screen.answers:
        navigation.append(button(texts("btn-survey-skip"), data("sk")))
    if question.id in screen.answers:
        navigation.append(button(texts("btn-survey-keep"), data("kp")))
    rows.append(navigation)
    rows.append([button(texts("btn-survey-later"), data("ps"))])
    return markup(rows)


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


def summary_keyboard(texts: Texts, screen: Screen) -> InlineKeyboardMarkup:
    campaign_id = screen.campaign.id
    return markup(
        [
            [button(texts("btn-survey-submit"), SurveyCb(a="sb", c=campaign_id))],
            [button(texts("btn-survey-change"), SurveyCb(a="ed", c=campaign_id))],
            [
                button(texts("btn-survey-back"), SurveyCb(a="bk", c=campaign_id)),
                button(texts("btn-survey-later"), SurveyCb(a="ps", c=campaign_id)),
            ],
        ]
    )


def change_keyboard(texts: Texts, screen: Screen) -> InlineKeyboardMarkup:
    """Numbered buttons, one per question shown, to change one answer from the summary."""
    campaign_id = screen.campaign.id
    numbers = [
        button(str(number), SurveyCb(a="jp", c=campaign_id, v=screen.template.position(q.id)))
        for number, q in enumerate(visible_questions(screen.template, screen.answers), 1)
    ]
    return markup(
        [
            *grid(numbers, width=6),
            [button(texts("btn-survey-back"), SurveyCb(a="wh", c=campaign_id))],
        ]
    )
