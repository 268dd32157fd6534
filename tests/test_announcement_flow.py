"""/announce through the dispatcher: compose, attach, audience, preview, send, schedule, cancel,
and the bad input that must change nothing."""

from __future__ import annotations

import asyncio
import itertools
from datetime import timedelta
from typing import Any

import pytest
from aiogram.methods import SendMessage
from aiogram.types import Document, Update
from sqlalchemy import func, select

from bot.app import App
from bot.clock import FakeClock
from bot.services.broadcast import announcements
from bot.services.errors import InvalidInput
from models import DueTask, OutboxMessage
from models.broadcast import Announcement
from models.enums import AnnouncementStatus, Category, DueTaskStatus, OutboxStatus
from scheduler import delivery_reports
from scheduler.broadcast_jobs import update_report
from scheduler.tick import run_due
from tests.announcement_support import (
    OTHER_SCHOOL,
    SCHOOL,
    outbox_count,
    school_coordinator,
    send_photo,
    settle,
    teachers,
    tick_args,
)
from tests.conftest import base_settings, make_app
from tests.support import World, conversation_of


async def _announcement_count(world: World) -> int:
    async with world.db() as session:
        return int(await session.scalar(select(func.count(Announcement.id))) or 0)


async def _to_preview(world: World, text: str = "<b>Семинар</b> для наставников в пятницу") -> None:
    coord = world.user(700)
    await coord.send("/announce")
    assert "Новое объявление" in (coord.last_text or "")
    await coord.send(text)
    assert "Приложить" in (coord.last_text or "")
    await coord.click("Без вложения")
    await coord.click("Далее")


async def test_compose_preview_and_send_now(world: World) -> None:
    await school_coordinator(world)
    people = await teachers(world, 1000, 3)
    outsider = await world.add_person(1100, org=OTHER_SCHOOL)
    coord = world.user(700)
    await coord.send("/announce")
    await coord.send("<b>Семинар</b> для наставников в пятницу")
    await coord.click("Без вложения")
    # The coordinator and three teachers of the school; not the other school.
    assert "Получателей сейчас: 4" in (coord.last_text or "")
    mark = world.fake.mark()
    await coord.click("Далее")
    shown = world.fake.messages_since(mark, 700)
    preview = next(m for m in shown if m.text and "Семинар" in m.text)
    assert "Получателей: 4" in (coord.last_text or "")
    await coord.click("Отправить сейчас")
    await settle(world)
    for person in people:
        got = world.fake.sent_messages(person.tg_id)
        assert len(got) == 1
        # Exactly what the preview showed: the same text and the same formatting.
        assert got[0].text == preview.text
        assert [(e.type, e.offset, e.length) for e in got[0].entities or []] == [
            (e.type, e.offset, e.length) for e in preview.entities or []
        ]
        assert got[0].entities and got[0].entities[0].type == "bold"
    assert world.fake.sent_messages(outsider.tg_id) == []
    # The report (edited in place) ends with the final counts.
    report = world.fake.get_message(700, coord.last_message.message_id)  # type: ignore[union-attr]
    final = report.text if report else ""
    assert "Доставлено: 4" in (final or ""), final
    assert "Завершена" in (final or "")
    async with world.db() as session:
        announcement = await session.scalar(select(Announcement))
        assert announcement is not None and announcement.status == AnnouncementStatus.done


async def test_report_counts_those_who_blocked_the_bot(world: World) -> None:
    await school_coordinator(world)
    people = await teachers(world, 1000, 3)
    world.fake.fail_next(None, "403", chat_id=people[0].tg_id)
    await _to_preview(world)
    coord = world.user(700)
    await coord.click("Отправить сейчас")
    report_id = coord.last_message.message_id  # type: ignore[union-attr]
    await settle(world)
    final = world.fake.get_message(700, report_id)
    assert final is not None and final.text is not None
    assert "Доставлено: 3" in final.text
    assert "Заблокировали бота: 1" in final.text
    blocked = await world.person(people[0].tg_id or 0)
    assert blocked is not None and blocked.bot_blocked


