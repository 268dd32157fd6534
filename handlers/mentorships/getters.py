"""What the pairs windows show, from the services: a person's own list, a coordinator's scope,
one pair's card. Buttons to the meeting log, plans, the pair wizard and people's cards are
those features' CallbackData (kit Link/links)."""

from __future__ import annotations

from html import escape
from typing import Any

from aiogram_dialog import DialogManager

from bot.callbacks.mentorship import MeetingCb, PlanCb
from bot.context import Ctx
from bot.services import directory
from bot.services.mentorship import meeting_totals, meetings, plans
from bot.services.mentorship import pairs as mentorships
from bot.services.mentorship.pairs import ScopeFilter
from handlers.kit import paged, served
from handlers.mentorship_ui import (
    STATUS_ICONS,
    PairCb,
    TotalsCb,
    confirmations,
    describe_mentorship,
    duration_text,
    fmt_date,
    meeting_line,
    mentorship_button_label,
    mentorship_line,
    short,
)
from handlers.ui import PeopleCb
from models.enums import MentoringForm, MentorshipStatus, Role
from models.mentorship import Mentorship

ENDED = (MentorshipStatus.completed, MentorshipStatus.stopped)
RUNNING_OR_ENDED = (MentorshipStatus.active, *ENDED)
# The status filter of the coordinator's list, in the order its button cycles through.
SCOPE_STATUSES = ("", "current", "requested", "proposed", "active", "ended")
FORMS = ("", *(f.value for f in MentoringForm))
PAST_SHOWN = 10
MEETINGS_SHOWN = 15
OVER_SHOWN = 30


def mentorship_id(manager: DialogManager) -> int:
    return int(manager.dialog_data["id"])


# --- a person's own pairs --------------------------------------------------------------------


async def mine(ctx: Ctx, **_: Any) -> dict[str, Any]:
    person = ctx.person
    texts = ctx.texts
    found = await mentorships.for_participant(ctx.session, person.id)
    ids = {pid for ms in found for pid in mentorships.member_ids(ms)}
    names = await mentorships.people(ctx.session, list(ids))
    current = [ms for ms in found if ms.status in mentorships.CURRENT]
    past = [ms for ms in found if ms.status in mentorships.ENDED][:PAST_SHOWN]
    lines = [texts("mentorships-title")]
    if not found:
        lines.append(texts("mentorships-empty"))
    if current:
        lines += ["", texts("mentorships-current")]
        lines += [mentorship_line(texts, ms, names) for ms in current]
    if past:
        lines += ["", texts("mentorships-past")]
        lines += [mentorship_line(texts, ms, names) for ms in past]
    return {
        "text": "\n".join(lines),
        "items": [
            (str(ms.id), mentorship_button_label(texts, ms, names)) for ms in [*current, *past]
        ],
        "mentor": person.has_role(Role.mentor),
        "propose": PairCb(step="propose").pack(),
        "record": MeetingCb(action="record").pack(),
    }


# --- one pair's card -------------------------------------------------------------------------


async def card_text(ctx: Ctx, ms: Mentorship) -> str:
    texts, session = ctx.texts, ctx.session
    names = await mentorships.people(session, mentorships.member_ids(ms))
    lines = [
        texts(
            "mentorship-card-title",
            icon=STATUS_ICONS.get(ms.status, "•"),
            status=texts(f"mentorship-status-{ms.status}"),
        ),
        describe_mentorship(texts, ms, names),
    ]
    if ms.status in (MentorshipStatus.requested, MentorshipStatus.proposed):
        lines += [texts("mentorship-confirmations"), confirmations(texts, ms, names)]
    if mentorships.is_end_requested(ms):
        lines.append(texts("mentorship-end-pending"))
    if ms.status in RUNNING_OR_ENDED:
        lines.append(await _totals_line(ctx, ms))
        today = await mentorships.local_today(session, ctx.clock, ms.organization_id)
        progress = await plans.progress(session, ms.id, today)
        if progress.total:
            lines.append(
                texts(
                    "mentorship-card-plan",
                    done=progress.done,
                    total=progress.total,
                    overdue=progress.overdue,
                )
            )
    if ms.ended_at is not None:
        zone = await directory.zone_of_organization(session, ms.organization_id)
        lines.append(
            texts("mentorship-card-ended", date=fmt_date(ms.ended_at.astimezone(zone).date()))
        )
    if ms.end_reason:
        # A departed member's reason is a code, shown in the reader's language.
        reason = (
            texts("mentorship-reason-left")
            if ms.end_reason == mentorships.LEFT_REASON
            else texts("mentorship-reason-moved")
            if ms.end_reason == mentorships.MOVED_REASON
            else escape(ms.end_reason)
        )
        lines.append(texts("mentorship-card-reason", reason=reason))
    mine = await mentorships.feedback_of(session, ms.id, ctx.actor.participant_id)
    if mine is not None:
        lines.append(texts("mentorship-card-my-feedback", rating=mine.rating))
    return "\n".join(lines)


