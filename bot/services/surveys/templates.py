"""Survey templates: YAML data files validated into frozen pydantic models at start-up.

A template that does not load is a start-up error naming the file and the question, so a
broken file never reaches a respondent halfway through a survey. A campaign pins the exact
version it started with by storing `template.snapshot()` and rebuilding the template with
`SurveyTemplate.from_snapshot()`; `fingerprint` tells whether two snapshots are the same.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

import data

# The shipped templates; a deployment may point load_templates() elsewhere.
TEMPLATES_DIR = Path(data.__file__).parent / "surveys"
LANGUAGES: tuple[str, ...] = ("ru", "en")
DEFAULT_LANGUAGE = "ru"

QuestionKind = Literal["single", "multi", "scale", "number", "text", "yesno"]
# Kinds whose answers are option ids: counted per option, and testable by show_if.
OPTION_KINDS: frozenset[str] = frozenset({"single", "multi", "yesno"})
# Kinds whose answers are numbers: a distribution and a mean.
NUMERIC_KINDS: frozenset[str] = frozenset({"scale", "number"})
Audience = Literal["participant", "teacher", "mentee", "mentor", "coordinator"]

SCALE_MIN = 1
SCALE_MAXIMA: tuple[int, ...] = (5, 10)
DEFAULT_TEXT_MAX_LENGTH = 500
# A Telegram message holds 4096 characters; leave room for the question around the answer.
TEXT_MAX_LENGTH_LIMIT = 3500
# Ids travel in callback data (64 bytes with a prefix), hence short ASCII slugs.
ID_PATTERN = r"^[a-z][a-z0-9_]{0,31}$"
YES, NO = "yes", "no"


# Marks our own errors in a ValidationError so the loader keeps their code as is.
_OURS = "survey_template_code"


def _fail(code: str, message: str, ctx: Mapping[str, Any] | None = None) -> PydanticCustomError:
    return PydanticCustomError(code, message, {**(ctx or {}), _OURS: True})


def _no_yaml_booleans(value: Any) -> Any:
    # YAML 1.1 reads an unquoted yes/no/on/off as a boolean: say so instead of "not a string".
    if isinstance(value, bool):
        raise _fail(
            "bad_id",
            "YAML read this id as a boolean ({value}); quote it",
            {"value": str(value).lower()},
        )
    return value


Identifier = Annotated[str, BeforeValidator(_no_yaml_booleans), Field(pattern=ID_PATTERN)]


def _check_translations(value: dict[str, str]) -> dict[str, str]:
    unknown = sorted(set(value) - set(LANGUAGES))
    if unknown:
        raise _fail("unknown_language", "unknown language(s): {languages}", {"languages": unknown})
    for lang in LANGUAGES:
        if not value.get(lang, "").strip():
            raise _fail("missing_translation", "missing translation for '{lang}'", {"lang": lang})
    return value


LocalizedText = Annotated[dict[str, str], AfterValidator(_check_translations)]


def localized(text: Mapping[str, str], lang: str) -> str:
    """The text in `lang`, or in the default language for a language we do not ship."""
    return text.get(lang) or text[DEFAULT_LANGUAGE]


class _Model(BaseModel):
    # extra="forbid": a misspelt key ("optinal: true") must fail loudly, not be ignored.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Model):
    id: Identifier
    text: LocalizedText

    def label(self, lang: str) -> str:
        return localized(self.text, lang)


# A yes/no question behaves as a two-option choice: same buttons, conditions and counts.
YESNO_OPTIONS: tuple[Option, ...] = (
    Option(id=YES, text={"ru": "Да", "en": "Yes"}),
    Option(id=NO, text={"ru": "Нет", "en": "No"}),
)


def _condition_value(value: Any) -> Any:
    # `equals: yes` unquoted is True in YAML; the answer of a yes/no question is "yes".
    if isinstance(value, bool):
        return YES if value else NO
    return value


ConditionValue = Annotated[str, BeforeValidator(_condition_value)]


class ShowIf(_Model):
    """Show the question only if an earlier choice or yes/no question got one of `values`."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    question: Identifier
    equals: ConditionValue | None = None
    in_: tuple[ConditionValue, ...] | None = Field(default=None, alias="in", min_length=1)

    @model_validator(mode="after")
    def _one_operator(self) -> ShowIf:
        if (self.equals is None) == (self.in_ is None):
            raise _fail("bad_show_if", "give exactly one of 'equals' or 'in'")
        return self

    @property
    def values(self) -> tuple[str, ...]:
        return (self.equals,) if self.equals is not None else tuple(self.in_ or ())


