"""Forged callback data through the dispatcher: every press is answered, politely, and changes
nothing it should not; no exception reaches the error handler, no admin is disturbed.

A client can send any callback data up to 64 bytes, replayed from old messages or made up.
The data here is generated for every CallbackData prefix of the bot: arbitrary integers
(beyond 64 bits, negative, zero), Unicode digits, junk, the words the handlers look for.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from aiogram.filters.callback_data import CallbackData
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

import handlers
from bot import callbacks
from bot.fakes.client import TelegramUser
from bot.i18n import SUPPORTED
from bot.services.flash import buttons
from models import Region
from models.base import Base
from models.enums import Role, ScopeLevel
from tests.hypothesis_profiles import examples
from tests.support import ADMIN_ID, ErrorLog, World

handlers.get_routers()  # imports every feature module, so every CallbackData class exists

STRANGER_ID = 6001
MAX_ID = 2**63 - 1  # what SQLite and PostgreSQL can bind
COORDINATOR_ID = 6002


def _callback_classes() -> list[type[CallbackData]]:
    found: dict[str, type[CallbackData]] = {}
    pending = list(CallbackData.__subclasses__())
    while pending:
        cls = pending.pop()
        pending += cls.__subclasses__()
        if cls.__module__.startswith(("handlers.", "bot.callbacks")):
            # Two classes of one prefix would take each other's presses (and hide one here).
            assert found.get(cls.__prefix__, cls) is cls, f"prefix {cls.__prefix__!r} taken twice"
            found[cls.__prefix__] = cls
    return [found[prefix] for prefix in sorted(found)]


CLASSES = _callback_classes()

_SOURCES = [
    *Path(handlers.__file__).parent.rglob("*.py"),  # feature packages too
    *Path(callbacks.__file__).parent.glob("*.py"),  # the notice buttons' classes
    *Path(buttons.__file__).parents[1].glob("*/*.py"),
]
_SOURCE = "\n".join(path.read_text(encoding="utf-8") for path in _SOURCES)
_CALL = r"\(((?:[^()]|\((?:[^()]|\([^()]*\))*\))*)\)"  # balanced to two levels
# Short string literals anywhere in handlers/, bot/callbacks/ and the services' modules.
VOCABULARY = sorted(set(re.findall(r'"([a-z][a-z0-9_.]{0,11})"', _SOURCE)))


def _known_values(cls: type[CallbackData]) -> dict[str, list[str]]:
    """What the code builds and filters for each field of ``cls``: ``Cb(action="open")``,
    ``Cb.filter(F.action == "open")`` (a filter's words go to the first field)."""
    found: dict[str, set[str]] = {name: set() for name in cls.model_fields}
    first = next(iter(cls.model_fields))
    for match in re.finditer(re.escape(cls.__name__) + r"\.filter" + _CALL, _SOURCE):
        found[first] |= set(re.findall(r'"([^"]{1,12})"', match.group(1)))
    for match in re.finditer(r"\b" + re.escape(cls.__name__) + _CALL, _SOURCE):
        for name, value in re.findall(r'(\w+)="([^"]*)"', match.group(1)):
            if name in found:
                found[name].add(value)
    return {name: sorted(values) for name, values in found.items()}


KNOWN = {cls: _known_values(cls) for cls in CLASSES}
EDGE_INTS = [0, 1, 2, -1, MAX_ID, MAX_ID + 1, 2**64, 10**30, -(2**63) - 1]
NUMBER_JUNK = ["", "²", "³", "٣", "①", "１", "1.5", "1e3", "0x1f", "nan", "-0", " 7", "1_0"]

edges = st.sampled_from(EDGE_INTS).map(str)
ints = st.one_of(
    edges,
    edges,
    st.integers().map(str),
    st.sampled_from(NUMBER_JUNK),
)
junk = st.text(st.characters(blacklist_characters=":", blacklist_categories=["Cs"]), max_size=10)
numbers_in_text = st.sampled_from(
    ["p", "p²", "p-1", f"p{MAX_ID + 1}", f"{MAX_ID + 1}.0", "1.²", "².1", "m.²", "o.²", "²,1"]
)
strings = st.one_of(st.sampled_from(VOCABULARY), ints, numbers_in_text, junk)


def _is_int(cls: type[CallbackData], name: str) -> bool:
    return cls.model_fields[name].annotation is int


@st.composite
def forged_data(draw: st.DrawFn) -> str:
    cls = draw(st.sampled_from(CLASSES))
    parts = []
    for name in cls.model_fields:
        if _is_int(cls, name):
            parts.append(draw(ints))
            continue
        known = KNOWN[cls][name]
        # Mostly the words the handlers look for, so that the junk reaches them.
        words = st.sampled_from(known)
        choice = st.one_of(words, words, words, strings) if known else strings
        parts.append(draw(choice))
    shape = draw(st.sampled_from(["exact"] * 8 + ["extra", "short"]))
    if shape == "extra":
        parts.append(draw(strings))
    elif shape == "short" and parts:
        parts.pop()
    data = ":".join([cls.__prefix__, *parts])
    assume(0 < len(data.encode()) <= 64)  # what Telegram lets a client send
    return data


# The command that opens each prefix's screens: a press may come in the middle of them.
OPENED_BY = {
    "dp": "/mentorships", "em": "/events", "ev": "/events", "fm": "/offers",
    "fr": "/requests", "mc": "/pairs", "mg": "/meet", "ms": "/mentorships", "mw": "/pairs",
    "pl": "/participants", "pp": "/pending", "rm": "/roadmap", "sv": "/surveys",
    "svc": "/campaigns",
}  # fmt: skip


def test_every_screen_named_here_still_has_its_buttons() -> None:
    """A prefix whose class went (a wizard now a dialog) would test nothing: drop it here."""
    assert set(OPENED_BY) <= {cls.__prefix__ for cls in CLASSES}


async def _open(user: TelegramUser, data: str, opened: bool) -> None:
    """Start from no conversation; then, if ``opened``, in the screen the press belongs to."""
    await user.send("/cancel")
    command = OPENED_BY.get(data.split(":", 1)[0])
    if opened and command:
        await user.send(command)


def _unpacks(data: str) -> bool:
    prefix = data.split(":", 1)[0]
    for cls in CLASSES:
        if cls.__prefix__ == prefix:
            try:
                cls.unpack(data)
            except (TypeError, ValueError):
                return False
            return True
    return False


async def _snapshot(world: World) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (the update log aside: it only dedups webhook deliveries)."""
    rows: dict[str, list[tuple[Any, ...]]] = {}
    async with world.db() as session:
        for table in Base.metadata.sorted_tables:
            if table.name == "processed_updates":
                continue
            result = await session.execute(text(f'SELECT * FROM "{table.name}"'))
            rows[table.name] = sorted(map(tuple, result.all()), key=repr)
    return rows


async def _admin_reports(world: World) -> int:
    async with world.db() as session:
        found = await session.execute(
            text("SELECT count(*) FROM outbox WHERE chat_id = :admin"), {"admin": ADMIN_ID}
        )
        return int(found.scalar_one())


async def _press(world: World, user: TelegramUser, data: str, errors: ErrorLog) -> str | None:
    before_errors = len(errors.records)
    await user.press_data(data)
    assert user.last_callback_answered, f"{data!r} was not answered"
    assert len(errors.records) == before_errors, f"{data!r} raised: {errors.records[-1].exc_info}"
    assert await _admin_reports(world) == 0, f"{data!r} reported an error to the admins"
    return user.last_callback_answer


# The sites the hostile-input run found: an id past int64 reached the SQLite driver.
BIG = 2**64
REPRODUCTIONS = [
    f"pl:open:{BIG}",  # services/participants.py
    f"svc:op:{BIG}:",  # surveys/campaigns.py
    f"sv:go:{BIG}:-1:0",  # surveys/responding.py
    f"ms:open:{BIG}:0",  # services/mentorship/pairs.py
    f"rm:card:{BIG}:0",  # roadmaps/status.py
    f"ev:go:{BIG}",  # broadcast/events.py
    "ms:open:-5:0",
    "pl:open:²",
]


def _with_reproductions(test: Any) -> Any:
    for data in REPRODUCTIONS:
        test = example(data=data, opened=False)(test)
    return test


PROPERTY = settings(
    max_examples=examples(300),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@PROPERTY
@given(data=forged_data(), opened=st.booleans())
async def test_a_stranger_forging_any_button_changes_nothing(
    world: World, errors: ErrorLog, data: str, opened: bool
) -> None:
    prefix, _, rest = data.partition(":")
    assume(not (prefix == "lg" and rest in SUPPORTED))  # choosing a language is allowed
    stranger = world.user(STRANGER_ID)
    await _open(stranger, data, opened)
    before = await _snapshot(world)
    answer = await _press(world, stranger, data, errors)
    after = await _snapshot(world)
    if _unpacks(data) and data.startswith("rg:"):
        # A real button of the stranger's own registration screen («Назад» at the consent
        # step) may move their conversation; nothing else may change.
        before.pop("fsm_records"), after.pop("fsm_records")
    assert after == before, data
    if not _unpacks(data):
        assert answer == world.app.translator.get("ru", "error-stale-button"), data


async def _coordinator(world: World) -> TelegramUser:
    if await world.person(COORDINATOR_ID) is None:
        async with world.db() as session:
            region_id = await session.scalar(select(Region.id).limit(1))
        await world.add_person(
            COORDINATOR_ID,
            name="Координатор Области",
            role=Role.mentor,
            coordinator_of=(ScopeLevel.region, region_id),
        )
    return world.user(COORDINATOR_ID)


@PROPERTY
@_with_reproductions
@given(data=forged_data(), opened=st.booleans())
async def test_a_coordinator_forging_any_button_gets_a_polite_answer(
    world: World, errors: ErrorLog, data: str, opened: bool
) -> None:
    """A region coordinator and mentor reaches the most handlers. Data that does not unpack
    must change nothing and get «the button is outdated»; data that does is handled by the
    feature, which must answer without an exception (its rules decide the rest)."""
    coordinator = await _coordinator(world)
    await _open(coordinator, data, opened)
    before = await _snapshot(world)
    answer = await _press(world, coordinator, data, errors)
    if not _unpacks(data):
        assert await _snapshot(world) == before, data
        assert answer == world.app.translator.get("ru", "error-stale-button"), data


def test_every_number_in_callback_data_is_bounded() -> None:
    """One way to declare a number: handlers/callback_fields.py (an unbounded int would let
    2**64 reach the database driver)."""
    for cls in CLASSES:
        for name, field in cls.model_fields.items():
            if field.annotation is not int:
                continue
            bounds = {type(m).__name__: m for m in field.metadata}
            assert "Ge" in bounds and "Le" in bounds, f"{cls.__name__}.{name} is unbounded"
            assert bounds["Le"].le <= MAX_ID, f"{cls.__name__}.{name} goes beyond int64"
