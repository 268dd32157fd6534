"""What recipients read: the event card, the announcement's messages, the delivery report.

One function builds the Bot API calls of an announcement, so the coordinator's preview and
every recipient's copy are the same messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from bot.i18n import Texts
from bot.services.broadcast import telegram_html
from bot.services.broadcast.attachments import Attachment
from bot.services.broadcast.presses import (
    GOING,
    NOT_GOING,
    STOP,
    AnnouncementPress,
    EventPress,
    PreviewPress,
)
from bot.services.broadcast.signature import Signature
from bot.services.broadcast.when import format_local, zone_label
from bot.services.outbox import Button, keyboard_params
from bot.services.presses import Press
from models.enums import AnnouncementStatus

# Callback data of buttons on messages sent from the background (through the outbox). The
# handlers read them with CallbackData classes of the same prefixes and fields, in the same
# order (EventCb "ev", ManageCb "em", AnnActionCb "ax"); tests check both spell them alike.


class EventLike(Protocol):
    """An event as it is shown: a saved Event or a draft (read-only, so a frozen one fits)."""

    @property
    def kind(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def description(self) -> str: ...

    @property
    def starts_at(self) -> datetime: ...

    @property
    def duration_minutes(self) -> int: ...

    @property
    def place(self) -> str: ...

    @property
    def online(self) -> bool: ...

    @property
    def registration_required(self) -> bool: ...

    @property
    def capacity(self) -> int | None: ...


def report_keyboard(texts: Texts, announcement_id: int, running: bool) -> list[list[Button]]:
    if not running:
        return []
    return [[Button(texts("ann-btn-stop"), press=AnnouncementPress(STOP, announcement_id))]]


def duration_text(texts: Texts, minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return texts("bc-duration-both", hours=hours, minutes=rest)
    if hours:
        return texts("bc-duration-hours", hours=hours)
    return texts("bc-duration-minutes", minutes=rest)


def event_when(texts: Texts, event: EventLike, zone: ZoneInfo) -> str:
    return texts(
        "event-card-when",
        when=format_local(event.starts_at, zone),
        zone=zone_label(event.starts_at, zone),
        duration=duration_text(texts, event.duration_minutes),
    )


def other_zone_times(starts_at: datetime, own: ZoneInfo, zones: list[str]) -> list[str]:
    """'10.12.2026 12:00 (UTC+4)' for each recipient zone whose clock differs from the
    author's at that moment (one entry per offset)."""
    own_label = zone_label(starts_at, own)
    times: dict[str, str] = {}
    for name in zones:
        zone = ZoneInfo(name)
        label = zone_label(starts_at, zone)
        if label != own_label and label not in times:
            times[label] = f"{format_local(starts_at, zone)} ({label})"
    return list(times.values())


def event_card(texts: Texts, event: EventLike, zone: ZoneInfo) -> str:
    """The event as HTML, with the time on the reader's clock."""
    escape = telegram_html.escape
    lines = [
        texts(
            "event-card-title", kind=texts(f"event-kind-{event.kind}"), title=escape(event.title)
        ),
        event_when(texts, event, zone),
    ]
    if event.online:
        link = escape(event.place).replace('"', "&quot;")
        lines.append(texts("event-card-online", link=f'<a href="{link}">{escape(event.place)}</a>'))
    else:
        lines.append(texts("event-card-place", place=escape(event.place)))
    if event.description:
        lines += ["", event.description]
    lines.append("")
    if event.registration_required:
        if event.capacity is None:
            lines.append(texts("event-card-registration"))
        else:
            lines.append(texts("event-card-registration-capacity", capacity=event.capacity))
    else:
        lines.append(texts("event-card-no-registration"))
    return "\n".join(lines)