# Which optional fields make sense for which kind; any other one set in YAML is a mistake.
_KIND_FIELDS: dict[str, frozenset[str]] = {
    "single": frozenset({"options"}),
    "multi": frozenset({"options", "max_choices"}),
    "scale": frozenset({"min", "max", "labels"}),
    "number": frozenset({"min", "max", "integer"}),
    "text": frozenset({"max_length"}),
    "yesno": frozenset(),
}
_KIND_SPECIFIC = frozenset().union(*_KIND_FIELDS.values())


class Question(_Model):
    id: Identifier
    kind: QuestionKind
    text: LocalizedText
    hint: LocalizedText | None = None
    optional: bool = False
    show_if: ShowIf | None = None
    options: tuple[Option, ...] = ()
    max_choices: int | None = None
    min: int | float | None = None
    max: int | float | None = None
    labels: dict[int, LocalizedText] = Field(default_factory=dict)
    integer: bool = False
    max_length: int = DEFAULT_TEXT_MAX_LENGTH

    @model_validator(mode="after")
    def _check_kind(self) -> Question:
        # Compared with the defaults, not with the keys given, so that a full snapshot (which
        # carries every field) validates like the YAML it came from.
        misplaced = sorted(
            name
            for name in _KIND_SPECIFIC - _KIND_FIELDS[self.kind]
            if getattr(self, name)
            != Question.model_fields[name].get_default(call_default_factory=True)
        )
        if misplaced:
            raise _fail(
                "field_not_allowed",
                "field(s) {fields} do not apply to a '{kind}' question",
                {"fields": misplaced, "kind": self.kind},
            )
        checks = {
            "single": self._check_choices,
            "multi": self._check_choices,
            "scale": self._check_scale,
            "number": self._check_number,
            "text": self._check_text,
        }
        check = checks.get(self.kind)
        if check is not None:
            check()
        return self

    def _check_choices(self) -> None:
        if not self.options:
            raise _fail("no_options", "a choice question needs options")
        if len(self.options) < 2:
            raise _fail("too_few_options", "a choice needs at least two options")
        seen: set[str] = set()
        for option in self.options:
            if option.id in seen:
                raise _fail(
                    "duplicate_option_id", "option id '{option}' repeats", {"option": option.id}
                )
            seen.add(option.id)
        if self.max_choices is not None and not 1 <= self.max_choices <= len(self.options):
            raise _fail(
                "max_choices_out_of_range",
                "max_choices must be between 1 and {count} (the number of options)",
                {"count": len(self.options)},
            )

    def _check_scale(self) -> None:
        low = SCALE_MIN if self.min is None else self.min
        high = SCALE_MAXIMA[0] if self.max is None else self.max
        if low != SCALE_MIN or high not in SCALE_MAXIMA:
            raise _fail(
                "bad_scale_bounds",
                "a scale runs from 1 to 5 or from 1 to 10, not {low}..{high}",
                {"low": low, "high": high},
            )
        stray = sorted(point for point in self.labels if not low <= point <= high)
        if stray:
            raise _fail(
                "bad_scale_label", "labels for points off the scale: {points}", {"points": stray}
            )

    def _check_number(self) -> None:
        # Unbounded numbers invite typos such as 20000 hours; every number has bounds.
        if self.min is None or self.max is None:
            raise _fail("missing_bounds", "a number question needs min and max")
        if self.min > self.max:
            raise _fail(
                "number_bounds", "min {min} is above max {max}", {"min": self.min, "max": self.max}
            )

    def _check_text(self) -> None:
        if not 1 <= self.max_length <= TEXT_MAX_LENGTH_LIMIT:
            raise _fail(
                "bad_max_length",
                "max_length must be between 1 and {limit}",
                {"limit": TEXT_MAX_LENGTH_LIMIT},
            )

    # --- reading helpers -------------------------------------------------------------

    def label(self, lang: str) -> str:
        return localized(self.text, lang)

    def choices(self) -> tuple[Option, ...]:
        """The buttons of a choice or yes/no question (empty for the other kinds)."""
        return YESNO_OPTIONS if self.kind == "yesno" else self.options

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.choices() if o.id == option_id), None)

    @property
    def scale_points(self) -> range:
        """The points of a scale question (empty for the other kinds)."""
        if self.kind != "scale":
            return range(0)
        return range(SCALE_MIN, int(self.max or SCALE_MAXIMA[0]) + 1)


class Section(_Model):
    id: Identifier
    title: LocalizedText
    questions: tuple[Question, ...] = Field(min_length=1)


