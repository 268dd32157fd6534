"""/campaigns: a coordinator launches a survey campaign (or a periodic schedule) to an audience
of their scope, with a preview of its size, and follows each campaign on its card."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Texts
from bot.services import catalog, dates, directory
from bot.services.access import Actor
from bot.services.audience import AudienceSpec
from bot.services.errors import InvalidInput
from bot.services.numbers import parse_id
from bot.services.surveys import callbacks, campaigns, schedules
from bot.services.surveys.campaigns import ReminderPolicy
from bot.services.surveys.library import TemplateLibrary, library_at
from bot.services.surveys.render import closes_text, esc, local_date, short
from bot.services.surveys.responding import template_of
from bot.settings import Settings
from handlers.callback_fields import OptionalId
from handlers.ui import button, edit_or_send, grid, local_time, markup
from models.enums import CampaignStatus, MentoringForm, Role, ScopeLevel
from models.survey import SurveyCampaign

router = Router(name=__name__)
router.message.filter(F.chat.type == "private")

OPEN_OFFSETS = (0, 1, 7)
DURATIONS = (7, 14, 30)
ORG_PAGE = 8
ROLES = (Role.mentee, Role.mentor, Role.coordinator)
FORMS = tuple(form.value for form in MentoringForm)
# Audience fields: short code in button data -> AudienceSpec attribute.
FIELDS = {
    "r": "roles",
    "c": "categories",
    "f": "forms",
    "m": "municipality_ids",
    "o": "organization_ids",
}


class CampaignSG(StatesGroup):
    template = State()
    audience = State()
    opens = State()
    closes = State()
    months = State()
    duration = State()
    confirm = State()


class CampaignCb(CallbackData, prefix=callbacks.CAMPAIGN):
    """a: ls (list page i) | op (card i, breakdown v) | new | nsc (new schedule) | tpl (v)
    | aud | ax (audience field v, page i) | at (toggle v="field.value") | nx | od (opens in v
    days) | cd (closes after v days) | mo (month v) | mdn | du (v days) | go | bk (step v)
    | x (cancel) | cl (close i) | cly (confirm close i) | sch | sst (stop schedule i)."""

    a: str
    i: OptionalId = 0
    v: str = ""


def library_of(survey_library: TemplateLibrary | None) -> TemplateLibrary:
    # The app factory loads the library at start-up (a broken template stops it there); a
    # dispatcher built without it (another feature's tests) loads it on first use.
    return survey_library if survey_library is not None else library_at()


def default_breakdown(actor: Actor) -> str:
    """Municipalities for a regional view, organizations for a municipal one, none for a
    school (it is one organization)."""
    levels = {scope.level for scope in actor.scopes}
    if actor.is_admin or ScopeLevel.region in levels:
        return "m"
    if ScopeLevel.municipality in levels:
        return "o"
    return "n"


# --- the list and the card ------------------------------------------------------------------


async def _list_screen(
    session: AsyncSession, actor: Actor, texts: Texts, lang: str, zone: ZoneInfo, page: int
) -> tuple[str, InlineKeyboardMarkup]:
    found = await campaigns.list_visible(session, actor, page)
    lines = [texts("campaigns-title", total=found.total, page=found.page + 1, pages=found.pages)]
    rows: list[list[InlineKeyboardButton]] = []
    for campaign in found.items:
        template = template_of(campaign)
        label = texts(
            "campaigns-row",
            status=texts(f"campaign-icon-{campaign.status}"),
            title=short(template.label(lang), 40),
            opens=local_date(campaign.opens_at, zone),
        )
        rows.append([button(label, CampaignCb(a="op", i=campaign.id))])
    if not found.items:
        lines.append(texts("campaigns-empty"))
    paging = []
    if found.page > 0:
        paging.append(button("◀", CampaignCb(a="ls", i=found.page - 1)))
    if found.page < found.pages - 1:
        paging.append(button("▶", CampaignCb(a="ls", i=found.page + 1)))
    rows.append(paging)
    rows.append(
        [
            button(texts("btn-campaign-new"), CampaignCb(a="new")),
            button(texts("btn-campaign-schedules"), CampaignCb(a="sch")),
        ]
    )
    return "\n".join(lines), markup(rows)


@router.message(Command("campaigns"))
async def cmd_campaigns(
    message: Message,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    lang: str,
    zone: ZoneInfo,
    state: FSMContext,
) -> None:
    actor.require_coordinator()
    if await state.get_state() in {s.state for s in CampaignSG.__all_states__}:
        await state.clear()  # /campaigns again starts afresh
    text, keyboard = await _list_screen(session, actor, texts, lang, zone, 0)
    await message.answer(text, reply_markup=keyboard)


@router.callback_query(CampaignCb.filter(F.a == "ls"))
async def on_list(
    callback: CallbackQuery,
    callback_data: CampaignCb,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    lang: str,
    zone: ZoneInfo,
) -> None:
    text, keyboard = await _list_screen(session, actor, texts, lang, zone, callback_data.i)
    await callback.answer()
    await edit_or_send(callback, text, keyboard)


def reminders_text(texts: Texts, policy: ReminderPolicy) -> str:
    if policy.limit == 0:
        return texts("campaign-reminders-off")
    return texts("campaign-reminders", days=policy.every.days, times=policy.limit)


async def card_screen(
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    lang: str,
    zone: ZoneInfo,
    campaign: SurveyCampaign,
    breakdown: str,
    reminders: ReminderPolicy,
) -> tuple[str, InlineKeyboardMarkup]:
    template = template_of(campaign)
    counts = await campaigns.counts_in_scope(session, actor, campaign)
    lines = [
        texts(
            "campaign-card",
            title=esc(template.label(lang)),
            version=campaign.template_version,
            kind=texts("campaign-anonymous" if campaign.anonymous else "campaign-named"),
            status=texts(f"campaign-status-{campaign.status}"),
            opens=local_time(campaign.opens_at, zone),
            closes=closes_text(campaign, zone),
        )
    ]
    if campaign.status == CampaignStatus.scheduled:
        lines.append(texts("campaign-card-preview", count=campaign.audience_size))
    else:
        lines.append(
            texts(
                "campaign-card-counts",
                invited=counts.invited,
                submitted=counts.submitted,
                percent=round(100 * (counts.rate or 0)),
                in_progress=counts.in_progress,
            )
        )
    if campaign.status != CampaignStatus.closed:
        lines.append(reminders_text(texts, reminders))
    rows: list[list[InlineKeyboardButton]] = []
    if campaign.status != CampaignStatus.scheduled:
        rows.append(
            [
                button(
                    texts("btn-campaign-results"), CampaignCb(a="res", i=campaign.id, v=breakdown)
                ),
                button(texts("btn-campaign-xlsx"), CampaignCb(a="xl", i=campaign.id, v=breakdown)),
                button(
                    texts("btn-campaign-charts"), CampaignCb(a="pn", i=campaign.id, v=breakdown)
                ),
            ]
        )
        rows.append(
            [
                button(
                    ("• " if breakdown == code else "") + texts(f"btn-campaign-breakdown-{code}"),
                    CampaignCb(a="op", i=campaign.id, v=code),
                )
                for code in ("m", "o", "n")
            ]
        )
    if campaign.status != CampaignStatus.closed and (
        actor.is_admin or campaign.created_by == actor.participant_id
    ):
        rows.append([button(texts("btn-campaign-close"), CampaignCb(a="cl", i=campaign.id))])
    rows.append([button(texts("btn-campaign-list"), CampaignCb(a="ls"))])
    return "\n".join(lines), markup(rows)


@router.callback_query(CampaignCb.filter(F.a == "op"))
async def on_card(
    callback: CallbackQuery,
    callback_data: CampaignCb,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    lang: str,
    zone: ZoneInfo,
    settings: Settings,
) -> None:
    campaign = await campaigns.get_visible(session, actor, callback_data.i)
    breakdown = callback_data.v if callback_data.v in ("m", "o", "n") else default_breakdown(actor)
    text, keyboard = await card_screen(
        session, actor, texts, lang, zone, campaign, breakdown, ReminderPolicy.of(settings)
    )
    await callback.answer()
    await edit_or_send(callback, text, keyboard)


@router.callback_query(CampaignCb.filter(F.a == "cl"))
async def on_close_ask(
    callback: CallbackQuery,
    callback_data: CampaignCb,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    lang: str,
) -> None:
    campaign = await campaigns.get_visible(session, actor, callback_data.i)
    await callback.answer()
    await edit_or_send(
        callback,
        texts("campaign-close-ask", title=esc(template_of(campaign).label(lang))),
        markup(
            [
                [button(texts("btn-campaign-close-yes"), CampaignCb(a="cly", i=campaign.id))],
                [button(texts("btn-back"), CampaignCb(a="op", i=campaign.id))],
            ]
        ),
    )


@router.callback_query(CampaignCb.filter(F.a == "cly"))
async def on_close(
    callback: CallbackQuery,
    callback_data: CampaignCb,
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    texts: Texts,
    lang: str,
    zone: ZoneInfo,
    settings: Settings,
) -> None:
    campaign = await campaigns.close_now(session, clock, actor, callback_data.i)
    await callback.answer(texts("campaign-closed-now"))
    text, keyboard = await card_screen(
        session,
        actor,
        texts,
        lang,
        zone,
        campaign,
        default_breakdown(actor),
        ReminderPolicy.of(settings),
    )
    await edit_or_send(callback, text, keyboard)


# --- the wizard: template and audience ------------------------------------------------------


async def _in_wizard(state: FSMContext) -> dict[str, Any]:
    if await state.get_state() not in {s.state for s in CampaignSG.__all_states__}:
        raise InvalidInput("error-stale-button")
    return await state.get_data()


def _nav(texts: Texts, back: str | None) -> list[InlineKeyboardButton]:
    row = []
    if back is not None:
        row.append(button(texts("btn-back"), CampaignCb(a="bk", v=back)))
    row.append(button(texts("btn-cancel"), CampaignCb(a="x")))
    return row


@router.callback_query(CampaignCb.filter(F.a.in_({"new", "nsc"})))
async def on_new(
    callback: CallbackQuery,
    callback_data: CampaignCb,
    actor: Actor,
    texts: Texts,
    lang: str,
    state: FSMContext,
    survey_library: TemplateLibrary | None = None,
) -> None:
    actor.require_coordinator()
    await state.set_state(CampaignSG.template)
    await state.set_data({"mode": "s" if callback_data.a == "nsc" else "c"})
    await callback.answer()
    await _ask_template(callback, texts, lang, library_of(survey_library))


async def _ask_template(
    callback: CallbackQuery, texts: Texts, lang: str, library: TemplateLibrary
) -> None:
    rows = [
        [
            button(
                texts(
                    "campaign-template-row",
                    title=short(template.label(lang), 50),
                    kind=texts("campaign-anonymous" if template.anonymous else "campaign-named"),
                ),
                CampaignCb(a="tpl", v=template.id),
            )
        ]
        for template in library
    ]
    await edit_or_send(callback, texts("campaign-ask-template"), markup([*rows, _nav(texts, None)]))


@router.callback_query(CampaignSG.template, CampaignCb.filter(F.a == "tpl"))
async def on_template(
    callback: CallbackQuery,
    callback_data: CampaignCb,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    lang: str,
    state: FSMContext,
    survey_library: TemplateLibrary | None = None,
) -> None:
    actor.require_coordinator()
    template = library_of(survey_library).get(callback_data.v)
    spec = campaigns.default_spec(template)
    await state.update_data(template=template.id, spec=spec.to_json())
    await state.set_state(CampaignSG.audience)
    await callback.answer()
    await _show_audience(callback, session, actor, texts, lang, state, survey_library)


async def _spec(state: FSMContext) -> AudienceSpec:
    return AudienceSpec.from_json((await state.get_data()).get("spec"))


async def _values_text(
    session: AsyncSession, actor: Actor, texts: Texts, spec: AudienceSpec
) -> dict[str, str]:
    def listed(prefix: str, values: frozenset[str]) -> str:
        return ", ".join(texts(f"{prefix}-{v}") for v in sorted(values)) or texts(
            "campaign-audience-any"
        )

    munis = {m.id: m.name for m in await directory.municipalities_in_scope(session, actor)}
    orgs = {o.id: o.label for o in await directory.organizations_in_scope(session, actor)}
    return {
        "roles": listed("role", spec.roles),
        "categories": listed("category", spec.categories),
        "forms": listed("survey-form", spec.forms),
        "municipalities": ", ".join(
            esc(munis.get(i, str(i))) for i in sorted(spec.municipality_ids)
        )
        or texts("campaign-audience-any"),
        "organizations": ", ".join(esc(orgs.get(i, str(i))) for i in sorted(spec.organization_ids))
        or texts("campaign-audience-any"),
    }


async def _show_audience(
    callback: CallbackQuery,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    lang: str,
    state: FSMContext,
    survey_library: TemplateLibrary | None,
) -> None:
    data = await state.get_data()
    template = library_of(survey_library).get(data["template"])
    spec = AudienceSpec.from_json(data.get("spec"))
    count = await campaigns.preview(session, actor, spec)
    values = await _values_text(session, actor, texts, spec)
    rows = [
        [
            button(texts("btn-campaign-audience-roles"), CampaignCb(a="ax", v="r")),
            button(texts("btn-campaign-audience-categories"), CampaignCb(a="ax", v="c")),
        ],
        [button(texts("btn-campaign-audience-forms"), CampaignCb(a="ax", v="f"))],
    ]
    if len(await directory.municipalities_in_scope(session, actor)) > 1:
        rows[1].append(
            button(texts("btn-campaign-audience-municipalities"), CampaignCb(a="ax", v="m"))
        )
    if len(await directory.organizations_in_scope(session, actor)) > 1:
        rows[1].append(
            button(texts("btn-campaign-audience-organizations"), CampaignCb(a="ax", v="o"))
        )
    rows.append([button(texts("btn-campaign-next"), CampaignCb(a="nx"))])
    rows.append(_nav(texts, "template"))
    await edit_or_send(
        callback,
        texts("campaign-audience", title=esc(template.label(lang)), count=count, **values),
        markup(rows),
    )


async def _choices(
    session: AsyncSession, actor: Actor, texts: Texts, field: str, spec: AudienceSpec, page: int
) -> tuple[list[tuple[str, str]], int, int]:
    """(value, label) of one audience field, the page shown and the number of pages."""
    if field == "r":
        return [(r, texts(f"role-{r}")) for r in ROLES], 0, 1
    if field == "c":
        return [(c, texts(f"category-{c}")) for c in catalog.CATEGORIES], 0, 1
    if field == "f":
        return [(f, texts(f"survey-form-{f}")) for f in FORMS], 0, 1
    if field == "m":
        munis = await directory.municipalities_in_scope(session, actor)
        return [(str(m.id), m.name) for m in munis], 0, 1
    orgs = await directory.organizations_in_scope(session, actor)
    if spec.municipality_ids:
        orgs = [o for o in orgs if o.municipality_id in spec.municipality_ids]
    pages = max(1, -(-len(orgs) // ORG_PAGE))
    page = min(max(page, 0), pages - 1)
    shown = orgs[page * ORG_PAGE : (page + 1) * ORG_PAGE]
    return [(str(o.id), o.label) for o in shown], page, pages


def _chosen(spec: AudienceSpec, field: str) -> set[str]:
    return {str(value) for value in getattr(spec, FIELDS[field])}


async def _show_field(
    callback: CallbackQuery,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    state: FSMContext,
    field: str,
    page: int,
) -> None:
    spec = await _spec(state)
    options, page, pages = await _choices(session, actor, texts, field, spec, page)
    chosen = _chosen(spec, field)
    buttons = [
        button(
            ("✅ " if value in chosen else "") + label,
            CampaignCb(a="at", i=page, v=f"{field}.{value}"),
        )
        for value, label in options
    ]
    rows = grid(buttons, width=1 if field == "o" else 2)
    paging = []
    if page > 0:
        paging.append(button("◀", CampaignCb(a="ax", i=page - 1, v=field)))
    if page < pages - 1:
        paging.append(button("▶", CampaignCb(a="ax", i=page + 1, v=field)))
    rows.append(paging)
    rows.append([button(texts("btn-campaign-audience-done"), CampaignCb(a="aud"))])
    await edit_or_send(
        callback,
        texts("campaign-audience-pick", field=texts(f"campaign-field-{field}")),
        markup(rows),
    )


@router.callback_query(CampaignSG.audience, CampaignCb.filter(F.a == "ax"))
async def on_field(
    callback: CallbackQuery,
    callback_data: CampaignCb,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    state: FSMContext,
) -> None:
    if callback_data.v not in FIELDS:
        raise InvalidInput("error-stale-button")
    await callback.answer()
    await _show_field(callback, session, actor, texts, state, callback_data.v, callback_data.i)


@router.callback_query(CampaignSG.audience, CampaignCb.filter(F.a == "at"))
async def on_toggle(
    callback: CallbackQuery,
    callback_data: CampaignCb,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    state: FSMContext,
) -> None:
    field, _, value = callback_data.v.partition(".")
    if field not in FIELDS:
        raise InvalidInput("error-stale-button")
    spec = await _spec(state)
    data = spec.to_json()
    current = set(data[FIELDS[field]])
    typed: Any = parse_id(value) if field in ("m", "o") else value
    if typed is None:  # a municipality or organization id that is no id
        raise InvalidInput("error-stale-button")
    current.symmetric_difference_update({typed})
    data[FIELDS[field]] = sorted(current)
    updated = AudienceSpec.from_json(data)  # unknown roles, categories, forms: refused
    await campaigns.preview(session, actor, updated)  # organizations outside the scope: refused
    await state.update_data(spec=updated.to_json())
    await callback.answer()
    await _show_field(callback, session, actor, texts, state, field, callback_data.i)


@router.callback_query(CampaignSG.audience, CampaignCb.filter(F.a == "aud"))
async def on_audience(
    callback: CallbackQuery,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    lang: str,
    state: FSMContext,
    survey_library: TemplateLibrary | None = None,
) -> None:
    await callback.answer()
    await _show_audience(callback, session, actor, texts, lang, state, survey_library)


@router.callback_query(CampaignSG.audience, CampaignCb.filter(F.a == "nx"))
async def on_audience_next(
    callback: CallbackQuery,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    state: FSMContext,
) -> None:
    data = await state.get_data()
    spec = AudienceSpec.from_json(data.get("spec"))
    count = await campaigns.preview(session, actor, spec)
    if data.get("mode") == "s":
        await callback.answer()
        if "months" not in data:
            await state.update_data(months=list(schedules.DEFAULT_MONTHS))
        await _ask_months(callback, texts, state)
        return
    if count == 0:
        raise InvalidInput("survey-audience-empty")
    await callback.answer()
    await _ask_opens(callback, texts, state)


# --- the wizard: dates of a campaign --------------------------------------------------------


async def _ask_opens(
    callback: CallbackQuery | None, texts: Texts, state: FSMContext, message: Message | None = None
) -> None:
    await state.set_state(CampaignSG.opens)
    keyboard = markup(
        [
            [
                button(texts(f"btn-campaign-opens-{days}"), CampaignCb(a="od", v=str(days)))
                for days in OPEN_OFFSETS
            ],
            _nav(texts, "audience"),
        ]
    )
    await _screen(callback, message, texts("campaign-ask-opens"), keyboard)


async def _screen(
    callback: CallbackQuery | None,
    message: Message | None,
    text: str,
    keyboard: InlineKeyboardMarkup,
) -> None:
    if callback is not None:
        await edit_or_send(callback, text, keyboard)
    elif message is not None:
        await message.answer(text, reply_markup=keyboard)


async def _set_opens(state: FSMContext, opens_on: date, clock: Clock, zone: ZoneInfo) -> None:
    # Checked now, so that a date in the past is refused at this step, not at the end.
    campaigns.campaign_window(clock.now(), zone, opens_on, opens_on)
    await state.update_data(opens=opens_on.isoformat())


@router.callback_query(CampaignSG.opens, CampaignCb.filter(F.a == "od"))
async def on_opens_button(
    callback: CallbackQuery,
    callback_data: CampaignCb,
    clock: Clock,
    texts: Texts,
    zone: ZoneInfo,
    state: FSMContext,
) -> None:
    if callback_data.v not in {str(d) for d in OPEN_OFFSETS}:
        raise InvalidInput("error-stale-button")
    today = campaigns.local_today(clock, zone)
    await _set_opens(state, today + timedelta(days=int(callback_data.v)), clock, zone)
    await callback.answer()
    await _ask_closes(callback, None, texts, state, zone)


@router.message(CampaignSG.opens, F.text, ~F.text.startswith("/"))
async def on_opens_typed(
    message: Message, clock: Clock, texts: Texts, zone: ZoneInfo, state: FSMContext
) -> None:
    opens_on = dates.parse_day(message.text, campaigns.local_today(clock, zone), future=True)
    await _set_opens(state, opens_on, clock, zone)
    await _ask_closes(None, message, texts, state, zone)


async def _ask_closes(
    callback: CallbackQuery | None,
    message: Message | None,
    texts: Texts,
    state: FSMContext,
    zone: ZoneInfo,
) -> None:
    await state.set_state(CampaignSG.closes)
    opens_on = date.fromisoformat((await state.get_data())["opens"])
    keyboard = markup(
        [
            [
                button(
                    texts(
                        "btn-campaign-closes-after",
                        days=days,
                        date=(opens_on + timedelta(days=days - 1)).strftime("%d.%m"),
                    ),
                    CampaignCb(a="cd", v=str(days)),
                )
                for days in DURATIONS
            ],
            _nav(texts, "opens"),
        ]
    )
    await _screen(
        callback,
        message,
        texts("campaign-ask-closes", opens=opens_on.strftime("%d.%m.%Y")),
        keyboard,
    )


async def _set_closes(state: FSMContext, closes_on: date, clock: Clock, zone: ZoneInfo) -> None:
    opens_on = date.fromisoformat((await state.get_data())["opens"])
    campaigns.campaign_window(clock.now(), zone, opens_on, closes_on)
    await state.update_data(closes=closes_on.isoformat())


@router.callback_query(CampaignSG.closes, CampaignCb.filter(F.a == "cd"))
async def on_closes_button(
    callback: CallbackQuery,
    callback_data: CampaignCb,
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    texts: Texts,
    lang: str,
    zone: ZoneInfo,
    state: FSMContext,
    settings: Settings,
    survey_library: TemplateLibrary | None = None,
) -> None:
    if callback_data.v not in {str(d) for d in DURATIONS}:
        raise InvalidInput("error-stale-button")
    opens_on = date.fromisoformat((await state.get_data())["opens"])
    await _set_closes(state, opens_on + timedelta(days=int(callback_data.v) - 1), clock, zone)
    await callback.answer()
    await _confirm(
        callback,
        None,
        session,
        actor,
        texts,
        lang,
        state,
        survey_library,
        ReminderPolicy.of(settings),
    )


@router.message(CampaignSG.closes, F.text, ~F.text.startswith("/"))
async def on_closes_typed(
    message: Message,
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    texts: Texts,
    lang: str,
    zone: ZoneInfo,
    state: FSMContext,
    settings: Settings,
    survey_library: TemplateLibrary | None = None,
) -> None:
    closes_on = dates.parse_day(message.text, campaigns.local_today(clock, zone), future=True)
    await _set_closes(state, closes_on, clock, zone)
    await _confirm(
        None,
        message,
        session,
        actor,
        texts,
        lang,
        state,
        survey_library,
        ReminderPolicy.of(settings),
    )


# --- the wizard: months of a schedule -------------------------------------------------------


async def _ask_months(callback: CallbackQuery, texts: Texts, state: FSMContext) -> None:
    await state.set_state(CampaignSG.months)
    chosen = set((await state.get_data()).get("months", []))
    months = [
        button(
            ("✅ " if month in chosen else "") + texts(f"survey-month-{month}"),
            CampaignCb(a="mo", v=str(month)),
        )
        for month in range(1, 13)
    ]
    await edit_or_send(
        callback,
        texts("schedule-ask-months"),
        markup(
            [
                *grid(months, width=3),
                [button(texts("btn-campaign-next"), CampaignCb(a="mdn"))],
                _nav(texts, "audience"),
            ]
        ),
    )


@router.callback_query(CampaignSG.months, CampaignCb.filter(F.a == "mo"))
async def on_month(
    callback: CallbackQuery, callback_data: CampaignCb, texts: Texts, state: FSMContext
) -> None:
    if callback_data.v not in {str(m) for m in range(1, 13)}:
        raise InvalidInput("error-stale-button")
    chosen = set((await state.get_data()).get("months", []))
    chosen.symmetric_difference_update({int(callback_data.v)})
    await state.update_data(months=sorted(chosen))
    await callback.answer()
    await _ask_months(callback, texts, state)


@router.callback_query(CampaignSG.months, CampaignCb.filter(F.a == "mdn"))
async def on_months_done(callback: CallbackQuery, texts: Texts, state: FSMContext) -> None:
    if not (await state.get_data()).get("months"):
        raise InvalidInput("survey-schedule-no-months")
    await state.set_state(CampaignSG.duration)
    await callback.answer()
    await edit_or_send(
        callback,
        texts("schedule-ask-duration"),
        markup(
            [
                grid(
                    [
                        button(
                            texts("btn-schedule-duration", days=days),
                            CampaignCb(a="du", v=str(days)),
                        )
                        for days in schedules.DURATIONS
                    ],
                    width=4,
                )[0],
                _nav(texts, "months"),
            ]
        ),
    )


@router.callback_query(CampaignSG.duration, CampaignCb.filter(F.a == "du"))
async def on_duration(
    callback: CallbackQuery,
    callback_data: CampaignCb,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    lang: str,
    state: FSMContext,
    settings: Settings,
    survey_library: TemplateLibrary | None = None,
) -> None:
    if callback_data.v not in {str(d) for d in schedules.DURATIONS}:
        raise InvalidInput("error-stale-button")
    await state.update_data(days=int(callback_data.v))
    await callback.answer()
    await _confirm(
        callback,
        None,
        session,
        actor,
        texts,
        lang,
        state,
        survey_library,
        ReminderPolicy.of(settings),
    )


# --- the wizard: confirmation ---------------------------------------------------------------


async def _confirm(
    callback: CallbackQuery | None,
    message: Message | None,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    lang: str,
    state: FSMContext,
    survey_library: TemplateLibrary | None,
    reminders: ReminderPolicy,
) -> None:
    await state.set_state(CampaignSG.confirm)
    data = await state.get_data()
    template = library_of(survey_library).get(data["template"])
    spec = AudienceSpec.from_json(data.get("spec"))
    count = await campaigns.preview(session, actor, spec)
    values = await _values_text(session, actor, texts, spec)
    common = {
        "title": esc(template.label(lang)),
        "version": template.version,
        "kind": texts("campaign-anonymous" if template.anonymous else "campaign-named"),
        "count": count,
        **values,
    }
    if data.get("mode") == "s":
        text = texts(
            "schedule-confirm",
            months=", ".join(texts(f"survey-month-{m}") for m in data["months"]),
            days=data["days"],
            **common,
        )
        back = "duration"
    else:
        text = texts(
            "campaign-confirm",
            opens=date.fromisoformat(data["opens"]).strftime("%d.%m.%Y"),
            closes=date.fromisoformat(data["closes"]).strftime("%d.%m.%Y"),
            reminders=reminders_text(texts, reminders),
            **common,
        )
        back = "closes"
    keyboard = markup(
        [[button(texts("btn-campaign-launch"), CampaignCb(a="go"))], _nav(texts, back)]
    )
    await _screen(callback, message, text, keyboard)


@router.callback_query(CampaignSG.confirm, CampaignCb.filter(F.a == "go"))
async def on_launch(
    callback: CallbackQuery,
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    texts: Texts,
    lang: str,
    zone: ZoneInfo,
    state: FSMContext,
    survey_library: TemplateLibrary | None = None,
) -> None:
    data = await state.get_data()
    template = library_of(survey_library).get(data["template"])
    spec = AudienceSpec.from_json(data.get("spec"))
    if data.get("mode") == "s":
        schedule = await schedules.create_schedule(
            session, clock, actor, template, spec, data["months"], int(data["days"]), zone
        )
        await state.clear()
        await callback.answer()
        assert schedule.next_run_at is not None
        await edit_or_send(
            callback,
            texts(
                "schedule-created",
                title=esc(template.label(lang)),
                next=local_time(schedule.next_run_at, zone),
            ),
            markup([[button(texts("btn-campaign-schedules"), CampaignCb(a="sch"))]]),
        )
        return
    campaign = await campaigns.launch(
        session,
        clock,
        actor,
        template,
        spec,
        date.fromisoformat(data["opens"]),
        date.fromisoformat(data["closes"]),
        zone,
    )
    await state.clear()
    await callback.answer()
    await edit_or_send(
        callback,
        texts(
            "campaign-launched",
            title=esc(template.label(lang)),
            opens=local_time(campaign.opens_at, zone),
            closes=closes_text(campaign, zone),
            count=campaign.audience_size,
        ),
        markup([[button(texts("btn-campaign-open"), CampaignCb(a="op", i=campaign.id))]]),
    )


@router.callback_query(CampaignCb.filter(F.a == "bk"))
async def on_back(
    callback: CallbackQuery,
    callback_data: CampaignCb,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    lang: str,
    zone: ZoneInfo,
    state: FSMContext,
    survey_library: TemplateLibrary | None = None,
) -> None:
    await _in_wizard(state)
    step = callback_data.v
    await callback.answer()
    if step == "template":
        await state.set_state(CampaignSG.template)
        await _ask_template(callback, texts, lang, library_of(survey_library))
    elif step == "audience":
        await state.set_state(CampaignSG.audience)
        await _show_audience(callback, session, actor, texts, lang, state, survey_library)
    elif step == "opens":
        await _ask_opens(callback, texts, state)
    elif step == "closes":
        await _ask_closes(callback, None, texts, state, zone)
    elif step == "months":
        await _ask_months(callback, texts, state)
    elif step == "duration":
        await state.set_state(CampaignSG.months)
        await on_months_done(callback, texts, state)
    else:
        raise InvalidInput("error-stale-button")


@router.callback_query(CampaignCb.filter(F.a == "x"))
async def on_cancel(callback: CallbackQuery, texts: Texts, state: FSMContext) -> None:
    await state.clear()
    await callback.answer()
    await edit_or_send(callback, texts("cancelled"), None)


# --- schedules ------------------------------------------------------------------------------


@router.callback_query(CampaignCb.filter(F.a == "sch"))
async def on_schedules(
    callback: CallbackQuery,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    lang: str,
    zone: ZoneInfo,
    survey_library: TemplateLibrary | None = None,
) -> None:
    found = await schedules.list_schedules(session, actor)
    library = library_of(survey_library)
    lines = [texts("schedules-title")]
    rows = []
    for schedule in found:
        template = library.find(schedule.template_id)
        title = template.label(lang) if template is not None else schedule.template_id
        lines.append(
            texts(
                "schedules-row",
                title=esc(title),
                months=", ".join(texts(f"survey-month-{m}") for m in schedule.months),
                days=schedule.duration_days,
                next=local_time(schedule.next_run_at, zone) if schedule.next_run_at else "—",
            )
        )
        rows.append(
            [
                button(
                    texts("btn-schedule-stop", title=short(title, 40)),
                    CampaignCb(a="sst", i=schedule.id),
                )
            ]
        )
    if not found:
        lines.append(texts("schedules-empty"))
    rows.append([button(texts("btn-schedule-new"), CampaignCb(a="nsc"))])
    rows.append([button(texts("btn-campaign-list"), CampaignCb(a="ls"))])
    await callback.answer()
    await edit_or_send(callback, "\n".join(lines), markup(rows))


@router.callback_query(CampaignCb.filter(F.a == "sst"))
async def on_schedule_stop(
    callback: CallbackQuery,
    callback_data: CampaignCb,
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    texts: Texts,
    lang: str,
    zone: ZoneInfo,
    survey_library: TemplateLibrary | None = None,
) -> None:
    await schedules.stop_schedule(session, clock, actor, callback_data.i)
    await on_schedules(callback, session, actor, texts, lang, zone, survey_library)
