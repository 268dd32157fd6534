"""Coordinators through the dispatcher: invites, participants, approvals, roles, scope."""

from __future__ import annotations

import re

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from sqlalchemy import select

from bot.app import App
from bot.callbacks import pack
from bot.clock import FakeClock
from bot.services.people_presses import PendingPress
from handlers.ui import PeopleCb
from models import Invite
from models.enums import ParticipantStatus, ScopeLevel
from tests.conftest import base_settings, make_app
from tests.support import World, conversation_of, muni_id


async def school_coordinator(world: World, tg_id: int = 700, org: str = "СОШ № 1 г. Кедрового"):
    return await world.add_person(
        tg_id,
        name="Координатор Школы",
        org=org,
        coordinator_of=(ScopeLevel.organization, await world.org_id(org)),
    )


async def test_invite_wizard_creates_a_working_link(world: World) -> None:
    await school_coordinator(world)
    coord = world.user(700)
    await coord.send("/invite")
    await coord.click("Наставник")
    await coord.click("Педагог")
    # A school coordinator has one municipality and one school: the school is offered directly.
    assert coord.buttons()[0] == "СОШ № 1 г. Кедрового"
    await coord.click("СОШ № 1 г. Кедрового")
    await coord.click("7 дней")
    await coord.click("10")
    text = coord.last_text
    link = re.search(r"https://t\.me/(\w+)\?start=([\w-]+)", text)
    assert link and link.group(1) == "mentor_demo_bot"
    assert "Действует до:" in text and "Использований: 10" in text
    newcomer = world.user(801)
    await newcomer.send(f"/start {link.group(2)}")
    assert "Согласие" in newcomer.last_text


async def test_invite_for_students_needs_parental_consent(world: World) -> None:
    await school_coordinator(world)
    coord = world.user(700)
    await coord.send("/invite")
    await coord.click("Наставляемый")
    await coord.click("Обучающийся")
    await coord.click("СОШ № 1 г. Кедрового")
    await coord.click("30 дней")
    await coord.click("без ограничения")
    assert "согласия их родителей" in coord.last_text
    await coord.click("Согласий пока нет")
    assert "нельзя" in coord.last_text
    async with world.db() as session:
        assert (await session.scalars(select(Invite))).first() is None


async def test_municipal_coordinator_picks_only_inside_scope(world: World) -> None:
    async with world.db() as session:
        kedr = await muni_id(session, "Город Кедровый")
    await world.add_person(
        701,
        name="Муниципальный Координатор",
        org="Отдел образования г. Кедровый",
        coordinator_of=(ScopeLevel.municipality, kedr),
    )
    coord = world.user(701)
    await coord.send("/invite")
    await coord.click("Наставляемый")
    await coord.click("Педагог")
    assert "Зональненская СОШ" not in coord.buttons()
    assert "Пудинская СОШ" in coord.buttons()
    other = await world.org_id("Зональненская СОШ")
    forged = coord.data_of("Пудинская СОШ").rsplit(":", 1)[0] + f":{other}"
    await coord.press_data(forged)
    assert "за пределами вашей зоны" in coord.last_callback_answer
    assert await conversation_of(world, 701) == "InviteSG:organization"  # still choosing


async def test_commands_out_of_role_are_refused(world: World) -> None:
    await world.add_person(702, name="Простой Учитель")
    teacher = world.user(702)
    for command in ("/invite", "/participants", "/pending"):
        await teacher.send(command)
        assert "только координаторам" in teacher.last_text
    stranger = world.user(703)
    await stranger.send("/profile")
    assert "Сначала зарегистрируйтесь" in stranger.last_text


async def test_approve_reject_and_mentor_role(world: World) -> None:
    await school_coordinator(world)
    pending = await world.add_person(810, name="Новикова Дарья", status=ParticipantStatus.pending)
    other = await world.add_person(811, name="Фёдоров Олег", status=ParticipantStatus.pending)
    coord = world.user(700)
    await coord.send("/pending")
    assert "Участники: 2" in coord.last_text
    await coord.click("Новикова Дарья")
    await coord.click("Подтвердить")
    assert "подтверждена" in coord.last_callback_answer
    await coord.click("Назначить наставником")
    await coord.click("Назад")
    await coord.click("Фёдоров Олег")
    approve = coord.data_of("Подтвердить")
    await coord.click("Отклонить")
    await world.drain()
    told = [m.text or "" for m in world.fake.sent_messages(pending.tg_id)]
    assert any("подтвердил вашу регистрацию" in t for t in told)
    assert any("роль наставника" in t for t in told)
    assert any("отклонил" in (m.text or "") for m in world.fake.sent_messages(other.tg_id))
    assert (await world.person(810)).has_role("mentor")
    assert (await world.person(811)).status == ParticipantStatus.rejected
    # A replayed approve on a decided registration changes nothing.
    await coord.press_data(approve)
    assert "уже рассмотрена" in coord.last_callback_answer
    assert (await world.person(811)).status == ParticipantStatus.rejected


