"""Answering a survey in chat, through the dispatcher: every kind, back, later, resume after a
restart, conditions, the summary, one submission, stale and forged buttons, closing."""

from __future__ import annotations

from sqlalchemy import select

from bot.app import App
from bot.db import transaction
from models.enums import CampaignStatus, InvitationStatus
from models.survey import SurveyInvitation, SurveyProgress, SurveyResponse
from tests.conftest import base_settings, make_app
from tests.support import World, conversation_of
from tests.survey_helpers import (
    count_rows,
    get_campaign,
    kinds_template,
    launch,
    library_with,
    region_coordinator,
    teachers,
    tick,
    use_library,
)


async def progress_of(world: World, campaign_id: int, tg_id: int) -> SurveyProgress | None:
    person = await world.person(tg_id)
    assert person is not None
    async with world.db() as session:
        return await session.scalar(
            select(SurveyProgress).where(
                SurveyProgress.campaign_id == campaign_id,
                SurveyProgress.participant_id == person.id,
            )
        )


async def responses(world: World, campaign_id: int) -> list[SurveyResponse]:
    async with world.db() as session:
        rows = await session.scalars(
            select(SurveyResponse).where(SurveyResponse.campaign_id == campaign_id)
        )
        return list(rows)


async def start(world: World, tg_id: int = 501, anonymous: bool = False) -> tuple[int, object]:
    actor = await region_coordinator(world)
    await teachers(world, tg_id)
    campaign_id = await launch(world, actor, kinds_template(anonymous=anonymous))
    user = world.user(tg_id)
    return campaign_id, user


async def test_every_kind_back_summary_and_one_submission(world: World) -> None:
    campaign_id, teacher = await start(world)
    invitation = world.fake.sent_messages(501)[-1]
    assert "Новая анкета" in invitation.text and "не анонимная" in invitation.text
    await teacher.click("Начать анкету", invitation)
    intro = world.fake.chat_messages(501)[-2].text  # the message above the question
    assert "Проверка всех видов" in intro and "7 вопросов" in intro
    assert "вопрос 1 из 6" in teacher.last_text  # the conditional one is not counted yet
    assert "Первый раздел" in teacher.last_text  # the section is named above each question
    # single choice
    await teacher.click("Учитель")
    assert "✓ Ваша роль?\n→ Учитель" in teacher.history[-2].text
    assert teacher.buttons(teacher.history[-2]) == []  # the answered question has no buttons
    # multiple choice with a limit of two
    await teacher.click("Тема А")
    await teacher.click("Тема Б")
    assert "✅ Тема А" in teacher.buttons() and "✅ Тема Б" in teacher.buttons()
    await teacher.click("Тема В")
    assert "не больше 2" in teacher.last_callback_answer
    assert "Тема В" in teacher.buttons()  # not ticked
    await teacher.click("Готово ✅")
    # scale: the buttons and the labels of its ends
    assert "1 — плохо; 5 — отлично" in teacher.last_text
    assert teacher.buttons()[:5] == ["1", "2", "3", "4", "5"]
    await teacher.click("4")
    # number with bounds, typed
    assert "Второй раздел" in teacher.last_text and "вопрос 4 из 6" in teacher.last_text
    await teacher.send("-3")
    assert "от 0 до 60" in teacher.last_text
    await teacher.send("сорок")
    assert "Нужно целое число, например 12." in teacher.last_text  # never «3,5» here
    await teacher.send("2,5")
    assert "целое число" in teacher.last_text
    await teacher.send("25")
    # yes/no, then the question shown only after "yes"
    await teacher.click("Да")
    assert "Как зовут наставника?" in teacher.last_text
    await teacher.send("Мария Петровна Сидорова-Иванова")  # 31 characters, the limit is 20
    assert "не больше 20" in teacher.last_text and "осталс" in teacher.last_text
    await teacher.send("М. П. Сидорова")
    # an optional question can be skipped; a required one has no Skip button
    assert "Пропустить ⏭" in teacher.buttons()
    await teacher.click("Пропустить ⏭")
    summary = teacher.last_text
    assert "Проверьте ответы" in summary
    assert "Тема А; Тема Б" in summary and "4 — отлично" not in summary
    assert "→ 25" in summary and "→ М. П. Сидорова" in summary and "→ —" in summary
    # back from the summary goes to the last question, which keeps its answer
    await teacher.click("◀ Назад")
    assert "Комментарий" in teacher.last_text
    await teacher.send("Всё хорошо")
    assert "Проверьте ответы" in teacher.last_text and "Всё хорошо" in teacher.last_text
    await teacher.send("Ещё комментарий")  # typed at the summary: what is left to do
    assert "Все вопросы пройдены" in teacher.last_text
    await teacher.click("✏ Изменить ответ")
    await teacher.click("◀ Назад")  # from the numbers back to the summary, nothing changed
    assert "Проверьте ответы" in teacher.last_text and "Ещё комментарий" not in teacher.last_text
    submit = teacher.data_of("✅ Отправить ответы")
    await teacher.click("✅ Отправить ответы")
    assert "Спасибо" in teacher.last_text
    [response] = await responses(world, campaign_id)
    assert response.answers == {
        "role": "teacher",
        "topics": ["a", "b"],
        "rate": 4,
        "years": 25,
        "has_mentor": "yes",
        "mentor_name": "М. П. Сидорова",
        "comment": "Всё хорошо",
    }
    person = await world.person(501)
    assert response.participant_id == person.id and response.submitted_at is not None
    assert await progress_of(world, campaign_id, 501) is None
    # a second attempt is answered politely and changes nothing
    await teacher.press_data(f"sv:go:{campaign_id}:-1:0")
    assert "уже отправили" in teacher.last_callback_answer
    await teacher.press_data(submit)  # the summary's button, after the dialog ended
    assert "устарела" in teacher.last_callback_answer
    assert len(await responses(world, campaign_id)) == 1
    await teacher.send("/surveys")
    assert "ответы отправлены" in teacher.last_text


