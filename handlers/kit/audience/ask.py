"""What a feature asks the picker for (start data) and what it gets back (the result)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.services.audience import AudienceSpec


@dataclass(frozen=True)
class AudienceAsk:
    """`manager.start(AudienceSG.main, data=AudienceAsk(...).to_data())`.

    summary: the Fluent key of the picker's first window; it gets roles, categories,
        municipalities, organizations, forms (in words) and count, plus `params`.
    next: the key of the button that returns the audience.
    empty: the error a `next` with nobody in the audience gets; None lets an empty one pass.
    back: a ◀ Back that closes the picker and shows the caller's window again.
    everyone: a button that clears every choice («all in my scope»).
    """

    spec: AudienceSpec = field(default_factory=AudienceSpec)
    summary: str = "ann-audience"
    params: dict[str, str] = field(default_factory=dict)
    next: str = "ann-btn-preview"
    empty: str | None = "ann-no-recipients"
    back: bool = True
    everyone: bool = True

    def to_data(self) -> dict[str, Any]:
        return {
            "spec": self.spec.to_json(),
            "summary": self.summary,
            "params": dict(self.params),
            "next": self.next,
            "empty": self.empty,
            "back": self.back,
            "everyone": self.everyone,
        }

    @classmethod
    def from_data(cls, data: Any) -> AudienceAsk:
        data = data if isinstance(data, dict) else {}
        return cls(
            spec=AudienceSpec.from_json(data.get("spec")),
            summary=str(data.get("summary", "ann-audience")),
            params={str(k): str(v) for k, v in (data.get("params") or {}).items()},
            next=str(data.get("next", "ann-btn-preview")),
            empty=data.get("empty", "ann-no-recipients"),
            back=bool(data.get("back", True)),
            everyone=bool(data.get("everyone", True)),
        )


def chosen_audience(result: Any) -> AudienceSpec | None:
    """The audience the picker returned; None when it closed otherwise (Back, Cancel)."""
    if isinstance(result, dict) and "audience" in result:
        return AudienceSpec.from_json(result["audience"])
    return None
