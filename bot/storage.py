"""FSM storage in the application database, so conversations survive a restart.

Inside an update the storage works through that update's session (see bot.db.current_session),
and a conversation step is written when the update commits, in the same transaction as the
data it saved: they commit (or roll back) together, and a step that changes nothing else
takes SQLite's write turn only for the commit itself, not across the handler's requests to
Telegram. (Code that deletes fsm_records rows by SQL inside an update must then clear the
state through the FSM context too, as account deletion does, or the step set earlier in the
update is written back at commit.) Outside an update (aiogram reads the state before our
middleware opens the session) it uses a short session of its own.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import (
    BaseStorage,
    DefaultKeyBuilder,
    KeyBuilder,
    StateType,
    StorageKey,
)
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.db import before_commit, current_session, transaction
from models import FsmRecord

# Steps taken in a session and not yet written: key -> (state, data as JSON).
_PENDING = "fsm_pending"
Step = tuple[str | None, str]


class SqlStorage(BaseStorage):
    def __init__(
        self, factory: async_sessionmaker[AsyncSession], key_builder: KeyBuilder | None = None
    ) -> None:
        self._factory = factory
        self._keys = key_builder or DefaultKeyBuilder(with_bot_id=True, with_destiny=True)

    async def _write(self, key: StorageKey, **values: Any) -> None:
        name = self._keys.build(key)
        session = current_session.get()
        if session is None:
            async with transaction(self._factory) as own:
                await _save(own, name, _merge(await _stored(own, name), values))
            return
        pending: dict[str, Step] | None = session.info.get(_PENDING)
        if pending is None:
            pending = session.info[_PENDING] = {}
            before_commit(session, "fsm", _save_pending)
        current = pending[name] if name in pending else await _stored(session, name)
        pending[name] = _merge(current, values)

    async def _read(self, key: StorageKey) -> Step | None:
        name = self._keys.build(key)
        session = current_session.get()
        if session is not None:
            pending: dict[str, Step] = session.info.get(_PENDING, {})
            return pending[name] if name in pending else await _stored(session, name)
        async with self._factory() as own:
            return await _stored(own, name)

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        await self._write(key, state=value)

    async def get_state(self, key: StorageKey) -> str | None:
        step = await self._read(key)
        return step[0] if step else None

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        # A JSON round trip both copies the dict (so later mutation is not persisted by
        # accident) and fails here, loudly, on anything that would not survive a restart.
        await self._write(key, data=json.dumps(dict(data), ensure_ascii=False))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        step = await self._read(key)
        return json.loads(step[1]) if step else {}

    async def close(self) -> None:
        return None


async def _stored(session: AsyncSession, name: str) -> Step | None:
    record = await session.get(FsmRecord, name)
    if record is None:
        return None
    return record.state, json.dumps(record.data or {}, ensure_ascii=False)


def _merge(current: Step | None, values: dict[str, Any]) -> Step:
    state, data = current or (None, "{}")
    return values.get("state", state), values.get("data", data)


async def _save_pending(session: AsyncSession) -> None:
    for name, step in session.info.pop(_PENDING, {}).items():
        await _save(session, name, step)


async def _save(session: AsyncSession, name: str, step: Step) -> None:
    state, raw = step
    data = json.loads(raw)
    record = await session.get(FsmRecord, name)  # loaded when the step was taken: no query
    if state is None and not data:
        if record is not None:
            await session.delete(record)  # a finished conversation leaves nothing behind
    elif record is None:
        session.add(FsmRecord(key=name, state=state, data=data))
    else:
        record.state, record.data = state, data
    await session.flush()
