"""Benchmark: meeting totals per organization and municipality over 1,000,000 meetings.

Target (issue 4): under 1 s on SQLite, and the query plan uses indexes. A region's worth of
data — 20 municipalities, 1,000 organizations, 20,000 mentors, three school years of meetings —
is seeded into a fresh SQLite file built by the real migrations (quick: 50,000 meetings).
The timed calls are the service itself (``meeting_totals.totals``) through aiosqlite, as the
coordinators' screen and the reports run it.

``EXPLAIN QUERY PLAN`` must show the covering indexes of migration 0004; the run fails loudly
(AssertionError) if it does not. The baseline is the same call on the indexes the schema had
before (0002: ``(organization_id, held_on)`` and ``(municipality_id)``), with which SQLite
walks an index and fetches every row from the table — slower than no index at all.
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.dialects import sqlite as sqlite_dialect

from bot.db import create_engine, create_session_factory
from bot.migrate import upgrade_sync
from bot.services.access import Actor, Scope
from bot.services.mentorship import meeting_totals
from bot.services.mentorship.meeting_totals import GroupBy
from bot.settings import Settings
from models.enums import MeetingStatus, ScopeLevel

SEED = 20260901
MUNICIPALITIES = 20
ORGANIZATIONS_PER_MUNICIPALITY = 50
MENTORS = 20_000
FIRST_DAY = date(2023, 9, 1)
DAYS = 3 * 365
TARGET_SECONDS = 1.0
RUNS = 5
NEW_INDEXES = {
    "org": "ix_meetings_org_totals",
    "muni": "ix_meetings_muni_totals",
    "pair_org": "ix_meetings_pair_org_totals",
    "pair_muni": "ix_meetings_pair_muni_totals",
}
CROSS_SHARE = 0.02  # meetings of network pairs: the mentees' school is another one
OLD_INDEXES = (
    "CREATE INDEX ix_meetings_org_held_on ON meetings (organization_id, held_on)",
    "CREATE INDEX ix_meetings_municipality_id ON meetings (municipality_id)",
)
SCHOOL_YEAR = (date(2024, 9, 1), date(2025, 8, 31))


def _seed(path: Path, count: int) -> None:
    """Directory rows and ``count`` meetings, written with the stdlib driver in one go."""
    db = sqlite3.connect(path)
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-262144")  # 256 MB for the bulk load
    # Bulk load without the indexes, then build them once: inserting a million rows into six
    # B-trees in random order costs minutes, building them afterwards seconds.
    indexes = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'meetings'"
        " AND sql IS NOT NULL"
    ).fetchall()
    for name, _ in indexes:
        db.execute(f"DROP INDEX {name}")
    db.execute("INSERT INTO regions (id, code, name, timezone) VALUES (1, 'r', 'R', 'UTC')")
    db.executemany(
        "INSERT INTO municipalities (id, region_id, name) VALUES (?, 1, ?)",
        [(m, f"М{m}") for m in range(1, MUNICIPALITIES + 1)],
    )
    db.executemany(
        "INSERT INTO organizations (id, municipality_id, name, kind) VALUES (?, ?, ?, 'school')",
        [
            ((m - 1) * ORGANIZATIONS_PER_MUNICIPALITY + o, m, f"Школа {m}-{o}")
            for m in range(1, MUNICIPALITIES + 1)
            for o in range(1, ORGANIZATIONS_PER_MUNICIPALITY + 1)
        ],
    )
    rng = random.Random(SEED)
    # Mentors are spread over schools; a meeting belongs to its mentor's school (denormalised).
    mentor_org = [
        rng.randrange(MUNICIPALITIES * ORGANIZATIONS_PER_MUNICIPALITY) + 1 for _ in range(MENTORS)
    ]
    created = datetime(2024, 1, 1, tzinfo=UTC).isoformat(" ")
    statuses = (MeetingStatus.confirmed,) * 7 + (
        MeetingStatus.logged,
        MeetingStatus.logged,
        MeetingStatus.disputed,
        MeetingStatus.deleted,
    )

    def rows():  # type: ignore[no-untyped-def]
        for _ in range(count):
            mentor = rng.randrange(MENTORS)
            org = mentor_org[mentor]
            pair_org = pair_muni = None
            if rng.random() < CROSS_SHARE:
                pair_org = rng.randrange(MUNICIPALITIES * ORGANIZATIONS_PER_MUNICIPALITY) + 1
                pair_muni = (pair_org - 1) // ORGANIZATIONS_PER_MUNICIPALITY + 1
            yield (
                mentor // 2 + 1,
                mentor + 1,
                org,
                (org - 1) // ORGANIZATIONS_PER_MUNICIPALITY + 1,
                pair_org,
                pair_muni,
                (FIRST_DAY + timedelta(days=rng.randrange(DAYS))).isoformat(),
                rng.choice((30, 45, 45, 60, 60, 90)),
                rng.choice(("online", "offline")),
                "Встреча по плану развития",
                rng.choice(statuses),
                mentor + 1,
                created,
                created,
            )

    db.executemany(
        "INSERT INTO meetings (mentorship_id, mentor_id, organization_id, municipality_id,"
        " pair_organization_id, pair_municipality_id, held_on, duration_minutes, format, topic,"
        " status, created_by, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows(),
    )
    for _, sql in indexes:
        db.execute(sql)
    db.commit()
    db.close()


def _cases() -> dict[str, tuple[GroupBy | None, dict[str, Any]]]:
    municipal = Actor(tg_id=1, participant_id=1, scopes=(Scope(ScopeLevel.municipality, 3),))
    regional = Actor(tg_id=2, participant_id=2, scopes=(Scope(ScopeLevel.region, 1),))
    since, until = SCHOOL_YEAR
    return {
        "by_organization_school_year": (
            GroupBy.organization,
            {"since": since, "until": until, "scope": regional},
        ),
        "by_municipality_school_year": (
            GroupBy.municipality,
            {"since": since, "until": until, "scope": regional},
        ),
        "by_organization_all_time": (GroupBy.organization, {}),
        "by_organization_in_a_municipality": (
            GroupBy.organization,
            {"since": since, "until": until, "scope": municipal},
        ),
        # The overall line of the coordinators' screen: each meeting once per scope.
        "overall_in_a_municipality": (None, {"since": since, "until": until, "scope": municipal}),
    }


def _plan(path: Path, group: GroupBy | None, filters: dict[str, Any]) -> list[str]:
    """The plan steps of every query of the totals (the mentor's side and the pair's)."""
    steps: list[str] = []
    db = sqlite3.connect(path)
    try:
        for query in meeting_totals.totals_queries(group, **filters):
            compiled = query.compile(dialect=sqlite_dialect.dialect())
            params = compiled.construct_params()
            # SQLite keeps dates as ISO text, which is what SQLAlchemy's binding does too.
            values = [
                v.isoformat() if isinstance(v, date) else v
                for v in (params[name] for name in compiled.positiontup or [])
            ]
            rows = db.execute(f"EXPLAIN QUERY PLAN {compiled}", values).fetchall()
            steps += [row[3] for row in rows]
    finally:
        db.close()
    return steps


async def _time(url: str, runs: int) -> dict[str, list[float]]:
    engine = create_engine(Settings(_env_file=None, database_url=url))  # type: ignore[call-arg]
    factory = create_session_factory(engine)
    timings: dict[str, list[float]] = {}
    try:
        for name, (group, filters) in _cases().items():
            timings[name] = []
            for _ in range(runs):
                async with factory() as session:
                    start = time.perf_counter()
                    rows: Any = (
                        await meeting_totals.totals(session, group, **filters)
                        if group is not None
                        else [await meeting_totals.overall(session, **filters)]
                    )
                    timings[name].append(time.perf_counter() - start)
                assert rows, name
    finally:
        await engine.dispose()
    return timings


def run(quick: bool) -> list[dict]:
    count = 50_000 if quick else 1_000_000
    runs = 3 if quick else RUNS
    label = f"{count // 1000}k"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "meetings.sqlite3"
        url = f"sqlite+aiosqlite:///{path}"
        upgrade_sync(url)
        start = time.perf_counter()
        _seed(path, count)
        seed_seconds = time.perf_counter() - start

        covered = 0
        for name, (group, filters) in _cases().items():
            plan = " | ".join(_plan(path, group, filters))
            print(f"  plan {name}: {plan}", flush=True)
            # Every step reads one of the covering indexes; none reads the table.
            steps = [step for step in plan.split(" | ") if "meetings" in step]
            assert steps and all(
                any(f"COVERING INDEX {index}" in step for index in NEW_INDEXES.values())
                for step in steps
            ), f"{name}: {plan}"
            covered += 1
        timings = asyncio.run(_time(url, runs))

        db = sqlite3.connect(path)
        for index in NEW_INDEXES.values():
            db.execute(f"DROP INDEX {index}")
        for statement in OLD_INDEXES:
            db.execute(statement)
        db.commit()
        db.close()
        baseline = asyncio.run(_time(url, max(1, runs // 2)))

    figures: list[dict[str, Any]] = []
    for name, values in timings.items():
        figures.append(
            {
                "name": f"meetings.{label}.{name}",
                "value": round(statistics.median(values) * 1000, 1),
                "unit": "ms",
                "target": TARGET_SECONDS * 1000,
                "baseline": round(statistics.median(baseline[name]) * 1000, 1),
            }
        )
    figures.append(
        {
            "name": f"meetings.{label}.plans_on_covering_indexes",
            "value": covered,
            "unit": "queries",
            "target": len(_cases()),
            "higher_is_better": True,
        }
    )
    figures.append({"name": f"meetings.{label}.seed", "value": round(seed_seconds, 1), "unit": "s"})
    return figures


if __name__ == "__main__":  # handy for a manual look; the bench runner calls run()
    import sys

    for figure in run(quick="--quick" in sys.argv):
        print(figure)
