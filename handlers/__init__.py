"""aiogram routers, one module per feature. Order matters: /cancel first, the catch-all last."""

from __future__ import annotations

from aiogram import Router


def get_routers() -> list[Router]:
    from handlers import (
        announcements,
        campaigns,
        common,
        events,
        fallback,
        flash,
        invites,
        main_menu,
        meetings,
        mentorships,
        pairing,
        people,
        plans,
        profile,
        registration,
        roadmaps,
        surveys,
    )
    from handlers.kit import audience

    routers: list[Router] = [
        common.router,
        main_menu.router,
        registration.create_router(),
        profile.create_router(),
        invites.create_router(),
        people.create_router(),
        audience.create_router(),  # the audience picker /announce and others start
        announcements.create_router(),
        events.router,
        flash.create_router(),  # a fresh one per dispatcher, dialogs included
        surveys.create_router(),
        campaigns.create_router(),
        roadmaps.create_router(),  # a fresh one per dispatcher, dialogs included
        mentorships.create_router(),
        meetings.create_router(),
        pairing.create_router(),
        plans.create_router(),
        fallback.router,
    ]
    for router in routers:
        # Module routers are singletons and aiogram lets a router have one parent. A new
        # dispatcher in the same process (a restart in tests, the demo) replaces the old one,
        # so take the routers over from it. (Feature packages build theirs in create_router.)
        router._parent_router = None
    return routers
