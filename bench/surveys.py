"""Benchmark: results and XLSX of a survey campaign with 100,000 responses.

Target (issue): aggregation, results and the XLSX in under 5 s and under 300 MB. Rows are
generated lazily, as a database cursor would stream them, from a pool of pre-made answer
dicts so that generating them costs next to nothing next to what is measured.

Memory is measured two ways: the Python heap's peak (tracemalloc) during the job, and the peak
resident memory of a fresh process that does only the job (`peak_rss`, imports included), which
also counts what tracemalloc cannot see: lxml behind openpyxl, SQLite, the allocator's slack.
"""

from __future__ import annotations

import io
import random
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.services.surveys.answering import validate_answer
from bot.services.surveys.results import RawRow, Row, aggregate, export_xlsx
from bot.services.surveys.templates import TEMPLATES_DIR, SurveyTemplate, load_template
from models.enums import CampaignStatus, InvitationStatus, ParticipantStatus

FULL_RESPONSES = 100_000
QUICK_RESPONSES = 5_000
TARGET_SECONDS = 5.0
TARGET_MB = 300.0
MUNICIPALITIES = 20  # Tomsk region: 20 municipalities (roadmap item 1)
ORGANIZATIONS = 335  # schools with a "Развитие наставничества" section (roadmap item 3)
POOL = 997  # distinct answer sets, prime so they do not line up with organizations
ROOT = Path(__file__).resolve().parent.parent


def _criteria_template() -> SurveyTemplate:
    return load_template(TEMPLATES_DIR / "tomsk_effectiveness_criteria.yaml")


def _answer_pool(template: SurveyTemplate, seed: int = 20240901) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    pool: list[dict[str, Any]] = []
    for _ in range(POOL):
        answers: dict[str, Any] = {}
        for question in template.questions:
            if question.kind == "single":
                answers[question.id] = rng.choice(question.options).id
            elif question.kind == "text" and rng.random() < 0.2:
                answers[question.id] = validate_answer(question, f"комментарий {rng.random()}")
        pool.append(answers)
    return pool


def _rows(pool: list[dict[str, Any]], count: int) -> Iterator[Row]:
    for i in range(count):
        organization = i % ORGANIZATIONS
        yield pool[i % POOL], organization, organization % MUNICIPALITIES


def _raw_rows(pool: list[dict[str, Any]], count: int) -> Iterator[RawRow]:
    submitted = datetime(2024, 5, 20, 12, 0)
    for i in range(count):
        organization = i % ORGANIZATIONS
        yield RawRow(
            f"Участник {i}",
            f"Школа {organization}",
            f"МО {organization % MUNICIPALITIES}",
            submitted,
            pool[i % POOL],
        )


def _run_once(
    template: SurveyTemplate, pool: list[dict[str, Any]], count: int, raw: bool
) -> dict[str, float]:
    started = time.perf_counter()
    results = aggregate(
        template, _rows(pool, count), breakdown="municipality", audience=count + count // 4
    )
    aggregated = time.perf_counter()
    buffer = io.BytesIO()
    export_xlsx(
        results, template, "ru", _raw_rows(pool, count) if raw else None, buffer, previous=results
    )
    finished = time.perf_counter()
    return {
        "aggregate": aggregated - started,
        "xlsx": finished - aggregated,
        "total": finished - started,
        "bytes": buffer.tell(),
    }


def _peak_mb(job: Callable[[], object]) -> float:
    # Measured in a separate run: tracemalloc slows Python down several times over.
    tracemalloc.start()
    try:
        job()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 1024 / 1024


def _process_peak_mb(call: str) -> float:
    """Peak resident memory, in MB, of a fresh interpreter that runs `call` (an expression
    over this module, named `b`) and nothing else."""
    code = f"import bench.surveys as b; {call}; b._print_peak_rss()"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return float(done.stdout.strip().splitlines()[-1])


def _print_peak_rss() -> None:
    # VmHWM is the peak of this process's own memory map. ru_maxrss is not: Linux carries the
    # parent's resident size at the fork over into the child's (a parent that has just seeded
    # a database would be counted), so it is only the fallback where /proc is missing.
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    print(int(line.split()[1]) / 1024)  # kB
                    return
    except OSError:
        pass
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)  # kB on Linux


