"""Who is responsible: the "Ответственные" text of a roadmap row mapped to parties.

A row names levels and kinds of organizations the way each region writes them: "ОГБУ «РЦРО»",
"МОУО", "ОО, ДО", "Отдел образования Администрации … «Город Кедровый»", "Руководители
образовательных организаций", "ТУ/ДО", "Министерство". Reading happens in two steps:

1. `match_responsible(text)` cuts the text into pieces (lines, ";", and commas that start a new
   name — "Организации, реализующие программы ДПО" stays one piece) and recognises in each
   piece a level: the region (its ministry or department, the regional operator, the
   institute of teacher training), the municipal education body, or organizations of given
   kinds. A piece with nothing recognisable is kept as text with level None;
2. `expand(matches, owner, directory)` turns levels into concrete parties inside the owner's
   scope: "МОУО" in a regional roadmap is every municipality of the region, "ОО" every school.
   A level above the owner (the region operator in a municipal roadmap) is kept with no
   scope id: recognised, but nobody of this roadmap's scope is to be reminded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from models.enums import OrganizationKind, ScopeLevel

# "Образовательные организации": the organizations that teach, not the authorities (МОУО
# offices are kept as organizations of kind "authority") nor enterprises.
EDUCATIONAL = frozenset(
    {
        OrganizationKind.school,
        OrganizationKind.supplementary,
        OrganizationKind.vocational,
        OrganizationKind.university,
    }
)
ALL_ORGANIZATIONS = frozenset(k for k in OrganizationKind if k != OrganizationKind.authority)

_REGION = ScopeLevel.region.value
_MUNI = ScopeLevel.municipality.value
_ORG = ScopeLevel.organization.value

# (level, organization kinds, pattern, case-sensitive). Order is precedence: a match blanks
# its text out, so "ДО" inside "ТУ/ДО" or "ДО ТОО" is not read again as "supplementary".
_Rule = tuple[str, frozenset[str], re.Pattern[str]]


def _rules(specs: Iterable[tuple[str, frozenset[str], str, bool]]) -> tuple[_Rule, ...]:
    return tuple(
        (level, kinds, re.compile(pattern, 0 if exact_case else re.IGNORECASE))
        for level, kinds, pattern, exact_case in specs
    )


_NONE: frozenset[str] = frozenset()
_RULES = _rules(
    (
        # Municipal bodies first: "Территориальные управления министерства ..." is not the
        # ministry.
        (_MUNI, _NONE, r"\bТУ\s*/\s*ДО\b", True),
        (
            _MUNI,
            _NONE,
            r"территориальн\w*\s+(?:управлени|отдел|орган)\w*(?:\s+министерств\w*)?",
            False,
        ),
        (_MUNI, _NONE, r"департамент\w*\s+образования\s+городск\w*", False),
        (_MUNI, _NONE, r"\bМОУО\b|\bМОУ\s*О\b|\bМОО\b", True),
        (_MUNI, _NONE, r"муниципальн\w*\s+(?:орган\w*|управлени\w*|отдел\w*|служб\w*)", False),
        (_MUNI, _NONE, r"отдел\w*\s*образовани\w*", False),
        (_MUNI, _NONE, r"управлени\w*\s+образовани\w*", False),
        (_MUNI, _NONE, r"комитет\w*\s+(?:по\s+)?образовани\w*", False),
        # The region: its education authority, regional operator and centres, the institute.
        (_REGION, _NONE, r"\bДОО?\s*ТОО?\b", True),  # ДО ТОО, ДОО ТО: Tomsk's department
        (_REGION, _NONE, r"\b(?:ОГБУ\s*)?«?\s*(?:РЦРО|РЦН|РЦТР|РМЦ|ТОИПКРО|ИРО)\b", True),
        (_REGION, _NONE, r"министерств\w*", False),
        (_REGION, _NONE, r"региональн\w*\s+(?:оператор|центр|ресурсн)\w*", False),
        (_REGION, _NONE, r"департамент\w*\s+(?:общего\s+)?образования", False),
        (_REGION, _NONE, r"институт\w*\s+(?:повышения|развития)\w*", False),
        # Organizations by kind.
        (
            _ORG,
            frozenset({OrganizationKind.university, OrganizationKind.vocational}),
            r"организаци\w*\s+высшего\s+и\s+профессионального\s+образования",
            False,
        ),
        (
            _ORG,
            frozenset({OrganizationKind.university}),
            r"организаци\w*\s+высшего\s+образования|\bвуз\w*",
            False,
        ),
        (
            _ORG,
            frozenset({OrganizationKind.vocational}),
            r"профессиональн\w*\s+образовательн\w*\s+организаци\w*",
            False,
        ),
        (
            _ORG,
            frozenset({OrganizationKind.supplementary}),
            r"(?:организаци|учреждени)\w*\s+дополнительного\s+образования",
            False,
        ),
        (_ORG, EDUCATIONAL, r"образовательн\w*\s+(?:организаци|учреждени)\w*", False),
        (_ORG, ALL_ORGANIZATIONS, r"подведомственн\w*\s+(?:учреждени|организаци)\w*", False),
        (_ORG, frozenset({OrganizationKind.school}), r"\bО[ОУ]\b", True),
        (_ORG, frozenset({OrganizationKind.school}), r"школ\w*", False),
        (_ORG, frozenset({OrganizationKind.supplementary}), r"\bУДО\b|\bДО\b", True),
        (_ORG, frozenset({OrganizationKind.university}), r"\bВО\b", True),
        (_ORG, frozenset({OrganizationKind.vocational}), r"\bПОО?\b|\bСПО\b", True),
        (_ORG, frozenset({OrganizationKind.science_center}), r"\bНЦ\b", True),
        (
            _ORG,
            frozenset({OrganizationKind.science_center}),
            r"научн\w*\s+(?:центр|организаци)\w*",
            False,
        ),
        (_ORG, frozenset({OrganizationKind.enterprise}), r"предприяти\w*|работодател\w*", False),
    )
)

# People of a school's own staff ("Директор", "Зам. директора по УВР", "Куратор",
# "Наставники", "Руководитель МО"): in a school's plan the school itself, in a municipal one
# every educational organization. Read only in a piece nothing else named: "Директор ОГБУ
# «РЦРО»" is the region, and "Руководитель ММО" (municipal) is not a school's.
_STAFF = _rules(
    (
        (
            _ORG,
            EDUCATIONAL,
            r"\b(?:зам(?:\.|естител\w*)\s*)?(?:директор\w*|руководител\w*\s+(?:ОО|школ\w*))"
            r"|\bзам\.?\s*директора\b"
            r"|\bкуратор\w*|\bнаставник\w*|\bнаставляем\w*|\bмолод\w*\s+специалист\w*"
            r"|\bруководител\w*\s+(?:Ш?МО|методическ\w*\s+объединени\w*)(?![\w-])"
            r"|\bпедагог\w*[-\s]+психолог\w*|\bсоциальн\w*\s+педагог\w*"
            r"|\bклассн\w*\s+руководител\w*|\bпедагогическ\w*\s+(?:совет|коллектив)\w*"
            r"|\bадминистраци\w*\s+(?:ОО|школ\w*)"
            r"|\bответственн\w*\s+(?:лиц\w*\s+)?за\s+(?:реализаци\w*\s+)?наставничеств\w*"
            r"|\b(?:учител|педагог)(?:ь|я|и|ей|ям|ями)\b",
            False,
        ),
    )
)

_PIECE_SPLIT = re.compile(r"[\n;]+")
_LEVEL_RANK = {_ORG: 0, _MUNI: 1, _REGION: 2}


@dataclass(frozen=True)
class PartyMatch:
    """A level named in the responsible text. `level` None: the text was not recognised."""

    level: str | None
    text: str
    kinds: frozenset[str] = field(default_factory=frozenset)


def match_responsible(text: str) -> list[PartyMatch]:
    """The parties a responsible cell names, in the order written, each level once (kinds of
    organizations are merged); pieces nothing recognises come back with level None."""
    matches: list[PartyMatch] = []
    for piece in _pieces(text):
        found = _match_piece(piece)
        matches.extend(found or [PartyMatch(None, piece)])
    return _merge(matches)


def _pieces(text: str) -> list[str]:
    """Lines and ";"-separated parts; a comma starts a new piece only when what follows
    starts with a capital letter or is an abbreviation ("ОО, ДО")."""
    pieces: list[str] = []
    for part in _PIECE_SPLIT.split(text or ""):
        current = ""
        for chunk in _split_commas(part):
            chunk = " ".join(chunk.split())
            if not chunk:
                continue
            if current and not chunk[0].isupper():
                current = f"{current}, {chunk}"
            else:
                if current:
                    pieces.append(current)
                current = chunk
        if current:
            pieces.append(current)
    return pieces


def _split_commas(text: str) -> list[str]:
    """Split at commas outside brackets and quotes."""
    chunks, depth, quoted, start = [], 0, False, 0
    for i, char in enumerate(text):
        if char in "(«":
            depth += 1
        elif char in ")»":
            depth = max(0, depth - 1)
        elif char == '"':
            quoted = not quoted
        elif char == "," and depth == 0 and not quoted:
            chunks.append(text[start:i])
            start = i + 1
    chunks.append(text[start:])
    return chunks


def _match_piece(piece: str) -> list[PartyMatch]:
    # "(далее – ТУ/ДО)" only names what was already said; "(по согласованию)" is a remark.
    rest = re.sub(r"\((?:далее|по\s+согласованию)[^)]*\)", " ", piece, flags=re.IGNORECASE)
    found: list[PartyMatch] = []
    for level, kinds, pattern in _RULES:
        for match in pattern.finditer(rest):
            found.append(PartyMatch(level, piece, kinds))
            rest = rest[: match.start()] + " " * (match.end() - match.start()) + rest[match.end() :]
    if not found:
        for level, kinds, pattern in _STAFF:
            if pattern.search(rest):
                found.append(PartyMatch(level, piece, kinds))
    return found


def _merge(matches: list[PartyMatch]) -> list[PartyMatch]:
    """One match per level (the region first), then the unrecognised pieces."""
    texts: dict[str, list[str]] = {}
    kinds: dict[str, frozenset[str]] = {}
    unknown: list[PartyMatch] = []
    for match in matches:
        if match.level is None:
            unknown.append(match)
            continue
        listed = texts.setdefault(match.level, [])
        if match.text not in listed:
            listed.append(match.text)
        kinds[match.level] = kinds.get(match.level, frozenset()) | match.kinds
    ordered = sorted(texts, key=lambda level: -_LEVEL_RANK[level])
    return [PartyMatch(lv, "; ".join(texts[lv]), kinds[lv]) for lv in ordered] + unknown


# ---------------------------------------------------------------------------------------
# Expanding levels into concrete parties


@dataclass(frozen=True)
class DirectoryOrg:
    id: int
    municipality_id: int
    kind: str


@dataclass(frozen=True)
class OwnerDirectory:
    """The part of the directory a roadmap's owner covers."""

    level: str
    scope_id: int
    region_id: int
    municipality_ids: tuple[int, ...]
    organizations: tuple[DirectoryOrg, ...]


