"""`mentorbot demo`: the real bot in a terminal, against an in-process fake of Telegram.

No token and no network: the dispatcher, handlers, database, outbox and due work all run as in
production; only the Bot API is replaced. Input comes from the keyboard or a pipe, one line at
a time:

    text or /command   sent as a message by the current person, exactly as typed (a number
                       too: "3" is the answer 3, on every screen)
    #<number>          presses that button, [1] [2] …, under the last message with buttons
    "<text>            sends the rest as it is, even "#1 or ":as
    :as <who>          switch person (mentee, mentor, coordinator, municipal, newcomer)
    :who               list the demo people
    :wait <time>       move the demo's clock forward: 30m, 2h, 3d, 1w, 1d12h (up to a year);
                       every reminder, timeout and scheduled send due meanwhile runs once,
                       in order, at its own time
    :tick              run what is due now, without moving the clock
    :send <path> [caption]   send a file as the current person (a roadmap table, an
                       attachment), with a caption if given (a roadmap's period)
    :photo <path> [caption]  send a picture as a photo (an announcement's)
    :save <file>       copy this demo world (an SQLite file); continue it later with
                       `mentorbot demo --db <file>`
    :quit              leave
Files the bot sends are saved into the folder named at the start. Buttons of messages from
an earlier run are gone after --db: send a command to get a fresh screen.
"""

from __future__ import annotations

import asyncio
import mimetypes
import os
import re
import shlex
import sqlite3
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TextIO

from aiogram.types import InlineKeyboardMarkup, Message, MessageEntity
from sqlalchemy import Select, func, select

from bot.app import App, build_app
from bot.clock import ShiftedClock
from bot.db import transaction
from bot.fakes.client import TelegramUser
from bot.fakes.telegram import FakeTelegram
from bot.fakes.telegram.limits import MAX_DOWNLOAD_BYTES
from bot.migrate import upgrade
from bot.services import directory, registration
from bot.services.numbers import MAX_PAGE, parse_int
from bot.services.registration import RegistrationDraft
from bot.settings import Settings
from data import DIRECTORY_EXAMPLE
from models import DueTask, Municipality, Organization, OutboxMessage, RoleGrant
from models.enums import (
    Category,
    DueTaskStatus,
    OutboxStatus,
    ParticipantStatus,
    Role,
    ScopeLevel,
)
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
# unsent when a pipe ends. Anything due later (a reminder tomorrow) waits for :wait.
SOON_SECONDS = 3.0
# What Telegram itself takes from a person: a file up to 2 GB, a photo up to 10 MB. The bot
# may download only up to 20 MB; bigger files arrive with their size and no way to fetch them.
MAX_USER_FILE_BYTES = 2000 * 1024 * 1024
MAX_USER_PHOTO_BYTES = 10 * 1024 * 1024
MAX_WAIT = timedelta(days=366)
# A bound on the steps of one :wait, so that work that keeps planning more (a task failing
# and retried with backoff) cannot hang the demo.
MAX_WAIT_STEPS = 1000
_DURATION = re.compile(r"(\d{1,6})([wdhm])")
_UNITS = {"w": "weeks", "d": "days", "h": "hours", "m": "minutes"}
_PRESS = re.compile(r"#(\d+)")
# The demo world's clock is kept in the SQLite file's user_version (a 32-bit header field no
# migration uses), as whole seconds since this moment: a --db run resumes at that time.
_CLOCK_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)


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


def parse_duration(text: str) -> timedelta | None:
    """«30m», «2h», «3d», «1w», «1d12h»: ASCII digits and units, up to MAX_WAIT; else None."""
    value = text.strip().lower()
    if not value or not value.isascii() or _DURATION.sub("", value):
        return None
    delta = timedelta()
    for number, unit in _DURATION.findall(value):
        delta += timedelta(**{_UNITS[unit]: int(number)})
    return delta if timedelta(0) < delta <= MAX_WAIT else None


