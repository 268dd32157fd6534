"""A campaign's results for the coordinator's scope, from its card: a message, an XLSX file,
PNG charts. They go below the card as messages of their own; the card stays as it is."""

from __future__ import annotations

import asyncio
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import Bot
from aiogram.types import BufferedInputFile, CallbackQuery, InputMediaPhoto
from aiogram_dialog import DialogManager, ShowMode

from bot.i18n import Texts
from bot.services.errors import InvalidInput
from bot.services.outbox import split_text
from bot.services.surveys import charts, reporting
from bot.services.surveys.answering import format_answer, format_number
from bot.services.surveys.render import closes_text, esc, local_date
from bot.services.surveys.reporting import CampaignReport
from bot.services.surveys.responding import template_of
from bot.services.surveys.results import (
    ANONYMOUS_MIN_GROUP_SIZE,
    OTHER_GROUPS,
    Breakdown,
    Comparison,
    GroupKey,
    QuestionStats,
    ScopeStats,
    compare,
)
from bot.services.surveys.templates import Question
from handlers.campaigns.common import breakdown_of
from handlers.kit.context import ctx_of

BREAKDOWN_OF: dict[str, Breakdown | None] = {"m": "municipality", "o": "organization", "n": None}
ALBUM = 10  # Telegram's limit of photos in one media group


def _percent(share: float | None) -> str:
    return "—" if share is None else f"{round(100 * share)}%"


def _points(delta: float | None) -> str:
    """A change of a share in percentage points: +5, −3, ±0."""
    if delta is None:
        return ""
    value = round(100 * delta)
    return f"+{value}" if value > 0 else (f"−{-value}" if value < 0 else "±0")


def _mean_delta(delta: float | None, lang: str) -> str:
    if delta is None:
        return ""
    text = format_number(round(abs(delta), 2), lang)
    return f"+{text}" if delta > 0 else (f"−{text}" if delta < 0 else "±0")


def _group_name(report: CampaignReport, texts: Texts, key: GroupKey) -> str:
    if key == OTHER_GROUPS:
        return texts("survey-results-group-other")
    if key is None:
        return texts("value-none")
    return esc(report.group_names.get(key, str(key)))


def _question_lines(
    texts: Texts,
    lang: str,
    report: CampaignReport,
    number: int,
    question: Question,
    comparison: Comparison | None,
) -> list[str]:
    stats = report.results.question(question.id)
    change = comparison.questions.get(question.id) if comparison is not None else None
    lines = [
        texts(
            "survey-results-question",
            number=number,
            question=esc(question.label(lang)),
            answered=stats.answered,
        )
    ]
    if question.kind == "text":
        lines.append(texts("survey-results-texts", count=stats.answered))
        return lines
    if question.kind in ("single", "multi", "yesno"):
        for option in question.choices():
            delta = _points(change.share_deltas.get(option.id)) if change is not None else ""
            lines.append(
                texts(
                    "survey-results-option",
                    option=esc(option.label(lang)),
                    share=_percent(stats.share(option.id)),
                    delta=f" ({delta})" if delta else "",
                )
            )
    else:
        mean = stats.mean
        delta = _mean_delta(change.mean_delta, lang) if change is not None else ""
        lines.append(
            texts(
                "survey-results-mean",
                mean=format_number(round(mean, 2), lang) if mean is not None else "—",
                delta=f" ({delta})" if delta else "",
            )
        )
        if question.kind == "scale" and stats.answered:
            lines.append(
                "   "
                + " · ".join(
                    f"{point}: {_percent(stats.share(point))}" for point in question.scale_points
                )
            )
        elif question.kind == "number" and stats.answered:
            lines.append(
                texts(
                    "survey-results-number-range",
                    median=format_number(stats.median or 0, lang),
                    min=format_number(stats.minimum or 0, lang),
                    max=format_number(stats.maximum or 0, lang),
                )
            )
    if report.results.breakdown is not None:
        for key, scope in report.results.groups.items():
            lines.append(
                f"   {_group_name(report, texts, key)}: "
                + _group_figure(question, scope.questions[question.id], lang)
            )
    return lines


def _group_figure(question: Question, stats: QuestionStats, lang: str) -> str:
    if not stats.answered:
        return "—"
    if question.kind in ("single", "multi", "yesno"):
        return " · ".join(_percent(stats.share(option.id)) for option in question.choices())
    mean = stats.mean
    return format_number(round(mean, 2), lang) if mean is not None else "—"


def report_text(texts: Texts, report: CampaignReport, lang: str, zone: ZoneInfo) -> str:
    campaign, results = report.campaign, report.results
    lines = [
        texts(
            "survey-results-title",
            title=esc(report.template.label(lang)),
            version=campaign.template_version,
            opens=local_date(campaign.opens_at, zone),
            closes=closes_text(campaign, zone),
            status=texts(f"campaign-status-{campaign.status}"),
        ),
        texts(
            "survey-results-rate",
            responses=results.responses,
            audience=results.overall.audience or 0,
            percent=_percent(results.response_rate),
        ),
    ]
    comparison = None
    if report.previous is not None and report.previous_campaign is not None:
        comparison = compare(report.template, results, report.previous)
        previous = report.previous_campaign
        entry = previous.template_id != campaign.template_id  # an exit meets its entry
        lines.append(
            texts(
                "survey-results-previous-entry" if entry else "survey-results-previous",
                title=esc(template_of(previous).label(lang)),
                date=local_date(previous.opens_at, zone),
                percent=_percent(report.previous.response_rate),
                delta=_points(comparison.response_rate_delta) or "—",
            )
        )
    if results.breakdown is not None:
        lines += ["", texts(f"survey-results-by-{results.breakdown}")]
        for key, scope in results.groups.items():
            lines.append(_rate_line(texts, report, key, scope))
    if report.hidden:
        lines += ["", texts("survey-results-too-few", min=ANONYMOUS_MIN_GROUP_SIZE)]
        lines.append(_seen_above_text(texts, report))
        return "\n".join(lines)
    if results.responses == 0:
        lines += ["", texts("survey-results-none-yet")]
        return "\n".join(lines)
    for number, question in enumerate(report.template.questions, 1):
        lines.append("")
        lines += _question_lines(texts, lang, report, number, question, comparison)
    if campaign.anonymous and results.breakdown is not None:
        lines += ["", texts("survey-results-anonymous-groups", min=ANONYMOUS_MIN_GROUP_SIZE)]
    lines += _named_lines(texts, lang, report)
    return "\n".join(lines)


