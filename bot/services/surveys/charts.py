"""PNG charts of survey results (matplotlib, Agg backend: no display, safe in a thread).

One horizontal bar chart per question (shares of each option or scale point, the previous
campaign beside them when there is one; a distribution for numbers), and one of response rates
by organization or municipality. Words come from the caller (`labels`), already translated.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported anywhere: no display on a server

from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from bot.services.surveys.results import (
    OTHER_GROUPS,
    GroupKey,
    QuestionStats,
    SurveyResults,
)
from bot.services.surveys.templates import Question, SurveyTemplate, localized

# Labels the caller provides: "now", "previous", "rate", "other", "none", "answered".
Labels = Mapping[str, str]
NOW_COLOR = "#2b6cb0"
PREVIOUS_COLOR = "#a0aec0"
WRAP = 38
MAX_BARS = 25
DPI = 110


@dataclass(frozen=True)
class Chart:
    name: str  # file name
    caption: str
    png: bytes


def _wrap(text: str, width: int = WRAP) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _bars(
    title: str,
    names: list[str],
    now: list[float],
    before: list[float] | None,
    labels: Labels,
    percent: bool = True,
) -> bytes:
    count = len(names)
    per_bar = 0.75 if before is not None else 0.45
    height = 1.4 + per_bar * count + 0.25 * title.count("\n")
    figure = Figure(figsize=(8.5, min(height, 16)), dpi=DPI)
    axes = figure.subplots()
    positions = list(range(count))
    width = 0.4 if before is not None else 0.7
    shift = width / 2 if before is not None else 0.0
    scale = 100.0 if percent else 1.0
    bars = axes.barh(
        [p - shift for p in positions],
        [v * scale for v in now],
        height=width,
        color=NOW_COLOR,
        label=labels["now"],
    )
    if before is not None:
        axes.barh(
            [p + shift for p in positions],
            [v * scale for v in before],
            height=width,
            color=PREVIOUS_COLOR,
            label=labels["previous"],
        )
        axes.legend(loc="lower right", fontsize=8)
    axes.bar_label(bars, fmt="%.0f%%" if percent else "%g", fontsize=8, padding=2)
    axes.set_yticks(positions, [_wrap(name, 30) for name in names], fontsize=8)
    axes.invert_yaxis()
    if percent:
        axes.set_xlim(0, 105)
        axes.xaxis.set_major_formatter(PercentFormatter(xmax=100, decimals=0))
    axes.set_title(title, fontsize=10, loc="left")
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _shares(stats: QuestionStats | None, keys: list[object]) -> list[float]:
    if stats is None:
        return [0.0 for _ in keys]
    return [stats.share(key) or 0.0 for key in keys]


def question_chart(
    question: Question,
    number: int,
    stats: QuestionStats,
    previous: QuestionStats | None,
    lang: str,
    labels: Labels,
) -> bytes | None:
    """A chart of one question; None for free text (there is nothing to draw)."""
    title = _wrap(f"{number}. {question.label(lang)}", 70)
    title += f"\n{labels['answered']}: {stats.answered}"
    if question.kind in ("single", "multi", "yesno"):
        keys: list[object] = [option.id for option in question.choices()]
        names = [option.label(lang) for option in question.choices()]
    elif question.kind == "scale":
        keys = list(question.scale_points)
        names = [
            f"{point} — {localized(question.labels[point], lang)}"
            if point in question.labels
            else str(point)
            for point in question.scale_points
        ]
    elif question.kind == "number":
        values = sorted(stats.counts)[:MAX_BARS]
        keys = list(values)
        names = [f"{value:g}" for value in values]
    else:
        return None
    before = _shares(previous, keys) if previous is not None and previous.answered else None
    return _bars(title, names, _shares(stats, keys), before, labels)


def rate_chart(
    results: SurveyResults, group_names: Mapping[GroupKey, str], labels: Labels, title: str
) -> bytes | None:
    """Response rate by organization or municipality (None without a breakdown)."""
    if results.breakdown is None or not results.groups:
        return None
    groups = sorted(results.groups.items(), key=lambda item: -(item[1].response_rate or 0.0))[
        :MAX_BARS
    ]

    def name(key: GroupKey) -> str:
        if key == OTHER_GROUPS:
            return labels["other"]
        if key is None:
            return labels["none"]
        return group_names.get(key, str(key))

    return _bars(
        title,
        [name(key) for key, _ in groups],
        [scope.response_rate or 0.0 for _, scope in groups],
        None,
        labels,
    )


def render(
    template: SurveyTemplate,
    results: SurveyResults,
    previous: SurveyResults | None,
    lang: str,
    labels: Labels,
    group_names: Mapping[GroupKey, str],
    rate_title: str,
) -> list[Chart]:
    """Every chart of a report, in question order (CPU-bound: run it in a thread)."""
    charts: list[Chart] = []
    rate = rate_chart(results, group_names, labels, rate_title)
    if rate is not None:
        charts.append(Chart("rate.png", rate_title, rate))
    for number, question in enumerate(template.questions, 1):
        before = previous.overall.questions.get(question.id) if previous is not None else None
        if before is not None and before.kind != question.kind:
            before = None
        png = question_chart(question, number, results.question(question.id), before, lang, labels)
        if png is not None:
            charts.append(Chart(f"q{number}-{question.id}.png", f"{number}. {question.id}", png))
    return charts
