"""Delivers the outbox within Telegram's limits, and survives restarts.

Rows are claimed in batches (one UPDATE … RETURNING over a SKIP LOCKED subquery on PostgreSQL,
so several processes can send without sending anything twice) and marked `sending` with a
short lease, which a heartbeat renews while this sender holds them. A few workers send them
through one rate limiter; outcomes are written back in bulk, every few dozen milliseconds. A
row whose process died is taken again when its lease runs out (on PostgreSQL, where another
process may still be alive), or at once when the next process starts on the embedded SQLite
default (one process: whatever is `sending` there was held by the dead one).

sendMessage has no idempotency key, so exactly-once is impossible: a crash after Telegram
accepted a message but before its outcome was written resends it. The window is bounded by
the flush interval (FLUSH_SECONDS / FLUSH_ROWS) and the requests in flight. A cancelled sender
(a graceful stop) writes what it sent and puts back what it did not send before it exits, so a
stop and a restart neither duplicate nor lose anything.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
from collections import deque
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramEntityTooLarge,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.callbacks import packed_params
from bot.clock import Clock
from bot.db import transaction
from bot.delivery import store
from bot.delivery.batch import FLUSH_SECONDS, Batch, Claimed, SendStats
from bot.delivery.limits import Limiter, make_limiter
from bot.delivery.methods import method_class
from bot.delivery.redis_limits import ChatBusy, SharedRateLimiter
from bot.services.outbox import MessageRejected, Priority, check_params
from bot.settings import Settings
from models.enums import OutboxStatus

log = logging.getLogger(__name__)

# A claimed row whose sender died is taken again after this long; a live sender renews the
# leases of the rows it holds every HEARTBEAT, so a slow request never loses its row.
LEASE = timedelta(seconds=30)
HEARTBEAT = LEASE / 3
# Transient failures (5xx, network) back off exponentially up to this cap, per row.
BACKOFF_BASE_SECONDS = 2.0
BACKOFF_CAP_SECONDS = 300.0
# After this many transient failures in a row Telegram itself is in trouble: stop claiming
# for a while instead of burning every row's attempts.
BREAKER_THRESHOLD = 5
BREAKER_MAX_SECONDS = 60.0
# A chat answering 401/409 means the token is wrong or another instance polls: hold off.
AUTH_PAUSE_SECONDS = 60.0


class OutboxSender:
    """Claims due outbox rows in batches and sends them through one rate limiter."""

    def __init__(
        self,
        bot: Bot,
        factory: async_sessionmaker[AsyncSession],
        settings: Settings,
        clock: Clock,
        limiter: Limiter | None = None,
        *,
        concurrency: int | None = None,
    ) -> None:
        self._bot = bot
        self._factory = factory
        self._settings = settings
        self._clock = clock
        self.limiter = limiter or make_limiter(settings)
        if isinstance(self.limiter, SharedRateLimiter):
            # What bounds a request in flight: a dead process's marker in Redis lasts this long.
            self.limiter.request_timeout = float(bot.session.timeout)
        rate = settings.outbox_rate_per_second
        # Enough requests in flight to fill the rate at ~100 ms a request, and no more.
        self.concurrency = concurrency or max(2, min(32, math.ceil(rate * 0.1)))
        # A wake-up with something more urgent cuts a batch short, so a reply never waits
        # for a whole batch of bulk messages.
        self.batch_size = settings.outbox_batch_size
        self.stats = SendStats()
        self._wake = asyncio.Event()
        self._woken = False
        self._transient_streak = 0
        self._hold_until: datetime | None = None
        # The next batch, claimed while the last rows of a full batch are being sent, so the
        # sender never idles between batches.
        self._prefetched: asyncio.Task[list[Claimed]] | None = None
        # This sender's own writes take turns here: on SQLite two of them would otherwise
        # meet at the file lock, where the waiter sleeps in coarse steps (busy_timeout).
        self._db_turn = asyncio.Lock()
        # Rows claimed by this sender whose outcome is not written yet: the heartbeat renews
        # their leases, so a live sender keeps them however long their requests take.
        self._held: set[int] = set()
        self.heartbeat_seconds = HEARTBEAT.total_seconds()
        # Told the outbox batches whose rows just got a final outcome (an announcement's
        # delivery report follows its progress this way).
        self.on_settled: Callable[[set[str]], None] | None = None

    @property
    def exclusive(self) -> bool:
        """The only sender on its database: the embedded default runs one process (scale
        mode, PostgreSQL, runs several)."""
        return self._settings.is_sqlite

    async def settle(self) -> None:
        """Let the rate limiter's last writes finish (before its Redis connection closes)."""
        await self.limiter.settle()

    def wake(self) -> None:
        """New rows were queued: do not wait for the idle poll (and look whether they are
        more urgent than the batch being sent)."""
        self._wake.set()
        self._woken = True

    # ---------------------------------------------------------------- the loop

    async def drain_once(self) -> int:
        """Claim one batch and send it; return how many rows were claimed."""
        getting = asyncio.ensure_future(self._next_rows())
        try:
            rows = await asyncio.shield(getting)
        except asyncio.CancelledError:
            # Stopped while claiming: let the claim finish, and hand its rows straight back
            # (else they would wait for their lease to run out).
            rows = await getting
            await self._release([row.id for row in rows])
            raise
        if rows:
            await self._send_batch(rows)
        return len(rows)

    async def _next_rows(self) -> list[Claimed]:
        rows = await self._take_prefetched()
        if rows and self._woken and rows[0].priority > Priority.REPLY:
            self._woken = False
            if await self._more_urgent_waiting(rows[0].priority):
                await self._release([row.id for row in rows])  # claimed before it came
                rows = []
        return rows or await self._claim()

    async def _take_prefetched(self) -> list[Claimed]:
        task, self._prefetched = self._prefetched, None
        if task is None:
            return []
        try:
            return await task
        except Exception:
            log.exception("outbox: claiming the next batch failed")
            return []

    async def _release(self, ids: list[int]) -> None:
        """Put claimed rows back, due now (this sender will not send them)."""
        if not ids:
            return
        async with self._db_turn, transaction(self._factory) as session:
            await store.release(session, ids, self._clock.now())
        self._held.difference_update(ids)

    async def renew_leases(self) -> int:
        """Extend the lease of every row this sender holds (the heartbeat); how many."""
        held = list(self._held)
        if not held:
            return 0
        async with self._db_turn, transaction(self._factory) as session:
            return await store.renew(session, held, self._clock.now() + LEASE)

    async def reclaim_orphans(self) -> int:
        """At start on the embedded default: rows left `sending` were held by the previous
        process, which is gone (one process per SQLite file), so they are due now rather than
        when their leases run out. Elsewhere another live process may hold them: nothing."""
        if not self.exclusive:
            return 0
        async with self._db_turn, transaction(self._factory) as session:
            count = await store.release_every_claim(session, self._clock.now())
        if count:
            log.info("outbox: %s rows the previous process held are due again", count)
        return count

    async def _heartbeat(self) -> None:
        while True:
            await asyncio.sleep(self.heartbeat_seconds)
            try:
                await self.renew_leases()
            except Exception:  # the next beat tries again; the lease has two more beats
                log.warning("outbox: renewing leases failed", exc_info=True)

    async def drain(self) -> None:
        """Send until nothing is due (tests and the demo use this)."""
        while await self.drain_once():
            pass

    async def run(self, idle_seconds: float = 1.0) -> None:
        try:
            await self.reclaim_orphans()
        except Exception:  # their leases bring them back anyway
            log.exception("outbox: reclaiming the previous process's rows failed")
        heartbeat = asyncio.create_task(self._heartbeat(), name="outbox-heartbeat")
        try:
            while True:
                try:
                    handled = await self.drain_once()
                except asyncio.CancelledError:
                    raise
                except Exception:  # a database hiccup must not kill the sender
                    log.exception("outbox batch failed")
                    handled = 0
                if not handled:
                    self._wake.clear()
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self._wake.wait(), timeout=idle_seconds)
        finally:
            heartbeat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await heartbeat

    # ---------------------------------------------------------------- claiming

    async def _claim(self) -> list[Claimed]:
        now = self._clock.now()
        if self._hold_until is not None and now < self._hold_until:
            return []
        self._woken = False
        async with self._db_turn, transaction(self._factory) as session:
            claimed = await store.claim(session, now, self.batch_size, now + LEASE)
        self._held.update(row.id for row in claimed)
        return claimed

    async def _more_urgent_waiting(self, than: int) -> bool:
        async with self._db_turn, transaction(self._factory) as session:
            return await store.more_urgent_waiting(session, self._clock.now(), than)

    # ---------------------------------------------------------------- sending a batch

    async def _send_batch(self, rows: list[Claimed]) -> None:
        batch = Batch(
            deque(rows),
            full=len(rows) >= self.batch_size,
            ids=frozenset(r.id for r in rows),
            names={r.id: r.batch for r in rows if r.batch},
        )
        flusher = asyncio.create_task(self._flush_loop(batch))
        workers = [
            asyncio.create_task(self._worker(batch))
            for _ in range(min(self.concurrency, len(rows)))
        ]
        try:
            try:
                await asyncio.gather(*workers)
            except BaseException:
                # Cancelling gather cancelled the workers; each records what Telegram already
                # accepted. Then write it all down and put back what was never sent: a stop
                # must cause neither a resend nor a loss.
                batch.stop = True
                await asyncio.gather(*workers, return_exceptions=True)
                await _to_the_end(self._close(batch, flusher))
                await _to_the_end(self._drop_prefetched())
                raise
            try:
                await _to_the_end(self._close(batch, flusher))
            except asyncio.CancelledError:
                await _to_the_end(self._drop_prefetched())
                raise
        finally:
            # Written, or given up on (then their leases bring them back): not held any more.
            self._held.difference_update(batch.ids)

    async def _drop_prefetched(self) -> None:
        await self._release([row.id for row in await self._take_prefetched()])

    async def _close(self, batch: Batch, flusher: asyncio.Task[None]) -> None:
        # The flusher is told to stop, never cancelled: a write cut in half would leave the
        # connection in an unknown state.
        batch.closing = True
        batch.poke.set()
        with contextlib.suppress(Exception):
            await flusher
        await self._finish(batch)

    async def _worker(self, batch: Batch) -> None:
        while batch.rows and not batch.stop:
            if self._woken and batch.rows[0].priority > Priority.REPLY:
                self._woken = False
                if await self._more_urgent_waiting(batch.rows[0].priority):
                    batch.stop = True  # the rest goes back; the next claim takes the urgent
                    return
            if not batch.rows:
                return
            row = batch.rows.popleft()
            if (
                batch.full
                and not batch.stop
                and self._prefetched is None
                and len(batch.rows) <= max(self.concurrency, self.batch_size // 2)
            ):
                self._prefetched = asyncio.create_task(self._claim())
            await self._deliver(row, batch)

    async def _deliver(self, row: Claimed, batch: Batch) -> None:
        now = self._clock.now()
        busy = self.limiter.chat_ready_in(row.chat_id)
        if busy > 0 or self.limiter.chat_busy(row.chat_id):
            # This chat has a message in flight or had one a moment ago: put the row back
            # for later instead of holding up everyone else's messages behind it.
            self.stats.deferred += 1
            batch.record(
                {
                    "id": row.id,
                    "status": OutboxStatus.pending,
                    "next_at": now + timedelta(seconds=busy),
                }
            )
            return
        try:
            params = packed_params(row.params)  # a button's press becomes its callback data
            check_params(row.method, params, queued=True)
            method = method_class(row.method)(**params)
        except (MessageRejected, ValueError, TypeError) as error:
            # It would fail at the API as it is (or is not a call at all): never send it.
            self.stats.rejected += 1
            self.stats.failed += 1
            log.error("outbox row %s rejected before sending: %s", row.id, error)
            batch.record(self._outcome(row, OutboxStatus.failed, error=f"rejected: {error}"))
            return
        try:
            await self.limiter.acquire(row.chat_id)
        except ChatBusy as held:
            # Busy in another process (shared limits): deferred like a chat busy here.
            self.stats.deferred += 1
            later = self._clock.now() + timedelta(seconds=held.seconds)
            batch.record({"id": row.id, "status": OutboxStatus.pending, "next_at": later})
            return
        except asyncio.CancelledError:
            # Stopped before this row was attempted: it goes straight back to the queue.
            batch.record({"id": row.id, "status": OutboxStatus.pending, "next_at": now})
            raise
        request = asyncio.ensure_future(self._bot(method))
        cancelled = False
        try:
            try:
                result = await asyncio.shield(request)
            except asyncio.CancelledError:
                # Stopping: let the request in flight finish (its own timeout bounds this),
                # so its outcome is known and written, rather than resent after a restart.
                cancelled = True
                result = await request
        except asyncio.CancelledError:
            # Cancelled twice: stop waiting; the row keeps its lease and comes back later.
            self.limiter.release(row.chat_id)
            raise
        except Exception as error:
            self.limiter.release(row.chat_id)
            batch.record(self._failure(row, error, batch))
        else:
            self.limiter.release(row.chat_id)
            self._transient_streak = 0
            self.stats.sent += 1
            batch.record(
                self._outcome(
                    row,
                    OutboxStatus.sent,
                    sent_at=self._clock.now(),
                    message_id=store.sent_message_id(result),
                )
            )
        if cancelled:
            raise asyncio.CancelledError

    def _outcome(self, row: Claimed, status: str, **values: Any) -> dict[str, Any]:
        error = values.pop("error", None)
        outcome = {"id": row.id, "status": status, "attempts": row.attempts + 1, **values}
        if error is not None:
            outcome["last_error"] = str(error)[:500]
        return outcome

    def _failure(self, row: Claimed, error: Exception, batch: Batch) -> dict[str, Any]:
        now = self._clock.now()
        if isinstance(error, TelegramRetryAfter):
            # Telegram says exactly how long to wait: everything waits that long, and the
            # pace stays lower for a while. Not the row's fault: no attempt counted.
            self.limiter.pause(error.retry_after)
            self.limiter.slow_down()
            self.stats.rate_limited += 1
            self.stats.retried += 1
            if error.retry_after > LEASE.total_seconds() / 4:
                batch.stop = True  # do not sit on the rest of the batch past its lease
            return {
                "id": row.id,
                "status": OutboxStatus.pending,
                "next_at": now + timedelta(seconds=error.retry_after),
                "last_error": str(error)[:500],
            }
        if isinstance(error, TelegramForbiddenError):
            # Blocked by the user, or the account is deactivated: never retried.
            self.stats.blocked += 1
            batch.blocked_chats.add(row.chat_id)
            return self._outcome(row, OutboxStatus.blocked, error=error)
        if isinstance(error, TelegramMigrateToChat):
            # A group became a supergroup: same conversation under a new id.
            batch.migrated[row.chat_id] = error.migrate_to_chat_id
            self.stats.retried += 1
            return {"id": row.id, "status": OutboxStatus.pending, "next_at": now}
        if isinstance(error, TelegramBadRequest) and "message is not modified" in str(error):
            self.stats.sent += 1  # an edit to what is already shown: done
            return self._outcome(row, OutboxStatus.sent, sent_at=now)
        if isinstance(error, TelegramUnauthorizedError | TelegramConflictError):
            # Not this message's fault: the token is wrong or revoked. Hold everything.
            log.error("outbox: Telegram refused the bot itself (%s); holding sends", error)
            self.limiter.pause(AUTH_PAUSE_SECONDS)
            batch.stop = True
            return {
                "id": row.id,
                "status": OutboxStatus.pending,
                "next_at": now,
                "last_error": str(error),
            }
        if isinstance(error, TelegramBadRequest | TelegramNotFound | TelegramEntityTooLarge):
            # Will never succeed as it is: do not retry.
            self.stats.failed += 1
            log.warning("outbox row %s failed: %s", row.id, error)
            return self._outcome(row, OutboxStatus.failed, error=error)
        if isinstance(error, TelegramServerError | TelegramNetworkError | TimeoutError | OSError):
            return self._backoff(row, error, batch)
        # Anything else is a bug or an unknown answer: retry a few times, like a 5xx.
        log.exception("outbox row %s: unexpected error", row.id, exc_info=error)
        return self._backoff(row, error, batch)

    def _backoff(self, row: Claimed, error: Exception, batch: Batch) -> dict[str, Any]:
        now = self._clock.now()
        self._transient_streak += 1
        if self._transient_streak >= BREAKER_THRESHOLD:
            # Telegram (or the network) is down: stop claiming for a while rather than use
            # up every row's attempts in a minute.
            hold = min(BREAKER_MAX_SECONDS, 2.0 ** (self._transient_streak - BREAKER_THRESHOLD))
            self._hold_until = now + timedelta(seconds=hold)
            batch.stop = True
        if row.attempts + 1 >= self._settings.outbox_max_attempts:
            self.stats.failed += 1
            return self._outcome(row, OutboxStatus.failed, error=error)
        self.stats.retried += 1
        delay = min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2**row.attempts)
        # Deterministic jitter (±20% by row id), so rows failed together do not retry together.
        delay *= 0.8 + 0.4 * ((row.id * 2654435761) % 1000) / 1000
        return self._outcome(
            row, OutboxStatus.pending, error=error, next_at=now + timedelta(seconds=delay)
        )

    # ---------------------------------------------------------------- writing outcomes

    async def _flush_loop(self, batch: Batch) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(batch.poke.wait(), FLUSH_SECONDS)
            batch.poke.clear()
            if batch.closing:
                return  # _finish writes the rest
            if batch.outcomes or batch.blocked_chats or batch.migrated:
                try:
                    await self._flush(batch)
                except Exception:  # kept in the batch; the next flush tries again
                    log.exception("outbox: writing outcomes failed")

    async def _flush(self, batch: Batch) -> None:
        outcomes, batch.outcomes = batch.outcomes, []
        blocked, batch.blocked_chats = batch.blocked_chats, set()
        migrated, batch.migrated = batch.migrated, {}
        try:
            async with self._db_turn, transaction(self._factory) as session:
                await store.write_outcomes(session, outcomes)
                for chat_id in blocked:
                    await store.mark_blocked(session, chat_id)
                for old, new in migrated.items():
                    await store.move_chat(session, old, new)
        except BaseException:
            # Not written: keep them for the next flush (the rows stay leased meanwhile).
            batch.outcomes[:0] = outcomes
            batch.blocked_chats |= blocked
            batch.migrated.update(migrated)
            raise
        self._held.difference_update(outcome["id"] for outcome in outcomes)
        settled = {
            batch.names[o["id"]]
            for o in outcomes
            if o["status"] in store.SETTLED and o["id"] in batch.names
        }
        if settled and self.on_settled is not None:
            try:
                self.on_settled(settled)
            except Exception:  # a report must never stop the delivery
                log.exception("outbox: reporting progress failed")

    async def _finish(self, batch: Batch) -> None:
        """Write every outcome, and put back the rows of this batch never attempted."""
        untouched = [row.id for row in batch.rows]
        batch.rows.clear()
        now = self._clock.now()
        batch.outcomes.extend(
            {"id": i, "status": OutboxStatus.pending, "next_at": now} for i in untouched
        )
        for attempt in range(3):
            try:
                await self._flush(batch)
                return
            except Exception:
                if attempt == 2:
                    # The leases bring these rows back; what was sent may go again.
                    log.exception("outbox: could not record %s outcomes", len(batch.outcomes))
                    return
                await asyncio.sleep(0.1 * (attempt + 1))


async def _to_the_end(work: Awaitable[None]) -> None:
    """Run `work` to its end even if the caller is cancelled meanwhile (then re-raise):
    writing down what was sent must not be cut off by a stop."""
    task = asyncio.ensure_future(work)
    try:
        await asyncio.shield(task)
    except asyncio.CancelledError:
        await task
        raise