def plain_text(text: str, entities: list[MessageEntity] | None) -> str:
    """A message's text as a person sees it: the text is already free of markup (Telegram
    parsed the HTML into entities), so only a link's address is added after its words."""
    links = sorted(
        (e for e in entities or [] if e.type == "text_link" and e.url),
        key=lambda e: e.offset + e.length,
        reverse=True,
    )
    if not links:
        return text
    units = text.encode("utf-16-le")  # entity offsets count UTF-16 code units
    for entity in links:
        end = (entity.offset + entity.length) * 2
        units = units[:end] + f" ({entity.url})".encode("utf-16-le") + units[end:]
    return units.decode("utf-16-le")


def render(message: Message, saved: Path | None = None) -> str:
    if message.text is not None:
        lines = [plain_text(message.text, message.entities)]
    else:
        lines = [plain_text(message.caption or "", message.caption_entities)]
    attached = message.document.file_name if message.document is not None else None
    if message.photo:
        attached = "photo"
    if attached is not None:
        lines.append(f"📎 {attached}" + (f" → {saved}" if saved is not None else ""))
    markup = message.reply_markup
    if isinstance(markup, InlineKeyboardMarkup):
        number = 0
        for row in markup.inline_keyboard:
            cells = []
            for button in row:
                number += 1
                cells.append(f"[{number}] {button.text}")
            lines.append("   ".join(cells))
    return "\n".join(line for line in lines if line)


def read_clock(path: Path) -> datetime | None:
    """The moment a kept demo world was left at, if the file has one."""
    if not path.exists():
        return None
    with sqlite3.connect(path) as db:
        seconds = int(db.execute("PRAGMA user_version").fetchone()[0])
    return _CLOCK_EPOCH + timedelta(seconds=seconds) if seconds > 0 else None


def write_clock(path: Path, moment: datetime) -> None:
    seconds = max(1, int((moment - _CLOCK_EPOCH).total_seconds()))
    db = sqlite3.connect(path)
    try:
        db.execute(f"PRAGMA user_version = {min(seconds, 2**31 - 1)}")
        db.commit()
    finally:
        db.close()


