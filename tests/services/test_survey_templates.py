"""Survey templates: every broken shape is its own start-up error; shipped templates load."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.services.surveys.templates import (
    TEMPLATES_DIR,
    SurveyTemplate,
    TemplateError,
    comparable,
    load_template,
    load_templates,
)


def _text(ru: str, en: str | None = None) -> dict[str, str]:
    return {"ru": ru, "en": en or f"{ru} (en)"}


def _template() -> dict[str, Any]:
    """A small valid template with every kind; tests break one thing at a time."""
    return {
        "id": "sample",
        "version": 1,
        "title": _text("Анкета", "Survey"),
        "intro": _text("Вступление", "Intro"),
        "anonymous": True,
        "audience": ["teacher"],
        "sections": [
            {
                "id": "first",
                "title": _text("Первый", "First"),
                "questions": [
                    {
                        "id": "role",
                        "kind": "single",
                        "text": _text("Роль?", "Role?"),
                        "options": [
                            {"id": "mentor", "text": _text("Наставник", "Mentor")},
                            {"id": "mentee", "text": _text("Наставляемый", "Mentee")},
                        ],
                    },
                    {
                        "id": "topics",
                        "kind": "multi",
                        "max_choices": 2,
                        "text": _text("Темы?", "Topics?"),
                        "options": [
                            {"id": "a", "text": _text("А", "A")},
                            {"id": "b", "text": _text("Б", "B")},
                            {"id": "c", "text": _text("В", "C")},
                        ],
                        "show_if": {"question": "role", "equals": "mentee"},
                    },
                    {"id": "happy", "kind": "yesno", "text": _text("Довольны?", "Happy?")},
                ],
            },
            {
                "id": "second",
                "title": _text("Второй", "Second"),
                "questions": [
                    {
                        "id": "score",
                        "kind": "scale",
                        "max": 10,
                        "labels": {1: _text("плохо", "bad"), 10: _text("отлично", "great")},
                        "text": _text("Оценка?", "Score?"),
                    },
                    {
                        "id": "hours",
                        "kind": "number",
                        "min": 0,
                        "max": 100,
                        "integer": True,
                        "text": _text("Часы?", "Hours?"),
                    },
                    {
                        "id": "comment",
                        "kind": "text",
                        "optional": True,
                        "max_length": 200,
                        "text": _text("Комментарий", "Comment"),
                        "show_if": {"question": "happy", "in": ["no"]},
                    },
                ],
            },
        ],
    }


def _question(data: dict[str, Any], question_id: str) -> dict[str, Any]:
    for section in data["sections"]:
        for question in section["questions"]:
            if question["id"] == question_id:
                return question
    raise KeyError(question_id)


def _write(directory: Path, data: Any, name: str = "sample.yaml") -> Path:
    path = directory / name
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_sample_template_is_valid(tmp_path: Path) -> None:
    template = load_template(_write(tmp_path, _template()))
    assert [q.id for q in template.questions] == [
        "role",
        "topics",
        "happy",
        "score",
        "hours",
        "comment",
    ]
    assert template.question("score").scale_points == range(1, 11)
    assert [o.id for o in template.question("happy").choices()] == ["yes", "no"]
    assert template.section_of("hours").id == "second"


Mutation = Callable[[dict[str, Any]], None]


def _set(question_id: str, **fields: Any) -> Mutation:
    return lambda data: _question(data, question_id).update(fields)


def _drop(question_id: str, field: str) -> Mutation:
    return lambda data: _question(data, question_id).pop(field)


def _duplicate_question(data: dict[str, Any]) -> None:
    _question(data, "hours")["id"] = "role"


def _duplicate_section(data: dict[str, Any]) -> None:
    data["sections"][1]["id"] = "first"


def _duplicate_option(data: dict[str, Any]) -> None:
    _question(data, "topics")["options"][2]["id"] = "a"


def _option_without_en(data: dict[str, Any]) -> None:
    del _question(data, "role")["options"][1]["text"]["en"]


BROKEN: list[tuple[str, Mutation, str, str | None]] = [
    ("missing top field", lambda d: d.pop("title"), "missing_field", None),
    ("missing anonymous flag", lambda d: d.pop("anonymous"), "missing_field", None),
    ("missing question text", _drop("hours", "text"), "missing_field", "hours"),
    ("missing question kind", _drop("hours", "kind"), "missing_field", "hours"),
    ("unknown kind", _set("hours", kind="slider"), "unknown_kind", "hours"),
    ("misspelt field", _set("hours", optinal=True), "unknown_field", "hours"),
    ("duplicate question id", _duplicate_question, "duplicate_question_id", "role"),
    ("duplicate section id", _duplicate_section, "duplicate_section_id", None),
    ("choice without options", _set("role", options=[]), "no_options", "role"),
    (
        "choice with one option",
        _set("role", options=[{"id": "x", "text": _text("x")}]),
        "too_few_options",
        "role",
    ),
    ("duplicate option id", _duplicate_option, "duplicate_option_id", "topics"),
    ("max_choices zero", _set("topics", max_choices=0), "max_choices_out_of_range", "topics"),
    (
        "max_choices above options",
        _set("topics", max_choices=4),
        "max_choices_out_of_range",
        "topics",
    ),
    ("max_choices on single", _set("role", max_choices=1), "field_not_allowed", "role"),
    ("scale 1..7", _set("score", max=7), "bad_scale_bounds", "score"),
    ("scale from 0", _set("score", min=0), "bad_scale_bounds", "score"),
    ("scale label off the scale", _set("score", max=5), "bad_scale_label", "score"),
    (
        "options on a scale",
        _set("score", options=[{"id": "x", "text": _text("x")}]),
        "field_not_allowed",
        "score",
    ),
    ("number min above max", _set("hours", min=10, max=5), "number_bounds", "hours"),
    ("number without bounds", _drop("hours", "max"), "missing_bounds", "hours"),
    ("text max_length zero", _set("comment", max_length=0), "bad_max_length", "comment"),
    ("text max_length huge", _set("comment", max_length=5000), "bad_max_length", "comment"),
    (
        "show_if unknown question",
        _set("topics", show_if={"question": "nope", "equals": "x"}),
        "show_if_unknown_question",
        "topics",
    ),
    (
        "show_if later question",
        _set("topics", show_if={"question": "happy", "equals": "yes"}),
        "show_if_forward_reference",
        "topics",
    ),
    (
        "show_if itself",
        _set("happy", show_if={"question": "happy", "equals": "yes"}),
        "show_if_forward_reference",
        "happy",
    ),
    (
        "show_if unknown option",
        _set("topics", show_if={"question": "role", "equals": "boss"}),
        "show_if_unknown_option",
        "topics",
    ),
    (
        "show_if yes/no typo",
        _set("comment", show_if={"question": "happy", "in": ["nope"]}),
        "show_if_unknown_option",
        "comment",
    ),
    (
        "show_if on a scale",
        _set("hours", show_if={"question": "score", "equals": "5"}),
        "show_if_bad_kind",
        "hours",
    ),
    (
        "show_if two operators",
        _set("topics", show_if={"question": "role", "equals": "mentee", "in": ["mentee"]}),
        "bad_show_if",
        "topics",
    ),
    ("show_if no operator", _set("topics", show_if={"question": "role"}), "bad_show_if", "topics"),
    ("question without en", _set("hours", text={"ru": "Часы?"}), "missing_translation", "hours"),
    (
        "question with blank ru",
        _set("hours", text={"ru": " ", "en": "Hours?"}),
        "missing_translation",
        "hours",
    ),
    ("option without en", _option_without_en, "missing_translation", "role"),
    ("title without en", lambda d: d.update(title={"ru": "Анкета"}), "missing_translation", None),
    (
        "unknown language",
        _set("hours", text={**_text("Часы?"), "de": "Stunden?"}),
        "unknown_language",
        "hours",
    ),
    ("bad question id", _set("hours", id="Hours!"), "bad_id", "Hours!"),
    ("no sections", lambda d: d.update(sections=[]), "empty_list", None),
    ("version zero", lambda d: d.update(version=0), "invalid_value", None),
    ("unknown audience", lambda d: d.update(audience=["parents"]), "invalid_value", None),
]


@pytest.mark.parametrize(
    ("mutate", "code", "question_id"),
    [case[1:] for case in BROKEN],
    ids=[case[0] for case in BROKEN],
)
def test_each_broken_shape_is_its_own_error(
    tmp_path: Path, mutate: Mutation, code: str, question_id: str | None
) -> None:
    data = copy.deepcopy(_template())
    mutate(data)
    path = _write(tmp_path, data)
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    error = caught.value
    assert (error.code, error.question_id) == (code, question_id), str(error)
    assert error.file == str(path)
    assert str(path) in str(error)
    if question_id:
        assert f"question '{question_id}'" in str(error)


RAW_YAML_BROKEN = [
    ("unclosed bracket", "id: [sample\n", "bad_yaml"),
    ("tab indentation", "id: sample\n\tversion: 1\n", "bad_yaml"),
    ("duplicate key", "id: sample\nversion: 1\nversion: 2\n", "duplicate_key"),
    ("a list, not a mapping", "- a\n- b\n", "not_a_mapping"),
    ("empty file", "", "not_a_mapping"),
]


@pytest.mark.parametrize(
    ("text", "code"), [c[1:] for c in RAW_YAML_BROKEN], ids=[c[0] for c in RAW_YAML_BROKEN]
)
def test_unparsable_files_are_errors_naming_the_file(tmp_path: Path, text: str, code: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    assert caught.value.code == code
    assert caught.value.file == str(path)


def test_a_duplicate_key_inside_a_question_is_caught(tmp_path: Path) -> None:
    text = yaml.safe_dump(_template(), allow_unicode=True).replace(
        "kind: yesno\n", "kind: yesno\n    kind: text\n", 1
    )
    with pytest.raises(TemplateError) as caught:
        load_template(_write(tmp_path, text))
    assert caught.value.code == "duplicate_key"
    assert "kind" in caught.value.detail


def test_unquoted_yes_as_an_option_id_says_to_quote_it(tmp_path: Path) -> None:
    text = yaml.safe_dump(_template(), allow_unicode=True).replace("id: mentor", "id: yes")
    with pytest.raises(TemplateError) as caught:
        load_template(_write(tmp_path, text))
    assert caught.value.code == "bad_id"
    assert caught.value.question_id == "role"
    assert "quote" in caught.value.detail


def test_unquoted_yes_in_a_condition_means_the_yes_answer(tmp_path: Path) -> None:
    text = yaml.safe_dump(_template(), allow_unicode=True).replace("- 'no'", "- no")
    assert "- no\n" in text
    template = load_template(_write(tmp_path, text))
    condition = template.question("comment").show_if
    assert condition is not None and condition.values == ("no",)


def test_duplicate_template_id_across_files_names_the_second_file(tmp_path: Path) -> None:
    _write(tmp_path, _template(), "a.yaml")
    second = _write(tmp_path, _template(), "b.yaml")
    with pytest.raises(TemplateError) as caught:
        load_templates(tmp_path)
    assert caught.value.code == "duplicate_template_id"
    assert caught.value.file == str(second)
    assert "a.yaml" in caught.value.detail


def test_one_broken_file_stops_the_whole_load(tmp_path: Path) -> None:
    _write(tmp_path, _template(), "good.yaml")
    broken = copy.deepcopy(_template())
    broken["id"] = "other"
    _question(broken, "score")["max"] = 3
    bad = _write(tmp_path, broken, "bad.yml")
    with pytest.raises(TemplateError) as caught:
        load_templates(tmp_path)
    assert (caught.value.file, caught.value.code) == (str(bad), "bad_scale_bounds")


def test_missing_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as caught:
        load_templates(tmp_path / "nope")
    assert caught.value.code == "not_found"


def _exit_of(entry: dict[str, Any]) -> dict[str, Any]:
    exit_ = copy.deepcopy(entry)
    exit_.update(id="sample_exit", compare_with=entry["id"])
    return exit_


def test_compare_with_must_name_a_loaded_template(tmp_path: Path) -> None:
    data = _template()
    data["compare_with"] = "nowhere"
    _write(tmp_path, data)
    with pytest.raises(TemplateError) as caught:
        load_templates(tmp_path)
    assert caught.value.code == "compare_with_unknown"


def test_compared_questions_must_keep_their_options(tmp_path: Path) -> None:
    entry = _template()
    exit_ = _exit_of(entry)
    _question(exit_, "topics")["options"][2]["id"] = "d"
    _write(tmp_path, entry, "entry.yaml")
    _write(tmp_path, exit_, "exit.yaml")
    with pytest.raises(TemplateError) as caught:
        load_templates(tmp_path)
    assert (caught.value.code, caught.value.question_id) == ("compare_mismatch", "topics")


def test_compared_templates_must_share_a_question(tmp_path: Path) -> None:
    entry = _template()
    exit_ = _exit_of(entry)
    for section in exit_["sections"]:
        for question in section["questions"]:
            question["id"] = "x_" + question["id"]
            if "show_if" in question:
                question["show_if"]["question"] = "x_" + question["show_if"]["question"]
    _write(tmp_path, entry, "entry.yaml")
    _write(tmp_path, exit_, "exit.yaml")
    with pytest.raises(TemplateError) as caught:
        load_templates(tmp_path)
    assert caught.value.code == "compare_nothing_shared"


# --- pinning a version ------------------------------------------------------------------


def test_snapshot_round_trips_through_json_with_the_same_fingerprint(tmp_path: Path) -> None:
    template = load_template(_write(tmp_path, _template()))
    stored = json.loads(json.dumps(template.snapshot()))
    restored = SurveyTemplate.from_snapshot(stored)
    assert restored == template
    assert restored.fingerprint == template.fingerprint
    assert len(template.fingerprint) == 64


def test_any_content_change_changes_the_fingerprint(tmp_path: Path) -> None:
    template = load_template(_write(tmp_path, _template()))
    changed = _template()
    _question(changed, "hours")["max"] = 99
    assert load_template(_write(tmp_path, changed, "b.yaml")).fingerprint != template.fingerprint


def test_a_running_campaign_keeps_the_version_it_started_with(tmp_path: Path) -> None:
    path = _write(tmp_path, _template())
    pinned = load_template(path).snapshot()  # stored with the campaign at its start
    edited = _template()
    edited["version"] = 2
    _question(edited, "role")["options"].append({"id": "boss", "text": _text("Директор")})
    _write(tmp_path, edited)  # the file changes while the campaign runs

    current = load_template(path)
    campaign_template = SurveyTemplate.from_snapshot(pinned)
    assert current.version == 2
    assert campaign_template.version == 1
    assert [o.id for o in campaign_template.question("role").options] == ["mentor", "mentee"]
    assert campaign_template.fingerprint != current.fingerprint


def test_a_corrupt_snapshot_is_a_template_error() -> None:
    snapshot = SurveyTemplate.model_validate(_template()).snapshot()
    snapshot["sections"][0]["questions"][0]["kind"] = "slider"
    with pytest.raises(TemplateError) as caught:
        SurveyTemplate.from_snapshot(snapshot)
    assert (caught.value.file, caught.value.code) == ("<snapshot>", "unknown_kind")


# --- shipped templates ----------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> dict[str, SurveyTemplate]:
    return load_templates(TEMPLATES_DIR)


def test_every_shipped_template_loads(shipped: dict[str, SurveyTemplate]) -> None:
    assert set(shipped) == {
        "tomsk_effectiveness_criteria",
        "mentee_satisfaction_start",
        "mentee_satisfaction_end",
        "mentor_satisfaction_start",
        "mentor_satisfaction_end",
        "flash_feedback",
        "coordinator_roadmap",
    }
    for path in sorted(TEMPLATES_DIR.glob("*.yaml")):
        assert load_template(path).id in shipped


def test_tomsk_criteria_use_the_exact_scales_of_appendix_1(
    shipped: dict[str, SurveyTemplate],
) -> None:
    template = shipped["tomsk_effectiveness_criteria"]
    availability = ["Имеется, доступно", "Имеется, недоступно", "Не имеется, недоступно"]
    effectiveness = ["Имеется, эффективна", "Имеется, неэффективна", "Не имеется"]
    for question_id, level in [
        ("deficits_org", "образовательной организации"),
        ("deficits_municipality", "муниципалитета"),
        ("deficits_region", "региона"),
    ]:
        question = template.question(question_id)
        assert question.kind == "single"
        assert question.text["ru"].endswith(f"на уровне {level}")
        assert [o.text["ru"] for o in question.options] == availability
    for question_id in ("motivation_material", "motivation_nonmaterial"):
        question = template.question(question_id)
        assert [o.text["ru"] for o in question.options] == effectiveness
    assert template.question("motivation_material").text["ru"] == (
        "Наличие системы материальной мотивации"
    )
    assert template.question("motivation_nonmaterial").text["ru"] == (
        "Наличие системы нематериальной мотивации"
    )
    assert template.anonymous


@pytest.mark.parametrize("role", ["mentee", "mentor"])
def test_entry_and_exit_questionnaires_share_comparable_questions(
    shipped: dict[str, SurveyTemplate], role: str
) -> None:
    entry = shipped[f"{role}_satisfaction_start"]
    exit_ = shipped[f"{role}_satisfaction_end"]
    assert exit_.compare_with == entry.id
    shared = [q for q in exit_.questions if entry.has_question(q.id)]
    assert len(shared) >= 8
    assert all(comparable(q, entry.question(q.id)) for q in shared)
    assert any(q.kind == "scale" for q in shared)


def test_named_and_anonymous_shipped_templates(shipped: dict[str, SurveyTemplate]) -> None:
    named = {t.id for t in shipped.values() if not t.anonymous}
    assert named == {"flash_feedback", "coordinator_roadmap"}
    # A named survey says who sees the answers: the flash questionnaire's go to the
    # coordinators' results only (each flash session keeps its own rating for the mentor).
    intro = shipped["flash_feedback"].intro
    assert "координаторы" in intro["ru"] and "coordinators" in intro["en"]
    assert "не передаются" in intro["ru"] and "not passed on to the mentor" in intro["en"]


def test_shipped_templates_have_both_languages_everywhere(
    shipped: dict[str, SurveyTemplate],
) -> None:
    for template in shipped.values():
        texts = [template.title, template.intro]
        for section in template.sections:
            texts.append(section.title)
            for question in section.questions:
                texts.append(question.text)
                texts += [o.text for o in question.options]
        assert all(text["ru"].strip() and text["en"].strip() for text in texts), template.id


PROGRAM = "tomsk-region-teacher-mentoring-program-2020-2024.txt"  # in ../shared/seeds
QUESTIONING = "Анкетирование педагогических работников"


def _appendix_1_questioned(text: str) -> list[tuple[str, list[str], str]]:
    """(criterion, its indicators, its scale) for each criterion of appendix 1 measured by
    questioning teachers. Rows are tab-separated: number, criterion, indicator, method, scale;
    a further indicator of the same criterion is a row starting with two tabs."""
    table = text[text.index("Приложение 1") :]
    found: list[tuple[str, list[str], str]] = []
    current: tuple[str, list[str], str] | None = None
    for line in table.splitlines():
        cells = line.split("\t")
        if len(cells) >= 5 and cells[0].rstrip(".").isdigit():
            current = None
            if cells[3].strip() == QUESTIONING:
                current = (cells[1].strip(), [cells[2].strip()], cells[4].strip())
                found.append(current)
        elif len(cells) >= 3 and cells[0] == "" and cells[1] == "" and current is not None:
            current[1].append(cells[2].strip())
    return found


def test_tomsk_criteria_template_matches_the_programs_text(
    shipped: dict[str, SurveyTemplate], seeds_dir: Path
) -> None:
    """Read against the seed itself: every criterion the program measures by questioning
    teachers is a section, every indicator a question worded as in the program, and the
    options, read in order, are the program's scale word for word."""
    criteria = _appendix_1_questioned((seeds_dir / PROGRAM).read_text("utf-8"))
    assert [len(indicators) for _c, indicators, _s in criteria] == [3, 2]
    template = shipped["tomsk_effectiveness_criteria"]
    assert len(template.sections) == len(criteria)
    for section, (criterion, indicators, scale) in zip(template.sections, criteria, strict=True):
        assert section.title["ru"] == criterion
        asked = [q for q in section.questions if not q.optional]
        assert [q.text["ru"] for q in asked] == indicators
        for question in asked:
            assert question.kind == "single"
            assert " ".join(o.text["ru"] for o in question.options) == scale
