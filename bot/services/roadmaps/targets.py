"""Target indicators by year, read from an extra column of a roadmap table.

The Tomsk program writes them as "2020 г. – 20; 2021 г. – 335; ..." in a column headed
"Показатель реализации"; other tables say "Целевой показатель" or "Индикатор".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_HEADER_RE = re.compile(r"показател|индикатор|целев", re.IGNORECASE)
_PAIR_RE = re.compile(
    r"((?:19|20)\d\d)\s*(?:г\.?\s*г?\.?|год[а-я]*)?\s*[-–—:]\s*([^;,\n]+?)\s*(?=[;,\n]|$)",
    re.IGNORECASE,
)


def parse_targets(text: str) -> dict[str, str]:
    """{"2020": "20", "2021": "335"}; a text with no "year – value" pairs gives {}."""
    targets: dict[str, str] = {}
    for year, value in _PAIR_RE.findall(text or ""):
        value = value.strip().rstrip(".").strip()
        if value:
            targets[year] = value
    return targets


def targets_from_extra(extra: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Targets of an item from the extra columns whose header names an indicator."""
    targets: dict[str, str] = {}
    for header, text in extra:
        if _HEADER_RE.search(header):
            targets.update(parse_targets(text))
    return targets
