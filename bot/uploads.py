"""Uploaded files are parsed in a worker process, with a time and a memory limit.

openpyxl, python-docx and PyYAML are pure Python and synchronous: in a thread they still hold
the GIL, so a hostile file (a far cell, a huge merged range, an alias bomb) would stall every
other update for as long as it parses, and could take the bot's memory with it. In a worker
process neither CPU nor memory of the bot is at risk: the worker is killed when it runs past
`ParseLimits.seconds`, its address space is capped at `ParseLimits.memory_mb`
(RLIMIT_AS), and each worker parses one file and is replaced. The parsers bound what they
read too (bot.services.upload_limits): these limits are the backstop.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import resource
from collections.abc import Callable
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any, TypeVar

from pebble import ProcessExpired, ProcessPool

log = logging.getLogger(__name__)

T = TypeVar("T")

# Imported once by the fork server, so that each worker starts in milliseconds.
_PRELOAD = ["bot.services.roadmaps.table_import", "openpyxl", "docx", "yaml"]


@dataclass(frozen=True)
class ParseLimits:
    seconds: float = 20.0
    memory_mb: int = 768
    workers: int = 1  # uploads are rare; a second one waits for the first


class ParseTimeout(Exception):
    """The parse ran past the time limit and was stopped."""


class ParseOutOfMemory(Exception):
    """The parse needed more memory than the limit and was stopped."""


def _limit_memory(limit_bytes: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))


class UploadParser:
    """The one way uploaded files are parsed: `await parser.parse(function, *args)` runs
    `function(*args)` (a module-level function, its arguments and result picklable) in a
    worker and returns its result or raises its exception."""

    def __init__(self, limits: ParseLimits | None = None) -> None:
        self.limits = limits or ParseLimits()
        self._pool: ProcessPool | None = None

    def _workers(self) -> ProcessPool:
        if self._pool is None:
            # forkserver: workers are forked from a clean single-threaded server, not from
            # the bot (whose threads and sockets a plain fork would copy).
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(_PRELOAD)
            self._pool = ProcessPool(
                max_workers=self.limits.workers,
                max_tasks=1,
                initializer=_limit_memory,
                initargs=(self.limits.memory_mb * 1024 * 1024,),
                context=context,
            )
        return self._pool

    async def parse(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        future = self._workers().schedule(
            function, args=args, kwargs=kwargs, timeout=self.limits.seconds
        )
        try:
            return await asyncio.wrap_future(future)
        except FutureTimeout:
            log.warning("upload parse stopped after %s s", self.limits.seconds)
            raise ParseTimeout from None
        except MemoryError:
            log.warning("upload parse ran out of its %s MB", self.limits.memory_mb)
            raise ParseOutOfMemory from None
        except ProcessExpired as error:  # killed on a failed allocation, or crashed
            log.warning("upload parse worker died (exit code %s)", error.exitcode)
            raise ParseOutOfMemory from None
        except asyncio.CancelledError:
            future.cancel()  # pebble stops the worker
            raise

    async def close(self) -> None:
        if self._pool is not None:
            pool, self._pool = self._pool, None
            pool.stop()
            await asyncio.to_thread(pool.join)