class SurveyTemplate(_Model):
    id: Identifier
    version: int = Field(ge=1)
    title: LocalizedText
    intro: LocalizedText
    # No default on purpose: whether answers are linked to people is a decision, not a habit.
    anonymous: bool
    audience: tuple[Audience, ...] = Field(min_length=1)
    # The id of the template this one is compared with (an exit questionnaire names its entry
    # questionnaire); questions with the same id are compared.
    compare_with: Identifier | None = None
    sections: tuple[Section, ...] = Field(min_length=1)

    _questions: tuple[Question, ...] = PrivateAttr(default=())
    _by_id: dict[str, Question] = PrivateAttr(default_factory=dict)
    _position: dict[str, int] = PrivateAttr(default_factory=dict)
    _section_of: dict[str, Section] = PrivateAttr(default_factory=dict)
    _fingerprint: str | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _check_structure(self) -> SurveyTemplate:
        section_ids: set[str] = set()
        for section in self.sections:
            if section.id in section_ids:
                raise _fail("duplicate_section_id", "section id '{id}' repeats", {"id": section.id})
            section_ids.add(section.id)
        all_ids = {q.id for section in self.sections for q in section.questions}
        earlier: dict[str, Question] = {}
        for section in self.sections:
            for question in section.questions:
                if question.id in earlier:
                    raise _question_error(
                        question.id, "duplicate_question_id", "question id repeats"
                    )
                if question.show_if is not None:
                    _check_condition(question, earlier, all_ids)
                earlier[question.id] = question
        return self

    def model_post_init(self, __context: Any) -> None:
        questions = tuple(q for section in self.sections for q in section.questions)
        self._questions = questions
        self._by_id = {q.id: q for q in questions}
        self._position = {q.id: i for i, q in enumerate(questions)}
        self._section_of = {q.id: s for s in self.sections for q in s.questions}

    # --- reading helpers -------------------------------------------------------------

    @property
    def questions(self) -> tuple[Question, ...]:
        """All questions in answering order, across sections."""
        return self._questions

    def question(self, question_id: str) -> Question:
        return self._by_id[question_id]

    def has_question(self, question_id: str) -> bool:
        return question_id in self._by_id

    def position(self, question_id: str) -> int:
        return self._position[question_id]

    def section_of(self, question_id: str) -> Section:
        return self._section_of[question_id]

    def label(self, lang: str) -> str:
        return localized(self.title, lang)

    # --- pinning a version -----------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """Canonical JSON-ready copy, stored with a campaign so it keeps its version."""
        return self.model_dump(mode="json", by_alias=True)

    @classmethod
    def from_snapshot(cls, snapshot: Mapping[str, Any]) -> SurveyTemplate:
        try:
            return cls.model_validate(dict(snapshot))
        except ValidationError as exc:
            raise _template_error("<snapshot>", snapshot, exc) from None

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the canonical snapshot: equal iff the content is equal."""
        if self._fingerprint is None:
            canonical = json.dumps(
                self.snapshot(), sort_keys=True, ensure_ascii=False, separators=(",", ":")
            )
            self._fingerprint = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
        return self._fingerprint


def _question_error(question_id: str, code: str, message: str, **ctx: Any) -> PydanticCustomError:
    # The question id rides in the context so the loader can name it in the TemplateError.
    return _fail(code, message, {"question_id": question_id, **ctx})


def _check_condition(
    question: Question, earlier: Mapping[str, Question], all_ids: set[str]
) -> None:
    condition = question.show_if
    assert condition is not None
    target = earlier.get(condition.question)
    if target is None:
        # Only earlier answers are known when the question is reached, so a condition on a
        # later question (or on itself) could never be evaluated.
        if condition.question in all_ids:
            code, message = "show_if_forward_reference", "show_if refers to '{ref}', not earlier"
        else:
            code, message = "show_if_unknown_question", "show_if refers to unknown '{ref}'"
        raise _question_error(question.id, code, message, ref=condition.question)
    if target.kind not in OPTION_KINDS:
        raise _question_error(
            question.id,
            "show_if_bad_kind",
            "show_if can only test a choice or yes/no question, '{ref}' is '{kind}'",
            ref=target.id,
            kind=target.kind,
        )
    known = {option.id for option in target.choices()}
    unknown = [value for value in condition.values if value not in known]
    if unknown:
        raise _question_error(
            question.id,
            "show_if_unknown_option",
            "show_if tests option(s) {options} that '{ref}' does not have",
            options=unknown,
            ref=target.id,
        )


# --- loading from YAML files ----------------------------------------------------------


class TemplateError(Exception):
    """A template file that cannot be used; raised at start-up, never mid-survey."""

    def __init__(
        self, file: Path | str, question_id: str | None, code: str, detail: str = ""
    ) -> None:
        self.file = str(file)
        self.question_id = question_id
        self.code = code
        self.detail = detail
        where = f"{self.file}, question '{question_id}'" if question_id else self.file
        super().__init__(f"{where}: [{code}] {detail}".rstrip())


class _DuplicateKey(yaml.YAMLError):
    def __init__(self, key: Any, mark: yaml.Mark) -> None:
        super().__init__(f"duplicate key '{key}' at line {mark.line + 1}")


class _StrictLoader(yaml.SafeLoader):
    """Safe loader that refuses duplicate keys, which plain YAML silently overwrites."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _value in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise _DuplicateKey(key, key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=True)


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)

