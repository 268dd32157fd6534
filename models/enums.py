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
