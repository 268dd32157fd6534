"""`mentorbot demo`: the real bot in a terminal, against an in-process fake of Telegram.

No token and no network: the dispatcher, handlers, database, outbox and due work all run as in
production; only the Bot API is replaced. Input comes from the keyboard or a pipe, one line at
a time:

    text or /command   sent as a message by the current person
    <number>           presses that button under the last message with buttons (where the
                       question only offers Back/Cancel, the number is the typed answer)
    "<text>            sends the text as it is, even a number (a year of experience: "3)
    :as <who>          switch person (mentee, mentor, coordinator, municipal, newcomer)
    :who               list the demo people;  :tick  run due work now;  :quit  leave
"""

from __future__ import annotations

import asyncio
import html
import re
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from aiogram.types import InlineKeyboardMarkup, Message
from sqlalchemy import Select, func, select

from bot.app import App, build_app
from bot.db import transaction
from bot.fakes.client import TelegramUser
from bot.fakes.telegram import FakeTelegram
from bot.migrate import upgrade
from bot.services import directory, registration
from bot.services.numbers import MAX_PAGE, parse_int
from bot.services.registration import RegistrationDraft
from bot.settings import Settings
from data import DIRECTORY_EXAMPLE
from models import Municipality, Organization, OutboxMessage, RoleGrant
from models.enums import Category, OutboxStatus, ParticipantStatus, Role, ScopeLevel
from scheduler.tick import run_due


@dataclass(frozen=True)
class DemoPerson:
    alias: str
    tg_id: int
    name: str
    role: Role
    scope: ScopeLevel | None = None
    registered: bool = True


PEOPLE = (
    DemoPerson("mentee", 10001, "Смирнова Анна Викторовна", Role.mentee),
    DemoPerson("mentor", 10002, "Кузнецов Пётр Ильич", Role.mentor),
    DemoPerson(
        "coordinator", 10003, "Орлова Елена Сергеевна", Role.mentor, ScopeLevel.organization
    ),
    DemoPerson("municipal", 10004, "Волков Игорь Андреевич", Role.mentee, ScopeLevel.municipality),
    DemoPerson("newcomer", 10005, "", Role.mentee, registered=False),
)
SCHOOL = "СОШ № 1 г. Кедрового"
# The sender spaces messages to one chat (a second apart, as Telegram wants); a reply the
# sender put back for that is due in a moment, so the demo waits for it rather than leave it
# unsent when a pipe ends. Anything due later (a reminder tomorrow) waits for :tick.
SOON_SECONDS = 3.0
_TAGS = re.compile(r"<[^>]+>")


async def seed(app: App) -> None:
    """The example directory and the demo people, unless they are there already."""
    async with transaction(app.factory) as session:
        await directory.load_directory(session, directory.read_directory_file(DIRECTORY_EXAMPLE))
        school = await session.scalar(select_org(SCHOOL))
        assert school is not None
        for person in PEOPLE:
            if not person.registered or await registration.find_by_tg(session, person.tg_id):
                continue
            mentor = person.role == Role.mentor
            created = await registration.register(
                session,
                app.clock,
                person.tg_id,
                RegistrationDraft(
                    consent_version=app.settings.consent_version,
                    consent_at=app.clock.now(),
                    language="ru",
                    full_name=person.name,
                    category=Category.teacher,
                    organization_id=school.id,
                    role=person.role,
                    subjects=["math"],
                    experience_years=22 if mentor else 1,
                    deficits=["digital", "parents"],
                    expertise=["methodical", "digital"],
                    capacity=3,
                    flash_available=True,
                    formats=["online", "offline"],
                ),
            )
            created.status = ParticipantStatus.active
            if person.scope is not None:
                scope_id = (
                    school.id if person.scope == ScopeLevel.organization else school.municipality_id
                )
                session.add(
                    RoleGrant(
                        participant_id=created.id,
                        role=Role.coordinator,
                        scope_level=person.scope,
                        scope_id=scope_id,
                        created_at=app.clock.now(),
                    )
                )


def select_org(short_name: str) -> Select[Organization]:
    return select(Organization).join(Municipality).where(Organization.short_name == short_name)


def render(message: Message, width: int = 72) -> str:
    body = message.text if message.text is not None else (message.caption or "")
    lines = [html.unescape(_TAGS.sub("", body))]
    if message.document is not None:
        lines.append(f"📎 {message.document.file_name}")
    markup = message.reply_markup
    if isinstance(markup, InlineKeyboardMarkup):
        number = 0
        for row in markup.inline_keyboard:
            cells = []
            for button in row:
                number += 1
                cells.append(f"[{number}] {button.text}")
            lines.append("   ".join(cells))
    return "\n".join(lines)


