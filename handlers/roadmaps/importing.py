"""Importing a roadmap: from the coordinator's table (XLSX, CSV, DOCX or YAML sent as a
document) or from a shipped template for the current period. The coordinator sees a preview
(items, parsed deadlines, what could not be read, with row and cell) and confirms; only then
is anything saved, in one transaction."""

from __future__ import annotations

import asyncio
from datetime import date
from zoneinfo import ZoneInfo

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Texts, Translator
from bot.services.access import Actor
from bot.services.errors import Forbidden, InvalidInput
from bot.services.numbers import parse_id
from bot.services.outbox import Button, Keyboard
from bot.services.roadmaps import buttons, render, store
from bot.services.roadmaps.reminders import NoticeConfig
from bot.services.roadmaps.store import Owner
from bot.services.roadmaps.table_import import (
    ParsedRoadmap,
    Period,
    RoadmapImportError,
    find_period,
    import_roadmap,
    preview,
    seed_templates,
    start_from_template,
)
from bot.settings import Settings
from bot.uploads import ParseOutOfMemory, ParseTimeout, UploadParser
from handlers.roadmap_ui import ImportCb, RoadmapSG, reply, show, today_in

router = Router(name=__name__)
router.message.filter(F.chat.type == "private")

FILE = "file"
TEMPLATE = "tpl"
_LEVEL_CODES = {"r": "region", "m": "municipality", "o": "organization"}


def _max_bytes(settings: Settings) -> int:
    return int(settings.roadmap_import_max_mb * 1024 * 1024)


def _owner_code(owner: Owner) -> str:
    return f"{owner.level[0]}{owner.scope_id}"


def _cancel_row(texts: Texts) -> list[Button]:
    return [Button(texts("btn-cancel"), buttons.import_step("cancel"))]


@router.callback_query(ImportCb.filter(F.step.in_({FILE, TEMPLATE})))
async def on_start(
    callback: CallbackQuery,
    callback_data: ImportCb,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    state: FSMContext,
    translator: Translator,
    settings: Settings,
) -> None:
    owners = await store.owner_choices(session, actor)
    if not owners:
        raise Forbidden("error-out-of-scope")
    await state.clear()
    await state.update_data(flow=callback_data.step)
    if len(owners) == 1:
        await _owner_chosen(callback, owners[0], texts, state, translator, settings)
        return
    await state.set_state(RoadmapSG.owner)
    rows: Keyboard = [
        [Button(o.label, buttons.import_step("owner", _owner_code(o)))] for o in owners
    ]
    await show(callback, texts("roadmap-ask-owner"), [*rows, _cancel_row(texts)])


@router.callback_query(RoadmapSG.owner, ImportCb.filter(F.step == "owner"))
async def on_owner(
    callback: CallbackQuery,
    callback_data: ImportCb,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    state: FSMContext,
    translator: Translator,
    settings: Settings,
) -> None:
    code = callback_data.value
    level = _LEVEL_CODES.get(code[:1])
    scope_id = parse_id(code[1:])
    if level is None or scope_id is None:
        raise InvalidInput("error-stale-button")
    owner = await store.require_owner(session, actor, level, scope_id)
    await _owner_chosen(callback, owner, texts, state, translator, settings)


async def _owner_chosen(
    callback: CallbackQuery,
    owner: Owner,
    texts: Texts,
    state: FSMContext,
    translator: Translator,
    settings: Settings,
) -> None:
    await state.update_data(owner=[owner.level, owner.scope_id])
    if (await state.get_data()).get("flow") == TEMPLATE:
        await state.set_state(RoadmapSG.template)
        names = render.template_names(translator, texts.lang, seed_templates())
        rows: Keyboard = [
            [Button(label, buttons.import_step("tplname", name))] for name, label in names.items()
        ]
        await show(
            callback,
            texts("roadmap-ask-template", owner=render.esc(owner.label)),
            [*rows, _cancel_row(texts)],
        )
        return
    await state.set_state(RoadmapSG.file)
    await show(
        callback,
        texts(
            "roadmap-ask-file",
            owner=render.esc(owner.label),
            limit=render.megabytes(_max_bytes(settings)),
        ),
        [_cancel_row(texts)],
    )


@router.message(RoadmapSG.file, F.document)
async def on_file(
    message: Message,
    bot: Bot,
    uploads: UploadParser,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    state: FSMContext,
    clock: Clock,
    settings: Settings,
) -> None:
    document = message.document
    assert document is not None
    owner = await _owner_from(state, session, actor)
    limit = _max_bytes(settings)
    if (document.file_size or 0) > limit:
        # Refused before downloading: Telegram reports the size with the document.
        error = RoadmapImportError("too_large", value=document.file_size)
        await reply(message, render.import_error_text(texts, error, limit), [_cancel_row(texts)])
        return
    period = find_period(message.caption or "")
    name = document.file_name or "roadmap"
    try:
        parsed = await _read_file(bot, uploads, document.file_id, name, period, limit)
    except RoadmapImportError as error:
        # Nothing was saved; the coordinator may fix the file and send it again.
        await reply(message, render.import_error_text(texts, error, limit), [_cancel_row(texts)])
        return
    await state.update_data(
        file_id=document.file_id,
        file_name=name,
        period=[period.start.isoformat(), period.end.isoformat()] if period else None,
    )
    await _preview(message, None, session, clock, texts, state, owner, parsed)


