"""Engine, session factory and the one-transaction helper used by updates and jobs alike."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.util import await_

from bot.settings import Settings

log = logging.getLogger(__name__)

# The session of the update or job being handled. The SQL FSM storage writes through it, so
# that a conversation step and the data it saved commit (or roll back) together, and so that
# SQLite never sees a second writer inside one update.
current_session: ContextVar[AsyncSession | None] = ContextVar("current_session", default=None)

# A writer that waits longer than this for its turn is stuck behind a bug (a transaction left
# open across something unbounded): fail loudly instead of stalling every writer for good.
WRITER_WAIT_SECONDS = 60.0

_READ = re.compile(r"\s*(SELECT|PRAGMA|EXPLAIN|VALUES)\b", re.IGNORECASE)
_WITH = re.compile(r"\s*WITH\b", re.IGNORECASE)
_DML = re.compile(r"\b(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


def _writes(statement: str) -> bool:
    if _READ.match(statement):
        return False
    if _WITH.match(statement):  # a CTE: a read unless it feeds an INSERT/UPDATE/DELETE
        return bool(_DML.search(statement))
    return True  # INSERT, UPDATE, DELETE, REPLACE, SAVEPOINT, DDL


class SqliteWriter:
    """One writer at a time, in the order they came, for this process's SQLite connections.

    SQLite has one write lock for the whole file. Left to the file lock, concurrent writers
    sleep in coarse steps and give up after busy_timeout ("database is locked"), and a
    transaction that read before its first write fails at once if another committed in
    between (SQLITE_BUSY_SNAPSHOT), whatever the timeout. So the driver never begins a
    transaction by itself (the recipe of SQLAlchemy's SQLite docs: isolation_level=None):
    reads run in autocommit and never wait; the first write of a transaction waits here for
    its turn, then opens the transaction with BEGIN IMMEDIATE; the turn passes on when the
    connection goes back to the pool (after commit or rollback). Keep the span between a
    transaction's first write and its commit short: no slow step inside it.
    """

    def __init__(self, engine: AsyncEngine, wait_seconds: float = WRITER_WAIT_SECONDS) -> None:
        self._lock = asyncio.Lock()
        self._wait_seconds = wait_seconds
        self._holder: Any = None  # the DBAPI connection whose transaction writes
        self._holder_task: asyncio.Task[Any] | None = None
        self._in_transaction = False
        self._since = 0.0
        self.turns = 0  # how many write transactions took a turn (tests and benches read it)
        sync = engine.sync_engine
        event.listen(sync, "connect", self._on_connect)
        event.listen(sync, "before_cursor_execute", self._before_execute)
        event.listen(sync, "commit", self._on_end)
        event.listen(sync, "rollback", self._on_end)
        event.listen(sync, "checkin", self._on_checkin)
        event.listen(sync, "invalidate", self._on_invalidate)

    @property
    def busy(self) -> bool:
        return self._lock.locked()

    @staticmethod
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # For other processes (`mentorbot admin` while the bot runs): this one queues above.
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()
        dbapi_connection.isolation_level = None  # we say BEGIN, not the driver

    def _before_execute(
        self,
        conn: Connection,
        cursor: Any,
        statement: str,
        _parameters: Any,
        _context: Any,
        _executemany: bool,
    ) -> None:
        if not _writes(statement):
            return
        dbapi_connection = conn.connection.dbapi_connection
        if self._holder is not dbapi_connection:
            await_(self._take_turn(dbapi_connection))
        if not self._in_transaction:
            cursor.execute("BEGIN IMMEDIATE")
            self._in_transaction = True

    async def _take_turn(self, dbapi_connection: Any) -> None:
        task = asyncio.current_task()
        if self._holder is not None and task is not None and task is self._holder_task:
            # Waiting would wait for ourselves: two sessions writing in one update or job.
            raise RuntimeError("this task already writes through another SQLite connection")
        try:
            async with asyncio.timeout(self._wait_seconds):
                await self._lock.acquire()
        except TimeoutError:
            held = time.monotonic() - self._since
            raise TimeoutError(
                f"no SQLite write turn within {self._wait_seconds:.0f} s: the current writer "
                f"has held it for {held:.0f} s"
            ) from None
        self._holder, self._holder_task = dbapi_connection, task
        self._since = time.monotonic()
        self.turns += 1

    def _on_end(self, conn: Connection) -> None:
        # COMMIT or ROLLBACK is about to end the transaction; the turn ends at check-in.
        if conn.connection.dbapi_connection is self._holder:
            self._in_transaction = False

    def _on_checkin(self, dbapi_connection: Any, _record: Any) -> None:
        if dbapi_connection is not None and dbapi_connection is self._holder:
            self._release()

    def _on_invalidate(self, dbapi_connection: Any, _record: Any, _error: Any) -> None:
        if dbapi_connection is self._holder:
            self._release()

    def _release(self) -> None:
        self._holder = self._holder_task = None
        self._in_transaction = False
        self._lock.release()


def create_engine(settings: Settings) -> AsyncEngine:
    if settings.is_sqlite:
        engine = create_async_engine(settings.database_url)
        SqliteWriter(engine)  # lives as long as the engine's listeners
        return engine
    return create_async_engine(
        settings.database_url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_pre_ping=True,
    )


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    # expire_on_commit=False: objects stay readable after commit without implicit lazy loads.
    return async_sessionmaker(engine, expire_on_commit=False)


CommitHook = Callable[[AsyncSession], Awaitable[None]]
_HOOKS = "before_commit"


def before_commit(session: AsyncSession, name: str, hook: CommitHook) -> None:
    """Run `hook` once, just before `session` commits in `transaction()` (under `name`, so
    registering again replaces it). Writes every update makes go here, at the end, so that
    on SQLite the write turn is taken as late and held as briefly as possible."""
    session.info.setdefault(_HOOKS, {})[name] = hook


@asynccontextmanager
async def transaction(factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """One session, one transaction: commit on success, roll back on any error."""
    async with factory() as session:
        token = current_session.set(session)
        try:
            yield session
            hooks: dict[str, CommitHook] = session.info.pop(_HOOKS, {})
            for hook in hooks.values():
                await hook(session)
            await session.commit()
        except BaseException:
            await session.rollback()
            raise
        finally:
            session.info.pop(_HOOKS, None)
            current_session.reset(token)
