"""Candidates from the database, waves of offers, answers, escalation and deadlines."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from bot.services.errors import DomainError, Forbidden, InvalidInput, NotFound
from bot.services.flash import candidates, coordination, lifecycle, offers, requests
from bot.services.flash import mentor_settings as settings_service
from bot.services.flash.config import FlashConfig
from bot.services.flash.presses import ASSIGN_LIST, AssignPress
from bot.services.flash.ranking import rank_mentors
from bot.services.flash.timers import awake_after
from bot.services.presses import from_json
from models import DueTask, OutboxMessage, Participant, RoleGrant
from models.enums import (
    DueTaskStatus,
    FlashOfferStatus,
    FlashStatus,
    OutboxStatus,
    ParticipantStatus,
    Role,
    ScopeLevel,
)
from models.flash import FlashEvent, FlashMentorProfile, FlashOffer, FlashRequest
from tests.services.flash_setup import OTHER_MUNI, SAMARA, SCHOOL, SCHOOL_2, Seed, draft


async def _open_request(seed: Seed, teacher: Participant, **changes: str) -> FlashRequest:
    actor = await seed.actor(teacher)
    async with seed.env() as env:
        request = await requests.save_draft(env, actor, draft(**changes))
    return request


async def _load(seed: Seed, request_id: int, *, prefilter: bool = True) -> set[int]:
    async with seed.env() as env:
        request = await env.session.get(FlashRequest, request_id)
        found = await candidates.load(
            env.session, env.translator, request, env.clock.now(), prefilter=prefilter
        )
    return {c.participant_id for c in found}


async def test_the_query_keeps_only_reachable_available_mentors_with_room(seed: Seed) -> None:
    teacher = await seed.person("Учитель Спрашивает", deficits=["digital"])
    good = await seed.person("Годный Наставник", role=Role.mentor)
    near = await seed.person("Соседний Наставник", role=Role.mentor, org=SCHOOL_2)
    network = await seed.person("Сетевой Наставник", role=Role.mentor, org=OTHER_MUNI)
    await seed.person("Самарский Наставник", role=Role.mentor, org=SAMARA)  # another region
    await seed.person("Без Флэша", role=Role.mentor, flash_available=False)
    await seed.person("Учитель Математики", subjects=["math"])  # a mentee, not a mentor
    blocked = await seed.person("Заблокировал Бота", role=Role.mentor)
    pending = await seed.person("Ждёт Подтверждения", role=Role.mentor)
    paused = await seed.person("На Паузе", role=Role.mentor)
    full = await seed.person("Полная Загрузка", role=Role.mentor, capacity=1)
    other_topic = await seed.person("Учитель Химии", role=Role.mentor, subjects=["chemistry"])
    async with seed.env() as env:
        await env.session.execute(
            update(Participant).where(Participant.id == blocked.id).values(bot_blocked=True)
        )
        await env.session.execute(
            update(Participant)
            .where(Participant.id == pending.id)
            .values(status=ParticipantStatus.pending)
        )
        await settings_service.pause(env, await seed.actor(paused), on=True)
        env.session.add(
            FlashRequest(
                requester_id=teacher.id,
                organization_id=full.organization_id,
                municipality_id=1,
                region_id=1,
                topic="subject:math",
                description="x",
                format="any",
                timing="week",
                status=FlashStatus.matched,
                mentor_id=full.id,
                created_at=env.clock.now(),
                updated_at=env.clock.now(),
            )
        )
    request = await _open_request(seed, teacher)
    assert await _load(seed, request.id) == {good.id, near.id, network.id}
    # Without the pre-filter the unrelated chemistry teacher is loaded too (and ranked out).
    assert await _load(seed, request.id, prefilter=False) == {
        good.id,
        near.id,
        network.id,
        other_topic.id,
    }
    # The pause ends: the mentor is a candidate again.
    seed.clock.advance(seed.config.snooze + timedelta(minutes=1))
    assert paused.id in await _load(seed, request.id)


@pytest.mark.parametrize(
    ("topic", "description"),
    [
        ("subject:math", "Как объяснить сложение дробей в 5 классе"),
        ("deficit:parents", "Конфликт с родителями ученика на собрании"),
        ("deficit:digital", "Как вести электронный журнал и проверять домашние задания"),
        ("subject:physics", "Лабораторная по электричеству, нужна методика"),
    ],
)
async def test_pre_filtering_in_sql_changes_no_ranking(
    sqlite_seed: Seed, topic: str, description: str
) -> None:
    """Whatever the SQL drops, the ranker would have dropped too: same order, same scores."""
    seed = sqlite_seed
    teacher = await seed.person("Учитель Спрашивает", deficits=["digital"])
    profiles = [
        ("math", ["methodical"], "дроби и проценты, текстовые задачи"),
        ("math", ["digital"], None),
        ("physics", ["projects"], "лабораторные работы, электричество"),
        ("russian", ["parents"], "родительские собрания"),
        ("chemistry", ["assessment"], None),
        ("informatics", ["digital"], "электронный журнал, Сферум"),
        ("history", ["classroom"], "дисциплина, конфликты"),
        ("primary", ["upbringing"], None),
    ]
    orgs = [SCHOOL, SCHOOL_2, OTHER_MUNI]
    for index, (subject, expertise, notes) in enumerate(profiles * 2):
        mentor = await seed.person(
            f"Наставник {chr(0x410 + index)}",
            role=Role.mentor,
            org=orgs[index % 3],
            subjects=[subject],
            expertise=expertise,
        )
        if notes:
            async with seed.env() as env:
                await settings_service.set_notes(env, await seed.actor(mentor), notes)
    request = await _open_request(seed, teacher, topic=topic, description=description)
    async with seed.env() as env:
        loaded = await env.session.get(FlashRequest, request.id)
        query = candidates.query_of(loaded)
        now = env.clock.now()
        narrow = await candidates.load(env.session, env.translator, loaded, now)
        wide = await candidates.load(env.session, env.translator, loaded, now, prefilter=False)
    assert len(narrow) < len(wide)
    assert rank_mentors(query, narrow) == rank_mentors(query, wide)
    assert rank_mentors(query, narrow)  # the case is not vacuous


async def test_inflected_words_find_a_mentor_through_the_database(seed: Seed) -> None:
    """A request saying "дроби" finds the mentor who wrote "дробями", past the SQL
    pre-filter, and the offer names the mentor's own word."""
    teacher = await seed.person("Учитель Спрашивает", deficits=["digital"])
    notes = {
        "Знаток Дробей": "Работа с дробями и процентами",
        "Знаток Пропорций": "Проценты и пропорции",
    }
    people = {}
    for name, text in notes.items():
        people[name] = mentor = await seed.person(
            name, role=Role.mentor, subjects=["chemistry"], expertise=["assessment"]
        )
        async with seed.env() as env:
            await settings_service.set_notes(env, await seed.actor(mentor), text)
    request = await _open_request(
        seed, teacher, topic="deficit:inclusive", description="Не получается объяснить дроби"
    )
    assert await _load(seed, request.id) == {people["Знаток Дробей"].id}
    async with seed.env() as env:
        sent = await requests.submit(env, await seed.actor(teacher), request.id)
    assert sent.offers == 1
    (offer,) = await _offers(seed, request.id)
    assert offer.mentor_id == people["Знаток Дробей"].id
    assert ["words_match", {"words": ["дроб"], "terms": ["дробями"]}] in offer.reasons
    async with seed.env() as env:
        message = await env.session.scalar(
            select(OutboxMessage).where(OutboxMessage.dedup_key == f"flash-offer:{offer.id}")
        )
    assert "дробями" in message.params["text"]


