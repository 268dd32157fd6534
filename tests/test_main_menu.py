"""The main menu: /menu, /start and /help show the person's commands as buttons, and a button
does exactly what its command does, re-checked against the presser's roles at the press."""

from __future__ import annotations

from sqlalchemy import delete, select

from models import FsmRecord, RoleGrant
from models.enums import Role, ScopeLevel
from tests.support import World, conversation_of


async def test_a_registered_teacher_gets_the_menu_and_a_button_runs_the_command(
    world: World,
) -> None:
    await world.add_person(301, name="Иванова Мария Петровна")
    teacher = world.user(301)
    await teacher.send("/start")
    assert "С возвращением" in teacher.last_text
    labels = teacher.buttons()
    assert "⚡ Попросить помощи" in labels and "👤 Профиль" in labels
    assert "🔗 Приглашение" not in labels  # not a coordinator
    assert labels[-1] == "🌐 Язык"  # settings last, after the work

    menu_message = teacher.last_message
    pressed = await teacher.click("⚡ Попросить помощи")
    assert teacher.last_callback_answered
    # A dialog opens below the menu and takes over from it (aiogram_dialog takes the
    # pressed message's keyboard away); the new messages are the command's.
    pressed = [m for m in pressed if m.message_id != menu_message.message_id]
    await world.add_person(302, name="Петрова Анна Сергеевна")
    other = world.user(302)
    typed = await other.send("/flash")
    # The button opened the same first step of the flash wizard as the typed command.
    assert pressed and [m.text for m in pressed] == [m.text for m in typed]
    assert teacher.buttons() == other.buttons()


async def test_menu_and_help_follow_the_role(world: World) -> None:
    await world.add_person(
        303,
        name="Координатор Школы",
        coordinator_of=(ScopeLevel.organization, await world.org_id("СОШ № 1 г. Кедрового")),
    )
    coordinator = world.user(303)
    await coordinator.send("/menu")
    assert coordinator.last_text == "Главное меню. Что сделать?"
    assert {"👥 Люди", "🗺 Дорожная карта"} <= set(coordinator.buttons())
    menu_message = coordinator.last_message
    await coordinator.click("👥 Люди")
    assert {"🔗 Приглашение", "⏳ Заявки", "◀ Назад"} <= set(coordinator.buttons())
    pressed = await coordinator.click("⏳ Заявки")
    # The list is a dialog: it opens below the menu (as in the flash case above).
    pressed = [m for m in pressed if m.message_id != menu_message.message_id]
    typed = await coordinator.send("/pending")  # and the typed one replaces the pressed one
    shown = [m.text for m in typed if m.reply_markup is not None]
    assert pressed and [m.text for m in pressed] == shown

    await coordinator.send("/help")
    assert "/menu — главное меню" in coordinator.last_text
    assert "/start" not in coordinator.last_text  # registered: /menu replaces it
    assert "👥 Люди" in coordinator.buttons()


async def test_a_stranger_is_sent_to_registration(world: World) -> None:
    stranger = world.user(304)
    await stranger.send("/menu")
    assert "после регистрации" in stranger.last_text
    await stranger.send("/help")
    assert "/start" in stranger.last_text and "/menu" not in stranger.last_text
    assert stranger.buttons() == []


async def test_an_old_menu_button_for_a_lost_role_changes_nothing(world: World) -> None:
    person = await world.add_person(
        305,
        coordinator_of=(ScopeLevel.organization, await world.org_id("СОШ № 1 г. Кедрового")),
    )
    coordinator = world.user(305)
    await coordinator.send("/menu")
    top = coordinator.last_message
    await coordinator.click("👥 Люди")
    menu_message = coordinator.last_message
    async with world.db() as session:
        await session.execute(
            delete(RoleGrant).where(
                RoleGrant.participant_id == person.id, RoleGrant.role == Role.coordinator
            )
        )
    sent = await coordinator.click("🔗 Приглашение", menu_message)
    assert "устарела" in (coordinator.last_callback_answer or "")
    assert sent == []  # nothing sent, no invite wizard
    async with world.db() as session:
        states = await session.scalars(select(FsmRecord).where(FsmRecord.key.contains(":305:")))
        assert [record.data for record in states if record.state] == []  # no wizard started
    assert top.message_id == menu_message.message_id  # the section replaced the main menu


