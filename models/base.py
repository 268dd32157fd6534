"""Declarative base with naming conventions, so that Alembic names constraints stably."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from sqlalchemy import (
    JSON,
    CursorResult,
    DateTime,
    MetaData,
    Result,
    String,
    Table,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in and out, on SQLite (which keeps no zone) as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


E = TypeVar("E", bound=StrEnum)


class StrEnumString(TypeDecorator[E]):
    """A StrEnum kept as its plain value in a VARCHAR, not as a database enum type: a new
    member needs no migration. A value outside the enum is refused on the way in (a typo in
    a filter fails loudly instead of matching nothing), and rows read back as members."""

    impl = String
    cache_ok = True

    def __init__(self, enum_class: type[E], length: int = 16) -> None:
        super().__init__(length)
        self.enum_class = enum_class

    def process_bind_param(self, value: str | None, dialect: Any) -> str | None:
        return None if value is None else self.enum_class(value).value

    def process_result_value(self, value: str | None, dialect: Any) -> E | None:
        return None if value is None else self.enum_class(value)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar = {datetime: UtcDateTime, dict: JSON, list: JSON}

    if TYPE_CHECKING:
        # SQLAlchemy types this as any FromClause (a class may map a SELECT); every model here
        # maps a Table, which is what Core's update() and insert() take.
        __table__: ClassVar[Table]


def rows_affected(result: Result[Any]) -> int:
    """How many rows an INSERT, UPDATE or DELETE touched: the compare-and-set primitive.

    At run time Session.execute() answers such statements with a CursorResult, which has
    rowcount; SQLAlchemy 2.1 types every execute() as a plain Result, hence the cast."""
    return cast(CursorResult[Any], result).rowcount
