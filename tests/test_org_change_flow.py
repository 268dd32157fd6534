"""/profile moves a person to another organization: chosen as at registration, what it means
said before confirming, then pending there (routed to the nearest decider) until approved; a
current pair ends as a move; the same organization, a coordinator and a cancel change nothing."""

from __future__ import annotations

from sqlalchemy import select

from models import Participant
from models.enums import MentorshipStatus, ParticipantStatus, Role, ScopeLevel
from models.mentorship import Mentorship
from tests.mentorship_support import world_pair
from tests.support import ADMIN_ID, World

KEDR_SCHOOL = "СОШ № 1 г. Кедрового"
GYM = "Гимназия № 24"
TEACHER, NEW_COORD, OLD_COORD = 7201, 7202, 7203


async def _coordinators(world: World) -> None:
    await world.add_person(
        NEW_COORD,
        name="Координатор Гимназии",
        org=GYM,
        coordinator_of=(ScopeLevel.organization, await world.org_id(GYM)),
    )
    await world.add_person(
        OLD_COORD,
        name="Координатор Кедрового",
        coordinator_of=(ScopeLevel.organization, await world.org_id(KEDR_SCHOOL)),
    )


async def _to_confirm(world: World, muni: str = "Город Томск", org: str = GYM):  # type: ignore[no-untyped-def]
    teacher = world.user(TEACHER)
    await teacher.send("/profile")
    await teacher.click("🏫 Сменить организацию")
    assert "Выберите муниципалитет" in teacher.last_text
    await teacher.click(muni)
    await teacher.click(org)
    return teacher


async def _told(world: World, chat_id: int) -> list[str]:
    await world.drain()
    return [m.text or "" for m in world.fake.sent_messages(chat_id)]


async def test_a_teacher_moves_and_the_new_schools_coordinator_approves(world: World) -> None:
    await _coordinators(world)
    await world.add_person(TEACHER, name="Орлова Вера Павловна")
    await world.drain()
    teacher = await _to_confirm(world)
    text = teacher.last_text
    assert "Сменить организацию на" in text and GYM in text
    assert "координатор новой организации" in text and "Роли, предметы" in text
    assert "завершится" not in text and "флэш" not in text  # nothing to end: not mentioned
    await teacher.click("✅ Перейти")
    assert "Организация изменена" in teacher.last_text and GYM in teacher.last_text
    assert "ждёт подтверждения" in teacher.last_text
    person = await world.person(TEACHER)
    assert person.status == ParticipantStatus.pending
    assert person.organization_id == await world.org_id(GYM)
    assert person.has_role(Role.mentee)  # the roles stay
    assert any(
        "Орлова Вера Павловна" in t and "Новая заявка" in t for t in await _told(world, NEW_COORD)
    )
    assert not any("Новая заявка" in t for t in await _told(world, OLD_COORD))
    # Waiting: the gate holds the rest, /menu says who decides.
    await teacher.send("/events")
    assert "ждёт подтверждения" in teacher.last_text
    # The new school's /pending has her; the old one's does not.
    old = world.user(OLD_COORD)
    await old.send("/pending")
    assert not any("Орлова" in label for label in old.buttons())
    new = world.user(NEW_COORD)
    await new.send("/pending")
    await new.click("Орлова Вера Павловна")
    await new.click("Подтвердить")
    assert (await world.person(TEACHER)).status == ParticipantStatus.active


async def test_the_move_ends_a_current_pair_and_says_so_first(world: World) -> None:
    await _coordinators(world)
    await world.add_person(8101, name="Петрова Анна Ивановна", role=Role.mentor, capacity=2)
    await world.add_person(TEACHER, name="Орлова Вера Павловна")
    ms = await world_pair(world, OLD_COORD, 8101, [TEACHER])
    await world.drain()
    teacher = await _to_confirm(world)
    assert "1 текущая пара или группа завершится" in teacher.last_text
    await teacher.click("✅ Перейти")
    async with world.db() as session:
        ended = await session.get(Mentorship, ms.id)
        assert ended.status == MentorshipStatus.stopped
    assert any("перешёл в другую организацию" in t for t in await _told(world, 8101))