def event_keyboard(
    texts: Texts, event_id: int | None, answer: str | None = None
) -> list[list[Button]]:
    """ "I will attend" / "I can't"; in a preview (no event yet) the buttons only explain.
    The answer given (going | not_going) is ticked, so the card shows it."""
    going: Press
    not_going: Press
    if event_id is None:
        going, not_going = PreviewPress(GOING), PreviewPress(NOT_GOING)
    else:
        going, not_going = EventPress(GOING, event_id), EventPress(NOT_GOING, event_id)

    def label(key: str, mine: bool) -> str:
        return ("✔ " if mine else "") + texts(key)

    return [
        [
            Button(label("event-btn-going", answer == "going"), press=going),
            Button(label("event-btn-not-going", answer == "not_going"), press=not_going),
        ]
    ]


def announcement_messages(
    texts: Texts,
    *,
    text: str,
    attachment: Attachment | None,
    event: EventLike | None,
    event_id: int | None,
    zone: ZoneInfo,
    signature: Signature | None = None,
) -> list[tuple[str, dict[str, Any]]]:
    """The Bot API calls (method, params without chat_id) a recipient gets, in order.

    A short text rides as the caption of its photo or document; a longer one follows the
    file as its own message. The buttons of an event go with the last message; the sender's
    signature closes the text.
    """
    body = text
    keyboard: list[list[Button]] | None = None
    if event is not None:
        card = event_card(texts, event, zone)
        body = f"{card}\n\n{text}" if text else card
        keyboard = event_keyboard(texts, event_id)
    if signature is not None:
        line = signature_line(texts, signature)
        body = f"{body}\n\n{line}" if body else line
    markup = keyboard_params(keyboard)
    extra: dict[str, Any] = {"reply_markup": markup} if markup else {}
    if attachment is not None:
        method = "sendPhoto" if attachment.kind == "photo" else "sendDocument"
        field = "photo" if attachment.kind == "photo" else "document"
        if len(telegram_html.plain_text(body)) <= telegram_html.CAPTION_LIMIT:
            params: dict[str, Any] = {field: attachment.file_id, **extra}
            if body:
                params["caption"] = body
            return [(method, params)]
        return [(method, {field: attachment.file_id}), ("sendMessage", {"text": body, **extra})]
    return [("sendMessage", {"text": body, **extra})]


def signature_line(texts: Texts, signature: Signature) -> str:
    escape = telegram_html.escape
    key = "ann-signature" if signature.coordinator else "ann-signature-admin"
    return texts(key, name=escape(signature.name), place=escape(signature.place))


@dataclass(frozen=True)
class Report:
    total: int
    delivered: int
    blocked: int
    failed: int
    pending: int

    @property
    def settled(self) -> bool:
        return self.pending == 0


def report_text(
    texts: Texts,
    *,
    title: str,
    report: Report,
    status: str,
    finished_at: datetime | None,
    zone: ZoneInfo,
    going: int | None = None,
    capacity: int | None = None,
) -> str:
    lines = [
        texts("ann-report-title", title=telegram_html.escape(title)),
        texts("ann-report-total", count=report.total),
        texts("ann-report-delivered", count=report.delivered),
        texts("ann-report-blocked", count=report.blocked),
        texts("ann-report-failed", count=report.failed),
        texts("ann-report-pending", count=report.pending),
    ]
    if going is not None:
        if capacity is None:
            lines.append(texts("ann-report-going", count=going))
        else:
            lines.append(texts("ann-report-going-capacity", count=going, capacity=capacity))
    if status == AnnouncementStatus.stopped:
        lines.append(texts("ann-report-stopped"))
    elif finished_at is not None:
        lines.append(texts("ann-report-done", when=format_local(finished_at, zone)))
    else:
        lines.append(texts("ann-report-running"))
    return "\n".join(lines)


def short_title(text: str, limit: int = 40) -> str:
    """The first line of an announcement, shortened: how the coordinator recognises it."""
    try:
        plain = telegram_html.plain_text(text)
    except telegram_html.HtmlError:
        plain = text
    first = plain.strip().splitlines()[0] if plain.strip() else ""
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"
