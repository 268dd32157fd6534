"""Registration through the dispatcher, as Telegram would feed it."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.app import App
from bot.db import transaction
from bot.services import invites
from bot.services.access import Actor
from bot.services.invites import InviteRequest
from models import FsmRecord, Invite, Participant
from models.enums import Category, ParticipantStatus, Role, ScopeLevel
from tests.conftest import base_settings, make_app
from tests.support import World, conversation_of


async def count(world: World, model: type) -> int:
    async with world.db() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def registration_answers(world: World, tg_id: int) -> dict[str, object]:
    """What the person's open registration dialog has collected so far."""
    async with world.db() as session:
        records = await session.scalars(
            select(FsmRecord).where(FsmRecord.key.contains(f":{tg_id}:"))
        )
        found = [r.data["dialog_data"] for r in records if r.data and "dialog_data" in r.data]
    assert len(found) == 1, found
    return dict(found[0])


async def make_invite(
    world: World,
    *,
    role: Role = Role.mentee,
    category: Category = Category.teacher,
    org: str = "СОШ № 1 г. Кедрового",
    uses: int | None = 5,
    days: int = 7,
    consent: bool = False,
) -> Invite:
    org_id = await world.org_id(org)
    async with world.db() as session:
        return await invites.create_invite(
            session,
            world.app.clock,
            Actor(tg_id=1, is_admin=True),
            InviteRequest(role, category, org_id, days, uses, parental_consent_confirmed=consent),
        )


async def test_refusing_consent_stores_nothing(world: World) -> None:
    teacher = world.user(501)
    await teacher.send("/start")
    assert "Согласие на обработку персональных данных" in teacher.last_text
    assert "Региональный центр наставничества" in teacher.last_text  # operator from settings
    await teacher.click("Не согласен(на)")
    assert "ничего не сохранили" in teacher.last_text
    assert await count(world, Participant) == 0
    assert await count(world, FsmRecord) == 0


async def test_full_mentee_registration_without_invite_goes_to_pending(world: World) -> None:
    coordinator = await world.add_person(
        700,
        name="Координатор Школы",
        coordinator_of=(ScopeLevel.organization, await world.org_id("Гимназия № 24")),
        org="Гимназия № 24",
    )
    teacher = world.user(501)
    await teacher.send("/start")
    await teacher.click("Согласен")
    assert "фамилию, имя и отчество" in teacher.last_text
    await teacher.send("12345")
    assert "должно состоять из букв" in teacher.last_text
    await teacher.send("Смирнова Ольга Ивановна")
    await teacher.click("Педагог")
    await teacher.click("Город Томск")
    await teacher.click("Гимназия № 24")
    await teacher.click("Наставляемый")
    await teacher.click("Математика")
    await teacher.click("Физика")
    assert "✅ Математика" in teacher.buttons()
    await teacher.click("Готово")
    await teacher.send("-3")
    assert "от 0 до 60" in teacher.last_text
    await teacher.send("90")
    assert "от 0 до 60" in teacher.last_text
    await teacher.send("2")
    await teacher.click("Цифровые инструменты")
    await teacher.click("Готово")
    summary = teacher.last_text
    assert "Смирнова Ольга Ивановна" in summary and "Гимназия № 24" in summary
    assert "Стаж: 2 года" in summary and "Молодой специалист" in summary
    await teacher.click("Подтвердить")
    assert "отправлена координатору" in teacher.last_text
    person = await world.person(501)
    assert person is not None and person.status == ParticipantStatus.pending
    assert person.subjects == ["math", "physics"] and person.deficits == ["digital"]
    assert person.experience_years == 2 and person.has_role(Role.mentee)
    assert await count(world, FsmRecord) == 0  # the finished conversation leaves nothing
    await world.drain()
    told = [m.text for m in world.fake.sent_messages(coordinator.tg_id)]
    assert any("Смирнова Ольга Ивановна" in (t or "") for t in told)