async def test_someone_elses_participant_id_is_not_found(world: World) -> None:
    await school_coordinator(world)
    outsider = await world.add_person(
        812, name="Чужой Человек", org="Зональненская СОШ", status=ParticipantStatus.pending
    )
    await world.add_person(813, name="Своя Заявка", status=ParticipantStatus.pending)
    coord = world.user(700)
    await coord.send("/pending")
    assert coord.buttons()[0].startswith("Своя Заявка")  # the outsider is not listed
    own = coord.data_of("Своя Заявка")
    await coord.press_data(own.rsplit(":", 1)[0] + f":{outsider.id}")  # a forged person
    assert "Не найдено" in coord.last_callback_answer
    assert await conversation_of(world, 700) == "PeopleSG:list"
    # Nor from the card button other screens carry.
    await coord.press_data(PeopleCb(action="open", pid=outsider.id).pack())
    assert "Не найдено" in coord.last_callback_answer
    assert (await world.person(812)).status == ParticipantStatus.pending


async def test_participants_paging_and_filters(world: World) -> None:
    await school_coordinator(world)
    for i in range(10):
        await world.add_person(900 + i, name=f"Учитель Номер {chr(1040 + i)}")
    await world.add_person(950, name="Наставник Опытный", role="mentor")
    coord = world.user(700)
    await coord.send("/participants")
    assert "Участники: 12 (стр. 1 из 2)" in coord.last_text
    await coord.click("▶")
    assert "стр. 2 из 2" in coord.last_text
    await coord.click("Наставники")
    assert "Участники: 1 " in coord.last_text  # only the mentor
    await coord.click("Заявки")
    assert "Никого не найдено" in coord.last_text


async def test_invite_wizard_back_and_cancel(world: World) -> None:
    await school_coordinator(world)
    coord = world.user(700)
    await coord.send("/invite")
    assert "◀ Назад" not in coord.buttons()  # nothing before the first step
    await coord.click("Наставник")
    await coord.click("Педагог")
    await coord.click("Назад")  # the school coordinator's only municipality was skipped
    assert "Категория приглашённых" in coord.last_text
    await coord.click("Назад")
    assert "Кого приглашаем" in coord.last_text
    await coord.click("Наставляемый")
    await coord.click("Педагог")
    await coord.click("СОШ № 1 г. Кедрового")
    await coord.click("7 дней")
    await coord.click("Назад")
    assert "Сколько действует ссылка" in coord.last_text
    await coord.click("30 дней")
    await coord.click("10")
    assert "Роль: Наставляемый" in coord.last_text and "Использований: 10" in coord.last_text
    async with world.db() as session:
        invite = (await session.scalars(select(Invite))).one()
    assert (invite.role, invite.max_uses) == ("mentee", 10)
    assert (invite.expires_at - invite.created_at).days == 30
    await coord.send("/invite")
    await coord.click("Наставник")
    await coord.click("Отмена")
    assert "отменено" in coord.last_text
    async with world.db() as session:
        assert len(list(await session.scalars(select(Invite)))) == 1


async def test_an_old_invite_cancel_button_leaves_another_conversation_alone(
    world: World,
) -> None:
    await school_coordinator(world)
    coord = world.user(700)
    await coord.send("/invite")
    wizard = coord.last_message
    cancel = coord.data_of("Отмена")
    await coord.send("/profile")  # closes the invite dialog
    await coord.click("✏ Стаж")  # now in the middle of editing the profile
    await coord.press_data(cancel, message=wizard)
    assert "устарела" in coord.last_callback_answer
    await coord.send("5")  # the profile step is still waiting for the years
    assert (await world.person(700)).experience_years == 5


async def test_invite_expiry_is_shown_in_the_coordinators_region_zone(world: World) -> None:
    # The clock stands at 25.11.2026 03:00 UTC: a one-day link ends 26.11 03:00 UTC, which is
    # 10:00 in Tomsk (UTC+7) and 07:00 in Samara (UTC+4).
    await school_coordinator(world, 700, "СОШ № 1 г. Кедрового")
    await school_coordinator(world, 704, "СОШ № 1 Самара")
    for tg_id, school, shown in ((700, "Кедрового", "10:00"), (704, "Самара", "07:00")):
        coord = world.user(tg_id)
        await coord.send("/invite")
        await coord.click("Наставляемый")
        await coord.click("Педагог")
        await coord.click(school)
        await coord.click("1 день")
        await coord.click("1")
        assert f"Действует до: 26.11.2026 {shown}" in coord.last_text


