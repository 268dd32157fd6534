"""What the windows of forming a pair show: the candidates from the services, the answers so
far. Every window asks again who is forming (roles can change mid-conversation)."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from aiogram_dialog import DialogManager

from bot.context import Ctx
from bot.i18n import Texts
from bot.services import catalog
from bot.services.flash.ranking import Reason
from bot.services.mentorship import forming, pairs
from bot.services.mentorship import suggestions as mentor_suggestions
from handlers.kit import day_bounds, paged
from handlers.kit.picks import chosen
from handlers.mentorship_ui import describe_mentorship, short
from handlers.pairing.states import mode_of
from models import Participant
from models.enums import MentoringForm
from models.mentorship import Mentorship, MentorshipMentee

MENTEES = "mentees"
MENTEE_PAGES = "mentee_pages"
MENTOR_PAGES = "mentor_pages"
LABEL = 60


def mode(ctx: Ctx, manager: DialogManager) -> str:
    return forming.check_mode(ctx.actor, mode_of(manager.current_context().state))


def mentee_ids(manager: DialogManager) -> list[int]:
    return [int(pid) for pid in manager.dialog_data.get("mentee_ids") or []]


async def today(ctx: Ctx) -> date:
    return await forming.today_for(ctx.session, ctx.clock, ctx.actor, ctx.participant)


def start_of(manager: DialogManager, today: date) -> date:
    start = manager.dialog_data.get("start")
    return date.fromisoformat(start) if start else today


def _proposer(ctx: Ctx, mode: str) -> Participant | None:
    return ctx.person if mode == forming.PROPOSE else None


async def forms(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    found = forming.forms(mode(ctx, dialog_manager))
    return {"items": [(f, ctx.texts(f"mentorship-form-{f}")) for f in found]}


async def mentees(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    way, data = mode(ctx, dialog_manager), dialog_manager.dialog_data
    form, search = str(data.get("form") or ""), str(data.get("search") or "")
    pool = await forming.mentee_pool(ctx.session, ctx.actor, _proposer(ctx, way), form, search)

    def label(person: Participant) -> str:
        return short(f"{person.full_name or '—'} — {person.organization.label}", LABEL)

    page, pager = await paged(dialog_manager, MENTEE_PAGES, pool, label)
    many = forming.is_multi(way, form)
    reverse = way == forming.PROPOSE and form == MentoringForm.reverse
    rows = zip(page.items, page.lines, strict=True)
    return {
        "items": [(str(person.id), line) for person, line in rows],
        "single": not many,
        "many": many,
        "reverse": reverse,
        "one": not many and not reverse,
        "marked": len(chosen(dialog_manager, MENTEES)) if many else 0,
        "search": escape(search),
        "nobody": not pool,
        **pager,
    }


def _reason_text(texts: Texts, reason: Reason) -> str:
    if reason.code == "topic_match":
        key = str(reason.params["topic"]).removeprefix("deficit:")
        return texts("pair-reason-topic", topic=texts(f"deficit-{key}"))
    if reason.code == "words_match":
        labels = []
        for term in reason.params.get("terms", []):
            if term in catalog.SUBJECTS:
                labels.append(texts(f"subject-{term}"))
            elif term in catalog.DEFICITS:
                labels.append(texts(f"deficit-{term}"))
        return texts("pair-reason-words", words=", ".join(labels) or "—")
    if reason.code == "free_slots":
        return texts("pair-reason-free", free=int(reason.params["free"]))
    if reason.code in ("same_organization", "same_municipality", "network"):
        return texts(f"pair-reason-{reason.code.replace('_', '-')}")
    return ""


async def suggestions(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    mode(ctx, dialog_manager)
    texts = ctx.texts
    found = await mentor_suggestions.suggest(ctx.session, ctx.actor, mentee_ids(dialog_manager))
    lines = [texts("pair-ask-mentor")]
    if not found:
        lines.append(texts("pair-no-suggestions"))
    items = []
    for index, item in enumerate(found, start=1):
        reasons = "; ".join(r for r in (_reason_text(texts, x) for x in item.reasons) if r)
        lines.append(
            texts(
                "pair-suggestion",
                index=index,
                name=escape(item.mentor.full_name or "—"),
                organization=escape(item.mentor.organization.label),
                reasons=reasons,
            )
        )
        items.append(
            (str(item.mentor.id), short(f"{index}. {item.mentor.full_name or '—'}", LABEL))
        )
    return {"suggestions": "\n".join(lines), "items": items}


async def all_mentors(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    mode(ctx, dialog_manager)
    search = str(dialog_manager.dialog_data.get("search") or "")
    pool = await pairs.mentor_candidates(ctx.session, ctx.actor, search)

    def label(row: tuple[Participant, int]) -> str:
        mentor, load = row
        return short(
            ctx.texts(
                "pair-mentor-row",
                name=mentor.full_name or "—",
                organization=mentor.organization.label,
                load=load,
                capacity=mentor.capacity,
            ),
            LABEL,
        )

    page, pager = await paged(dialog_manager, MENTOR_PAGES, pool, label)
    return {
        "items": [(str(row[0].id), line) for row, line in zip(page.items, page.lines, strict=True)],
        "search": escape(search),
        "nobody": not pool,
        **pager,
    }


async def elements(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    mode(ctx, dialog_manager)
    return {"items": [(e, ctx.texts(f"mentorship-element-{e}")) for e in forming.ELEMENTS]}


async def role_models(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    mode(ctx, dialog_manager)
    return {"items": [(r, ctx.texts(f"mentorship-role-model-{r}")) for r in forming.ROLE_MODELS]}


async def start(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    mode(ctx, dialog_manager)
    now = await today(ctx)
    labels = {"today": "pair-start-today", "monday": "pair-start-monday"}
    labels["sep1"] = "pair-start-september"
    return {
        "items": [(value, ctx.texts(labels[value])) for value in forming.QUICK_STARTS],
        "days": day_bounds(*forming.start_bounds(now), now),
    }


async def end(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    mode(ctx, dialog_manager)
    now = await today(ctx)
    items = [(str(n), ctx.texts("pair-end-months", months=n)) for n in forming.QUICK_END_MONTHS]
    items.append(("may31", ctx.texts("pair-end-may")))
    return {
        "items": items,
        "days": day_bounds(*forming.end_bounds(start_of(dialog_manager, now)), now),
    }


async def summary(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    way, data, texts = mode(ctx, dialog_manager), dialog_manager.dialog_data, ctx.texts
    mentor_id = int(data.get("mentor_id") or 0)
    ids = mentee_ids(dialog_manager)
    # A transient preview for the shared description; it is never added to the session.
    preview = Mentorship(
        mentor_id=mentor_id,
        form=str(data.get("form")),
        model_element=str(data.get("element")),
        role_model=str(data.get("role_model")),
        started_on=date.fromisoformat(data["start"]) if data.get("start") else None,
        planned_end_on=date.fromisoformat(data["end"]) if data.get("end") else None,
    )
    preview.mentees = [MentorshipMentee(participant_id=pid) for pid in ids]
    names = await pairs.people(ctx.session, [mentor_id, *ids])
    lines = [texts("pair-summary-title"), describe_mentorship(texts, preview, names)]
    mentor = names.get(mentor_id)
    if mentor is not None:
        load = await pairs.load_of(ctx.session, mentor.id) + len(ids)
        if load > mentor.capacity:
            lines.append(texts("pair-over-capacity", load=load, capacity=mentor.capacity))
    lines.append(texts("pair-propose-note" if way == forming.PROPOSE else "pair-create-note"))
    return {"summary": "\n".join(lines)}
