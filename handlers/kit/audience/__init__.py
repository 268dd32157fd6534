"""The one audience picker: a small sub-dialog a feature starts to ask whom to send to.

    await manager.start(AudienceSG.main, data=AudienceAsk(spec=..., ...).to_data())

and in the caller's Dialog(on_process_result=...) or Window(on_process_result=...):

    spec = chosen_audience(result)  # None: ◀ Back (the caller's window shows again), or
                                    # Cancel (the caller closes too, just after)

A step after the picker goes back to it with `back_to_audience(ask, under)`.

What may be picked (roles, categories, forms, places in the actor's scope) is decided by
bot.services.audience; the picker shows the choices and collects them.
"""

from __future__ import annotations

from aiogram import Router

from handlers.kit.audience.ask import AudienceAsk, chosen_audience
from handlers.kit.audience.back import back_to_audience
from handlers.kit.audience.dialogs import audience_dialog
from handlers.kit.audience.states import AudienceSG

__all__ = [
    "AudienceAsk",
    "AudienceSG",
    "audience_dialog",
    "back_to_audience",
    "chosen_audience",
    "create_router",
]


def create_router() -> Router:
    """The picker's dialog, once per dispatcher (every feature that asks shares it)."""
    router = Router(name=__name__)
    router.include_router(audience_dialog())
    return router
