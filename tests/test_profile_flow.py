"""/profile, /mydata and account deletion through the dispatcher."""

from __future__ import annotations

import json

from sqlalchemy import select

from models import FsmRecord, Participant
from models.enums import FlashStatus, MentorshipStatus, ParticipantStatus
from tests.support import World


async def test_profile_shows_and_edits(world: World) -> None:
    await world.add_person(
        601, name="Белова Анна", role="mentor", capacity=2, expertise=["digital"]
    )
    user = world.user(601)
    await user.send("/profile")
    assert "Белова Анна" in user.last_text and "Цифровые инструменты" in user.last_text
    await user.click("✏ ФИО")
    await user.send("1234")
    assert "должно состоять из букв" in user.last_text
    await user.send("Белова-Смирнова Анна")
    assert "Белова-Смирнова Анна" in user.last_text
    await user.click("✏ Экспертиза")
    await user.click("Работа с родителями")
    await user.click("Цифровые инструменты")
    await user.click("Готово")
    await user.click("✏ Нагрузка")
    await user.click("5")
    await user.click("⚡ Флэш вкл/выкл")
    await user.click("✏ Форматы")
    await user.click("Онлайн")  # the last format cannot be taken away
    assert "хотя бы один формат" in user.last_callback_answer
    await user.click("Готово")
    await user.click("✏ Форматы")  # the refused untick left the mark as it was
    assert "✅ Онлайн" in user.buttons()
    person = await world.person(601)
    assert person.full_name == "Белова-Смирнова Анна"
    assert person.expertise == ["parents"] and person.capacity == 5
    assert person.flash_available is True and person.formats == ["online"]


async def test_mentee_cannot_edit_mentor_fields(world: World) -> None:
    await world.add_person(602, name="Юная Учительница", role="mentee")
    user = world.user(602)
    await user.send("/profile")
    assert "✏ Экспертиза" not in user.buttons()
    # The card's hidden buttons, forged: the dialog's intent id, then the button's id.
    intent = user.data_of("✏ ФИО").split("\x1d")[0]
    await user.press_data(f"{intent}\x1dedit_capacity")
    assert "только наставникам" in user.last_callback_answer
    await user.press_data(f"{intent}\x1dflash")
    assert "только наставникам" in user.last_callback_answer
    await user.press_data(f"{intent}\x1dexpertise:digital")  # a mentor's window's tick
    assert "устарела" in user.last_callback_answer
    await user.click("✏ Запросы")
    await user.press_data(user.data_of(0).rsplit(":", 1)[0] + ":nonsense")
    assert "устарела" in user.last_callback_answer
    assert not any(label.startswith("✅") for label in user.buttons())
    person = await world.person(602)
    assert person.expertise == [] and person.deficits == [] and not person.flash_available


async def test_experience_edit_validates(world: World) -> None:
    await world.add_person(603, name="Стажёр Учитель")
    user = world.user(603)
    await user.send("/profile")
    await user.click("✏ Стаж")
    await user.send("сто")
    assert "целым числом" in user.last_text
    await user.send("1")
    assert "Молодой специалист" in user.last_text
    assert (await world.person(603)).experience_years == 1


async def test_mydata_exports_everything(world: World) -> None:
    await world.add_person(604, name="Экспорт Данных", subjects=["math"])
    user = world.user(604)
    await user.send("/mydata")
    document = user.last_message
    assert document.document is not None and document.document.file_name.endswith(".json")
    data = json.loads(world.fake.document_bytes(document))
    assert data["participant"]["full_name"] == "Экспорт Данных"
    assert data["participant"]["subjects"] == ["math"]
    assert data["consents"][0]["action"] == "given"


async def test_delete_account_with_confirmation(world: World) -> None:
    await world.add_person(605, name="Уходящий Участник")
    user = world.user(605)
    await user.send("/profile")
    await user.click("Удалить аккаунт")
    await user.click("Нет, оставить")
    assert (await world.person(605)) is not None
    await user.click("Удалить аккаунт")
    await user.click("Да, удалить")
    assert "персональные данные уничтожены" in user.last_text
    assert await world.person(605) is None
    async with world.db() as session:
        rows = list(await session.scalars(select(Participant)))
        assert [(p.full_name, p.status) for p in rows] == [(None, ParticipantStatus.deleted)]
        assert list(await session.scalars(select(FsmRecord))) == []
    await user.send("/profile")
    assert "Сначала зарегистрируйтесь" in user.last_text
    # The chat's own command menu is dropped: back to the stranger's default one.
    await world.drain()
    menus = [c for c in world.fake.calls if "MyCommands" in type(c).__name__]
    assert type(menus[-1]).__name__ == "DeleteMyCommands" and menus[-1].scope.chat_id == 605


