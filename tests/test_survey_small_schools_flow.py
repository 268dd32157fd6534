"""Survey results of a small school through the dispatcher: an anonymous survey with fewer
than three answers in the school stays hidden there, and says where its summary can be seen
(the municipality, else the region, with how many answered there); a named survey shows its
answers person by person to the school's coordinator."""

from __future__ import annotations

from sqlalchemy import select

from bot.callbacks import pack
from bot.services.surveys.presses import OPEN, CampaignPress
from bot.services.surveys.templates import TEMPLATES_DIR, load_template
from models import Participant
from models.enums import InvitationStatus, ScopeLevel
from models.survey import SurveyInvitation, SurveyResponse
from tests.support import World, muni_id
from tests.survey_helpers import (
    kinds_template,
    launch,
    library_with,
    region_coordinator,
    teachers,
    use_library,
)

CRITERIA = load_template(TEMPLATES_DIR / "tomsk_effectiveness_criteria.yaml")
SCHOOL_COORD = 710  # СОШ № 1 г. Кедрового
MUNI_COORD = 720  # Город Кедровый
FIVE = ["Имеется, доступно"] * 3 + ["Имеется, эффективна"] * 2


async def coordinators(world: World) -> None:
    async with world.db() as session:
        kedrovy = await muni_id(session, "Город Кедровый")
    school = await world.org_id("СОШ № 1 г. Кедрового")
    await world.add_person(
        SCHOOL_COORD,
        name="Школьный Координатор",
        coordinator_of=(ScopeLevel.organization, school),
    )
    await world.add_person(
        MUNI_COORD,
        name="Муниципальный Координатор",
        org="Отдел образования г. Кедровый",
        coordinator_of=(ScopeLevel.municipality, kedrovy),
    )


async def answer_criteria(world: World, tg_id: int) -> None:
    """The Tomsk criteria survey answered from its invitation, as a teacher does."""
    user = world.user(tg_id)
    invitation = [
        m for m in world.fake.sent_messages(tg_id) if "Критерии эффективности" in (m.text or "")
    ][-1]
    await user.click("Начать анкету", invitation)
    for option in FIVE:
        await user.click(option)
    await user.click("Пропустить ⏭")
    await user.click("✅ Отправить ответы")
    assert "Спасибо" in user.last_text


async def results_of(world: World, tg_id: int, campaign_id: int) -> str:
    """The campaign's card opened, «📊 Итоги» pressed: every message of the results (a long
    one comes in parts), as HTML."""
    coordinator = world.user(tg_id)
    await coordinator.press_data(pack(CampaignPress(OPEN, campaign_id)))
    before = len(world.fake.sent_messages(tg_id))
    await coordinator.click("📊 Итоги")
    return "\n".join(m.text or "" for m in world.fake.sent_messages(tg_id)[before:])


async def test_a_small_schools_hidden_results_say_where_they_can_be_seen(world: World) -> None:
    actor = await region_coordinator(world)
    await coordinators(world)
    await teachers(world, 881, 882)  # СОШ № 1 г. Кедрового: two answers only
    await teachers(world, 883, 884, org="Пудинская СОШ")  # the same municipality
    await teachers(world, 885, 886, org="Зональненская СОШ")  # Томский район
    campaign_id = await launch(world, actor, CRITERIA)
    for tg_id in (881, 882):
        await answer_criteria(world, tg_id)
    text = await results_of(world, SCHOOL_COORD, campaign_id)
    assert "меньше 3 ответов" in text and "Имеется, доступно" not in text
    # Nowhere above has three answers yet: said so, no level is named.
    assert "Выше по уровням ответов пока тоже меньше 3" in text
    assert "Город Кедровый" not in text
    # Two more in the region, in another municipality: the region has enough.
    await answer_criteria(world, 885)
    text = await results_of(world, SCHOOL_COORD, campaign_id)
    assert "на уровне региона «Томская область»: там 3 ответа" in text
    # The municipality's own coordinator (two answers there) is sent up to the region too.
    municipal = await results_of(world, MUNI_COORD, campaign_id)
    assert "меньше 3 ответов" in municipal
    assert "на уровне региона «Томская область»: там 3 ответа" in municipal
    # Two more in the school's municipality: the municipality's summary is the nearest.
    await answer_criteria(world, 883)
    text = await results_of(world, SCHOOL_COORD, campaign_id)
    assert "на уровне муниципалитета «Город Кедровый»: там 3 ответа" in text
    assert "Имеется, доступно" not in text  # still hidden in the school itself
    # ... where its coordinator sees them in full.
    municipal = await results_of(world, MUNI_COORD, campaign_id)
    assert "Ответили: 3 из " in municipal
    assert "Имеется, доступно" in municipal
    assert "меньше 3 ответов" not in municipal


async def _named_answers(world: World, campaign_id: int, answers: dict[int, dict]) -> None:
    """Submitted named answers of the given people (by Telegram id), stored as a named
    submission stores them (the answering itself is tested in test_survey_answering_flow)."""
    async with world.db() as session:
        invitations = list(
            await session.scalars(
                select(SurveyInvitation)
                .join(Participant, Participant.id == SurveyInvitation.participant_id)
                .where(
                    SurveyInvitation.campaign_id == campaign_id,
                    Participant.tg_id.in_(list(answers)),
                )
                .order_by(Participant.tg_id)
            )
        )
        for invitation, given in zip(invitations, answers.values(), strict=True):
            invitation.status = InvitationStatus.submitted
            session.add(
                SurveyResponse(
                    campaign_id=campaign_id,
                    answers=given,
                    participant_id=invitation.participant_id,
                    organization_id=invitation.organization_id,
                    municipality_id=invitation.municipality_id,
                )
            )
        await session.commit()


async def test_a_named_survey_shows_a_small_schools_answers_by_person(world: World) -> None:
    actor = await region_coordinator(world)
    await coordinators(world)
    await teachers(world, 891, 892)
    use_library(world.app, library_with(kinds_template()))
    campaign_id = await launch(world, actor, kinds_template())
    await _named_answers(
        world,
        campaign_id,
        {
            891: {"role": "teacher", "topics": ["a"], "rate": 4, "years": 2, "has_mentor": "no"},
            892: {
                "role": "other",
                "topics": ["b", "c"],
                "rate": 5,
                "years": 12,
                "has_mentor": "no",
            },
        },
    )
    text = await results_of(world, SCHOOL_COORD, campaign_id)
    assert "меньше 3 ответов" not in text  # named: nothing to hide
    assert "Ответы по участникам" in text
    assert "Ответили: 2 из " in text
    assert "Учитель Номер А, СОШ № 1 г. Кедрового" in text
    assert "1. Ваша роль? — Учитель" in text
    assert "1. Ваша роль? — Другое" in text
    assert "4. Стаж, лет — 12" in text
    assert "Показаны первые" not in text  # both are shown