async def test_candidates_are_reused_until_their_row_changes(sqlite_seed: Seed) -> None:
    seed = sqlite_seed
    teacher = await seed.person("Учитель Спрашивает", deficits=["digital"])
    mentor = await seed.person("Годный Наставник", role=Role.mentor, capacity=2)
    request = await _open_request(seed, teacher)

    async def pool() -> list:  # type: ignore[type-arg]
        async with seed.env() as env:
            loaded = await env.session.get(FlashRequest, request.id)
            return await candidates.load(env.session, env.translator, loaded, env.clock.now())

    (first,), (again,) = await pool(), await pool()
    assert again is first  # built once
    async with seed.env() as env:
        await env.session.execute(
            update(Participant).where(Participant.id == mentor.id).values(capacity=3)
        )
    (changed,) = await pool()
    assert changed is not first and changed.capacity == 3


async def test_a_deleted_mentors_notes_leave_the_cached_candidates(sqlite_seed: Seed) -> None:
    """Candidates are cached with their notes; deleting the account must not leave the
    departed mentor's words in the process's memory."""
    import gc

    from bot.services.flash.ranking import MentorCandidate

    seed = sqlite_seed
    words = "Олимпиадная геометрия и кружок юных картографов"
    teacher = await seed.person("Учитель Спрашивает", deficits=["digital"])
    mentor = await seed.person("Уходящий Наставник", role=Role.mentor)
    async with seed.env() as env:
        await settings_service.set_notes(env, await seed.actor(mentor), words)
    request = await _open_request(seed, teacher, description="Нужна помощь: геометрия, кружок")
    async with seed.env() as env:
        loaded = await env.session.get(FlashRequest, request.id)
        pool = await candidates.load(env.session, env.translator, loaded, env.clock.now())
    assert any(words in c.expertise_text for c in pool)

    def remembered() -> list[object]:
        gc.collect()
        return [
            o
            for o in gc.get_objects()
            if (isinstance(o, MentorCandidate) and words in o.expertise_text)
            or (isinstance(o, tuple) and any(isinstance(x, str) and words in x for x in o))
        ]

    del pool, loaded
    assert remembered()  # the cache holds them, as it should for a live mentor
    async with seed.env() as env:
        await lifecycle.forget_participant(env, mentor.id)
    assert remembered() == []


async def test_ranking_prefers_the_same_school_then_municipality_then_rating(seed: Seed) -> None:
    teacher = await seed.person("Учитель Спрашивает", deficits=["digital"])
    network = await seed.person("Сетевой Наставник", role=Role.mentor, org=OTHER_MUNI)
    near = await seed.person("Соседний Наставник", role=Role.mentor, org=SCHOOL_2)
    colleague = await seed.person("Коллега Наставник", role=Role.mentor)
    rated = await seed.person("Оценённый Сосед", role=Role.mentor, org=SCHOOL_2)
    async with seed.env() as env:
        env.session.add(
            FlashMentorProfile(
                participant_id=rated.id,
                stems="",
                rating_sum=50,
                rating_count=10,
                updated_at=env.clock.now(),
            )
        )
    request = await _open_request(seed, teacher)
    async with seed.env() as env:
        loaded = await env.session.get(FlashRequest, request.id)
        pool = await candidates.load(env.session, env.translator, loaded, env.clock.now())
        ranked = rank_mentors(candidates.query_of(loaded), pool)
    assert [r.participant_id for r in ranked] == [colleague.id, rated.id, near.id, network.id]
    assert ("rating", {"avg": 5.0, "count": 10}) in ranked[1].reasons