def copy_world(source: Path, target: Path) -> None:
    """A consistent copy of the live database (its WAL included), replacing `target`."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    db = sqlite3.connect(source)
    try:
        db.execute("VACUUM INTO ?", (str(partial),))
    finally:
        db.close()
    os.replace(partial, target)


class Demo:
    def __init__(
        self,
        app: App,
        fake: FakeTelegram,
        out: TextIO = sys.stdout,
        *,
        clock: ShiftedClock,
        db_path: Path,
        files: Path,
    ) -> None:
        self.app = app
        self.fake = fake
        self.out = out
        self.clock = clock
        self.db_path = db_path
        self.files = files
        self.saved: dict[str, Path] = {}  # file_unique_id → where it was saved
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
            command, _, rest = line[1:].partition(" ")
            return await self._meta(command, rest.strip())
        press = _PRESS.fullmatch(line)
        mark = self.fake.mark()
        user = self.users[self.current]
        try:
            if press is not None:
                await self._press(user, press.group(1))
            else:
                await user.send(line.removeprefix('"'))
        except AssertionError as error:  # a button that sends nothing (a link): tell, go on
            self.say(f"(!) {error}")
        await self._background()
        self._show(mark)
        return True

    async def _press(self, user: TelegramUser, digits: str) -> None:
        buttons = user.buttons()
        number = parse_int(digits, high=MAX_PAGE)
        if not buttons:
            self.say("(!) no buttons to press here: send a command or a text")
            return
        if number is None or not 1 <= number <= len(buttons):
            self.say(f"(!) no button {digits}; there are {len(buttons)}")
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
        wait = (_aware(due_at) - self.clock.now()).total_seconds()
        return max(wait, 0.05) if wait <= SOON_SECONDS else None

    async def _next_due(self, until: datetime) -> datetime | None:
        """When the earliest due work not yet done falls due, if it does by `until`."""
        async with transaction(self.app.factory) as session:
            due_at = await session.scalar(
                select(func.min(DueTask.due_at)).where(
                    DueTask.status == DueTaskStatus.pending, DueTask.due_at <= until
                )
            )
        return None if due_at is None else _aware(due_at)

    async def wait(self, delta: timedelta) -> None:
        """Live through `delta` at once: the clock stops at each moment work falls due (as
        the scheduler's tick would find it), runs it and sends what it queued, then goes on.
        What each stop sent is shown under the time it happened."""
        until = self.clock.now() + delta
        for _ in range(MAX_WAIT_STEPS):
            moment = await self._next_due(until)
            if moment is None:
                break
            self.clock.move_to(moment)
            await self._step()
        self.clock.move_to(until)
        await self._step()

    async def _step(self) -> None:
        mark = self.fake.mark()
        await self._background()
        if self.fake.messages_since(mark):
            self.say(f"\n(at {self._local_now()})")
            self._show(mark)

    def _show(self, mark: int) -> None:
        me = self.users[self.current].id
        for message in self.fake.messages_since(mark):
            who = self.names.get(message.chat.id, str(message.chat.id))
            prefix = "bot" if message.chat.id == me else f"bot → {who}"
            self.say(f"\n── {prefix} ──\n{render(message, self._save_file(message))}")

    def _save_file(self, message: Message) -> Path | None:
        """Where the document or photo of `message` was saved (once per file)."""
        if message.document is not None:
            file_id, unique = message.document.file_id, message.document.file_unique_id
            name = message.document.file_name or f"file-{unique}"
        elif message.photo:
            largest = message.photo[-1]
            file_id, unique = largest.file_id, largest.file_unique_id
            name = f"photo-{unique}.jpg"
        else:
            return None
        if unique in self.saved:
            return self.saved[unique]
        stored = self.fake.files.get(file_id)
        if stored is None or stored.content is None:
            return None  # sent by URL: there are no bytes offline
        self.files.mkdir(parents=True, exist_ok=True)
        path = _free_name(self.files / Path(name).name)
        path.write_bytes(stored.content)
        self.saved[unique] = path
        return path

    def _local_now(self) -> str:
        return self.clock.now().astimezone(self.app.settings.zone).strftime("%a %d.%m.%Y %H:%M")

    async def _meta(self, command: str, rest: str) -> bool:
        if command in ("quit", "exit", "q"):
            return False
        words = rest.split()
        if command == "as" and len(words) == 1 and words[0] in self.users:
            self.current = words[0]
            self.say(f"(you are now: {self.current})")
        elif command == "as":
            known = ", ".join(self.users)
            self.say(f"(!) no such person: {rest or '—'}; try one of: {known}")
        elif command == "who":
            for p in PEOPLE:
                role = p.scope.value + " coordinator" if p.scope else p.role.value
                state = "" if p.registered else " (not registered: try /start)"
                self.say(f"  {p.alias:12} {p.name or '—'} — {role}{state}")
        elif command == "tick":
            mark = self.fake.mark()
            await self._background()
            self._show(mark)
        elif command == "wait":
            await self._meta_wait(rest)
        elif command in ("send", "photo"):
            await self._meta_send(rest, photo=command == "photo")
        elif command == "save":
            await self._meta_save(rest)
        else:
            self.say(__doc__ or "")
        return True

    async def _meta_wait(self, rest: str) -> None:
        delta = parse_duration(rest)
        if delta is None:
            self.say(
                f"(!) :wait takes a time like 30m, 2h, 3d, 1w or 1d12h (up to a year): {rest!r}"
            )
            return
        await self.wait(delta)
        self.say(f"(the demo's clock is now {self._local_now()}, {rest} later)")

    async def _meta_send(self, rest: str, *, photo: bool) -> None:
        path, caption = _path_and_caption(rest)
        if path is None or not path.is_file():
            self.say(f"(!) no such file: {rest or '—'}")
            return
        size = path.stat().st_size
        bound = MAX_USER_PHOTO_BYTES if photo else MAX_USER_FILE_BYTES
        if size == 0:
            self.say("(!) the file is empty: Telegram does not send empty files")
            return
        if size > bound:
            self.say(f"(!) Telegram does not take a {'photo' if photo else 'file'} this big")
            return
        mark = self.fake.mark()
        user = self.users[self.current]
        if photo:
            await user.send_photo(path.read_bytes(), caption)
        else:
            # Past 20 MB the bot can never download it: only its size travels.
            fits = size <= MAX_DOWNLOAD_BYTES
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            await user.send_document(
                path.name,
                path.read_bytes() if fits else None,
                mime,
                caption,
                size=None if fits else size,
            )
        await self._background()
        self._show(mark)

    async def _meta_save(self, rest: str) -> None:
        target = _path_of(rest)
        if target is None:
            self.say("(!) :save needs a file name, e.g. :save world.sqlite3")
            return
        if target.resolve() == self.db_path.resolve():
            self.say(f"(!) {target} is this world's own file: it is kept as it is")
            return
        try:
            await asyncio.to_thread(self._save_to, target)
        except (OSError, sqlite3.Error) as error:
            self.say(f"(!) cannot save to {target}: {error}")
            return
        self.say(f"(saved: continue this world with `mentorbot demo --db {target}`)")

    def _save_to(self, target: Path) -> None:
        write_clock(self.db_path, self.clock.now())
        copy_world(self.db_path, target)

    def keep_clock(self) -> None:
        write_clock(self.db_path, self.clock.now())


def _aware(moment: datetime) -> datetime:
    # SQLite's aggregates come back without the zone; every stored time is UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _path_of(rest: str) -> Path | None:
    """A path as typed: quoted if it has spaces, ~ for home."""
    try:
        parts = shlex.split(rest)
    except ValueError:
        parts = [rest]
    if len(parts) != 1 or not parts[0]:
        return None
    return Path(parts[0]).expanduser()


def _path_and_caption(rest: str) -> tuple[Path | None, str | None]:
    """`:send PATH [caption]`: the path first (quoted if it has spaces), then the caption."""
    try:
        parts = shlex.split(rest)
    except ValueError:
        return None, None
    if not parts:
        return None, None
    return Path(parts[0]).expanduser(), " ".join(parts[1:]) or None


def _free_name(path: Path) -> Path:
    """`path`, or `name (2).ext` … if a file of that name is already there."""
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.stem} ({number}){path.suffix}")
    return candidate


async def main(
    db_path: Path | None = None,
    lines: Iterable[str] | None = None,
    out: TextIO = sys.stdout,
    files: Path | None = None,
) -> int:
    directory_ = tempfile.TemporaryDirectory(prefix="mentorbot-demo-")
    path = db_path or Path(directory_.name) / "demo.sqlite3"
    made = files is None and db_path is None
    if files is None:  # beside a kept world; else a folder of its own that outlives the run
        files = (
            path.with_name(path.stem + "-files")
            if db_path is not None
            else Path(tempfile.mkdtemp(prefix="mentorbot-demo-files-"))
        )
    try:
        resumed = read_clock(path)
    except sqlite3.Error as error:  # not an SQLite file, or one it cannot open
        print(f"(!) {path} is not a demo world (an SQLite file): {error}", file=out, flush=True)
        directory_.cleanup()
        return 2
    clock = ShiftedClock(resumed)
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
    fake = FakeTelegram(clock=clock.now)
    app = build_app(settings, session=fake, clock=clock, with_scheduler=False)
    demo = Demo(app, fake, out, clock=clock, db_path=path, files=files)
    try:
        await seed(app)
        demo.say(
            "Mentorbot offline demo. You are a newcomer: try /start.  :who lists people, "
            ":as <who> switches, #1 presses button [1], anything else is sent as typed, "
            ":wait 2h moves the clock, :help tells the rest, :quit leaves."
        )
        if resumed is not None:
            demo.say(f"(a kept world, {path}: its clock is at {demo._local_now()})")
        demo.say(f"(files the bot sends are saved in {files})")
        source = lines if lines is not None else _stdin_lines()
        for line in source:
            if not await demo.handle(line):
                break
    finally:
        await app.close()
        if db_path is not None:
            demo.keep_clock()
        if made and not any(files.iterdir()):
            files.rmdir()  # nothing was sent: leave no empty folder behind
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