def _child_in_memory(count: int, raw: bool) -> None:
    anonymous = _criteria_template()
    template = (
        SurveyTemplate.from_snapshot({**anonymous.snapshot(), "anonymous": False})
        if raw
        else anonymous
    )
    _run_once(template, _answer_pool(template), count, raw)


def _child_database(url: str, campaign_id: int) -> None:
    import asyncio

    from bot.db import create_engine, create_session_factory
    from bot.settings import Settings

    async def job() -> None:
        engine = create_engine(Settings(_env_file=None, database_url=url))  # type: ignore[call-arg]
        try:
            await _report_and_export(create_session_factory(engine), campaign_id)
        finally:
            await engine.dispose()

    asyncio.run(job())


def _figure(name: str, value: float, unit: str, target: float | None) -> dict[str, Any]:
    return {"name": name, "value": round(value, 3), "unit": unit, "target": target}


def run(quick: bool) -> list[dict[str, Any]]:
    """Figures for the anonymous criteria survey and for a named variant with raw answers."""
    count = QUICK_RESPONSES if quick else FULL_RESPONSES
    anonymous = _criteria_template()
    # The shipped criteria survey is anonymous; the named variant also writes the raw sheet.
    named = SurveyTemplate.from_snapshot({**anonymous.snapshot(), "anonymous": False})
    figures: list[dict[str, Any]] = []
    for label, template, raw in (("anonymous", anonymous, False), ("named_raw", named, True)):
        pool = _answer_pool(template)
        timing = _run_once(template, pool, count, raw)
        prefix = f"surveys.{label}.{count}"
        # The named variant also writes the raw answers sheet (a cell per answer).
        figures += [
            _figure(f"{prefix}.aggregate_time", timing["aggregate"], "s", None),
            _figure(f"{prefix}.xlsx_time", timing["xlsx"], "s", None),
            _figure(f"{prefix}.total_time", timing["total"], "s", TARGET_SECONDS),
        ]
        peak = _peak_mb(lambda t=template, p=pool, r=raw: _run_once(t, p, count, r))
        figures.append(_figure(f"{prefix}.peak_memory", peak, "MB", TARGET_MB))
        rss = _process_peak_mb(f"b._child_in_memory({count}, {raw})")
        figures += [
            _figure(f"{prefix}.peak_rss", rss, "MB", TARGET_MB),
            _figure(f"{prefix}.xlsx_size", timing["bytes"] / 1024 / 1024, "MB", None),
        ]
    figures += _database_figures(anonymous, count)
    return figures


# --- the real path: responses in SQLite, streamed through the reporting service -------------