# --- waves ---------------------------------------------------------------------------------


async def _mentors(seed: Seed, count: int, org: str = SCHOOL) -> list[Participant]:
    return [
        await seed.person(f"Наставник {chr(0x410 + i)}", role=Role.mentor, org=org)
        for i in range(count)
    ]


async def _offers(seed: Seed, request_id: int) -> list[FlashOffer]:
    async with seed.env() as env:
        return list(
            await env.session.scalars(
                select(FlashOffer)
                .where(FlashOffer.request_id == request_id)
                .order_by(FlashOffer.id)
            )
        )


async def _request(seed: Seed, request_id: int) -> FlashRequest:
    async with seed.env() as env:
        found = await env.session.get(FlashRequest, request_id)
    assert found is not None
    return found


async def _submit(seed: Seed, teacher: Participant, **changes: str) -> requests.Submitted:
    request = await _open_request(seed, teacher, **changes)
    async with seed.env() as env:
        return await requests.submit(env, await seed.actor(teacher), request.id)


async def test_a_wave_offers_the_best_few_and_plans_its_timeout(seed: Seed) -> None:
    seed.config = FlashConfig(wave_size=2)
    teacher = await seed.person("Учитель Спрашивает", deficits=["digital"])
    mentors = await _mentors(seed, 5)
    sent = await _submit(seed, teacher)
    assert sent.offers == 2 and not sent.escalated
    offers_ = await _offers(seed, sent.request.id)
    assert [o.mentor_id for o in offers_] == [mentors[0].id, mentors[1].id]  # ties: by id
    assert all(o.wave == 1 and o.status == FlashOfferStatus.offered for o in offers_)
    request = await _request(seed, sent.request.id)
    assert request.status == FlashStatus.offered and request.wave == 1
    async with seed.env() as env:
        tasks = {
            t.kind: t
            for t in await env.session.scalars(select(DueTask).where(DueTask.kind.like("flash-%")))
        }
        queued = list(
            await env.session.scalars(
                select(OutboxMessage).where(OutboxMessage.dedup_key.like("flash-offer:%"))
            )
        )
    assert tasks["flash-wave"].payload == {"request_id": request.id, "wave": 1}
    assert tasks["flash-wave"].due_at == seed.clock.now() + seed.config.wave_timeout
    assert tasks["flash-deadline"].due_at == seed.clock.now() + timedelta(days=7)
    assert {q.chat_id for q in queued} == {mentors[0].tg_id, mentors[1].tg_id}
    assert all(q.priority == 1 for q in queued)  # offers go before reminders and bulk


async def test_next_wave_after_timeout_then_escalation_then_deadline(seed: Seed) -> None:
    seed.config = FlashConfig(wave_size=2, max_waves=2)
    teacher = await seed.person("Учитель Спрашивает", deficits=["digital"])
    mentors = await _mentors(seed, 3)
    school = await seed.org(SCHOOL)
    coordinator = await seed.person(
        "Координатор Школы", coordinator=(ScopeLevel.organization, school)
    )
    sent = await _submit(seed, teacher)
    rid = sent.request.id
    async with seed.env() as env:
        await lifecycle.advance(env, rid, 1)
    assert [o.mentor_id for o in await _offers(seed, rid)] == [m.id for m in mentors]
    assert (await _request(seed, rid)).wave == 2
    async with seed.env() as env:  # a stale timeout of wave 1 does nothing now
        await lifecycle.advance(env, rid, 1)
    assert len(await _offers(seed, rid)) == 3
    async with seed.env() as env:
        await lifecycle.advance(env, rid, 2)  # no waves left: the coordinator
    request = await _request(seed, rid)
    assert request.escalation == coordination.ORGANIZATION and request.status == FlashStatus.offered
    async with seed.env() as env:
        told = await env.session.scalar(
            select(OutboxMessage).where(
                OutboxMessage.dedup_key == f"flash-escalated:{rid}:{coordinator.id}"
            )
        )
    assert told is not None
    (button,) = told.params["reply_markup"]["inline_keyboard"][0]
    assert from_json(button["press"]) == AssignPress(ASSIGN_LIST, rid)
    # Older offers stay acceptable while the coordinator looks: a late accept still wins.
    seed.clock.advance(days=7, seconds=1)
    async with seed.env() as env:
        await lifecycle.deadline(env, rid)
    request = await _request(seed, rid)
    assert request.status == FlashStatus.expired
    assert {o.status for o in await _offers(seed, rid)} == {FlashOfferStatus.withdrawn}
    async with seed.env() as env:
        reasons = list(
            await env.session.scalars(
                select(FlashEvent.reason)
                .where(FlashEvent.request_id == rid)
                .order_by(FlashEvent.id)
            )
        )
    assert reasons == [None, "submitted", "wave", "deadline"]