# pydantic's own error types translated into the loader's codes; our custom errors keep theirs.
_PYDANTIC_CODES = {
    "missing": "missing_field",
    "extra_forbidden": "unknown_field",
    "too_short": "empty_list",
    "string_pattern_mismatch": "bad_id",
}


def _error_path(loc: tuple[int | str, ...]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part.startswith("[") or not path:
            path += part
        else:
            path += f".{part}"
    return path


def _question_at(raw: Any, loc: tuple[int | str, ...]) -> str | None:
    """The id of the innermost question on the error's path in the raw YAML data."""
    node, found, parent_key = raw, None, None
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if parent_key == "questions" and isinstance(node, Mapping):
            question_id = node.get("id")
            found = question_id if isinstance(question_id, str) else found
        parent_key = part
    return found


def _template_error(file: Path | str, raw: Any, exc: ValidationError) -> TemplateError:
    error = exc.errors(include_url=False)[0]
    loc = tuple(error["loc"])
    kind = error["type"]
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    if kind == "literal_error" and loc and loc[-1] == "kind":
        code = "unknown_kind"
    elif kind in _PYDANTIC_CODES:
        code = _PYDANTIC_CODES[kind]
    elif ctx.get(_OURS):
        code = kind
    else:
        code = "invalid_value"
    question_id = ctx.get("question_id") or _question_at(raw, loc)
    path = _error_path(loc)
    detail = f"{path}: {error['msg']}" if path else error["msg"]
    return TemplateError(file, question_id, code, detail)


def parse_template(raw: Any, file: Path | str = "<data>") -> SurveyTemplate:
    """Validate already-parsed data (a YAML or JSON document) into a template."""
    if not isinstance(raw, Mapping):
        raise TemplateError(file, None, "not_a_mapping", "the file must hold one mapping")
    try:
        return SurveyTemplate.model_validate(raw)
    except ValidationError as exc:
        raise _template_error(file, raw, exc) from None


def load_template(path: Path) -> SurveyTemplate:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)
    except _DuplicateKey as exc:
        raise TemplateError(path, None, "duplicate_key", str(exc)) from None
    except yaml.YAMLError as exc:
        raise TemplateError(path, None, "bad_yaml", " ".join(str(exc).split())) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(path, None, "unreadable", str(exc)) from None
    return parse_template(raw, path)


def load_templates(directory: Path) -> dict[str, SurveyTemplate]:
    """Every *.yaml / *.yml template in `directory`, by id; the first problem raises."""
    if not directory.is_dir():
        raise TemplateError(directory, None, "not_found", "no such directory")
    templates: dict[str, SurveyTemplate] = {}
    files: dict[str, Path] = {}
    paths = sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")])
    for path in paths:
        template = load_template(path)
        if template.id in templates:
            raise TemplateError(
                path,
                None,
                "duplicate_template_id",
                f"template id '{template.id}' is already used by {files[template.id]}",
            )
        templates[template.id] = template
        files[template.id] = path
    for template_id, template in templates.items():
        _check_comparable(template, templates, files[template_id])
    return templates


def _check_comparable(
    template: SurveyTemplate, templates: Mapping[str, SurveyTemplate], file: Path
) -> None:
    """An exit questionnaire must share comparable questions with its entry questionnaire."""
    if template.compare_with is None:
        return
    other = templates.get(template.compare_with)
    if other is None:
        raise TemplateError(
            file, None, "compare_with_unknown", f"no template '{template.compare_with}'"
        )
    shared = [q for q in template.questions if other.has_question(q.id)]
    if not shared:
        raise TemplateError(
            file,
            None,
            "compare_nothing_shared",
            f"no question id in common with '{other.id}', nothing to compare",
        )
    for question in shared:
        if not comparable(question, other.question(question.id)):
            raise TemplateError(
                file,
                question.id,
                "compare_mismatch",
                f"differs in kind, options or scale from the same question in '{other.id}'",
            )


def comparable(a: Question, b: Question) -> bool:
    """Whether answers to `a` and `b` can be compared (same kind, options and scale)."""
    return (
        a.kind == b.kind
        and [o.id for o in a.choices()] == [o.id for o in b.choices()]
        and a.scale_points == b.scale_points
    )