async def test_an_admin_from_settings_works_across_the_whole_directory(world: World) -> None:
    from tests.support import ADMIN_ID

    await world.add_person(
        820, name="Самарская Заявка", org="СОШ № 1 Самара", status=ParticipantStatus.pending
    )
    admin = world.user(ADMIN_ID)  # not registered: the settings alone make them an admin
    await admin.send("/pending")
    assert "Самарская Заявка" in admin.buttons()[0]
    await admin.send("/invite")
    await admin.click("Наставник")
    await admin.click("Педагог")
    assert {"Город Кедровый", "Городской округ Самара"} <= set(admin.buttons())
    await admin.click("Городской округ Самара")
    await admin.click("Назад")  # several municipalities: back to choosing one
    assert "муниципалитет" in admin.last_text and "Город Кедровый" in admin.buttons()
    await admin.click("Городской округ Самара")
    await admin.click("СОШ № 1 Самара")
    await admin.click("7 дней")
    await admin.click("1")
    assert "Ссылка-приглашение готова" in admin.last_text
    assert "Самара" in admin.last_text


async def test_the_invite_dialog_survives_a_restart_and_refuses_typing_and_old_presses(
    world: World, app: App, clock: FakeClock
) -> None:
    await school_coordinator(world)
    coord = world.user(700)
    await coord.send("/invite")
    answer = await coord.send("Наставник")  # typed where a button is asked
    assert answer[0].text == app.translator.get("ru", "fallback-step")
    assert "Наставник" in coord.buttons()
    forged = coord.data_of("Наставник").rsplit(":", 1)[0] + ":coordinator"
    await coord.press_data(forged)  # a role an invite cannot give
    assert "устарела" in coord.last_callback_answer
    await coord.click("Наставник")
    await coord.click("Педагог")
    assert await conversation_of(world, 700) == "InviteSG:organization"
    await app.close()  # a new process on the same database: the dialog goes on
    restarted = await make_app(
        base_settings(database_url=app.settings.database_url), clock, world.fake
    )
    try:
        again = World(restarted, world.fake)
        coord = again.user(700)
        await coord.click("СОШ № 1 г. Кедрового")
        week = coord.data_of("7 дней")
        await coord.click("7 дней")
        await coord.click("1")
        assert "Ссылка-приглашение готова" in coord.last_text
        assert await conversation_of(again, 700) is None
        await coord.press_data(week)  # the finished dialog's button
        assert "устарела" in coord.last_callback_answer
        async with again.db() as session:
            assert len(list(await session.scalars(select(Invite)))) == 1
    finally:
        await restarted.close()


async def test_the_notice_button_opens_pending_and_the_card_closes(world: World) -> None:
    await school_coordinator(world)
    waiting = await world.add_person(814, name="Новикова Дарья", status=ParticipantStatus.pending)
    coord = world.user(700)
    notice = await world.app.bot.send_message(700, "Новая заявка", reply_markup=None)
    await coord.press_data(pack(PendingPress()), message=notice)  # the notice's "open" button
    assert coord.last_callback_answered
    assert "Участники: 1" in coord.last_text and "Заявки" in coord.buttons()[-1]
    answer = await coord.send("Новикова")  # typed at a list
    assert answer[0].text == world.app.translator.get("ru", "fallback-step")
    await coord.click("Новикова Дарья")
    approve = coord.data_of("Подтвердить")
    await coord.click("Отмена")
    assert coord.last_text == world.app.translator.get("ru", "people-closed")
    assert await conversation_of(world, 700) is None
    await coord.press_data(approve)  # the closed card's button
    assert "устарела" in coord.last_callback_answer
    assert (await world.person(waiting.tg_id)).status == ParticipantStatus.pending


async def test_a_card_button_on_another_screen_opens_the_card_in_the_dialog(world: World) -> None:
    """The mentors over capacity (/pairs) list people with the card button: it opens the card
    of the people dialog, whose Back is the list."""
    await school_coordinator(world)
    mentor = await world.add_person(815, name="Петрова Анна Ивановна", role="mentor")
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text="Петрова", callback_data=PeopleCb(action="open", pid=mentor.id).pack()
                )
            ]
        ]
    )
    coord = world.user(700)
    screen = await world.app.bot.send_message(700, "Перегружены", reply_markup=keyboard)
    await coord.click("Петрова", screen)
    assert coord.last_callback_answered
    assert "Петрова Анна Ивановна" in coord.last_text
    assert "Снять роль наставника" in coord.buttons()
    assert await conversation_of(world, 700) == "PeopleSG:card"
    await coord.click("Назад")
    assert "Участники: 2" in coord.last_text  # the coordinator and the mentor
