"""Long lists page by length as well as by count: no screen passes Telegram's 4096 characters
(the fake Bot API refuses such a message, as Telegram does)."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.db import transaction
from bot.services import registration
from bot.services.access import actor_for
from bot.services.audience import AudienceSpec
from bot.services.broadcast import announcements, events
from handlers.ui import page_by_length
from tests.announcement_support import school_coordinator, settle, teachers
from tests.support import World


def _title(n: int) -> str:
    # 200 characters, the longest title an event may have, each one different.
    return (f"Семинар {n:02d} «Наставник & молодой педагог»: " + "опыт школы " * 30)[:200]


async def _events(world: World, count: int, *, announce_now: bool) -> None:
    app = world.app
    async with transaction(app.factory) as session:
        author = await registration.find_by_tg(session, 700)
        actor = actor_for(700, author, [])
        for n in range(count):
            starts = app.clock.now() + timedelta(days=10 + n)
            _event, announcement = await events.create(
                session,
                app.clock,
                actor,
                events.EventDraft(
                    kind="seminar",
                    title=_title(n),
                    starts_at=starts,
                    duration_minutes=60,
                    timezone="Asia/Tomsk",
                    place="Актовый зал",
                    online=False,
                    description="",
                    registration_required=False,
                    capacity=None,
                ),
                AudienceSpec(),
                send_at=None if announce_now else app.clock.now() + timedelta(days=2, hours=n),
            )
            if announce_now:
                await announcements.start_now(
                    session, app.clock, app.settings, app.translator, announcement
                )


async def test_twenty_long_events_page_within_the_limit(world: World) -> None:
    await school_coordinator(world)
    await teachers(world, 1000, 1)
    await _events(world, 20, announce_now=True)
    await settle(world)
    teacher = world.user(1000)
    await teacher.send("/events")
    seen = set()
    for _ in range(20):
        text = teacher.last_text or ""
        assert len(text) <= 4096
        seen |= {n for n in range(20) if f"Семинар {n:02d} " in text}
        if "▶" not in teacher.buttons():
            break
        await teacher.click("▶")
    assert seen == set(range(20))  # every event is on some page, none lost between them
    await teacher.click("◀")
    assert "стр." in (teacher.last_text or "")


async def test_twenty_scheduled_long_announcements_page_under_announce(world: World) -> None:
    await school_coordinator(world)
    await teachers(world, 1000, 1)
    await _events(world, 20, announce_now=False)
    coordinator = world.user(700)
    await coordinator.send("/announce")
    seen = set()
    for _ in range(20):
        text = coordinator.last_text or ""
        assert len(text) <= 4096
        assert all(len(label) <= 64 for label in coordinator.buttons())
        seen |= {n for n in range(20) if f"Семинар {n:02d} " in text}
        if "▶" not in coordinator.buttons():
            break
        await coordinator.click("▶")
    assert seen == set(range(20))
    # The conversation is still waiting for the text: paging did not leave it.
    await coordinator.send("Педсовет переносится на пятницу")
    assert "Приложить фото или документ" in (coordinator.last_text or "")


@settings(deadline=None)  # cutting a 5,000-character line may take a while on a busy machine
@given(
    lengths=st.lists(st.integers(min_value=1, max_value=5000), max_size=60),
    per_page=st.integers(min_value=1, max_value=10),
    budget=st.integers(min_value=50, max_value=3500),
)
def test_pages_keep_every_item_in_order_within_count_and_length(
    lengths: list[int], per_page: int, budget: int
) -> None:
    items = list(range(len(lengths)))

    def line(i: int) -> str:
        return "x" * lengths[i]

    first = page_by_length(items, line, 0, per_page=per_page, budget=budget)
    collected = []
    for number in range(first.pages):
        page = page_by_length(items, line, number, per_page=per_page, budget=budget)
        assert page.page == number and page.pages == first.pages
        assert items == [] or 1 <= len(page.items) <= per_page
        assert sum(len(text) + 1 for text in page.lines) <= budget + 1
        collected += page.items
    assert collected == items
    # Out-of-range pages (an old button) land on the nearest real one.
    assert page_by_length(items, line, 10_000, per_page=per_page, budget=budget).page == (
        first.pages - 1
    )
