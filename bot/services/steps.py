"""The order of registration steps, as a rule over what has been collected so far.

Kept free of Telegram so that which questions a person gets is testable on its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

ORDER: tuple[str, ...] = (
    "full_name",
    "category",
    "municipality",
    "organization",
    "role",
    "subjects",
    "experience",
    "deficits",
    "expertise",
    "capacity",
    "flash",
    "formats",
    "confirm",
)


def applies(step: str, data: Mapping[str, Any]) -> bool:
    category = data.get("category")
    role = data.get("role")
    invite = data.get("invite") or {}
    if step == "category":
        return not invite.get("category")
    if step in ("municipality", "organization"):
        return not invite.get("organization_id")
    if step == "role":
        return not invite.get("role")
    if step == "subjects":
        return category in ("teacher", "university_student")
    if step == "experience":
        return category == "teacher"
    if step == "deficits":
        return role == "mentee"
    if step in ("expertise", "capacity", "flash", "formats"):
        return role == "mentor"
    return True


def next_step(current: str | None, data: Mapping[str, Any]) -> str:
    start = 0 if current is None else ORDER.index(current) + 1
    for step in ORDER[start:]:
        if applies(step, data):
            return step
    return "confirm"
