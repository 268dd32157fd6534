"""Every code the roadmap parser and importer can produce has a text in both languages, and
renders with no placeholder left unfilled."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from bot.services.roadmaps import deadlines, render, table_import
from bot.services.roadmaps.deadlines import parse_deadline
from bot.services.roadmaps.table_import import RoadmapImportError, seed_templates
from models.enums import OccurrenceEvent, OccurrenceStatus
from tests.support import shared_translator

ROOT = Path(__file__).resolve().parent.parent
TRANSLATOR = shared_translator()


def _codes(module: object, pattern: str) -> set[str]:
    """Codes written in a module's source, or in every module of a package."""
    path = Path(module.__file__)  # type: ignore[attr-defined]
    files = sorted(path.parent.glob("*.py")) if path.name == "__init__.py" else [path]
    return {code for file in files for code in re.findall(pattern, file.read_text("utf-8"))}


IMPORT_CODES = _codes(table_import, r'RoadmapImportError\(\s*"(\w+)"') | {"missing_column"}
REASONS = _codes(deadlines, r'\b(?:Unresolvable|Problem)\(\s*"(\w+)"') | {"unknown_phrase"}
FLAGS = {"on_request", "as_needed", "per_schedule", *deadlines.SCHOOL_YEAR_FLAGS.values()}
RECURRENCES = {*deadlines.RECURRENCE_NAMES.values(), deadlines.TERMLY}
# Every status an occurrence takes, and every line of its history, has a name.
STATUSES = {*OccurrenceStatus, *OccurrenceEvent}


def _dash(code: str) -> str:
    return code.replace("_", "-")


def test_codes_were_found() -> None:
    assert {"too_large", "no_header", "date_outside_period", "malformed"} <= IMPORT_CODES
    assert {"unknown_words", "missing_year", "date_outside_period"} <= REASONS
    # Codes of every module of the deadlines package, not only its __init__.
    assert {"ambiguous_day_of_month", "months_and_frequency_disagree", "invalid_range"} <= REASONS


@pytest.mark.parametrize(
    "key",
    sorted(
        [f"roadmap-import-{_dash(c)}" for c in IMPORT_CODES]
        + [f"roadmap-reason-{_dash(r)}" for r in REASONS]
        + [f"roadmap-flag-{_dash(f)}" for f in FLAGS]
        + [f"roadmap-recurrence-{_dash(r)}" for r in RECURRENCES]
        + [f"roadmap-status-{_dash(s)}" for s in STATUSES]
        + [f"roadmap-template-{name}" for name in seed_templates()]
        + [f"roadmap-below-roadmaps-{level}" for level in ("municipality", "organization")]
        + ["roadmap-warning-responsible-not-split"]
    ),
)
def test_key_exists_in_both_languages(key: str) -> None:
    assert TRANSLATOR.has(key)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_import_errors_render_with_their_place(lang: str) -> None:
    texts = TRANSLATOR.for_lang(lang)
    for code in sorted(IMPORT_CODES):
        text = render.import_error_text(
            texts, RoadmapImportError(code, row=12, column="Срок", value="Май 2035")
        )
        assert "{" not in text and "roadmap-" not in text, (code, text)
        assert "12" in text and "Срок" in text
    bare = render.import_error_text(texts, RoadmapImportError("empty_file"))
    assert "{" not in bare


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_seed_phrase_renders(lang: str) -> None:
    texts = TRANSLATOR.for_lang(lang)
    data = yaml.safe_load((ROOT / "data" / "roadmaps" / "deadline_phrases.yaml").read_text())
    periods = data["periods"]
    entries = data["seeds"] + data.get("variants", [])
    assert len(entries) > 50
    for entry in entries:
        period = periods[entry.get("period", "2020-2024")]
        spec = parse_deadline(
            entry["phrase"], period_start=period["start"], period_end=period["end"]
        )
        for part in spec.parts or (spec,):
            line = render.spec_text(texts, part)
            assert line and "{" not in line and "roadmap-" not in line, (entry["phrase"], line)


def test_reasons_render_with_their_values() -> None:
    texts = TRANSLATOR.for_lang("ru")
    spec = parse_deadline("Май 2035", period_start=date(2026, 1, 1), period_end=date(2028, 12, 31))
    assert render.spec_text(texts, spec) == "дата 31.05.2035 вне периода (01.01.2026 — 31.12.2028)"
    words = parse_deadline(
        "Когда получится", period_start=date(2026, 1, 1), period_end=date(2028, 12, 31)
    )
    assert render.spec_text(texts, words) == "фраза не распознана"
