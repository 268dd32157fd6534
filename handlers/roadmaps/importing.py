"""Importing a roadmap: from the coordinator's table (XLSX, CSV, DOCX or YAML sent as a
document) or from a shipped template for the current period. The coordinator sees a preview
(items, parsed deadlines, what could not be read, with row and cell) and confirms; only then
is anything saved, in one transaction."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

from aiogram import Bot
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager

from bot.context import Ctx
from bot.services.errors import Forbidden
from bot.services.numbers import parse_id
from bot.services.roadmaps import render, store
from bot.services.roadmaps.reminders import NoticeConfig
from bot.services.roadmaps.store import Owner
from bot.services.roadmaps.table_import import (
    ParsedRoadmap,
    Period,
    RoadmapImportError,
    find_period,
    import_roadmap,
    is_school_year_template,
    preview,
    seed_templates,
    start_from_template,
)
from bot.settings import Settings
from bot.uploads import ParseOutOfMemory, ParseTimeout, UploadParser
from handlers.kit.context import ctx_of
from handlers.kit.picks import stale
from handlers.roadmaps.states import RoadmapImport
from handlers.roadmaps.ui import fit, today_of

FILE = "file"
TEMPLATE = "tpl"
_LEVEL_CODES = {"r": "region", "m": "municipality", "o": "organization"}


def max_bytes(settings: Settings) -> int:
    return int(settings.roadmap_import_max_mb * 1024 * 1024)


def _owner_code(owner: Owner) -> str:
    return f"{owner.level[0]}{owner.scope_id}"


def _owner_data(owner: Owner) -> dict[str, Any]:
    return {"owner": [owner.level, owner.scope_id], "owner_label": render.esc(owner.label)}


async def start_import(manager: DialogManager, flow: str) -> None:
    """From the overview: whose roadmap (asked only when the coordinator has several scopes),
    then the file or the template."""
    ctx = ctx_of(manager)
    owners = await store.owner_choices(ctx.session, ctx.actor)
    if not owners:
        raise Forbidden("error-out-of-scope")
    data: dict[str, Any] = {"flow": flow, "limit": render.megabytes(max_bytes(ctx.settings))}
    if len(owners) > 1:
        data["owners"] = [(_owner_code(o), o.label) for o in owners]
        state = RoadmapImport.owner
    else:
        data |= _owner_data(owners[0])
        state = RoadmapImport.template if flow == TEMPLATE else RoadmapImport.file
    await manager.start(state, data=data)


async def started(start_data: Any, manager: DialogManager) -> None:
    manager.dialog_data.update(start_data)


async def on_owner(_: CallbackQuery, code: str, manager: DialogManager) -> None:
    level = _LEVEL_CODES.get(code[:1])
    scope_id = parse_id(code[1:])
    if level is None or scope_id is None:
        raise stale()
    ctx = ctx_of(manager)
    owner = await store.require_owner(ctx.session, ctx.actor, level, scope_id)
    manager.dialog_data.update(_owner_data(owner))
    flow = manager.dialog_data["flow"]
    await manager.switch_to(RoadmapImport.template if flow == TEMPLATE else RoadmapImport.file)


async def on_template(_: CallbackQuery, name: str, manager: DialogManager) -> None:
    if name not in seed_templates():
        raise stale()
    manager.dialog_data["template"] = name
    manager.dialog_data["school_year"] = await asyncio.to_thread(is_school_year_template, name)
    await manager.switch_to(RoadmapImport.year)


async def on_year(_: CallbackQuery, value: str, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    this_year = today_of(ctx).year
    if value not in (str(this_year), str(this_year + 1)):
        raise stale()
    manager.dialog_data["year"] = int(value)
    owner = await _owner_of(manager)
    await _preview(manager, owner, await _from_template(manager))


async def on_file(message: Message, _: Any, manager: DialogManager) -> None:
    document = message.document
    assert document is not None
    ctx = ctx_of(manager)
    owner = await _owner_of(manager)
    limit = max_bytes(ctx.settings)
    data = manager.dialog_data
    if (document.file_size or 0) > limit:
        # Refused before downloading: Telegram reports the size with the document.
        error = RoadmapImportError("too_large", value=document.file_size)
        data["error"] = render.import_error_text(ctx.texts, error, limit)
        return
    period = find_period(message.caption or "")
    name = document.file_name or "roadmap"
    try:
        parsed = await _read_file(manager, document.file_id, name, period)
    except RoadmapImportError as error:
        # Nothing was saved; the coordinator may fix the file and send it again.
        data["error"] = render.import_error_text(ctx.texts, error, limit)
        return
    data.pop("error", None)
    data.update(
        file_id=document.file_id,
        file_name=name,
        period=[period.start.isoformat(), period.end.isoformat()] if period else None,
    )
    await _preview(manager, owner, parsed)


async def not_a_file(_: Message, __: Any, manager: DialogManager) -> None:
    manager.dialog_data["error"] = ctx_of(manager).texts("roadmap-import-send-file")


async def _read_file(
    manager: DialogManager, file_id: str, name: str, period: Period | None
) -> ParsedRoadmap:
    bot: Bot = manager.middleware_data["bot"]
    uploads: UploadParser = manager.middleware_data["uploads"]
    downloaded = await bot.download(file_id)
    data = downloaded.read() if downloaded is not None else b""
    limit = max_bytes(ctx_of(manager).settings)
    # In a worker process with a time and a memory limit: the event loop stays free, and
    # this update has written nothing yet, so it holds no database write turn meanwhile.
    try:
        return await uploads.parse(import_roadmap, data, name, period=period, max_bytes=limit)
    except ParseTimeout:
        raise RoadmapImportError("too_slow", value=f"{uploads.limits.seconds:g}") from None
    except ParseOutOfMemory:
        raise RoadmapImportError("too_much_memory", value=str(uploads.limits.memory_mb)) from None


async def _from_template(manager: DialogManager) -> ParsedRoadmap:
    data = manager.dialog_data
    return await asyncio.to_thread(
        start_from_template, str(data["template"]), date(int(data["year"]), 1, 1)
    )


async def _owner_of(manager: DialogManager) -> Owner:
    """The owner chosen earlier, checked again against the actor's current scope."""
    ctx: Ctx = ctx_of(manager)
    level, scope_id = manager.dialog_data["owner"]
    return await store.require_owner(ctx.session, ctx.actor, str(level), int(scope_id))