async def test_scheduled_announcement_goes_at_its_time(world: World) -> None:
    await school_coordinator(world)
    people = await teachers(world, 1000, 2)
    await _to_preview(world)
    coord = world.user(700)
    await coord.click("Запланировать")
    send_at = world.now() + timedelta(days=1)
    await coord.send(send_at.astimezone(world.app.settings.zone).strftime("%d.%m.%Y %H:%M"))
    assert "✖ Отменить отправку" in coord.buttons()
    await run_due(**tick_args(world.app))
    await world.drain()
    assert all(world.fake.sent_messages(p.tg_id) == [] for p in people)  # not yet
    world.app.clock.advance(days=1, minutes=1)  # type: ignore[attr-defined]
    await settle(world)
    assert all(len(world.fake.sent_messages(p.tg_id)) == 1 for p in people)
    # The status message sent at the start was edited to the final counts.
    shown = [m.text or "" for m in world.fake.chat_messages(700)]
    assert any("Доставлено: 3" in t and "Завершена" in t for t in shown), shown[-2:]


async def test_a_scheduled_announcement_can_be_cancelled_until_it_starts(world: World) -> None:
    await school_coordinator(world)
    people = await teachers(world, 1000, 2)
    await _to_preview(world)
    coord = world.user(700)
    await coord.click("Запланировать")
    send_at = world.now() + timedelta(hours=3)
    await coord.send(send_at.astimezone(world.app.settings.zone).strftime("%d.%m.%Y %H:%M"))
    # /announce lists it with a cancel button.
    await coord.send("/announce")
    assert "Семинар" in (coord.last_text or "")
    await coord.click("Отменить: Семинар")
    await coord.click("Да, отменить")
    assert "отменена" in (coord.last_text or "")
    world.app.clock.advance(hours=4)  # type: ignore[attr-defined]
    await settle(world)
    assert all(world.fake.sent_messages(p.tg_id) == [] for p in people)
    assert await outbox_count(world, batch="ann:1") == 0
    async with world.db() as session:
        announcement = await session.scalar(select(Announcement))
        assert announcement is not None and announcement.status == AnnouncementStatus.cancelled
    # Once started it cannot be cancelled: the stale button says so and changes nothing.
    await coord.press_data("ax:cancel_ok:1")
    assert "Отменить нельзя" in (coord.last_callback_answer or "")


async def test_a_started_announcement_cannot_be_cancelled(world: World) -> None:
    await school_coordinator(world)
    await teachers(world, 1000, 2)
    await _to_preview(world)
    coord = world.user(700)
    await coord.click("Отправить сейчас")
    await coord.press_data("ax:cancel_ok:1")
    assert "Отменить нельзя" in (coord.last_callback_answer or "")
    await settle(world)
    assert len(world.fake.sent_messages(1000)) == 1


async def test_a_photo_goes_with_its_caption(world: World) -> None:
    await school_coordinator(world)
    people = await teachers(world, 1000, 2)
    coord = world.user(700)
    await coord.send("/announce")
    await send_photo(coord, caption="Фотоотчёт с семинара")
    assert "Получателей сейчас: 3" in (coord.last_text or "")
    await coord.click("Далее")
    await coord.click("Отправить сейчас")
    await settle(world)
    for person in people:
        got = world.fake.sent_messages(person.tg_id)
        assert (
            len(got) == 1
            and got[0].photo
            and got[0].caption
            == "Фотоотчёт с семинара\n\n— Координатор Школы, координатор, СОШ № 1 г. Кедрового"
        )


# --- bad input: a clear message, and nothing changes ------------------------------------------


