"""Writing inside a pair through the bot (the flash relay's way, bot.services.relay): from the
card, both directions, a reply from the relayed message, a group, a file; refused when the pair
has ended, for a stranger's forged press, for an empty message; «Готово» stops."""

from __future__ import annotations

from sqlalchemy import select

from bot.callbacks.mentorship import TalkCb
from bot.services.mentorship import pairs
from models import OutboxMessage, Participant
from models.enums import MentorshipStatus, Role, ScopeLevel
from tests.mentorship_support import actor_of, world_pair
from tests.support import World, conversation_of
from tests.test_mentorship_flow import _people

MENTOR, MENTEE, OTHER = 801, 802, 803


async def _pair(world: World, mentees: list[int] | None = None) -> int:
    await _people(world)
    many = mentees is not None and len(mentees) > 1
    ms = await world_pair(
        world, 700, MENTOR, mentees or [MENTEE], form="group" if many else "traditional"
    )
    await world.drain()  # the pair's own notices are out before anyone writes
    return ms.id


async def _relayed(world: World, chat_id: int) -> list[str]:
    await world.drain()
    return [m.text or "" for m in world.fake.sent_messages(chat_id) if m.text]


async def test_a_mentee_writes_to_the_mentor_and_the_mentor_replies(world: World) -> None:
    await _pair(world)
    mentee = world.user(MENTEE)
    await mentee.send("/mentorships")
    await mentee.click(0)
    await mentee.click("✉ Написать наставнику")
    assert "Напишите сообщение для Петрова Анна Ивановна" in mentee.last_text
    await mentee.send("Здравствуйте! Мне нужна помощь с <журналом>")
    assert "Передано: Петрова Анна Ивановна" in mentee.last_text
    got = await _relayed(world, MENTOR)
    assert "Сообщение от наставляемого (Сидорова Мария)" in got[-1]
    assert "Мне нужна помощь с <журналом>" in got[-1]  # shown as typed, not as markup
    await mentee.click("Готово")
    assert "🟢 действует" in mentee.last_text  # back on the pair's card
    await mentee.send("Ещё слово")  # no longer writing: not relayed
    assert len(await _relayed(world, MENTOR)) == len(got)

    mentor = world.user(MENTOR)
    notice = world.fake.sent_messages(MENTOR)[-1]
    await mentor.click("↩ Ответить", message=notice)
    assert "Напишите сообщение для Сидорова Мария" in mentor.last_text
    await mentor.send("Давайте завтра после уроков")
    answer = (await _relayed(world, MENTEE))[-1]
    assert "Сообщение от наставника (Петрова Анна Ивановна)" in answer
    assert "Давайте завтра после уроков" in answer
    await mentor.click("Готово")
    assert mentor.last_text == world.app.translator.get("ru", "pair-talk-done")
    assert "↩ Ответить" in mentor.buttons(notice)  # the relayed message keeps its button
    assert await conversation_of(world, MENTOR) is None


async def test_the_mentor_of_a_group_writes_to_every_mentee(world: World) -> None:
    await _pair(world, [MENTEE, OTHER])
    mentor = world.user(MENTOR)
    await mentor.send("/mentorships")
    await mentor.click(0)
    await mentor.click("✉ Написать группе")
    assert "Сидорова Мария" in mentor.last_text and "Кузнецова Ольга" in mentor.last_text
    await mentor.send("Встреча круга в четверг")
    for tg in (MENTEE, OTHER):
        assert "Встреча круга в четверг" in (await _relayed(world, tg))[-1]


async def test_a_file_goes_as_a_copy_after_a_line_saying_who_sent_it(world: World) -> None:
    await _pair(world)
    mentee = world.user(MENTEE)
    await mentee.send("/mentorships")
    await mentee.click(0)
    await mentee.click("✉ Написать наставнику")
    await mentee.send_document("plan.pdf", b"%PDF-1.4 plan", "application/pdf")
    assert "Передано" in mentee.last_text
    await world.drain()
    sent = world.fake.sent_messages(MENTOR)
    assert sent[-1].document is not None and sent[-1].document.file_name == "plan.pdf"
    assert "Файл от наставляемого (Сидорова Мария)" in (sent[-2].text or "")


async def test_an_empty_message_is_refused_and_nothing_is_relayed(world: World) -> None:
    await _pair(world)
    mentee = world.user(MENTEE)
    await mentee.send("/mentorships")
    await mentee.click(0)
    await mentee.click("✉ Написать наставнику")
    await mentee.send("   ")
    assert "Пустое сообщение не передать" in mentee.last_text
    assert not any("Сообщение от" in t for t in await _relayed(world, MENTOR))
    await mentee.send("А теперь с текстом")  # the window is still open: this one goes
    assert any("А теперь с текстом" in t for t in await _relayed(world, MENTOR))


