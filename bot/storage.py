"""FSM storage in the application database, so conversations survive a restart.

Inside an update the storage writes through that update's session (see bot.db.current_session):
the step and the data it saved commit together, and SQLite never sees two writers at once.
Outside an update (aiogram reads the state before our middleware opens the session) it uses a
short session of its own.
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
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.db import current_session, transaction
from models import FsmRecord


class SqlStorage(BaseStorage):
    def __init__(
        self, factory: async_sessionmaker[AsyncSession], key_builder: KeyBuilder | None = None
    ) -> None:
        self._factory = factory
        self._keys = key_builder or DefaultKeyBuilder(with_bot_id=True, with_destiny=True)

    async def _record(self, session: AsyncSession, key: str) -> FsmRecord | None:
        return await session.get(FsmRecord, key)

    async def _write(self, key: StorageKey, **values: Any) -> None:
        session = current_session.get()
        if session is not None:
            await self._write_in(session, key, values)
            return
        async with transaction(self._factory) as own:
            await self._write_in(own, key, values)

    async def _write_in(
        self, session: AsyncSession, key: StorageKey, values: dict[str, Any]
    ) -> None:
        name = self._keys.build(key)
        record = await self._record(session, name)
        state = values.get("state", record.state if record else None)
        data = values.get("data", record.data if record else {})
        if state is None and not data:
            if record is not None:
                await session.delete(record)  # a finished conversation leaves nothing behind
        elif record is None:
            session.add(FsmRecord(key=name, state=state, data=data))
        else:
            record.state, record.data = state, data
        await session.flush()

    async def _read(self, key: StorageKey) -> FsmRecord | None:
        name = self._keys.build(key)
        session = current_session.get()
        if session is not None:
            return await self._record(session, name)
        async with self._factory() as own:
            return await own.scalar(select(FsmRecord).where(FsmRecord.key == name))

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        await self._write(key, state=value)

    async def get_state(self, key: StorageKey) -> str | None:
        record = await self._read(key)
        return record.state if record else None

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        # A JSON round trip both copies the dict (so later mutation is not persisted by
        # accident) and fails here, loudly, on anything that would not survive a restart.
        await self._write(key, data=json.loads(json.dumps(dict(data))))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        record = await self._read(key)
        return dict(record.data) if record and record.data else {}

    async def close(self) -> None:
        return None