async def test_mentor_registration_through_invite_is_active(world: World) -> None:
    invite = await make_invite(world, role=Role.mentor)
    mentor = world.user(502)
    await mentor.send(f"/start {invite.code}")
    await mentor.click("Согласен")
    await mentor.send("Кузнецов Пётр Ильич")
    # Category, organization and role come from the invite: straight to subjects.
    assert "предметы" in mentor.last_text
    await mentor.click("Химия")
    await mentor.click("Готово")
    await mentor.send("25")
    await mentor.click("Готово")  # no expertise ticked
    assert "хотя бы одну" in mentor.last_callback_answer
    await mentor.click("Методика преподавания")
    await mentor.click("Готово")
    await mentor.click("3")
    await mentor.click("Да")
    await mentor.click("Готово")
    assert "хотя бы один формат" in mentor.last_callback_answer
    await mentor.click("Онлайн")
    await mentor.click("Готово")
    await mentor.click("Подтвердить")
    assert "Вы зарегистрированы" in mentor.last_text
    person = await world.person(502)
    assert person.status == ParticipantStatus.active and person.has_role(Role.mentor)
    assert (person.capacity, person.flash_available, person.formats) == (3, True, ["online"])
    async with world.db() as session:
        assert (await session.get(Invite, invite.id)).uses == 1
    await world.drain()
    menus = [c for c in world.fake.calls if type(c).__name__ == "SetMyCommands"]
    assert menus and menus[-1].scope.chat_id == 502


async def test_back_and_cancel(world: World) -> None:
    teacher = world.user(503)
    await teacher.send("/start")
    await teacher.click("Согласен")
    await teacher.send("Орлова Вера")
    await teacher.click("Педагог")
    assert "муниципалитет" in teacher.last_text
    await teacher.click("Назад")
    assert "Кто вы?" in teacher.last_text
    await teacher.click("Студент вуза")
    await teacher.click("Назад")
    await teacher.click("Назад")
    assert "фамилию" in teacher.last_text
    await teacher.send("/cancel")
    assert "отменено" in teacher.last_text
    assert await count(world, FsmRecord) == 0


async def test_text_where_a_button_is_expected_changes_nothing(world: World) -> None:
    teacher = world.user(504)
    await teacher.send("/start")
    await teacher.click("Согласен")
    await teacher.send("Орлова Вера")
    answer = await teacher.send("я учитель")
    # What is awaited, and the step again below it.
    assert "воспользуйтесь кнопками" in (answer[0].text or "") and "Педагог" in teacher.buttons()
    answer = await teacher.send("x" * 5000)
    assert "воспользуйтесь кнопками" in (answer[0].text or "")
    await teacher.click("Педагог")  # the step is still there
    assert "муниципалитет" in teacher.last_text


async def test_bad_invites(world: World, app: App) -> None:
    user = world.user(505)
    await user.send("/start nosuchcode")
    assert "Приглашение не найдено" in user.last_text
    expired = await make_invite(world, days=1)
    app.clock.advance(days=2)  # type: ignore[attr-defined]
    await user.send(f"/start {expired.code}")
    assert "Срок действия приглашения истёк" in user.last_text
    used = await make_invite(world, uses=1)
    await world.add_person(506, name="Первый Пользователь")
    async with world.db() as session:
        (await session.get(Invite, used.id)).uses = 1
    await user.send(f"/start {used.code}")
    assert "максимальное число раз" in user.last_text
    assert await count(world, FsmRecord) == 0


async def test_student_without_invite_is_stopped_and_with_consented_invite_joins(
    world: World,
) -> None:
    student = world.user(507)
    await student.send("/start")
    await student.click("Согласен")
    await student.send("Лисицын Артём")
    await student.click("Обучающийся")
    assert "только по ссылке-приглашению" in student.last_callback_answer
    assert "Кто вы?" in student.last_text
    await student.send("/cancel")
    invite = await make_invite(world, category=Category.student, consent=True)
    await student.send(f"/start {invite.code}")
    await student.click("Согласен")
    await student.send("Лисицын Артём")
    await student.click("Цифровые инструменты")
    await student.click("Готово")
    await student.click("Подтвердить")
    person = await world.person(507)
    assert person.category == "student" and person.status == ParticipantStatus.active


async def test_stale_and_forged_buttons_change_nothing(world: World) -> None:
    teacher = world.user(508)
    await teacher.send("/start")
    consent_message = teacher.last_message
    agree = teacher.data_of("Согласен", consent_message)
    await teacher.click("Согласен")
    await teacher.send("Орлова Вера")
    teacher_button = teacher.data_of("Педагог")
    await teacher.click("Педагог")
    await teacher.press_data(teacher_button)  # a replayed button of a finished step
    assert "устарела" in teacher.last_callback_answer
    forged = teacher.data_of("Город Томск").rsplit(":", 1)[0] + ":99999"
    await teacher.press_data(forged)
    assert "устарела" in teacher.last_callback_answer
    await teacher.press_data(agree, message=consent_message)
    assert "устарела" in teacher.last_callback_answer
    assert await conversation_of(world, 508) == "RegistrationSG:municipality"
    await teacher.press_data("garbage-data")
    assert "устарела" in teacher.last_callback_answer
    assert await count(world, Participant) == 0


