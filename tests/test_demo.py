"""The offline demo: scripted through a pipe, the way a person or a session would use it."""

from __future__ import annotations

import asyncio
import io
import json
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiogram.client.default import DefaultBotProperties
from aiogram.enums import ParseMode

from bot.clock import ShiftedClock
from bot.demo import main, parse_duration, render
from bot.fakes.telegram import FakeTelegram
from tests.roadmap_support import make_csv

# A newcomer registers as a mentee at the school: consent, name, teacher, Кедровый, the
# school, mentee, maths, done, 3 years (typed), digital tools, done, confirm.
REGISTER = (
    *("/start", "#1", "Смирнова Ольга Ивановна", "#1", "#1", "#1", "#1", "#4", "#19", "3"),
    *("#4", "#12", "#1"),
)
# The mentee asks for flash help: the first topic, a question, online, today, send.
FLASH = (":as mentee", "/flash", "#1", "Не получается вести электронный журнал", "#1", "#1", "#1")


async def run_demo(tmp_path: Path, *lines: str) -> str:
    out = io.StringIO()
    await main(tmp_path / "demo.sqlite3", lines=list(lines), out=out)
    return out.getvalue()


async def test_newcomer_registers_and_the_coordinator_approves(tmp_path: Path) -> None:
    output = await run_demo(
        tmp_path,
        # consent, name, teacher, Кедровый, the school, mentee, maths, done, 3 years,
        # digital tools, done, confirm
        "/start",
        "#1",
        "Смирнова Ольга Ивановна",
        "#1",
        "#1",
        "#1",
        "#1",
        "#4",
        "#19",
        "3",
        "#4",
        "#12",
        "#1",
        ":as coordinator",
        "/pending",
    )
    assert "Согласие на обработку персональных данных" in output
    assert re.search(r"\[1\] ✅ \w", output)  # the consent button, numbered
    assert "Заявка отправлена координатору" in output
    assert "bot → coordinator" in output  # the coordinator was told, through the outbox
    assert "Смирнова Ольга Ивановна" in output.split("(you are now: coordinator)")[1]


async def test_approval_reaches_the_newcomer_before_a_pipe_ends(tmp_path: Path) -> None:
    # The sender spaces messages to one chat a second apart: the note about the approval is
    # put back for a moment, and the demo must still show it, not end with it unsent.
    output = await run_demo(
        tmp_path,
        *REGISTER,
        *(":as coordinator", "/pending", "#1", "#1", ":quit"),
    )
    after = output.split("Заявка подтверждена")[1]
    assert "── bot → newcomer ──\nКоординатор подтвердил вашу регистрацию" in after


async def test_coordinator_invite_link_registers_the_newcomer(tmp_path: Path) -> None:
    out = io.StringIO()

    def script():  # type: ignore[no-untyped-def]
        # mentee, teacher, the school, 7 days, one use
        yield from (":as coordinator", "/invite", "#1", "#1", "#1", "#2", "#1")
        code = re.findall(r"\?start=([\w-]+)", out.getvalue())[-1]
        yield from (":as newcomer", f"/start {code}", "#1", "Петрова Ирина Олеговна")
        # the invite gave category, school and role: subjects (maths), 2 years, a deficit
        yield from ("#4", "#19", "2", "#1", "#12", "#1", ":as coordinator", "/participants")

    await main(tmp_path / "demo.sqlite3", lines=script(), out=out)
    output = out.getvalue()
    assert "Ссылка-приглашение готова" in output and "Использований: 1" in output
    assert "Вы зарегистрированы" in output  # through the invite: no approval needed
    listing = output.split("(you are now: coordinator)")[-1]
    assert "Петрова Ирина Олеговна" in listing and "ждёт подтверждения" not in listing