async def test_changing_an_earlier_answer_drops_the_hidden_one(world: World) -> None:
    campaign_id, teacher = await start(world)
    await teacher.click("Начать анкету", world.fake.sent_messages(501)[-1])
    await teacher.click("Другое")
    await teacher.click("Тема В")
    await teacher.click("Готово ✅")
    await teacher.send("5")  # a scale answered by typing
    await teacher.send("3")
    await teacher.click("Нет")
    # "no": the mentor's name is not asked
    assert "Комментарий" in teacher.last_text
    await teacher.click("Пропустить ⏭")
    summary = teacher.last_text
    assert "Как зовут наставника" not in summary
    await teacher.click("✏ Изменить ответ")
    assert "Какой ответ изменить" in teacher.last_text
    await teacher.click("5")  # the yes/no question is the fifth shown
    await teacher.click("Да")
    assert "Как зовут наставника?" in teacher.last_text
    await teacher.send("Ольга")
    assert "Проверьте ответы" in teacher.last_text  # back to the summary: the rest is answered
    await teacher.click("✏ Изменить ответ")
    await teacher.click("5")
    await teacher.click("Нет")
    assert "Проверьте ответы" in teacher.last_text
    assert "Ольга" not in teacher.last_text
    await teacher.click("✅ Отправить ответы")
    [response] = await responses(world, campaign_id)
    assert "mentor_name" not in response.answers and "comment" not in response.answers
    assert response.answers["rate"] == 5


