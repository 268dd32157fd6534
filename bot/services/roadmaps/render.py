"""Texts of roadmaps, shared by the handlers (the /roadmap screens in handlers/roadmaps/) and
the scheduler (reminders through the outbox). Plain strings from locales/*/roadmap.ftl; no
Telegram types. The screens' buttons and pages live with the dialogs; only the messages sent to
people (reminders, digests, escalations, postponements) carry their buttons from here, as
presses (bot/services/roadmaps/presses.py).

Messages are HTML: every text that came from a file or a person is escaped here.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from datetime import date

from bot.i18n import Texts, Translator
from bot.services.outbox import Button, Keyboard
from bot.services.roadmaps.deadlines import DeadlineSpec
from bot.services.roadmaps.presses import (
    APPROVE,
    BELOW,
    CARD,
    DECLINE,
    DONE,
    HOME,
    MINE,
    NOT_APPLICABLE,
    POSTPONE_ASK,
    PROGRESS,
    PostponePress,
    RoadmapPress,
)
from bot.services.roadmaps.progress import (
    SOON_DAYS,
    BelowProgress,
    DueGroup,
    ItemProgress,
    MyDeadline,
    NeedsDates,
    Overview,
    Unrecognised,
)
from bot.services.roadmaps.reminders import Notice, NoticeDetails
from bot.services.roadmaps.scopes import Recipient
from bot.services.roadmaps.status import OccurrenceCard
from bot.services.roadmaps.store import CreatedRoadmap, Owner, PartyPreview
from bot.services.roadmaps.table_import import (
    DEFAULT_MAX_BYTES,
    MAX_COLUMNS,
    MAX_MERGED_CELLS,
    MAX_MERGED_RANGES,
    MAX_ROWS,
    MAX_TABLES,
    ImportPreview,
    PreviewEntry,
    RoadmapImportError,
)
from bot.services.upload_limits import MAX_UNPACKED_BYTES, MAX_ZIP_MEMBERS
from models.enums import OccurrenceStatus

ACTIVITY_SHORT = 90
NAMES_SHOWN = 6
PREVIEW_SHOWN = 10
DIGEST_LINES = 30
DIGEST_BUTTONS = 8


def esc(text: str | None) -> str:
    return html.escape(text or "", quote=False)


def day(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else "—"


def short(text: str | None, limit: int = ACTIVITY_SHORT) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def item_name(texts: Texts, number: str | None, activity: str, limit: int = ACTIVITY_SHORT) -> str:
    name = esc(short(activity, limit))
    return texts("roadmap-item-name", number=esc(number), activity=name) if number else name


def names_list(texts: Texts, labels: Sequence[str], limit: int = NAMES_SHOWN) -> str:
    shown = ", ".join(esc(label) for label in labels[:limit])
    rest = len(labels) - limit
    return shown + (texts("roadmap-and-more", count=rest) if rest > 0 else "")


# ---------------------------------------------------------------------------------------
# Deadlines as the parser read them


def reason_text(texts: Texts, reason: str | None, params: dict[str, str] | None = None) -> str:
    params = params or {}
    return texts(
        f"roadmap-reason-{(reason or 'unknown_phrase').replace('_', '-')}",
        value=esc(params.get("value", "")),
        date=_iso_day(params.get("date")),
        start=_iso_day(params.get("period_start")),
        end=_iso_day(params.get("period_end")),
    )


def _iso_day(value: str | None) -> str:
    if not value:
        return "—"
    try:
        return day(date.fromisoformat(value))
    except ValueError:
        return value


def recurrence_text(texts: Texts, recurrence: str | None) -> str:
    if not recurrence:
        return ""
    if recurrence.startswith("every_") and recurrence.endswith("_months"):
        return texts("roadmap-recurrence-every-months", months=recurrence.split("_")[1])
    if recurrence in ("on_request", "as_needed", "per_schedule"):
        return texts(f"roadmap-flag-{recurrence.replace('_', '-')}")
    return texts(f"roadmap-recurrence-{recurrence.replace('_', '-')}")


def spec_text(texts: Texts, spec: DeadlineSpec) -> str:
    """One line: what the phrase means."""
    if spec.kind == "unparsed":
        return reason_text(texts, spec.reason, spec.params_dict)
    if spec.kind == "event_triggered" and spec.event is None and spec.flags:
        # "По мере необходимости", "по запросу": no event to name, the flag says it.
        flags = "; ".join(texts(f"roadmap-flag-{f.replace('_', '-')}") for f in spec.flags)
        return texts("roadmap-kind-when-asked", flags=flags)
    if spec.kind == "event_triggered":
        return texts("roadmap-kind-event-triggered", event=esc(spec.event or spec.original))
    parts = []
    if spec.due_dates:
        shown = ", ".join(day(d) for d in spec.due_dates[:4])
        more = len(spec.due_dates) - 4
        parts.append(shown + (texts("roadmap-and-more", count=more) if more > 0 else ""))
    if spec.recurrence:
        parts.append(recurrence_text(texts, spec.recurrence))
    if spec.kind == "continuous":
        parts.append(texts("roadmap-kind-continuous", months=spec.check_in_months or 3))
    parts += [texts(f"roadmap-flag-{f.replace('_', '-')}") for f in spec.flags]
    return "; ".join(p for p in parts if p)


# ---------------------------------------------------------------------------------------
# Import


def megabytes(size: int) -> str:
    """A byte count as the megabytes a coordinator reads: "5", "0.5"."""
    return f"{size / (1024 * 1024):.3g}"


def import_error_text(
    texts: Texts, error: RoadmapImportError, limit_bytes: int = DEFAULT_MAX_BYTES
) -> str:
    """What went wrong, then where: the row and the cell (column) when known."""
    main = texts(
        error.key,
        value=esc(str(error.value) if error.value is not None else ""),
        column=esc(error.column or ""),
        row=str(error.row or ""),
        limit=megabytes(limit_bytes),
        rows=str(MAX_ROWS),
        columns=str(MAX_COLUMNS),
        merged=str(MAX_MERGED_RANGES),
        merged_cells=str(MAX_MERGED_CELLS),
        tables=str(MAX_TABLES),
        unpacked=megabytes(MAX_UNPACKED_BYTES),
        members=str(MAX_ZIP_MEMBERS),
    )
    if error.row is not None and error.column:
        where = texts("roadmap-where-row-cell", row=str(error.row), column=esc(error.column))
    elif error.row is not None:
        where = texts("roadmap-where-row", row=str(error.row))
    elif error.column:
        where = texts("roadmap-where-cell", column=esc(error.column))
    else:
        where = ""
    return "\n".join(p for p in (main, where, texts("roadmap-import-nothing-saved")) if p)


def _where(texts: Texts, entry: PreviewEntry) -> str:
    return texts(
        "roadmap-where-row-cell",
        row=str(entry.row or "—"),
        column=esc(entry.column or "—"),
    )


def preview_text(
    texts: Texts,
    owner: Owner,
    parsed: ImportPreview,
    parties: PartyPreview,
    *,
    template: str | None = None,
) -> str:
    lines = [
        texts("roadmap-preview-title", title=esc(short(parsed.title, 200))),
        texts("roadmap-preview-owner", owner=esc(owner.label)),
        texts("roadmap-preview-period", start=day(parsed.period.start), end=day(parsed.period.end)),
    ]
    if template:
        lines.append(texts("roadmap-preview-template", template=esc(template)))
    lines.append(
        texts(
            "roadmap-preview-counts",
            stages=parsed.stage_count,
            sections=parsed.section_count,
            items=parsed.item_count,
            deadlines=parsed.deadline_count,
        )
    )
    if parsed.first_due:
        lines.append(
            texts(
                "roadmap-preview-dates",
                count=parsed.due_date_count,
                first=day(parsed.first_due),
                last=day(parsed.last_due),
            )
        )
    kinds = parsed.kinds
    lines.append(
        texts(
            "roadmap-preview-kinds",
            dates=kinds.get("dates", 0),
            continuous=kinds.get("continuous", 0),
            events=kinds.get("event_triggered", 0),
            unparsed=kinds.get("unparsed", 0),
        )
    )
    lines.append(
        texts(
            "roadmap-preview-parties",
            regions=parties.regions,
            municipalities=parties.municipalities,
            organizations=parties.organizations,
            occurrences=parties.occurrences,
        )
    )
    if parties.past:
        lines.append(texts("roadmap-preview-past", count=parties.past))
    if parsed.unparsed:
        lines.append("")
        lines.append(texts("roadmap-preview-unparsed", count=len(parsed.unparsed)))
        for entry in parsed.unparsed[:PREVIEW_SHOWN]:
            lines.append(
                texts(
                    "roadmap-preview-unparsed-line",
                    where=_where(texts, entry),
                    phrase=esc(short(entry.phrase, 80)),
                    reason=reason_text(texts, entry.reason, dict(entry.params)),
                )
            )
        if len(parsed.unparsed) > PREVIEW_SHOWN:
            lines.append(texts("roadmap-and-more", count=len(parsed.unparsed) - PREVIEW_SHOWN))
    if parsed.event_triggered:
        lines.append("")
        lines.append(texts("roadmap-preview-events", count=len(parsed.event_triggered)))
        for entry in parsed.event_triggered[:PREVIEW_SHOWN]:
            lines.append(
                texts(
                    "roadmap-preview-event-line",
                    where=_where(texts, entry),
                    phrase=esc(short(entry.phrase, 80)),
                )
            )
        if len(parsed.event_triggered) > PREVIEW_SHOWN:
            lines.append(
                texts("roadmap-and-more", count=len(parsed.event_triggered) - PREVIEW_SHOWN)
            )
    if parties.unrecognised:
        lines.append("")
        lines.append(texts("roadmap-preview-unrecognised", count=len(parties.unrecognised)))
        for row, text in parties.unrecognised[:PREVIEW_SHOWN]:
            lines.append(
                texts("roadmap-preview-unrecognised-line", row=str(row or "—"), text=esc(text))
            )
    if parties.outside:
        lines.append(
            texts("roadmap-preview-outside", names=esc("; ".join(parties.outside[:NAMES_SHOWN])))
        )
    for warning in parsed.warnings[:PREVIEW_SHOWN]:
        lines.append(
            texts(
                f"roadmap-warning-{warning.code.replace('_', '-')}",
                row=str(warning.row or "—"),
                value=esc(warning.value or ""),
            )
        )
    if parties.replaces:
        lines.append("")
        lines.append(texts("roadmap-preview-replaces", titles=esc("; ".join(parties.replaces))))
    lines.append("")
    if parsed.deadlines:
        lines.append(texts("roadmap-preview-deadlines-hint"))
    lines.append(texts("roadmap-preview-confirm"))
    return "\n".join(lines)


def deadline_line(texts: Texts, entry: PreviewEntry) -> str:
    """One "Срок" of the table as the import reads it: where, the phrase, what it means (the
    dates saved), who is responsible."""
    spec = entry.spec
    return texts(
        "roadmap-preview-deadline-line",
        item=item_name(texts, entry.number, entry.activity, 60),
        row=str(entry.row or "—"),
        phrase=esc(short(entry.phrase, 80)),
        meaning=spec_text(texts, spec) if spec is not None else "—",
        responsible=esc(short(" ".join(entry.responsible.split()), 80)) or "—",
    )


def created_text(texts: Texts, created: CreatedRoadmap) -> str:
    lines = [
        texts("roadmap-created", title=esc(short(created.title, 200))),
        texts(
            "roadmap-created-counts",
            items=created.items,
            parties=created.parties,
            occurrences=created.occurrences,
        ),
    ]
    if created.needs_dates or created.unrecognised:
        lines.append(
            texts(
                "roadmap-created-flagged",
                items=created.flagged_items,
                dates=created.needs_dates,
                unknown=created.unrecognised,
            )
        )
    if created.replaced:
        lines.append(texts("roadmap-created-replaced", titles=esc("; ".join(created.replaced))))
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------
# The overview and the levels below


def _group_line(texts: Texts, group: DueGroup) -> str:
    who = esc(group.label) if group.label else texts("roadmap-parties", count=group.parties)
    return texts(
        "roadmap-due-line",
        date=day(group.due_on),
        item=item_name(texts, group.item_number, group.activity, 70),
        who=who,
    )


def overview_text(texts: Texts, view: Overview, scope: str) -> str:
    lines = [texts("roadmap-overview-title", scope=esc(scope))]
    if not view.roadmaps:
        lines.append(texts("roadmap-overview-none"))
    for ref in view.roadmaps[:NAMES_SHOWN]:
        lines.append(
            texts(
                "roadmap-overview-roadmap",
                title=esc(short(ref.title, 120)),
                owner=esc(ref.owner_label),
                start=str(ref.period_start.year),
                end=str(ref.period_end.year),
            )
        )
    lines.append("")
    lines.append(texts("roadmap-overview-overdue", count=view.overdue_total))
    lines += [_group_line(texts, g) for g in view.overdue]
    lines.append(texts("roadmap-overview-soon", count=view.soon_total, days=SOON_DAYS))
    lines += [_group_line(texts, g) for g in view.soon]
    if view.mine:
        lines.append("")
        lines.append(texts("roadmap-overview-mine"))
    if view.needs_dates or view.unrecognised:
        lines.append("")
    if view.needs_dates:
        lines.append(texts("roadmap-overview-needs-dates", count=view.needs_dates))
    if view.unrecognised:
        lines.append(texts("roadmap-overview-unrecognised", count=view.unrecognised))
    return "\n".join(lines)


def deadline_label(mine: MyDeadline, today: date) -> str:
    """A deadline as a button's text: its date and item, ⚠ when overdue, 🔁 for a check-in."""
    mark = "⚠ " if mine.due_on < today else ("🔁 " if mine.kind == "check_in" else "")
    return f"{mark}{mine.due_on:%d.%m.%y} · " + short(
        (f"{mine.item_number}. " if mine.item_number else "") + mine.activity, 48
    )


