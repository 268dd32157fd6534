"""The survey templates a deployment offers, loaded and validated once at start-up.

`load_library()` is what the app factory calls: a broken template raises `TemplateError`
naming the file and the question, so the bot does not start instead of failing mid-survey.
Campaigns never read the library after launch: they keep their own snapshot.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path

from bot.services.errors import NotFound
from bot.services.surveys.templates import TEMPLATES_DIR, SurveyTemplate, load_templates


class TemplateLibrary:
    """Templates by id, in a stable order (by id) for menus."""

    def __init__(self, templates: Mapping[str, SurveyTemplate], directory: Path | None = None):
        self._templates = dict(sorted(templates.items()))
        self.directory = directory

    def get(self, template_id: str) -> SurveyTemplate:
        template = self._templates.get(template_id)
        if template is None:
            raise NotFound("survey-template-unknown")
        return template

    def find(self, template_id: str) -> SurveyTemplate | None:
        return self._templates.get(template_id)

    def __iter__(self) -> Iterator[SurveyTemplate]:
        return iter(self._templates.values())

    def __len__(self) -> int:
        return len(self._templates)

    def ids(self) -> list[str]:
        return list(self._templates)


def load_library(directory: Path = TEMPLATES_DIR) -> TemplateLibrary:
    """Every template in `directory`, validated; raises TemplateError on the first problem."""
    return TemplateLibrary(load_templates(directory), directory)


def library_at(directory: Path | str | None = None) -> TemplateLibrary:
    """The library of `directory` (empty: the shipped templates), read once per process while
    the files stay the same: every app built in one process (the tests build hundreds) shares
    it, and an edited file is read again by the next start."""
    folder = Path(directory) if directory else TEMPLATES_DIR
    try:
        stamp = tuple(
            (path.name, path.stat().st_mtime_ns, path.stat().st_size)
            for path in sorted(folder.glob("*.y*ml"))
        )
    except OSError:
        stamp = ()
    return _cached(folder.resolve(), stamp)


@lru_cache(maxsize=8)
def _cached(folder: Path, _stamp: tuple[tuple[str, int, int], ...]) -> TemplateLibrary:
    # Errors are not cached (lru_cache keeps only returned values): a fixed file loads next time.
    return load_library(folder)
