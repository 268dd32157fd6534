"""Survey results: one streaming pass over the responses, comparison, XLSX export.

Responses come as an iterable of (answers, organization_id, municipality_id) rows, such as
a server-side cursor, and are never held all at once: each row only bumps counters, so memory
grows with the number of distinct answers, not with the number of responses.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Any, Literal, NamedTuple

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from bot.services.surveys import raw_sheet
from bot.services.surveys.answering import format_answer
from bot.services.surveys.templates import (
    NUMERIC_KINDS,
    OPTION_KINDS,
    Question,
    SurveyTemplate,
    localized,
)

GroupKey = int | str | None
Breakdown = Literal["organization", "municipality"]
Row = tuple[Mapping[str, Any], GroupKey, GroupKey]
# Where a Row holds the group key of each breakdown.
_GROUP_COLUMN: dict[Breakdown | None, Literal[1, 2] | None] = {
    None: None,
    "organization": 1,
    "municipality": 2,
}

# Groups with fewer responses than this are merged under OTHER_GROUPS in anonymous surveys:
# in a school with two teachers, "the school's answers" are those two people's answers.
ANONYMOUS_MIN_GROUP_SIZE = 3
OTHER_GROUPS = "other"
DEFAULT_TEXT_SAMPLE = 200


# --- per-question statistics ----------------------------------------------------------


@dataclass(slots=True)
class QuestionStats:
    """Counts for one question in one scope. `counts` maps an option id (single, multi,
    yes/no) or a value (scale, number) to the number of respondents who gave it."""

    question_id: str
    kind: str
    answered: int = 0
    counts: dict[Any, int] = field(default_factory=dict)
    # Text answers kept for reading (a capped sample, sorted, shared across groups).
    texts: list[str] = field(default_factory=list)

    def add(self, value: Any) -> None:
        self.answered += 1
        counts = self.counts
        counts[value] = counts.get(value, 0) + 1

    def merge(self, other: QuestionStats) -> None:
        self.answered += other.answered
        counts = self.counts
        for key, count in other.counts.items():
            counts[key] = counts.get(key, 0) + count

    def share(self, key: Any) -> float | None:
        """Part of those who answered the question who gave `key` (multi: who picked it)."""
        return self.counts.get(key, 0) / self.answered if self.answered else None

    @property
    def mean(self) -> float | None:
        if self.kind not in NUMERIC_KINDS or not self.answered:
            return None
        return sum(value * count for value, count in self.counts.items()) / self.answered

    @property
    def median(self) -> float | None:
        if self.kind not in NUMERIC_KINDS or not self.answered:
            return None
        values = sorted(self.counts.items())
        low = _nth_value(values, (self.answered - 1) // 2)
        high = _nth_value(values, self.answered // 2)
        return (low + high) / 2

    @property
    def minimum(self) -> float | None:
        return min(self.counts) if self.kind in NUMERIC_KINDS and self.counts else None

    @property
    def maximum(self) -> float | None:
        return max(self.counts) if self.kind in NUMERIC_KINDS and self.counts else None


def _nth_value(sorted_counts: list[tuple[float, int]], index: int) -> float:
    seen = 0
    for value, count in sorted_counts:
        seen += count
        if index < seen:
            return value
    raise IndexError(index)


@dataclass(slots=True)
class _MultiStats(QuestionStats):
    def add(self, value: Any) -> None:
        self.answered += 1
        counts = self.counts
        for option_id in value:
            counts[option_id] = counts.get(option_id, 0) + 1


@dataclass(slots=True)
class _TextStats(QuestionStats):
    limit: int = 0

    def add(self, value: Any) -> None:
        self.answered += 1
        # `texts` is one list shared by every group's stats, so the cap is global.
        if len(self.texts) < self.limit:
            self.texts.append(value)


@dataclass(slots=True)
class ScopeStats:
    """All questions for one scope: the whole campaign or one organization/municipality."""

    responses: int = 0
    audience: int | None = None
    questions: dict[str, QuestionStats] = field(default_factory=dict)

    @property
    def response_rate(self) -> float | None:
        return self.responses / self.audience if self.audience else None

    def merge(self, other: ScopeStats) -> None:
        self.responses += other.responses
        if other.audience is not None:
            self.audience = (self.audience or 0) + other.audience
        for question_id, stats in other.questions.items():
            self.questions[question_id].merge(stats)


@dataclass(slots=True)
class SurveyResults:
    template_id: str
    fingerprint: str
    overall: ScopeStats
    breakdown: Breakdown | None = None
    groups: dict[GroupKey, ScopeStats] = field(default_factory=dict)

    @property
    def responses(self) -> int:
        return self.overall.responses

    @property
    def response_rate(self) -> float | None:
        return self.overall.response_rate

    def question(self, question_id: str) -> QuestionStats:
        return self.overall.questions[question_id]


# --- aggregation ----------------------------------------------------------------------


def _new_scope(
    template: SurveyTemplate, samples: Mapping[str, list[str]], text_limit: int
) -> ScopeStats:
    questions: dict[str, QuestionStats] = {}
    for q in template.questions:
        if q.kind == "multi":
            questions[q.id] = _MultiStats(q.id, q.kind)
        elif q.kind == "text":
            questions[q.id] = _TextStats(q.id, q.kind, texts=samples[q.id], limit=text_limit)
        else:
            questions[q.id] = QuestionStats(q.id, q.kind)
    return ScopeStats(questions=questions)


class Aggregator:
    """One pass over the responses, fed one at a time: for a pass that also does something
    else with each response (the named XLSX writes its raw sheet in the same pass)."""

    def __init__(
        self,
        template: SurveyTemplate,
        *,
        breakdown: Breakdown | None = None,
        group_audience: Mapping[GroupKey, int] | None = None,
        text_limit: int = DEFAULT_TEXT_SAMPLE,
    ) -> None:
        self._template = template
        self._breakdown = breakdown
        self._text_limit = text_limit
        self._samples: dict[str, list[str]] = {
            q.id: [] for q in template.questions if q.kind == "text"
        }
        self._scopes: dict[GroupKey, ScopeStats] = {}
        for key, size in (group_audience or {}).items():
            scope = self._scopes[key] = self._new_scope()
            scope.audience = size
        self._column = _GROUP_COLUMN[breakdown]

    def _new_scope(self) -> ScopeStats:
        return _new_scope(self._template, self._samples, self._text_limit)

    def add(self, row: Row) -> None:
        # feed()'s loop body, for one row (a call per response: kept as short).
        column = self._column
        key = row[column] if column is not None else None
        scope = self._scopes.get(key)
        if scope is None:
            scope = self._scopes[key] = self._new_scope()
        scope.responses += 1
        stats_by_id = scope.questions
        for question_id, value in row[0].items():
            stats = stats_by_id.get(question_id)
            if stats is not None and value is not None:
                stats.add(value)

    def feed(self, rows: Iterable[Row]) -> None:
        scopes, column = self._scopes, self._column
        # The hot loop: one dict lookup per response and one per answer, nothing else.
        for row in rows:
            key = row[column] if column is not None else None
            scope = scopes.get(key)
            if scope is None:
                scope = scopes[key] = self._new_scope()
            scope.responses += 1
            stats_by_id = scope.questions
            for question_id, value in row[0].items():
                stats = stats_by_id.get(question_id)
                if stats is not None and value is not None:
                    stats.add(value)

    def results(
        self, audience: int | None = None, min_group_size: int | None = None
    ) -> SurveyResults:
        return _finish(
            self._template,
            self._scopes,
            self._samples,
            self._breakdown,
            audience,
            min_group_size,
        )


def aggregate(
    template: SurveyTemplate,
    rows: Iterable[Row],
    *,
    breakdown: Breakdown | None = None,
    audience: int | None = None,
    group_audience: Mapping[GroupKey, int] | None = None,
    min_group_size: int | None = None,
    text_limit: int = DEFAULT_TEXT_SAMPLE,
) -> SurveyResults:
    """Results of one campaign from streamed rows, in one pass.

    audience: how many were asked (for the response rate); defaults to the sum of
    group_audience, which also lists groups that have not answered at all.
    min_group_size: groups with fewer responses are merged under OTHER_GROUPS; defaults to
    ANONYMOUS_MIN_GROUP_SIZE for anonymous templates and 1 (no merging) for named ones.
    """
    aggregator = Aggregator(
        template, breakdown=breakdown, group_audience=group_audience, text_limit=text_limit
    )
    aggregator.feed(rows)
    return aggregator.results(audience, min_group_size)


def _finish(
    template: SurveyTemplate,
    scopes: dict[GroupKey, ScopeStats],
    samples: Mapping[str, list[str]],
    breakdown: Breakdown | None,
    audience: int | None,
    min_group_size: int | None,
) -> SurveyResults:
    overall = _new_scope(template, {q: [] for q in samples}, 0)
    for scope in scopes.values():
        overall.merge(scope)
    if audience is not None:
        overall.audience = audience
    for question_id, texts in samples.items():
        # Sorted so that the order says nothing about who answered when.
        overall.questions[question_id].texts = sorted(texts)
        for scope in scopes.values():
            scope.questions[question_id].texts = []
    results = SurveyResults(template.id, template.fingerprint, overall, breakdown)
    if breakdown is not None:
        if min_group_size is None:
            min_group_size = ANONYMOUS_MIN_GROUP_SIZE if template.anonymous else 1
        results.groups = _merge_small_groups(template, scopes, min_group_size)
    return results


def _merge_small_groups(
    template: SurveyTemplate, scopes: dict[GroupKey, ScopeStats], min_size: int
) -> dict[GroupKey, ScopeStats]:
    kept: dict[GroupKey, ScopeStats] = {}
    other: ScopeStats | None = None
    for key, scope in scopes.items():
        # A group with no responses reveals no answers; keep it for its response rate.
        if scope.responses == 0 or scope.responses >= min_size:
            kept[key] = scope
            continue
        if other is None:
            other = _new_scope(template, {q.id: [] for q in template.questions}, 0)
        other.merge(scope)
    # "Other" made of one small group is that group by elimination (the total minus the groups
    # shown): merge the smallest shown groups into it until it is big enough too.
    while other is not None and other.responses < min_size:
        answered = [key for key, scope in kept.items() if scope.responses > 0]
        if not answered:
            break
        smallest = min(answered, key=lambda key: kept[key].responses)
        other.merge(kept.pop(smallest))
    if other is not None:
        kept[OTHER_GROUPS] = other
    return kept


# --- comparison with an earlier campaign ----------------------------------------------


@dataclass(frozen=True, slots=True)
class QuestionChange:
    question_id: str
    kind: str
    answered: int
    previous_answered: int
    mean_delta: float | None = None
    # Option id (scale: point) -> share now minus share before; None if either has none.
    share_deltas: dict[Any, float | None] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Comparison:
    responses_delta: int
    response_rate_delta: float | None
    questions: dict[str, QuestionChange]
    groups: dict[GroupKey, dict[str, QuestionChange]]


def _delta(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else now - before


def _compare_question(
    question: Question, now: QuestionStats, before: QuestionStats
) -> QuestionChange:
    keys: list[Any] = [o.id for o in question.choices()] or list(question.scale_points)
    return QuestionChange(
        question_id=question.id,
        kind=question.kind,
        answered=now.answered,
        previous_answered=before.answered,
        mean_delta=_delta(now.mean, before.mean),
        share_deltas={key: _delta(now.share(key), before.share(key)) for key in keys},
    )


def _compare_scope(
    template: SurveyTemplate, now: ScopeStats, before: ScopeStats
) -> dict[str, QuestionChange]:
    changes: dict[str, QuestionChange] = {}
    for question in template.questions:
        current, previous = now.questions.get(question.id), before.questions.get(question.id)
        # A question only compares with one of the same kind (ids are shared on purpose
        # between entry and exit questionnaires; kinds are checked at load time).
        if current is None or previous is None or current.kind != previous.kind:
            continue
        if question.kind != "text":
            changes[question.id] = _compare_question(question, current, previous)
    return changes


def compare(
    template: SurveyTemplate, current: SurveyResults, previous: SurveyResults
) -> Comparison:
    """Changes from `previous` (an earlier campaign, or the entry questionnaire) to `current`,
    for the questions of `template` (current's template) that both have."""
    groups = {
        key: _compare_scope(template, scope, previous.groups[key])
        for key, scope in current.groups.items()
        if key in previous.groups
    }
    return Comparison(
        responses_delta=current.responses - previous.responses,
        response_rate_delta=_delta(current.response_rate, previous.response_rate),
        questions=_compare_scope(template, current.overall, previous.overall),
        groups=groups,
    )


# --- XLSX export ----------------------------------------------------------------------


class RawRow(NamedTuple):
    """One named response for the raw answers sheet. `submitted_at` in the region's time
    (a spreadsheet has no time zones; any tzinfo is dropped as is)."""

    respondent: str
    organization: str | None
    municipality: str | None
    submitted_at: datetime | None
    answers: Mapping[str, Any]


# Spreadsheet headers: (key, Russian, English), side by side so they cannot drift apart.
_LABEL_TABLE: tuple[tuple[str, str, str], ...] = (
    ("overview", "Сводка", "Overview"),
    ("raw", "Ответы", "Raw answers"),
    ("template", "Анкета", "Survey"),
    ("version", "Версия", "Version"),
    ("responses", "Ответов", "Responses"),
    ("audience", "Опрошено", "Audience"),
    ("rate", "Доля ответивших", "Response rate"),
    ("previous", "Прошлое анкетирование", "Previous campaign"),
    ("delta", "Изменение", "Change"),
    ("answered", "Ответили", "Answered"),
    ("option", "Вариант", "Option"),
    ("count", "Количество", "Count"),
    ("share", "Доля", "Share"),
    ("value", "Значение", "Value"),
    ("label", "Подпись", "Label"),
    ("mean", "Среднее", "Mean"),
    ("median", "Медиана", "Median"),
    ("min", "Минимум", "Minimum"),
    ("max", "Максимум", "Maximum"),
    ("texts", "Ответы (выборка)", "Answers (sample)"),
    ("organization", "Организация", "Organization"),
    ("municipality", "Муниципалитет", "Municipality"),
    ("respondent", "Участник", "Respondent"),
    ("submitted", "Отправлено", "Submitted"),
    ("other", "Прочие (малые группы)", "Other (small groups)"),
    ("none", "Не указано", "Not set"),
    ("previous_share", "Доля прошлый раз", "Previous share"),
    ("previous_mean", "Среднее прошлый раз", "Previous mean"),
)
_LABELS: dict[str, dict[str, str]] = {
    "ru": {key: ru for key, ru, _en in _LABEL_TABLE},
    "en": {key: en for key, _ru, en in _LABEL_TABLE},
}
_PERCENT = "0.0%"
_DECIMAL = "0.00"
_SHEET_TITLE_BAD = str.maketrans({c: " " for c in "[]:*?/\\"})


def export_xlsx(
    results: SurveyResults,
    template: SurveyTemplate,
    lang: str,
    raw_rows: Iterable[RawRow] | None,
    target: str | IO[bytes] | Any,
    *,
    group_names: Mapping[GroupKey, str] | None = None,
    previous: SurveyResults | None = None,
) -> None:
    """Write an overview sheet, one sheet per question, and for named surveys a sheet of
    raw answers (streamed from `raw_rows`), to a path or a binary file object.

    Raises ValueError if raw answers are given for an anonymous survey: they would tie
    answers to people, which the respondents were promised would not happen.
    """
    if raw_rows is None:
        workbook = Workbook(write_only=True)
        _write_summary(workbook, results, template, lang, group_names, previous)
        workbook.save(target)
        return
    with NamedExport(template, lang, target) as export:
        export.write_raw(raw_rows)
        export.finish(results, group_names=group_names, previous=previous)


class NamedExport:
    """The XLSX of a named survey, raw answers sheet first: `write_raw` streams it (the rows
    may be counted for the results on their way), then `finish` writes the other sheets."""

    def __init__(self, template: SurveyTemplate, lang: str, target: str | IO[bytes] | Any):
        if template.anonymous:
            raise ValueError("an anonymous survey has no raw answers to export")
        self._template, self._lang = template, lang
        labels = _LABELS.get(lang, _LABELS["ru"])
        self._workbook = Workbook(write_only=True)
        # Created first so that its date style is the workbook's first; moved last on saving.
        self._raw = self._workbook.create_sheet(_sheet_title(labels["raw"]))
        self._header = _raw_header(template, lang, labels)
        self._date_style = raw_sheet.add_placeholder(self._raw, self._header)
        # Sheets are saved as sheet1.xml, sheet2.xml... in order: the overview, one per
        # question, then this one (raw_sheet.add_workbook checks it).
        self._name = f"xl/worksheets/sheet{len(template.questions) + 2}.xml"
        self._out = raw_sheet.open_package(target)

    def __enter__(self) -> NamedExport:
        return self

    def __exit__(self, *exc: object) -> None:
        self._out.close()

    def write_raw(self, raw_rows: Iterable[RawRow]) -> None:
        values = _raw_values(self._template, self._lang, raw_rows)
        raw_sheet.write_raw_sheet(self._out, self._name, self._header, values, self._date_style)

    def finish(
        self,
        results: SurveyResults,
        *,
        group_names: Mapping[GroupKey, str] | None = None,
        previous: SurveyResults | None = None,
    ) -> None:
        workbook, template = self._workbook, self._template
        _write_summary(workbook, results, template, self._lang, group_names, previous)
        workbook.move_sheet(self._raw.title, offset=len(workbook.worksheets) - 1)
        raw_sheet.add_workbook(self._out, workbook, self._raw, self._name, self._date_style)


def _write_summary(
    workbook: Workbook,
    results: SurveyResults,
    template: SurveyTemplate,
    lang: str,
    group_names: Mapping[GroupKey, str] | None,
    previous: SurveyResults | None,
) -> None:
    """The overview and a sheet per question."""
    labels = _LABELS.get(lang, _LABELS["ru"])
    names = _GroupNamer(labels, group_names)
    comparison = compare(template, results, previous) if previous is not None else None
    _write_overview(workbook, results, template, lang, labels, names, previous, comparison)
    for number, question in enumerate(template.questions, 1):
        sheet = workbook.create_sheet(_sheet_title(f"{number}. {question.id}"))
        change = comparison.questions.get(question.id) if comparison else None
        _write_question(sheet, question, results, lang, labels, names, change)


class _GroupNamer:
    def __init__(self, labels: Mapping[str, str], names: Mapping[GroupKey, str] | None) -> None:
        self._labels = labels
        self._names = names or {}

    def __call__(self, key: GroupKey) -> str:
        if key == OTHER_GROUPS:
            return self._labels["other"]
        if key is None:
            return self._labels["none"]
        return self._names.get(key, str(key))


def _sheet_title(text: str) -> str:
    # Excel: at most 31 characters, none of []:*?/\ .
    return text.translate(_SHEET_TITLE_BAD)[:31]


def _cell(sheet: WriteOnlyWorksheet, value: Any, number_format: str | None = None) -> Any:
    if value is None or number_format is None:
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = number_format
    return cell


def _text_cell(sheet: WriteOnlyWorksheet, text: str) -> Any:
    """A respondent's text, written as text: never as a formula or an error code."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if text.startswith("=") or text in ERROR_CODES:
        cell = WriteOnlyCell(sheet, value=text)
        cell.data_type = "s"
        return cell
    return text


def _write_overview(
    workbook: Workbook,
    results: SurveyResults,
    template: SurveyTemplate,
    lang: str,
    labels: Mapping[str, str],
    names: _GroupNamer,
    previous: SurveyResults | None,
    comparison: Comparison | None,
) -> None:
    sheet = workbook.create_sheet(_sheet_title(labels["overview"]))
    sheet.append([labels["template"], template.label(lang)])
    sheet.append([labels["version"], template.version, template.fingerprint[:12]])
    sheet.append([labels["responses"], results.responses])
    sheet.append([labels["audience"], results.overall.audience])
    sheet.append([labels["rate"], _cell(sheet, results.response_rate, _PERCENT)])
    if previous is not None and comparison is not None:
        sheet.append([labels["previous"]])
        sheet.append([labels["responses"], previous.responses])
        sheet.append([labels["rate"], _cell(sheet, previous.response_rate, _PERCENT)])
        sheet.append([labels["delta"], _cell(sheet, comparison.response_rate_delta, _PERCENT)])
    if results.breakdown is not None:
        sheet.append([])
        sheet.append(
            [labels[results.breakdown], labels["responses"], labels["audience"], labels["rate"]]
        )
        for key, scope in results.groups.items():
            sheet.append(
                [
                    names(key),
                    scope.responses,
                    scope.audience,
                    _cell(sheet, scope.response_rate, _PERCENT),
                ]
            )


def _write_question(
    sheet: WriteOnlyWorksheet,
    question: Question,
    results: SurveyResults,
    lang: str,
    labels: Mapping[str, str],
    names: _GroupNamer,
    change: QuestionChange | None,
) -> None:
    stats = results.question(question.id)
    sheet.append([question.label(lang)])
    sheet.append([labels["answered"], stats.answered])
    sheet.append([])
    if question.kind in OPTION_KINDS:
        _write_choices(sheet, question, stats, lang, labels, change)
    elif question.kind == "scale":
        _write_scale(sheet, question, stats, lang, labels, change)
    elif question.kind == "number":
        _write_number(sheet, stats, labels, change)
    else:
        _write_texts(sheet, stats, labels)
    if results.breakdown is not None:
        sheet.append([])
        _write_breakdown(sheet, question, results, lang, labels, names)


def _share_columns(labels: Mapping[str, str], change: QuestionChange | None) -> list[str]:
    return [labels["previous_share"], labels["delta"]] if change is not None else []


def _share_cells(
    sheet: WriteOnlyWorksheet, stats: QuestionStats, key: Any, change: QuestionChange | None
) -> list[Any]:
    cells = [stats.counts.get(key, 0), _cell(sheet, stats.share(key), _PERCENT)]
    if change is not None:
        delta = change.share_deltas.get(key)
        now = stats.share(key)
        before = now - delta if now is not None and delta is not None else None
        cells += [_cell(sheet, before, _PERCENT), _cell(sheet, delta, _PERCENT)]
    return cells


def _write_choices(
    sheet: WriteOnlyWorksheet,
    question: Question,
    stats: QuestionStats,
    lang: str,
    labels: Mapping[str, str],
    change: QuestionChange | None,
) -> None:
    sheet.append(
        [labels["option"], labels["count"], labels["share"], *_share_columns(labels, change)]
    )
    for option in question.choices():
        sheet.append([option.label(lang), *_share_cells(sheet, stats, option.id, change)])


def _mean_row(
    sheet: WriteOnlyWorksheet,
    stats: QuestionStats,
    labels: Mapping[str, str],
    change: QuestionChange | None,
) -> list[Any]:
    row = [labels["mean"], _cell(sheet, stats.mean, _DECIMAL)]
    if change is not None and stats.mean is not None and change.mean_delta is not None:
        row += [
            labels["previous_mean"],
            _cell(sheet, stats.mean - change.mean_delta, _DECIMAL),
            labels["delta"],
            _cell(sheet, change.mean_delta, _DECIMAL),
        ]
    return row


def _write_scale(
    sheet: WriteOnlyWorksheet,
    question: Question,
    stats: QuestionStats,
    lang: str,
    labels: Mapping[str, str],
    change: QuestionChange | None,
) -> None:
    sheet.append(_mean_row(sheet, stats, labels, change))
    sheet.append([])
    sheet.append(
        [
            labels["value"],
            labels["label"],
            labels["count"],
            labels["share"],
            *_share_columns(labels, change),
        ]
    )
    for point in question.scale_points:
        label = question.labels.get(point)
        sheet.append(
            [
                point,
                localized(label, lang) if label else None,
                *_share_cells(sheet, stats, point, change),
            ]
        )


def _write_number(
    sheet: WriteOnlyWorksheet,
    stats: QuestionStats,
    labels: Mapping[str, str],
    change: QuestionChange | None,
) -> None:
    sheet.append(_mean_row(sheet, stats, labels, change))
    sheet.append([labels["median"], stats.median])
    sheet.append([labels["min"], stats.minimum])
    sheet.append([labels["max"], stats.maximum])
    sheet.append([])
    sheet.append([labels["value"], labels["count"], labels["share"]])
    for value in sorted(stats.counts):
        sheet.append([value, stats.counts[value], _cell(sheet, stats.share(value), _PERCENT)])


def _write_texts(
    sheet: WriteOnlyWorksheet, stats: QuestionStats, labels: Mapping[str, str]
) -> None:
    sheet.append([labels["texts"]])
    for text in stats.texts:
        sheet.append([_text_cell(sheet, text)])


def _write_breakdown(
    sheet: WriteOnlyWorksheet,
    question: Question,
    results: SurveyResults,
    lang: str,
    labels: Mapping[str, str],
    names: _GroupNamer,
) -> None:
    assert results.breakdown is not None
    keys: list[Any] = [o.id for o in question.choices()]
    header = [labels[results.breakdown], labels["responses"], labels["answered"]]
    if keys:
        header += [option.label(lang) for option in question.choices()]
    elif question.kind in NUMERIC_KINDS:
        header.append(labels["mean"])
    sheet.append(header)
    for key, scope in results.groups.items():
        stats = scope.questions[question.id]
        row: list[Any] = [names(key), scope.responses, stats.answered]
        if keys:
            row += [_cell(sheet, stats.share(k), _PERCENT) for k in keys]
        elif question.kind in NUMERIC_KINDS:
            row.append(_cell(sheet, stats.mean, _DECIMAL))
        sheet.append(row)


def _raw_header(template: SurveyTemplate, lang: str, labels: Mapping[str, str]) -> list[str]:
    return [
        labels["respondent"],
        labels["organization"],
        labels["municipality"],
        labels["submitted"],
        *(f"{n}. {q.label(lang)}" for n, q in enumerate(template.questions, 1)),
    ]


def _raw_values(
    template: SurveyTemplate, lang: str, raw_rows: Iterable[RawRow]
) -> Iterator[list[Any]]:
    """One list of plain values per response (texts stay texts: the sheet writes every string
    as a string, never as a formula)."""
    columns = [(q.id, _raw_formatter(q, lang)) for q in template.questions]
    for row in raw_rows:
        get = row.answers.get
        values: list[Any] = [row.respondent, row.organization, row.municipality, row.submitted_at]
        for question_id, formatter in columns:
            value = get(question_id)
            values.append(value if value is None or formatter is None else formatter(value))
        yield values


class _Labels(dict[Any, Any]):
    """Option id -> label; an id the template no longer has is shown as it is."""

    def __missing__(self, key: Any) -> Any:
        return key


def _raw_formatter(question: Question, lang: str) -> Any:
    """A fast value -> cell function for one question (None: the value as it is); numbers
    stay numbers."""
    if question.kind in NUMERIC_KINDS:
        return None
    if question.kind == "text":
        return str
    if question.kind in ("single", "yesno"):
        return _Labels({o.id: o.label(lang) for o in question.choices()}).__getitem__
    return lambda value: format_answer(question, value, lang)