def below_head(texts: Texts, below: BelowProgress) -> list[str]:
    """The levels below: how many of them have their own roadmap, and who has not."""
    lines = [texts("roadmap-below-title")]
    for level in below.levels:
        lines.append(
            texts(
                f"roadmap-below-roadmaps-{level.level}",
                done=level.with_roadmap,
                total=level.total,
            )
        )
        if level.missing:
            lines.append(texts("roadmap-below-missing", names=names_list(texts, level.missing)))
    if not below.items:
        lines.append(texts("roadmap-below-empty"))
    return lines


def below_item(texts: Texts, progress: ItemProgress) -> str:
    """An item's progress on the levels below: done, overdue (who), still waiting (who)."""
    lines = [
        texts(
            "roadmap-below-item",
            item=item_name(texts, progress.item_number, progress.activity, 80),
            done=progress.done,
            total=progress.total,
        )
    ]
    if progress.overdue:
        lines.append(
            texts(
                "roadmap-below-overdue",
                count=len(progress.overdue),
                names=names_list(texts, progress.overdue),
            )
        )
    if progress.waiting:
        lines.append(
            texts(
                "roadmap-below-waiting",
                count=len(progress.waiting),
                names=names_list(texts, progress.waiting),
            )
        )
    return "\n".join(lines)


