"""After an account is deleted (through the dispatcher) and everything queued is sent, no row
of any table holds the person's Telegram id, and their survey answers keep no free text and
no link back to them."""

from __future__ import annotations

import json
import re

from sqlalchemy import select

from bot.services import outbox
from bot.services.access import Actor
from bot.services.surveys import campaigns
from bot.services.surveys.responding import template_of
from models import Base, OutboxMessage
from models.enums import InvitationStatus
from models.survey import SurveyCampaign, SurveyInvitation
from tests.announcement_support import settle, teachers
from tests.support import World
from tests.test_registration_reach_flow import school_coordinator_invite
from tests.test_survey_answering_flow import responses, start

# A real-looking id: ten digits, so that no other number in the database contains it.
HER = 7_123_456_789
ADMIN = Actor(tg_id=1, is_admin=True)


async def delete_account(world: World, tg_id: int) -> None:
    user = world.user(tg_id)
    await user.send("/profile")
    await user.click("Удалить аккаунт")
    await user.click("Да, удалить")
    assert "персональные данные уничтожены" in (user.last_text or "")


async def rows_naming(world: World, tg_id: int) -> list[str]:
    """Every table, every column (JSON included), generically through the metadata: the id
    as a whole number anywhere in a value."""
    needle = re.compile(rf"(?<!\d){tg_id}(?!\d)")
    found = []
    async with world.db() as session:
        for table in Base.metadata.sorted_tables:
            for row in (await session.execute(select(table))).mappings():
                for column, value in row.items():
                    if isinstance(value, bool) or value is None:
                        continue
                    if isinstance(value, int):
                        hit = value == tg_id
                    elif isinstance(value, str | dict | list):
                        text = value if isinstance(value, str) else json.dumps(value)
                        hit = needle.search(text) is not None
                    else:
                        continue
                    if hit:
                        found.append(f"{table.name}.{column} = {value!r}")
    return found


async def test_no_table_keeps_the_telegram_id_of_a_deleted_account(world: World) -> None:
    # She joins as the school's coordinator through an invite, through the dispatcher.
    invite = await school_coordinator_invite(world)
    her = world.user(HER)
    await her.send(f"/start {invite.code}")
    await her.click("Согласен")
    await her.send("Волкова Ирина Андреевна")
    await her.click("Готово")
    await her.send("15")
    await her.click("Подтвердить")
    (teacher,) = await teachers(world, 1000, 1)
    # She sends an announcement: its delivery report lives in her chat.
    await her.send("/announce")
    await her.send("Педсовет в пятницу")
    await her.click("Без вложения")
    await her.click("Далее")
    await her.click("Отправить сейчас")
    await settle(world)
    # What a flash session leaves in the outbox for the other side: a file copied from her
    # chat (sent), and a link to her account (still queued).
    async with world.db() as session:
        await outbox.enqueue(
            session,
            world.app.clock,
            method="copyMessage",
            params={"chat_id": 1000, "from_chat_id": HER, "message_id": 5},
            chat_id=1000,
            participant_id=teacher.id,
            dedup_key="relay:copy",
        )
    await world.drain()
    async with world.db() as session:
        await outbox.enqueue_text(
            session,
            world.app.clock,
            chat_id=1000,
            participant_id=teacher.id,
            text=f'Контакт: <a href="tg://user?id={HER}">Волкова</a>',
        )
        unrelated = await outbox.enqueue_text(
            session, world.app.clock, chat_id=1000, text=f"Номер заявки {HER}0"
        )
    assert unrelated == 1
    assert await rows_naming(world, HER)  # the test sees the id where it is

    await delete_account(world, HER)
    await world.drain()
    await settle(world)
    assert await rows_naming(world, HER) == []
    # Her chat's menu was reset all the same, by a direct call.
    resets = [c for c in world.fake.calls if type(c).__name__ == "DeleteMyCommands"]
    assert resets and resets[-1].scope.chat_id == HER
    # A number that only contains her id is somebody else's business: left as it was.
    async with world.db() as session:
        texts = [
            str(row.params.get("text"))
            for row in await session.scalars(
                select(OutboxMessage).where(OutboxMessage.chat_id == 1000)
            )
        ]
    assert f"Номер заявки {HER}0" in texts


async def test_a_named_survey_keeps_no_free_text_and_no_invitation_of_a_deleted_person(
    world: World,
) -> None:
    campaign_id, teacher = await start(world, 501)
    await teacher.click("Начать анкету", world.fake.sent_messages(501)[-1])
    for step in ("Учитель", "Тема А", "Готово ✅", "4"):
        await teacher.click(step)
    await teacher.send("25")
    await teacher.click("Да")
    await teacher.send("М. П. Сидорова")  # a colleague's name, typed
    await teacher.send("Спасибо Сидоровой")
    await teacher.click("✅ Отправить ответы")
    person = await world.person(501)
    async with world.db() as session:
        campaign = await session.get(SurveyCampaign, campaign_id)
        before = await campaigns.counts_in_scope(session, ADMIN, campaign)

    await delete_account(world, 501)

    [response] = await responses(world, campaign_id)
    # The closed answers stay for the aggregates; what was typed goes; no person, no time.
    assert response.answers == {
        "role": "teacher",
        "topics": ["a"],
        "rate": 4,
        "years": 25,
        "has_mentor": "yes",
    }
    assert response.participant_id is None and response.submitted_at is None
    async with world.db() as session:
        invitations = list(
            await session.scalars(
                select(SurveyInvitation).where(SurveyInvitation.campaign_id == campaign_id)
            )
        )
        campaign = await session.get(SurveyCampaign, campaign_id)
        after = await campaigns.counts_in_scope(session, ADMIN, campaign)
        free_text = {q.id for q in template_of(campaign).questions if q.kind == "text"}
    assert free_text == {"mentor_name", "comment"}
    assert all(i.participant_id != person.id for i in invitations)
    # Still counted as asked and answered: the response rate does not change.
    detached = [(i.status, i.submitted_at) for i in invitations if i.participant_id is None]
    assert detached == [(InvitationStatus.submitted, None)]
    assert (after.invited, after.submitted) == (before.invited, before.submitted)
    assert after.submitted == 1


async def test_an_anonymous_survey_keeps_the_answers_and_detaches_the_invitation(
    world: World,
) -> None:
    campaign_id, teacher = await start(world, 506, anonymous=True)
    await teacher.click("Начать анкету", world.fake.sent_messages(506)[-1])
    for step in ("Учитель", "Тема А", "Готово ✅", "5"):
        await teacher.click(step)
    await teacher.send("1")
    await teacher.click("Нет")
    await teacher.send("Всё понравилось")
    await teacher.click("✅ Отправить ответы")
    [before] = await responses(world, campaign_id)
    person = await world.person(506)
    await delete_account(world, 506)
    [after] = await responses(world, campaign_id)
    # Nothing in it says who answered: it is kept as it was, free text included.
    assert after.answers == before.answers and after.answers["comment"] == "Всё понравилось"
    async with world.db() as session:
        statuses = [
            (i.participant_id, i.status)
            for i in await session.scalars(
                select(SurveyInvitation).where(SurveyInvitation.campaign_id == campaign_id)
            )
        ]
    assert (None, InvitationStatus.submitted) in statuses
    assert all(pid != person.id for pid, _ in statuses)
