"""/announce through the dispatcher: compose, attach, audience, preview, send, schedule."""

from __future__ import annotations

from tests.support import World
from tests.test_announcement_support import (  # noqa: F401
    OTHER_SCHOOL,
    broadcast_routers,
    school_coordinator,
    settle,
    teachers,
)


async def test_compose_preview_and_send_now(world: World) -> None:
    await school_coordinator(world)
    people = await teachers(world, 1000, 3)
    await world.add_person(1100, org=OTHER_SCHOOL)
    coord = world.user(700)
    await coord.send("/announce")
    assert "Новое объявление" in coord.last_text
    await coord.send("<b>Семинар</b> для наставников в пятницу")
    assert "Приложить" in coord.last_text
    await coord.click("Без вложения")
    assert (
        "Получателей сейчас: <b>4</b>" in coord.last_text
        or "Получателей сейчас: 4" in coord.last_text
    )
    await coord.click("Далее")
    print(coord.last_text)
    await coord.click("Отправить сейчас")
    print(coord.last_text)
    await settle(world)
    for person in people:
        got = world.fake.sent_messages(person.tg_id)
        print([m.text for m in got], got[0].entities)
    print(coord.last_text)