def needs_line(texts: Texts, entry: NeedsDates) -> str:
    why = (
        texts("roadmap-kind-event-triggered", event=esc(entry.event or entry.phrase))
        if entry.kind == "event_triggered"
        else reason_text(texts, entry.reason, entry.params)
    )
    return texts(
        "roadmap-needs-line",
        item=item_name(texts, entry.item_number, entry.activity, 80),
        row=str(entry.row or "—"),
        phrase=esc(short(entry.phrase, 100)),
        responsible=esc(short(entry.responsible, 80)),
        why=why,
    )


def needs_label(texts: Texts, entry: NeedsDates) -> str:
    return texts(
        "roadmap-btn-set-date",
        item=short(entry.item_number or entry.activity, 20),
        row=str(entry.row or "—"),
    )


def unknown_line(texts: Texts, entry: Unrecognised) -> str:
    return texts(
        "roadmap-unknown-line",
        item=item_name(texts, entry.item_number, entry.activity, 70),
        row=str(entry.row or "—"),
        text=esc(entry.text),
    )


# ---------------------------------------------------------------------------------------
# An occurrence


def status_name(texts: Texts, status: str) -> str:
    return texts(f"roadmap-status-{status.replace('_', '-')}")


def targets_text(targets: dict[str, str]) -> str:
    return "; ".join(f"{year} — {esc(value)}" for year, value in sorted(targets.items()))