async def test_oversized_text_is_refused_and_the_step_stays(world: World) -> None:
    await school_coordinator(world)
    await teachers(world, 1000, 1)
    coord = world.user(700)
    await coord.send("/announce")
    await coord.send("а" * 4097)
    assert "Слишком длинный текст: 4\xa0097" in (coord.last_text or "")
    await coord.send("Короткий текст")  # still at the text step
    assert "Приложить" in (coord.last_text or "")


async def test_broken_markup_is_refused(world: World) -> None:
    await school_coordinator(world)
    coord = world.user(700)
    await coord.send("/announce")
    await coord.send("<b>Семинар <i>в пятницу</b>")
    assert "Telegram не примет такое оформление" in (coord.last_text or "")


async def _send_document(world: World, name: str, mime: str, size: int) -> None:
    """A document of any declared size (nothing is downloaded, so no bytes are needed)."""
    coord = world.user(700)
    stored = world.fake.register_file(b"x" * 10, file_name=name, mime_type=mime)
    document = Document(
        file_id=stored.file_id,
        file_unique_id=stored.file_unique_id,
        file_name=name,
        mime_type=mime,
        file_size=size,
    )
    message = coord._incoming(document=document)
    await coord._feed(Update(update_id=world.fake.next_update_id(), message=message))


async def test_forbidden_document_type_or_size_is_refused(world: World) -> None:
    await school_coordinator(world)
    await teachers(world, 1000, 1)
    coord = world.user(700)
    await coord.send("/announce")
    await coord.send("Программа семинара во вложении")
    await _send_document(world, "program.exe", "application/x-msdownload", 1000)
    assert "Такой файл отправить нельзя" in (coord.last_text or "")
    # A program renamed to .pdf still declares its type.
    await _send_document(world, "program.pdf", "application/x-msdownload", 1000)
    assert "Такой файл отправить нельзя" in (coord.last_text or "")
    await _send_document(world, "big.pdf", "application/pdf", 25 * 1024 * 1024)
    assert "Файл слишком большой" in (coord.last_text or "")
    # Still at the attachment step: a good file is taken.
    await _send_document(world, "program.pdf", "application/pdf", 50_000)
    assert "Получателей сейчас" in (coord.last_text or "")


async def test_audience_outside_the_scope_is_refused(world: World) -> None:
    await school_coordinator(world)
    await teachers(world, 1000, 1)
    other_org = await world.org_id(OTHER_SCHOOL)
    coord = world.user(700)
    await coord.send("/announce")
    await coord.send("Текст")
    await coord.click("Без вложения")
    # One school, one municipality: no place filters to offer a school's coordinator.
    assert "Организации" not in coord.buttons() and "Муниципалитеты" not in coord.buttons()
    assert f"Организации: {SCHOOL}" in (coord.last_text or "")  # her school, not «все»
    # A forged press opening the hidden filter, then another school's id: refused.
    opening = coord.data_of("Категории").replace("open_categories", "open_orgs")
    await coord.press_data(opening)
    own = coord.data_of(SCHOOL)
    await coord.press_data(own.rsplit(":", 1)[0] + f":{other_org}")
    assert "за пределами вашей зоны" in (coord.last_callback_answer or "")
    await coord.press_data(own)  # even her own school: the filter is not hers to use
    assert "за пределами вашей зоны" in (coord.last_callback_answer or "")
    assert not any(label.startswith("✅") for label in coord.buttons())
    await coord.click("Готово")
    await coord.click("Далее")
    assert "Получателей: 2" in (coord.last_text or "")


async def test_a_time_in_the_past_is_refused(world: World) -> None:
    await school_coordinator(world)
    await teachers(world, 1000, 1)
    await _to_preview(world)
    coord = world.user(700)
    await coord.click("Запланировать")
    past = world.now() - timedelta(hours=2)
    await coord.send(past.astimezone(world.app.settings.zone).strftime("%d.%m.%Y %H:%M"))
    assert "уже прошло" in (coord.last_text or "")
    assert await _announcement_count(world) == 0


