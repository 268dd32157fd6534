"""Webhook mode: the secret token is checked on every request; health answers."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp.test_utils import TestClient, TestServer
from pydantic import SecretStr

from bot.app import App
from bot.clock import FakeClock
from bot.fakes.telegram import FakeTelegram
from bot.webhook import create_web_app
from tests.conftest import base_settings, make_app

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
