"""Webhook mode: the secret token is checked on every request; health answers."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator

import pytest
from aiohttp.test_utils import TestClient, TestServer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import SecretStr
from sqlalchemy import select

from bot.app import App
from bot.clock import FakeClock
from bot.fakes.telegram import FakeTelegram
from bot.webhook import create_web_app
from models import FsmRecord, ProcessedUpdate
from tests.conftest import base_settings, make_app
from tests.hypothesis_profiles import examples
from tests.slow_network import hold_requests_to

SECRET = "s3cret_token-OK"


@pytest.fixture
async def hooked(sqlite_url: str, clock: FakeClock) -> AsyncIterator[tuple[App, TestClient]]:
    settings = base_settings(
        database_url=sqlite_url,
        webhook_url="https://bot.example.org",
        webhook_secret=SecretStr(SECRET),
    )
    app = await make_app(settings, clock)
    client = TestClient(TestServer(create_web_app(app)))
    await client.start_server()
    yield app, client
    await client.close()
    await app.close()


def update(update_id: int, text: str = "/help") -> dict:
    return {
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "date": 1764000000,
            "text": text,
            "chat": {"id": 4242, "type": "private"},
            "from": {"id": 4242, "is_bot": False, "first_name": "Web", "language_code": "ru"},
            "entities": [{"type": "bot_command", "offset": 0, "length": len(text)}],
        },
    }


async def test_requests_without_the_secret_are_refused(hooked) -> None:
    app, client = hooked
    fake = app.bot.session
    assert isinstance(fake, FakeTelegram)
    response = await client.post("/telegram", json=update(1))
    assert response.status == 401
    response = await client.post(
        "/telegram", json=update(2), headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"}
    )
    assert response.status == 401
    assert fake.sent_messages(4242) == []
    response = await client.post(
        "/telegram", json=update(3), headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}
    )
    assert response.status == 200
    assert "Что я умею" in (fake.sent_messages(4242)[-1].text or "")


async def test_redelivered_update_is_handled_once(hooked) -> None:
    app, client = hooked
    fake = app.bot.session
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    for _ in range(2):
        response = await client.post("/telegram", json=update(77), headers=headers)
        assert response.status == 200
    assert len(fake.sent_messages(4242)) == 1


async def test_health(hooked) -> None:
    _app, client = hooked
    response = await client.get("/healthz")
    assert response.status == 200 and (await response.json()) == {"status": "ok"}


async def test_webhook_mode_refuses_to_start_without_a_secret(
    sqlite_url: str, clock: FakeClock
) -> None:
    app = await make_app(base_settings(database_url=sqlite_url, webhook_url="https://x.org"), clock)
    try:
        with pytest.raises(ValueError, match="WEBHOOK_SECRET"):
            create_web_app(app)
    finally:
        await app.close()


HEADERS = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
NOT_UPDATES = [
    ("malformed JSON", b'{"update_id": 1, "message": '),
    ("not UTF-8", b'{"update_id": 1, "x": "\xff\xfe"}'),
    ("empty body", b""),
    ("a JSON array", b"[1, 2, 3]"),
    ("a JSON string", b'"update"'),
    ("no update_id", b'{"message": {"message_id": 1}}'),
    ("update_id of the wrong type", b'{"update_id": "abc"}'),
    ("update_id beyond 64 bits", b'{"update_id": 100000000000000000000000}'),
    ("a negative update_id", b'{"update_id": -5}'),
    ("a message of the wrong type", b'{"update_id": 9, "message": [1]}'),
    ("a message missing its chat", b'{"update_id": 9, "message": {"message_id": 1, "date": 1}}'),
]


@pytest.mark.parametrize(("case", "body"), NOT_UPDATES, ids=[case for case, _ in NOT_UPDATES])
async def test_a_request_that_is_not_an_update_is_answered_400_with_one_log_line(
    hooked, caplog: pytest.LogCaptureFixture, case: str, body: bytes
) -> None:
    _app, client = hooked
    with caplog.at_level(logging.INFO):
        response = await client.post(
            "/telegram", data=body, headers={**HEADERS, "Content-Type": "application/json"}
        )
    assert response.status == 400, case
    refused = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(refused) == 1, [r.getMessage() for r in refused]
    assert refused[0].name == "bot.webhook" and refused[0].exc_info is None
    assert "refused" in refused[0].getMessage()
    # The server still works.
    response = await client.post("/telegram", json=update(5), headers=HEADERS)
    assert response.status == 200


@settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    body=st.one_of(
        st.binary(max_size=200),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
            lambda children: (
                st.lists(children, max_size=4)
                | st.dictionaries(
                    st.sampled_from(["update_id", "message", "callback_query", "chat", "x"]),
                    children,
                    max_size=4,
                )
            ),
            max_leaves=12,
        ).map(lambda value: json.dumps(value).encode()),
    )
)
async def test_no_body_makes_the_webhook_answer_500(hooked, body: bytes) -> None:
    _app, client = hooked
    response = await client.post(
        "/telegram", data=body, headers={**HEADERS, "Content-Type": "application/json"}
    )
    assert response.status in (200, 400)


@pytest.fixture
async def slow_hooked(sqlite_url: str, clock: FakeClock) -> AsyncIterator[tuple[App, TestClient]]:
    settings = base_settings(
        database_url=sqlite_url,
        webhook_url="https://bot.example.org",
        webhook_secret=SecretStr(SECRET),
    )
    app = await make_app(settings, clock)
    client = TestClient(TestServer(create_web_app(app, answer_within=0.2)))
    await client.start_server()
    yield app, client
    await client.close()
    await app.close()


def person_update(update_id: int, user_id: int, text: str) -> dict:
    body = update(update_id, text)
    body["message"]["chat"]["id"] = body["message"]["from"]["id"] = user_id
    return body


async def test_a_slow_update_holds_no_write_lock_and_stays_deduplicated(slow_hooked) -> None:
    app, client = slow_hooked
    fake = app.bot.session
    assert isinstance(fake, FakeTelegram)
    gate = hold_requests_to(fake, 4242)
    # Answered 200 after answer_within while the update goes on in the background.
    response = await client.post("/telegram", json=update(100), headers=HEADERS)
    assert response.status == 200
    assert fake.sent_messages(4242) == []
    # Telegram delivers it again meanwhile: answered, not handled a second time.
    response = await client.post("/telegram", json=update(100), headers=HEADERS)
    assert response.status == 200
    # Others write (their conversation step) while the slow update is in flight.
    for n in range(5):
        start = person_update(200 + n, 5000 + n, "/start")
        posted = client.post("/telegram", json=start, headers=HEADERS)
        response = await asyncio.wait_for(posted, timeout=30)
        assert response.status == 200
        assert "Согласие на обработку" in (fake.sent_messages(5000 + n)[-1].text or "")
    async with app.factory() as session:
        keys = list(await session.scalars(select(FsmRecord.key)))
    # Each of them has its step stored (the dialog's stack and context records).
    assert all(any(f":{5000 + n}:" in key for key in keys) for n in range(5)), keys
    gate.open()
    for _ in range(500):
        if fake.sent_messages(4242):
            break
        await asyncio.sleep(0.01)
    async with app.factory() as session:
        for _ in range(500):
            if await session.get(ProcessedUpdate, 100) is not None:
                break
            await asyncio.sleep(0.01)
        assert await session.get(ProcessedUpdate, 100) is not None
    response = await client.post("/telegram", json=update(100), headers=HEADERS)
    assert response.status == 200
    assert len(fake.sent_messages(4242)) == 1
