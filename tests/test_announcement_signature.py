"""Announcements say who sent them: the coordinator's name and the organization,
municipality or region they coordinate, in the preview and in every recipient's copy."""

from __future__ import annotations

from models.enums import ScopeLevel
from tests.announcement_support import (
    SCHOOL,
    municipal_coordinator,
    settle,
    teachers,
)
from tests.support import World


async def _send(world: World, tg_id: int, text: str) -> str:
    """Compose and send now; the preview's text."""
    coord = world.user(tg_id)
    await coord.send("/announce")
    await coord.send(text)
    await coord.click("Без вложения")
    mark = world.fake.mark()
    await coord.click("Далее")
    preview = next(
        m.text for m in world.fake.messages_since(mark, tg_id) if m.text and text in m.text
    )
    await coord.click("Отправить сейчас")
    await settle(world)
    return preview


async def test_a_school_coordinators_announcement_is_signed(world: World) -> None:
    await world.add_person(
        700,
        name="Петрова Ольга Николаевна",
        org=SCHOOL,
        coordinator_of=(ScopeLevel.organization, await world.org_id(SCHOOL)),
    )
    people = await teachers(world, 1000, 2)
    preview = await _send(world, 700, "Семинар в пятницу")
    assert preview.endswith("\n\n— Петрова Ольга Николаевна, координатор, СОШ № 1 г. Кедрового")
    for person in people:
        got = world.fake.sent_messages(person.tg_id)
        assert [m.text for m in got] == [preview]  # the copy is the preview, signature and all


async def test_a_municipal_coordinator_signs_for_the_municipality(world: World) -> None:
    await municipal_coordinator(world)
    people = await teachers(world, 1000, 1)
    preview = await _send(world, 701, "Конференция наставников")
    assert preview.splitlines()[-1].startswith("— ")
    assert preview.splitlines()[-1].endswith(", координатор, Город Кедровый")
    assert world.fake.sent_messages(people[0].tg_id)[0].text == preview


async def test_the_signature_is_in_the_readers_language(world: World) -> None:
    await world.add_person(
        700,
        name="Петрова Ольга Николаевна",
        org=SCHOOL,
        coordinator_of=(ScopeLevel.organization, await world.org_id(SCHOOL)),
    )
    reader = await world.add_person(1200, name="Reader English", org=SCHOOL, language="en")
    preview = await _send(world, 700, "Open lesson")
    assert preview.endswith("— Петрова Ольга Николаевна, координатор, СОШ № 1 г. Кедрового")
    english = world.fake.sent_messages(reader.tg_id)[0].text or ""
    assert english == "Open lesson\n\n— Петрова Ольга Николаевна, coordinator, СОШ № 1 г. Кедрового"
