"""What the /newevent and /events windows show, from the services (bot.services.broadcast)."""

from __future__ import annotations

from datetime import date
from typing import Any

from aiogram_dialog import DialogManager

from bot.context import Ctx
from bot.i18n import Texts
from bot.services.broadcast import events, rendering
from bot.services.broadcast.telegram_html import escape
from bot.services.broadcast.when import format_local, zone_label
from handlers.kit import day_bounds, paged
from handlers.kit.picks import choose
from handlers.ui import button_text
from models.broadcast import Event, EventRsvp
from models.enums import EventStatus

CAPACITY_CHOICES = (20, 50, 100)
ATTENDANCE_PAGE = 8


def event_id(manager: DialogManager) -> int:
    return int(manager.dialog_data["event"])


def local_today(ctx: Ctx) -> date:
    return ctx.clock.now().astimezone(ctx.zone).date()


# --- /newevent -------------------------------------------------------------------------------


async def kinds(ctx: Ctx, **_: Any) -> dict[str, Any]:
    return {"items": [(kind, ctx.texts(f"event-kind-{kind}")) for kind in events.KINDS]}


async def starts(ctx: Ctx, **_: Any) -> dict[str, Any]:
    today = local_today(ctx)
    return {
        "zone": zone_label(ctx.clock.now(), ctx.zone),
        "days": day_bounds(today, today + events.MAX_AHEAD, today),
    }