def card_text(texts: Texts, card: OccurrenceCard, today: date) -> str:
    lines = [
        texts("roadmap-card-title", item=item_name(texts, card.item_number, card.activity, 400)),
        texts("roadmap-card-roadmap", title=esc(short(card.roadmap_title, 150))),
        texts("roadmap-card-party", party=esc(card.party_label)),
    ]
    key = "roadmap-card-check-in" if card.kind == "check_in" else "roadmap-card-due"
    lines.append(texts(key, date=day(card.due_on)))
    if card.window_start:
        lines.append(texts("roadmap-card-window", date=day(card.window_start)))
    if card.due_on != card.original_due_on:
        lines.append(texts("roadmap-card-moved", date=day(card.original_due_on)))
    if card.result:
        lines.append(texts("roadmap-card-result", result=esc(short(card.result, 400))))
    if card.targets:
        lines.append(texts("roadmap-card-targets", targets=targets_text(card.targets)))
    status = status_name(texts, card.status)
    if card.is_open and card.kind == "due" and card.due_on < today:
        status = status_name(texts, OccurrenceStatus.overdue)
    lines.append(texts("roadmap-card-status", status=status))
    if card.evidence_text:
        lines.append(texts("roadmap-card-evidence", text=esc(short(card.evidence_text, 300))))
    if card.evidence_file_name:
        lines.append(texts("roadmap-card-evidence-file", name=esc(card.evidence_file_name)))
    if card.note:
        lines.append(texts("roadmap-card-note", text=esc(short(card.note, 300))))
    if card.pending_postponement:
        lines.append(texts("roadmap-card-postpone-pending", date=day(card.pending_postponement)))
    if card.history:
        lines.append(texts("roadmap-card-history"))
        for entry in card.history:
            comment = f" — {esc(short(entry.comment, 80))}" if entry.comment else ""
            lines.append(f"• {entry.at:%d.%m.%Y} {status_name(texts, entry.status)}{comment}")
    return "\n".join(lines)


