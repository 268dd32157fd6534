"""Translations with Project Fluent: one .ftl file per feature and language in locales/.

Fluent does Russian plural forms (one / few / many) from CLDR, so no hand-written rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from fluent.runtime import FluentBundle, FluentResource

import locales

LOCALES_DIR = Path(locales.__file__).parent
SUPPORTED = ("ru", "en")


class Translator:
    """The loaded locales. Read-only once built, so one translator can serve every app of a
    process (the tests share one: loading the .ftl files takes a fifth of a second)."""

    __slots__ = ("_bundles", "_default")

    def __init__(self, bundles: Mapping[str, FluentBundle], default: str) -> None:
        if default not in bundles:
            raise ValueError(f"the default language {default!r} has no locale")
        # The bundles are never given resources again; they only memoize compiled messages.
        self._bundles: Mapping[str, FluentBundle] = MappingProxyType(dict(bundles))
        self._default = default

    @property
    def default(self) -> str:
        return self._default

    @classmethod
    def load(cls, directory: Path = LOCALES_DIR, default: str = "ru") -> Translator:
        bundles: dict[str, FluentBundle] = {}
        for lang in SUPPORTED:
            # use_isolating=False: Unicode isolation marks show up as garbage in Telegram.
            bundle = FluentBundle([lang], use_isolating=False)
            # add_resource() reports nothing (it skips a syntax error's Junk): the locale
            # tests (tests/test_locales.py) fail on Junk instead.
            for path in sorted((directory / lang).glob("*.ftl")):
                bundle.add_resource(FluentResource(path.read_text("utf-8")))
            bundles[lang] = bundle
        return cls(bundles, default)

    def resolve(self, *candidates: str | None) -> str:
        """The first supported language among candidates ('en-US' counts as 'en')."""
        for candidate in candidates:
            if candidate:
                short = candidate.split("-")[0].lower()
                if short in self._bundles:
                    return short
        return self.default

    def get(self, lang: str, key: str, **params: Any) -> str:
        bundle = self._bundles.get(lang) or self._bundles[self.default]
        if not bundle.has_message(key):
            bundle = self._bundles[self.default]
            if not bundle.has_message(key):
                return key
        message = bundle.get_message(key)
        if message.value is None:
            return key
        text, _errors = bundle.format_pattern(message.value, params)
        # FluentNone stands for a pattern that refers to itself: never the outermost one.
        return text if isinstance(text, str) else key

    def has(self, key: str) -> bool:
        return all(bundle.has_message(key) for bundle in self._bundles.values())

    def for_lang(self, lang: str) -> Texts:
        return Texts(self, lang)

    @property
    def languages(self) -> Iterable[str]:
        return self._bundles.keys()


class Texts:
    """The translator bound to one language: `t("key", name=...)` in handlers."""

    __slots__ = ("lang", "translator")

    def __init__(self, translator: Translator, lang: str) -> None:
        self.translator = translator
        self.lang = lang

    def __call__(self, key: str, **params: Any) -> str:
        return self.translator.get(self.lang, key, **params)