async def test_escalation_goes_to_the_municipality_when_the_school_has_no_coordinator(
    seed: Seed,
) -> None:
    teacher = await seed.person("Учитель Спрашивает", deficits=["digital"])
    async with seed.env() as env:
        from tests.support import muni_id

        kedr = await muni_id(env.session, "Город Кедровый")
    muni = await seed.person(
        "Муниципальный Координатор",
        org="Отдел образования г. Кедровый",
        coordinator=(ScopeLevel.municipality, kedr),
    )
    sent = await _submit(seed, teacher)  # no mentors at all
    assert sent.offers == 0 and sent.escalated
    request = await _request(seed, sent.request.id)
    assert request.status == FlashStatus.open and request.escalation == coordination.MUNICIPALITY
    async with seed.env() as env:
        told = await env.session.scalar(
            select(OutboxMessage).where(OutboxMessage.chat_id == muni.tg_id)
        )
    assert told is not None
    async with seed.env() as env:  # nothing above the municipality: stays as it is
        await lifecycle.escalation_timeout(env, request.id, coordination.MUNICIPALITY)
    assert (await _request(seed, request.id)).escalation == coordination.EXHAUSTED


async def test_all_declined_moves_the_wave_on_at_the_next_tick(seed: Seed) -> None:
    seed.config = FlashConfig(wave_size=2)
    teacher = await seed.person("Учитель Спрашивает", deficits=["digital"])
    mentors = await _mentors(seed, 4)
    sent = await _submit(seed, teacher)
    first, second = await _offers(seed, sent.request.id)
    async with seed.env() as env:
        await offers.decline(env, await seed.actor(mentors[0]), first.id, later=False)
    async with seed.env() as env:
        view = await offers.decline(env, await seed.actor(mentors[1]), second.id, later=True)
    assert view.offer.status == FlashOfferStatus.later
    async with seed.env() as env:
        early = await env.session.scalar(
            select(DueTask).where(DueTask.dedup_key == f"flash-wave:{sent.request.id}:1:answered")
        )
        profile = await env.session.get(FlashMentorProfile, mentors[1].id)
    assert early is not None and early.due_at == seed.clock.now()
    assert profile.snoozed_until == seed.clock.now() + seed.config.snooze
    async with seed.env() as env:
        await lifecycle.advance(env, sent.request.id, 1)
    statuses = [(o.mentor_id, o.status) for o in await _offers(seed, sent.request.id)]
    assert statuses == [
        (mentors[0].id, FlashOfferStatus.declined),
        (mentors[1].id, FlashOfferStatus.later),
        (mentors[2].id, FlashOfferStatus.offered),
        (mentors[3].id, FlashOfferStatus.offered),
    ]
    # "Not now" keeps the offer acceptable while the request is open.
    async with seed.env() as env:
        await offers.accept(env, await seed.actor(mentors[1]), second.id)
    request = await _request(seed, sent.request.id)
    assert request.status == FlashStatus.matched and request.mentor_id == mentors[1].id


async def test_a_mentor_who_steps_down_has_offers_withdrawn_and_the_wave_moves_on(
    seed: Seed,
) -> None:
    """The role taken away by a coordinator, or flash switched off in the profile: the open
    offers go at once (a later Accept is stale), the messages are withdrawn at the next tick,
    and once no offer of the wave is left open the next wave goes out then too."""
    from bot.services import participants

    seed.config = FlashConfig(wave_size=2)
    teacher = await seed.person("Учитель Спрашивает", deficits=["digital"])
    coordinator = await seed.person(
        "Координатор Школы", coordinator=(ScopeLevel.organization, await seed.org(SCHOOL))
    )
    mentors = await _mentors(seed, 4)
    sent = await _submit(seed, teacher)
    rid = sent.request.id
    first, second = await _offers(seed, rid)
    early_key = f"flash-wave:{rid}:1:answered"

    async def due_keys() -> set[str]:
        async with seed.env() as env:
            rows = await env.session.scalars(
                select(DueTask.dedup_key).where(DueTask.status == DueTaskStatus.pending)
            )
            return {key for key in rows if key is not None}

    async with seed.env() as env:
        await participants.set_mentor(
            env.session, env.clock, await seed.actor(coordinator), mentors[0].id, grant=False
        )
    offers_now = await _offers(seed, rid)
    assert [o.status for o in offers_now] == [FlashOfferStatus.withdrawn, FlashOfferStatus.offered]
    keys = await due_keys()
    assert f"flash-retract:{first.id}:0" in keys
    assert early_key not in keys  # the second mentor may still answer within the timeout
    with pytest.raises(Forbidden):
        async with seed.env() as env:
            await offers.accept(env, await seed.actor(mentors[0]), first.id)
    # The second mentor switches flash offers off in the profile: nobody is left in the wave.
    async with seed.env() as env:
        person = await env.session.get(Participant, mentors[1].id)
        await env.session.refresh(person, ["roles"])
        await participants.update_profile(env.session, env.clock, person, "flash", False)
    assert [o.status for o in await _offers(seed, rid)] == [
        FlashOfferStatus.withdrawn,
        FlashOfferStatus.withdrawn,
    ]
    with pytest.raises(InvalidInput) as stale:
        async with seed.env() as env:
            await offers.accept(env, await seed.actor(mentors[1]), second.id)
    assert stale.value.key == "flash-offer-was-withdrawn"
    async with seed.env() as env:
        early = await env.session.scalar(select(DueTask).where(DueTask.dedup_key == early_key))
    assert early is not None and early.due_at == seed.clock.now()
    # What the next tick does: the unsent offer messages are stopped, the next wave goes out.
    async with seed.env() as env:
        await lifecycle.retract_later(env, first.id, "not-mentor", 0)
        await lifecycle.retract_later(env, second.id, "unavailable", 0)
        await lifecycle.advance(env, rid, 1)
    async with seed.env() as env:
        unsent = list(
            await env.session.scalars(
                select(OutboxMessage.status).where(
                    OutboxMessage.dedup_key.in_(
                        [offers.offer_dedup(first.id), offers.offer_dedup(second.id)]
                    )
                )
            )
        )
    assert unsent == [OutboxStatus.cancelled, OutboxStatus.cancelled]
    statuses = [(o.mentor_id, o.status) for o in await _offers(seed, rid)]
    assert statuses == [
        (mentors[0].id, FlashOfferStatus.withdrawn),
        (mentors[1].id, FlashOfferStatus.withdrawn),
        (mentors[2].id, FlashOfferStatus.offered),
        (mentors[3].id, FlashOfferStatus.offered),
    ]
    assert (await _request(seed, rid)).wave == 2
    # Switching flash off again, or on, withdraws nothing more.
    async with seed.env() as env:
        person = await env.session.get(Participant, mentors[2].id)
        await env.session.refresh(person, ["roles"])
        await participants.update_profile(env.session, env.clock, person, "flash", True)
    assert [o.status for o in await _offers(seed, rid)][2:] == [
        FlashOfferStatus.offered,
        FlashOfferStatus.offered,
    ]


