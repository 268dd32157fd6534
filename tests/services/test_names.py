"""Names declined by case and gender, the gender told by the patronymic, the polite address."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.services.names import (
    Case,
    Gender,
    PersonName,
    about,
    address,
    decline,
    forms,
    infer_gender,
    with_,
)


@pytest.mark.parametrize(
    ("name", "case", "expected"),
    [
        ("Кузнецов Пётр Ильич", Case.accusative, "Кузнецова Петра Ильича"),
        ("Кузнецов Пётр Ильич", Case.genitive, "Кузнецова Петра Ильича"),
        ("Смирнова Анна Викторовна", Case.instrumental, "Смирновой Анной Викторовной"),
        ("Петрова Ольга Николаевна", Case.dative, "Петровой Ольге Николаевне"),
        ("Петрова Ольга Николаевна", Case.prepositional, "Петровой Ольге Николаевне"),
        ("Иванова-Петрова Мария Сергеевна", Case.accusative, "Иванову-Петрову Марию Сергеевну"),
        ("Алиев Ахмед Рашид оглы", Case.dative, "Алиеву Ахмеду Рашиду оглы"),
        ("Черных Ирина Павловна", Case.genitive, "Черных Ирины Павловны"),
        ("Шевченко Илья Ильич", Case.genitive, "Шевченко Ильи Ильича"),
        ("КУЗНЕЦОВ ПЁТР ИЛЬИЧ", Case.genitive, "КУЗНЕЦОВА ПЕТРА ИЛЬИЧА"),
        ("Смирнов Андрей", Case.instrumental, "Смирновым Андреем"),
        ("Пётр Ильич", Case.dative, "Петру Ильичу"),
        ("Кузнецов Пётр Ильич", Case.nominative, "Кузнецов Пётр Ильич"),
    ],
)
def test_a_name_is_declined_by_its_case(name: str, case: Case, expected: str) -> None:
    assert decline(name, case) == expected


def test_a_name_the_rules_cannot_tell_stays_as_written() -> None:
    # «Саша» is either; without the person's gender neither «Кима» nor «Ким» is safe.
    assert decline("Ким Саша", Case.genitive) == "Ким Саша"
    assert decline("Ким Саша", Case.genitive, Gender.female) == "Ким Саши"
    assert decline("Ким Саша", Case.genitive, Gender.male) == "Кима Саши"
    assert decline("John Smith", Case.dative, Gender.male) == "John Smith"
    assert decline("", Case.dative) == ""
    assert decline(None, Case.dative) == ""


def test_the_gender_is_told_by_the_patronymic_then_the_first_name() -> None:
    assert infer_gender("Кузнецов Пётр Ильич") is Gender.male
    assert infer_gender("Смирнова Анна Викторовна") is Gender.female
    assert infer_gender("Алиева Лейла Рашид кызы") is Gender.female
    assert infer_gender("Смирнова Анна") is Gender.female
    assert infer_gender("Ким Саша") is None
    assert infer_gender("John Smith") is None
    assert infer_gender(None) is None


def test_the_address_is_name_and_patronymic_where_there_is_one() -> None:
    assert address("Петрова Ольга Николаевна") == "Ольга Николаевна"
    assert address("Алиев Ахмед Рашид оглы") == "Ахмед Рашид оглы"
    assert address("Анна Смирнова") == "Анна Смирнова"


def test_the_parts_of_a_name() -> None:
    assert PersonName.parse("Кузнецов  Пётр Ильич") == PersonName("Кузнецов", "Пётр", "Ильич")
    assert PersonName.parse("Пётр Ильич") == PersonName(None, "Пётр", "Ильич")
    assert PersonName.parse("Салтыков-Щедрин Михаил Евграфович").last == "Салтыков-Щедрин"


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Смирновой", "со Смирновой"),
        ("Щукиным", "со Щукиным"),
        ("Збруевым", "со Збруевым"),
        ("Сергеевым", "с Сергеевым"),
        ("Петровым", "с Петровым"),
        ("", "с "),
    ],
)
def test_with_takes_co_before_a_heavy_cluster(words: str, expected: str) -> None:
    assert with_(words) == expected


def test_about_takes_ob_before_a_vowel() -> None:
    assert about("Ольге Николаевне") == "об Ольге Николаевне"
    assert about("Иванове") == "об Иванове"
    assert about("Петре") == "о Петре"
    assert about("") == "о "


def test_fluent_variables_for_a_named_person() -> None:
    values = forms("Смирнова Анна Викторовна", prefix="mentor")
    assert values == {
        "mentor": "Смирнова Анна Викторовна",
        "mentor_gen": "Смирновой Анны Викторовны",
        "mentor_dat": "Смирновой Анне Викторовне",
        "mentor_acc": "Смирнову Анну Викторовну",
        "mentor_ins": "Смирновой Анной Викторовной",
        "mentor_pre": "Смирновой Анне Викторовне",
        "mentor_with": "со Смирновой Анной Викторовной",
        "mentor_about": "о Смирновой Анне Викторовне",
        "mentor_addr": "Анна Викторовна",
        "mentor_gender": "female",
    }
    assert forms("Ким Саша")["name_gender"] == "other"
    assert forms("Ким Саша", Gender.male)["name_gender"] == "male"


NAME_WORDS = st.text(
    alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯ-",
    min_size=1,
    max_size=12,
)


@given(
    st.lists(NAME_WORDS, min_size=0, max_size=4).map(" ".join),
    st.sampled_from(list(Case)),
    st.sampled_from([None, *Gender]),
)
def test_any_name_declines_without_error_and_keeps_its_words(
    name: str, case: Case, gender: Gender | None
) -> None:
    result = decline(name, case, gender)
    assert len(result.split()) == len(name.split())
    forms(name, gender)
