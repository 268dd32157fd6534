"""Domain vocabularies stored as plain strings (portable across SQLite and PostgreSQL)."""

from enum import StrEnum


class Category(StrEnum):
    teacher = "teacher"
    student = "student"
    university_student = "university_student"
    employer_rep = "employer_rep"


class ParticipantStatus(StrEnum):
    pending = "pending"  # registered without an invite, waiting for a coordinator
    active = "active"
    rejected = "rejected"
    deleted = "deleted"  # personal data erased, row kept for anonymous aggregates


class Role(StrEnum):
    mentee = "mentee"
    mentor = "mentor"
    coordinator = "coordinator"


class ScopeLevel(StrEnum):
    organization = "organization"
    municipality = "municipality"
    region = "region"


class OrganizationKind(StrEnum):
    school = "school"  # ОО
    supplementary = "supplementary"  # ДО
    vocational = "vocational"  # ПО
    university = "university"  # ВО
    enterprise = "enterprise"
    science_center = "science_center"  # НЦ
    authority = "authority"  # МОУО, ТУ/ДО


class MeetingFormat(StrEnum):
    online = "online"
    offline = "offline"


class MentoringForm(StrEnum):
    traditional = "traditional"
    group = "group"  # "круги наставничества"
    flash = "flash"
    network = "network"
    reverse = "reverse"
    virtual = "virtual"


class ModelElement(StrEnum):
    adaptation = "adaptation"
    training = "training"  # обучение
    support = "support"  # сопровождение


class RoleModel(StrEnum):
    teacher_teacher = "teacher_teacher"
    student_student = "student_student"
    university_student_student = "university_student_student"
    employer_student = "employer_student"
    teacher_student = "teacher_student"


# Statuses. Stored as their plain string values (models.base.StrEnumString), so a new member
# needs no migration; the comment of each column in models/ says how one moves to the next.


class MentorshipStatus(StrEnum):
    requested = "requested"  # a mentor's proposal, waiting for a coordinator
    proposed = "proposed"  # waiting for the mentor's and the mentees' confirmation
    active = "active"
    completed = "completed"
    stopped = "stopped"
    declined = "declined"


class MeetingStatus(StrEnum):
    logged = "logged"
    confirmed = "confirmed"
    disputed = "disputed"
    deleted = "deleted"


class FlashStatus(StrEnum):
    """A flash request (bot/services/flash/states.py holds its transitions)."""

    draft = "draft"  # being written; expires if abandoned
    open = "open"  # sent; no offer out yet (or none could be made)
    offered = "offered"  # offers are out to mentors
    matched = "matched"  # a mentor took it; a time is being agreed
    scheduled = "scheduled"  # a time is agreed
    completed = "completed"  # the mentor confirmed the meeting took place
    cancelled = "cancelled"
    expired = "expired"


class FlashOfferStatus(StrEnum):
    offered = "offered"
    later = "later"  # the mentor may come back to it
    accepted = "accepted"
    declined = "declined"
    withdrawn = "withdrawn"  # the request went elsewhere (or away)
    skipped = "skipped"  # the mentor could not be reached


class EventStatus(StrEnum):
    scheduled = "scheduled"
    cancelled = "cancelled"


class AnnouncementStatus(StrEnum):
    scheduled = "scheduled"
    sending = "sending"
    done = "done"
    cancelled = "cancelled"  # before sending began
    stopped = "stopped"  # while sending


class CampaignStatus(StrEnum):
    scheduled = "scheduled"
    open = "open"
    closed = "closed"


class InvitationStatus(StrEnum):
    invited = "invited"
    submitted = "submitted"


class RoadmapStatus(StrEnum):
    active = "active"
    archived = "archived"


class OccurrenceStatus(StrEnum):
    """A due date of a roadmap party, and the party's own summary of its due dates."""

    planned = "planned"
    in_progress = "in_progress"
    done = "done"
    overdue = "overdue"
    not_applicable = "not_applicable"


class OccurrenceEvent(StrEnum):
    """A line of an occurrence's history: a status it took, or a step of a postponement."""

    in_progress = "in_progress"
    done = "done"
    overdue = "overdue"
    not_applicable = "not_applicable"
    postpone_requested = "postpone_requested"
    postponed = "postponed"
    postpone_declined = "postpone_declined"


class PostponementStatus(StrEnum):
    pending = "pending"
    approved = "approved"
    declined = "declined"


class DueTaskStatus(StrEnum):
    pending = "pending"
    running = "running"
    done = "done"
    failed = "failed"
    cancelled = "cancelled"  # the thing it was for went away first


class OutboxStatus(StrEnum):
    pending = "pending"
    sending = "sending"
    sent = "sent"
    blocked = "blocked"  # the user blocked the bot or deactivated the account: never retried
    failed = "failed"
    cancelled = "cancelled"
