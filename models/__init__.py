"""SQLAlchemy models. Importing this package registers every table on `Base.metadata`."""

# Feature modules register their tables on Base.metadata when imported.
from models import broadcast, flash, roadmap, survey  # noqa: F401
from models.base import Base
from models.directory import Municipality, Organization, Region
from models.invite import Invite, PendingInvite
from models.mentorship import Meeting, MeetingAttendee, Mentorship, MentorshipMentee
from models.participant import ConsentEvent, Participant, RoleGrant
from models.runtime import DueTask, FsmRecord, OutboxMessage, ProcessedUpdate

__all__ = [
    "Base",
    "ConsentEvent",
    "DueTask",
    "FsmRecord",
    "Invite",
    "Meeting",
    "MeetingAttendee",
    "Mentorship",
    "MentorshipMentee",
    "Municipality",
    "Organization",
    "OutboxMessage",
    "Participant",
    "PendingInvite",
    "ProcessedUpdate",
    "Region",
    "RoleGrant",
]
