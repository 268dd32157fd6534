"""`mentorbot admin …`: operator tasks against the configured database."""

from __future__ import annotations

import argparse
import sys

from aiogram.exceptions import TelegramAPIError, TelegramNetworkError

from bot.app import create_bot
from bot.clock import SystemClock
from bot.db import create_engine, create_session_factory, transaction
from bot.i18n import Translator
from bot.migrate import upgrade
from bot.services import admin, directory, invites
from bot.services.errors import DomainError
from bot.settings import Settings
from models.enums import ScopeLevel


class LinkUnavailable(Exception):
    """The bot's username for a link cannot be known: nothing is created, the operator is told
    how to give it."""


async def run_admin(settings: Settings, args: argparse.Namespace) -> int:
    username = None
    if args.task == "invite-coordinator":
        # Known before the invite is created: a link that cannot be printed must not leave
        # an invite behind that nobody can hand out.
        try:
            username = await resolve_bot_username(settings, args.bot_username)
        except LinkUnavailable as error:
            print(f"{error}\nNo invite was created.", file=sys.stderr)
            return 1
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
                print(invites.invite_link(username or "", invite.code))
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


async def resolve_bot_username(settings: Settings, given: str | None = None) -> str:
    """The bot's username: as given (--bot-username), from BOT_USERNAME, else asked from the
    configured Bot API server with the token (the same session the bot itself runs with)."""
    if given or settings.bot_username:
        return given or settings.bot_username or ""
    if settings.bot_token is None:
        raise LinkUnavailable(
            "The link needs the bot's username: pass --bot-username NAME (the bot's @name, as"
            " @BotFather shows it), or set BOT_USERNAME, or set BOT_TOKEN to ask Telegram."
        )
    token = settings.bot_token.get_secret_value()
    try:
        async with create_bot(settings) as bot:
            me = await bot.get_me()
    except (TelegramAPIError, TelegramNetworkError, OSError, TimeoutError) as error:
        reason = f"{type(error).__name__}: {error}".replace(token, "<BOT_TOKEN>")
        raise LinkUnavailable(
            f"Could not ask the Bot API at {settings.telegram_api_url} for the bot's username"
            f" ({reason}). Check TELEGRAM_API_URL and BOT_TOKEN, or pass --bot-username NAME"
            " (or set BOT_USERNAME)."
        ) from None
    if not me.username:
        raise LinkUnavailable("Telegram returned no username for this bot: pass --bot-username.")
    return me.username