async def test_a_mentor_who_deletes_the_account_has_offers_withdrawn_as_on_losing_the_role(
    seed: Seed,
) -> None:
    """Account deletion withdraws the open offers like a role taken away: at the next tick
    the delivered offer message is edited, and the next wave goes out without waiting for
    the wave's timeout."""
    from bot.services import account_deletion
    from scheduler.tick import run_due
    from tests.conftest import base_settings

    seed.config = FlashConfig(wave_size=1)
    teacher = await seed.person("Учитель Спрашивает", deficits=["digital"])
    mentors = await _mentors(seed, 2)
    sent = await _submit(seed, teacher)
    rid = sent.request.id
    (offer,) = await _offers(seed, rid)
    leaving = next(m for m in mentors if m.id == offer.mentor_id)
    staying = next(m for m in mentors if m.id != offer.mentor_id)
    async with seed.env() as env:  # the offer message has reached the mentor
        await env.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.dedup_key == offers.offer_dedup(offer.id))
            .values(status=OutboxStatus.sent, message_id=77)
        )
    async with seed.env() as env:
        person = await env.session.get(Participant, leaving.id)
        await env.session.refresh(person, ["roles"])
        await account_deletion.delete_account(
            env.session, env.clock, env.translator, base_settings(), person
        )
    assert [o.status for o in await _offers(seed, rid)] == [FlashOfferStatus.withdrawn]
    settings = base_settings(flash_wave_size=1)
    await run_due(seed.factory, seed.clock, settings, seed.translator)  # the next tick
    async with seed.env() as env:
        retract = await env.session.scalar(
            select(DueTask).where(DueTask.dedup_key == f"flash-retract:{offer.id}:0")
        )
        chat = await env.session.scalar(
            select(OutboxMessage.chat_id).where(
                OutboxMessage.dedup_key == offers.offer_dedup(offer.id)
            )
        )
        edit = await env.session.scalar(
            select(OutboxMessage).where(OutboxMessage.method == "editMessageText")
        )
    assert retract is not None and retract.status == DueTaskStatus.done
    if chat:  # the chat is still known: the message loses its buttons and says why
        assert edit is not None
        assert (edit.chat_id, edit.params["message_id"]) == (leaving.tg_id, 77)
        assert "аккаунт удалён" in edit.params["text"]
    else:  # the deletion erased the Telegram id: nothing is sent to chat 0
        assert edit is None
    statuses = [(o.mentor_id, o.status) for o in await _offers(seed, rid)]
    assert statuses == [
        (leaving.id, FlashOfferStatus.withdrawn),
        (staying.id, FlashOfferStatus.offered),
    ]
    assert (await _request(seed, rid)).wave == 2


