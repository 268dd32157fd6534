"""Flash mentoring ranking: text matching, hard filters, order, reasons."""

from __future__ import annotations

import dataclasses
import random

import pytest

from bot.services.flash import (
    DEFAULT_WEIGHTS,
    FlashQuery,
    MentorCandidate,
    RankingWeights,
    Reason,
    bayesian_rating,
    overlap,
    rank_mentors,
    stems,
)
from bot.services.flash.text_match import surface_terms

REQUESTER = 1
ORG, OTHER_ORG = 10, 11
MUNICIPALITY, OTHER_MUNICIPALITY = 100, 200
REGION, OTHER_REGION = 1, 2

BOTH = frozenset({"online", "offline"})
ONLINE = frozenset({"online"})
OFFLINE = frozenset({"offline"})
MATH = frozenset({"subject:math"})


def make_query(**changes: object) -> FlashQuery:
    base = FlashQuery(
        requester_id=REQUESTER,
        topic="subject:math",
        description="Как объяснить сложение и вычитание дробей в 5 классе",
        format="any",
        organization_id=ORG,
        municipality_id=MUNICIPALITY,
        region_id=REGION,
    )
    return dataclasses.replace(base, **changes)


def mentor(pid: int, **changes: object) -> MentorCandidate:
    """A same-school math mentor with free slots and no ratings, unless told otherwise."""
    base = MentorCandidate(
        participant_id=pid,
        organization_id=ORG,
        municipality_id=MUNICIPALITY,
        region_id=REGION,
        expertise=MATH,
        expertise_text="математика",
        formats=BOTH,
        flash_available=True,
        active_load=0,
        capacity=2,
        rating_avg=None,
        rating_count=0,
    )
    return dataclasses.replace(base, **changes)


def in_municipality(org: int = OTHER_ORG) -> dict[str, object]:
    return {"organization_id": org, "municipality_id": MUNICIPALITY}


def in_network() -> dict[str, object]:
    return {"organization_id": 20, "municipality_id": OTHER_MUNICIPALITY}


# The request's stems: объясн, сложен, вычитан, дроб (4; "класс" is a stop word).
# Scores with the default weights: topic 3, words 4 x share, school 3 / municipality 1.5 /
# region 0, free 0.4 x share, rating 1.0 x (bayes - 1) / 4 (unrated: prior 4.0 -> 0.75).
FIXTURE: list[MentorCandidate] = [
    # The requester: a perfect match, never offered to themself.
    mentor(REQUESTER, expertise_text="дроби, сложение дробей, 5 класс"),
    # Same school, topic only: 3 + 3 + 0.4 + 0.75 = 7.15.
    mentor(2),
    # Municipality, topic + 2/4 words: 3 + 2 + 1.5 + 0.4 + 0.75 = 7.65 -- beats #2.
    mentor(3, **in_municipality(12), expertise_text="математика, дроби, сложение дробей"),
    # Municipality, topic, one 5-star rating: 3 + 1.5 + 0.4 + (25/6 - 1)/4 = 5.69.
    mentor(
        4,
        **in_municipality(13),
        expertise_text="алгебра, геометрия",
        capacity=1,
        rating_avg=5.0,
        rating_count=1,
    ),
    # Municipality, topic, fifty ratings of 4.8: 3 + 1.5 + 0.4 + (260/55 - 1)/4 = 5.83.
    mentor(
        5,
        **in_municipality(14),
        expertise_text="алгебра",
        capacity=1,
        rating_avg=4.8,
        rating_count=50,
    ),
    # Network, topic + 3/4 words: 3 + 3 + 0 + 0.4 + 0.75 = 7.15 -- ties #2, lower id first.
    mentor(6, **in_network(), expertise_text="Дроби: сложение и вычитание, 5-6 классы"),
    # Same school, no topic, 1/4 words, half loaded, three 4.0s: 1 + 3 + 0.2 + 0.75 = 4.95.
    mentor(
        7,
        expertise=frozenset({"deficit:methodical"}),
        active_load=1,
        expertise_text="методика урока, работа со слабыми учениками, дроби",
        rating_avg=4.0,
        rating_count=3,
    ),
    # Same school but unrelated: excluded.
    mentor(8, expertise=frozenset({"subject:russian"}), expertise_text="русский язык, литература"),
    # Hard filters: blocked, not available for flash, full, another region.
    mentor(9, **in_municipality(), blocked=True),
    mentor(10, flash_available=False),
    mentor(11, active_load=2, capacity=2),
    mentor(12, region_id=OTHER_REGION),
    # Same school, online only, topic, 2/3 loaded, four 3.0s:
    # 3 + 3 + 0.4/3 + ((20 + 12)/9 - 1)/4 = 6.77.
    mentor(
        13,
        formats=ONLINE,
        expertise_text="математика, онлайн-доска",
        active_load=2,
        capacity=3,
        rating_avg=3.0,
        rating_count=4,
    ),
    # Network, physics, shares only "объяснить": 1 + 0 + 0.4 + 0.75 = 2.15.
    mentor(
        14,
        **in_network(),
        expertise=frozenset({"subject:physics"}),
        expertise_text="физика, 7-9 классы, как объяснить законы Ньютона",
    ),
]