async def _seed(url: str, template: SurveyTemplate, count: int) -> tuple[list[int], Any]:
    """A migrated database with two campaigns of `count` responses each (and a quarter more
    invited): `template` as shipped (anonymous) and a named variant of it."""
    from sqlalchemy import insert, select

    from bot.db import create_engine, create_session_factory, transaction
    from bot.services import directory
    from bot.settings import Settings
    from data import DIRECTORY_EXAMPLE
    from models import Organization, Participant
    from models.survey import SurveyCampaign, SurveyInvitation, SurveyResponse

    engine = create_engine(Settings(_env_file=None, database_url=url))  # type: ignore[call-arg]
    factory = create_session_factory(engine)
    now = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)
    pool = _answer_pool(template)
    async with transaction(factory) as session:
        await directory.load_directory(session, directory.read_directory_file(DIRECTORY_EXAMPLE))
        orgs = list(
            (await session.execute(select(Organization.id, Organization.municipality_id))).all()
        )
        people = count + count // 4
        await session.execute(
            insert(Participant),
            [
                {
                    "language": "ru",
                    "full_name": f"Участник {i}",
                    "status": ParticipantStatus.active,
                    "category": "teacher",
                    "organization_id": orgs[i % len(orgs)][0],
                    "subjects": [],
                    "deficits": [],
                    "expertise": [],
                    "formats": [],
                    "capacity": 0,
                    "flash_available": False,
                    "bot_blocked": False,
                    "created_at": now,
                    "updated_at": now,
                }
                for i in range(people)
            ],
        )
        ids = list(
            (await session.execute(select(Participant.id, Participant.organization_id))).all()
        )
        muni = dict(orgs)
        named = SurveyTemplate.from_snapshot({**template.snapshot(), "anonymous": False})
        campaign_ids = []
        for variant in (template, named):
            campaign = SurveyCampaign(
                template_id=variant.id,
                template_version=variant.version,
                fingerprint=variant.fingerprint,
                snapshot=variant.snapshot(),
                anonymous=variant.anonymous,
                audience={},
                owner_scopes=[],
                owner_is_admin=True,
                status=CampaignStatus.open,
                opens_at=now,
                closes_at=now + timedelta(days=14),
                audience_size=people,
                created_by=1,
                created_at=now,
            )
            session.add(campaign)
            await session.flush()
            await session.execute(
                insert(SurveyInvitation),
                [
                    {
                        "campaign_id": campaign.id,
                        "participant_id": pid,
                        "organization_id": oid,
                        "municipality_id": muni[oid],
                        "status": InvitationStatus.submitted
                        if i < count
                        else InvitationStatus.invited,
                        "invited_at": now,
                        "reminders": 0,
                    }
                    for i, (pid, oid) in enumerate(ids)
                ],
            )
            await session.execute(
                insert(SurveyResponse),
                [
                    {
                        "campaign_id": campaign.id,
                        "answers": pool[i % POOL],
                        "organization_id": oid,
                        "municipality_id": muni[oid],
                        "participant_id": None if variant.anonymous else pid,
                        "submitted_at": None if variant.anonymous else now,
                    }
                    for i, (pid, oid) in enumerate(ids[:count])
                ],
            )
            campaign_ids.append(campaign.id)
    return campaign_ids, (engine, factory)


async def _report_and_export(factory: Any, campaign_id: int) -> int:
    from zoneinfo import ZoneInfo

    from bot.db import transaction
    from bot.services.access import Actor
    from bot.services.surveys import reporting

    admin = Actor(tg_id=1, is_admin=True)
    async with transaction(factory) as session:
        # What the XLSX button does: the report and its spreadsheet together.
        _report, payload = await reporting.build_export(
            session, admin, campaign_id, "municipality", "ru", ZoneInfo("Asia/Tomsk")
        )
    return len(payload)


def _database_figures(template: SurveyTemplate, count: int) -> list[dict[str, Any]]:
    """Results and XLSX of a campaign read from SQLite by the reporting service: the anonymous
    criteria survey, and a named variant whose XLSX also has the raw answers sheet."""
    import asyncio
    import tempfile

    from bot.migrate import upgrade_sync

    figures: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="bench-surveys-") as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.sqlite3'}"
        upgrade_sync(url)
        campaign_ids, (engine, factory) = asyncio.run(_seed(url, template, count))

        async def measure(campaign_id: int) -> tuple[float, float]:
            started = time.perf_counter()
            await _report_and_export(factory, campaign_id)
            seconds = time.perf_counter() - started
            tracemalloc.start()
            try:
                await _report_and_export(factory, campaign_id)
                _current, peak = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
            return seconds, peak / 1024 / 1024

        async def all_of_them() -> list[tuple[float, float]]:
            try:
                return [await measure(campaign_id) for campaign_id in campaign_ids]
            finally:
                await engine.dispose()

        measured = asyncio.run(all_of_them())
        for label, campaign_id, (seconds, peak) in zip(
            ("database", "database_named"), campaign_ids, measured, strict=True
        ):
            rss = _process_peak_mb(f"b._child_database({url!r}, {campaign_id})")
            prefix = f"surveys.{label}.{count}"
            figures += [
                _figure(f"{prefix}.results_and_xlsx_time", seconds, "s", TARGET_SECONDS),
                _figure(f"{prefix}.peak_memory", peak, "MB", TARGET_MB),
                _figure(f"{prefix}.peak_rss", rss, "MB", TARGET_MB),
            ]
    return figures


if __name__ == "__main__":
    for figure in run(quick=False):
        print(figure)
