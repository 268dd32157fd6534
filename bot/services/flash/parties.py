"""Who is who in a request, re-checked from the database on every action."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.access import Actor
from bot.services.errors import NotFound
from bot.services.flash.states import SESSION
from models import Participant
from models.enums import ParticipantStatus, Role
from models.flash import FlashMentorProfile, FlashRequest

REQUESTER = "requester"
MENTOR = "mentor"


def is_active(person: Participant | None) -> bool:
    return person is not None and person.status == ParticipantStatus.active


def is_active_mentor(person: Participant | None) -> bool:
    return is_active(person) and person is not None and person.has_role(Role.mentor)


async def get_request(session: AsyncSession, request_id: int) -> FlashRequest:
    request = await session.get(FlashRequest, request_id)
    if request is None:
        raise NotFound("flash-not-found")
    return request


async def get_person(session: AsyncSession, participant_id: int | None) -> Participant | None:
    if participant_id is None:
        return None
    return await session.get(Participant, participant_id)


async def as_party(
    session: AsyncSession, actor: Actor, request_id: int
) -> tuple[FlashRequest, str]:
    """The request and the actor's side in it; anyone else gets the same 'not found' as for
    an id that does not exist (forged ids learn nothing)."""
    me = actor.require_registered()
    request = await get_request(session, request_id)
    if request.requester_id == me:
        return request, REQUESTER
    if request.mentor_id == me:
        return request, MENTOR
    raise NotFound("flash-not-found")


async def other_side(session: AsyncSession, request: FlashRequest, side: str) -> Participant | None:
    return await get_person(
        session, request.mentor_id if side == REQUESTER else request.requester_id
    )


async def mentor_load(session: AsyncSession, mentor_id: int) -> int:
    value = await session.scalar(
        select(func.count(FlashRequest.id)).where(
            FlashRequest.mentor_id == mentor_id, FlashRequest.status.in_(SESSION)
        )
    )
    return int(value or 0)


async def profile_of(session: AsyncSession, participant_id: int) -> FlashMentorProfile | None:
    return await session.get(FlashMentorProfile, participant_id)
