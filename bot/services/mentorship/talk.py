"""Writing inside a pair or group through the bot, while it is active: a mentee to the mentor,
the mentor to one mentee (a reply) or to every mentee of the pair or group (from its card).
The words travel as a flash session's do (bot.services.relay): no account is shown."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Translator
from bot.services import relay
from bot.services.access import Actor
from bot.services.errors import InvalidInput, NotFound
from bot.services.mentorship import pairs
from bot.services.mentorship.presses import TalkPress
from bot.services.outbox import Button
from bot.services.reach import reachable
from models import Participant
from models.enums import MentorshipStatus, Role
from models.mentorship import Mentorship

# Its keys are ms-relay:<mentorship>:<sender>:…: pair_notices.withdraw_queued empties them when
# a member leaves (they show the sender's name and words).
PREFIX = "ms-relay"


@dataclass(frozen=True)
class Talk:
    mentorship: Mentorship
    me: Participant
    role: str  # the writer's: mentor or mentee
    to: list[Participant]


async def check(session: AsyncSession, actor: Actor, mentorship_id: int, to_id: int = 0) -> Talk:
    """Whom the actor writes to in the pair now; `to_id` 0 is "the other side" (the mentor, or
    every mentee). A non-member learns nothing: the same "not found" as a missing pair."""
    me_id = actor.require_registered()
    mentorship = await pairs.get(session, mentorship_id)
    role = pairs.role_in(mentorship, me_id)
    mentees = pairs.mentee_ids(mentorship)
    if role is None:
        raise NotFound("error-not-found")
    if role == Role.mentee:
        if to_id not in (0, mentorship.mentor_id):
            raise NotFound("error-not-found")
        ids = [mentorship.mentor_id]
    else:
        if to_id and to_id not in mentees:
            raise NotFound("error-not-found")
        ids = [to_id] if to_id else mentees
    if mentorship.status != MentorshipStatus.active:
        raise InvalidInput("pair-talk-not-active")
    people = await pairs.people(session, [me_id, *ids])
    to = [people[pid] for pid in ids if reachable(people.get(pid))]
    if not to:
        raise InvalidInput("pair-talk-unreachable")
    return Talk(mentorship, people[me_id], role, to)


def _reply(texts_label: str, talk: Talk) -> list[list[Button]]:
    return [[Button(texts_label, press=TalkPress(talk.mentorship.id, talk.me.id))]]


async def relay_text(
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    actor: Actor,
    mentorship_id: int,
    text: str,
    to_id: int = 0,
) -> Talk:
    talk = await check(session, actor, mentorship_id, to_id)
    body = relay.body_of(text, "pair-talk-empty")
    for person in talk.to:
        texts = translator.for_lang(person.language)
        await relay.pass_text(
            session,
            clock,
            to=person,
            text=texts(
                f"pair-talk-from-{talk.role}",
                name=escape(talk.me.full_name or "—"),
                text=escape(body),
            ),
            keyboard=_reply(texts("pair-talk-btn-reply"), talk),
            dedup_key=relay.key(PREFIX, talk.mentorship.id, talk.me.id),
        )
    return talk


async def relay_copy(
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    actor: Actor,
    mentorship_id: int,
    from_chat_id: int,
    message_id: int,
    to_id: int = 0,
) -> Talk:
    talk = await check(session, actor, mentorship_id, to_id)
    for person in talk.to:
        texts = translator.for_lang(person.language)
        await relay.pass_copy(
            session,
            clock,
            to=person,
            header=texts(f"pair-talk-file-from-{talk.role}", name=escape(talk.me.full_name or "—")),
            from_chat_id=from_chat_id,
            message_id=message_id,
            keyboard=_reply(texts("pair-talk-btn-reply"), talk),
            dedup_key=relay.key(PREFIX, talk.mentorship.id, talk.me.id),
        )
    return talk
