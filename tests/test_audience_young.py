"""The audience of young specialists (teachers with 0–3 years of experience, as the program
names them), picked in /announce's audience picker and sent to exactly them."""

from __future__ import annotations

from sqlalchemy import select

from bot.services.access import Actor, Scope
from bot.services.audience import AudienceSpec, count
from models import Participant
from models.enums import ScopeLevel
from tests.announcement_support import SCHOOL, school_coordinator, settle
from tests.support import World


async def _people(world: World) -> dict[str, int]:
    ids = {}
    for tg, name, years in (
        (1000, "Новикова Анна Сергеевна", 0),
        (1001, "Соколов Иван Петрович", 3),
        (1002, "Орлова Мария Ивановна", 4),
        (1003, "Зайцев Олег Павлович", 20),
    ):
        person = await world.add_person(tg, name=name, org=SCHOOL, experience_years=years)
        ids[name] = person.tg_id or 0
    return ids


async def test_an_announcement_to_young_specialists_only(world: World) -> None:
    await school_coordinator(world)
    await _people(world)
    coord = world.user(700)
    await coord.send("/announce")
    await coord.send("Школа молодого педагога: встреча в четверг")
    await coord.click("Без вложения")
    assert "Стаж: любой" in (coord.last_text or "")
    await coord.click("Стаж")
    await coord.click("молодые специалисты (педагоги со стажем до 3 лет)")
    await coord.click("Готово")
    summary = coord.last_text or ""
    assert "Стаж: молодые специалисты" in summary
    assert "Получателей сейчас: 2" in summary  # 0 and 3 years; not 4, not 20
    await coord.click("Далее")
    await coord.click("Отправить сейчас")
    await settle(world)
    got = {tg: len(world.fake.sent_messages(tg)) for tg in (1000, 1001, 1002, 1003)}
    assert got == {1000: 1, 1001: 1, 1002: 0, 1003: 0}


async def test_a_forged_cohort_is_refused(world: World) -> None:
    await school_coordinator(world)
    await _people(world)
    coord = world.user(700)
    await coord.send("/announce")
    await coord.send("Текст")
    await coord.click("Без вложения")
    await coord.click("Стаж")
    young = coord.data_of("молодые специалисты (педагоги со стажем до 3 лет)")
    await coord.press_data(young.rsplit(":", 1)[0] + ":veterans")
    assert "устарела" in (coord.last_callback_answer or "")
    assert not any(label.startswith("✅") for label in coord.buttons())
    await coord.click("Готово")
    assert "Стаж: любой" in (coord.last_text or "")


async def test_young_specialists_are_teachers_with_known_experience(world: World) -> None:
    """The SQL filter agrees with Participant.is_young_specialist; no experience given is
    never guessed young."""
    school = await world.org_id(SCHOOL)
    await world.add_person(1010, name="Без Стажа Указанного", experience_years=None)
    await world.add_person(1012, name="Учитель Молодой Первый", experience_years=1)
    await _people(world)
    actor = Actor(tg_id=1, participant_id=0, scopes=(Scope(ScopeLevel.organization, school),))
    async with world.db() as session:
        young = await count(session, actor, AudienceSpec(cohorts=frozenset({"young"})))
        people = list(await session.scalars(select(Participant)))
    assert young == 3
    assert young == sum(1 for p in people if p.is_young_specialist)
