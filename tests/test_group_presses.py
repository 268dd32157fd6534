"""A button on a bot message in a group (forwarded there, or a keyboard the bot once posted)
never shows a screen in that group: the screen goes to the presser's private chat."""

from __future__ import annotations

import pytest
from aiogram.methods import EditMessageText
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.ui import PeopleCb
from models.enums import Role, ScopeLevel
from tests.support import World

GROUP_ID = -4_000_123
COORDINATOR_ID = 7101


@pytest.mark.parametrize("edit_fails", [False, True])
async def test_a_participant_card_never_lands_in_a_group(world: World, edit_fails: bool) -> None:
    org = await world.org_id("СОШ № 1 г. Кедрового")
    await world.add_person(
        COORDINATOR_ID, name="Координатор Школы", coordinator_of=(ScopeLevel.organization, org)
    )
    teacher = await world.add_person(7102, name="Сидорова Ольга Ивановна", role=Role.mentee)
    data = PeopleCb(action="open", pid=teacher.id).pack()
    posted = await world.app.bot.send_message(
        GROUP_ID,
        "…",
        reply_markup=InlineKeyboardMarkup(
            inline_keyboard=[[InlineKeyboardButton(text="open", callback_data=data)]]
        ),
    )
    if edit_fails:
        world.fake.fail_next(EditMessageText, "400")
    coordinator = world.user(COORDINATOR_ID)
    await coordinator.press_data(data, message=posted)

    assert coordinator.last_callback_answered
    group = world.fake.chat_messages(GROUP_ID)
    assert [m.text for m in group] == ["…"], "nothing new, nothing edited in the group"
    assert "Сидорова Ольга Ивановна" in (coordinator.last_text or "")