async def test_writing_stops_when_the_pair_has_ended(world: World) -> None:
    ms_id = await _pair(world)
    mentee = world.user(MENTEE)
    await mentee.send("/mentorships")
    await mentee.click(0)
    await mentee.click("✉ Написать наставнику")
    await mentee.send("Первое сообщение")
    before = await _relayed(world, MENTOR)
    notice = world.fake.sent_messages(MENTOR)[-1]
    async with world.db() as session:
        coordinator = await world.person(700)  # ends it at once; a mentor would only ask
        await pairs.end(
            session,
            world.app.clock,
            actor_of(coordinator),
            ms_id,
            world.app.translator,
            outcome=MentorshipStatus.completed,
        )
    await mentee.send("Второе, уже после конца")
    assert "пока пара или группа действует" in mentee.last_text
    after = await _relayed(world, MENTOR)
    assert not any("Второе, уже после конца" in t for t in after)
    # The reply button under the old relayed words: refused too, nothing opens.
    mentor_chat = world.user(MENTOR)
    await mentor_chat.click("↩ Ответить", message=notice)
    assert "пока пара или группа действует" in (mentor_chat.last_callback_answer or "")
    assert await conversation_of(world, MENTOR) is None
    # And the ended pair's card has no write button.
    await mentee.send("/mentorships")
    await mentee.click(0)
    assert not any("Написать" in label for label in mentee.buttons())
    assert before


async def test_a_forged_reply_press_by_an_outsider_opens_nothing(world: World) -> None:
    ms_id = await _pair(world)
    mentor = await world.person(MENTOR)
    outsider = world.user(OTHER)  # registered, not in this pair
    await outsider.send("/help")
    await outsider.press_data(TalkCb(id=ms_id, to=mentor.id).pack())
    assert outsider.last_callback_answer  # «not found» / stale, as for a missing pair
    assert await conversation_of(world, OTHER) is None
    async with world.db() as session:
        queued = await session.scalars(
            select(OutboxMessage.dedup_key).where(OutboxMessage.dedup_key.like("ms-relay:%"))
        )
        assert list(queued) == []


async def test_a_mentee_cannot_aim_a_reply_at_someone_else(world: World) -> None:
    ms_id = await _pair(world)
    coordinator = await world.person(700)
    mentee = world.user(MENTEE)
    await mentee.send("/help")
    await mentee.press_data(TalkCb(id=ms_id, to=coordinator.id).pack())
    assert mentee.last_callback_answer
    assert await conversation_of(world, MENTEE) is None


async def test_relayed_words_are_emptied_when_their_sender_deletes_the_account(
    world: World,
) -> None:
    from bot.services import account_deletion

    await _pair(world)
    mentee = world.user(MENTEE)
    await mentee.send("/mentorships")
    await mentee.click(0)
    await mentee.click("✉ Написать наставнику")
    await mentee.send("Личное сообщение наставнику")
    async with world.db() as session:
        person = await session.scalar(select(Participant).where(Participant.tg_id == MENTEE))
        await account_deletion.delete_account(
            session, world.app.clock, world.app.translator, world.app.settings, person
        )
    async with world.db() as session:
        rows = list(
            await session.scalars(
                select(OutboxMessage).where(OutboxMessage.dedup_key.like("ms-relay:%"))
            )
        )
    assert rows and all(row.params == {} for row in rows)  # nothing of her words is kept


async def test_the_mentor_of_a_pair_writes_to_the_mentee_in_her_language(world: World) -> None:
    school = await world.org_id("СОШ № 1 г. Кедрового")
    await world.add_person(
        700, name="Координатор Школы", coordinator_of=(ScopeLevel.organization, school)
    )
    await world.add_person(MENTOR, name="Петрова Анна Ивановна", role=Role.mentor, capacity=2)
    await world.add_person(MENTEE, name="Smith Jane", language="en")
    await world_pair(world, 700, MENTOR, [MENTEE])
    await world.drain()
    mentor = world.user(MENTOR)
    await mentor.send("/mentorships")
    await mentor.click(0)
    await mentor.click("✉ Написать наставляемому")
    await mentor.send("Добрый день!")
    got = (await _relayed(world, MENTEE))[-1]
    assert got.startswith("✉ A message from your mentor (Петрова Анна Ивановна)")
    assert "Добрый день!" in got
    assert "↩ Reply" in world.user(MENTEE).buttons(world.fake.sent_messages(MENTEE)[-1])
