"""`mentorbot admin …`: operator tasks against the configured database."""

from __future__ import annotations

import argparse

from bot.app import OFFLINE_TOKEN
from bot.clock import SystemClock
from bot.db import create_engine, create_session_factory, transaction
from bot.i18n import Translator
from bot.migrate import upgrade
from bot.services import admin, directory, invites
from bot.services.errors import DomainError
from bot.settings import Settings
from models.enums import ScopeLevel


async def run_admin(settings: Settings, args: argparse.Namespace) -> int:
    await upgrade(settings.database_url)
    engine = create_engine(settings)
    factory = create_session_factory(engine)
    clock = SystemClock()
    translator = Translator.load(default=settings.default_locale)
    try:
        async with transaction(factory) as session:
            if args.task == "load-directory":
                report = await directory.load_directory(
                    session, directory.read_directory_file(args.file)
                )
                print(
                    f"new: {report.regions} regions, {report.municipalities} municipalities, "
                    f"{report.organizations} organizations"
                )
            elif args.task == "show-directory":
                print("\n".join(await admin.directory_lines(session)) or "the directory is empty")
            elif args.task == "invite-coordinator":
                invite = await invites.create_coordinator_invite(
                    session,
                    clock,
                    level=ScopeLevel(args.level),
                    scope_id=args.id,
                    expires_in_days=args.days,
                )
                print(invites.invite_link(await _bot_username(settings), invite.code))
            elif args.task == "grant-coordinator":
                person = await admin.grant_coordinator(
                    session, clock, tg_id=args.tg_id, level=ScopeLevel(args.level), scope_id=args.id
                )
                print(f"participant {person.id} is now a coordinator of {args.level} {args.id}")
    except DomainError as error:
        print(translator.get(translator.default, error.key, **error.params))
        return 1
    finally:
        await engine.dispose()
    return 0


async def _bot_username(settings: Settings) -> str:
    """The bot's username for links; asks Telegram once, if a token is set."""
    if settings.bot_token is None or settings.bot_token.get_secret_value() == OFFLINE_TOKEN:
        return "<bot_username>"
    from aiogram import Bot

    async with Bot(settings.bot_token.get_secret_value()) as bot:
        me = await bot.get_me()
    return me.username or "<bot_username>"
