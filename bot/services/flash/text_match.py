"""Word matching for flash requests: Snowball stems of Russian and English text.

Russian inflects heavily ("дроби", "дробей", "дробями"), so comparing raw words would miss
most matches between a request and a mentor's expertise. The Snowball stemmers (the
``snowballstemmer`` package, or PyStemmer's C build of the same algorithms when it is
installed) reduce inflected forms to a shared stem. Stemming does not join derivations
("математика" / "математический"); the catalog topic key covers that level of matching.

Everything is cached: stemming one word in pure Python costs ~30 µs, so stems are memoized
per word, and ``stems`` per text: mentors' texts are read again and again and rarely change.
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer

__all__ = [
    "STEM_CACHE_SIZE",
    "clear_caches",
    "overlap",
    "stems",
    "stems_uncached",
    "surface_terms",
]

# Enough for every mentor of a large region (the benchmark uses 50,000) with room for
# edited profiles. An entry is a frozenset of interned stems, roughly 1 KB.
STEM_CACHE_SIZE = 1 << 17

# Tokens shorter than this carry no meaning once stop words are gone ("я", "в", "a").
_MIN_TOKEN_LEN = 2
# Short tokens are mostly acronyms (ОГЭ, ЕГЭ, ОВЗ, ИИ, ИКТ): stemming would mangle them.
_MAX_UNSTEMMED_LEN = 3
# Snowball sometimes over-strips short words ("опыт" -> "оп"); a stem this short would
# collide with unrelated words, so the whole word is kept instead.
_MIN_STEM_LEN = 3

# Runs of letters in any script; digits and punctuation separate words.
_WORD_RE = re.compile(r"[^\W\d_]+")
_CYRILLIC_RE = re.compile(r"[а-я]")

# Function words, compared before stemming (their stems would collide with real words).
_RUSSIAN_STOP_WORDS = frozenset(
    """
    а без более бы был была были было быть в вам вами вас ваш ваша ваше ваши ведь весь
    во вот все всего всем всех всю вся вы где да даже для до его ее ей ему если есть еще
    же за здесь и из или им ими их к как какая какие какой ко когда который которая
    которое которые которых кто ли либо лишь меня мне мной много можно мой моя мы на над
    надо нам нами нас наш наша наше наши не него нее нем нему нет ни ним ними них но ну о
    об обо однако он она они оно от очень перед по под при про просто с сам сама сами
    само свой своя свое свои себе себя со так также там те тем теми то того тоже только
    том тому ту тут ты у уж уже хоть чего чем через что чтобы эта эти этим этими этих это
    этого этой этом этот эту я
    """.split()
)
_ENGLISH_STOP_WORDS = frozenset(
    """
    a about an and are as at be been but by can do for from has have how i if in into is
    it its me my need not of on or our so that the their them this to us was we what when
    which who will with would you your
    """.split()
)
# Request boilerplate and words every mentor profile shares ("нужна помощь", "учитель",
# "опыт работы"). Matching on them would make every mentor look relevant, so they are
# compared by stem: one entry covers all inflected forms. "класс" is here because digits
# are dropped: "в 5 классе" would otherwise match every profile that names any grade.
_DOMAIN_STOP_WORDS = """
    учитель педагог наставник наставничество коллега помощь помочь помогать помогите
    подскажите пожалуйста нужна нужен нужно нужны хочу хотела вопрос работа опыт опыта
    школа тема сделать класс help please teacher mentor question work experience school
    """.split()

_STOP_WORDS = _RUSSIAN_STOP_WORDS | _ENGLISH_STOP_WORDS

# Snowball stemmer objects keep per-call state, so concurrent threads must not share one
# mid-call. The lock is taken only on a word-cache miss, which is rare after warm-up.
_STEMMER_LOCK = threading.Lock()
_RUSSIAN = snowballstemmer.stemmer("russian")
_ENGLISH = snowballstemmer.stemmer("english")


def _normalize(text: str) -> str:
    # "ё" is optional in Russian writing: "учёт" and "учет" must match.
    return text.lower().replace("ё", "е")


def _tokens(text: str) -> list[str]:
    return _WORD_RE.findall(_normalize(text))


@lru_cache(maxsize=STEM_CACHE_SIZE)
def _stem_word(word: str) -> str:
    """Stem of one normalized word; interned so that the stem sets share their strings."""
    if len(word) <= _MAX_UNSTEMMED_LEN:
        return sys.intern(word)
    stemmer = _RUSSIAN if _CYRILLIC_RE.search(word) else _ENGLISH
    with _STEMMER_LOCK:
        stem = stemmer.stemWord(word)
    if len(stem) < _MIN_STEM_LEN:
        stem = word
    return sys.intern(stem)


_DOMAIN_STOP_STEMS = frozenset(_stem_word(_normalize(word)) for word in _DOMAIN_STOP_WORDS)


def _meaningful_stems(tokens: Iterable[str]) -> Iterable[tuple[str, str]]:
    """(token, stem) pairs of the tokens that say something about the topic."""
    for token in tokens:
        if len(token) < _MIN_TOKEN_LEN or token in _STOP_WORDS:
            continue
        stem = _stem_word(token)
        if stem not in _DOMAIN_STOP_STEMS:
            yield token, stem


def stems_uncached(text: str) -> frozenset[str]:
    """``stems`` without the cache, for one-off texts such as a request's description."""
    return frozenset(stem for _, stem in _meaningful_stems(_tokens(text)))


@lru_cache(maxsize=STEM_CACHE_SIZE)
def stems(text: str) -> frozenset[str]:
    """The set of meaningful stems of ``text`` (Russian or English, mixed is fine).

    Cached by the text itself, for texts that come back (profiles, deficits).
    """
    return stems_uncached(text)


def clear_caches() -> None:
    """Forget every cached stem (benchmarks measure cold starts with it)."""
    stems.cache_clear()
    _stem_word.cache_clear()


def overlap(query_stems: frozenset[str], candidate_stems: frozenset[str]) -> float:
    """Share of the query's stems found in the candidate's, from 0.0 to 1.0.

    Normalized by the query only: a mentor whose expertise text is long is not penalized,
    and the score reads as "how much of the need this mentor covers".
    """
    if not query_stems:
        return 0.0
    return len(query_stems & candidate_stems) / len(query_stems)


def surface_terms(text: str, wanted: Iterable[str]) -> list[str]:
    """The words of ``text`` (lowercased, ё as е) that produced the ``wanted`` stems.

    For display: "дробями" reads better than the stem "дроб". Ordered like ``sorted(wanted)``;
    a stem not present in the text is skipped. Not cached: it is called for the few mentors
    actually shown.
    """
    first_word: dict[str, str] = {}
    for token, stem in _meaningful_stems(_tokens(text)):
        first_word.setdefault(stem, token)
    return [first_word[stem] for stem in sorted(wanted) if stem in first_word]