@dataclass(frozen=True)
class Party:
    """A concrete responsible party; `scope_id` None: nobody in the owner's scope."""

    level: str | None
    scope_id: int | None
    text: str


def expand(matches: Iterable[PartyMatch], owner: OwnerDirectory) -> list[Party]:
    parties: list[Party] = []
    seen: set[tuple[str | None, int | None]] = set()

    def add(level: str | None, scope_id: int | None, text: str) -> None:
        key = (level, scope_id)
        if scope_id is not None and key in seen:
            return
        seen.add(key)
        parties.append(Party(level, scope_id, text))

    owner_rank = _LEVEL_RANK[owner.level]
    for match in matches:
        if match.level is None:
            add(None, None, match.text)
        elif _LEVEL_RANK[match.level] > owner_rank:
            add(match.level, None, match.text)  # above the owner: not ours to remind
        elif match.level == _REGION:
            add(_REGION, owner.region_id, match.text)
        elif match.level == _MUNI:
            ids = (owner.scope_id,) if owner.level == _MUNI else owner.municipality_ids
            for muni_id in ids:
                add(_MUNI, muni_id, match.text)
            if not ids:
                add(_MUNI, None, match.text)
        else:
            orgs = _organizations(match, owner)
            for org_id in orgs:
                add(_ORG, org_id, match.text)
            if not orgs:
                add(_ORG, None, match.text)  # no such organizations in the directory
    return parties


def _organizations(match: PartyMatch, owner: OwnerDirectory) -> list[int]:
    if owner.level == _ORG:
        # A school's own roadmap: "Образовательная организация", "ОО" are the school itself.
        return [owner.scope_id]
    kinds = match.kinds or EDUCATIONAL
    return [org.id for org in owner.organizations if org.kind in kinds]
