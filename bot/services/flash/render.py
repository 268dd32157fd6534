"""Texts of flash mentoring, shared by the handlers (replies) and the services (messages to
other people through the outbox). Plain strings from the locale files; no Telegram types.

Messages are sent as HTML: everything a person typed (a description, notes, a relayed
message) and every name is escaped here.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.i18n import Texts
from bot.services.flash import topics
from models import Participant
from models.enums import FlashStatus
from models.flash import FlashEvent, FlashMentorProfile, FlashRequest


def esc(text: str | None) -> str:
    return html.escape(text or "", quote=False)


def moment(value: datetime, zone: ZoneInfo) -> str:
    return value.astimezone(zone).strftime("%d.%m.%Y %H:%M")


def short_moment(value: datetime, zone: ZoneInfo, texts: Texts) -> str:
    """'пт 27.11 18:00': the weekday helps more than the year when picking a time."""
    local = value.astimezone(zone)
    weekday = texts(f"flash-weekday-{local.isoweekday()}")
    return f"{weekday} {local.strftime('%d.%m %H:%M')}"


def topic_name(texts: Texts, topic: str) -> str:
    return texts(topics.label_key(topic))


def status_name(texts: Texts, status: str) -> str:
    return texts(f"flash-status-{status}")


def names(texts: Texts, prefix: str, keys: Iterable[str]) -> str:
    listed = [texts(f"{prefix}-{key}") for key in keys]
    return ", ".join(listed) if listed else texts("value-none")


def request_summary(texts: Texts, request: FlashRequest) -> str:
    return "\n".join(
        [
            texts("flash-line-topic", value=topic_name(texts, request.topic)),
            texts("flash-line-description", value=esc(request.description)),
            texts("flash-line-format", value=texts(f"flash-format-{request.format}")),
            texts("flash-line-timing", value=texts(f"flash-timing-{request.timing}")),
        ]
    )


def reason_text(texts: Texts, code: str, params: dict[str, Any]) -> str | None:
    if code == "topic_match":
        return texts("flash-reason-topic", topic=topic_name(texts, str(params.get("topic", ""))))
    if code == "words_match":
        words = params.get("terms") or params.get("words") or []
        return texts("flash-reason-words", words=esc(", ".join(str(w) for w in words)))
    if code in ("same_organization", "same_municipality", "network"):
        return texts(f"flash-reason-{code.replace('_', '-')}")
    if code == "rating":
        return texts("flash-reason-rating", avg=params.get("avg", 0), count=params.get("count", 0))
    return None  # free slots and unknown codes: not worth the mentor's attention


def reasons_text(texts: Texts, reasons: Sequence[Sequence[Any]]) -> str:
    lines = []
    for item in reasons:
        code, params = item[0], item[1] if len(item) > 1 else {}
        line = reason_text(texts, str(code), dict(params or {}))
        if line:
            lines.append(line)
    return "; ".join(lines)


def requester_line(texts: Texts, requester: Participant) -> str:
    """Who asks, without the name: the name is shown once a mentor took the request."""
    parts = [texts(f"category-{requester.category}"), esc(requester.organization.label)]
    if requester.is_young_specialist:
        parts.append(texts("flash-young-specialist"))
    return ", ".join(parts)


def offer_text(
    texts: Texts,
    request: FlashRequest,
    requester: Participant,
    reasons: Sequence[Sequence[Any]],
    *,
    assigned: bool = False,
) -> str:
    lines = [
        texts("flash-offer-title", id=request.id),
        request_summary(texts, request),
        texts("flash-line-from", value=requester_line(texts, requester)),
    ]
    why = reasons_text(texts, reasons)
    if why:
        lines.append(texts("flash-line-why", value=why))
    lines.append("")
    lines.append(texts("flash-offer-assigned-hint" if assigned else "flash-offer-hint"))
    return "\n".join(lines)


def offer_closed_text(texts: Texts, request: FlashRequest, why: str) -> str:
    """What an offer message turns into once it cannot be accepted any more."""
    return "\n".join(
        [
            texts("flash-offer-title", id=request.id),
            texts("flash-line-topic", value=topic_name(texts, request.topic)),
            "",
            texts(f"flash-offer-closed-{why}"),
        ]
    )


def rating_value(profile: FlashMentorProfile | None) -> tuple[float, int] | None:
    if profile is None or profile.rating_count <= 0:
        return None
    return round(profile.rating_sum / profile.rating_count, 1), profile.rating_count


def mentor_card(
    texts: Texts, mentor: Participant, profile: FlashMentorProfile | None = None
) -> str:
    lines = [
        texts("flash-card-mentor-title", name=esc(mentor.full_name)),
        texts("summary-organization", value=esc(mentor.organization.name)),
    ]
    if mentor.subjects:
        lines.append(texts("summary-subjects", value=names(texts, "subject", mentor.subjects)))
    if mentor.expertise:
        lines.append(texts("summary-expertise", value=names(texts, "deficit", mentor.expertise)))
    if mentor.formats:
        lines.append(texts("summary-formats", value=names(texts, "format", mentor.formats)))
    if profile is not None and profile.notes:
        lines.append(texts("flash-card-notes", value=esc(profile.notes)))
    rating = rating_value(profile)
    if rating is not None:
        lines.append(texts("flash-card-rating", avg=rating[0], count=rating[1]))
    return "\n".join(lines)


def requester_card(texts: Texts, requester: Participant) -> str:
    lines = [
        texts("flash-card-requester-title", name=esc(requester.full_name)),
        texts("summary-organization", value=esc(requester.organization.name)),
        texts("summary-category", value=texts(f"category-{requester.category}")),
    ]
    if requester.experience_years is not None:
        lines.append(texts("summary-experience", years=requester.experience_years))
    if requester.subjects:
        lines.append(texts("summary-subjects", value=names(texts, "subject", requester.subjects)))
    return "\n".join(lines)


def slots_text(texts: Texts, slots: Sequence[datetime], zone: ZoneInfo) -> str:
    return "\n".join(f"• {short_moment(slot, zone, texts)}" for slot in slots)


def history_text(texts: Texts, events: Sequence[FlashEvent], zone: ZoneInfo) -> str:
    lines = []
    for event in events:
        who = texts(f"flash-by-{event.reason.replace('_', '-')}") if event.reason else ""
        lines.append(
            texts(
                "flash-history-line",
                at=moment(event.at, zone),
                status=status_name(texts, event.to_status),
                why=who,
            ).rstrip()
        )
    return "\n".join(lines)


def request_card(
    texts: Texts,
    request: FlashRequest,
    zone: ZoneInfo,
    *,
    mentor: Participant | None = None,
    events: Sequence[FlashEvent] = (),
) -> str:
    lines = [
        texts("flash-card-title", id=request.id, status=status_name(texts, request.status)),
        request_summary(texts, request),
    ]
    if mentor is not None:
        lines.append(texts("flash-line-mentor", value=esc(mentor.full_name)))
    if request.scheduled_at is not None and request.status == FlashStatus.scheduled:
        lines.append(
            texts("flash-line-time", value=short_moment(request.scheduled_at, zone, texts))
        )
    if events:
        lines += ["", texts("flash-history-title"), history_text(texts, events, zone)]
    return "\n".join(lines)
