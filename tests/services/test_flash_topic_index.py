"""The flash topic index (`flash_mentor_topics`) follows what it indexes: the profile lists
at registration, on each edit of subjects or expertise and at account deletion, the stems of
the flash notes on each edit, and both from the migration's backfill; and the candidate
query finds mentors through it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import select, update

from bot.migrate import alembic_config
from bot.services import account_deletion, participants
from bot.services.flash import candidates, mentor_settings, requests
from bot.settings import Settings
from models import Participant
from models.enums import FlashStatus, Role
from models.flash import FlashMentorTopic, FlashRequest
from tests.conftest import run_blocking
from tests.services.flash_setup import Seed, draft


async def _topics(seed: Seed, participant_id: int) -> set[str]:
    async with seed.env() as env:
        rows = await env.session.scalars(
            select(FlashMentorTopic.topic).where(FlashMentorTopic.participant_id == participant_id)
        )
        return set(rows)


async def _edit(seed: Seed, participant_id: int, field: str, value: list[str]) -> None:
    async with seed.env() as env:
        person = await env.session.get(Participant, participant_id)
        assert person is not None
        await env.session.refresh(person, ["roles"])
        await participants.update_profile(env.session, env.clock, person, field, value)


async def _found(seed: Seed, requester: Participant, topic: str, description: str) -> set[int]:
    actor = await seed.actor(requester)
    async with seed.env() as env:
        request = await requests.save_draft(env, actor, draft(topic=topic, description=description))
        loaded = await env.session.get(FlashRequest, request.id)
        found = await candidates.load(env.session, env.translator, loaded, env.clock.now())
    return {c.participant_id for c in found}


async def _cancel_all(seed: Seed) -> None:
    """Out of the way of the next draft (one draft per person at a time)."""
    async with seed.env() as env:
        await env.session.execute(update(FlashRequest).values(status=FlashStatus.cancelled))


async def test_the_index_follows_registration_profile_edits_and_deletion(seed: Seed) -> None:
    mentor = await seed.person(
        "Наставник Индекса",
        role=Role.mentor,
        subjects=["math", "physics"],
        expertise=["digital"],
    )
    # A mentee's deficits are needs, not expertise: only the subjects are indexed.
    mentee = await seed.person("Учитель Спрашивает", subjects=["russian"], deficits=["digital"])
    assert await _topics(seed, mentor.id) == {"subject:math", "subject:physics", "deficit:digital"}
    assert await _topics(seed, mentee.id) == {"subject:russian"}

    await _edit(seed, mentor.id, "subjects", ["chemistry", "math"])
    assert await _topics(seed, mentor.id) == {
        "subject:chemistry",
        "subject:math",
        "deficit:digital",
    }
    await _edit(seed, mentor.id, "expertise", ["parents", "unknown-key"])
    assert await _topics(seed, mentor.id) == {
        "subject:chemistry",
        "subject:math",
        "deficit:parents",
    }
    await _edit(seed, mentor.id, "expertise", [])
    assert await _topics(seed, mentor.id) == {"subject:chemistry", "subject:math"}

    # The candidate query sees the edits: a physics request (with no words of the mentor's)
    # no longer finds them, a chemistry one does.
    assert mentor.id not in await _found(
        seed, mentee, "subject:physics", "Лабораторная работа по электричеству"
    )
    await _cancel_all(seed)
    assert mentor.id in await _found(seed, mentee, "subject:chemistry", "Задачи на массовую долю")
    await _cancel_all(seed)

    # The words of the mentor's own notes are indexed too, as stems.
    async with seed.env() as env:
        await mentor_settings.set_notes(env, await seed.actor(mentor), "Дроби и проценты")
    words = {key for key in await _topics(seed, mentor.id) if key.startswith("word:")}
    assert words == {"word:дроб", "word:процент"}
    assert mentor.id in await _found(seed, mentee, "subject:physics", "Ученики не понимают дробей")
    async with seed.env() as env:
        await mentor_settings.set_notes(env, await seed.actor(mentor), "Проценты")
    assert await _topics(seed, mentor.id) == {"subject:chemistry", "subject:math", "word:процент"}
    async with seed.env() as env:
        await mentor_settings.set_notes(env, await seed.actor(mentor), "Задачи на проценты")

    async with seed.env() as env:
        person = await env.session.get(Participant, mentor.id)
        assert person is not None
        settings = Settings(_env_file=None)  # type: ignore[call-arg]
        await account_deletion.delete_account(
            env.session, env.clock, env.translator, settings, person
        )
    assert await _topics(seed, mentor.id) == set()
    assert await _topics(seed, mentee.id) == {"subject:russian"}  # the others untouched


def test_the_migration_backfills_the_index_from_existing_profiles(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite3"
    config = alembic_config(f"sqlite+aiosqlite:///{path}")
    run_blocking(command.upgrade, config, "0007")
    with sqlite3.connect(path) as db:
        db.execute(
            "INSERT INTO regions (id, code, name, timezone) VALUES (1, 'r', 'R', 'Asia/Tomsk')"
        )
        db.execute("INSERT INTO municipalities (id, region_id, name) VALUES (1, 1, 'M')")
        db.execute(
            "INSERT INTO organizations (id, municipality_id, name, kind)"
            " VALUES (1, 1, 'O', 'school')"
        )
        for pid, subjects, expertise in (
            (1, ["math", "physics"], ["digital"]),
            (2, [], []),
            (3, ["russian"], []),
        ):
            db.execute(
                "INSERT INTO participants (id, language, status, category, organization_id,"
                " subjects, deficits, expertise, capacity, flash_available, formats,"
                " bot_blocked, created_at, updated_at) VALUES (?, 'ru', 'active', 'teacher',"
                " 1, ?, '[]', ?, 1, 1, '[]', 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
                (pid, json.dumps(subjects), json.dumps(expertise)),
            )
        db.execute(
            "INSERT INTO flash_mentor_profiles (participant_id, notes, stems, rating_sum,"
            " rating_count, updated_at) VALUES (1, 'Дроби, проценты', ' дроб процент ', 0, 0,"
            " '2026-01-01 00:00:00')"
        )
    run_blocking(command.upgrade, config, "head")
    with sqlite3.connect(path) as db:
        rows = db.execute(
            "SELECT participant_id, topic FROM flash_mentor_topics ORDER BY 1, 2"
        ).fetchall()
    assert rows == [
        (1, "deficit:digital"),
        (1, "subject:math"),
        (1, "subject:physics"),
        (1, "word:дроб"),
        (1, "word:процент"),
        (3, "subject:russian"),
    ]