async def test_stop_and_resume_after_a_restart(world: World, app: App, clock) -> None:
    campaign_id, teacher = await start(world, 502)
    await teacher.click("Начать анкету", world.fake.sent_messages(502)[-1])
    await teacher.click("Учитель")
    await teacher.click("Тема Б")  # ticked, not yet confirmed
    await teacher.click("⏸ Продолжить позже")
    assert "Ответы сохранены" in teacher.last_text
    assert await conversation_of(world, 502) is None
    await teacher.send("17")  # not in the survey any more: not taken as an answer
    assert "Ответы сохранены" not in teacher.last_text
    await app.close()
    restarted = await make_app(
        base_settings(database_url=app.settings.database_url), clock, world.fake
    )
    try:
        again = World(restarted, world.fake).user(502)
        again.history = teacher.history
        await again.send("/surveys")
        assert "отвечено 1 из 6" in again.last_text
        await again.click("Продолжить: Проверка всех видов")
        assert "Продолжаем с того места" in again.last_text
        assert "Какие темы важны?" in again.last_text
        assert "✅ Тема Б" in again.buttons()  # the ticks made before the stop are kept
        await again.click("Готово ✅")
        await again.click("3")
        # the conversation state survived too: a typed answer goes to the survey
        assert await conversation_of(World(restarted, world.fake), 502) == "SurveyAnswer:question"
        await again.send("12")
        assert "Есть ли наставник?" in again.last_text
        async with transaction(restarted.factory) as session:
            progress = await session.scalar(
                select(SurveyProgress).where(SurveyProgress.campaign_id == campaign_id)
            )
        assert progress is not None
        assert progress.answers == {"role": "teacher", "topics": ["b"], "rate": 3, "years": 12}
    finally:
        await restarted.close()


async def test_a_restart_mid_question_keeps_the_typed_step(world: World, app: App, clock) -> None:
    _campaign_id, teacher = await start(world, 503)
    await teacher.click("Начать анкету", world.fake.sent_messages(503)[-1])
    await teacher.click("Учитель")
    await teacher.click("Тема А")
    await teacher.click("Готово ✅")
    await teacher.click("2")
    await app.close()
    restarted = await make_app(
        base_settings(database_url=app.settings.database_url), clock, world.fake
    )
    try:
        again = World(restarted, world.fake).user(503)
        again.history = teacher.history
        await again.send("99")
        assert "от 0 до 60" in again.last_text
        await again.send("7")
        assert "Есть ли наставник?" in again.last_text
    finally:
        await restarted.close()


async def test_old_and_forged_buttons_change_nothing(world: World) -> None:
    campaign_id, teacher = await start(world, 504)
    await teacher.click("Начать анкету", world.fake.sent_messages(504)[-1])
    first = teacher.last_message
    other = teacher.data_of("Другое")  # an item names its question's position and the option
    await teacher.click("Учитель")
    assert teacher.buttons(first) == []
    # the first question's button, replayed from the old message
    await teacher.press_data(other, first)
    assert "другому вопросу" in teacher.last_callback_answer
    # a choice on the multiple-choice question, an option index out of range
    await teacher.press_data(other.rsplit(":", 1)[0] + ":1.0")
    assert "другому вопросу" in teacher.last_callback_answer
    tick = teacher.data_of("Тема А")
    await teacher.press_data(tick.rsplit(":", 1)[0] + ":1.9")
    assert "другому вопросу" in teacher.last_callback_answer
    await teacher.press_data(tick.rsplit(":", 1)[0] + ":1.²")
    assert "устарела" in teacher.last_callback_answer
    # submitting before the summary: this window has no such button
    await teacher.press_data(tick.split("\x1d")[0] + "\x1dsubmit")
    assert "устарела" in teacher.last_callback_answer
    progress = await progress_of(world, campaign_id, 504)
    assert progress is not None and progress.answers == {"role": "teacher"}
    assert progress.current == "topics"
    # a campaign that did not ask this person, and one that does not exist
    await teacher.press_data(f"sv:go:{campaign_id + 100}:-1:0")
    assert "не адресована" in teacher.last_callback_answer
    # garbage in the data: the catch-all says the button is stale
    await teacher.press_data("sv:ch:x:y:z")
    assert "устарела" in teacher.last_callback_answer
    # a typed answer to a button question is refused with a hint
    await teacher.send("Тема А")
    assert "кнопками" in teacher.last_text
    # "back" on the first question (it has no Back button: the one of the second, pressed again)
    back = teacher.data_of("◀ Назад")
    await teacher.click("◀ Назад")
    assert "Ваша роль?" in teacher.last_text and "◀ Назад" not in teacher.buttons()
    await teacher.press_data(back)
    assert "назад некуда" in teacher.last_callback_answer


