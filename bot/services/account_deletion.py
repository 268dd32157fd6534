"""Deleting an account: every feature lets go of the person, in the caller's one transaction.

152-ФЗ: withdrawing consent stops the processing and destroys the personal data, while the
anonymous aggregates (counts of meetings, mentorships, attendance) stay. Each feature owns its
own cleanup; this module only runs them in the order they need:

1. flash requests, while the person's data is still there (their requests are cancelled and
   the mentor told; sessions they mentored go back to the search; queued offers, cards and
   relayed messages that show them to others are dropped). Surveys queue nothing that
   names one person to another (invitations go to the invitee, the owner's notes carry counts);
2. development plans and meeting notes, while the person is still a member of their
   mentorships (the plan of a pair whose only mentee they are, and the notes of a meeting
   they alone attended, are about them);
3. answers to events still ahead (their seats are freed: the waiting list's first are told);
4. the participant row itself (``privacy.delete_account``): name and profile erased, roles,
   conversation state, queued messages and due work addressed to them dropped;
5. mentorships, last, so that the notices to the others no longer carry the erased name.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Translator
from bot.services import privacy
from bot.services.broadcast import event_notices, events
from bot.services.flash import lifecycle as flash_lifecycle
from bot.services.flash.config import FlashEnv
from bot.services.mentorship import meetings, pairs, plans
from bot.settings import Settings
from models import Participant


async def delete_account(
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    settings: Settings,
    person: Participant,
) -> None:
    participant_id = person.id
    await flash_lifecycle.forget_participant(
        FlashEnv.of(session, clock, translator, settings), participant_id
    )
    await plans.forget_participant(session, participant_id)
    await meetings.forget_participant(session, participant_id)
    for event, seated in await events.forget_participant(session, clock, participant_id):
        await event_notices.tell_seat(session, clock, translator, event, seated)
    await privacy.delete_account(session, clock, person)
    await pairs.participant_left(session, clock, translator, participant_id)
