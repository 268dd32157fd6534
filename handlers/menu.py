"""The command menu of each chat follows the person's roles."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommand, BotCommandScopeChat
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Translator
from bot.services import menu, outbox
from bot.services.access import actor_for
from models import Participant

log = logging.getLogger(__name__)


def bot_commands(translator: Translator, lang: str, names: tuple[str, ...]) -> list[BotCommand]:
    return [
        BotCommand(command=name, description=translator.get(lang, f"cmd-{name}")) for name in names
    ]


async def queue_commands(
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    person: Participant,
    admin_ids: list[int],
) -> None:
    """Refresh a person's menu through the outbox (it may be someone else's action)."""
    if person.tg_id is None:
        return
    actor = actor_for(person.tg_id, person, admin_ids)
    commands = bot_commands(translator, person.language, menu.commands_for(actor))
    await outbox.enqueue(
        session,
        clock,
        method="setMyCommands",
        chat_id=person.tg_id,
        participant_id=person.id,
        params={
            "commands": [c.model_dump(exclude_none=True) for c in commands],
            "scope": BotCommandScopeChat(chat_id=person.tg_id).model_dump(exclude_none=True),
        },
        priority=outbox.Priority.REPLY,
    )


async def reset_menu(bot: Bot, chat_id: int) -> None:
    """Back to the stranger's menu (the bot-wide default): the person has deleted the account.

    Called directly, not through the outbox: a queued call would keep the Telegram id of
    someone whose data has just been erased. If Telegram cannot be reached, the chat keeps
    the old menu, whose commands now answer as to a stranger.
    """
    try:
        await bot.delete_my_commands(scope=BotCommandScopeChat(chat_id=chat_id))
    except TelegramAPIError as error:
        log.warning("could not reset the command menu of a deleted account: %s", error)


async def set_default_commands(bot: Bot, translator: Translator) -> None:
    """What a stranger sees before registering, in both languages."""
    names = menu.commands_for_stranger()
    for lang in translator.languages:
        await bot.set_my_commands(
            bot_commands(translator, lang, names),
            language_code=None if lang == translator.default else lang,
        )
