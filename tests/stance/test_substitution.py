from __future__ import annotations

import pytest

from claimmatch.stance.aligner import find_differences
from claimmatch.stance.base import Family, Relation
from claimmatch.stance.comparatives import comparative_scale
from claimmatch.stance.substitution import WEIGHT, compare_substitution
from claimmatch.stance.synonyms import derived, same_sense, synonyms


def reasons(new: str, old: str) -> list[str]:
    return [f.reason for f in compare_substitution(new, old)]


@pytest.mark.parametrize(
    ("new", "old", "reason"),
    [
        (
            "Blood from recovered patients blocks the spike protein in a lab assay",
            "Plasma from recovered patients blocks the spike protein in a lab assay",
            "word differs: Blood vs Plasma",
        ),
        (
            "The virus infects heart cells grown in a lab dish",
            "The virus infects kidney cells grown in a lab dish",
            "word differs: heart vs kidney",
        ),
        (
            "The new drug shortens recovery time in older patients",
            "The new drug lengthens recovery time in older patients",
            "word differs: shortens vs lengthens",
        ),
    ],
)
def test_one_swapped_content_word_is_a_conflict(new: str, old: str, reason: str) -> None:
    found = compare_substitution(new, old)
    assert [f.reason for f in found] == [reason]
    assert found[0].family is Family.SUBSTITUTION and found[0].relation is Relation.CONFLICT
    assert found[0].weight == WEIGHT


@pytest.mark.parametrize(
    ("new", "old"),
    [
        ("The drug was authorised for children over five", "The drug was approved for children over five"),
        ("The vaccine was tested on adult volunteers", "The vaccine was tested on adults volunteers"),
        ("Hospitalisations rose sharply in the region", "Hospitalizations rose sharply in the region"),
        ("Putin said a peace deal was not impossible", "Putin said a peace deal was possible"),
        ("Crime in the city went up last year", "Crime in the city increased last year"),
        ("The drug was approved by regulators last year", "The drug was approved by the FDA last year"),
        ("The US banned the export of the chips", "The United States banned the export of the chips"),
        ("Scientists found microplastics in human blood", "Microplastics have been detected in blood"),
        ("The study found the vaccine reduced infections", "The study showed the vaccine reduced infections"),
        ("Masks cut infection rates in schools", "Masks cut infection rates in schools"),
        ("Short text here", "Other text there"),
    ],
)
def test_no_conflict_for_synonyms_variants_names_and_rewordings(new: str, old: str) -> None:
    assert reasons(new, old) == []


def test_substitution_is_only_a_fallback() -> None:
    # the entity family already explains the difference, so no extra "word differs" finding
    families = {f.family for f in find_differences("Prices rose 5% in Paris", "Prices rose 5% in Berlin")}
    assert families == {Family.ENTITIES}
    families = {
        f.family
        for f in find_differences(
            "The drug lowers kidney damage in diabetic patients", "The drug lowers liver damage in diabetic patients"
        )
    }
    assert families == {Family.SUBSTITUTION}


def test_synonym_helpers() -> None:
    assert synonyms("approved", "authorised") and not synonyms("approved", "rejected")
    assert derived("leader", "led") and derived("infection", "infected") and not derived("plasma", "blood")
    assert same_sense("three-second", "seconds") and not same_sense("cytokine-mediated", "cytokine-independent")


def test_degree_forms_of_synonyms_are_the_same_sense() -> None:
    assert same_sense("bigger", "larger") and same_sense("biggest", "largest") and same_sense("happier", "happier")
    assert not same_sense("bigger", "smaller") and not same_sense("bigger", "largest")  # not the same degree
    assert not same_sense("leader", "founder")  # -er nouns of unrelated verbs stay apart


@pytest.mark.parametrize(
    ("new", "old"),
    [
        ("The aid package is worth $1.4bn.", "The aid package is worth 1.4 billion dollars."),
        ("The fine came to £3.1bn in total.", "The fine came to £3.1 billion in total."),
        ("The tower is bigger than the old one.", "The tower is larger than the old one."),
    ],
)
def test_an_amount_or_a_degree_written_two_ways_is_no_substitution(new: str, old: str) -> None:
    assert reasons(new, old) == []
    assert not find_differences(new, old)


def test_a_real_swap_next_to_an_amount_still_counts() -> None:
    found = find_differences(
        "The aid package for farmers is worth $1.4bn.", "The aid package for miners is worth $1.4bn."
    )
    assert [f.reason for f in found] == ["word differs: farmers vs miners"]


def test_lower_case_texts_compare_a_known_name_with_an_unknown_one() -> None:
    # all lower case: "korea" (no gazetteer name alone) is no common noun, so the swap counts
    assert reasons(
        "13 % of infected patients on the ship in korea were asymptomatic",
        "13 % of infected patients on the ship in japan were asymptomatic",
    ) == ["word differs: korea vs japan"]
    # with capitals, a name against a lower-case word stays the entities family's call
    assert (
        reasons("Patients on the ship in Japan were asymptomatic", "Patients on the ship in port were asymptomatic")
        == []
    )


@pytest.mark.parametrize(
    ("new", "old", "reason"),
    [
        (
            "The budget changes make cancer medicines more expensive.",
            "The budget changes make cancer medicines cheaper.",
            "comparison differs: more expensive vs cheaper",
        ),
        (
            "The Ganges has grown more polluted since 2014.",
            "The Ganges has grown cleaner since 2014.",
            "comparison differs: more polluted vs cleaner",
        ),
    ],
)
def test_session18_opposite_comparatives_negate(new: str, old: str, reason: str) -> None:
    (finding,) = compare_substitution(new, old)
    assert (finding.family, finding.relation, finding.reason) == (Family.COMPARATIVES, Relation.NEGATION, reason)


def test_session18_one_comparison_in_two_wordings() -> None:
    assert (
        compare_substitution(
            "The budget changes make cancer medicines cheaper.",
            "The budget changes make cancer medicines less expensive.",
        )
        == []
    )


@pytest.mark.parametrize(
    ("words", "scale"),
    [("cheaper", ("price", -1)), ("more expensive", ("price", 1)), ("less dangerous", ("safety", 1)), ("more", None)],
)
def test_session18_comparative_scale(words: str, scale: tuple[str, int] | None) -> None:
    assert comparative_scale(words) == scale