async def test_another_campaigns_button_answers_that_campaign_only(world: World) -> None:
    actor = await region_coordinator(world)
    await teachers(world, 505)
    first = await launch(world, actor, kinds_template())
    second = await launch(world, actor, kinds_template(anonymous=True))
    teacher = world.user(505)
    invitations = world.fake.sent_messages(505)
    await teacher.click("Начать анкету", invitations[-2])
    await teacher.click("Учитель")
    first_question = teacher.last_message
    tick = teacher.data_of("Тема А")
    # the second campaign's invitation, pressed mid-way through the first
    await teacher.click("Начать анкету", invitations[-1])
    assert "Анкета анонимная" in world.fake.chat_messages(505)[-2].text
    await teacher.click("Другое")
    one = await progress_of(world, first, 505)
    two = await progress_of(world, second, 505)
    assert one is not None and one.answers == {"role": "teacher"}
    assert two is not None and two.answers == {"role": "other"}
    # the first campaign's question belongs to a dialog that is over: it answers neither
    await teacher.press_data(tick, first_question)
    assert "устарела" in teacher.last_callback_answer
    one = await progress_of(world, first, 505)
    two = await progress_of(world, second, 505)
    assert one is not None and one.draft == [] and two is not None and two.draft == []
    # the first campaign, resumed from /surveys (soonest closing first), gets its own ticks
    await teacher.send("/surveys")
    await teacher.click(0)
    assert "Продолжаем с того места" in teacher.last_text
    await teacher.click("Тема А")
    one = await progress_of(world, first, 505)
    two = await progress_of(world, second, 505)
    assert one is not None and one.draft == ["a"] and two is not None and two.draft == []


async def test_anonymous_answers_keep_no_link_to_the_person(world: World) -> None:
    campaign_id, teacher = await start(world, 506, anonymous=True)
    invitation = world.fake.sent_messages(506)[-1]
    assert "Анкета анонимная" in invitation.text
    await teacher.click("Начать анкету", invitation)
    for step in ("Учитель", "Тема А", "Готово ✅", "5"):
        await teacher.click(step)
    await teacher.send("1")
    await teacher.click("Нет")
    await teacher.click("Пропустить ⏭")
    assert "Анкета анонимная" in teacher.last_text  # said again on the summary
    await teacher.click("✅ Отправить ответы")
    assert "связать ответы с вами нельзя" in teacher.last_text
    [response] = await responses(world, campaign_id)
    assert response.participant_id is None and response.submitted_at is None
    async with world.db() as session:
        invitation_row = await session.scalar(
            select(SurveyInvitation).where(
                SurveyInvitation.campaign_id == campaign_id,
                SurveyInvitation.participant_id == (await world.person(506)).id,
            )
        )
    assert invitation_row is not None and invitation_row.status == InvitationStatus.submitted
    assert invitation_row.submitted_at is None
    assert await progress_of(world, campaign_id, 506) is None


async def test_after_closing_answers_are_refused_and_nothing_is_lost(world: World) -> None:
    campaign_id, teacher = await start(world, 507)
    await teacher.click("Начать анкету", world.fake.sent_messages(507)[-1])
    await teacher.click("Учитель")
    question = teacher.last_message
    topic = teacher.data_of("Тема А")
    world.app.clock.advance(days=15)  # past the closing day; the close job has not run yet
    await teacher.send("12")
    assert "закрыто" in teacher.last_text
    assert teacher.buttons(question) == []  # the closed survey's buttons are gone
    assert await conversation_of(world, 507) is None
    await teacher.send("12")  # the conversation left the survey: no second "closed"
    assert "Я отвечаю на команды и кнопки" in teacher.last_text  # the menu, not an answer
    await teacher.press_data(topic, question)
    assert "устарела" in teacher.last_callback_answer
    await tick(world)
    campaign = await get_campaign(world, campaign_id)
    assert campaign.status == CampaignStatus.closed
    assert await progress_of(world, campaign_id, 507) is None
    await teacher.send("/surveys")
    assert "открытых анкет для вас нет" in teacher.last_text
    await teacher.press_data(f"sv:go:{campaign_id}:-1:0")
    assert "закрыто" in teacher.last_callback_answer
    assert await count_rows(world, SurveyResponse) == 0


