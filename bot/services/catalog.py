"""Catalogs a participant picks from. Keys are stable; names live in locales/ (catalog.ftl)."""

from __future__ import annotations

from bot.services import numbers

SUBJECTS: tuple[str, ...] = (
    "primary",
    "russian",
    "literature",
    "math",
    "informatics",
    "physics",
    "chemistry",
    "biology",
    "geography",
    "history",
    "social",
    "english",
    "german",
    "art",
    "music",
    "technology",
    "pe",
    "safety",
)

# Professional deficits of a mentee and, the same list, areas of a mentor's expertise.
DEFICITS: tuple[str, ...] = (
    "subject",
    "methodical",
    "psych",
    "digital",
    "classroom",
    "parents",
    "documents",
    "inclusive",
    "assessment",
    "projects",
    "upbringing",
)

FORMATS: tuple[str, ...] = ("online", "offline")

CATEGORIES: tuple[str, ...] = ("teacher", "student", "university_student", "employer_rep")

MAX_CAPACITY = numbers.MENTOR_CAPACITY_MAX
MAX_EXPERIENCE_YEARS = 60
YOUNG_SPECIALIST_YEARS = 3


def valid_keys(catalog: tuple[str, ...], keys: list[str]) -> list[str]:
    """Keys from a (possibly stale) keyboard that are still in the catalog, in catalog order."""
    chosen = set(keys)
    return [key for key in catalog if key in chosen]
