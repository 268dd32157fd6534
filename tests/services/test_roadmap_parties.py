"""Responsible text → parties: every "Ответственные" cell of the seeds, variants, and the
expansion into the owner's scope."""

from __future__ import annotations

import pytest

from bot.services.roadmaps.parties import (
    EDUCATIONAL,
    DirectoryOrg,
    OwnerDirectory,
    expand,
    match_responsible,
)
from bot.services.roadmaps.table_import import import_roadmap, seed_templates
from models.enums import OrganizationKind as K

R, M, ORG = "region", "municipality", "organization"


def levels(text: str) -> list[tuple[str | None, frozenset[str]]]:
    return [(m.level, m.kinds) for m in match_responsible(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ОГБУ «РЦРО»", [(R, frozenset())]),
        ("ОГБУ «РЦРО»/региональный оператор", [(R, frozenset())]),
        ("РЦН", [(R, frozenset())]),
        ("ТОИПКРО", [(R, frozenset())]),
        ("ДО ТОО\nТОИПКРО", [(R, frozenset())]),
        (
            "Министерство образования и науки Самарской области (далее – Министерство)",
            [(R, frozenset())],
        ),
        ("МОУО", [(M, frozenset())]),
        ("ТУ/ДО", [(M, frozenset())]),
        ("Муниципальные органы управления образования", [(M, frozenset())]),
        (
            "Отдел образования Администрации муниципального образования «Город Кедровый»",
            [(M, frozenset())],
        ),
        (
            "Отдел образованияАдминистрации муниципального образования «Город Кедровый»",
            [(M, frozenset())],
        ),
        ("Управление образования Администрации Томского района", [(M, frozenset())]),
        (
            "Территориальные управления министерства образования и науки Самарской области, "
            "Департаменты образования городских округов Самара и Тольятти (далее – ТУ/ДО)",
            [(M, frozenset())],
        ),
        ("ОО, ДО", [(ORG, frozenset({K.school, K.supplementary}))]),
        ("Образовательные организации", [(ORG, EDUCATIONAL)]),
        ("Руководители образовательных организаций", [(ORG, EDUCATIONAL)]),
        (
            "Управление образования Администрации Томского района, ТОИПКРО",
            [(R, frozenset()), (M, frozenset())],
        ),
        (
            "ОГБУ «РЦРО», МОУО, ОО, ДО, ВО, ПО, НЦ, предприятия",
            [
                (R, frozenset()),
                (M, frozenset()),
                (
                    ORG,
                    frozenset(
                        {
                            K.school,
                            K.supplementary,
                            K.university,
                            K.vocational,
                            K.science_center,
                            K.enterprise,
                        }
                    ),
                ),
            ],
        ),
        (
            "Отдел образования Администрации муниципального образования «Город Кедровый»; "
            "Образовательные организации;\nорганизации высшего и профессионального образования; "
            "предприятия",
            [(M, frozenset()), (ORG, EDUCATIONAL | {K.enterprise})],
        ),
    ],
)
def test_levels_of_real_cells(text: str, expected: list) -> None:
    assert levels(text) == expected


def test_unrecognised_text_stays_as_text() -> None:
    found = match_responsible("МОУО, Совет ветеранов")
    assert [(m.level, m.text) for m in found] == [(M, "МОУО"), (None, "Совет ветеранов")]
    # A participle after a comma continues the name: one piece, not two.
    only = match_responsible("Организации, реализующие программы ДПО (по согласованию)")
    assert [(m.level, m.text) for m in only] == [
        (None, "Организации, реализующие программы ДПО (по согласованию)")
    ]
    assert match_responsible("") == []


def test_every_seed_cell_is_recognised_except_the_one_outside_the_system() -> None:
    unknown = set()
    for entry in seed_templates().values():
        parsed = import_roadmap(entry.read_bytes(), entry.name)
        for item in parsed.items():
            for deadline in item.deadlines:
                for match in match_responsible(deadline.responsible):
                    if match.level is None:
                        unknown.add(match.text)
    assert unknown == {"Организации, реализующие программы ДПО (по согласованию)"}


REGION = OwnerDirectory(
    "region",
    1,
    1,
    (10, 11),
    (
        DirectoryOrg(100, 10, K.school),
        DirectoryOrg(101, 10, K.supplementary),
        DirectoryOrg(102, 11, K.school),
        DirectoryOrg(103, 11, K.authority),
        DirectoryOrg(104, 11, K.enterprise),
    ),
)
MUNI = OwnerDirectory("municipality", 10, 1, (10,), REGION.organizations[:2])
SCHOOL = OwnerDirectory("organization", 100, 1, (10,), ())


def scopes(text: str, owner: OwnerDirectory) -> list[tuple[str | None, int | None]]:
    return [(p.level, p.scope_id) for p in expand(match_responsible(text), owner)]


def test_expansion_follows_the_owner() -> None:
    # A regional roadmap: "МОУО" is every municipality, "ОО" every school of the region.
    assert scopes("ОГБУ «РЦРО», МОУО, ОО", REGION) == [
        (R, 1),
        (M, 10),
        (M, 11),
        (ORG, 100),
        (ORG, 102),
    ]
    # Authorities and enterprises are not "educational organizations".
    assert scopes("Образовательные организации", REGION) == [(ORG, 100), (ORG, 101), (ORG, 102)]
    assert scopes("предприятия", REGION) == [(ORG, 104)]
    # A municipal roadmap: the region is above the owner — kept, but nobody to remind.
    assert scopes("ОГБУ «РЦРО», Отдел образования, ОО, ДО", MUNI) == [
        (R, None),
        (M, 10),
        (ORG, 100),
        (ORG, 101),
    ]
    # A school's own roadmap: "Образовательная организация" is the school itself.
    assert scopes("Образовательная организация", SCHOOL) == [(ORG, 100)]
    assert scopes("МОУО", SCHOOL) == [(M, None)]
    # A kind the directory does not have.
    assert scopes("ВО", MUNI) == [(ORG, None)]
    assert scopes("Совет ветеранов", REGION) == [(None, None)]


@pytest.mark.parametrize(
    "text",
    [
        "Директор",
        "Зам. директора по УВР",
        "Заместитель директора",
        "Заместитель директора по ВР, куратор",
        "Куратор",
        "Куратор наставничества",
        "Наставник",
        "Наставники, наставляемые",
        "Руководитель МО",
        "Руководители ШМО",
        "Руководитель методического объединения",
        "Педагог-психолог",
        "Классные руководители",
        "Молодые специалисты",
        "Ответственный за наставничество",
        "Педагогический совет",
        "Учителя-предметники",
    ],
)
def test_a_schools_own_people_are_the_school(text: str) -> None:
    """The roles a school's own plan names are the school's level: the school itself in its
    own roadmap (so its coordinator is reminded), every educational organization in a
    municipal one."""
    assert levels(text) == [(ORG, EDUCATIONAL)]
    assert scopes(text, SCHOOL) == [(ORG, 100)]
    assert scopes(text, MUNI) == [(ORG, 100), (ORG, 101)]


def test_other_levels_named_beside_a_role_keep_their_level() -> None:
    # The regional operator's director is the region; a municipal methodical association
    # ("ММО") is no school's, and a lone "Методист" may be anyone's: left for a human.
    assert levels("Директор ОГБУ «РЦРО»") == [(R, frozenset())]
    assert levels("Руководитель ММО") == [(None, frozenset())]
    assert levels("Методист") == [(None, frozenset())]
    # One piece per line: the school's director and the municipal office.
    assert scopes("Директор\nОтдел образования", MUNI) == [(M, 10), (ORG, 100), (ORG, 101)]
