"""SQLAlchemy models. Importing this package registers every table on `Base.metadata`."""

from models.base import Base
from models.directory import Municipality, Organization, Region
from models.invite import Invite
from models.participant import ConsentEvent, Participant, RoleGrant
from models.runtime import DueTask, FsmRecord, OutboxMessage, ProcessedUpdate

__all__ = [
    "Base",
    "ConsentEvent",
    "DueTask",
    "FsmRecord",
    "Invite",
    "Municipality",
    "Organization",
    "OutboxMessage",
    "Participant",
    "ProcessedUpdate",
    "Region",
    "RoleGrant",
]
