"""Domain errors. Each carries a locale key and its parameters; handlers render them."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A rule was broken. `key` names the message in locales/ (errors.ftl)."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.key!r}, {self.params!r})"


class NotFound(DomainError):
    """The object does not exist, or is not visible to the one asking (same answer)."""


class Forbidden(DomainError):
    """The one asking has no right to do this."""


class InvalidInput(DomainError):
    """The input does not fit: the user is asked again and nothing changes."""
