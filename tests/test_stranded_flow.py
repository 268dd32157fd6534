"""Nobody is stranded: a waiting person is told who decides and what they can do already, and a
message in words gets the person's menu (a mentee: the way to ask for help), not a shrug."""

from __future__ import annotations

from sqlalchemy import select

from bot.clock import FakeClock
from models import Municipality, Participant
from models.enums import ParticipantStatus, Role, ScopeLevel
from tests.conftest import base_settings, make_app
from tests.support import ADMIN_ID, World, muni_id

KEDR_SCHOOL = "СОШ № 1 г. Кедрового"
HELLO = "Здравствуйте! Мне нужна помощь"


async def _pending(world: World, tg_id: int = 7101) -> Participant:
    return await world.add_person(
        tg_id, name="Орлова Вера Павловна", status=ParticipantStatus.pending
    )


# --- a pending person's /menu --------------------------------------------------------------


async def test_a_pending_persons_menu_says_the_admins_decide_when_no_coordinator_exists(
    world: World,
) -> None:
    await _pending(world)
    person = world.user(7101)
    await person.send("/menu")
    text = person.last_text
    assert "ждёт подтверждения" in text and "администратор программы" in text
    assert "после регистрации" not in text and "/start" not in text
    assert "/profile" in text and "/mydata" in text and "/help" in text
    assert set(person.buttons()) == {"👤 Профиль", "🌐 Язык"}


async def test_a_pending_persons_menu_names_the_municipality_that_decides(world: World) -> None:
    async with world.db() as session:
        kedr = await muni_id(session, "Город Кедровый")
    await world.add_person(
        7100, name="Координатор Муниципалитета", coordinator_of=(ScopeLevel.municipality, kedr)
    )
    await _pending(world)
    person = world.user(7101)
    await person.send("/menu")
    assert "координатор муниципалитета (Город Кедровый)" in person.last_text
    assert "администратор" not in person.last_text
    # And that coordinator has it in /pending.
    coordinator = world.user(7100)
    await coordinator.send("/pending")
    assert any("Орлова Вера Павловна" in label for label in coordinator.buttons())


async def test_a_pending_persons_menu_names_the_schools_coordinator(world: World) -> None:
    school = await world.org_id(KEDR_SCHOOL)
    await world.add_person(
        7100, name="Координатор Школы", coordinator_of=(ScopeLevel.organization, school)
    )
    await _pending(world)
    person = world.user(7101)
    await person.send("/menu")
    assert "координатор вашей организации" in person.last_text
    assert KEDR_SCHOOL in person.last_text


async def test_a_pending_persons_menu_says_nobody_can_decide_without_admins(
    sqlite_url: str, clock: FakeClock
) -> None:
    from bot.db import transaction
    from bot.services import directory
    from data import DIRECTORY_EXAMPLE

    app = await make_app(base_settings(database_url=sqlite_url, admin_ids=[]), clock)
    try:
        async with transaction(app.factory) as session:
            await directory.load_directory(
                session, directory.read_directory_file(DIRECTORY_EXAMPLE)
            )
        world = World(app, app.bot.session)  # type: ignore[arg-type]
        await _pending(world)
        person = world.user(7101)
        await person.send("/menu")
        assert "Рассмотреть её пока некому" in person.last_text
        await person.send(HELLO)  # words: the same answer
        assert "Рассмотреть её пока некому" in person.last_text
    finally:
        await app.close()


async def test_the_region_decides_when_nearer_levels_have_nobody(world: World) -> None:
    async with world.db() as session:
        region = await session.scalar(
            select(Municipality.region_id).where(Municipality.name == "Город Кедровый")
        )
    await world.add_person(
        7100, name="Координатор Региона", coordinator_of=(ScopeLevel.region, region)
    )
    await _pending(world)
    person = world.user(7101)
    await person.send("/menu")
    assert "координатор региона" in person.last_text


async def test_a_pending_person_in_english_is_told_in_english(world: World) -> None:
    await world.add_person(7102, status=ParticipantStatus.pending, language="en")
    person = world.user(7102)
    await person.send("/menu")
    assert "waiting for approval" in person.last_text
    assert "administrator" in person.last_text


# --- free text ------------------------------------------------------------------------------


async def test_a_stranger_writing_in_words_is_told_how_to_begin(world: World) -> None:
    stranger = world.user(7103)
    await stranger.send(HELLO)
    assert "/start" in stranger.last_text and "Здравствуйте" in stranger.last_text
    assert stranger.buttons() == []
    async with world.db() as session:
        assert await session.scalar(select(Participant).where(Participant.tg_id == 7103)) is None


async def test_a_mentee_writing_in_words_gets_the_menu_and_the_help_button(world: World) -> None:
    await world.add_person(7104, name="Петрова Ольга Николаевна")
    mentee = world.user(7104)
    await mentee.send(HELLO)
    assert "Попросить помощи" in mentee.last_text
    assert "⚡ Попросить помощи" in mentee.buttons()
    await mentee.click("⚡ Попросить помощи")  # the button works: the flash request starts
    assert mentee.last_callback_answered
    assert "⚡ Попросить помощи" not in (mentee.last_text or "")


async def test_a_mentor_writing_in_words_gets_the_menu(world: World) -> None:
    await world.add_person(7105, name="Кузнецов Пётр Ильич", role=Role.mentor)
    mentor = world.user(7105)
    await mentor.send("Добрый день")
    assert mentor.last_text.startswith(world.app.translator.get("ru", "fallback-menu"))
    assert "🙋 Запросы ко мне" in mentor.buttons()


async def test_an_admin_without_a_profile_writing_in_words_gets_the_menu(world: World) -> None:
    admin = world.user(ADMIN_ID)
    await admin.send("Привет")
    assert admin.last_text.startswith(world.app.translator.get("ru", "fallback-menu"))
    assert "👥 Люди" in admin.buttons()


async def test_words_in_the_middle_of_a_step_still_ask_for_the_step(world: World) -> None:
    stranger = world.user(7106)
    await stranger.send("/start")
    await stranger.send(HELLO)  # the consent step asks again, not "how to begin"
    assert "Согласие на обработку" in stranger.last_text
    assert stranger.last_text != world.app.translator.get("ru", "fallback-stranger")


async def test_a_pending_person_upgraded_to_coordinator_is_told_what_waits(world: World) -> None:
    """A coordinator who joins later by opening her invite after a plain registration is told
    at once what waited, as one who registers through the invite is."""
    from bot.services import invites

    await _pending(world)  # waits at the school, which has no coordinator yet
    await world.add_person(7107, name="Волкова Ирина Андреевна", status=ParticipantStatus.pending)
    school = await world.org_id(KEDR_SCHOOL)
    async with world.db() as session:
        invite = await invites.create_coordinator_invite(
            session, world.app.clock, level=ScopeLevel.organization, scope_id=school
        )
    her = world.user(7107)
    await her.send(f"/start {invite.code}")
    assert "приглашение применено" in her.last_text
    assert "Вашего решения ждёт 1 заявка" in her.last_text
    await her.send("/pending")
    assert any("Орлова Вера Павловна" in label for label in her.buttons())