async def _preview(manager: DialogManager, owner: Owner, parsed: ParsedRoadmap) -> None:
    """Read once: the preview's text is kept for the window (a getter must not parse)."""
    ctx = ctx_of(manager)
    parties = await store.preview_parties(ctx.session, ctx.clock, owner, parsed)
    data = manager.dialog_data
    summary = preview(parsed)
    text = render.preview_text(ctx.texts, owner, summary, parties, template=data.get("template"))
    data["preview"] = fit(text)
    data["deadlines"] = [render.deadline_line(ctx.texts, entry) for entry in summary.deadlines]
    await manager.switch_to(RoadmapImport.confirm)


async def confirm(callback: CallbackQuery, _: Any, manager: DialogManager) -> None:
    ctx = ctx_of(manager)
    data = manager.dialog_data
    owner = await _owner_of(manager)
    if data["flow"] == TEMPLATE:
        parsed, source, template = await _from_template(manager), None, data.get("template")
    else:
        raw = data.get("period")
        period = Period(date.fromisoformat(raw[0]), date.fromisoformat(raw[1])) if raw else None
        name = str(data.get("file_name") or "roadmap")
        parsed = await _read_file(manager, str(data["file_id"]), name, period)
        source, template = name, None
    created = await store.create_roadmap(
        ctx.session,
        ctx.clock,
        ctx.actor,
        owner.level,
        owner.scope_id,
        parsed,
        source=source,
        template=template,
        config=NoticeConfig.from_settings(ctx.settings),
    )
    data["created"] = fit(render.created_text(ctx.texts, created))
    await callback.answer(ctx.texts("roadmap-import-done"))
    await manager.switch_to(RoadmapImport.created)


async def finished(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    """Back to the overview below, which now shows the new roadmap."""
    await manager.done()
