"""`.ci/run` does what README.md tells a person to do, with the scale-mode tier switched on."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / ".ci" / "run"


def _readme_block(heading: str) -> list[str]:
    text = (ROOT / "README.md").read_text("utf-8")
    section = text.split(f"## {heading}", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, re.S)
    assert block, f"no command block under '{heading}'"
    return [line.strip() for line in block.group(1).splitlines() if line.strip()]


def test_ci_installs_and_tests_the_way_the_readme_says() -> None:
    script = SCRIPT.read_text("utf-8")
    install, test = _readme_block("Test it")
    # README: python3 -m venv .venv && .venv/bin/pip install -e '.[dev]'
    pip_args = install.split(".venv/bin/pip ", 1)[1]
    assert f'"$VENV/bin/pip" install --quiet {pip_args.removeprefix("install ")}' in script
    # README: .venv/bin/python -m pytest -q, with the scale tier required in CI
    command = test.removeprefix(".venv/bin/python ")
    run_line = f'"$VENV/bin/python" {command}'
    assert run_line in script
    assert script.index("export MENTORBOT_SCALE_TESTS=1") < script.index(run_line)
    # Property tests at their full counts in CI (tests/hypothesis_profiles.py).
    assert script.index("export HYPOTHESIS_PROFILE=ci") < script.index(run_line)
    assert "rm -rf .venv" not in script  # a local run must not wipe the developer's venv
    assert "pg_isready" in script and "redis-cli" in script
    # The roadmap documents are checked before anything is installed, not found missing by
    # the tests that read them (see the seeds_dir fixture).
    assert script.index("[ ! -d ../shared/seeds ]") < script.index("== install")


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_ci_script_parses() -> None:
    subprocess.run(["bash", "-n", str(SCRIPT)], check=True)