@router.message(RoadmapSG.file)
async def on_not_a_file(message: Message, texts: Texts) -> None:
    await reply(message, texts("roadmap-import-send-file"), [_cancel_row(texts)])


async def _read_file(
    bot: Bot,
    uploads: UploadParser,
    file_id: str,
    name: str,
    period: Period | None,
    max_bytes: int,
) -> ParsedRoadmap:
    downloaded = await bot.download(file_id)
    data = downloaded.read() if downloaded is not None else b""
    # In a worker process with a time and a memory limit: the event loop stays free, and
    # this update has written nothing yet, so it holds no database write turn meanwhile.
    try:
        return await uploads.parse(import_roadmap, data, name, period=period, max_bytes=max_bytes)
    except ParseTimeout:
        raise RoadmapImportError("too_slow", value=f"{uploads.limits.seconds:g}") from None
    except ParseOutOfMemory:
        raise RoadmapImportError("too_much_memory", value=str(uploads.limits.memory_mb)) from None


@router.callback_query(RoadmapSG.template, ImportCb.filter(F.step == "tplname"))
async def on_template(
    callback: CallbackQuery,
    callback_data: ImportCb,
    texts: Texts,
    state: FSMContext,
    clock: Clock,
    zone: ZoneInfo,
) -> None:
    if callback_data.value not in seed_templates():
        raise InvalidInput("error-stale-button")
    await state.update_data(template=callback_data.value)
    await state.set_state(RoadmapSG.year)
    this_year = today_in(clock, zone).year
    rows: Keyboard = [
        [
            Button(str(year), buttons.import_step("year", str(year)))
            for year in (this_year, this_year + 1)
        ]
    ]
    await show(callback, texts("roadmap-ask-year"), [*rows, _cancel_row(texts)])


@router.callback_query(RoadmapSG.year, ImportCb.filter(F.step == "year"))
async def on_year(
    callback: CallbackQuery,
    callback_data: ImportCb,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    state: FSMContext,
    clock: Clock,
    zone: ZoneInfo,
) -> None:
    this_year = today_in(clock, zone).year
    if callback_data.value not in (str(this_year), str(this_year + 1)):
        raise InvalidInput("error-stale-button")
    await state.update_data(year=int(callback_data.value))
    owner = await _owner_from(state, session, actor)
    parsed = await _from_template(state)
    await _preview(None, callback, session, clock, texts, state, owner, parsed)


async def _from_template(state: FSMContext) -> ParsedRoadmap:
    data = await state.get_data()
    return await asyncio.to_thread(
        start_from_template, str(data.get("template")), date(int(data.get("year", 0)), 1, 1)
    )


async def _owner_from(state: FSMContext, session: AsyncSession, actor: Actor) -> Owner:
    """The owner chosen earlier, checked again against the actor's current scope."""
    data = await state.get_data()
    level, scope_id = data.get("owner") or ("", 0)
    return await store.require_owner(session, actor, str(level), int(scope_id))


async def _preview(
    message: Message | None,
    callback: CallbackQuery | None,
    session: AsyncSession,
    clock: Clock,
    texts: Texts,
    state: FSMContext,
    owner: Owner,
    parsed: ParsedRoadmap,
) -> None:
    parties = await store.preview_parties(session, clock, owner, parsed)
    data = await state.get_data()
    text = render.preview_text(
        texts, owner, preview(parsed), parties, template=data.get("template")
    )
    await state.set_state(RoadmapSG.confirm)
    keyboard: Keyboard = [
        [Button(texts("roadmap-btn-import-confirm"), buttons.import_step("confirm"))],
        _cancel_row(texts),
    ]
    if callback is not None:
        await show(callback, text, keyboard)
    elif message is not None:
        await reply(message, text, keyboard)


@router.callback_query(RoadmapSG.confirm, ImportCb.filter(F.step == "confirm"))
async def on_confirm(
    callback: CallbackQuery,
    bot: Bot,
    uploads: UploadParser,
    session: AsyncSession,
    actor: Actor,
    texts: Texts,
    state: FSMContext,
    clock: Clock,
    settings: Settings,
) -> None:
    data = await state.get_data()
    owner = await _owner_from(state, session, actor)
    if data.get("flow") == TEMPLATE:
        parsed, source, template = await _from_template(state), None, data.get("template")
    else:
        raw = data.get("period")
        period = Period(date.fromisoformat(raw[0]), date.fromisoformat(raw[1])) if raw else None
        name = str(data.get("file_name") or "roadmap")
        parsed = await _read_file(
            bot, uploads, str(data.get("file_id")), name, period, _max_bytes(settings)
        )
        source, template = name, None
    created = await store.create_roadmap(
        session,
        clock,
        actor,
        owner.level,
        owner.scope_id,
        parsed,
        source=source,
        template=template,
        config=NoticeConfig.from_settings(settings),
    )
    await state.clear()
    await show(
        callback,
        render.created_text(texts, created),
        [[render.back_button(texts)]],
        answer=texts("roadmap-import-done"),
    )


@router.callback_query(ImportCb.filter(F.step == "cancel"))
async def on_cancel(callback: CallbackQuery, state: FSMContext, texts: Texts) -> None:
    await state.clear()
    await show(callback, texts("cancelled"), [[render.back_button(texts)]])


@router.callback_query(ImportCb.filter())
async def on_stale(callback: CallbackQuery, texts: Texts) -> None:
    """A confirm or a choice from an old preview: the conversation has moved on."""
    await callback.answer(texts("error-stale-button"), show_alert=True)