def _seen_above_text(texts: Texts, report: CampaignReport) -> str:
    """A small school's hidden result: where it can be seen, and how many answered there."""
    above = report.seen_above
    if above is None:
        return texts("survey-results-seen-nowhere", min=ANONYMOUS_MIN_GROUP_SIZE)
    return texts(
        f"survey-results-seen-above-{above.level}", name=esc(above.name), count=above.responses
    )


def _named_lines(texts: Texts, lang: str, report: CampaignReport) -> list[str]:
    """A named campaign's answers person by person (the first NAMED_SHOWN of the scope)."""
    if not report.named:
        return []
    lines = ["", texts("survey-results-named")]
    for person in report.named:
        lines += [
            "",
            texts(
                "survey-results-named-person",
                name=esc(person.name),
                organization=esc(person.organization),
            ),
        ]
        for number, question in enumerate(report.template.questions, 1):
            value = person.answers.get(question.id)
            if value is None:
                continue
            lines.append(
                texts(
                    "survey-results-named-answer",
                    number=number,
                    question=esc(_short(question.label(lang))),
                    answer=esc(format_answer(question, value, lang)),
                )
            )
    if report.results.responses > len(report.named):
        lines += ["", texts("survey-results-named-more", shown=len(report.named))]
    return lines


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _rate_line(texts: Texts, report: CampaignReport, key: GroupKey, scope: ScopeStats) -> str:
    return texts(
        "survey-results-group-rate",
        group=_group_name(report, texts, key),
        responses=scope.responses,
        audience=scope.audience or 0,
        percent=_percent(scope.response_rate),
    )


def chart_labels(texts: Texts) -> dict[str, str]:
    return {
        "now": texts("survey-results-chart-now"),
        "previous": texts("survey-results-chart-previous"),
        "answered": texts("survey-results-chart-answered"),
        "other": texts("survey-results-group-other"),
        "none": texts("value-none"),
    }


def _asked(manager: DialogManager) -> tuple[int, Breakdown | None]:
    """The card's campaign and breakdown; what is sent goes below it, the card stays."""
    manager.show_mode = ShowMode.NO_UPDATE
    return int(manager.dialog_data.get("id", 0)), BREAKDOWN_OF[breakdown_of(manager)]


async def send_results(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    ctx, bot = ctx_of(manager), _bot(manager)
    campaign_id, breakdown = _asked(manager)
    report = await reporting.build_report(ctx.session, ctx.actor, campaign_id, breakdown)
    for part in split_text(report_text(ctx.texts, report, ctx.texts.lang, ctx.zone)):
        await bot.send_message(callback.from_user.id, part)


async def send_xlsx(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    ctx, bot, lang = ctx_of(manager), _bot(manager), ctx_of(manager).texts.lang
    campaign_id, breakdown = _asked(manager)
    report, payload = await reporting.build_export(
        ctx.session, ctx.actor, campaign_id, breakdown, lang, ctx.zone
    )
    await bot.send_document(
        callback.from_user.id,
        BufferedInputFile(payload, filename=reporting.file_name(report)),
        caption=ctx.texts(
            "survey-results-xlsx-caption",
            title=esc(report.template.label(lang))[:200],
            responses=report.results.responses,
        ),
    )


async def send_charts(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    ctx, bot, lang = ctx_of(manager), _bot(manager), ctx_of(manager).texts.lang
    texts = ctx.texts
    campaign_id, breakdown = _asked(manager)
    report = await reporting.build_report(ctx.session, ctx.actor, campaign_id, breakdown)
    if report.hidden:
        raise InvalidInput("survey-results-too-few", min=ANONYMOUS_MIN_GROUP_SIZE)
    if report.results.responses == 0:
        raise InvalidInput("survey-results-none-yet")
    rendered = await asyncio.to_thread(
        charts.render,
        report.template,
        report.results,
        report.previous,
        lang,
        chart_labels(texts),
        report.group_names,
        texts("survey-results-chart-rate"),
    )
    title = esc(report.template.label(lang))[:900]
    for start in range(0, len(rendered), ALBUM):
        chunk = rendered[start : start + ALBUM]
        media: list[Any] = [
            InputMediaPhoto(
                media=BufferedInputFile(chart.png, filename=chart.name),
                caption=title if start == 0 and index == 0 else None,
            )
            for index, chart in enumerate(chunk)
        ]
        if len(media) == 1:
            await bot.send_photo(callback.from_user.id, media[0].media, caption=media[0].caption)
        else:
            await bot.send_media_group(callback.from_user.id, media)


def _bot(manager: DialogManager) -> Bot:
    bot: Bot = manager.middleware_data["bot"]
    return bot