async def test_a_role_taken_away_while_accept_runs_leaves_the_offer_withdrawn(
    seed: Seed, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Accept has read the open offer; the coordinator's revocation commits before Accept
    writes. The accept must fail as stale and roll back, not overwrite 'withdrawn'."""
    from bot.services import participants
    from bot.services.flash import parties

    teacher = await seed.person("Учитель Спрашивает", deficits=["digital"])
    coordinator = await seed.person(
        "Координатор Школы", coordinator=(ScopeLevel.organization, await seed.org(SCHOOL))
    )
    (mentor,) = await _mentors(seed, 1)
    sent = await _submit(seed, teacher)
    rid = sent.request.id
    (offer,) = await _offers(seed, rid)
    mentor_actor = await seed.actor(mentor)
    coordinator_actor = await seed.actor(coordinator)
    real_load = parties.mentor_load

    async def revoke_meanwhile(session, mentor_id: int) -> int:  # type: ignore[no-untyped-def]
        # The last read before Accept writes: the revocation commits in between.
        async with seed.env() as other:
            await participants.set_mentor(
                other.session, other.clock, coordinator_actor, mentor.id, grant=False
            )
        return await real_load(session, mentor_id)

    monkeypatch.setattr(parties, "mentor_load", revoke_meanwhile)
    with pytest.raises(InvalidInput) as stale:
        async with seed.env() as env:
            await offers.accept(env, mentor_actor, offer.id)
    assert stale.value.key == "flash-offer-was-withdrawn"
    (after,) = await _offers(seed, rid)
    assert after.status == FlashOfferStatus.withdrawn
    request = await _request(seed, rid)
    assert request.status in (FlashStatus.open, FlashStatus.offered) and request.mentor_id is None
    async with seed.env() as env:
        matched = await env.session.scalar(
            select(FlashEvent.id).where(
                FlashEvent.request_id == rid, FlashEvent.to_status == FlashStatus.matched
            )
        )
    assert matched is None


async def test_withdrawing_offers_keeps_an_accept_committed_meanwhile(seed: Seed) -> None:
    """The other side of the race: the Accept commits between the withdrawal's read of the
    open offers and its write. The accepted offer stays accepted (the session goes back
    through the hand-back), and nothing is planned for it as for a withdrawn offer."""
    from bot.services.flash import withdrawal

    teacher = await seed.person("Учитель Спрашивает", deficits=["digital"])
    (mentor,) = await _mentors(seed, 1)
    sent = await _submit(seed, teacher)
    rid = sent.request.id
    (offer,) = await _offers(seed, rid)
    mentor_actor = await seed.actor(mentor)
    async with seed.env() as env:
        real_execute = env.session.execute
        accepted = False

        async def accept_first(statement, *args, **kwargs):  # type: ignore[no-untyped-def]
            nonlocal accepted
            if not accepted and statement.is_dml:  # the write, after the read
                accepted = True
                # Bounded: were the withdrawal to hold the row already, this would wait
                # on it forever (a regression must fail, not hang).
                async with asyncio.timeout(15), seed.env() as other:
                    await offers.accept(other, mentor_actor, offer.id)
            return await real_execute(statement, *args, **kwargs)

        env.session.execute = accept_first  # type: ignore[method-assign]
        touched = await withdrawal.withdraw_offers(
            env.session, env.clock, mentor.id, withdrawal.WHY_NOT_MENTOR
        )
    assert accepted and touched == []
    (after,) = await _offers(seed, rid)
    assert after.status == FlashOfferStatus.accepted
    request = await _request(seed, rid)
    assert (request.status, request.mentor_id) == (FlashStatus.matched, mentor.id)
    async with seed.env() as env:
        planned = await env.session.scalar(
            select(DueTask.id).where(DueTask.dedup_key == f"flash-retract:{offer.id}:0")
        )
    assert planned is None


async def test_answers_on_a_taken_cancelled_or_foreign_offer_change_nothing(seed: Seed) -> None:
    teacher = await seed.person("Учитель Спрашивает", deficits=["digital"])
    mentors = await _mentors(seed, 3)
    sent = await _submit(seed, teacher)
    o1, o2, o3 = await _offers(seed, sent.request.id)
    async with seed.env() as env:
        await offers.accept(env, await seed.actor(mentors[0]), o1.id)

    async def key_of(mentor: Participant, offer_id: int, action: str = "accept") -> str:
        with pytest.raises(DomainError) as error:
            async with seed.env() as env:
                actor = await seed.actor(mentor)
                if action == "accept":
                    await offers.accept(env, actor, offer_id)
                else:
                    await offers.decline(env, actor, offer_id, later=action == "later")
        return error.value.key

    assert await key_of(mentors[1], o2.id) == "flash-offer-taken"
    assert await key_of(mentors[2], o3.id, "decline") == "flash-offer-taken"
    assert await key_of(mentors[0], o1.id) == "flash-offer-yours"
    assert await key_of(mentors[1], o1.id) == "flash-offer-not-found"  # someone else's
    assert await key_of(mentors[1], 10_000) == "flash-offer-not-found"  # forged
    assert await key_of(teacher, o2.id) == "flash-offer-not-found"


async def test_a_mentor_who_lost_the_role_or_is_full_cannot_accept(seed: Seed) -> None:
    teacher = await seed.person("Учитель Спрашивает", deficits=["digital"])
    mentors = await _mentors(seed, 2)
    sent = await _submit(seed, teacher)
    o1, o2 = await _offers(seed, sent.request.id)
    async with seed.env() as env:
        from sqlalchemy import delete

        await env.session.execute(
            delete(RoleGrant).where(
                RoleGrant.participant_id == mentors[0].id, RoleGrant.role == Role.mentor
            )
        )
        await env.session.execute(
            update(Participant).where(Participant.id == mentors[1].id).values(capacity=0)
        )
    with pytest.raises(Forbidden) as lost:
        async with seed.env() as env:
            await offers.accept(env, await seed.actor(mentors[0]), o1.id)
    assert lost.value.key == "flash-not-mentor-anymore"
    with pytest.raises(InvalidInput) as full:
        async with seed.env() as env:
            await offers.accept(env, await seed.actor(mentors[1]), o2.id)
    assert full.value.key == "flash-mentor-full"
    assert (await _request(seed, sent.request.id)).status == FlashStatus.offered


async def test_accepting_a_request_whose_author_left_is_refused_and_the_job_closes_it(
    seed: Seed,
) -> None:
    teacher = await seed.person("Учитель Спрашивает", deficits=["digital"])
    mentors = await _mentors(seed, 1)
    sent = await _submit(seed, teacher)
    (offer,) = await _offers(seed, sent.request.id)
    async with seed.env() as env:
        from bot.services import privacy

        person = await env.session.get(Participant, teacher.id)
        await privacy.delete_account(env.session, env.clock, person)
    with pytest.raises(InvalidInput) as gone:
        async with seed.env() as env:
            await offers.accept(env, await seed.actor(mentors[0]), offer.id)
    assert gone.value.key == "flash-requester-gone"
    async with seed.env() as env:
        await lifecycle.advance(env, sent.request.id, 1)
    request = await _request(seed, sent.request.id)
    assert request.status == FlashStatus.cancelled
    assert (await _offers(seed, sent.request.id))[0].status == FlashOfferStatus.withdrawn


async def test_taken_offers_are_edited_or_unsent(seed: Seed) -> None:
    teacher = await seed.person("Учитель Спрашивает", deficits=["digital"])
    mentors = await _mentors(seed, 3)
    sent = await _submit(seed, teacher)
    o1, o2, o3 = await _offers(seed, sent.request.id)
    async with seed.env() as env:  # o2 was delivered as message 77; o3 is still queued
        await env.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.dedup_key == f"flash-offer:{o2.id}")
            .values(status=OutboxStatus.sent, message_id=77)
        )
    async with seed.env() as env:
        await offers.accept(env, await seed.actor(mentors[0]), o1.id)
    async with seed.env() as env:
        rows = {
            row.dedup_key: row
            for row in await env.session.scalars(
                select(OutboxMessage).where(OutboxMessage.dedup_key.like("flash-offer%"))
            )
        }
    edit = rows[f"flash-offer-closed:{o2.id}"]
    assert edit.method == "editMessageText" and edit.params["message_id"] == 77
    assert edit.chat_id == mentors[1].tg_id and "reply_markup" not in edit.params
    assert "уже взял другой наставник" in edit.params["text"]
    assert rows[f"flash-offer:{o3.id}"].status == OutboxStatus.cancelled
    assert f"flash-offer-closed:{o3.id}" not in rows


async def test_undeliverable_offers_are_skipped_and_replaced(seed: Seed) -> None:
    seed.config = FlashConfig(wave_size=2)
    teacher = await seed.person("Учитель Спрашивает", deficits=["digital"])
    mentors = await _mentors(seed, 3)
    sent = await _submit(seed, teacher)
    o1, _o2 = await _offers(seed, sent.request.id)
    async with seed.env() as env:  # the sender met a 403 for the first mentor
        await env.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.dedup_key == f"flash-offer:{o1.id}")
            .values(status=OutboxStatus.blocked)
        )
    async with seed.env() as env:
        await lifecycle.check_delivery(env, sent.request.id, 1)
    offers_ = await _offers(seed, sent.request.id)
    assert [(o.mentor_id, o.status, o.wave) for o in offers_] == [
        (mentors[0].id, FlashOfferStatus.skipped, 1),
        (mentors[1].id, FlashOfferStatus.offered, 1),
        (mentors[2].id, FlashOfferStatus.offered, 2),  # took the undelivered place at once
    ]
    assert (await _request(seed, sent.request.id)).wave == 2
    # The replacement cannot be delivered either and nobody is left: the offer still out
    # (mentor 2) keeps the request waiting; nothing is escalated yet.
    async with seed.env() as env:
        await env.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.dedup_key == f"flash-offer:{offers_[2].id}")
            .values(status=OutboxStatus.failed)
        )
    async with seed.env() as env:
        await lifecycle.check_delivery(env, sent.request.id, 2)
    request = await _request(seed, sent.request.id)
    assert (request.status, request.escalation) == (FlashStatus.offered, 0)
    assert [o.status for o in await _offers(seed, sent.request.id)] == [
        FlashOfferStatus.skipped,
        FlashOfferStatus.offered,
        FlashOfferStatus.skipped,
    ]
    async with seed.env() as env:
        assert await offers.asked_count(env.session, sent.request.id) == 1


async def test_coordinator_assigns_by_hand_inside_their_scope_only(seed: Seed) -> None:
    teacher = await seed.person("Учитель Спрашивает", deficits=["digital"])
    school = await seed.org(SCHOOL)
    coordinator = await seed.person(
        "Координатор Школы", coordinator=(ScopeLevel.organization, school)
    )
    outsider = await seed.person(
        "Чужой Координатор",
        org=OTHER_MUNI,
        coordinator=(ScopeLevel.organization, await seed.org(OTHER_MUNI)),
    )
    chemist = await seed.person(
        "Химик Без Флэша", role=Role.mentor, subjects=["chemistry"], flash_available=False
    )
    far = await seed.person(
        "Далёкий Наставник", role=Role.mentor, org=OTHER_MUNI, subjects=["chemistry"]
    )
    sent = await _submit(seed, teacher)
    rid = sent.request.id
    assert sent.escalated
    async with seed.env() as env:
        request, found = await coordination.assignable(env, await seed.actor(coordinator), rid)
    assert [item.mentor.id for item in found] == [chemist.id]
    with pytest.raises(NotFound):
        async with seed.env() as env:
            await coordination.assignable(env, await seed.actor(outsider), rid)
    with pytest.raises(Forbidden):
        async with seed.env() as env:
            await coordination.assign(env, await seed.actor(coordinator), rid, far.id)
    with pytest.raises(Forbidden):
        async with seed.env() as env:
            await coordination.assign(env, await seed.actor(teacher), rid, chemist.id)
    async with seed.env() as env:
        await coordination.assign(env, await seed.actor(coordinator), rid, chemist.id)
    request = await _request(seed, rid)
    assert request.status == FlashStatus.matched and request.mentor_id == chemist.id
    async with seed.env() as env:
        offer = await env.session.scalar(select(FlashOffer).where(FlashOffer.request_id == rid))
        event = await env.session.scalar(
            select(FlashEvent).where(
                FlashEvent.request_id == rid, FlashEvent.to_status == FlashStatus.matched
            )
        )
        told = await env.session.scalar(
            select(OutboxMessage).where(
                OutboxMessage.dedup_key == f"flash-assigned:{rid}:{chemist.id}"
            )
        )
    assert offer.assigned_by == coordinator.id and offer.status == FlashOfferStatus.accepted
    assert event.actor_id == coordinator.id and event.reason == "assigned"
    assert told is not None
    with pytest.raises(InvalidInput) as again:
        async with seed.env() as env:
            await coordination.assign(env, await seed.actor(coordinator), rid, chemist.id)
    assert again.value.key == "flash-now-matched"


async def test_a_mentor_asking_for_help_is_never_offered_their_own_request(
    sqlite_seed: Seed,
) -> None:
    seed = sqlite_seed
    asker = await seed.person("Наставник Спрашивает", role=Role.mentor)
    colleague = await seed.person("Коллега Наставник", role=Role.mentor)
    coordinator = await seed.person(
        "Координатор Школы", coordinator=(ScopeLevel.organization, await seed.org(SCHOOL))
    )
    sent = await _submit(seed, asker)
    assert [o.mentor_id for o in await _offers(seed, sent.request.id)] == [colleague.id]
    async with seed.env() as env:
        _, listed = await coordination.assignable(
            env, await seed.actor(coordinator), sent.request.id
        )
    assert [item.mentor.id for item in listed] == [colleague.id]
    with pytest.raises(InvalidInput) as error:
        async with seed.env() as env:
            await coordination.assign(env, await seed.actor(coordinator), sent.request.id, asker.id)
    assert error.value.key == "flash-assign-not-mentor"
    assert (await _request(seed, sent.request.id)).mentor_id is None


async def test_too_many_active_requests_are_refused(sqlite_seed: Seed) -> None:
    seed = sqlite_seed
    teacher = await seed.person("Учитель Спрашивает", deficits=["digital"])
    for _ in range(requests.MAX_ACTIVE):
        await _submit(seed, teacher)
    request = await _open_request(seed, teacher)
    with pytest.raises(InvalidInput) as error:
        async with seed.env() as env:
            await requests.submit(env, await seed.actor(teacher), request.id)
    assert error.value.key == "flash-too-many"
    assert (await _request(seed, request.id)).status == FlashStatus.draft


async def test_one_draft_per_person_and_abandoned_drafts_expire(sqlite_seed: Seed) -> None:
    seed = sqlite_seed
    teacher = await seed.person("Учитель Спрашивает", deficits=["digital"])
    first = await _open_request(seed, teacher)
    second = await _open_request(seed, teacher, description="Совсем другой вопрос про проценты")
    assert first.id == second.id
    seed.clock.advance(hours=23)
    await _open_request(seed, teacher, timing="today")  # edited: the first timer is stale
    seed.clock.advance(hours=2)
    async with seed.env() as env:
        await lifecycle.draft_timeout(env, first.id)
    assert (await _request(seed, first.id)).status == FlashStatus.draft
    seed.clock.advance(days=1)
    async with seed.env() as env:
        await lifecycle.draft_timeout(env, first.id)
    assert (await _request(seed, first.id)).status == FlashStatus.expired


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", "flash-description-short"),
        ("помогите", "flash-description-short"),
        ("1234567890123", "flash-description-short"),
        ("а" * 501, "flash-description-long"),
    ],
)
def test_bad_descriptions(text: str, key: str) -> None:
    with pytest.raises(InvalidInput) as error:
        requests.parse_description(text)
    assert error.value.key == key


def test_descriptions_are_tidied() -> None:
    assert (
        requests.parse_description("  Как   объяснить\r\n\n\n\nдроби  ") == "Как объяснить\n\nдроби"
    )


def test_deadlines_follow_the_requesters_day() -> None:
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    tomsk = ZoneInfo("Asia/Tomsk")
    morning = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)  # 10:00 in Tomsk
    assert requests.deadline_for("today", morning, tomsk) == datetime(
        2026, 11, 26, 0, 0, tzinfo=tomsk
    )
    late = datetime(2026, 11, 25, 15, 30, tzinfo=UTC)  # 22:30 in Tomsk
    assert requests.deadline_for("today", late, tomsk) == late + timedelta(hours=3)
    assert requests.deadline_for("flexible", morning, tomsk) == morning + timedelta(days=14)


def test_wave_timeouts_do_not_run_out_at_night() -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    tomsk = ZoneInfo("Asia/Tomsk")
    wait = timedelta(minutes=30)
    day = datetime(2026, 11, 25, 10, 0, tzinfo=tomsk)
    assert awake_after(day, wait, tomsk) == day + wait
    evening = datetime(2026, 11, 25, 21, 50, tzinfo=tomsk)
    assert awake_after(evening, wait, tomsk) == datetime(2026, 11, 26, 8, 20, tzinfo=tomsk)
    night = datetime(2026, 11, 25, 23, 10, tzinfo=tomsk)
    assert awake_after(night, wait, tomsk) == datetime(2026, 11, 26, 8, 30, tzinfo=tomsk)
    early = datetime(2026, 11, 26, 3, 0, tzinfo=tomsk)
    assert awake_after(early, wait, tomsk) == datetime(2026, 11, 26, 8, 30, tzinfo=tomsk)
