"""Every text exists in Russian and English with the same placeholders, and every key the code
uses exists."""

from __future__ import annotations

import re
from pathlib import Path

from fluent.syntax import FluentParser, ast, visitor

from bot.i18n import LOCALES_DIR, Translator

ROOT = Path(__file__).resolve().parent.parent


class _Variables(visitor.Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_VariableReference(self, node: ast.VariableReference) -> None:
        self.names.add(node.id.name)
        self.generic_visit(node)


def messages(lang: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    parser = FluentParser()
    for path in sorted((LOCALES_DIR / lang).glob("*.ftl")):
        resource = parser.parse(path.read_text("utf-8"))
        junk = [entry for entry in resource.body if isinstance(entry, ast.Junk)]
        assert not junk, f"{path}: syntax error near {junk[0].content[:60]!r}"
        for entry in resource.body:
            if isinstance(entry, ast.Message):
                assert entry.id.name not in found, f"{path}: {entry.id.name} defined twice"
                variables = _Variables()
                variables.visit(entry)
                found[entry.id.name] = variables.names
    return found


def test_same_keys_and_placeholders_in_both_languages() -> None:
    ru, en = messages("ru"), messages("en")
    assert sorted(set(ru) - set(en)) == []
    assert sorted(set(en) - set(ru)) == []
    mismatched = {key: (ru[key], en[key]) for key in ru if ru[key] != en[key]}
    assert mismatched == {}


def test_every_literal_key_used_in_code_exists() -> None:
    known = set(messages("ru"))
    pattern = re.compile(
        r"""(?:texts|ptexts|ctexts|admin_texts)\(\s*["']([a-z0-9-]+)["']"""
        r"""|(?:DomainError|InvalidInput|Forbidden|NotFound)\(\s*["']([a-z0-9-]+)["']"""
    )
    missing = set()
    for folder in ("bot", "handlers", "scheduler"):
        for path in (ROOT / folder).rglob("*.py"):
            for match in pattern.finditer(path.read_text("utf-8")):
                key = match.group(1) or match.group(2)
                if key not in known:
                    missing.add(f"{path.relative_to(ROOT)}: {key}")
    assert sorted(missing) == []


def test_catalog_and_enum_names_exist(translator: Translator) -> None:
    from bot.services import catalog
    from models.enums import ParticipantStatus

    keys = [f"subject-{k}" for k in catalog.SUBJECTS] + [f"deficit-{k}" for k in catalog.DEFICITS]
    keys += [f"format-{k}" for k in catalog.FORMATS] + [f"category-{k}" for k in catalog.CATEGORIES]
    keys += [f"status-{s.value}" for s in ParticipantStatus]
    assert [k for k in keys if not translator.has(k)] == []


def test_russian_plurals(translator: Translator) -> None:
    t = translator.for_lang("ru")
    assert [t("invite-days", days=n) for n in (1, 3, 7, 21, 30)] == [
        "1 день",
        "3 дня",
        "7 дней",
        "21 день",
        "30 дней",
    ]
