"""People's names in Russian: declined by case and gender, and the polite form of address.

A full name is written «Фамилия Имя Отчество» (the order registration asks for); the parts are
declined by pytrovich, a port of the petrovich rules. A name it cannot read (Latin letters,
one word, an unknown ending) is shown as written: a name left in the nominative reads oddly,
a name mangled reads insultingly.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache

from pytrovich.detector import PetrovichGenderDetector
from pytrovich.enums import Case as PetrovichCase
from pytrovich.enums import Gender as PetrovichGender
from pytrovich.enums import NamePart
from pytrovich.maker import PetrovichDeclinationMaker


class Case(StrEnum):
    """The grammatical cases a message may need; the value is the Fluent variable's suffix."""

    nominative = "nom"
    genitive = "gen"  # для кого, у кого
    dative = "dat"  # кому
    accusative = "acc"  # кого назначить
    instrumental = "ins"  # с кем
    prepositional = "pre"  # о ком


class Gender(StrEnum):
    male = "male"
    female = "female"


_CASES = {
    Case.genitive: PetrovichCase.GENITIVE,
    Case.dative: PetrovichCase.DATIVE,
    Case.accusative: PetrovichCase.ACCUSATIVE,
    Case.instrumental: PetrovichCase.INSTRUMENTAL,
    Case.prepositional: PetrovichCase.PREPOSITIONAL,
}
_GENDERS = {Gender.male: PetrovichGender.MALE, Gender.female: PetrovichGender.FEMALE}
# Turkic patronymics are two words («Рашид оглы»); the particle is not declined.
_PARTICLES = {"оглы": Gender.male, "улы": Gender.male, "кызы": Gender.female, "гызы": Gender.female}
_MALE_ENDINGS = ("вич", "ьич", "ич")
_FEMALE_ENDINGS = ("вна", "чна", "шна")


@cache
def _maker() -> PetrovichDeclinationMaker:
    return PetrovichDeclinationMaker()


@cache
def _detector() -> PetrovichGenderDetector:
    return PetrovichGenderDetector()


def _cyrillic(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return bool(letters) and all("а" <= ch.lower() <= "я" or ch.lower() == "ё" for ch in letters)


def _patronymic_gender(word: str) -> Gender | None:
    low = word.lower()
    if low.endswith(_MALE_ENDINGS):
        return Gender.male
    if low.endswith(_FEMALE_ENDINGS):
        return Gender.female
    return None


@dataclass(frozen=True)
class PersonName:
    """A full name in its parts; a part the person did not write is None."""

    last: str | None = None
    first: str | None = None
    middle: str | None = None  # with its particle: «Рашид оглы»

    @classmethod
    def parse(cls, full_name: str | None) -> PersonName:
        words = (full_name or "").split()
        if words and words[-1].lower() in _PARTICLES and len(words) >= 3:
            words = [*words[:-2], f"{words[-2]} {words[-1]}"]
        if len(words) >= 3:
            return cls(last=" ".join(words[:-2]), first=words[-2], middle=words[-1])
        if len(words) == 2:
            if _patronymic_gender(words[1]):  # «Пётр Ильич»
                return cls(first=words[0], middle=words[1])
            return cls(last=words[0], first=words[1])
        return cls(first=words[0]) if words else cls()

    @property
    def gender(self) -> Gender | None:
        """Told by the patronymic, else by the first name; None when it cannot be told."""
        if self.middle:
            *_, particle = self.middle.split()
            if particle.lower() in _PARTICLES:
                return _PARTICLES[particle.lower()]
            told = _patronymic_gender(self.middle)
            if told:
                return told
        if self.first and _cyrillic(self.first):
            found = _detector().detect(firstname=self.first.capitalize())
            if found == PetrovichGender.MALE:
                return Gender.male
            if found == PetrovichGender.FEMALE:
                return Gender.female
        return None


def infer_gender(full_name: str | None) -> Gender | None:
    return PersonName.parse(full_name).gender


@lru_cache(maxsize=4096)
def _declined(word: str, part: NamePart, gender: Gender, case: Case) -> str:
    if not _cyrillic(word):
        return word
    if "-" in word:  # a double surname declines part by part: «Ивановой-Петровой»
        return "-".join(_declined(piece, part, gender, case) for piece in word.split("-"))
    upper = word.isupper() and len(word) > 1
    base = word.capitalize() if upper else word
    try:
        result: str = _maker().make(part, _GENDERS[gender], _CASES[case], base)
    except Exception:  # an ending the rules do not know: as written
        return word
    return result.upper() if upper else result


def _part(words: str | None, part: NamePart, gender: Gender, case: Case) -> str | None:
    if not words:
        return None
    if part is NamePart.MIDDLENAME and " " in words:  # «Рашида оглы»
        name, particle = words.rsplit(" ", 1)
        return f"{_declined(name, NamePart.FIRSTNAME, gender, case)} {particle}"
    return " ".join(_declined(word, part, gender, case) for word in words.split())


def decline(full_name: str | None, case: Case, gender: Gender | None = None) -> str:
    """The full name in `case`; `gender` is the person's (told, or inferred from the name)."""
    name = full_name or ""
    if case is Case.nominative:
        return name
    parsed = PersonName.parse(name)
    gender = gender or parsed.gender
    if gender is None:
        return name  # «Ким Саша»: no way to tell «Кима» from «Ким»
    parts = (
        _part(parsed.last, NamePart.LASTNAME, gender, case),
        _part(parsed.first, NamePart.FIRSTNAME, gender, case),
        _part(parsed.middle, NamePart.MIDDLENAME, gender, case),
    )
    return " ".join(part for part in parts if part)


def address(full_name: str | None) -> str:
    """How a letter would greet the person: «Пётр Ильич» when there is a patronymic, else the
    name as written («Анна Смирнова»: no patronymic, no guessing)."""
    parsed = PersonName.parse(full_name)
    if parsed.first and parsed.middle:
        return f"{parsed.first} {parsed.middle}"
    return full_name or ""


_VOWELS = "аеёиоуыэюя"


def with_(words: str) -> str:
    """«с» or «со» before a name in the instrumental: «со Смирновой», «с Сергеевым»."""
    low = words.lower() + "  "
    first, second = low[0], low[1]
    heavy = first == "щ" or (first in "сзшж" and second not in _VOWELS and second.isalpha())
    return f"{'со' if heavy else 'с'} {words}"


def about(words: str) -> str:
    """«о» or «об» before a name in the prepositional: «об Ольге Николаевне», «о Петре»."""
    vowel = bool(words) and words[0].lower() in "аиоуэ"
    return f"{'об' if vowel else 'о'} {words}"


def forms(
    full_name: str | None, gender: Gender | None = None, prefix: str = "name"
) -> dict[str, str]:
    """Fluent variables for a message naming a person: `name` and `name_gen` … `name_pre`,
    `name_with` («со Смирновой …») and `name_about` («об Ольге …»), `name_addr` (the form of
    address) and `name_gender` ("male", "female" or "other", for a
    select on «согласен/согласна»)."""
    told = gender or infer_gender(full_name)
    values = {prefix: full_name or ""}
    for case in _CASES:
        values[f"{prefix}_{case.value}"] = decline(full_name, case, told)
    values[f"{prefix}_with"] = with_(values[f"{prefix}_ins"])
    values[f"{prefix}_about"] = about(values[f"{prefix}_pre"])
    values[f"{prefix}_addr"] = address(full_name)
    values[f"{prefix}_gender"] = told.value if told else "other"
    return values