async def test_a_time_in_words_and_one_too_far_ahead(world: World) -> None:
    """«завтра в 10:00» is read in the bot's zone; a time beyond a year is refused with the
    last day allowed, and nothing is saved."""
    await school_coordinator(world)
    await teachers(world, 1000, 1)
    await _to_preview(world)
    coord = world.user(700)
    await coord.click("Запланировать")
    zone = world.app.settings.zone
    today = world.now().astimezone(zone).date()
    far = today + announcements.MAX_AHEAD + timedelta(days=2)
    await coord.send(f"{far:%d.%m.%Y} 10:00")
    assert f"до {today + announcements.MAX_AHEAD:%d.%m.%Y}" in (coord.last_text or "")
    await coord.send("когда-нибудь")
    assert "в пятницу в 10:00" in (coord.last_text or "")  # the example says how to write it
    assert await _announcement_count(world) == 0
    await coord.send("завтра в 10:00")
    assert "✖ Отменить отправку" in coord.buttons()
    async with world.db() as session:
        announcement = await session.scalar(select(Announcement))
    assert announcement is not None and announcement.send_at is not None
    local = announcement.send_at.astimezone(zone)
    assert (local.date(), local.hour, local.minute) == (today + timedelta(days=1), 10, 0)


async def test_not_a_coordinator_cannot_announce(world: World) -> None:
    await teachers(world, 1000, 1)
    user = world.user(1000)
    await user.send("/announce")
    assert "только координаторам" in (user.last_text or "")
    assert await _announcement_count(world) == 0


async def test_an_empty_audience_cannot_be_previewed(world: World) -> None:
    await school_coordinator(world)
    coord = world.user(700)
    await coord.send("/announce")
    await coord.send("Текст")
    await coord.click("Без вложения")
    await coord.click("Роли")
    await coord.click("Наставник")  # nobody in the school is a mentor
    await coord.click("Готово")
    assert "Получателей сейчас: 0" in (coord.last_text or "")
    await coord.click("Далее")
    assert "получателей нет" in (coord.last_callback_answer or "")


async def test_a_copy_is_queued_once_even_if_expansion_runs_twice(world: World) -> None:
    """A retried expansion step (the job ran, its commit was lost) queues nothing twice."""
    await school_coordinator(world)
    await teachers(world, 1000, 5)
    await _to_preview(world)
    await world.user(700).click("Отправить сейчас")
    async with world.db() as session:
        announcement = await session.scalar(select(Announcement))
        assert announcement is not None
        announcement.expanded = False
        announcement.cursor = 0
        await announcements.expand_chunk(
            session, world.app.clock, world.app.settings, world.app.translator, announcement
        )
        copies = await session.scalar(
            select(func.count(OutboxMessage.id)).where(OutboxMessage.batch == "ann:1")
        )
    assert copies == 6
    await settle(world)
    assert all(len(world.fake.sent_messages(1000 + i)) == 1 for i in range(5))


async def test_the_report_updates_while_sending(world: World) -> None:
    await school_coordinator(world)
    people = await teachers(world, 1000, 6)
    await _to_preview(world)
    coord = world.user(700)
    await coord.click("Отправить сейчас")
    report = coord.last_message
    assert report is not None and "В очереди: 7" in (report.text or "")
    # Two recipients' copies fail for now (Telegram 5xx) and wait for their retry.
    for person in people[:2]:
        world.fake.fail_next(None, "500", chat_id=person.tg_id)
    await world.drain()
    world.app.clock.advance(seconds=11)  # type: ignore[attr-defined]
    await run_due(**tick_args(world.app))  # the report job (not the retries: sent later)
    async with world.db() as session:
        edits = list(
            await session.scalars(
                select(OutboxMessage).where(OutboxMessage.method == "editMessageText")
            )
        )
    # The sender's progress may have refreshed it already; the tick shows the same counts.
    assert edits
    text = edits[-1].params["text"]
    assert "Доставлено: 5" in text and "В очереди: 2" in text and "Идёт отправка" in text
    await settle(world)
    final = world.fake.get_message(700, report.message_id)
    assert final is not None and "Доставлено: 7" in (final.text or "")
    assert "Завершена" in (final.text or "")


