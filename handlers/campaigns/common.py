"""What the windows of /campaigns share: the context, the template library, the breakdown."""

from __future__ import annotations

from aiogram_dialog import DialogManager

from bot.i18n import Texts
from bot.services.access import Actor
from bot.services.surveys.campaigns import ReminderPolicy
from bot.services.surveys.library import TemplateLibrary, library_at
from handlers.kit.context import ctx_of
from models.enums import ScopeLevel

# A card's results by municipality, by organization, or not broken down.
BREAKDOWNS = ("m", "o", "n")


def library_of(manager: DialogManager) -> TemplateLibrary:
    # The app factory loads the library at start-up (a broken template stops it there); a
    # dispatcher built without it (another feature's tests) loads it on first use.
    library: TemplateLibrary | None = manager.middleware_data.get("survey_library")
    return library if library is not None else library_at()


def default_breakdown(actor: Actor) -> str:
    """Municipalities for a regional view, organizations for a municipal one, none for a
    school (it is one organization)."""
    levels = {scope.level for scope in actor.scopes}
    if actor.is_admin or ScopeLevel.region in levels:
        return "m"
    if ScopeLevel.municipality in levels:
        return "o"
    return "n"


def breakdown_of(manager: DialogManager) -> str:
    chosen = manager.dialog_data.get("breakdown")
    return chosen if chosen in BREAKDOWNS else default_breakdown(ctx_of(manager).actor)


def reminders_text(texts: Texts, policy: ReminderPolicy) -> str:
    if policy.limit == 0:
        return texts("campaign-reminders-off")
    return texts("campaign-reminders", days=policy.every.days, times=policy.limit)