async def _totals_line(ctx: Ctx, ms: Mentorship) -> str:
    total = await meeting_totals.overall(ctx.session, mentorship_id=ms.id)
    return ctx.texts(
        "mentorship-card-meetings",
        meetings=total.meetings,
        duration=duration_text(ctx.texts, total.minutes),
        confirmed=total.confirmed,
    )


def _waiting_for_me(ms: Mentorship, role: str | None, me: int | None) -> bool:
    if ms.status != MentorshipStatus.proposed or role is None:
        return False
    if role == Role.mentor:
        return ms.mentor_confirmed_at is None
    return any(r.participant_id == me and r.confirmed_at is None for r in ms.mentees)


def _write_to(ms: Mentorship, role: str | None) -> str:
    if role == Role.mentee:
        return "mentor"
    return "mentee" if len(ms.mentees) == 1 else "group"


async def card(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    actor, session = ctx.actor, ctx.session
    ms = await mentorships.get_visible(session, actor, mentorship_id(dialog_manager))
    role = mentorships.role_in(ms, actor.participant_id)
    given = await mentorships.feedback_of(session, ms.id, actor.participant_id)
    active = ms.status == MentorshipStatus.active
    return {
        "text": await card_text(ctx, ms),
        "waiting": _waiting_for_me(ms, role, actor.participant_id),
        "deciding": ms.status == MentorshipStatus.requested
        and actor.is_coordinator
        and role is None,
        "logging": active and role == Role.mentor,
        "active": active,
        "running_or_ended": ms.status in RUNNING_OR_ENDED,
        # A non-member sees the card only as a coordinator of its scope (get_visible).
        "endable": active and role in (Role.mentor, None),
        "rating_due": ms.status in ENDED and role is not None and given is None,
        # Writing through the bot, while the pair runs: to the mentor, a mentee, or the group.
        "talk": active and role is not None,
        "to": _write_to(ms, role),
        "log": MeetingCb(action="new", id=ms.id).pack(),
        "plan": PlanCb(action="show", id=ms.id).pack(),
    }


async def pair_meetings(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    ms = await mentorships.get_visible(ctx.session, ctx.actor, mentorship_id(dialog_manager))
    found = await meetings.for_mentorship(ctx.session, ms.id, limit=MEETINGS_SHOWN)
    lines = [await _totals_line(ctx, ms)]
    if not found:
        lines.append(ctx.texts("meeting-none-yet"))
    return {
        "text": "\n".join(lines),
        "links": [
            (MeetingCb(action="open", id=m.id).pack(), short(meeting_line(ctx.texts, m), 60))
            for m in found
        ],
    }


async def ending(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    return {
        "completed": data.get("outcome") == MentorshipStatus.completed,
        "reason": escape(data.get("reason") or ""),
    }


async def ratings(ctx: Ctx, **_: Any) -> dict[str, Any]:
    return {"items": [(str(n), ctx.texts("mentorship-rating", rating=n)) for n in range(1, 6)]}


async def rated(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    return {"rating": int(dialog_manager.dialog_data.get("rating", 0))}


# --- a coordinator's scope -------------------------------------------------------------------


async def home(ctx: Ctx, **_: Any) -> dict[str, Any]:
    actor, session = ctx.actor, ctx.session
    actor.require_coordinator()
    counts = await mentorships.counts_in_scope(session, actor)
    over = await mentorships.mentors_over_capacity(session, actor)
    free = await mentorships.mentees_without_mentor(session, actor)
    disputed = await meetings.disputed_in_scope(session, actor)
    return {
        "active": counts.get(MentorshipStatus.active, 0),
        "proposed": counts.get(MentorshipStatus.proposed, 0),
        "requested": counts.get(MentorshipStatus.requested, 0),
        "ended": sum(counts.get(s, 0) for s in ENDED),
        "over": len(over),
        "free": len(free),
        "disputed": len(disputed),
        "new": PairCb(step="start").pack(),
        "totals": TotalsCb(group="organization", period="school_year").pack(),
    }


async def scope_list(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    actor, session, texts = ctx.actor, ctx.session, ctx.texts
    data = dialog_manager.dialog_data
    form, status = data.get("form", ""), data.get("status", "")
    orgs = await directory.organizations_in_scope(session, actor)
    org_names = {o.id: o.label for o in orgs}
    org = int(data.get("org", 0))
    filters = ScopeFilter(form or None, status or None, org or None)

    async def fetch(number: int) -> mentorships.Page:
        return await mentorships.list_in_scope(session, actor, filters, number)

    page, pager = await served(dialog_manager, "pairs", fetch)
    ids = {pid for ms in page.items for pid in mentorships.member_ids(ms)}
    names = await mentorships.people(session, list(ids))
    lines = [texts("pairs-list-title", total=page.total, page=page.page + 1, pages=page.pages)]
    if not page.items:
        lines.append(texts("pairs-list-empty"))
    # In full here: a button's label is cut short and may hide the mentees' names.
    lines += [mentorship_line(texts, ms, names) for ms in page.items]
    return {
        **pager,
        "text": "\n".join(lines),
        "items": [(str(ms.id), mentorship_button_label(texts, ms, names)) for ms in page.items],
        "form_value": texts(f"mentorship-form-{form}") if form else "*",
        "status_value": texts(f"pairs-status-{status}") if status else "*",
        "org_value": short(org_names.get(org, "*"), 30),
        "orgs": len(orgs) > 1,
    }


async def over_capacity(ctx: Ctx, **_: Any) -> dict[str, Any]:
    over = await mentorships.mentors_over_capacity(ctx.session, ctx.actor)
    texts = ctx.texts
    lines = [texts("pairs-over-title", count=len(over))]
    found = []
    for item in over[:OVER_SHOWN]:
        name = item.mentor.full_name or "—"
        row = {"load": item.load, "capacity": item.capacity}
        lines.append(texts("pairs-over-row", name=escape(name), **row))
        label = texts("pairs-over-row", name=name, **row)
        found.append((PeopleCb(action="open", pid=item.mentor.id).pack(), short(label, 60)))
    return {"text": "\n".join(lines), "links": found}


async def without_mentor(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    free = await mentorships.mentees_without_mentor(ctx.session, ctx.actor)

    def label(person: Any) -> str:
        return short(f"{person.full_name or '—'} — {person.organization.label}", 60)

    page, pager = await paged(
        dialog_manager, "mentees", free, label, per_page=mentorships.PAGE_SIZE
    )
    lines = [ctx.texts("pairs-free-title", count=len(free))]
    if free:
        lines.append(ctx.texts("pairs-free-hint"))
    return {
        **pager,
        "text": "\n".join(lines),
        "links": [
            (PairCb(step="quick", value=str(p.id)).pack(), line)
            for p, line in zip(page.items, page.lines, strict=True)
        ],
    }


async def disputes(ctx: Ctx, **_: Any) -> dict[str, Any]:
    found = await meetings.disputed_in_scope(ctx.session, ctx.actor)
    return {
        "text": ctx.texts("pairs-disputes-title", count=len(found)),
        "links": [
            (MeetingCb(action="open", id=m.id).pack(), short(meeting_line(ctx.texts, m), 60))
            for m in found
        ],
    }
