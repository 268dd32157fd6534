"""The launch wizard: a template, its audience (the shared picker), then a campaign's dates
or a schedule's months and duration, and the confirmation. What a press does, and what each
step shows; the services check every answer as it comes (a day in the past is refused at
its step, not at the end).

The draft lives in the dialog's data: mode (c: a campaign, s: a schedule), template, spec,
opens, closes, days; the schedule's months are its checklist's marks."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager

from bot.context import Ctx
from bot.services import audience
from bot.services.audience import AudienceSpec
from bot.services.errors import InvalidInput
from bot.services.surveys import campaigns, schedules
from bot.services.surveys.campaigns import (
    MAX_CAMPAIGN_DAYS,
    MAX_OPENS_AHEAD_DAYS,
    ReminderPolicy,
)
from bot.services.surveys.render import esc, short
from bot.services.surveys.templates import SurveyTemplate
from handlers.campaigns.common import library_of, reminders_text
from handlers.campaigns.states import LaunchSG
from handlers.kit import day_bounds
from handlers.kit.audience import AudienceAsk, AudienceSG, chosen_audience
from handlers.kit.context import ctx_of
from handlers.kit.picks import choose, chosen, stale

OPEN_OFFSETS = (0, 1, 7)  # today, tomorrow, in a week
DURATIONS = (7, 14, 30)
MONTHS = tuple(range(1, 13))


def _schedule(manager: DialogManager) -> bool:
    return manager.dialog_data.get("mode") == "s"


def _template(manager: DialogManager) -> SurveyTemplate:
    return library_of(manager).get(str(manager.dialog_data.get("template", "")))


def _spec(manager: DialogManager) -> AudienceSpec:
    return AudienceSpec.from_json(manager.dialog_data.get("spec"))


def _day(manager: DialogManager, name: str) -> date:
    return date.fromisoformat(manager.dialog_data[name])


def _today(ctx: Ctx) -> date:
    return campaigns.local_today(ctx.clock, ctx.zone)


async def on_start(start_data: Any, manager: DialogManager) -> None:
    ctx_of(manager).actor.require_coordinator()
    data = start_data if isinstance(start_data, dict) else {}
    manager.dialog_data["mode"] = "s" if data.get("mode") == "s" else "c"


# --- the template and the audience --------------------------------------------------------------


async def templates(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    texts = ctx.texts
    items = [
        (
            template.id,
            texts(
                "campaign-template-row",
                title=short(template.label(texts.lang), 50),
                kind=texts("campaign-anonymous" if template.anonymous else "campaign-named"),
            ),
        )
        for template in library_of(dialog_manager)
    ]
    return {"items": items}


async def audience_ask(manager: DialogManager) -> AudienceAsk:
    """The picker on the draft's audience, over the template step (its Back shows that)."""
    template = _template(manager)
    return AudienceAsk(
        spec=_spec(manager),
        summary="campaign-audience",
        params={"title": esc(template.label(ctx_of(manager).texts.lang))},
        next="btn-campaign-next",
        empty=None if _schedule(manager) else "survey-audience-empty",
        back=True,
        everyone=False,
    )


