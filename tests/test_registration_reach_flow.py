"""An opened invite survives a refusal and a restart; a pending registration takes an invite;
a registration always reaches someone who can decide it, and the person is told who."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from bot.app import App
from bot.clock import FakeClock
from bot.fakes.client import TelegramUser
from bot.services import invites
from models import FsmRecord, Invite, OutboxMessage, Participant, PendingInvite
from models.enums import ParticipantStatus, Role, ScopeLevel
from scheduler.tick import run_due
from tests.conftest import base_settings, make_app
from tests.support import ADMIN_ID, World, conversation_of, muni_id
from tests.test_registration_flow import count, make_invite

KEDR_SCHOOL = "СОШ № 1 г. Кедрового"


async def school_coordinator_invite(world: World, org: str = KEDR_SCHOOL) -> Invite:
    """What `mentorbot admin invite-coordinator --level organization` makes."""
    org_id = await world.org_id(org)
    async with world.db() as session:
        return await invites.create_coordinator_invite(
            session, world.app.clock, level=ScopeLevel.organization, scope_id=org_id
        )


def tick(app: App) -> dict[str, Any]:
    return {
        "factory": app.factory,
        "clock": app.clock,
        "settings": app.settings,
        "translator": app.translator,
    }


async def register_plainly(user: TelegramUser, name: str, muni: str, org: str) -> None:
    await user.click("Согласен")
    await user.send(name)
    await user.click("Педагог")
    await user.click(muni)
    await user.click(org)
    await user.click("Наставляемый")
    await user.click("Готово")
    await user.send("4")
    await user.click("Готово")
    await user.click("Подтвердить")


async def told(world: World, chat_id: int) -> list[str]:
    await world.drain()
    return [m.text or "" for m in world.fake.sent_messages(chat_id)]


# --- item 6: the invite survives a refusal, a cancel and a restart ---------------------------


async def test_a_coordinator_who_refused_consent_keeps_her_invite(world: World) -> None:
    invite = await school_coordinator_invite(world)
    her = world.user(601)
    await her.send(f"/start {invite.code}")
    await her.click("Не согласен(на)")
    assert "ваших данных мы не сохранили" in her.last_text
    assert "приглашение" in her.last_text and "/start" in her.last_text
    # Nothing personal is kept: no participant, no conversation; only the opened invite.
    assert await count(world, Participant) == 0
    assert await count(world, FsmRecord) == 0
    async with world.db() as session:
        kept = (await session.scalars(select(PendingInvite))).one()
    assert (kept.tg_id, kept.invite_id) == (601, invite.id)

    await her.send("/start")  # as the message tells her
    assert "Продолжаем по приглашению" in her.last_text
    await her.click("Согласен")
    await her.send("Волкова Ирина Андреевна")
    await her.click("Готово")  # subjects: organization, category and role are the invite's
    await her.send("15")
    await her.click("Подтвердить")
    assert "Вы зарегистрированы" in her.last_text
    joined = await world.person(601)
    assert joined is not None and joined.status == ParticipantStatus.active
    assert [(g.role, g.scope_level) for g in joined.roles] == [("coordinator", "organization")]
    async with world.db() as session:
        assert (await session.get(Invite, invite.id)).uses == 1
    assert await count(world, PendingInvite) == 0  # used: forgotten
    # Reopening the link now: the invite was used, by her.
    await her.send(f"/start {invite.code}")
    assert "уже зарегистрированы" in her.last_text


async def test_the_invite_survives_a_cancel_and_another_command(world: World) -> None:
    invite = await make_invite(world, role=Role.mentor)
    mentor = world.user(602)
    await mentor.send(f"/start {invite.code}")
    await mentor.click("Согласен")
    await mentor.send("Кузнецов Пётр Ильич")
    await mentor.click("Отмена")
    assert "Приглашение помним до" in mentor.last_text
    await mentor.send("/start")
    assert "Продолжаем по приглашению" in mentor.last_text
    await mentor.click("Согласен")
    await mentor.send("Кузнецов Пётр Ильич")
    await mentor.send("/help")  # works inside the conversation
    await mentor.send("/profile")  # leaves the conversation
    await mentor.send("/start")
    assert "Продолжаем по приглашению" in mentor.last_text
    await mentor.click("Согласен")
    await mentor.send("Кузнецов Пётр Ильич")
    assert "предметы" in mentor.last_text  # straight past category, organization and role


async def test_back_passes_over_the_steps_the_invite_answered(world: World) -> None:
    invite = await make_invite(world, role=Role.mentor)
    mentor = world.user(606)
    await mentor.send(f"/start {invite.code}")
    await mentor.click("Согласен")
    await mentor.send("Кузнецов Пётр Ильич")
    await mentor.click("Химия")
    await mentor.click("Готово")
    assert "Сколько полных лет" in mentor.last_text
    await mentor.click("Назад")
    assert "предметы" in mentor.last_text and "✅ Химия" in mentor.buttons()  # kept
    await mentor.click("Назад")  # not to role, organization or category: the invite's
    assert "фамилию" in mentor.last_text
    assert await conversation_of(world, 606) == "RegistrationSG:full_name"


async def test_the_remembered_invite_survives_a_restart_of_the_bot(
    world: World, app: App, clock: FakeClock
) -> None:
    invite = await make_invite(world)
    teacher = world.user(603)
    await teacher.send(f"/start {invite.code}")
    await teacher.click("Не согласен(на)")
    await app.close()
    restarted = await make_app(
        base_settings(database_url=app.settings.database_url), clock, world.fake
    )
    try:
        again = World(restarted, world.fake).user(603)
        await again.send("/start")
        assert "Продолжаем по приглашению" in again.last_text
    finally:
        await restarted.close()


async def test_an_expired_remembered_invite_is_said_and_forgotten(world: World, app: App) -> None:
    invite = await make_invite(world, days=2)
    teacher = world.user(604)
    await teacher.send(f"/start {invite.code}")
    await teacher.click("Не согласен(на)")
    app.clock.advance(days=3)  # type: ignore[attr-defined]
    await teacher.send("/start")
    assert "больше не действует" in teacher.last_text
    assert "Согласие на обработку" in teacher.last_text  # registration goes on without it
    assert await count(world, PendingInvite) == 0


async def test_remembered_invites_are_swept_when_their_time_is_up(world: World, app: App) -> None:
    invite = await make_invite(world, days=4)
    teacher = world.user(605)
    await teacher.send(f"/start {invite.code}")
    await teacher.click("Не согласен(на)")
    app.clock.advance(days=1)  # type: ignore[attr-defined]
    await run_due(**tick(app))
    assert await count(world, PendingInvite) == 1  # not yet
    app.clock.advance(days=4)  # type: ignore[attr-defined]
    await run_due(**tick(app))
    assert await count(world, PendingInvite) == 0


async def test_a_remembered_invite_is_kept_at_most_thirty_days(world: World) -> None:
    invite = await make_invite(world, days=365)
    teacher = world.user(606)
    await teacher.send(f"/start {invite.code}")
    async with world.db() as session:
        kept = await session.get(PendingInvite, 606)
    assert (kept.expires_at - world.now()).days == invites.PENDING_KEEP_DAYS


async def test_a_pending_registration_is_upgraded_by_a_coordinator_invite(world: World) -> None:
    """The issue's case: she registered plainly (pending), then opens her invite again."""
    kedr = await world.org_id(KEDR_SCHOOL)
    muni_coordinator = await world.add_person(
        700,
        name="Координатор Муниципалитета",
        coordinator_of=(ScopeLevel.municipality, await _kedr_muni(world)),
    )
    invite = await school_coordinator_invite(world)
    her = world.user(607)
    await her.send("/start")
    await register_plainly(her, "Волкова Ирина Андреевна", "Город Кедровый", KEDR_SCHOOL)
    assert "координатору муниципалитета" in her.last_text
    assert (await world.person(607)).status == ParticipantStatus.pending

    await her.send(f"/start {invite.code}")
    assert "приглашение применено" in her.last_text
    assert "уже зарегистрированы" not in her.last_text
    joined = await world.person(607)
    assert joined.status == ParticipantStatus.active and joined.organization_id == kedr
    assert [(g.role, g.scope_level, g.scope_id) for g in joined.roles] == [
        ("coordinator", "organization", kedr)
    ]
    async with world.db() as session:
        assert (await session.get(Invite, invite.id)).uses == 1
    notes = await told(world, muni_coordinator.tg_id)
    assert any("Волкова Ирина Андреевна" in t and "Новая заявка" in t for t in notes)
    assert any("больше не ждёт решения" in t for t in notes)
    # Now a coordinator: her menu follows, and /pending answers her.
    await her.send("/pending")
    assert "Участники" in her.last_text


