"""Messages the pairs feature sends on its own initiative, through the outbox.

Texts come from locales/<lang>/mentorship.ftl in the recipient's language. Buttons are plain
data; their callback strings are packed here in the layout of the handlers' CallbackData
classes (``ms``: action, id, page; ``mb``: action, id, rating) — tests check both agree.
"""

from __future__ import annotations

from datetime import date
from html import escape

from sqlalchemy import case, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.i18n import Texts, Translator
from bot.services import coordinator_reach, outbox
from bot.services.mentorship import notify
from bot.services.mentorship.presses import (
    APPROVE,
    CONFIRM,
    DECLINE,
    END_CONFIRM,
    END_DECLINE,
    RATE,
    REJECT,
    FeedbackPress,
    MentorshipPress,
)
from bot.services.outbox import Button
from models import OutboxMessage, Participant
from models.enums import MentorshipStatus, OutboxStatus
from models.mentorship import Mentorship


def fmt_date(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else "—"


async def _people(session: AsyncSession, ids: list[int]) -> dict[int, Participant]:
    if not ids:
        return {}
    rows = await session.scalars(select(Participant).where(Participant.id.in_(ids)))
    return {p.id: p for p in rows}


def describe(texts: Texts, mentorship: Mentorship, names: dict[int, Participant]) -> str:
    """The common description block of a mentorship, for messages and cards."""
    mentor = names.get(mentorship.mentor_id)
    mentees = [names.get(row.participant_id) for row in mentorship.mentees]
    # Messages are HTML: whatever people typed is escaped.
    return texts(
        "mentorship-describe",
        form=texts(f"mentorship-form-{mentorship.form}"),
        element=texts(f"mentorship-element-{mentorship.model_element}"),
        role_model=texts(f"mentorship-role-model-{mentorship.role_model}"),
        mentor=escape((mentor.full_name if mentor else None) or "—"),
        mentees=escape(", ".join((m.full_name or "—") if m else "—" for m in mentees) or "—"),
        start=fmt_date(mentorship.started_on),
        end=fmt_date(mentorship.planned_end_on),
    )


def _confirm_keyboard(texts: Texts, mentorship_id: int) -> list[list[Button]]:
    return [
        [
            Button(texts("mentorship-btn-confirm"), press=MentorshipPress(CONFIRM, mentorship_id)),
            Button(texts("mentorship-btn-decline"), press=MentorshipPress(DECLINE, mentorship_id)),
        ]
    ]


async def ask_to_confirm(
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    mentorship: Mentorship,
    asked: list[Participant],
    *,
    reminder: bool = False,
) -> None:
    names = await _people(
        session, [mentorship.mentor_id, *(r.participant_id for r in mentorship.mentees)]
    )
    for person in asked:
        texts = translator.for_lang(person.language)
        role = "mentor" if person.id == mentorship.mentor_id else "mentee"
        key = "mentorship-confirm-reminder" if reminder else "mentorship-ask-confirm"
        text = texts(key, role=role) + "\n\n" + describe(texts, mentorship, names)
        await notify.send(
            session,
            clock,
            person,
            text,
            f"ms-ask:{mentorship.id}:{person.id}:{'r' if reminder else 'a'}",
            _confirm_keyboard(texts, mentorship.id),
            priority=outbox.Priority.REMINDER if reminder else outbox.Priority.REPLY,
        )


async def proposal_to_coordinators(
    session: AsyncSession, clock: Clock, translator: Translator, mentorship: Mentorship
) -> None:
    names = await _people(
        session, [mentorship.mentor_id, *(r.participant_id for r in mentorship.mentees)]
    )
    # The nearest level only, and not a coordinator who is a party (they cannot approve it).
    members = [mentorship.mentor_id, *(r.participant_id for r in mentorship.mentees)]
    nearest = await coordinator_reach.nearest_coordinators(
        session, mentorship.organization_id, exclude=members
    )
    for coordinator in nearest:
        texts = translator.for_lang(coordinator.language)
        text = texts("mentorship-proposal-new") + "\n\n" + describe(texts, mentorship, names)
        keyboard = [
            [
                Button(
                    texts("mentorship-btn-approve"), press=MentorshipPress(APPROVE, mentorship.id)
                ),
                Button(
                    texts("mentorship-btn-reject"), press=MentorshipPress(REJECT, mentorship.id)
                ),
            ]
        ]
        await notify.send(
            session,
            clock,
            coordinator,
            text,
            f"ms-proposal:{mentorship.id}:{coordinator.id}",
            keyboard,
        )


async def proposal_decided(
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    mentorship: Mentorship,
    *,
    approved: bool,
) -> None:
    names = await _people(
        session, [mentorship.mentor_id, *(r.participant_id for r in mentorship.mentees)]
    )
    mentor = names.get(mentorship.mentor_id)
    if mentor is None:
        return
    texts = translator.for_lang(mentor.language)
    key = "mentorship-proposal-approved" if approved else "mentorship-proposal-rejected"
    await notify.send(
        session,
        clock,
        mentor,
        texts(key) + "\n\n" + describe(texts, mentorship, names),
        f"ms-decided:{mentorship.id}",
    )


async def started(
    session: AsyncSession, clock: Clock, translator: Translator, mentorship: Mentorship
) -> None:
    members = [mentorship.mentor_id, *(r.participant_id for r in mentorship.mentees)]
    extra = [mentorship.created_by] if mentorship.created_by not in (None, *members) else []
    names = await _people(session, members + [pid for pid in extra if pid is not None])
    for pid in members + [pid for pid in extra if pid is not None]:
        person = names.get(pid)
        if person is None:
            continue
        texts = translator.for_lang(person.language)
        role = (
            "mentor" if pid == mentorship.mentor_id else ("mentee" if pid in members else "other")
        )
        text = texts("mentorship-started", role=role) + "\n\n" + describe(texts, mentorship, names)
        await notify.send(session, clock, person, text, f"ms-started:{mentorship.id}:{pid}")


async def declined(
    session: AsyncSession, clock: Clock, translator: Translator, mentorship: Mentorship
) -> None:
    members = [mentorship.mentor_id, *(r.participant_id for r in mentorship.mentees)]
    told = [pid for pid in [*members, mentorship.created_by] if pid is not None]
    names = await _people(session, told)
    by = names.get(mentorship.ended_by or 0)
    for pid in dict.fromkeys(told):
        person = names.get(pid)
        if person is None or pid == mentorship.ended_by:
            continue
        texts = translator.for_lang(person.language)
        text = (
            texts("mentorship-declined", name=escape((by.full_name if by else None) or "—"))
            + "\n\n"
            + describe(texts, mentorship, names)
        )
        await notify.send(session, clock, person, text, f"ms-declined:{mentorship.id}:{pid}")


def rating_keyboard(texts: Texts, mentorship_id: int) -> list[list[Button]]:
    return [
        [
            Button(
                texts("mentorship-rating", rating=n), press=FeedbackPress(RATE, mentorship_id, n)
            )
            for n in range(1, 6)
        ]
    ]


async def ended(
    session: AsyncSession, clock: Clock, translator: Translator, mentorship: Mentorship
) -> None:
    """Everyone in it is told and asked for final feedback; the coordinator who formed it is
    told too when someone else ended it."""
    members = [mentorship.mentor_id, *(r.participant_id for r in mentorship.mentees)]
    names = await _people(session, [*members, *(p for p in [mentorship.created_by] if p)])
    for pid in members:
        person = names.get(pid)
        if person is None:
            continue
        texts = translator.for_lang(person.language)
        text = "\n\n".join(
            [
                texts(
                    f"mentorship-ended-{mentorship.status}",
                    reason=escape(mentorship.end_reason or ""),
                ),
                describe(texts, mentorship, names),
                texts("mentorship-feedback-ask"),
            ]
        )
        await notify.send(
            session,
            clock,
            person,
            text,
            f"ms-ended:{mentorship.id}:{pid}",
            rating_keyboard(texts, mentorship.id),
        )
    creator = names.get(mentorship.created_by or 0)
    if creator is not None and creator.id not in members and creator.id != mentorship.ended_by:
        texts = translator.for_lang(creator.language)
        text = (
            texts(
                f"mentorship-ended-{mentorship.status}", reason=escape(mentorship.end_reason or "")
            )
            + "\n\n"
            + describe(texts, mentorship, names)
        )
        await notify.send(session, clock, creator, text, f"ms-ended:{mentorship.id}:{creator.id}")


async def end_requested(
    session: AsyncSession, clock: Clock, translator: Translator, mentorship: Mentorship
) -> None:
    """The mentor asked to end it: each mentee may confirm or decline; the nearest
    coordinators may confirm (a mentee who no longer answers does not hold the pair)."""
    mentees = [r.participant_id for r in mentorship.mentees]
    names = await _people(session, [mentorship.mentor_id, *mentees])
    mentor = names.get(mentorship.mentor_id)
    mentor_name = escape((mentor.full_name if mentor else None) or "—")
    at = (mentorship.end_requested_at or clock.now()).isoformat()
    for pid in mentees:
        person = names.get(pid)
        if person is None:
            continue
        texts = translator.for_lang(person.language)
        keyboard = [
            [
                Button(
                    texts("mentorship-btn-end-confirm"),
                    press=MentorshipPress(END_CONFIRM, mentorship.id),
                ),
                Button(
                    texts("mentorship-btn-end-decline"),
                    press=MentorshipPress(END_DECLINE, mentorship.id),
                ),
            ]
        ]
        text = _end_request_text(texts, mentorship, names, "mentorship-end-ask-mentee", mentor_name)
        await notify.send(
            session, clock, person, text, f"ms-end-ask:{mentorship.id}:{pid}:{at}", keyboard
        )
    parties = [mentorship.mentor_id, *mentees]
    for coordinator in await coordinator_reach.nearest_coordinators(
        session, mentorship.organization_id, exclude=parties
    ):
        texts = translator.for_lang(coordinator.language)
        keyboard = [
            [
                Button(
                    texts("mentorship-btn-end-confirm"),
                    press=MentorshipPress(END_CONFIRM, mentorship.id),
                )
            ]
        ]
        text = _end_request_text(
            texts, mentorship, names, "mentorship-end-ask-coordinator", mentor_name
        )
        await notify.send(
            session,
            clock,
            coordinator,
            text,
            f"ms-end-ask:{mentorship.id}:{coordinator.id}:{at}",
            keyboard,
        )


def _end_request_text(
    texts: Texts,
    mentorship: Mentorship,
    names: dict[int, Participant],
    key: str,
    mentor_name: str,
) -> str:
    lines = [
        texts(key, name=mentor_name, outcome=mentorship.end_requested_outcome or "completed"),
        describe(texts, mentorship, names),
    ]
    if mentorship.end_requested_reason:
        lines.insert(
            1,
            texts("mentorship-end-request-reason", reason=escape(mentorship.end_requested_reason)),
        )
    return "\n\n".join(lines)


async def end_declined(
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    mentorship: Mentorship,
    by_id: int | None,
) -> None:
    """A mentee declined the mentor's request: the mentor learns the pair goes on."""
    names = await _people(session, [mentorship.mentor_id, *(p for p in [by_id] if p)])
    mentor = names.get(mentorship.mentor_id)
    if mentor is None:
        return
    by = names.get(by_id or 0)
    texts = translator.for_lang(mentor.language)
    await notify.send(
        session,
        clock,
        mentor,
        texts("mentorship-end-declined", name=escape((by.full_name if by else None) or "—"))
        + "\n\n"
        + describe(texts, mentorship, names),
        f"ms-end-declined:{mentorship.id}:{by_id}:{clock.now().isoformat()}",
    )


def _waits_for(mentorship: Mentorship, pid: int) -> bool:
    if pid == mentorship.mentor_id:
        return mentorship.mentor_confirmed_at is None
    return any(r.participant_id == pid and r.confirmed_at is None for r in mentorship.mentees)


async def member_left(
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    mentorship: Mentorship,
    left_id: int,
    *,
    moved: bool = False,
) -> None:
    """A member deleted their account (or, ``moved``, changed organization): the others (and
    the coordinator who formed it) learn whether the mentorship stopped, was withdrawn, or goes
    on as a group without them. The departed one is not named: their name is erased with the
    account."""
    members = [mentorship.mentor_id, *(r.participant_id for r in mentorship.mentees)]
    told = [pid for pid in dict.fromkeys([*members, mentorship.created_by]) if pid is not None]
    names = await _people(session, [*told, left_id])
    key = {
        MentorshipStatus.stopped: "mentorship-left-stopped",
        MentorshipStatus.declined: "mentorship-left-declined",
    }.get(mentorship.status, "mentorship-left-group") + ("-moved" if moved else "")
    for pid in told:
        person = names.get(pid)
        if person is None or pid == left_id:
            continue
        texts = translator.for_lang(person.language)
        parts = [texts(key), describe(texts, mentorship, names)]
        keyboard = None
        if mentorship.status == MentorshipStatus.stopped and pid in members:
            parts.append(texts("mentorship-feedback-ask"))
            keyboard = rating_keyboard(texts, mentorship.id)
        elif mentorship.status == MentorshipStatus.proposed and _waits_for(mentorship, pid):
            # Their earlier request was withdrawn with the departed one's name in it.
            keyboard = _confirm_keyboard(texts, mentorship.id)
        await notify.send(
            session,
            clock,
            person,
            "\n\n".join(parts),
            f"ms-left:{mentorship.id}:{left_id}:{pid}",
            keyboard,
        )


# The notices above that describe a mentorship (and so name its members), by dedup-key prefix.
# ms-relay: words relayed inside the pair (mentorship.talk) show their sender too.
DESCRIBING = (
    "ms-ask",
    "ms-proposal",
    "ms-decided",
    "ms-started",
    "ms-declined",
    "ms-ended",
    "ms-relay",
    "ms-end-ask",
    "ms-end-declined",
)


async def withdraw_queued(session: AsyncSession, mentorship_id: int) -> None:
    """Notices of a mentorship still waiting in the outbox are dropped when a member leaves:
    they carry the departed one's name, and their buttons would act on what no longer is.
    Those already sent (or failed) keep their status but lose their text too: the outbox is
    a record of personal data like any other."""
    keys = [
        cond
        for prefix in DESCRIBING
        for cond in (
            OutboxMessage.dedup_key == f"{prefix}:{mentorship_id}",
            OutboxMessage.dedup_key.startswith(f"{prefix}:{mentorship_id}:", autoescape=True),
            OutboxMessage.dedup_key.startswith(f"{prefix}:{mentorship_id}#", autoescape=True),
        )
    ]
    await session.execute(
        update(OutboxMessage)
        .where(or_(*keys))
        .values(
            status=case(
                (OutboxMessage.status == OutboxStatus.pending, OutboxStatus.cancelled),
                else_=OutboxMessage.status,
            ),
            params={},
        )
        .execution_options(synchronize_session=False)
    )
