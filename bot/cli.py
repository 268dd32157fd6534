"""The `mentorbot` command: run, demo, migrate, admin."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.settings import Settings, bot_username


def _username(value: str) -> str:
    try:
        return bot_username(value)
    except ValueError as error:  # argparse shows only this type's message
        raise argparse.ArgumentTypeError(str(error)) from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mentorbot", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "run", help="run the bot (long polling, or a webhook if WEBHOOK_URL is set)"
    )
    demo = commands.add_parser("demo", help="try the bot offline, in the terminal, with no token")
    demo.add_argument(
        "--db", type=Path, default=None, help="SQLite file to keep (default: temporary)"
    )
    demo.add_argument(
        "--files",
        type=Path,
        default=None,
        help="folder for the files the bot sends (default: beside --db, else a temporary one)",
    )
    commands.add_parser("migrate", help="upgrade the database to the latest schema")

    admin = commands.add_parser("admin", help="operator tasks")
    tasks = admin.add_subparsers(dest="task", required=True)
    load = tasks.add_parser("load-directory", help="load regions, municipalities, organizations")
    load.add_argument("file", type=Path, help="a YAML or CSV file (see data/directory_tomsk.yaml)")
    tasks.add_parser("show-directory", help="print the directory with ids")
    invite = tasks.add_parser(
        "invite-coordinator", help="print a deep link that makes a coordinator"
    )
    invite.add_argument(
        "--level", choices=["region", "municipality", "organization"], required=True
    )
    invite.add_argument(
        "--id", type=int, required=True, help="id of the region/municipality/organization"
    )
    invite.add_argument("--days", type=int, default=14, help="how long the link is valid")
    invite.add_argument(
        "--bot-username",
        type=_username,
        default=None,
        help="the bot's @username for the link (default: BOT_USERNAME, else asked from Telegram)",
    )
    grant = tasks.add_parser(
        "grant-coordinator", help="make a registered participant a coordinator"
    )
    grant.add_argument("--tg-id", type=int, required=True)
    grant.add_argument("--level", choices=["region", "municipality", "organization"], required=True)
    grant.add_argument("--id", type=int, required=True)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = Settings()
    # The demo talks to a person in the terminal: log lines would drown the conversation.
    level = "WARNING" if args.command == "demo" else settings.log_level
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)  # its INFO lines say nothing useful
    if args.command == "run":
        from bot.runner import run

        asyncio.run(run(settings))
    elif args.command == "demo":
        from bot.demo import main as demo_main

        return asyncio.run(demo_main(args.db, files=args.files))
    elif args.command == "migrate":
        from bot.migrate import upgrade_sync

        upgrade_sync(settings.database_url)
        print("database is up to date")
    else:
        from bot.admin_cli import run_admin

        return asyncio.run(run_admin(settings, args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