async def test_help_and_menu_depend_on_role(world: World) -> None:
    stranger = world.user(606)
    await stranger.send("/help")
    assert "/invite" not in stranger.last_text and "/start" in stranger.last_text
    await world.add_person(607, name="Обычный Учитель")
    teacher = world.user(607)
    await teacher.send("/help")
    assert "/profile" in teacher.last_text and "/invite" not in teacher.last_text
    coordinator = await world.add_person(
        608,
        name="Координатор Школы",
        coordinator_of=("organization", await world.org_id("СОШ № 1 г. Кедрового")),
    )
    assert coordinator.tg_id == 608
    coord = world.user(608)
    await coord.send("/help")
    assert "/invite" in coord.last_text and "/pending" in coord.last_text


async def test_unknown_command_and_idle_text(world: World) -> None:
    user = world.user(609)
    await user.send("/nonsense")
    assert "Такой команды нет" in user.last_text
    await user.send("привет")  # a stranger: how to begin
    assert "/start" in user.last_text and "Здравствуйте" in user.last_text
    await user.send("/cancel")
    assert "Отменять нечего" in user.last_text


async def test_leaving_a_profile_edit_changes_nothing(world: World) -> None:
    await world.add_person(610, name="Осторожная Учительница", experience_years=7)
    user = world.user(610)
    await user.send("/profile")
    await user.click("✏ Стаж")
    await user.click("Готово")  # back to the profile without typing anything
    assert "Мой профиль" in user.last_text
    answer = await user.send("3")  # no longer an answer to anything: the card awaits a press
    assert answer[0].text == world.app.translator.get("ru", "fallback-step")
    await user.send("/profile")
    await user.click("✏ ФИО")
    await user.send("/cancel")
    assert "отменено" in user.last_text
    await user.send("Другая Фамилия")
    person = await world.person(610)
    assert (person.full_name, person.experience_years) == ("Осторожная Учительница", 7)


async def test_mydata_and_deletion_cover_named_survey_answers(world: World) -> None:
    from models.survey import SurveyCampaign, SurveyProgress, SurveyResponse
    from tests.survey_helpers import kinds_template

    person = await world.add_person(611, name="Анкета Учитель")
    now = world.app.clock.now()
    template = kinds_template()
    async with world.db() as session:
        campaigns = []
        for _ in range(2):
            campaign = SurveyCampaign(
                template_id=template.id,
                template_version=template.version,
                fingerprint=template.fingerprint,
                snapshot=template.snapshot(),
                anonymous=False,
                opens_at=now,
                closes_at=now,
                created_by=person.id,
                created_at=now,
            )
            session.add(campaign)
            campaigns.append(campaign)
        await session.flush()
        session.add(
            SurveyResponse(
                campaign_id=campaigns[0].id,
                answers={"rate": 4, "comment": "мои слова"},
                organization_id=person.organization_id,
                municipality_id=0,
                participant_id=person.id,
                submitted_at=now,
            )
        )
        session.add(
            SurveyProgress(
                campaign_id=campaigns[1].id,
                participant_id=person.id,
                answers={"q1": "черновик"},
                started_at=now,
                updated_at=now,
            )
        )
    user = world.user(611)
    await user.send("/mydata")
    data = json.loads(world.fake.document_bytes(user.last_message))
    assert data["survey_answers"][0]["answers"] == {"rate": 4, "comment": "мои слова"}
    assert data["survey_answers_in_progress"][0]["answers"] == {"q1": "черновик"}
    await user.send("/profile")
    await user.click("Удалить аккаунт")
    await user.click("Да, удалить")
    async with world.db() as session:
        assert list(await session.scalars(select(SurveyProgress))) == []
        response = (await session.scalars(select(SurveyResponse))).one()
    assert response.participant_id is None  # still counted in the results, no longer theirs
    assert response.answers == {"rate": 4}  # what they typed goes, the scale answer stays