EXPECTED_ORDER = [3, 2, 6, 13, 5, 4, 7, 14]
EXPECTED_SCORES = {
    3: 7.65,
    2: 7.15,
    6: 7.15,
    13: 6.7722,
    5: 5.8318,
    4: 5.6917,
    7: 4.95,
    14: 2.15,
}


def ids(ranked: list) -> list[int]:
    return [r.participant_id for r in ranked]


# --- text matching ---------------------------------------------------------------------


def test_inflected_forms_share_a_stem() -> None:
    assert stems("дроби") == stems("дробями") == stems("дробей") == frozenset({"дроб"})
    assert overlap(stems("дроби"), stems("Работа с дробями")) == 1.0


def test_overlap_is_share_of_the_query_found() -> None:
    assert overlap(stems("сложение дробей"), stems("Дроби")) == 0.5
    assert overlap(stems("Дроби"), stems("сложение дробей")) == 1.0
    assert overlap(stems("сложение дробей"), stems("литература")) == 0.0
    assert overlap(frozenset(), stems("дроби")) == 0.0


def test_stems_normalize_case_yo_and_drop_noise() -> None:
    assert stems("Учёт") == stems("учет")
    # Stop words, request boilerplate, profile words shared by everyone, digits, 1-letter.
    assert stems("Нужна помощь учителю по работе с ним, 5 в 7 классе, ж") == frozenset()
    assert stems("") == frozenset()


def test_acronyms_are_kept_whole() -> None:
    assert {"огэ", "овз", "ии"} <= stems("ОГЭ, дети с ОВЗ, ИИ на уроках")


def test_english_is_stemmed_with_the_english_stemmer() -> None:
    assert stems("fractions") == stems("Fraction") == frozenset({"fraction"})
    assert "teach" in stems("Teaching online")
    assert stems("help me with it please") == frozenset()


def test_surface_terms_return_the_mentors_own_words() -> None:
    text = "Дробями занимаюсь; сложение дробей"
    assert surface_terms(text, {"сложен", "дроб", "нет"}) == ["дробями", "сложение"]


# --- order and scores ------------------------------------------------------------------


def test_fixture_order() -> None:
    ranked = rank_mentors(make_query(), FIXTURE)
    assert ids(ranked) == EXPECTED_ORDER
    for r in ranked:
        assert r.score == pytest.approx(EXPECTED_SCORES[r.participant_id], abs=1e-4)


def test_limit_returns_the_head_of_the_full_ranking() -> None:
    assert ids(rank_mentors(make_query(), FIXTURE, limit=3)) == EXPECTED_ORDER[:3]
    assert rank_mentors(make_query(), FIXTURE, limit=0) == []


def test_order_is_deterministic_whatever_the_input_order() -> None:
    expected = rank_mentors(make_query(), FIXTURE)
    rng = random.Random(7)
    for _ in range(20):
        shuffled = FIXTURE[:]
        rng.shuffle(shuffled)
        assert rank_mentors(make_query(), shuffled) == expected
        assert rank_mentors(make_query(), iter(shuffled), limit=4) == expected[:4]


def test_equal_scores_fall_back_to_participant_id() -> None:
    twins = [mentor(pid) for pid in (42, 7, 19)]
    assert ids(rank_mentors(make_query(), twins)) == [7, 19, 42]


