"""Benchmark: the due reminders of one scheduler tick, on SQLite.

A region with 500 organizations (quick: 50), each with its coordinator, and a regional
roadmap of 30 items, each item due for every organization ("ОО") on one date this month and
three later ones: 15 000 parties and 60 000 due dates (quick: 1 500 / 6 000).

- worst tick: twenty days on, every party of every item has a notice due at once (reminders,
  overdue pushes, escalations): computing them must take under 1 s;
- quiet tick: an hour later, nothing is due — the index on the next notice date means the
  scan reads nothing;
- baseline of the quiet tick, measured in the same run: reading every open due date of the
  roadmap, the work a scan without that index would do on every tick before computing
  anything.

Also measured: importing the roadmap (parties and due dates written in bulk) and a whole scan
(computing, queueing the messages, moving the rows on).
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import insert, select

from bot.clock import FakeClock
from bot.db import create_engine, create_session_factory, transaction
from bot.i18n import Translator
from bot.migrate import upgrade
from bot.services.access import Actor
from bot.services.roadmaps import reminders, store
from bot.services.roadmaps.reminders import NoticeConfig
from bot.services.roadmaps.render import NoticeTexts
from bot.services.roadmaps.table_import import import_roadmap
from bot.settings import Settings
from models import Municipality, Organization, Participant, Region, RoleGrant
from models.enums import ParticipantStatus
from models.roadmap import RoadmapOccurrence, RoadmapParty

ITEMS = 30
MUNICIPALITIES = 10
START = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)


def _roadmap_yaml(today: date) -> bytes:
    items = []
    for k in range(ITEMS):
        first = today + timedelta(days=5 + k)
        later = ", ".join(f"{first.day:02d}.{first.month:02d}.{first.year + y}" for y in (1, 2, 3))
        items.append(
            {
                "number": str(k + 1),
                "activity": f"Мероприятие {k + 1}",
                "result": "Отчёт",
                "deadlines": [
                    {"phrase": f"{first:%d.%m.%Y}, {later}", "responsible": "ОО"},
                ],
            }
        )
    document = {
        "title": "Дорожная карта (бенчмарк)",
        "period": {"start": date(today.year, 1, 1), "end": date(today.year + 4, 12, 31)},
        "stages": [{"title": "Основной этап", "items": items}],
    }
    return yaml.safe_dump(document, allow_unicode=True).encode()


async def _seed(factory: Any, organizations: int, now: datetime) -> int:
    async with transaction(factory) as session:
        region = Region(code="bench", name="Бенчмаркская область", timezone="Asia/Tomsk")
        session.add(region)
        await session.flush()
        munis = [
            Municipality(region_id=region.id, name=f"Район {i}") for i in range(MUNICIPALITIES)
        ]
        session.add_all(munis)
        await session.flush()
        org_ids = (
            await session.execute(
                insert(Organization).returning(Organization.id, sort_by_parameter_order=True),
                [
                    {
                        "municipality_id": munis[i % MUNICIPALITIES].id,
                        "name": f"Школа № {i}",
                        "short_name": f"Школа № {i}",
                        "kind": "school",
                    }
                    for i in range(organizations)
                ],
            )
        ).scalars()
        org_ids = list(org_ids)
        people = (
            await session.execute(
                insert(Participant).returning(Participant.id, sort_by_parameter_order=True),
                [
                    {
                        "tg_id": 10_000_000 + i,
                        "language": "ru",
                        "status": ParticipantStatus.active,
                        "category": "teacher",
                        "organization_id": org_id,
                        "full_name": f"Координатор {i}",
                        "created_at": now,
                        "updated_at": now,
                    }
                    for i, org_id in enumerate(org_ids)
                ],
            )
        ).scalars()
        await session.execute(
            insert(RoleGrant),
            [
                {
                    "participant_id": pid,
                    "role": "coordinator",
                    "scope_level": "organization",
                    "scope_id": org_id,
                    "created_at": now,
                }
                for pid, org_id in zip(people, org_ids, strict=True)
            ],
        )
        return region.id


async def _measure(organizations: int, folder: Path) -> list[dict[str, Any]]:
    url = f"sqlite+aiosqlite:///{folder / 'bench.sqlite3'}"
    await upgrade(url)
    settings = Settings(_env_file=None, database_url=url, bot_token=None)  # type: ignore[call-arg]
    engine = create_engine(settings)
    factory = create_session_factory(engine)
    clock = FakeClock(START)
    config = NoticeConfig()
    try:
        region_id = await _seed(factory, organizations, clock.now())
        parsed = import_roadmap(_roadmap_yaml(START.date()), "bench.yaml")
        admin = Actor(tg_id=1, is_admin=True)
        began = time.perf_counter()
        async with transaction(factory) as session:
            created = await store.create_roadmap(session, clock, admin, "region", region_id, parsed)
        import_seconds = time.perf_counter() - began

        clock.set(START + timedelta(days=20))  # every item has a notice due now
        samples = []
        for _ in range(3):
            async with transaction(factory) as session:
                began = time.perf_counter()
                plan = await reminders.due_notices(session, clock.now(), config)
                samples.append(time.perf_counter() - began)
                await session.rollback()  # read only: the same work each time
        worst = min(samples)
        notices = len(plan.notices)

        async with transaction(factory) as session:
            began = time.perf_counter()
            rows = (
                await session.execute(
                    select(RoadmapOccurrence.id, RoadmapOccurrence.due_on, RoadmapParty.scope_id)
                    .join(RoadmapParty, RoadmapParty.id == RoadmapOccurrence.party_id)
                    .where(RoadmapOccurrence.status.in_(reminders.OPEN_STATUSES))
                )
            ).all()
            baseline = time.perf_counter() - began

        renderer = NoticeTexts(Translator.load())
        async with transaction(factory) as session:
            began = time.perf_counter()
            report = await reminders.run_scan(session, clock, config, renderer)
        scan_seconds = time.perf_counter() - began

        clock.advance(hours=1)  # the next tick: everything was handled
        async with transaction(factory) as session:
            began = time.perf_counter()
            quiet = await reminders.due_notices(session, clock.now(), config)
            quiet_seconds = time.perf_counter() - began
    finally:
        await engine.dispose()
    size = f"{organizations} orgs × {ITEMS} items"
    return [
        {
            "name": f"roadmap tick: compute due notices, all due ({size})",
            "value": round(worst * 1000, 1),
            "unit": "ms",
            "target": 1000,
            "notices": notices,
        },
        {
            "name": f"roadmap tick: nothing due ({size})",
            "value": round(quiet_seconds * 1000, 2),
            "unit": "ms",
            "target": 1000,
            "baseline": round(baseline * 1000, 1),
            "notices": len(quiet.notices),
            "rows_read_by_baseline": len(rows),
        },
        {
            "name": f"roadmap scan: compute + queue + update ({size})",
            "value": round(scan_seconds * 1000, 1),
            "unit": "ms",
            "messages": report.messages,
        },
        {
            "name": f"roadmap import ({created.occurrences} due dates)",
            "value": round(import_seconds * 1000, 1),
            "unit": "ms",
        },
    ]


def run(quick: bool) -> list[dict[str, Any]]:
    organizations = 50 if quick else 500
    with tempfile.TemporaryDirectory() as folder:
        return asyncio.run(_measure(organizations, Path(folder)))


if __name__ == "__main__":
    for figure in run(quick=False):
        print(figure)