async def test_a_press_after_closing_is_refused_and_takes_the_buttons_away(world: World) -> None:
    campaign_id, teacher = await start(world, 513)
    await teacher.click("Начать анкету", world.fake.sent_messages(513)[-1])
    await teacher.click("Учитель")
    question = teacher.last_message
    world.app.clock.advance(days=15)
    await teacher.click("Тема А")
    assert "закрыто" in teacher.last_callback_answer
    assert teacher.buttons(question) == []
    assert await conversation_of(world, 513) is None
    progress = await progress_of(world, campaign_id, 513)
    assert progress is not None and progress.answers == {"role": "teacher"}
    assert progress.draft == []


async def test_a_template_change_mid_campaign_keeps_the_started_version(world: World) -> None:
    campaign_id, teacher = await start(world, 508)
    await teacher.click("Начать анкету", world.fake.sent_messages(508)[-1])
    await teacher.click("Учитель")
    # The file changes: the first section loses a question and the scale gets new words.
    changed = kinds_template(version=2)
    data = changed.snapshot()
    data["sections"][0]["questions"] = [data["sections"][0]["questions"][0]]
    data["title"] = {"ru": "Новая версия", "en": "New version"}
    from bot.services.surveys.templates import SurveyTemplate

    new_version = SurveyTemplate.from_snapshot(data)
    use_library(world.app, library_with(new_version))
    await teacher.click("Тема А")  # the running campaign still has its multiple choice
    await teacher.click("Готово ✅")
    assert "Оцените поддержку" in teacher.last_text
    campaign = await get_campaign(world, campaign_id)
    assert campaign.template_version == 1
    assert campaign.snapshot["title"]["ru"] == "Проверка всех видов"
    await teacher.send("/surveys")
    assert "Проверка всех видов" in teacher.last_text and "Новая версия" not in teacher.last_text


async def test_surveys_lists_open_surveys_and_strangers_are_told_to_register(
    world: World,
) -> None:
    await start(world, 509)
    teacher = world.user(509)
    await teacher.send("/surveys")
    assert "Проверка всех видов" in teacher.last_text and "ещё не начата" in teacher.last_text
    assert teacher.buttons() == ["▶ Проверка всех видов"]
    replies = await teacher.send("привет")  # the list waits for a press
    assert "Сейчас я жду другой ответ" in replies[0].text and teacher.buttons()
    survey = teacher.data_of("▶ Проверка всех видов")
    await teacher.press_data(survey.rsplit(":", 1)[0] + ":²")
    assert "устарела" in teacher.last_callback_answer
    await teacher.press_data(survey.rsplit(":", 1)[0] + f":{2**64}")
    assert "устарела" in teacher.last_callback_answer
    await teacher.press_data(survey.rsplit(":", 1)[0] + ":999")
    assert "не адресована" in teacher.last_callback_answer
    await teacher.click("▶ Проверка всех видов")  # begun from the list: introduced first
    assert "7 вопросов" in world.fake.chat_messages(509)[-2].text
    assert "вопрос 1 из 6" in teacher.last_text
    nobody = world.user(510)
    await nobody.send("/surveys")
    assert "Сначала зарегистрируйтесь" in nobody.last_text
    await world.add_person(511, name="Другой Учитель")
    other = world.user(511)
    await other.send("/surveys")
    assert "открытых анкет для вас нет" in other.last_text


async def test_english_respondent(world: World) -> None:
    actor = await region_coordinator(world)
    await world.add_person(512, name="English Teacher", language="en")
    await launch(world, actor, kinds_template())
    teacher = world.user(512, language_code="en")
    invitation = world.fake.sent_messages(512)[-1]
    assert "New survey" in invitation.text and "Every kind" in invitation.text
    await teacher.click("Start the survey", invitation)
    assert "question 1 of 6" in teacher.last_text and "Your role?" in teacher.last_text
    await teacher.click("Teacher")
    await teacher.click("Done ✅")
    assert "empty" in teacher.last_callback_answer
