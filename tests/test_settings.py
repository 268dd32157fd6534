"""Settings: every field documented in .env.example, values parsed as an operator writes them."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.i18n import Translator
from bot.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_is_documented_in_env_example() -> None:
    text = (ROOT / ".env.example").read_text("utf-8")
    assert [name for name in Settings.model_fields if f"\n{name.upper()}=" not in text] == []


def test_values_as_an_operator_writes_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADMIN_IDS", "11, 22;33")
    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://u@db/x")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.admin_ids == [11, 22, 33]
    assert not settings.is_sqlite


def test_unknown_time_zone_fails_at_start() -> None:
    with pytest.raises(ValidationError):
        Settings(_env_file=None, default_timezone="Mars/Olympus")  # type: ignore[call-arg]


async def test_bot_api_requests_go_to_the_configured_server(
    sqlite_url: str, translator: Translator
) -> None:
    """TELEGRAM_API_URL points the bot at a self-hosted Bot API server instead of the public one."""
    from aiohttp import web

    from bot.app import build_app
    from tests.conftest import base_settings

    paths: list[str] = []

    async def bot_api(request: web.Request) -> web.Response:
        paths.append(request.path)
        user = {"id": 42, "is_bot": True, "first_name": "Local", "username": "local_bot"}
        return web.json_response({"ok": True, "result": user})

    server = web.Application()
    server.router.add_route("POST", "/{tail:.*}", bot_api)
    runner = web.AppRunner(server)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    app = build_app(
        base_settings(
            database_url=sqlite_url,
            bot_token="123456:LOCAL-TOKEN",
            telegram_api_url=f"http://127.0.0.1:{port}/",
        ),
        with_scheduler=False,
        translator=translator,
    )
    try:
        me = await app.bot.get_me()
    finally:
        await app.close()
        await runner.cleanup()
    assert me.username == "local_bot"
    assert paths == ["/bot123456:LOCAL-TOKEN/getMe"]


def test_the_public_bot_api_is_the_default() -> None:
    assert Settings(_env_file=None).telegram_api_url == "https://api.telegram.org"  # type: ignore[call-arg]