async def test_a_pending_registration_takes_a_mentor_invite_of_another_school(
    world: World,
) -> None:
    await world.add_person(
        700,
        name="Координатор Школы",
        org="Гимназия № 24",
        coordinator_of=(ScopeLevel.organization, await world.org_id("Гимназия № 24")),
    )
    teacher = world.user(608)
    await teacher.send("/start")
    await register_plainly(teacher, "Смирнова Ольга Ивановна", "Город Томск", "Гимназия № 24")
    assert "координатору вашей организации" in teacher.last_text
    invite = await make_invite(world, role=Role.mentor)  # СОШ № 1 г. Кедрового
    await teacher.send(f"/start {invite.code}")
    person = await world.person(608)
    assert person.status == ParticipantStatus.active and person.has_role(Role.mentor)
    assert not person.has_role(Role.mentee) and person.capacity == 1
    assert person.organization_id == await world.org_id(KEDR_SCHOOL)
    assert any("больше не ждёт решения" in t for t in await told(world, 700))
    # The old school's /pending no longer shows her.
    await world.user(700).send("/pending")
    assert "Смирнова" not in (world.user(700).last_text or "")


async def test_a_bad_invite_leaves_a_pending_registration_as_it_was(world: World) -> None:
    teacher = world.user(609)
    await teacher.send("/start")
    await register_plainly(teacher, "Смирнова Ольга Ивановна", "Город Томск", "Гимназия № 24")
    await teacher.send("/start nosuchcode")
    assert "Приглашение не найдено" in teacher.last_text
    person = await world.person(609)
    assert person.status == ParticipantStatus.pending and person.has_role(Role.mentee)


