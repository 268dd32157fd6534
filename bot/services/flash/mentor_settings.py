"""A mentor's own flash settings: what they can help with (free words the ranking matches
against requests), and pausing offers for a while."""

from __future__ import annotations

from datetime import datetime

from bot.services.access import Actor
from bot.services.errors import Forbidden, InvalidInput
from bot.services.flash import parties, topic_index
from bot.services.flash.config import FlashEnv
from bot.services.flash.text_match import stems
from models import Participant
from models.flash import FlashMentorProfile

NOTES_MAX = 300


def stems_column(notes: str | None) -> str:
    """The notes' stems as ' a b c ' (see FlashMentorProfile.stems)."""
    found = sorted(stems(notes or ""))
    return f" {' '.join(found)} " if found else ""


async def mentor_of(env: FlashEnv, actor: Actor) -> Participant:
    me = actor.require_registered()
    person = await parties.get_person(env.session, me)
    if not parties.is_active_mentor(person) or person is None:
        raise Forbidden("error-not-mentor")
    return person


async def profile(env: FlashEnv, participant_id: int) -> FlashMentorProfile:
    found = await parties.profile_of(env.session, participant_id)
    if found is None:
        found = FlashMentorProfile(
            participant_id=participant_id,
            stems="",
            rating_sum=0,
            rating_count=0,
            updated_at=env.clock.now(),
        )
        env.session.add(found)
        await env.session.flush()
    return found


async def set_notes(env: FlashEnv, actor: Actor, text: str | None) -> FlashMentorProfile:
    mentor = await mentor_of(env, actor)
    notes = " ".join((text or "").split())
    if len(notes) > NOTES_MAX:
        raise InvalidInput("flash-notes-long", max=NOTES_MAX, length=len(notes))
    found = await profile(env, mentor.id)
    found.notes = notes or None
    found.stems = stems_column(notes)
    found.updated_at = env.clock.now()
    await env.session.flush()
    await topic_index.sync_words(env.session, mentor.id, found.stems.split())
    return found


async def pause(env: FlashEnv, actor: Actor, *, on: bool) -> FlashMentorProfile:
    """Pause new offers for the configured time ("Not now" does the same), or resume."""
    mentor = await mentor_of(env, actor)
    found = await profile(env, mentor.id)
    now = env.clock.now()
    found.snoozed_until = now + env.config.snooze if on else None
    found.updated_at = now
    await env.session.flush()
    return found


def paused_until(found: FlashMentorProfile | None, now: datetime) -> datetime | None:
    if found is None or found.snoozed_until is None or found.snoozed_until <= now:
        return None
    return found.snoozed_until
