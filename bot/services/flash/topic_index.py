"""Keeping `flash_mentor_topics` in step with what it indexes.

Two kinds of rows, each with one writer:
- catalog keys ("subject:math", "deficit:digital") from the profile lists: registration, the
  profile edit and account deletion call `sync_profile` after writing the lists;
- note stems ("word:дроб") from the mentor's flash notes: the flash settings call
  `sync_words` after writing the notes, account deletion too.

The flash candidate query relies on it: a person missing here is never offered a request
by topic or by a word of their notes.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.flash.topics import mentor_keys
from models.flash import FlashMentorTopic

WORD = "word"


def word_keys(stems: Iterable[str]) -> frozenset[str]:
    return frozenset(f"{WORD}:{stem}" for stem in stems)


async def sync_profile(
    session: AsyncSession, participant_id: int, subjects: Iterable[str], expertise: Iterable[str]
) -> None:
    """Make the person's catalog-key rows exactly the keys of these lists."""
    await _sync(session, participant_id, mentor_keys(subjects, expertise), words=False)


async def sync_words(session: AsyncSession, participant_id: int, stems: Iterable[str]) -> None:
    """Make the person's word rows exactly these stems of their notes."""
    await _sync(session, participant_id, word_keys(stems), words=True)


async def _sync(
    session: AsyncSession, participant_id: int, wanted: frozenset[str], *, words: bool
) -> None:
    mine = FlashMentorTopic.topic.startswith(f"{WORD}:", autoescape=True)
    held = set(
        await session.scalars(
            select(FlashMentorTopic.topic).where(
                FlashMentorTopic.participant_id == participant_id, mine if words else ~mine
            )
        )
    )
    gone = held - wanted
    if gone:
        await session.execute(
            delete(FlashMentorTopic)
            .where(
                FlashMentorTopic.participant_id == participant_id,
                FlashMentorTopic.topic.in_(sorted(gone)),
            )
            .execution_options(synchronize_session=False)
        )
    session.add_all(
        FlashMentorTopic(participant_id=participant_id, topic=key) for key in sorted(wanted - held)
    )
    await session.flush()