async def pick_template(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    ctx_of(manager).actor.require_coordinator()
    template = library_of(manager).find(key)
    if template is None:
        raise stale()
    manager.dialog_data.update(
        template=template.id, spec=campaigns.default_spec(template).to_json()
    )
    await manager.start(AudienceSG.main, data=(await audience_ask(manager)).to_data())


async def on_audience(_: Any, result: Any, manager: DialogManager) -> None:
    """The picker closed: with an audience, on to the dates (or a schedule's months); Back
    leaves the template step shown, Cancel closes the wizard too, right after."""
    spec = chosen_audience(result)
    if spec is None:
        return
    manager.dialog_data["spec"] = spec.to_json()
    if not _schedule(manager):
        await manager.switch_to(LaunchSG.opens)
        return
    if not manager.dialog_data.get("months_shown"):  # the first time: the usual two rounds
        manager.dialog_data["months_shown"] = True
        await choose(manager, "months", [str(m) for m in schedules.DEFAULT_MONTHS])
    await manager.switch_to(LaunchSG.months)


# --- a campaign's dates -------------------------------------------------------------------------


async def opens_step(ctx: Ctx, **_: Any) -> dict[str, Any]:
    today = _today(ctx)
    quick = [(str(d), ctx.texts(f"btn-campaign-opens-{d}")) for d in OPEN_OFFSETS]
    return {
        "items": quick,
        "days": day_bounds(today, today + timedelta(days=MAX_OPENS_AHEAD_DAYS), today),
    }


async def opens_day(_: CallbackQuery | Message, day: date, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    campaigns.campaign_window(ctx.clock.now(), ctx.zone, day, day)  # a past day is refused
    manager.dialog_data["opens"] = day.isoformat()
    await manager.switch_to(LaunchSG.closes)


async def opens_quick(callback: CallbackQuery, key: str, manager: DialogManager) -> None:
    if key not in {str(d) for d in OPEN_OFFSETS}:
        raise stale()
    await opens_day(callback, _today(ctx_of(manager)) + timedelta(days=int(key)), manager)


async def closes_step(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    opens_on = _day(dialog_manager, "opens")
    quick = [
        (
            str(days),
            ctx.texts(
                "btn-campaign-closes-after",
                days=days,
                date=(opens_on + timedelta(days=days - 1)).strftime("%d.%m"),
            ),
        )
        for days in DURATIONS
    ]
    last = opens_on + timedelta(days=MAX_CAMPAIGN_DAYS - 1)
    return {
        "opens": opens_on.strftime("%d.%m.%Y"),
        "items": quick,
        "days": day_bounds(opens_on, last, _today(ctx)),
    }


async def closes_day(_: CallbackQuery | Message, day: date, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    campaigns.campaign_window(ctx.clock.now(), ctx.zone, _day(manager, "opens"), day)
    manager.dialog_data["closes"] = day.isoformat()
    await manager.switch_to(LaunchSG.confirm)


async def closes_quick(callback: CallbackQuery, key: str, manager: DialogManager) -> None:
    if key not in {str(d) for d in DURATIONS}:
        raise stale()
    await closes_day(callback, _day(manager, "opens") + timedelta(days=int(key) - 1), manager)


# --- a schedule's months and duration ---------------------------------------------------------


async def months_step(ctx: Ctx, **_: Any) -> dict[str, Any]:
    return {"items": [(str(m), ctx.texts(f"survey-month-{m}")) for m in MONTHS]}


async def month_ticked(_: CallbackQuery, key: str, __: DialogManager) -> None:
    if key not in {str(m) for m in MONTHS}:
        raise stale()  # and the mark rolls back


def _months(manager: DialogManager) -> list[int]:
    return sorted(int(m) for m in chosen(manager, "months") if m in {str(n) for n in MONTHS})


async def months_done(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    if not _months(manager):
        raise InvalidInput("survey-schedule-no-months")
    await manager.switch_to(LaunchSG.duration)


async def duration_step(ctx: Ctx, **_: Any) -> dict[str, Any]:
    items = [(str(d), ctx.texts("btn-schedule-duration", days=d)) for d in schedules.DURATIONS]
    return {"items": items}


async def pick_duration(_: CallbackQuery, key: str, manager: DialogManager) -> None:
    if key not in {str(d) for d in schedules.DURATIONS}:
        raise stale()
    manager.dialog_data["days"] = int(key)
    await manager.switch_to(LaunchSG.confirm)


# --- the confirmation ---------------------------------------------------------------------------


def confirm_back(manager: DialogManager) -> State:
    return LaunchSG.duration if _schedule(manager) else LaunchSG.closes


async def confirm_step(ctx: Ctx, dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    texts = ctx.texts
    template, spec = _template(dialog_manager), _spec(dialog_manager)
    common = {
        "title": esc(template.label(texts.lang)),
        "version": template.version,
        "kind": texts("campaign-anonymous" if template.anonymous else "campaign-named"),
        "count": await campaigns.preview(ctx.session, ctx.actor, spec),
        **await audience.described(ctx.session, ctx.actor, texts, spec),
    }
    if _schedule(dialog_manager):
        text = texts(
            "schedule-confirm",
            months=", ".join(texts(f"survey-month-{m}") for m in _months(dialog_manager)),
            days=dialog_manager.dialog_data["days"],
            **common,
        )
    else:
        text = texts(
            "campaign-confirm",
            opens=_day(dialog_manager, "opens").strftime("%d.%m.%Y"),
            closes=_day(dialog_manager, "closes").strftime("%d.%m.%Y"),
            reminders=reminders_text(texts, ReminderPolicy.of(ctx.settings)),
            **common,
        )
    return {"text": text}


async def launch(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    """The campaign (or the schedule) is made; the list's dialog shows what was made."""
    ctx = ctx_of(manager)
    template, spec = _template(manager), _spec(manager)
    if _schedule(manager):
        schedule = await schedules.create_schedule(
            ctx.session,
            ctx.clock,
            ctx.actor,
            template,
            spec,
            _months(manager),
            int(manager.dialog_data["days"]),
            ctx.zone,
        )
        await manager.done({"schedule": schedule.id})
        return
    campaign = await campaigns.launch(
        ctx.session,
        ctx.clock,
        ctx.actor,
        template,
        spec,
        _day(manager, "opens"),
        _day(manager, "closes"),
        ctx.zone,
    )
    await manager.done({"campaign": campaign.id})