def _home_button(texts: Texts) -> Button:
    return Button(texts("roadmap-btn-home"), press=RoadmapPress(HOME))


def status_keyboard(texts: Texts, occurrence_id: int, kind: str) -> Keyboard:
    """The buttons of a reminder: the same as an open card's."""
    rows: list[list[Button]] = [
        [
            Button(texts("roadmap-btn-done"), press=RoadmapPress(DONE, occurrence_id)),
            Button(texts("roadmap-btn-progress"), press=RoadmapPress(PROGRESS, occurrence_id)),
        ],
        [Button(texts("roadmap-btn-na"), press=RoadmapPress(NOT_APPLICABLE, occurrence_id))],
    ]
    if kind == "due":
        rows[1].append(
            Button(texts("roadmap-btn-postpone"), press=RoadmapPress(POSTPONE_ASK, occurrence_id))
        )
    return rows


def postpone_keyboard(texts: Texts, postponement_id: int) -> Keyboard:
    """Approve or decline: the request sent to the coordinators of the level above."""
    return [
        [
            Button(texts("roadmap-btn-approve"), press=PostponePress(APPROVE, postponement_id)),
            Button(texts("roadmap-btn-decline"), press=PostponePress(DECLINE, postponement_id)),
        ]
    ]


def open_keyboard(texts: Texts, occurrence_id: int) -> Keyboard:
    """Open the deadline: under the decision sent back to who asked to postpone."""
    return [[Button(texts("roadmap-btn-open"), press=RoadmapPress(CARD, occurrence_id))]]


def postpone_request_text(
    texts: Texts, card: OccurrenceCard, requester: str | None, to_due: date, reason: str | None
) -> str:
    lines = [
        texts(
            "roadmap-postpone-request",
            who=esc(requester or "—"),
            party=esc(card.party_label),
            item=item_name(texts, card.item_number, card.activity, 200),
            date_from=day(card.due_on),
            date_to=day(to_due),
        )
    ]
    if reason:
        lines.append(texts("roadmap-postpone-reason", reason=esc(reason)))
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------
# Notices from the scheduler


