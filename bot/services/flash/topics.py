"""Topics of flash requests: the catalog's subjects and deficit kinds as ranking keys.

A topic key is namespaced ("subject:math", "deficit:digital") so that it can share one set
with word stems in the ranking. A mentor's keys come from the profile: the subjects taught
and the areas of expertise (the deficit catalog).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from bot.i18n import SUPPORTED, Translator
from bot.services import catalog
from bot.services.errors import InvalidInput
from bot.services.flash.text_match import stems

SUBJECT = "subject"
DEFICIT = "deficit"

SUBJECT_TOPICS: tuple[str, ...] = tuple(f"{SUBJECT}:{key}" for key in catalog.SUBJECTS)
DEFICIT_TOPICS: tuple[str, ...] = tuple(f"{DEFICIT}:{key}" for key in catalog.DEFICITS)
TOPICS: frozenset[str] = frozenset(SUBJECT_TOPICS + DEFICIT_TOPICS)


def check_topic(topic: str) -> str:
    if topic not in TOPICS:
        raise InvalidInput("flash-topic-unknown")
    return topic


def label_key(topic: str) -> str:
    """The catalog.ftl key naming a topic: 'subject:math' → 'subject-math'."""
    kind, _, key = topic.partition(":")
    return f"{kind}-{key}"


def mentor_keys(subjects: Iterable[str], expertise: Iterable[str]) -> frozenset[str]:
    return frozenset(
        [f"{SUBJECT}:{key}" for key in subjects] + [f"{DEFICIT}:{key}" for key in expertise]
    )


@lru_cache(maxsize=4096)
def catalog_text(translator: Translator, keys: frozenset[str]) -> str:
    """The names of a mentor's catalog keys in every language, as words to match.

    Profiles hold keys only; their names are what a requester's words can meet ("работа с
    родителями"). Cached: a region's mentors share a few hundred key combinations.
    """
    names = [translator.get(lang, label_key(key)) for key in sorted(keys) for lang in SUPPORTED]
    return " ".join(names)


@lru_cache(maxsize=4)
def _stem_index(translator: Translator) -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for topic in sorted(TOPICS):
        for stem in stems(catalog_text(translator, frozenset({topic}))):
            index.setdefault(stem, set()).add(topic)
    return {stem: frozenset(keys) for stem, keys in index.items()}


def keys_sharing_words(translator: Translator, query_stems: Iterable[str]) -> frozenset[str]:
    """Catalog keys whose names share a stem with the request: a mentor holding one of
    them is related to the request through its words even under another topic."""
    index = _stem_index(translator)
    found: set[str] = set()
    for stem in query_stems:
        found |= index.get(stem, frozenset())
    return frozenset(found)