def test_much_better_match_in_municipality_beats_weak_match_in_school() -> None:
    weak_same_school = mentor(2)
    strong_municipality = mentor(3, **in_municipality(), expertise_text="сложение дробей")
    ranked = rank_mentors(make_query(), [weak_same_school, strong_municipality])
    assert ids(ranked) == [3, 2]


def test_one_extra_word_does_not_beat_the_same_school() -> None:
    same_school = mentor(2)
    municipality = mentor(3, **in_municipality(), expertise_text="дроби")
    assert ids(rank_mentors(make_query(), [municipality, same_school])) == [2, 3]


def test_hierarchy_outweighs_load_and_rating_at_equal_relevance() -> None:
    school = mentor(5, active_load=9, capacity=10, rating_avg=1.0, rating_count=100)
    municipality = mentor(4, **in_municipality(), rating_avg=5.0, rating_count=100)
    network = mentor(3, **in_network(), rating_avg=5.0, rating_count=100)
    assert ids(rank_mentors(make_query(), [network, municipality, school])) == [5, 4, 3]


def test_more_free_capacity_ranks_higher() -> None:
    busy = mentor(2, active_load=3, capacity=4)
    free = mentor(3, active_load=0, capacity=4)
    assert ids(rank_mentors(make_query(), [busy, free])) == [3, 2]


# --- ratings ---------------------------------------------------------------------------


def test_bayesian_average_values() -> None:
    assert bayesian_rating(None, 0) == DEFAULT_WEIGHTS.rating_prior_mean
    assert bayesian_rating(5.0, 1) == pytest.approx(25 / 6)
    assert bayesian_rating(4.8, 50) == pytest.approx(260 / 55)
    assert bayesian_rating(2.0, 3) < bayesian_rating(None, 0)


def test_one_five_star_rating_does_not_beat_fifty_high_ones() -> None:
    lucky = mentor(2, rating_avg=5.0, rating_count=1)
    proven = mentor(3, rating_avg=4.8, rating_count=50)
    assert ids(rank_mentors(make_query(), [lucky, proven])) == [3, 2]


def test_without_the_prior_the_lucky_one_would_win() -> None:
    # Proves the previous test depends on the Bayesian prior, not on an accident of ids.
    no_prior = RankingWeights(rating_prior_weight=0.0)
    lucky = mentor(2, rating_avg=5.0, rating_count=1)
    proven = mentor(3, rating_avg=4.8, rating_count=50)
    assert ids(rank_mentors(make_query(), [lucky, proven], weights=no_prior)) == [2, 3]


# --- hard filters ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"participant_id": REQUESTER}, id="requester"),
        pytest.param({"flash_available": False}, id="not-flash-available"),
        pytest.param({"blocked": True}, id="blocked"),
        pytest.param({"active_load": 2, "capacity": 2}, id="full"),
        pytest.param({"active_load": 3, "capacity": 2}, id="over-capacity"),
        pytest.param({"capacity": 0}, id="no-capacity"),
        pytest.param({"region_id": OTHER_REGION}, id="other-region"),
        pytest.param(
            {"expertise": frozenset({"subject:russian"}), "expertise_text": "литература"},
            id="unrelated",
        ),
    ],
)
def test_hard_filters(changes: dict[str, object]) -> None:
    control = mentor(50)
    excluded = dataclasses.replace(mentor(60), **changes)
    assert ids(rank_mentors(make_query(), [control, excluded])) == [50]


@pytest.mark.parametrize(
    ("wanted", "offered", "kept"),
    [
        ("online", ONLINE, True),
        ("online", OFFLINE, False),
        ("online", BOTH, True),
        ("offline", ONLINE, False),
        ("offline", OFFLINE, True),
        ("offline", BOTH, True),
        ("any", ONLINE, True),
        ("any", OFFLINE, True),
        ("any", BOTH, True),
        ("any", frozenset(), True),
        ("online", frozenset(), False),
    ],
)
def test_format_filter(wanted: str, offered: frozenset[str], kept: bool) -> None:
    ranked = rank_mentors(make_query(format=wanted), [mentor(2, formats=offered)])
    assert ids(ranked) == ([2] if kept else [])


def test_unknown_format_and_bare_topic_are_rejected() -> None:
    with pytest.raises(ValueError, match="format"):
        make_query(format="telepathy")
    with pytest.raises(ValueError, match="catalog key"):
        make_query(topic="math")