class NoticeTexts:
    """Renders the scan's messages in each recipient's language."""

    def __init__(self, translator: Translator) -> None:
        self._translator = translator

    def notice(
        self, recipient: Recipient, notice: Notice, details: NoticeDetails
    ) -> tuple[str, Keyboard | None]:
        texts = self._translator.for_lang(recipient.language)
        if notice.kind == "check_in":
            head = texts("roadmap-notice-check-in")
        elif notice.kind == "overdue":
            head = texts("roadmap-notice-overdue", days=notice.days)
        elif notice.days == 0:
            head = texts("roadmap-notice-today")
        else:
            head = texts("roadmap-notice-soon", days=notice.days)
        lines = [
            head,
            texts(
                "roadmap-card-title",
                item=item_name(texts, details.item_number, details.activity, 300),
            ),
            texts("roadmap-card-roadmap", title=esc(short(details.roadmap_title, 150))),
            texts("roadmap-card-party", party=esc(details.party_label)),
            texts("roadmap-card-due", date=day(notice.due_on)),
        ]
        if details.result:
            lines.append(texts("roadmap-card-result", result=esc(short(details.result, 300))))
        if notice.via_above:
            lines.append(texts("roadmap-notice-via-above", party=esc(details.party_label)))
        return "\n".join(lines), status_keyboard(
            texts, notice.occurrence_id, "check_in" if notice.kind == "check_in" else "due"
        )

    def digest(
        self, recipient: Recipient, entries: Sequence[tuple[Notice, NoticeDetails]]
    ) -> tuple[str, Keyboard | None]:
        """Many notices for one person at once: one message, a line and a button each."""
        texts = self._translator.for_lang(recipient.language)
        lines = [texts("roadmap-digest-title", count=len(entries))]
        rows: list[list[Button]] = []
        for notice, details in entries[:DIGEST_LINES]:
            lines.append(
                texts(
                    "roadmap-digest-line",
                    when=self._when(texts, notice),
                    item=item_name(texts, details.item_number, details.activity, 70),
                    party=esc(details.party_label),
                )
            )
            if len(rows) < DIGEST_BUTTONS:
                label = (
                    f"{notice.due_on:%d.%m} · "
                    + short(
                        (f"{details.item_number}. " if details.item_number else "")
                        + details.activity,
                        30,
                    )
                    + f" · {short(details.party_label, 20)}"
                )
                rows.append([Button(label, press=RoadmapPress(CARD, notice.occurrence_id))])
        if len(entries) > DIGEST_LINES:
            lines.append(texts("roadmap-and-more", count=len(entries) - DIGEST_LINES))
        rows.append([Button(texts("roadmap-btn-mine"), press=RoadmapPress(MINE))])
        rows.append([_home_button(texts)])
        return "\n".join(lines), rows

    @staticmethod
    def _when(texts: Texts, notice: Notice) -> str:
        if notice.kind == "check_in":
            return texts("roadmap-when-check-in", date=day(notice.due_on))
        if notice.kind == "overdue":
            return texts("roadmap-when-overdue", date=day(notice.due_on), days=notice.days)
        return texts("roadmap-when-due", date=day(notice.due_on), days=notice.days)

    def escalation(
        self, recipient: Recipient, entries: Sequence[tuple[Notice, NoticeDetails]]
    ) -> tuple[str, Keyboard | None]:
        texts = self._translator.for_lang(recipient.language)
        lines = [texts("roadmap-escalation-title", count=len(entries))]
        for notice, details in entries[:30]:
            lines.append(
                texts(
                    "roadmap-escalation-line",
                    party=esc(details.party_label),
                    item=item_name(texts, details.item_number, details.activity, 80),
                    date=day(notice.due_on),
                    days=notice.days,
                )
            )
        if len(entries) > 30:
            lines.append(texts("roadmap-and-more", count=len(entries) - 30))
        keyboard = [
            [
                Button(texts("roadmap-btn-below"), press=RoadmapPress(BELOW)),
                _home_button(texts),
            ]
        ]
        return "\n".join(lines), keyboard


def template_names(translator: Translator, lang: str, names: Iterable[str]) -> dict[str, str]:
    texts = translator.for_lang(lang)
    found = {}
    for name in names:
        key = f"roadmap-template-{name}"
        found[name] = texts(key) if translator.has(key) else name
    return found
