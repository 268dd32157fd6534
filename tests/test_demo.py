"""The offline demo: scripted through a pipe, the way a person or a session would use it."""

from __future__ import annotations

import io
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


async def test_switching_people_and_bad_input(tmp_path: Path) -> None:
    output = await run_demo(
        tmp_path, ":who", ":as mentor", "/profile", "99", ":as nobody", ":help", ":quit", "/help"
    )
    assert "Кузнецов Пётр Ильич — mentor" in output
    assert "Экспертиза:" in output
    assert "no button 99" in output
    assert "Что я умею" not in output  # nothing after :quit


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