def test_topic_alone_is_enough_when_the_description_says_nothing() -> None:
    query = make_query(description="Нужна помощь")
    related = mentor(2)
    unrelated = mentor(3, expertise=frozenset({"subject:russian"}))
    ranked = rank_mentors(query, [unrelated, related])
    assert ids(ranked) == [2]
    assert ranked[0].reasons[0] == ("topic_match", {"topic": "subject:math"})


def test_without_limit_every_eligible_mentor_is_returned() -> None:
    assert len(rank_mentors(make_query(), FIXTURE, limit=None)) == len(EXPECTED_ORDER)
    assert ids(rank_mentors(make_query(), FIXTURE, limit=100)) == EXPECTED_ORDER


def test_match_keys_follow_the_text_and_stay_out_of_equality() -> None:
    m = mentor(2, expertise_text="дроби")
    assert m.match_keys == {"subject:math", "дроб"}
    edited = dataclasses.replace(m, expertise_text="проценты")
    assert edited.match_keys == {"subject:math", "процент"}
    assert dataclasses.replace(edited, expertise_text="дроби") == m


def test_a_request_with_no_topic_and_no_words_matches_nobody() -> None:
    query = make_query(topic="", description="нужна помощь, пожалуйста")
    assert rank_mentors(query, FIXTURE) == []


# --- morphology and language through the ranking ---------------------------------------


def test_morphology_dorobi_finds_drobyami() -> None:
    query = make_query(topic="", description="дроби")
    found = mentor(2, expertise=frozenset(), expertise_text="Работа с дробями и процентами")
    other = mentor(3, expertise=frozenset(), expertise_text="Проценты и пропорции")
    ranked = rank_mentors(query, [other, found])
    assert ids(ranked) == [2]
    assert ranked[0].reasons[0] == ("words_match", {"words": ["дроб"], "terms": ["дробями"]})


def test_more_of_the_request_covered_ranks_higher() -> None:
    query = make_query(topic="", description="сложение дробей")
    partial = mentor(2, expertise=frozenset(), expertise_text="Дроби")
    full = mentor(3, expertise=frozenset(), expertise_text="Сложение и вычитание дробей")
    ranked = rank_mentors(query, [partial, full])
    assert ids(ranked) == [3, 2]
    assert ranked[0].score - ranked[1].score == pytest.approx(DEFAULT_WEIGHTS.words / 2)


def test_english_description_matches_english_expertise() -> None:
    query = make_query(topic="", description="Help with teaching fractions")
    english = mentor(2, expertise=frozenset(), expertise_text="Fractions and decimals")
    russian = mentor(3, expertise=frozenset(), expertise_text="дроби")
    ranked = rank_mentors(query, [english, russian])
    assert ids(ranked) == [2]
    assert ("words_match", {"words": ["fraction"], "terms": ["fractions"]}) in ranked[0].reasons


# --- reasons ---------------------------------------------------------------------------


def test_reasons_of_a_municipality_mentor() -> None:
    ranked = {r.participant_id: r for r in rank_mentors(make_query(), FIXTURE)}
    assert ranked[3].reasons == (
        Reason("topic_match", {"topic": "subject:math"}),
        Reason("words_match", {"words": ["дроб", "сложен"], "terms": ["дроби", "сложение"]}),
        Reason("same_municipality", {}),
        Reason("free_slots", {"free": 2}),
    )


def test_reasons_of_school_and_network_mentors() -> None:
    ranked = {r.participant_id: r for r in rank_mentors(make_query(), FIXTURE)}
    assert ranked[7].reasons == (
        ("words_match", {"words": ["дроб"], "terms": ["дроби"]}),
        ("same_organization", {}),
        ("free_slots", {"free": 1}),
        ("rating", {"avg": 4.0, "count": 3}),
    )
    assert ranked[14].reasons == (
        ("words_match", {"words": ["объясн"], "terms": ["объяснить"]}),
        ("network", {}),
        ("free_slots", {"free": 2}),
    )
    rating = dict(ranked[5].reasons)["rating"]
    assert rating == {"avg": 4.8, "count": 50}


def test_every_result_names_exactly_one_hierarchy_level() -> None:
    levels = {"same_organization", "same_municipality", "network"}
    for r in rank_mentors(make_query(), FIXTURE):
        assert sum(reason.code in levels for reason in r.reasons) == 1