async def test_a_number_typed_where_only_back_and_cancel_are_offered_is_the_answer(
    tmp_path: Path,
) -> None:
    # consent, name, teacher, Кедровый, the school, mentee, maths, done; then "2" years, typed
    # as a person would (the question's only buttons are Back and Cancel), not a press of Cancel
    output = await run_demo(
        tmp_path,
        *("/start", "#1", "Смирнова Ольга Ивановна", "#1", "#1", "#1", "#1", "#4", "#19", "2"),
    )
    assert "Регистрация отменена" not in output
    last = output.split("── bot ──")[-1]
    assert "С чем вам нужна помощь" in last  # the next question: 2 years were taken


async def test_switching_people_and_bad_input(tmp_path: Path) -> None:
    output = await run_demo(
        tmp_path, ":who", ":as mentor", "/profile", "#99", ":as nobody", ":help", ":quit", "/help"
    )
    assert "Кузнецов Пётр Ильич — mentor" in output
    assert "Экспертиза:" in output
    assert "no button 99" in output
    assert "no such person: nobody" in output
    assert "Что я умею" not in output  # nothing after :quit


async def test_a_unicode_digit_is_text_not_a_button_number(tmp_path: Path) -> None:
    # "²".isdigit() is true and int("²") raises: the demo took it for a button and crashed.
    output = await run_demo(tmp_path, ":as mentor", "/profile", "²", "/help")
    assert "no button" not in output
    assert "Что я умею" in output  # the demo went on