async def time(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    day = date.fromisoformat(dialog_manager.dialog_data["day"])
    return {"day": f"{day:%d.%m.%Y}", "zone": zone_label(ctx.clock.now(), ctx.zone)}


async def durations(ctx: Ctx, **_: Any) -> dict[str, Any]:
    return {"items": [(str(m), rendering.duration_text(ctx.texts, m)) for m in events.DURATIONS]}


async def capacities(**_: Any) -> dict[str, Any]:
    return {"items": [(str(n), str(n)) for n in CAPACITY_CHOICES], "max": events.MAX_CAPACITY}


# --- /events: what is coming, one event --------------------------------------------------------


def _answer_label(texts: Texts, rsvp: EventRsvp | None) -> str:
    return texts(f"event-answer-{rsvp.answer if rsvp else 'none'}")


def _day(ctx: Ctx, event: Event) -> str:
    return f"{event.starts_at.astimezone(ctx.zone):%d.%m}"


def _with_page(texts: Texts, heading: str, pager: dict[str, Any]) -> str:
    if pager["pages"] > 1:
        return heading + " " + texts("list-page", page=pager["page"], pages=pager["pages"])
    return heading


async def event_list(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    texts, person = ctx.texts, ctx.person
    upcoming = await events.upcoming_for(ctx.session, ctx.clock, ctx.settings, person)
    past = await events.to_confirm_for(ctx.session, ctx.clock, person)

    def line(item: tuple[Event, EventRsvp | None]) -> str:
        event, rsvp = item
        return texts(
            "event-list-item",
            when=format_local(event.starts_at, ctx.zone),
            kind=texts(f"event-kind-{event.kind}"),
            title=escape(event.title),
            answer=_answer_label(texts, rsvp),
        )

    page, pager = await paged(dialog_manager, "events", upcoming, line)
    lines = [_with_page(texts, texts("event-list-title"), pager)]
    if not upcoming:
        lines.append(texts("event-list-empty"))
    lines += page.lines
    confirm = past if page.page == 0 else []
    if confirm:
        lines += ["", texts("event-list-confirm")]
    return {
        "text": "\n".join(lines),
        "items": [
            (
                str(event.id),
                button_text(f"{event.starts_at.astimezone(ctx.zone):%d.%m} · {event.title}"),
            )
            for event, _ in page.items
        ],
        "past": [(str(event.id), button_text(f"✔ {event.title}")) for event in confirm],
        "coordinator": ctx.actor.is_coordinator,
        **pager,
    }


async def card(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    texts, person = ctx.texts, ctx.person
    event = await events.visible_event(ctx.session, ctx.settings, person, event_id(dialog_manager))
    rsvp = await events.rsvp_of(ctx.session, event.id, person.id)
    answer = rsvp.answer if rsvp else None
    lines = [rendering.event_card(texts, event, ctx.zone), ""]
    cancelled = event.status == EventStatus.cancelled
    ahead = event.starts_at > ctx.clock.now()
    ask_attended = not cancelled and not ahead and answer == "going" and rsvp is not None
    if cancelled:
        lines.append(texts("event-is-cancelled"))
    else:
        lines.append(texts("event-your-answer", answer=_answer_label(texts, rsvp)))
        if answer == events.WAITING:
            position = await events.waiting_position(ctx.session, event.id, person.id)
            lines.append(texts("event-waiting-position", position=position or 0))
        if event.capacity is not None:
            lines.append(texts("event-seats", taken=event.going_count, capacity=event.capacity))
        if ask_attended and rsvp is not None and rsvp.attended is not None:
            lines.append(texts("event-attended-yes" if rsvp.attended else "event-attended-no"))
            ask_attended = False
    ((going, not_going),) = rendering.event_keyboard(texts, event.id, answer)
    return {
        "text": "\n".join(lines),
        "open": not cancelled and ahead,
        "ask_attended": ask_attended,
        "going": going.text,
        "not_going": not_going.text,
    }


# --- the author's side -------------------------------------------------------------------------


async def manage(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    mine = await events.managed_list(ctx.session, ctx.clock, ctx.actor)

    def label(event: Event) -> str:
        mark = "✖ " if event.status == EventStatus.cancelled else ""
        return button_text(f"{mark}{_day(ctx, event)} · {event.title}")

    # Only buttons here: count and length (a button's label is already short) page the same.
    page, pager = await paged(dialog_manager, "mine_pages", mine, label)
    heading = _with_page(ctx.texts, ctx.texts("event-manage-title"), pager)
    lines = [heading] if mine else [heading, ctx.texts("event-manage-empty")]
    return {
        "text": "\n".join(lines),
        "items": [(str(e.id), text) for e, text in zip(page.items, page.lines, strict=True)],
        **pager,
    }


async def managed_text(ctx: Ctx, event: Event) -> str:
    people = await events.attendance(ctx.session, ctx.actor, event.id)
    going = [r for r in people if r.answer == events.GOING]
    waiting = sum(1 for r in people if r.answer == events.WAITING)
    lines = [
        rendering.event_card(ctx.texts, event, ctx.zone),
        "",
        ctx.texts(
            "event-manage-counts",
            going=len(going),
            declined=sum(1 for r in people if r.answer == events.NOT_GOING),
            attended=sum(1 for r in going if r.attended),
        ),
    ]
    if waiting:
        lines.append(ctx.texts("event-manage-waiting", count=waiting))
    if event.status == EventStatus.cancelled:
        lines.append(ctx.texts("event-is-cancelled"))
    return "\n".join(lines)


async def managed(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    event = await events.managed(ctx.session, ctx.actor, event_id(dialog_manager))
    text = await managed_text(ctx, event)
    edited = dialog_manager.dialog_data.pop("edited", None)
    if isinstance(edited, dict):  # just changed: say so, and who was told
        saved = ctx.texts("event-edit-saved", told=int(edited.get("told", 0)))
        if edited.get("seated"):
            saved += "\n" + ctx.texts("event-edit-seated", count=int(edited["seated"]))
        text = f"{saved}\n\n{text}"
    return {
        "text": text,
        "cancellable": event.status == EventStatus.scheduled and event.starts_at > ctx.clock.now(),
    }


async def attendance(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    """A page of those registered; a check mark on those the coordinator or they themselves
    said were there, ✖ on those who said they were not."""
    event = await events.managed(ctx.session, ctx.actor, event_id(dialog_manager))
    people = await events.attendance(ctx.session, ctx.actor, event.id)
    going = [r for r in people if r.answer == "going"]
    page, pager = await paged(
        dialog_manager,
        "attendees",
        going,
        lambda r: ("✖ " if r.attended is False else "") + r.name,
        per_page=ATTENDANCE_PAGE,
    )
    # The marks as saved (a participant may have answered since): the checklist shows them.
    await choose(
        dialog_manager, "attended", [str(r.participant_id) for r in page.items if r.attended]
    )
    return {
        "title": escape(event.title),
        "count": len(going),
        "attended": sum(1 for r in going if r.attended),
        "items": [
            (str(r.participant_id), button_text(line))
            for r, line in zip(page.items, page.lines, strict=True)
        ],
        **pager,
    }


async def cancel(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    event = await events.managed(ctx.session, ctx.actor, event_id(dialog_manager))
    return {"title": escape(event.title), "going": event.going_count}


async def edit_fields(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    event = await events.managed(ctx.session, ctx.actor, event_id(dialog_manager))
    fields = events.editable_fields(event)
    return {"items": [(f, ctx.texts(f"event-edit-field-{f}")) for f in fields]}


async def edit_value(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    """The question for the chosen field, with what it is now."""
    event = await events.managed(ctx.session, ctx.actor, event_id(dialog_manager))
    field = str(dialog_manager.dialog_data.get("edit_field", "title"))
    texts = ctx.texts
    current = {
        "title": escape(event.title),
        "starts": format_local(event.starts_at, ctx.zone),
        "place": escape(event.place),
        "capacity": str(event.capacity) if event.capacity is not None else texts("event-unlimited"),
        "description": event.description or texts("value-none"),
    }.get(field, "")
    return {
        "text": texts(f"event-edit-ask-{field}", current=current, going=event.going_count),
        "capacity": field == "capacity",
    }