async def test_restart_mid_registration_continues(world: World, app: App, clock) -> None:
    teacher = world.user(509)
    await teacher.send("/start")
    await teacher.click("Согласен")
    await teacher.send("Волкова Нина Павловна")
    await teacher.click("Педагог")
    await app.close()
    # A new process: a new dispatcher on the same database file.
    restarted = await make_app(
        base_settings(database_url=app.settings.database_url), clock, world.fake
    )
    try:
        again = World(restarted, world.fake).user(509)
        again.history = teacher.history  # the same chat on the phone
        await again.click("Город Кедровый")
        await again.click("СОШ № 1 г. Кедрового")
        await again.click("Наставляемый")
        await again.click("Готово")
        await again.send("10")
        await again.click("Готово")
        assert "Волкова Нина Павловна" in again.last_text
        await again.click("Подтвердить")
        async with transaction(restarted.factory) as session:
            person = await session.scalar(select(Participant).where(Participant.tg_id == 509))
        assert person is not None and person.full_name == "Волкова Нина Павловна"
    finally:
        await restarted.close()


async def test_language_follows_telegram_then_choice(world: World) -> None:
    english = world.user(510, language_code="en-US")
    await english.send("/start")
    assert "Consent to personal data processing" in english.last_text
    unknown = world.user(511, language_code="de")
    await unknown.send("/help")
    assert "Что я умею" in unknown.last_text
    await unknown.send("/language")
    await unknown.click("English")
    await unknown.send("/start")
    assert "Consent to personal data processing" in unknown.last_text
    # The choice holds for every later step of the registration, not only the first screen.
    await unknown.click("I agree")
    assert "Enter your full name" in unknown.last_text
    await unknown.send("Орлова Вера")
    assert "Who are you?" in unknown.last_text and "Teacher" in unknown.buttons()
    await unknown.click("Teacher")
    assert "Choose the municipality" in unknown.last_text and "◀ Back" in unknown.buttons()
    await unknown.click("Cancel")
    assert "Registration cancelled" in unknown.last_text


async def test_registered_user_start_and_invite(world: World) -> None:
    await world.add_person(512, name="Зайцева Ирина")
    invite = await make_invite(world)
    user = world.user(512)
    await user.send(f"/start {invite.code}")
    texts = [m.text for m in user.history[-2:]]
    assert any("С возвращением, Зайцева Ирина" in (t or "") for t in texts)
    assert any("уже зарегистрированы" in (t or "") for t in texts)


async def test_wrong_input_at_the_text_steps_changes_nothing(world: World) -> None:
    teacher = world.user(513)
    await teacher.send("/start")
    await teacher.click("Согласен")
    answer = await teacher.send_document("passport.pdf", b"%PDF-1.4", "application/pdf")
    assert "воспользуйтесь кнопками" in (answer[0].text or "")  # a file where a name is asked
    await teacher.send("Иванова " * 40)
    assert "не больше 120 символов" in teacher.last_text
    await teacher.send("x" * 5000)
    assert "Слишком длинн" in teacher.last_text
    await teacher.send("!!! ---")
    assert "должно состоять из букв" in teacher.last_text
    await teacher.send("Орлова Вера")
    assert "Кто вы?" in teacher.last_text
    await teacher.click("Педагог")
    await teacher.click("Город Кедровый")
    await teacher.click("СОШ № 1 г. Кедрового")
    await teacher.click("Наставляемый")
    await teacher.click("Готово")
    for bad in ("два", "3.5", "-3", "90"):
        await teacher.send(bad)
        assert "целым числом" in teacher.last_text or "от 0 до 60" in teacher.last_text
    answer = await teacher.send_document("cv.pdf", b"%PDF-1.4", "application/pdf")
    assert "воспользуйтесь кнопками" in (answer[0].text or "")
    assert await conversation_of(world, 513) == "RegistrationSG:experience"
    answers = await registration_answers(world, 513)
    assert "experience_years" not in answers and answers["full_name"] == "Орлова Вера"
    assert await count(world, Participant) == 0
    await teacher.send("0")
    assert "С чем вам нужна помощь" in teacher.last_text


