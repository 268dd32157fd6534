"""What a kit widget raises for a press it cannot take."""

from __future__ import annotations

from bot.services.errors import DomainError


def stale() -> DomainError:
    """What a forged or outdated press raises: the presser is told the button is old."""
    return DomainError("error-stale-button")
