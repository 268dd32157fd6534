"""The windows of /campaigns: the list, a campaign's card (results, closing early), the
schedules, what a launch made; and the launch wizard over them (a template, the audience
picker, a campaign's dates or a schedule's months and duration, the confirmation)."""

from __future__ import annotations

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.kbd import Button, Row, SwitchTo
from aiogram_dialog.widgets.text import Format, Multi

from handlers.campaigns import getters, launch, results
from handlers.campaigns import handlers as on
from handlers.campaigns.states import CampaignsSG, LaunchSG
from handlers.kit import (
    TO_CALLER,
    Pager,
    Tr,
    Window,
    back_button,
    cancel_button,
    checklist,
    choices,
    day_picker,
    nav_row,
)
from handlers.kit.audience import back_to_audience

_TEXT = Format("{text}")
_TO_LIST = SwitchTo(Tr("btn-campaign-list"), id="to_list", state=CampaignsSG.list)


def campaigns_dialog() -> Dialog:
    card = CampaignsSG.card
    return Dialog(
        Window(
            Multi(Tr("campaigns-title"), Tr("campaigns-empty", when="empty")),
            choices("campaign", on.open_campaign),
            Pager("campaigns"),
            Row(
                Button(Tr("btn-campaign-new"), id="new", on_click=on.new_campaign),
                SwitchTo(Tr("btn-campaign-schedules"), id="schedules", state=CampaignsSG.schedules),
            ),
            getter=getters.campaign_list,
            state=CampaignsSG.list,
        ),
        Window(
            _TEXT,
            Row(
                Button(Tr("btn-campaign-results"), id="results", on_click=results.send_results),
                Button(Tr("btn-campaign-xlsx"), id="xlsx", on_click=results.send_xlsx),
                Button(Tr("btn-campaign-charts"), id="charts", on_click=results.send_charts),
                when="reported",
            ),
            choices("breakdown", on.pick_breakdown, items="breakdowns", width=3),
            SwitchTo(
                Tr("btn-campaign-close"), id="close", state=CampaignsSG.close, when="closable"
            ),
            _TO_LIST,
            getter=getters.card,
            state=card,
        ),
        Window(
            Tr("campaign-close-ask"),
            Button(Tr("btn-campaign-close-yes"), id="close_yes", on_click=on.close_now),
            back_button(card),
            getter=getters.closing,
            state=CampaignsSG.close,
        ),
        Window(
            _TEXT,
            choices("stop", on.stop_schedule),
            Pager("schedule_pages"),
            Button(Tr("btn-schedule-new"), id="new_schedule", on_click=on.new_schedule),
            _TO_LIST,
            getter=getters.schedule_list,
            state=CampaignsSG.schedules,
        ),
        Window(
            _TEXT,
            Button(Tr("btn-campaign-open"), id="open", on_click=on.open_launched, when="campaign"),
            SwitchTo(
                Tr("btn-campaign-schedules"),
                id="to_schedules",
                state=CampaignsSG.schedules,
                when=lambda data, *_: not data["campaign"],
            ),
            getter=getters.launched,
            state=CampaignsSG.launched,
        ),
        on_start=on.on_start,
        on_process_result=on.on_launched,
    )


def launch_dialog() -> Dialog:
    template = LaunchSG.template
    return Dialog(
        Window(
            Tr("campaign-ask-template"),
            choices("template", launch.pick_template),
            nav_row(back=TO_CALLER),
            getter=launch.templates,
            state=template,
        ),
        Window(
            Tr("campaign-ask-opens"),
            choices("opens_quick", launch.opens_quick, width=3),
            *day_picker("opens_day", launch.opens_day, future=True),
            Row(back_to_audience(launch.audience_ask, template), cancel_button()),
            getter=launch.opens_step,
            state=LaunchSG.opens,
        ),
        Window(
            Tr("campaign-ask-closes"),
            choices("closes_quick", launch.closes_quick, width=3),
            *day_picker("closes_day", launch.closes_day, future=True),
            nav_row(back=LaunchSG.opens),
            getter=launch.closes_step,
            state=LaunchSG.closes,
        ),
        Window(
            Tr("schedule-ask-months"),
            checklist("months", width=3, on_toggle=launch.month_ticked),
            Button(Tr("btn-campaign-next"), id="months_done", on_click=launch.months_done),
            Row(back_to_audience(launch.audience_ask, template), cancel_button()),
            getter=launch.months_step,
            state=LaunchSG.months,
        ),
        Window(
            Tr("schedule-ask-duration"),
            choices("duration", launch.pick_duration, width=4),
            nav_row(back=LaunchSG.months),
            getter=launch.duration_step,
            state=LaunchSG.duration,
        ),
        Window(
            _TEXT,
            Button(Tr("btn-campaign-launch"), id="launch", on_click=launch.launch),
            nav_row(back=launch.confirm_back),
            getter=launch.confirm_step,
            state=LaunchSG.confirm,
        ),
        on_start=launch.on_start,
        on_process_result=launch.on_audience,
    )