async def test_a_double_tap_on_confirm_registers_once(world: World) -> None:
    import asyncio

    from models import ConsentEvent, OutboxMessage

    await world.add_person(
        700,
        name="Координатор Школы",
        org="СОШ № 1 г. Кедрового",
        coordinator_of=(ScopeLevel.organization, await world.org_id("СОШ № 1 г. Кедрового")),
    )
    teacher = world.user(514)
    await teacher.send("/start")
    await teacher.click("Согласен")
    await teacher.send("Быстрова Алла")
    await teacher.click("Педагог")
    await teacher.click("Город Кедровый")
    await teacher.click("СОШ № 1 г. Кедрового")
    await teacher.click("Наставляемый")
    await teacher.click("Готово")
    await teacher.send("4")
    await teacher.click("Готово")
    summary = teacher.last_message
    confirm = teacher.data_of("Подтвердить", summary)
    # Two updates of one person arrive together; event isolation runs them one after another.
    await asyncio.gather(
        teacher.press_data(confirm, message=summary),
        teacher.press_data(confirm, message=summary),
    )
    assert await count(world, Participant) == 2  # the coordinator and the teacher, once
    assert await count(world, ConsentEvent) == 2
    async with world.db() as session:
        notes = await session.scalar(
            select(func.count()).select_from(OutboxMessage).where(OutboxMessage.chat_id == 700)
        )
    assert notes == 1
    # The second tap ran after the first had finished: it found the conversation over.
    answers = [c.text or "" for c in world.fake.calls if type(c).__name__ == "AnswerCallbackQuery"]
    assert "устарела" in answers[-1] and "устарела" not in answers[-2]
    assert not any("пошло не так" in a for a in answers)


async def test_first_municipal_coordinator_joins_through_the_admin_invite(world: World) -> None:
    from tests.support import muni_id

    async with world.db() as session:
        kedr = await muni_id(session, "Город Кедровый")
        tomsk_district = await muni_id(session, "Томский район")
        invite = await invites.create_coordinator_invite(
            session, world.app.clock, level=ScopeLevel.municipality, scope_id=kedr
        )
    person = world.user(515)
    await person.send(f"/start {invite.code}")
    await person.click("Согласен")
    await person.send("Волкова Ирина Андреевна")
    # Their own organization is chosen inside the municipality they will coordinate.
    assert [b for b in person.buttons() if "◀" not in b and "✖" not in b] == ["Город Кедровый"]
    forged = person.data_of("Город Кедровый").rsplit(":", 1)[0] + f":{tomsk_district}"
    await person.press_data(forged)
    assert "устарела" in person.last_callback_answer
    await person.click("Город Кедровый")
    await person.click("СОШ № 1 г. Кедрового")
    await person.click("Готово")  # subjects
    await person.send("15")
    await person.click("Подтвердить")
    assert "Вы зарегистрированы" in person.last_text
    joined = await world.person(515)
    assert joined.status == ParticipantStatus.active
    assert [(g.role, g.scope_level, g.scope_id) for g in joined.roles] == [
        ("coordinator", "municipality", kedr)
    ]
    await person.send("/pending")
    assert "Участники" in person.last_text


async def test_a_coordinator_invite_refuses_an_organization_outside_its_scope(
    world: World,
) -> None:
    from bot.services.errors import Forbidden
    from bot.services.registration import RegistrationDraft, register
    from tests.support import muni_id

    async with world.db() as session:
        kedr = await muni_id(session, "Город Кедровый")
        invite = await invites.create_coordinator_invite(
            session, world.app.clock, level=ScopeLevel.municipality, scope_id=kedr
        )
    outside = await world.org_id("Зональненская СОШ")
    async with world.db() as session:
        draft = RegistrationDraft(
            consent_version="v",
            consent_at=world.app.clock.now(),
            language="ru",
            full_name="Чужая Школа",
            category=Category.teacher,
            organization_id=outside,
            role=Role.coordinator,
            invite_id=invite.id,
        )
        try:
            await register(session, world.app.clock, 516, draft)
        except Forbidden as error:
            assert error.key == "error-out-of-scope"
        else:
            raise AssertionError("registered outside the invite's scope")
    assert await world.person(516) is None


async def test_an_invite_that_ran_out_during_registration_stores_nothing(
    world: World, app: App
) -> None:
    invite = await make_invite(world, days=1, uses=1)
    late = world.user(517)
    await late.send(f"/start {invite.code}")
    await late.click("Согласен")
    await late.send("Поздняя Учительница")
    await late.click("Готово")
    await late.send("2")
    await late.click("Готово")
    app.clock.advance(days=2)  # type: ignore[attr-defined]
    await late.click("Подтвердить")
    assert "истёк" in late.last_callback_answer
    assert await world.person(517) is None
    async with world.db() as session:
        assert (await session.get(Invite, invite.id)).uses == 0