async def test_an_active_participant_reopening_an_invite_is_told_it_is_not_needed(
    world: World,
) -> None:
    await world.add_person(610, name="Зайцева Ирина")
    invite = await make_invite(world)
    user = world.user(610)
    await user.send(f"/start {invite.code}")
    assert "уже зарегистрированы" in user.last_text
    async with world.db() as session:
        assert (await session.get(Invite, invite.id)).uses == 0


# --- item 7: a registration always reaches someone who can decide it -------------------------


async def test_without_any_coordinator_the_admins_are_asked_and_can_approve(
    world: World, app: App
) -> None:
    teacher = world.user(611)
    await teacher.send("/start")
    await register_plainly(teacher, "Орлова Вера Павловна", "Город Кедровый", KEDR_SCHOOL)
    assert "администраторам бота" in teacher.last_text
    assert "координатору вашей организации" not in teacher.last_text
    kedr = await world.org_id(KEDR_SCHOOL)
    notes = await told(world, ADMIN_ID)
    assert len(notes) == 1
    assert "Орлова Вера Павловна" in notes[0] and "/pending" in notes[0]
    assert f"invite-coordinator --level organization --id {kedr}" in notes[0]
    # The admin (no profile of their own) acts from the notice.
    admin = world.user(ADMIN_ID)
    notice = world.fake.sent_messages(ADMIN_ID)[-1]
    await admin.click("Открыть заявки", message=notice)
    await admin.click("Орлова Вера Павловна")
    await admin.click("Подтвердить")
    assert (await world.person(611)).status == ParticipantStatus.active
    assert any("подтвердил" in t.lower() for t in await told(world, 611))
    # A day later nobody is reminded: it was decided.
    app.clock.advance(days=1, minutes=1)  # type: ignore[attr-defined]
    await run_due(**tick(app))
    assert not any("уже сутки" in t for t in await told(world, ADMIN_ID))


async def test_the_admins_are_reminded_a_day_later(world: World, app: App) -> None:
    teacher = world.user(612)
    await teacher.send("/start")
    await register_plainly(teacher, "Орлова Вера Павловна", "Город Кедровый", KEDR_SCHOOL)
    app.clock.advance(days=1, minutes=1)  # type: ignore[attr-defined]
    await run_due(**tick(app))
    notes = await told(world, ADMIN_ID)
    assert len(notes) == 2 and "уже сутки" in notes[1] and "invite-coordinator" in notes[1]


async def test_the_region_coordinator_is_asked_when_nearer_levels_have_none(
    world: World,
) -> None:
    from models import Municipality

    async with world.db() as session:
        region = await session.scalar(
            select(Municipality.region_id).where(Municipality.name == "Город Кедровый")
        )
    await world.add_person(
        700, name="Координатор Региона", coordinator_of=(ScopeLevel.region, region)
    )
    teacher = world.user(613)
    await teacher.send("/start")
    await register_plainly(teacher, "Орлова Вера Павловна", "Город Кедровый", KEDR_SCHOOL)
    assert "координатору региона" in teacher.last_text
    assert any("Орлова Вера Павловна" in t for t in await told(world, 700))
    assert await told(world, ADMIN_ID) == []


async def test_with_nobody_to_ask_the_person_is_told_and_a_later_coordinator_sees_it(
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
        teacher = world.user(614)
        await teacher.send("/start")
        await register_plainly(teacher, "Орлова Вера Павловна", "Город Кедровый", KEDR_SCHOOL)
        assert "подтвердить её пока некому" in teacher.last_text
        async with world.db() as session:
            queued = await session.scalar(select(func.count()).select_from(OutboxMessage))
        assert queued == 1  # the teacher's own menu; no notice into the void
        # A coordinator joins the school later: told at once what waits, and /pending has it.
        invite = await school_coordinator_invite(world)
        her = world.user(615)
        await her.send(f"/start {invite.code}")
        await her.click("Согласен")
        await her.send("Волкова Ирина Андреевна")
        await her.click("Готово")
        await her.send("15")
        await her.click("Подтвердить")
        assert "Вашего решения ждёт 1 заявка" in her.last_text
        await her.send("/pending")
        assert "Орлова Вера Павловна" in her.buttons()[0]
    finally:
        await app.close()


async def test_a_coordinator_registering_is_not_asked_to_approve_herself(world: World) -> None:
    """Pending registrations go to coordinators other than the person (an admin who
    registers without an invite is not told of their own registration either)."""
    admin = world.user(ADMIN_ID)
    await admin.send("/start")
    await register_plainly(admin, "Админова Анна", "Город Кедровый", KEDR_SCHOOL)
    assert "подтвердить её пока некому" in admin.last_text


async def _kedr_muni(world: World) -> int:
    async with world.db() as session:
        return await muni_id(session, "Город Кедровый")
