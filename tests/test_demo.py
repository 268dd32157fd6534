"""The offline demo: scripted through a pipe, the way a person or a session would use it."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

from bot.demo import main


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
        "1",
        "Смирнова Ольга Ивановна",
        "1",
        "1",
        "1",
        "1",
        "4",
        "19",
        '"3',
        "4",
        "12",
        "1",
        ":as coordinator",
        "/pending",
    )
    assert "Согласие на обработку персональных данных" in output
    assert "[1] ✅ Согласен(на)" in output
    assert "Заявка отправлена координатору" in output
    assert "bot → coordinator" in output  # the coordinator was told, through the outbox
    assert "Смирнова Ольга Ивановна" in output.split("(you are now: coordinator)")[1]


async def test_approval_reaches_the_newcomer_before_a_pipe_ends(tmp_path: Path) -> None:
    # The sender spaces messages to one chat a second apart: the note about the approval is
    # put back for a moment, and the demo must still show it, not end with it unsent.
    output = await run_demo(
        tmp_path,
        *("/start", "1", "Смирнова Ольга Ивановна", "1", "1", "1", "1", "4", "19", '"3'),
        *("4", "12", "1", ":as coordinator", "/pending", "1", "1", ":quit"),
    )
    after = output.split("Заявка подтверждена")[1]
    assert "── bot → newcomer ──\nКоординатор подтвердил вашу регистрацию" in after


async def test_coordinator_invite_link_registers_the_newcomer(tmp_path: Path) -> None:
    out = io.StringIO()

    def script():  # type: ignore[no-untyped-def]
        # mentee, teacher, the school, 7 days, one use
        yield from (":as coordinator", "/invite", "1", "1", "1", "2", "1")
        code = re.findall(r"\?start=([\w-]+)", out.getvalue())[-1]
        yield from (":as newcomer", f"/start {code}", "1", "Петрова Ирина Олеговна")
        # the invite gave category, school and role: subjects (maths), 2 years, a deficit
        yield from ("4", "19", '"2', "1", "12", "1", ":as coordinator", "/participants")

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
        *("/start", "1", "Смирнова Ольга Ивановна", "1", "1", "1", "1", "4", "19", "2"),
    )
    assert "Регистрация отменена" not in output
    last = output.split("── bot ──")[-1]
    assert "С чем вам нужна помощь" in last  # the next question: 2 years were taken


async def test_switching_people_and_bad_input(tmp_path: Path) -> None:
    output = await run_demo(
        tmp_path, ":who", ":as mentor", "/profile", "99", ":as nobody", ":help", ":quit", "/help"
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
        [str(script), "demo", "--db", str(tmp_path / "d.sqlite3")],
        input="/help\n:quit\n",
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "Что я умею" in result.stdout