async def test_forged_menu_data_is_refused(world: World) -> None:
    await world.add_person(306)
    teacher = world.user(306)
    await teacher.send("/menu")
    await teacher.press_data("mm:announce")
    assert "устарела" in (teacher.last_callback_answer or "")
    await teacher.press_data("mm:nonsense")
    assert "устарела" in (teacher.last_callback_answer or "")


async def test_the_menu_in_english(world: World) -> None:
    await world.add_person(307, language="en")
    teacher = world.user(307, language_code="en")
    await teacher.send("/menu")
    assert teacher.last_text == "Main menu. What would you like to do?"
    assert "⚡ Ask for help" in teacher.buttons()


def test_the_menu_service_by_role() -> None:
    from bot.services import menu
    from bot.services.access import Actor, Scope

    assert menu.main_menu_for(Actor(tg_id=1)) == ()
    mentee = menu.main_menu_for(Actor(tg_id=1, participant_id=5, roles=frozenset({Role.mentee})))
    assert mentee[0] == "flash" and mentee[-2:] == ("profile", "language")
    assert "offers" not in mentee and "invite" not in mentee
    assert not set(mentee) & menu.NOT_BUTTONS
    mentor = menu.main_menu_for(Actor(tg_id=1, participant_id=6, roles=frozenset({Role.mentor})))
    assert {"offers", "meet", "flash"} <= set(mentor)
    coordinator = Actor(tg_id=1, participant_id=7, scopes=(Scope(ScopeLevel.organization, 3),))
    assert {"invite", "pending", "roadmap"} <= set(menu.main_menu_for(coordinator))
    assert "start" not in menu.commands_for(coordinator) and "menu" in menu.commands_for(
        coordinator
    )


async def test_a_command_in_the_middle_of_a_conversation_starts_that_command(
    world: World,
) -> None:
    await world.add_person(
        308,
        name="Координатор Школы",
        coordinator_of=(ScopeLevel.organization, await world.org_id("СОШ № 1 г. Кедрового")),
    )
    coordinator = world.user(308)
    await coordinator.send("/announce")
    asked, step = coordinator.last_text, coordinator.last_message
    # Typed at the step that asks for the announcement's text: the command, not the text
    # (the closed dialog's step only loses its keyboard).
    typed = [m for m in await coordinator.send("/pending") if m.message_id != step.message_id]
    again = await coordinator.send("/pending")  # the list is a dialog: the new one replaces it
    assert [m.text for m in typed] == [m.text for m in again if m.reply_markup is not None]
    assert coordinator.buttons(step) == []
    await coordinator.send("Семинар в пятницу")  # no conversation any more: not an announcement
    assert coordinator.last_text != asked and "Без вложения" not in coordinator.buttons()

    # The same for a main-menu button pressed mid-conversation.
    await coordinator.send("/announce")
    await coordinator.send("/menu")
    await coordinator.click("🙋 Моё наставничество")
    await coordinator.click("⚡ Попросить помощи")
    assert "Флэш-наставник" in " ".join(m.text or "" for m in world.fake.sent_messages(308)[-2:])
    assert "FlashAsk" in (await conversation_of(world, 308) or "")


async def test_help_inside_a_conversation_keeps_it(world: World) -> None:
    newcomer = world.user(309)
    await newcomer.send("/start")
    await newcomer.click("Согласен")
    asked_name = newcomer.last_text
    await newcomer.send("/help")
    assert "/start" in newcomer.last_text
    await newcomer.send("Новикова Ольга Петровна")  # still the name step
    assert newcomer.last_text != asked_name and "Педагог" in newcomer.buttons()


def test_command_names() -> None:
    from bot.middlewares.commands import command_name

    assert command_name("/pairs") == "pairs"
    assert command_name("/Pairs@mentor_bot now") == "pairs"
    assert command_name("/") is None and command_name("pairs") is None
    assert command_name(None) is None


