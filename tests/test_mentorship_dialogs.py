"""The pairs dialogs (handlers/mentorships/): Back through the lists and the card, /cancel,
text where a button is awaited, forged and stale presses, a restart mid-way, and the buttons
to other features' screens (the plan, the pair wizard) with their way back."""

from __future__ import annotations

from sqlalchemy import select

from bot.app import App
from bot.callbacks.mentorship import MsCb
from bot.clock import FakeClock
from models.enums import MentorshipStatus
from models.mentorship import Mentorship, MentorshipFeedback
from tests.conftest import base_settings, make_app
from tests.mentorship_support import world_pair
from tests.support import World, conversation_of
from tests.test_mentorship_flow import _people


def _intent(data: str) -> str:
    return data.partition("\x1d")[0]


async def test_back_walks_the_card_and_the_lists(world: World) -> None:
    await _people(world)
    await world_pair(world, 700, 801, [802])
    mentor = world.user(801)
    await mentor.send("/mentorships")
    await mentor.click(0)
    await mentor.click("Завершить наставничество")
    await mentor.click("Прекратить досрочно")
    assert "причину" in mentor.last_text
    await mentor.click("◀ Назад")
    assert "Как завершается" in mentor.last_text
    await mentor.click("◀ Назад")
    assert "🟢 действует" in mentor.last_text
    await mentor.click("📅 Встречи")
    assert "Встречи: 0" in mentor.last_text
    await mentor.click("◀ Назад")
    await mentor.click("◀ Назад")  # the card's Back: the list it was opened from
    assert "Мои наставнические пары и группы" in mentor.last_text
    assert await conversation_of(world, 801) == "MineSG:list"

    coord = world.user(700)
    await coord.send("/pairs")
    await coord.click("Все пары и группы")
    await coord.click("Статус: * ▸")
    await coord.click(0)
    assert "Наставничество" in coord.last_text
    await coord.click("◀ Назад")
    assert "Статус: текущие ▸" in coord.buttons()  # the list as it was, its filter kept
    await coord.click("◀ Назад")
    assert "Наставнические пары и группы" in coord.last_text


async def test_text_at_a_button_step_cancel_and_stale_presses(world: World) -> None:
    await _people(world)
    await world_pair(world, 700, 801, [802])
    mentor = world.user(801)
    await mentor.send("/mentorships")
    await mentor.click(0)
    await mentor.click("Завершить наставничество")
    completed = mentor.data_of("Завершено: цели достигнуты")
    answer = await mentor.send("Досрочно, пожалуйста")  # a button is awaited here
    assert answer[0].text == world.app.translator.get("ru", "fallback-step")
    assert "Как завершается" in mentor.last_text
    await mentor.send("/cancel")
    assert "отменено" in mentor.last_text
    assert await conversation_of(world, 801) is None
    await mentor.press_data(completed)  # a button of the closed dialog
    assert "устарела" in mentor.last_callback_answer
    await mentor.send("/mentorships")
    await mentor.press_data(completed)  # the old dialog's, a new one open
    assert "устарела" in mentor.last_callback_answer
    await mentor.press_data(f"{_intent(mentor.data_of(0))}\x1dyes")  # a later step's button
    assert "устарела" in mentor.last_callback_answer
    (ms,) = list(await _all(world))
    assert ms.status == MentorshipStatus.active


async def _all(world: World) -> list[Mentorship]:
    async with world.db() as session:
        return list(await session.scalars(select(Mentorship)))


async def test_ending_survives_a_restart(world: World, app: App, clock: FakeClock) -> None:
    await _people(world)
    await world_pair(world, 700, 801, [802])
    mentor = world.user(801)
    await mentor.send("/mentorships")
    await mentor.click(0)
    await mentor.click("Завершить наставничество")
    await mentor.click("Прекратить досрочно")
    assert await conversation_of(world, 801) == "CardSG:reason"
    await app.close()  # a new process on the same database: the dialog goes on
    restarted = await make_app(
        base_settings(database_url=app.settings.database_url), clock, world.fake
    )
    try:
        again = World(restarted, world.fake)
        mentor = again.user(801)
        await mentor.send("Наставляемая перешла в другую школу")
        assert "перешла в другую школу" in mentor.last_text
        await mentor.click("Да, завершить")
        assert "остаётся активным" in mentor.last_callback_answer
        await again.drain()
        await again.user(802).click("Подтверждаю завершение")  # the mentee agrees
        (ms,) = await _all(again)
        assert ms.status == MentorshipStatus.stopped
        assert ms.end_reason == "Наставляемая перешла в другую школу"
    finally:
        await restarted.close()


async def test_feedback_from_the_card_and_a_forged_rating(world: World) -> None:
    await _people(world)
    ms = await world_pair(world, 700, 801, [802])
    coord = world.user(700)
    await coord.send("/pairs")
    await coord.click("Все пары и группы")
    await coord.click(0)
    await coord.click("Завершить наставничество")  # a coordinator of the scope may end it
    await coord.click("Завершено: цели достигнуты")
    await coord.click("Да, завершить")
    assert "⭐ Оставить отзыв" not in coord.buttons()  # no member: no feedback
    mentee = world.user(802)
    await mentee.send("/mentorships")
    await mentee.click(0)
    await mentee.click("Оставить отзыв")
    assert "Оцените" in mentee.last_text
    rating = mentee.data_of("5 ★")
    await mentee.press_data(rating.rpartition(":")[0] + ":7")  # forged
    assert "устарела" in mentee.last_callback_answer
    await mentee.click("◀ Назад")
    assert "✅ завершено" in mentee.last_text
    await mentee.click("Оставить отзыв")
    await mentee.click("5 ★")
    assert "Спасибо за оценку" in mentee.last_callback_answer
    skip = mentee.data_of("Пропустить")
    await mentee.send("Спасибо наставнику!")
    assert "Отзыв сохранён" in mentee.last_text
    assert await conversation_of(world, 802) is None
    await mentee.press_data(skip)  # the finished dialog's
    assert "устарела" in mentee.last_callback_answer
    await mentee.press_data(MsCb(action="open", id=ms.id).pack())  # an old card button
    assert "Ваша оценка: 5" in mentee.last_text
    assert "⭐ Оставить отзыв" not in mentee.buttons()
    async with world.db() as session:
        (row,) = list(await session.scalars(select(MentorshipFeedback)))
    assert (row.rating, row.comment) == (5, "Спасибо наставнику!")


async def test_other_features_screens_and_their_way_back(world: World) -> None:
    await _people(world)
    await world_pair(world, 700, 801, [802])
    mentor = world.user(801)
    await mentor.send("/mentorships")
    await mentor.click(0)
    await mentor.click("План развития")
    assert "Целей пока нет" in mentor.last_text
    await mentor.click("◀ Назад")  # the plan's Back: the card again, as a dialog
    assert "🟢 действует" in mentor.last_text
    await mentor.click("◀ Назад")
    assert "Мои наставнические пары и группы" in mentor.last_text

    coord = world.user(700)
    await coord.send("/pairs")
    await coord.click("Без наставника (2)")
    await coord.click("Кузнецова Ольга")  # the pair wizard takes over
    assert "Подходящие наставники" in coord.last_text
    await coord.send("/pairs")
    await coord.click("Сформировать пару или группу")
    await coord.click("Групповая (круг наставничества)")
    await coord.send("сидор")  # the wizard's search, not the dialog's (still open under it)
    assert "Поиск: «сидор»" in coord.last_text
