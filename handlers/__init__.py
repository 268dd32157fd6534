"""aiogram routers, one package per feature, each built fresh per dispatcher by its
create_router() (aiogram lets a router have one parent). Order matters: /cancel first, the
catch-all last."""

from __future__ import annotations

from aiogram import Router


def get_routers() -> list[Router]:
    from handlers import (
        announcements,
        campaigns,
        common,
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
        common.create_router(),
        main_menu.create_router(),
        registration.create_router(),
        profile.create_router(),
        invites.create_router(),
        people.create_router(),
        audience.create_router(),  # the audience picker /announce and others start
        announcements.create_router(),
        flash.create_router(),  # a fresh one per dispatcher, dialogs included
        surveys.create_router(),
        campaigns.create_router(),
        roadmaps.create_router(),  # a fresh one per dispatcher, dialogs included
        mentorships.create_router(),
        meetings.create_router(),
        pairing.create_router(),
        plans.create_router(),
        fallback.create_router(),
    ]
    return routers
