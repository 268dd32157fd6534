"""Campaigns through the dispatcher: the launch wizard with its audience preview, scope,
reminders and closing with a moved clock, periodic schedules, results, XLSX and charts."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

from aiogram.methods import SendMediaGroup, SendPhoto
from openpyxl import load_workbook
from PIL import Image
from sqlalchemy import select

from bot.callbacks import pack
from bot.fakes.client import TelegramUser
from bot.services.audience import AudienceSpec
from bot.services.surveys import campaigns
from bot.services.surveys.campaigns import MAX_REMINDERS, REMINDER_EVERY
from bot.services.surveys.presses import OPEN, CampaignPress
from bot.services.surveys.templates import TEMPLATES_DIR, load_template
from models import DueTask
from models.enums import CampaignStatus, DueTaskStatus, InvitationStatus, ScopeLevel
from models.survey import SurveyCampaign, SurveySchedule
from tests.support import World, muni_id
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

CRITERIA = load_template(TEMPLATES_DIR / "tomsk_effectiveness_criteria.yaml")


async def card_of(world: World, campaign_id: int, breakdown: str | None = None) -> TelegramUser:
    """The owner opens the campaign's card from a note's «📋 Открыть анкетирование» (the
    button the scheduler's notes carry), and picks a breakdown of its results."""
    coordinator = world.user(700)
    await coordinator.press_data(pack(CampaignPress(OPEN, campaign_id)))
    if breakdown is not None:
        await coordinator.click(breakdown)
    return coordinator


def sent_texts(world: World, tg_id: int) -> list[str]:
    return [m.text or m.caption or "" for m in world.fake.sent_messages(tg_id)]


async def answer_criteria(world: World, tg_id: int, options: list[str]) -> None:
    """Answer the Tomsk criteria survey from its invitation: five choices, skip the comment."""
    user = world.user(tg_id)
    invitation = [
        m for m in world.fake.sent_messages(tg_id) if "Критерии эффективности" in (m.text or "")
    ][-1]
    await user.click("Начать анкету", invitation)
    for option in options:
        await user.click(option)
    await user.click("Пропустить ⏭")
    await user.click("✅ Отправить ответы")
    assert "Спасибо" in user.last_text


async def test_the_wizard_previews_the_audience_and_launches(world: World) -> None:
    await region_coordinator(world)
    await teachers(world, 801, 802)
    await teachers(world, 803, org="Зональненская СОШ")
    await world.add_person(804, name="Наставник Первый", role="mentor")
    use_library(world.app, library_with(kinds_template()))
    coordinator = world.user(700)
    await coordinator.send("/campaigns")
    assert "Пока ни одного анкетирования" in coordinator.last_text
    await coordinator.click("➕ Новое анкетирование")
    assert "Выберите анкету" in coordinator.last_text
    await coordinator.click("Критерии эффективности")
    # The criteria are for teachers: the preview counts every teacher of the region.
    text = coordinator.last_text
    assert "Категории: Педагог" in text and "Получат анкету сейчас: 5 человек" in text
    await coordinator.click("Роли")
    await coordinator.click("Наставник")
    await coordinator.click("Готово")
    assert "Роли: Наставник" in coordinator.last_text
    assert "Получат анкету сейчас: 2 человека" in coordinator.last_text  # with the coordinator
    await coordinator.click("Роли")
    await coordinator.click("✅ Наставник")
    await coordinator.click("Наставляемый")
    await coordinator.click("Готово")
    await coordinator.click("Организации")
    await coordinator.click("Зональненская СОШ")
    await coordinator.click("Готово")
    assert "Получат анкету сейчас: 1 человек " in coordinator.last_text
    await coordinator.click("Организации")
    await coordinator.click("✅ Зональненская СОШ")
    await coordinator.click("Готово")
    assert "Получат анкету сейчас: 3 человека" in coordinator.last_text
    await coordinator.click("Далее ▶")
    await coordinator.send("01.01.2020")
    assert "уже прошла" in coordinator.last_text
    await coordinator.send("когда-нибудь")
    assert "Не получилось понять дату" in coordinator.last_text
    await coordinator.send("завтра")  # in words too
    assert "Открытие: 26.11.2026" in coordinator.last_text
    await coordinator.click("◀ Назад")
    await coordinator.click("Сегодня")
    assert "Открытие: 25.11.2026" in coordinator.last_text
    await coordinator.send("20.11.2026")
    assert "раньше даты открытия" in coordinator.last_text
    await coordinator.click("14 дней (до 08.12)")
    confirm = coordinator.last_text
    assert "Ответы до: 08.12.2026 включительно" in confirm
    assert "раз в 3 дня, не больше 3 раз" in confirm and "закрепит эту версию" in confirm
    await coordinator.click("◀ Назад")
    assert "До какого дня" in coordinator.last_text
    await coordinator.send("10.12.2026")
    assert "Ответы до: 10.12.2026 включительно" in coordinator.last_text
    await coordinator.click("🚀 Запустить")
    assert "запущено" in coordinator.last_text
    async with world.db() as session:
        campaign = await session.scalar(select(SurveyCampaign))
    assert campaign is not None and campaign.status == CampaignStatus.scheduled
    assert campaign.snapshot == CRITERIA.snapshot() and campaign.fingerprint == CRITERIA.fingerprint
    assert campaign.audience == {
        "categories": ["teacher"],
        "cohorts": [],
        "forms": [],
        "municipality_ids": [],
        "organization_ids": [],
        "roles": ["mentee"],
    }
    await tick(world)
    assert (await get_campaign(world, campaign.id)).status == CampaignStatus.open
    for tg_id in (801, 802, 803):
        assert any("Новая анкета" in t for t in sent_texts(world, tg_id))
    assert not any("Новая анкета" in t for t in sent_texts(world, 804))  # a mentor
    assert any("открыто: анкета отправлена 3" in t for t in sent_texts(world, 700))
    await coordinator.send("/campaigns")
    await coordinator.click(0)
    card = coordinator.last_text
    assert "Приглашено: 3 · ответили: 0 (0%)" in card and "идёт" in card


async def test_a_schedule_through_the_wizard_becomes_campaigns(world: World) -> None:
    await region_coordinator(world)
    await teachers(world, 811)
    coordinator = world.user(700)
    await coordinator.send("/campaigns")
    await coordinator.click("🔁 Регулярные анкетирования")
    assert "Пока нет" in coordinator.last_text
    await coordinator.click("➕ Новое регулярное анкетирование")
    await coordinator.click("Критерии эффективности")
    await coordinator.click("Далее ▶")
    assert "✅ май" in coordinator.buttons() and "✅ ноябрь" in coordinator.buttons()
    await coordinator.click("✅ май")
    await coordinator.click("✅ ноябрь")
    await coordinator.click("Далее ▶")
    assert "хотя бы один месяц" in coordinator.last_callback_answer
    await coordinator.click("ноябрь")
    await coordinator.click("май")
    await coordinator.click("Далее ▶")
    await coordinator.click("14 дней")
    assert "Месяцы: май, ноябрь" in coordinator.last_text
    await coordinator.click("🚀 Запустить")
    assert "Первое откроется 01.05.2027 10:00" in coordinator.last_text
    await coordinator.click("🔁 Регулярные анкетирования")
    assert "май, ноябрь, по 14 дн." in coordinator.last_text
    # The first of May arrives: the scheduler launches a campaign and plans November.
    world.app.clock.set(datetime(2027, 5, 1, 3, 0, tzinfo=UTC))  # 10:00 in Tomsk
    await tick(world)
    async with world.db() as session:
        made = list(await session.scalars(select(SurveyCampaign)))
        schedule = await session.scalar(select(SurveySchedule))
    assert (
        len(made) == 1
        and made[0].status == CampaignStatus.open
        and made[0].schedule_id == schedule.id
    )
    assert made[0].closes_at == datetime(2027, 5, 14, 17, 0, tzinfo=UTC)  # 15.05 00:00 Tomsk
    assert schedule.next_run_at == datetime(2027, 11, 1, 3, 0, tzinfo=UTC)
    assert any("Новая анкета" in t for t in sent_texts(world, 811))
    assert any("Регулярное анкетирование" in t and "запущено" in t for t in sent_texts(world, 700))
    await tick(world)  # nothing more is due: one campaign per run
    assert await count_rows(world, SurveyCampaign) == 1
    await coordinator.send("/campaigns")
    await coordinator.click("🔁 Регулярные анкетирования")
    await coordinator.click("⏹ Остановить: Критерии эффективности")
    assert "Пока нет" in coordinator.last_text
    world.app.clock.set(datetime(2027, 11, 1, 4, 0, tzinfo=UTC))
    await tick(world)
    assert await count_rows(world, SurveyCampaign) == 1  # stopped: November does not come


async def test_reminders_at_most_every_few_days_and_closing(world: World) -> None:
    actor = await region_coordinator(world)
    await teachers(world, 821, 822, 823)
    campaign_id = await launch(
        world, actor, CRITERIA, AudienceSpec(categories=frozenset({"teacher"})), days=14
    )
    await answer_criteria(world, 821, ["Имеется, доступно"] * 3 + ["Имеется, эффективна"] * 2)
    started = world.user(822)
    await started.click("Начать анкету", world.fake.sent_messages(822)[-1])
    await started.click("Имеется, доступно")

    def reminders(tg_id: int) -> int:
        return sum("Напоминание" in t for t in sent_texts(world, tg_id))

    world.app.clock.advance(days=1)
    await tick(world)
    assert [reminders(t) for t in (821, 822, 823)] == [0, 0, 0]
    world.app.clock.advance(REMINDER_EVERY - timedelta(days=1))
    await tick(world)
    assert [reminders(t) for t in (821, 822, 823)] == [0, 1, 1]
    assert any("отвечено 1 из 6" in t for t in sent_texts(world, 822))
    await tick(world)  # ticking again the same day sends nothing more
    world.app.clock.advance(days=2)
    await tick(world)
    assert [reminders(t) for t in (821, 822, 823)] == [0, 1, 1]
    world.app.clock.advance(days=1)
    await tick(world)
    assert [reminders(t) for t in (822, 823)] == [2, 2]
    # 823 answers now; 822 is reminded once more (the third and last time), 823 is not.
    await answer_criteria(world, 823, ["Не имеется, недоступно"] * 3 + ["Не имеется"] * 2)
    world.app.clock.advance(REMINDER_EVERY)
    await tick(world)
    assert [reminders(t) for t in (822, 823)] == [3, 2]
    world.app.clock.advance(days=4)  # 13 days in: no fourth reminder, the cap is reached
    await tick(world)
    assert reminders(822) == MAX_REMINDERS
    # The closing moment: the campaign closes, the owner is told, late answers are refused.
    world.app.clock.advance(days=2)
    await tick(world)
    campaign = await get_campaign(world, campaign_id)
    assert campaign.status == CampaignStatus.closed
    assert any("закрыто: ответили 2 из 4 (50%)" in t for t in sent_texts(world, 700))
    late = world.user(822)
    await late.click("▶ Продолжить анкету")  # from the last reminder
    assert "закрыто" in late.last_callback_answer
    async with world.db() as session:
        pending = await session.scalars(
            select(DueTask).where(
                DueTask.kind.like("survey-%"), DueTask.status == DueTaskStatus.pending
            )
        )
        assert list(pending) == []


async def test_reminders_stop_at_a_short_campaigns_closing(world: World) -> None:
    actor = await region_coordinator(world)
    await teachers(world, 831)
    campaign_id = await launch(world, actor, CRITERIA, days=2)
    world.app.clock.advance(days=4)
    await tick(world)
    assert not any("Напоминание" in t for t in sent_texts(world, 831))
    assert (await get_campaign(world, campaign_id)).status == CampaignStatus.closed


async def test_out_of_role_and_out_of_scope(world: World) -> None:
    await world.add_person(841, name="Простой Учитель")
    teacher = world.user(841)
    await teacher.send("/campaigns")
    assert "только координаторам" in teacher.last_text
    await teacher.press_data("svc:op:1:")
    assert "только координаторам" in teacher.last_callback_answer
    # A school coordinator cannot put another school into the audience.
    school = await world.org_id("СОШ № 1 г. Кедрового")
    await world.add_person(
        842, name="Координатор Школы", coordinator_of=(ScopeLevel.organization, school)
    )
    coordinator = world.user(842)
    await coordinator.send("/campaigns")
    await coordinator.click("➕ Новое анкетирование")
    await coordinator.click("Критерии эффективности")
    assert "Организации" not in coordinator.buttons()  # one school: nothing to pick there
    # A forged role is refused, and so is another region's school for a regional coordinator.
    await coordinator.click("Роли")
    forged = coordinator.data_of("Наставник").rsplit(":", 1)[0] + ":president"
    await coordinator.press_data(forged)
    assert "устарела" in coordinator.last_callback_answer
    assert "✅" not in " ".join(coordinator.buttons())
    # A wizard button outside the wizard is stale.
    done = coordinator.data_of("Готово")
    await coordinator.send("/cancel")
    await coordinator.press_data(done)
    assert "устарела" in coordinator.last_callback_answer
    await region_coordinator(world)
    regional = world.user(700)
    await regional.send("/campaigns")
    await regional.click("➕ Новое анкетирование")
    await regional.click("Критерии эффективности")
    await regional.click("Организации")
    samara = await world.org_id("СОШ № 1 Самара")
    await regional.press_data(regional.data_of(0).rsplit(":", 1)[0] + f":{samara}")
    assert "за пределами" in regional.last_callback_answer
    assert await count_rows(world, SurveyCampaign) == 0


async def test_results_by_scope_message_xlsx_and_charts(world: World) -> None:
    actor = await region_coordinator(world)
    await teachers(world, 851, 852, 853, 854)
    await teachers(world, 855, 856, 857, org="Зональненская СОШ")
    spec = AudienceSpec(roles=frozenset({"mentee"}))
    named = type(CRITERIA).from_snapshot({**CRITERIA.snapshot(), "anonymous": False})
    campaign_id = await launch(world, actor, named, spec)
    kedr = ["Имеется, доступно", "Имеется, доступно", "Имеется, недоступно"]
    await answer_criteria(world, 851, [*kedr, "Имеется, эффективна", "Не имеется"])
    await answer_criteria(world, 852, [*kedr, "Имеется, эффективна", "Имеется, эффективна"])
    await answer_criteria(world, 853, ["Не имеется, недоступно"] * 3 + ["Не имеется"] * 2)
    await answer_criteria(world, 855, ["Имеется, недоступно"] * 3 + ["Имеется, неэффективна"] * 2)
    # The regional coordinator: everyone, by municipality.
    coordinator = world.user(700)
    await coordinator.send("/campaigns")
    await coordinator.click(0)
    assert "Приглашено: 7 · ответили: 4 (57%)" in coordinator.last_text
    await coordinator.click("📊 Итоги")
    text = coordinator.last_text
    assert "Ответили: 4 из 7 (57%)" in text
    assert "• Город Кедровый: 3 из 4 (75%)" in text and "• Томский район: 1 из 3 (33%)" in text
    assert "• Имеется, доступно — 50%" in text
    await coordinator.click("📄 XLSX")
    document = coordinator.last_message
    assert document is not None and document.document is not None
    book = load_workbook(io.BytesIO(world.fake.document_bytes(document)))
    assert book.sheetnames[0] == "Сводка" and book.sheetnames[-1] == "Ответы"
    overview = [tuple(r) for r in book["Сводка"].iter_rows(values_only=True)]
    assert ("Ответов", 4) in [r[:2] for r in overview]
    assert ("Опрошено", 7) in [r[:2] for r in overview]
    first = [tuple(r) for r in book["1. deficits_org"].iter_rows(values_only=True)]
    by_option = {r[0]: r[1:3] for r in first if r and r[0]}
    assert by_option["Имеется, доступно"] == (2, 0.5)
    assert by_option["Имеется, недоступно"] == (1, 0.25)
    raw = [tuple(r) for r in book["Ответы"].iter_rows(values_only=True)]
    assert len(raw) == 5 and any(r[0] == "Учитель Номер А" for r in raw[1:])
    await coordinator.click("📈 Графики")
    albums = world.fake.requests(SendMediaGroup)
    assert albums and len(albums[-1].media) == 6  # response rates + five choice questions
    photos = [m for m in world.fake.sent_messages(700) if m.photo][-6:]
    assert len(photos) == 6
    for photo in photos:
        png = world.fake.file_bytes(photo.photo[-1].file_id)
        assert png.startswith(b"\x89PNG\r\n\x1a\n")  # real PNG images, readable back
        with Image.open(io.BytesIO(png)) as image:
            assert image.format == "PNG" and image.size[0] >= 600 and image.size[1] >= 150
    # A municipal coordinator sees only their municipality's part.
    async with world.db() as session:
        tomsk_district = await muni_id(session, "Томский район")
    await world.add_person(
        860,
        name="Муниципальный Координатор",
        org="Управление образования Томского района",
        coordinator_of=(ScopeLevel.municipality, tomsk_district),
    )
    municipal = world.user(860)
    await municipal.send("/campaigns")
    await municipal.click(0)
    assert "Приглашено: 3 · ответили: 1 (33%)" in municipal.last_text
    await municipal.click("📊 Итоги")
    assert "Ответили: 1 из 3" in municipal.last_text and "Кедровый" not in municipal.last_text
    await municipal.click("📄 XLSX")
    book = load_workbook(io.BytesIO(world.fake.document_bytes(municipal.last_message)))
    raw = [tuple(r) for r in book["Ответы"].iter_rows(values_only=True)]
    assert len(raw) == 2 and raw[1][1] == "Зональненская СОШ"
    # A coordinator of another region does not see the campaign at all.
    samara = await world.org_id("СОШ № 1 Самара")
    await world.add_person(
        870,
        name="Самарский Координатор",
        org="СОШ № 1 Самара",
        coordinator_of=(ScopeLevel.organization, samara),
    )
    stranger = world.user(870)
    await stranger.send("/campaigns")
    assert "Пока ни одного" in stranger.last_text
    await stranger.press_data(pack(CampaignPress(OPEN, campaign_id)))
    assert "Не найдено" in stranger.last_callback_answer
    # The owner's card buttons are of the owner's dialog: pressed by another, stale.
    owner = await card_of(world, campaign_id)
    for label in ("📊 Итоги", "📄 XLSX"):
        await stranger.press_data(owner.data_of(label))
        assert "устарела" in stranger.last_callback_answer


async def test_anonymous_results_hide_too_small_a_scope(world: World) -> None:
    actor = await region_coordinator(world)
    await teachers(world, 881, 882)
    campaign_id = await launch(world, actor, CRITERIA)
    await answer_criteria(world, 881, ["Имеется, доступно"] * 3 + ["Имеется, эффективна"] * 2)
    coordinator = await card_of(world, campaign_id, "без разбивки")
    await coordinator.click("📊 Итоги")
    assert "меньше 3 ответов" in coordinator.last_text and "Имеется, доступно" not in (
        coordinator.last_text
    )
    await coordinator.click("📄 XLSX")
    assert "меньше 3 ответов" in coordinator.last_callback_answer
    await coordinator.click("📈 Графики")
    assert "меньше 3 ответов" in coordinator.last_callback_answer
    assert not world.fake.requests(SendPhoto)


async def test_comparison_with_the_previous_campaign_and_early_close(world: World) -> None:
    actor = await region_coordinator(world)
    await teachers(world, 891, 892, 893)
    spec = AudienceSpec(roles=frozenset({"mentee"}))
    first = await launch(world, actor, CRITERIA, spec, days=7)
    for tg_id in (891, 892, 893):
        await answer_criteria(world, tg_id, ["Не имеется, недоступно"] * 3 + ["Не имеется"] * 2)
    world.app.clock.advance(days=180)
    await tick(world)
    assert (await get_campaign(world, first)).status == CampaignStatus.closed
    second = await launch(world, actor, CRITERIA, spec, days=7)
    for tg_id in (891, 892, 893):
        await answer_criteria(world, tg_id, ["Имеется, доступно"] * 3 + ["Имеется, эффективна"] * 2)
    coordinator = await card_of(world, second, "без разбивки")
    await coordinator.click("📊 Итоги")
    text = coordinator.last_text
    assert "Прошлое анкетирование (25.11.2026): 100%, изменение ±0" in text
    assert "• Имеется, доступно — 100% (+100)" in text
    assert "• Не имеется, недоступно — 0% (−100)" in text
    await coordinator.click("📈 Графики")
    assert world.fake.requests(SendMediaGroup)
    # Closing early: only the owner may; then nobody can answer.
    await coordinator.click("⏹ Закрыть досрочно")
    assert "Закрыть анкетирование" in coordinator.last_text
    await coordinator.click("◀ Назад")
    assert "Приглашено: 3" in coordinator.last_text
    await coordinator.click("⏹ Закрыть досрочно")
    yes = coordinator.data_of("Да, закрыть сейчас")
    await coordinator.click("Да, закрыть сейчас")
    assert "закрыто" in coordinator.last_callback_answer.lower()
    assert (await get_campaign(world, second)).status == CampaignStatus.closed
    assert "⏹ Закрыть досрочно" not in coordinator.buttons()
    await coordinator.press_data(yes)  # the old confirmation again
    assert "устарела" in coordinator.last_callback_answer
    # Closed at its time while the question is open: the answer says it is closed already.
    third = await launch(world, actor, CRITERIA, spec, days=7)
    await card_of(world, third)
    await coordinator.click("⏹ Закрыть досрочно")
    asked = coordinator.last_message
    world.app.clock.advance(days=8)
    await tick(world)
    await coordinator.click("Да, закрыть сейчас", asked)
    assert "уже закрыто" in coordinator.last_callback_answer


async def test_large_audiences_are_worked_through_in_batches(world: World, monkeypatch) -> None:
    monkeypatch.setattr(campaigns, "BATCH", 2)
    actor = await region_coordinator(world)
    await teachers(world, 901, 902, 903, 904, 905)
    await launch(world, actor, CRITERIA, AudienceSpec(roles=frozenset({"mentee"})), days=14)
    for tg_id in range(901, 906):
        assert sum("Новая анкета" in t for t in sent_texts(world, tg_id)) == 1
    world.app.clock.advance(REMINDER_EVERY)
    await tick(world)
    for tg_id in range(901, 906):
        assert sum("Напоминание" in t for t in sent_texts(world, tg_id)) == 1


async def _responses(world: World, campaign_id: int, answers: list[dict]) -> None:
    """Submitted answers, stored as an anonymous submission stores them (the answering itself is
    tested elsewhere); the first len(answers) invitations count as submitted."""
    from models.survey import SurveyInvitation, SurveyResponse

    async with world.db() as session:
        invitations = list(
            await session.scalars(
                select(SurveyInvitation)
                .where(SurveyInvitation.campaign_id == campaign_id)
                .order_by(SurveyInvitation.id)
            )
        )
        for invitation, given in zip(invitations, answers, strict=False):
            invitation.status = InvitationStatus.submitted
            session.add(
                SurveyResponse(
                    campaign_id=campaign_id,
                    answers=given,
                    organization_id=invitation.organization_id,
                    municipality_id=invitation.municipality_id,
                )
            )
        await session.commit()


async def test_an_exit_questionnaire_is_compared_with_its_entry(world: World) -> None:
    entry = load_template(TEMPLATES_DIR / "mentee_satisfaction_start.yaml")
    exit_ = load_template(TEMPLATES_DIR / "mentee_satisfaction_end.yaml")
    actor = await region_coordinator(world)
    await teachers(world, 961, 962, 963)
    spec = AudienceSpec(roles=frozenset({"mentee"}))
    coordinator = world.user(700)

    async def cohort(start_scores: list[int], end_scores: list[int]) -> int:
        started = await launch(world, actor, entry, spec, days=14)
        await _responses(world, started, [{"confidence_subject": s} for s in start_scores])
        world.app.clock.advance(days=200)
        await tick(world)
        ended = await launch(world, actor, exit_, spec, days=14)
        await _responses(world, ended, [{"confidence_subject": s} for s in end_scores])
        world.app.clock.advance(days=100)
        await tick(world)
        return ended

    first_exit = await cohort([2, 3, 4], [6, 7, 8])
    await card_of(world, first_exit, "без разбивки")
    await coordinator.click("📊 Итоги")
    text = coordinator.last_text
    assert "Сравнение с входной анкетой" in text and "Самооценка" not in text.split("\n")[0]
    assert "• среднее: 7 (+4)" in text  # 3 at the entry, 7 at the exit
    # A year later the new cohort's exit meets the new cohort's entry, not last year's exit.
    second_exit = await cohort([5, 5, 5], [6, 6, 6])
    await card_of(world, second_exit, "без разбивки")
    await coordinator.click("📊 Итоги")
    text = coordinator.last_text
    assert "Сравнение с входной анкетой" in text
    assert "• среднее: 6 (+1)" in text
    await coordinator.click("📄 XLSX")
    book = load_workbook(io.BytesIO(world.fake.document_bytes(coordinator.last_message)))
    sheet = next(name for name in book.sheetnames if name.endswith("confidence_subject"))
    rows = [tuple(r) for r in book[sheet].iter_rows(values_only=True)]
    mean_row = next(r for r in rows if r and r[0] == "Среднее")
    # The mean, the entry's mean and the change.
    assert (mean_row[1], mean_row[3], mean_row[4], mean_row[5]) == (6, 5, "Изменение", 1)