def test_console_script_reads_a_pipe(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("mentorbot")
    result = subprocess.run(
        [str(script), "demo", "--db", str(tmp_path / "d.sqlite3"), "--files", "sent"],
        input="/help\n:as mentor\n/mydata\n:quit\n",
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "Что я умею" in result.stdout
    assert "(files the bot sends are saved in sent)" in result.stdout
    assert [path.suffix for path in (tmp_path / "sent").iterdir()] == [".json"]


async def test_a_number_is_typed_text_on_every_screen_and_hash_presses(tmp_path: Path) -> None:
    output = await run_demo(
        tmp_path,
        "#1",  # nothing on the screen yet
        "/start",
        "1",  # typed under the consent's buttons: a text, not a press of «consent»
        "#7",  # there are two buttons
        '"#1',  # the quote sends the rest as it is: the text «#1», again no press
        "#1",
    )
    assert "(!) no buttons to press here" in output
    assert "(!) no button 7; there are 2" in output
    # Neither "1" nor the quoted "#1" gave consent (the consent is asked again after each);
    # only the press did: the name is asked once, at the very end.
    assert output.count("фамилию, имя и отчество") == 1
    assert "фамилию, имя и отчество" in output.split("── bot ──")[-1]
    assert output.split("(!) no button 7")[1].count("Согласны?") == 2


async def test_wait_runs_the_reminder_when_it_falls_due_and_bad_waits_change_nothing(
    tmp_path: Path,
) -> None:
    reminder = "ждёт подтверждения уже сутки"
    output = await run_demo(
        tmp_path,
        *REGISTER,
        # Refused politely; had any of them moved the clock, the reminder would follow.
        *(":wait", ":wait 2x", ":wait 0m", ":wait 400d", ":wait ²h", ":wait -3h"),
        ":wait 23h",
        "/help",
        ":wait 2h",
    )
    assert output.count("(!) :wait takes a time like") == 6
    before, after = output.split("Что я умею")
    assert reminder not in before  # 23 hours: not yet
    assert "(the demo's clock is now" in after
    # Due at one day, shown under the time it happened, before the clock's last word.
    step = after.split("(at ")[1]
    assert re.match(r"\w{3} \d\d\.\d\d\.\d{4} \d\d:\d\d\)", step)
    assert "── bot → coordinator ──\nЗаявка Смирнова Ольга Ивановна" in step
    assert reminder in step.split("(the demo's clock is now")[0]


async def test_wait_lets_a_flash_offer_time_out_in_order(tmp_path: Path) -> None:
    output = await run_demo(tmp_path, *FLASH, ":wait 1d", ":as mentor", "/offers")
    sent, waited = output.split("Запрос №1 отправлен")[1].split("(at ", 1)
    assert "── bot → mentor ──\n⚡ Запрос о помощи №1" in sent  # the offer, before any wait
    handed = waited.index("Запрос о помощи №1 никто не взял")  # to the coordinator
    told = waited.index("никто не откликнулся в срок")  # the mentee, when it expires
    expired = waited.index("Срок этого запроса истёк")  # the mentor's offer says so
    # The mentee's word and the coordinator's hand-over may come in either order when the
    # machine is loaded (the demo's clock is the real one moved on); both precede the expiry.
    assert max(handed, told) < expired
    # Each at its own time: the hand-over and the expiry are separate stops of the clock.
    assert "(at " in waited[handed:expired]


async def test_text_with_angle_brackets_is_shown_as_the_bot_sent_it(tmp_path: Path) -> None:
    question = "Как объяснить, что 2 < 3 > 1 & <b>тег</b>?"
    output = await run_demo(tmp_path, *FLASH[:3], question, *FLASH[4:])
    # The bot escaped it for Telegram's HTML; the person sees exactly what was typed.
    assert f"Вопрос: {question}" in output.split("── bot → mentor ──")[1]
    assert "&lt;" not in output and "&amp;" not in output


async def test_render_shows_entities_plainly_and_links_with_their_address() -> None:
    fake = FakeTelegram()
    bot = fake.create_bot(DefaultBotProperties(parse_mode=ParseMode.HTML))
    message = await bot.send_message(
        42, '😀 <b>Важно</b>: <a href="https://example.org/x">ссылка</a> и &lt;тег&gt;'
    )
    assert render(message) == "😀 Важно: ссылка (https://example.org/x) и <тег>"


def test_durations() -> None:
    assert parse_duration("30m") == timedelta(minutes=30)
    assert parse_duration("1d12h") == timedelta(days=1, hours=12)
    assert parse_duration("2W") == timedelta(weeks=2)
    for bad in ("", "2", "h", "2h30", "-2h", "2 h", "²h", "367d", "0h", "1e3h"):
        assert parse_duration(bad) is None, bad


async def test_files_the_bot_sends_are_saved_in_the_named_folder(tmp_path: Path) -> None:
    output = await run_demo(tmp_path, ":as mentor", "/mydata")
    assert f"(files the bot sends are saved in {tmp_path / 'demo-files'})" in output
    saved = Path(re.findall(r"📎 \S+ → (.+)", output)[-1])
    assert saved.parent == tmp_path / "demo-files"
    content = json.loads(await asyncio.to_thread(saved.read_text))
    assert "Кузнецов Пётр Ильич" in json.dumps(content, ensure_ascii=False)


async def test_send_imports_a_roadmap_table_within_the_bots_bounds(tmp_path: Path) -> None:
    table = tmp_path / "дорожная карта.csv"
    table.write_bytes(make_csv())
    big = tmp_path / "big.csv"
    with big.open("wb") as sparse:  # past the 20 MB a bot may download: only its size goes
        sparse.truncate(21 * 1024 * 1024)
    empty = tmp_path / "empty.csv"
    empty.touch()
    output = await run_demo(
        tmp_path,
        ":as coordinator",
        ":send",
        f":send {tmp_path / 'нет.csv'}",
        f":send {empty}",
        "/roadmap",
        "#2",
        f":send {big}",
        f':send "{table}"',
        "#1",
    )
    assert "(!) no such file: —" in output
    assert "(!) no such file: " + str(tmp_path / "нет.csv") in output
    assert "(!) the file is empty" in output
    refused, previewed = output.split("Проверьте перед сохранением")
    assert "Файл слишком большой: можно до 5 МБ" in refused.split("Пришлите файл дорожной")[-1]
    assert "Период: 01.01.2026 — 31.12.2028" in previewed
    assert "Дорожная карта сохранена" in previewed


async def test_save_then_db_continues_the_world_and_its_clock(tmp_path: Path) -> None:
    kept = tmp_path / "kept" / "world.sqlite3"
    kept.parent.mkdir()
    first = io.StringIO()
    lines = [*REGISTER, ":wait 3d", ":save", f":save {tmp_path / 'no' / 'such' / 'x'}"]
    await main(None, lines=[*lines, f":save {kept}"], out=first)
    saved = first.getvalue()
    assert "(!) :save needs a file name" in saved
    assert "(!) cannot save to" in saved
    assert f"(saved: continue this world with `mentorbot demo --db {kept}`)" in saved
    moment = re.findall(r"the demo's clock is now \w+ ([\d.]+ [\d:]+)", saved)[-1]

    out = io.StringIO()
    await main(kept, lines=[":as coordinator", "/pending", ":wait 1h"], out=out)
    second = out.getvalue()
    banner = re.search(r"a kept world, .*: its clock is at \w+ ([\d.]+ [\d:]+)", second)
    assert banner is not None
    gap = datetime.strptime(banner[1], "%d.%m.%Y %H:%M") - datetime.strptime(
        moment, "%d.%m.%Y %H:%M"
    )
    assert timedelta(0) <= gap <= timedelta(minutes=2)  # resumed, not back to today
    assert "Смирнова Ольга Ивановна" in second  # the newcomer waits in /pending still
    assert "ждёт подтверждения уже сутки" not in second  # done in the first run, not again


def button(out: io.StringIO, label: str) -> str:
    """`#N` for the newest button whose text contains `label` (layouts change; words less)."""
    numbers = re.findall(rf"\[(\d+)\] [^\[\n]*{re.escape(label)}", out.getvalue())
    assert numbers, f"no button {label!r} shown"
    return f"#{numbers[-1]}"


async def test_a_scheduled_photo_announcement_goes_out_during_a_wait(tmp_path: Path) -> None:
    picture = tmp_path / "семинар.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 200)
    huge = tmp_path / "huge.png"
    with huge.open("wb") as sparse:  # past the 10 MB Telegram takes as a photo
        sparse.truncate(11 * 1024 * 1024)
    out = io.StringIO()

    def script():  # type: ignore[no-untyped-def]
        yield from (":as coordinator", "/announce", f":photo {huge} Большое")
        yield f':photo "{picture}" Фотоотчёт с семинара'
        yield button(out, "Далее")
        yield button(out, "Запланировать")
        yield from ("завтра 9:00", ":wait 2d")

    await main(tmp_path / "demo.sqlite3", lines=script(), out=out)
    output = out.getvalue()
    assert "(!) Telegram does not take a photo this big" in output
    before, after = output.split("\n(at ", 1)
    assert "── bot → mentee ──" not in before  # nobody got it before its time
    assert after.split(")", 1)[0].endswith(" 09:00")  # sent at the hour it was planned for
    delivered = after.split("── bot → mentee ──\n", 1)[1]
    # The caption, signed by the coordinator who sent it, then the photo.
    assert delivered.startswith("Фотоотчёт с семинара\n\n— Орлова Елена Сергеевна, координатор")
    assert "\n📎 photo → " in delivered
    saved = Path(re.findall(r"📎 photo → (.+)", delivered)[0])
    assert saved.parent == tmp_path / "demo-files"
    assert await asyncio.to_thread(saved.read_bytes) == b"\x89PNG\r\n\x1a\n" + b"0" * 200


def test_the_demo_clock_moves_only_forward() -> None:
    start = datetime(2030, 1, 1, tzinfo=UTC)
    clock = ShiftedClock(start)
    assert timedelta(0) <= clock.now() - start < timedelta(seconds=5)
    moved = clock.advance(timedelta(hours=2))
    assert timedelta(hours=2) <= moved - start < timedelta(hours=2, seconds=5)
    assert clock.move_to(start) >= moved  # a moment already past: no jump back
    with pytest.raises(ValueError):
        clock.advance(timedelta(seconds=-1))


async def test_a_db_that_is_not_a_demo_world_is_refused_and_left_alone(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("это не база данных\n" * 100)
    out = io.StringIO()
    assert await main(notes, lines=["/help"], out=out) == 2
    assert f"(!) {notes} is not a demo world" in out.getvalue()
    assert "Что я умею" not in out.getvalue()
    assert await asyncio.to_thread(notes.read_text) == "это не база данных\n" * 100
