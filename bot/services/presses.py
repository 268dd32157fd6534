"""What a button on a notice does when pressed, as data: the services know no Telegram types.

A press is a small frozen dataclass of a feature (bot/services/<feature>/presses.py): an action
and the ids it needs. The bot layer (bot/callbacks/) declares the aiogram CallbackData class
of each press and packs it; the outbox stores a press as JSON and the sender packs it when it
sends, so the callback data of a button is spelled in one place only.

`kind` names the press in queued rows: never rename one that may still be queued.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, ClassVar

_KINDS: dict[str, type[Press]] = {}


@dataclass(frozen=True)
class Press:
    kind: ClassVar[str] = ""

    def __init_subclass__(cls, *, kind: str = "", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if kind:
            if kind in _KINDS:
                raise TypeError(f"press kind {kind!r} declared twice")
            cls.kind = kind
            _KINDS[kind] = cls

    def values(self) -> tuple[Any, ...]:
        """The fields in their declared order (the order of the callback data's fields)."""
        return tuple(getattr(self, field.name) for field in fields(self))

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            **{field.name: getattr(self, field.name) for field in fields(self)},
        }


def from_json(data: Any) -> Press:
    """The press a queued button stored; ValueError for one no feature declares (any more)."""
    if not isinstance(data, dict):
        raise ValueError(f"not a press: {data!r}")
    cls = _KINDS.get(str(data.get("kind")))
    if cls is None:
        raise ValueError(f"unknown press kind {data.get('kind')!r}")
    try:
        return cls(**{name: value for name, value in data.items() if name != "kind"})
    except TypeError as error:
        raise ValueError(f"press {data!r}: {error}") from error


def kinds() -> dict[str, type[Press]]:
    return dict(_KINDS)