class Demo:
    def __init__(self, app: App, fake: FakeTelegram, out: TextIO = sys.stdout) -> None:
        self.app = app
        self.fake = fake
        self.out = out
        self.users = {
            p.alias: TelegramUser(
                app.dispatcher,
                app.bot,
                fake,
                p.tg_id,
                first_name=p.name.split(" ")[1] if p.name else "Гость",
                language_code="ru",
            )
            for p in PEOPLE
        }
        self.names = {p.tg_id: p.alias for p in PEOPLE}
        self.current = "newcomer"

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    async def handle(self, line: str) -> bool:
        """One line of input; False when the demo should end."""
        line = line.strip()
        if not line:
            return True
        if line.startswith(":"):
            return await self._meta(line[1:].split())
        mark = self.fake.mark()
        user = self.users[self.current]
        try:
            number = parse_int(line, high=MAX_PAGE)  # «²» is a digit to isdigit(), not to int()
            if number is not None and not self._asks_for_text(user):
                await self._press(user, number)
            else:
                await user.send(line.removeprefix('"'))
        except AssertionError as error:  # no such button: tell, don't crash
            self.say(f"(!) {error}")
        await self._background()
        self._show(mark)
        return True

    def _asks_for_text(self, user: TelegramUser) -> bool:
        """The last question offers only Back/Cancel/Done: a number typed now is the answer
        (years of experience), not a press of Cancel."""
        nav = {
            self.app.translator.get(lang, key)
            for lang in self.app.translator.languages
            for key in ("btn-back", "btn-cancel", "btn-done")
        }
        buttons = user.buttons()
        return bool(buttons) and set(buttons) <= nav

    async def _press(self, user: TelegramUser, number: int) -> None:
        buttons = user.buttons()
        if not 1 <= number <= len(buttons):
            self.say(f"(!) no button {number}; there are {len(buttons)}")
            return
        await user.click(number - 1)
        answer = user.last_callback_answer
        if answer:
            self.say(f"  ⓘ {answer}")

    async def _background(self) -> None:
        """What the bot's background loops would do now: due work, then the outbox."""
        await run_due(self.app.factory, self.app.clock, self.app.settings, self.app.translator)
        await self.app.sender.drain()
        for _ in range(20):  # bounded: a row the sender keeps putting back must not hang us
            wait = await self._next_send_in()
            if wait is None:
                break
            await asyncio.sleep(wait)
            await self.app.sender.drain()

    async def _next_send_in(self) -> float | None:
        """Seconds until the next queued message is due, if that is only a moment away."""
        async with transaction(self.app.factory) as session:
            due_at = await session.scalar(
                select(func.min(OutboxMessage.next_at)).where(
                    OutboxMessage.status == OutboxStatus.pending
                )
            )
        if due_at is None:
            return None
        if due_at.tzinfo is None:  # SQLite's aggregate comes back without the zone
            due_at = due_at.replace(tzinfo=self.app.clock.now().tzinfo)
        wait = (due_at - self.app.clock.now()).total_seconds()
        return max(wait, 0.05) if wait <= SOON_SECONDS else None

    def _show(self, mark: int) -> None:
        me = self.users[self.current].id
        for message in self.fake.messages_since(mark):
            who = self.names.get(message.chat.id, str(message.chat.id))
            prefix = "bot" if message.chat.id == me else f"bot → {who}"
            self.say(f"\n── {prefix} ──\n{render(message)}")

    async def _meta(self, words: list[str]) -> bool:
        command = words[0] if words else ""
        if command in ("quit", "exit", "q"):
            return False
        if command == "as" and len(words) > 1 and words[1] in self.users:
            self.current = words[1]
            self.say(f"(you are now: {self.current})")
        elif command == "as":
            known = ", ".join(self.users)
            self.say(f"(!) no such person: {' '.join(words[1:]) or '—'}; try one of: {known}")
        elif command == "who":
            for p in PEOPLE:
                role = p.scope.value + " coordinator" if p.scope else p.role.value
                state = "" if p.registered else " (not registered: try /start)"
                self.say(f"  {p.alias:12} {p.name or '—'} — {role}{state}")
        elif command == "tick":
            mark = self.fake.mark()
            await self._background()
            self._show(mark)
        else:
            self.say(__doc__ or "")
        return True


async def main(
    db_path: Path | None = None, lines: Iterable[str] | None = None, out: TextIO = sys.stdout
) -> int:
    directory_ = tempfile.TemporaryDirectory(prefix="mentorbot-demo-")
    path = db_path or Path(directory_.name) / "demo.sqlite3"
    settings = Settings(
        _env_file=None,
        database_url=f"sqlite+aiosqlite:///{path}",  # type: ignore[call-arg]
        bot_token=None,
        redis_url=None,
        webhook_url=None,
        # A scripted pipe types faster than any person: no flood protection.
        throttle_rate=1_000_000,
    )
    await upgrade(settings.database_url)
    fake = FakeTelegram()
    app = build_app(settings, session=fake, with_scheduler=False)
    demo = Demo(app, fake, out)
    try:
        await seed(app)
        demo.say(
            "Mentorbot offline demo. You are a newcomer: try /start.  :who lists people, "
            ':as <who> switches, a number presses a button, "3 sends the text 3, '
            ":quit leaves."
        )
        source = lines if lines is not None else _stdin_lines()
        for line in source:
            if not await demo.handle(line):
                break
    finally:
        await app.close()
        directory_.cleanup()
    return 0


def _stdin_lines() -> Iterator[str]:
    interactive = sys.stdin.isatty()
    while True:
        try:
            line = input("> ") if interactive else sys.stdin.readline()
        except EOFError:
            return
        if not interactive and line == "":
            return  # end of the pipe
        yield line