async def test_the_same_organization_is_refused_and_nothing_changes(world: World) -> None:
    await _coordinators(world)
    await world.add_person(TEACHER, name="Орлова Вера Павловна")
    teacher = await _to_confirm(world, "Город Кедровый", KEDR_SCHOOL)
    assert "Вы уже в этой организации" in (teacher.last_callback_answer or teacher.last_text)
    person = await world.person(TEACHER)
    assert person.status == ParticipantStatus.active
    assert person.organization_id == await world.org_id(KEDR_SCHOOL)


async def test_cancel_at_the_summary_changes_nothing(world: World) -> None:
    await _coordinators(world)
    await world.add_person(TEACHER, name="Орлова Вера Павловна")
    teacher = await _to_confirm(world)
    await teacher.click("✖ Отмена")
    assert "Мой профиль" in teacher.last_text
    person = await world.person(TEACHER)
    assert person.status == ParticipantStatus.active
    assert person.organization_id == await world.org_id(KEDR_SCHOOL)
    assert not any("Новая заявка" in t for t in await _told(world, NEW_COORD))


async def test_a_coordinator_is_not_offered_the_move(world: World) -> None:
    await _coordinators(world)
    coordinator = world.user(OLD_COORD)
    await coordinator.send("/profile")
    assert "🏫 Сменить организацию" not in coordinator.buttons()


async def test_a_pending_person_who_chose_the_wrong_school_moves_and_is_routed_anew(
    world: World,
) -> None:
    await _coordinators(world)
    await world.add_person(TEACHER, name="Орлова Вера Павловна", status=ParticipantStatus.pending)
    teacher = await _to_confirm(world)
    await teacher.click("✅ Перейти")
    person = await world.person(TEACHER)
    assert person.status == ParticipantStatus.pending
    assert person.organization_id == await world.org_id(GYM)
    assert any("Новая заявка" in t for t in await _told(world, NEW_COORD))
    # The old school's coordinator, asked before, is told it no longer waits for her.
    assert any("больше не ждёт вашего решения" in t for t in await _told(world, OLD_COORD))


async def test_without_any_coordinator_at_the_new_place_the_admins_are_asked(
    world: World,
) -> None:
    await world.add_person(TEACHER, name="Орлова Вера Павловна")
    teacher = await _to_confirm(world)
    assert "администратор программы" in teacher.last_text
    await teacher.click("✅ Перейти")
    assert any("Орлова Вера Павловна" in t for t in await _told(world, ADMIN_ID))
    async with world.db() as session:
        person = await session.scalar(select(Participant).where(Participant.tg_id == TEACHER))
        assert person.status == ParticipantStatus.pending


async def test_an_open_flash_request_is_cancelled_by_the_move_and_said_first(
    world: World,
) -> None:
    from models.flash import FlashRequest
    from tests.flash_helpers import add_mentor, add_teacher, ask

    await _coordinators(world)
    await add_mentor(world, 8201, "Наставник Математики")
    await add_teacher(world, TEACHER, "Орлова Вера Павловна")
    teacher = world.user(TEACHER)
    await ask(teacher)
    await teacher.click("Отправить")
    teacher = await _to_confirm(world)
    assert "1 открытый флэш-запрос будет отменён" in teacher.last_text
    await teacher.click("✅ Перейти")
    async with world.db() as session:
        request = await session.scalar(select(FlashRequest).order_by(FlashRequest.id.desc()))
        assert request is not None and request.status == "cancelled"


async def test_each_move_is_reminded_a_day_later(world: World) -> None:
    """Moved, approved, moved back: each wait has its own day-later reminder (the first one's
    does not swallow the second)."""
    from scheduler.tick import run_due

    app = world.app

    async def a_day_later() -> None:
        app.clock.advance(days=1, minutes=1)  # type: ignore[attr-defined]
        await run_due(
            factory=app.factory, clock=app.clock, settings=app.settings, translator=app.translator
        )

    await _coordinators(world)
    await world.add_person(TEACHER, name="Орлова Вера Павловна")
    teacher = await _to_confirm(world)
    await teacher.click("✅ Перейти")
    await a_day_later()
    assert any("уже сутки" in t for t in await _told(world, NEW_COORD))
    new = world.user(NEW_COORD)
    await new.send("/pending")
    await new.click("Орлова Вера Павловна")
    await new.click("Подтвердить")
    teacher = await _to_confirm(world, "Город Кедровый", KEDR_SCHOOL)
    await teacher.click("✅ Перейти")
    assert (await world.person(TEACHER)).status == ParticipantStatus.pending
    await a_day_later()
    assert any("уже сутки" in t for t in await _told(world, OLD_COORD))