async def test_the_report_follows_the_delivery_without_a_tick_and_is_throttled(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Copies going out refresh the report (no scheduler tick runs here), at most once per
    LIVE_REPORT_EVERY of the clock, and the last edit has the final counts."""
    await school_coordinator(world)
    await teachers(world, 1000, 12)
    app, fake, clock = world.app, world.fake, world.app.clock
    assert app.reports is not None
    original = fake.make_request

    async def half_a_second_each(bot: Any, method: Any, **kwargs: Any) -> Any:
        if isinstance(method, SendMessage):
            clock.advance(seconds=0.5)  # type: ignore[attr-defined]
        return await original(bot, method, **kwargs)

    idle = asyncio.Event()  # nothing is being sent: time just passes

    async def sleep_on_the_clock(seconds: float) -> None:
        until = clock.now() + timedelta(seconds=seconds)
        while clock.now() < until and not idle.is_set():  # noqa: ASYNC110 (sends move it)
            await asyncio.sleep(0.001)
        if clock.now() < until:
            clock.set(until)  # type: ignore[attr-defined]

    async def time_passes() -> None:
        idle.set()
        await app.reports.settle()  # type: ignore[union-attr]
        idle.clear()

    fake.make_request = half_a_second_each  # type: ignore[method-assign]
    app.reports.sleep = sleep_on_the_clock
    asked: list[set[str]] = []
    delivered = app.reports.delivered
    monkeypatch.setattr(app.reports, "delivered", lambda b: (asked.append(b), delivered(b)))
    app.sender.on_settled = app.reports.delivered
    refreshed: list[Any] = []  # when the refresher read the counts

    async def recorded(ctx: Any, announcement_id: int) -> bool | None:
        refreshed.append(clock.now())
        return await update_report(ctx, announcement_id)

    monkeypatch.setattr(delivery_reports, "update_report", recorded)
    app.sender.batch_size = 3  # the copies go out in several claims
    await _to_preview(world)
    coord = world.user(700)
    await coord.click("Отправить сейчас")
    report = coord.last_message
    assert report is not None and "В очереди: 13" in (report.text or "")
    assert await app.sender.drain_once() == 3  # the first copies ...
    await time_passes()  # ... and the report says so
    await app.sender.drain()  # the rest in one go: refreshes asked meanwhile wait their turn
    while True:  # then the last refresh comes, and its edit goes out
        await time_passes()
        if not await app.sender.drain_once():
            break
    async with world.db() as session:
        edits = list(
            await session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.method == "editMessageText")
                .order_by(OutboxMessage.id)
            )
        )
        announcement = await session.scalar(select(Announcement))
        tick_report = await session.scalar(
            select(DueTask).where(DueTask.kind == announcements.REPORT_KIND)
        )
    final = fake.get_message(700, report.message_id)
    assert final is not None and "Доставлено: 13" in (final.text or "")
    assert "В очереди: 0" in (final.text or "") and "Завершена" in (final.text or "")
    assert announcement is not None and announcement.status == AnnouncementStatus.done
    assert tick_report is not None and tick_report.status == DueTaskStatus.pending  # never ran
    assert {e.status for e in edits} == {OutboxStatus.sent}
    # Shown while it went, not only at the end ...
    first = edits[0].params["text"]
    assert "Доставлено: 3" in first and "Идёт отправка" in first and len(edits) >= 2
    # ... and throttled: fewer refreshes than progress reports, none within the interval.
    assert len(edits) <= len(refreshed) < len(asked)
    gaps = [b - a for a, b in itertools.pairwise(refreshed)]
    assert all(gap >= announcements.LIVE_REPORT_EVERY for gap in gaps), gaps


async def test_a_running_announcement_can_be_stopped(world: World) -> None:
    await school_coordinator(world)
    people = await teachers(world, 1000, 6)
    await _to_preview(world)
    coord = world.user(700)
    await coord.click("Отправить сейчас")
    report = coord.last_message
    assert report is not None
    await coord.click("Остановить рассылку", report)
    await coord.click("Да, остановить")
    assert "остановлена" in (coord.last_text or "")
    await settle(world)
    assert all(world.fake.sent_messages(p.tg_id) == [] for p in people)
    final = world.fake.get_message(700, report.message_id)
    assert final is not None and "Остановлена" in (final.text or "")
    assert await outbox_count(world, batch="ann:1", status=OutboxStatus.cancelled) == 7


async def test_audience_by_category_and_by_mentoring_form(world: World) -> None:
    await school_coordinator(world)
    await teachers(world, 1000, 2)
    await world.add_person(1050, category=Category.student)
    coord = world.user(700)
    await coord.send("/announce")
    await coord.send("Текст")
    await coord.click("Без вложения")
    assert "Получателей сейчас: 4" in (coord.last_text or "")
    await coord.click("Категории")
    await coord.click("Обучающийся")
    assert "✅ Обучающийся" in coord.buttons()
    await coord.click("Готово")
    assert "Получателей сейчас: 1" in (coord.last_text or "")
    await coord.click("Все в моей зоне")
    await coord.click("Формы наставничества")
    await coord.click("реверсивная")  # nobody is in a reverse mentorship
    await coord.click("Готово")
    assert "Формы наставничества: реверсивная" in (coord.last_text or "")
    assert "Получателей сейчас: 0" in (coord.last_text or "")


async def test_a_document_with_a_long_text_goes_as_two_messages(world: World) -> None:
    await school_coordinator(world)
    people = await teachers(world, 1000, 1)
    coord = world.user(700)
    await coord.send("/announce")
    long_text = "Программа семинара. " * 100  # over a caption's 1024 characters
    await coord.send(long_text)
    await _send_document(world, "program.pdf", "application/pdf", 50_000)
    await coord.click("Далее")
    await coord.click("Отправить сейчас")
    await settle(world)
    got = world.fake.sent_messages(people[0].tg_id)
    assert [bool(m.document) for m in got] == [True, False]
    assert got[0].document is not None and got[0].document.file_name == "program.pdf"
    assert (got[1].text or "").startswith("Программа семинара.")
    final = world.fake.get_message(700, coord.last_message.message_id)  # type: ignore[union-attr]
    assert final is not None and "Доставлено: 2" in (final.text or "")


def test_an_empty_text_is_refused_by_the_service() -> None:
    for empty in ("", "   ", "<b> </b>"):
        with pytest.raises(InvalidInput) as caught:
            announcements.check_text(empty)
        assert caught.value.key == "ann-empty"


def test_the_routers_and_jobs_are_wired_into_the_bot() -> None:
    import scheduler.tick  # noqa: F401 - imports every job module, as the runner does
    from bot.services.broadcast import events
    from handlers import announcements as announcement_handlers
    from handlers import get_routers
    from handlers.announcements import events as event_handlers
    from scheduler.registry import handler_for

    routers = get_routers()
    names = [router.name for router in routers]
    # The events are a part of the announcements feature: its router includes theirs.
    assert names.index(announcement_handlers.__name__) < names.index("handlers.fallback")
    (announcing,) = [r for r in routers if r.name == announcement_handlers.__name__]
    assert any(r.name == event_handlers.__name__ for r in announcing.sub_routers)
    for kind in (
        announcements.START_KIND,
        announcements.EXPAND_KIND,
        announcements.REPORT_KIND,
        events.REMIND_KIND,
        events.FOLLOWUP_KIND,
    ):
        assert handler_for(kind) is not None


async def test_a_scheduled_announcement_finishes_when_its_author_blocked_the_bot(
    world: World,
) -> None:
    await school_coordinator(world)
    people = await teachers(world, 1000, 2)
    await _to_preview(world)
    coord = world.user(700)
    await coord.click("Запланировать")
    send_at = world.now() + timedelta(hours=2)
    await coord.send(send_at.astimezone(world.app.settings.zone).strftime("%d.%m.%Y %H:%M"))
    world.fake.fail_next(None, "403", chat_id=700)  # the status message meets a block
    world.app.clock.advance(hours=2, minutes=1)  # type: ignore[attr-defined]
    await settle(world)  # the report has nowhere to go, and the sending still ends
    assert all(len(world.fake.sent_messages(p.tg_id)) == 1 for p in people)
    async with world.db() as session:
        announcement = await session.scalar(select(Announcement))
        assert announcement is not None and announcement.status == AnnouncementStatus.done


async def test_a_municipal_coordinator_picks_organizations_of_their_municipality(
    world: World,
) -> None:
    from tests.announcement_support import municipal_coordinator
    from tests.support import muni_id

    await municipal_coordinator(world)
    await teachers(world, 1000, 2)  # the school of Город Кедровый
    await world.add_person(1100, org=OTHER_SCHOOL)  # Томский район: outside
    coord = world.user(701)
    await coord.send("/announce")
    await coord.send("Совещание руководителей")
    await coord.click("Без вложения")
    assert "Получателей сейчас: 3" in (coord.last_text or "")  # with the coordinator
    # One municipality: no municipality filter, but the schools of it are offered.
    assert "Муниципалитеты" not in coord.buttons()
    assert "Муниципалитеты: Город Кедровый" in (coord.last_text or "")
    opening = coord.data_of("Организации").replace("open_orgs", "open_munis")
    await coord.press_data(opening)  # forged: the hidden filter's window
    async with world.db() as session:
        other = await muni_id(session, "Томский район")
    own = coord.data_of("Город Кедровый")
    await coord.press_data(own.rsplit(":", 1)[0] + f":{other}")
    assert "за пределами вашей зоны" in (coord.last_callback_answer or "")
    await coord.click("Готово")
    await coord.click("Организации")
    await coord.click(SCHOOL)
    await coord.click("Готово")
    assert "Получателей сейчас: 2" in (coord.last_text or "")
    await coord.click("Далее")
    await coord.click("Отправить сейчас")
    await settle(world)
    assert [len(world.fake.sent_messages(t)) for t in (1000, 1001, 1100)] == [1, 1, 0]


async def test_an_oversized_photo_is_refused(world: World) -> None:
    await school_coordinator(world)
    coord = world.user(700)
    await coord.send("/announce")
    await coord.send("Фотоотчёт")
    await send_photo(coord, size=11 * 1024 * 1024)
    assert "Фото слишком большое" in (coord.last_text or "")
    await send_photo(coord, size=100_000)  # still at the attachment step
    assert "Получателей сейчас" in (coord.last_text or "")


# --- the dialog: Back, Cancel, the audience picker, stale and forged presses, a restart -------


async def test_back_walks_the_steps_and_the_picker_returns_to_its_caller(world: World) -> None:
    await school_coordinator(world)
    await teachers(world, 1000, 2)
    coord = world.user(700)
    await coord.send("/announce")
    await coord.send("Первый текст")
    await coord.click("Назад")
    assert "Новое объявление" in (coord.last_text or "")
    await coord.send("Второй текст")
    await coord.click("Без вложения")
    assert "Получателей сейчас: 3" in (coord.last_text or "")
    await coord.click("Назад")  # the picker closes: the step that opened it again
    assert "Приложить" in (coord.last_text or "")
    assert await conversation_of(world, 700) == "AnnounceSG:attachment"
    await coord.click("Без вложения")
    await coord.click("Далее")
    assert "Получателей: 3" in (coord.last_text or "")
    await coord.click("Получатели")  # from the preview: the picker, and Back to the preview
    await coord.click("Назад")
    assert "Получателей: 3" in (coord.last_text or "")
    await coord.click("Запланировать")
    assert "Когда отправить" in (coord.last_text or "")
    await coord.click("Назад")
    assert await conversation_of(world, 700) == "AnnounceSG:confirm"
    await coord.click("Изменить")
    assert "Пришлите новый текст" in (coord.last_text or "")
    mark = world.fake.mark()
    await coord.send("Третий текст")  # straight back to the preview, with the new text
    shown = [m.text or "" for m in world.fake.messages_since(mark, 700)]
    assert any(t.startswith("Третий текст\n\n— ") for t in shown) and "Получателей: 3" in shown[-1]
    await coord.click("Отправить сейчас")
    await settle(world)
    assert [m.text for m in world.fake.sent_messages(1000)] == [
        "Третий текст\n\n— Координатор Школы, координатор, СОШ № 1 г. Кедрового"
    ]


async def test_cancel_in_the_picker_ends_it_all_and_old_buttons_are_stale(world: World) -> None:
    await school_coordinator(world)
    await teachers(world, 1000, 1)
    coord = world.user(700)
    await _to_preview(world)
    send_now = coord.data_of("Отправить сейчас")
    await coord.click("Получатели")
    roles = coord.data_of("Роли")
    await coord.click("Отмена")
    assert coord.last_text == world.app.translator.get("ru", "cancelled")
    assert coord.buttons() == [] and await conversation_of(world, 700) is None
    for old in (send_now, roles):  # buttons of the finished dialog
        await coord.press_data(old)
        assert "устарела" in (coord.last_callback_answer or "")
    assert await _announcement_count(world) == 0
    assert world.fake.sent_messages(1000) == []


async def test_a_forged_pick_and_a_typed_answer_at_the_picker(world: World) -> None:
    await school_coordinator(world)
    await teachers(world, 1000, 1)
    coord = world.user(700)
    await coord.send("/announce")
    await coord.send("Текст")
    await coord.click("Без вложения")
    answer = await coord.send("наставникам")  # text where buttons are asked
    assert answer[0].text == world.app.translator.get("ru", "fallback-step")
    assert "Получателей сейчас: 2" in (coord.last_text or "")
    await coord.click("Роли")
    mentor = coord.data_of("Наставник")
    await coord.press_data(mentor.rsplit(":", 1)[0] + ":admin")  # no such role
    assert "устарела" in (coord.last_callback_answer or "")
    await coord.press_data(mentor.split("\x1d")[0] + "\x1dcategories:teacher")  # another step's
    assert "устарела" in (coord.last_callback_answer or "")
    assert not any(label.startswith("✅") for label in coord.buttons())
    await coord.click("Наставляемый")
    await coord.click("Готово")
    assert "Роли: Наставляемый" in (coord.last_text or "")


async def test_the_dialog_survives_a_restart(world: World, app: App, clock: FakeClock) -> None:
    await school_coordinator(world)
    await teachers(world, 1000, 1)
    coord = world.user(700)
    await coord.send("/announce")
    await coord.send("Текст до перезапуска")
    await coord.click("Без вложения")
    await coord.click("Категории")
    await coord.click("Педагог")
    await app.close()  # a new process on the same database: the dialog goes on
    restarted = await make_app(
        base_settings(database_url=app.settings.database_url), clock, world.fake
    )
    try:
        again = World(restarted, world.fake)
        coord = again.user(700)
        await coord.click("Готово")
        assert "Категории: Педагог" in (coord.last_text or "")
        await coord.click("Далее")
        await coord.click("Отправить сейчас")
        await settle(again)
        assert [m.text for m in world.fake.sent_messages(1000)] == [
            "Текст до перезапуска\n\n— Координатор Школы, координатор, СОШ № 1 г. Кедрового"
        ]
    finally:
        await restarted.close()
