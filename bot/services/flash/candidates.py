"""Loading candidate mentors for a request from the database, for the pure ranker.

The database does the cheap, selective part: mentors of the requester's region who are
active, reachable, available for flash requests, not pausing offers, with a free slot, not
yet offered this request, and related to it at all (holding the topic, a catalog key whose
name shares a word with the description, or a word of it in their own notes), found by
index lookups in `flash_mentor_topics`, kept in step with the profiles and the notes. What remains
is what `rank_mentors` would keep anyway, so pre-filtering changes no result; it only
spares loading the rest of a region's tens of thousands of mentors.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    Select,
    Text,
    cast,
    false,
    func,
    or_,
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import Translator
from bot.services.flash import ranking, topic_index, topics
from bot.services.flash.ranking import FlashQuery, MentorCandidate
from bot.services.flash.states import SESSION
from bot.services.flash.text_match import stems_uncached
from models import Municipality, Organization, Participant, RoleGrant
from models.enums import ParticipantStatus, Role
from models.flash import FlashMentorProfile, FlashMentorTopic, FlashOffer, FlashRequest


def query_of(request: FlashRequest) -> FlashQuery:
    return FlashQuery(
        requester_id=request.requester_id,
        topic=request.topic,
        description=request.description,
        format=request.format,  # type: ignore[arg-type]
        organization_id=request.organization_id,
        municipality_id=request.municipality_id,
        region_id=request.region_id,
    )


def active_load() -> Select[int | None, int]:
    """Active flash sessions per mentor (matched or scheduled)."""
    return (
        select(FlashRequest.mentor_id, func.count().label("load"))
        .where(FlashRequest.status.in_(SESSION), FlashRequest.mentor_id.is_not(None))
        .group_by(FlashRequest.mentor_id)
    )


def related_ids(keys: Iterable[str], words: Iterable[str]) -> Select[int]:
    """Ids of the people related to a request at all: holding one of `keys` in their
    profile (subjects or expertise), or one of the `words` (stems) in their flash notes.

    Index lookups in `flash_mentor_topics` (kept in step with the profiles and the notes),
    not a search of every profile's JSON lists and notes. The expensive per-mentor checks of
    `mentors_query` then run only for these people, not for a whole region."""
    wanted = sorted(set(keys) | topic_index.word_keys(words))
    return (
        select(FlashMentorTopic.participant_id)
        .where(FlashMentorTopic.topic.in_(wanted) if wanted else false())
        .distinct()
    )


def mentors_query(
    region_id: int, now: datetime, *, manual: bool = False
) -> Select[*tuple[Any, ...]]:
    """Reachable mentors of a region with a free slot, and what ranking needs; available for
    flash offers and not pausing them, unless a coordinator is choosing by hand."""
    load = active_load().subquery()
    current = func.coalesce(load.c.load, 0)
    is_mentor = (
        select(RoleGrant.id)
        .where(RoleGrant.participant_id == Participant.id, RoleGrant.role == Role.mentor)
        .exists()
    )
    query = (
        select(
            Participant.id,
            Participant.organization_id,
            Organization.municipality_id,
            cast(Participant.subjects, Text),
            cast(Participant.expertise, Text),
            cast(Participant.formats, Text),
            Participant.capacity,
            FlashMentorProfile.notes,
            FlashMentorProfile.rating_sum,
            FlashMentorProfile.rating_count,
            current,
        )
        .join(Organization, Organization.id == Participant.organization_id)
        .join(Municipality, Municipality.id == Organization.municipality_id)
        .outerjoin(FlashMentorProfile, FlashMentorProfile.participant_id == Participant.id)
        .outerjoin(load, load.c.mentor_id == Participant.id)
        .where(
            Municipality.region_id == region_id,
            Participant.status == ParticipantStatus.active,
            Participant.tg_id.is_not(None),
            Participant.bot_blocked.is_(False),
            Participant.capacity > current,
            is_mentor,
        )
    )
    if manual:
        return query
    return query.where(
        Participant.flash_available.is_(True),
        or_(FlashMentorProfile.snoozed_until.is_(None), FlashMentorProfile.snoozed_until <= now),
    )


@lru_cache(maxsize=8192)
def _profile_keys(
    translator: Translator, subjects: str | None, expertise: str | None
) -> tuple[frozenset[str], str]:
    """A profile's catalog keys and their names, once per distinct pair of JSON texts:
    a region's mentors share a few thousand combinations."""
    keys = topics.mentor_keys(_keys(subjects), _keys(expertise))
    return keys, topics.catalog_text(translator, keys)


