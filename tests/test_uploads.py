"""The upload parsing worker: another process, stopped at its time and memory limits, and
the bot's event loop free meanwhile."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator

import pytest

from bot.services.roadmaps.table_import import RoadmapImportError, import_roadmap
from bot.uploads import ParseLimits, ParseOutOfMemory, ParseTimeout, UploadParser
from tests import hostile_files, worker_jobs


@pytest.fixture
async def parser() -> AsyncIterator[UploadParser]:
    running = UploadParser(ParseLimits(seconds=1.0, memory_mb=768))
    yield running
    await running.close()


async def test_parsing_runs_in_another_process(parser: UploadParser) -> None:
    first = await parser.parse(worker_jobs.pid)
    second = await parser.parse(worker_jobs.pid)
    assert os.getpid() not in (first, second)
    assert first != second  # a fresh worker for every file


async def test_a_parse_past_the_time_limit_is_stopped_and_the_loop_stays_free(
    parser: UploadParser,
) -> None:
    ticks = 0

    async def meanwhile() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    other = asyncio.ensure_future(meanwhile())
    try:
        with pytest.raises(ParseTimeout):
            await parser.parse(worker_jobs.spin)
    finally:
        other.cancel()
    assert ticks > 10  # the loop ran other work all the while the worker spun
    assert isinstance(await parser.parse(worker_jobs.pid), int)  # and the pool goes on


async def test_a_parse_past_the_memory_limit_is_stopped(parser: UploadParser) -> None:
    with pytest.raises(ParseOutOfMemory):
        await parser.parse(worker_jobs.allocate, 2048)
    assert await parser.parse(worker_jobs.allocate, 16) == 16 * 1024 * 1024


async def test_the_parsers_own_errors_come_back_whole(parser: UploadParser) -> None:
    with pytest.raises(RoadmapImportError) as caught:
        await parser.parse(import_roadmap, hostile_files.alias_bomb(), "r.yaml")
    error = caught.value
    assert (error.code, error.key, error.row) == ("yaml_alias", "roadmap-import-yaml-alias", 2)