async def test_mydata_covers_pairs_meetings_flash_requests_and_event_answers(
    world: World,
) -> None:
    from datetime import date

    from models import Meeting, MeetingAttendee, Mentorship, MentorshipMentee
    from models.broadcast import Event, EventRsvp
    from models.flash import FlashRequest

    mentor = await world.add_person(612, name="Наставник Пары", role="mentor")
    mentee = await world.add_person(613, name="Наставляемая Пары")
    now = world.app.clock.now()
    async with world.db() as session:
        pair = Mentorship(
            organization_id=mentor.organization_id,
            mentor_id=mentor.id,
            form="traditional",
            model_element="adaptation",
            role_model="teacher_teacher",
            status=MentorshipStatus.active,
            created_at=now,
        )
        session.add(pair)
        await session.flush()
        session.add(MentorshipMentee(mentorship_id=pair.id, participant_id=mentee.id))
        meeting = Meeting(
            mentorship_id=pair.id,
            mentor_id=mentor.id,
            organization_id=mentor.organization_id,
            municipality_id=0,
            held_on=date(2026, 11, 20),
            duration_minutes=45,
            format="offline",
            topic="Дроби",
            outcome="Разобрали урок",
            created_by=mentor.id,
            created_at=now,
            updated_at=now,
        )
        session.add(meeting)
        await session.flush()
        session.add(MeetingAttendee(meeting_id=meeting.id, participant_id=mentee.id))
        session.add(
            FlashRequest(
                requester_id=mentee.id,
                organization_id=mentee.organization_id,
                municipality_id=0,
                region_id=0,
                topic="subject:math",
                description="Как объяснить проценты",
                format="online",
                timing="week",
                status=FlashStatus.open,
                created_at=now,
                updated_at=now,
            )
        )
        event = Event(
            author_id=mentor.id,
            kind="seminar",
            title="Семинар",
            starts_at=now,
            duration_minutes=60,
            timezone="Asia/Tomsk",
            place="Кедровый",
            created_at=now,
        )
        session.add(event)
        await session.flush()
        session.add(
            EventRsvp(event_id=event.id, participant_id=mentee.id, answer="going", answered_at=now)
        )
    user = world.user(613)
    await user.send("/mydata")
    data = json.loads(world.fake.document_bytes(user.last_message))
    assert [(m["as"], m["status"]) for m in data["mentorships"]] == [
        ("mentee", MentorshipStatus.active)
    ]
    assert data["meetings"][0]["outcome"] == "Разобрали урок"
    assert data["flash_requests"][0]["description"] == "Как объяснить проценты"
    assert data["event_answers"] == [{"event": event.id, "answer": "going", "attended": None}]
    mentor_user = world.user(612)
    await mentor_user.send("/mydata")
    mine = json.loads(world.fake.document_bytes(mentor_user.last_message))
    assert [m["as"] for m in mine["mentorships"]] == ["mentor"]
    assert mine["flash_requests"] == [] and mine["event_answers"] == []


async def test_an_old_delete_confirmation_cannot_erase_a_new_account(world: World) -> None:
    await world.add_person(614, name="Первая Регистрация")
    user = world.user(614)
    await user.send("/profile")
    await user.click("Удалить аккаунт")
    old_confirmation = user.last_message
    old_yes = user.data_of("Да, удалить")
    await user.send("/profile")
    await user.click("Удалить аккаунт")
    await user.click("Да, удалить")
    assert await world.person(614) is None
    await world.add_person(614, name="Вторая Регистрация")  # came back, registered anew
    await user.press_data(old_yes, message=old_confirmation)
    assert "устарела" in user.last_callback_answer
    await user.send("/profile")
    intent = user.data_of("✏ ФИО").split("\x1d")[0]
    await user.press_data(f"{intent}\x1ddelete_yes")  # forged, past the confirmation
    assert "устарела" in user.last_callback_answer
    assert (await world.person(614)).full_name == "Вторая Регистрация"


async def test_a_profile_edit_goes_on_after_a_restart(world: World, app, clock) -> None:
    from tests.conftest import base_settings, make_app

    await world.add_person(615, name="Терпеливая Учительница", experience_years=7)
    user = world.user(615)
    await user.send("/profile")
    await user.click("✏ Стаж")
    await app.close()
    restarted = await make_app(
        base_settings(database_url=app.settings.database_url), clock, world.fake
    )
    try:
        again = World(restarted, world.fake).user(615)
        again.history = user.history
        await again.send("4")  # still the answer the window asked for
        assert "Стаж: 4 года" in again.last_text and "✏ ФИО" in again.buttons()
    finally:
        await restarted.close()
    assert (await world.person(615)).experience_years == 4