@lru_cache(maxsize=1024)
def _keys(raw: str | None) -> tuple[str, ...]:
    """A JSON list of keys, parsed once per distinct text (profiles repeat a lot)."""
    if not raw:
        return ()
    value = json.loads(raw)
    return tuple(str(item) for item in value) if isinstance(value, list) else ()


async def load(
    session: AsyncSession,
    translator: Translator,
    request: FlashRequest,
    now: datetime,
    *,
    prefilter: bool = True,
) -> list[MentorCandidate]:
    """Candidates for the next wave of `request`: related to it, never offered it before.

    `prefilter=False` loads every available mentor of the region instead (the ranking
    result must be the same; tests check that it is)."""
    query_stems = stems_uncached(request.description)
    keys = {request.topic} | topics.keys_sharing_words(translator, query_stems)
    already = (
        select(FlashOffer.id)
        .where(FlashOffer.request_id == request.id, FlashOffer.mentor_id == Participant.id)
        .exists()
    )
    statement = mentors_query(request.region_id, now).where(
        Participant.id != request.requester_id, ~already
    )
    if prefilter:
        statement = statement.where(Participant.id.in_(related_ids(keys, query_stems)))
    connection = await session.connection()
    rows = await connection.execute(statement)
    region = request.region_id
    return [_cached_candidate(translator, region, tuple(row)) for row in rows]


# Candidates are immutable and a mentor's row rarely changes between two requests, so the
# next request reuses the object instead of building it again (~30 µs a row, thousands of
# rows in a large region). A changed row (new load, rating, notes) is a new key.
# The row and the candidate both hold the mentor's free-text notes, so neither a smaller
# maxsize (the notes would still stay until evicted, and a 50k region needs the room) nor a
# key without the notes (the cached value carries them) lets them go: account deletion
# empties these caches instead (forget_cached_texts).
@lru_cache(maxsize=1 << 16)
def _cached_candidate(
    translator: Translator, region_id: int, row: tuple[Any, ...]
) -> MentorCandidate:
    return candidate_of(translator, region_id, row)


def candidate_of(translator: Translator, region_id: int, row: Any) -> MentorCandidate:
    """One row of `mentors_query` as the ranker's candidate."""
    (pid, org, muni, subjects, expertise, formats, capacity, notes, r_sum, r_count, load_) = row
    keys, text = _profile_keys(translator, subjects, expertise)
    if notes:
        text = f"{text} {notes}"
    count = int(r_count or 0)
    return MentorCandidate(
        participant_id=pid,
        organization_id=org,
        municipality_id=muni,
        region_id=region_id,
        expertise=keys,
        expertise_text=text,
        formats=frozenset(_keys(formats)),
        flash_available=True,  # filtered in SQL (or chosen by hand)
        active_load=int(load_),
        capacity=capacity,
        rating_avg=int(r_sum or 0) / count if count else None,
        rating_count=count,
    )


def forget_cached_texts() -> None:
    """Account deletion: drop everything cached by a mentor's text (candidates, their match
    keys, stems of whole texts), so a departed mentor's notes leave the process's memory.
    The bot and the scheduler share one process. Stems of single words stay: they name
    nobody and are the costly part to warm up again."""
    _cached_candidate.cache_clear()
    ranking.forget_texts()