async def test_the_coordinators_menu_is_in_sections_with_back(world: World) -> None:
    """Seventeen buttons do not fit a phone: the coordinator's work is grouped, a section is
    one screen with ◀ Назад, a section of one command is that command's button."""
    await world.add_person(
        310,
        name="Петрова Ольга Николаевна",
        role=Role.mentor,
        coordinator_of=(ScopeLevel.organization, await world.org_id("СОШ № 1 г. Кедрового")),
    )
    coordinator = world.user(310)
    await coordinator.send("/menu")
    top = coordinator.last_message
    labels = coordinator.buttons()
    assert labels == [
        "👥 Люди",
        "🧩 Пары и группы",
        "📢 Мероприятия и объявления",
        "📊 Анкеты",
        "🗺 Дорожная карта",
        "🙋 Моё наставничество",
        "👤 Профиль",
        "🌐 Язык",
    ]
    await coordinator.click("📢 Мероприятия и объявления")
    assert coordinator.last_message.message_id == top.message_id  # the same message, edited
    assert coordinator.last_text == "Мероприятия и объявления."
    assert coordinator.buttons() == [
        "📢 Объявление",
        "🗓 Новое мероприятие",
        "📅 Мероприятия",
        "◀ Назад",
    ]
    await coordinator.click("◀ Назад")
    assert coordinator.buttons() == labels and coordinator.last_text == "Главное меню. Что сделать?"
    await coordinator.click("🙋 Моё наставничество")
    assert {"🙋 Запросы ко мне", "📝 Записать встречу", "🤝 Мои пары"} <= set(coordinator.buttons())
    # A command inside a section runs as typed: /newevent's first step.
    await coordinator.click("◀ Назад")
    await coordinator.click("📢 Мероприятия и объявления")
    pressed = await coordinator.click("🗓 Новое мероприятие")
    other = [m for m in pressed if m.message_id != top.message_id]
    assert other and "EventSG" in (await conversation_of(world, 310) or "")
    # The single-command section is the command itself.
    await coordinator.send("/menu")
    await coordinator.click("🗺 Дорожная карта")
    assert "Roadmap" in (await conversation_of(world, 310) or "")


async def test_a_mentors_menu_stays_flat_and_sections_are_refused(world: World) -> None:
    await world.add_person(311, role=Role.mentor)
    mentor = world.user(311)
    await mentor.send("/menu")
    assert "👥 Люди" not in mentor.buttons() and "📝 Записать встречу" in mentor.buttons()
    assert "◀ Назад" not in mentor.buttons()
    before = mentor.last_text
    for forged in ("mn:people", "mn:mine", "mn:nonsense"):
        await mentor.press_data(forged)
        assert "устарела" in (mentor.last_callback_answer or "")
    assert mentor.last_text == before  # nothing redrawn
    # Back to the main menu from an old section's screen works for anyone with a menu.
    await mentor.press_data("mn:")
    assert mentor.last_text == "Главное меню. Что сделать?"


async def test_a_section_pressed_after_losing_the_role_is_stale(world: World) -> None:
    person = await world.add_person(
        312, coordinator_of=(ScopeLevel.organization, await world.org_id("СОШ № 1 г. Кедрового"))
    )
    coordinator = world.user(312)
    await coordinator.send("/menu")
    async with world.db() as session:
        await session.execute(
            delete(RoleGrant).where(
                RoleGrant.participant_id == person.id, RoleGrant.role == Role.coordinator
            )
        )
    await coordinator.click("👥 Люди")
    assert "устарела" in (coordinator.last_callback_answer or "")
    assert "👥 Люди" in coordinator.buttons()  # the old screen is left as it was


def test_the_menu_screens_by_role() -> None:
    from bot.services import menu
    from bot.services.access import Actor, Scope

    coordinator = Actor(tg_id=1, participant_id=7, scopes=(Scope(ScopeLevel.organization, 3),))
    top = menu.menu_screen(coordinator)
    assert len(top) <= 8 and menu.Entry("people", section=True) in top
    assert menu.Entry("pairs") in top and menu.Entry("roadmap") in top  # one command each
    people = [e.name for e in menu.menu_screen(coordinator, "people")]
    assert people == ["invite", "participants", "pending"]
    assert menu.menu_screen(coordinator, "pairs") == ()  # not a screen: a button
    # Every button the coordinator had before is still reachable, in a section or on top.
    reachable = {e.name for e in top if not e.section} | {
        e.name for s in top if s.section for e in menu.menu_screen(coordinator, s.name)
    }
    assert reachable == set(menu.main_menu_for(coordinator))
    mentee = Actor(tg_id=1, participant_id=5, roles=frozenset({Role.mentee}))
    assert all(not e.section for e in menu.menu_screen(mentee))
    assert menu.menu_screen(mentee, "people") == ()
