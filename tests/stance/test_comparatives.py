from __future__ import annotations

import pytest

from claimmatch.stance.base import Family, Relation
from claimmatch.stance.comparatives import compare_comparatives, extract_comparisons, extract_superlatives


def reasons(new: str, old: str) -> list[str]:
    return [f.reason for f in compare_comparatives(new, old)]


@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (
            "Cats kill more birds than turbines do",
            "Turbines kill more birds than cats",
            "comparison reversed: 'cats kill more birds than turbines do' "
            "vs 'turbines kill more birds than cats'",
        ),
        (
            "Flying is safer than driving",
            "Driving is safer than flying",
            "comparison reversed: 'flying is safer than driving' vs 'driving is safer than flying'",
        ),
        (
            "Unemployment is higher than in 2019",
            "Unemployment is lower than in 2019",
            "comparison differs: higher vs lower",
        ),
        (
            "Cats kill more birds than turbines",
            "Cats kill fewer birds than turbines",
            "comparison differs: more vs fewer",
        ),
        (
            "Flying is more dangerous than driving",
            "Flying is less dangerous than driving",
            "comparison differs: more dangerous vs less dangerous",
        ),
        (
            "China has the largest army",
            "China has the smallest army",
            "superlative differs: largest vs smallest",
        ),
        (
            "China has the largest army",
            "China has the second-largest army",
            "superlative differs: largest vs second-largest",
        ),
    ],
)
def test_conflicting_comparisons(new: str, old: str, expected: str) -> None:
    findings = compare_comparatives(new, old)
    assert [f.reason for f in findings] == [expected]
    # an opposite direction is an antonym swap (NEGATION, as "rose" / "fell"); a reversed
    # comparison or another rank is a conflict
    opposite = expected.startswith("comparison differs") or (
        expected.startswith("superlative differs") and "second" not in expected and "third" not in expected
    )
    assert findings[0].relation is (Relation.NEGATION if opposite else Relation.CONFLICT)
    assert findings[0].family is Family.COMPARATIVES


@pytest.mark.parametrize(
    ("new", "old"),
    [
        (
            "Cats kill more birds than turbines do",
            "Turbines kill fewer birds than cats",
        ),  # swapped and reversed
        ("Cats kill more birds than wind turbines do", "Cats kill far more birds than turbines"),
        ("China has one of the largest armies", "China has the largest army"),
        ("More than 50 people died", "Fewer than 20 people died"),  # numeric bounds: quantities' job
        ("Prices are higher than last year", "Prices are higher than a year ago"),
        ("China has the largest army", "India has the largest population"),
    ],
)
def test_no_comparison_conflict(new: str, old: str) -> None:
    assert reasons(new, old) == []


def test_extraction() -> None:
    (c,) = extract_comparisons("Cats kill more birds than turbines do")
    assert (c.scale, c.direction) == ("amount", 1)
    assert "cat" in c.left and c.right == frozenset({"turbin"})
    assert extract_comparisons("more than 50 people") == ()
    (s,) = extract_superlatives("the second-largest economy")
    assert (s.rank, s.direction, s.noun) == (2, 1, "economy")


# --- comparing verbs, equality and multiples, places as arguments, new superlatives ---------------


@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (
            "Men outnumber women in parliament",
            "Women outnumber men in parliament",
            "comparison reversed: 'men outnumber women in parliament' vs 'women outnumber men in parliament'",
        ),
        (
            "Older voters were outnumbered by younger voters",
            "Older voters outnumbered younger voters",
            "comparison reversed: 'older voters were outnumbered by younger voters' "
            "vs 'older voters outnumbered younger voters'",
        ),
        (
            "The stadium holds as many fans as Wembley",
            "The stadium holds fewer fans than Wembley",
            "comparison differs: as many fans as vs fewer",
        ),
        (
            "Gas generated twice as much power as coal",
            "Coal generated twice as much power as gas",
            "comparison reversed: 'gas generated twice as much power as coal' "
            "vs 'coal generated twice as much power as gas'",
        ),
        (
            "China emits less CO2 than the United States",
            "China emits more CO2 than the US",
            "comparison differs: less vs more",
        ),
        (
            "Inflation is lower in France than in Germany",
            "Inflation is lower in Germany than in France",
            "comparison reversed: 'inflation is lower in France than in Germany' "
            "vs 'inflation is lower in Germany than in France'",
        ),
        (
            "The Chinese economy has overtaken the US economy",
            "The US economy is larger than China's",
            "comparison reversed: 'the Chinese economy has overtaken the US economy' "
            "vs 'the US economy is larger than China's'",
        ),
        (
            "Lake Baikal is the shallowest lake",
            "Lake Baikal is the deepest lake",
            "superlative differs: shallowest vs deepest",
        ),
        (
            "Germany was the last EU country to ban it",
            "Germany was the first country to ban it",
            "superlative differs: last vs first",
        ),
    ],
)
def test_new_comparison_conflicts(new: str, old: str, expected: str) -> None:
    assert reasons(new, old) == [expected]


@pytest.mark.parametrize(
    ("new", "old"),
    [
        ("Older voters were outnumbered by younger voters", "Younger voters outnumbered older voters"),
        ("There are more women than men in parliament", "Women outnumber men in parliament"),
        ("Fewer people die from heat than from cold", "Cold kills far more people than heat"),
        ("Coal has been overtaken by wind", "Wind has overtaken coal"),
        ("The US emits less CO2 than China", "China emits more CO2 than the United States"),
        ("Gas generated less power than renewables", "Renewables generated twice as much power as gas"),
        ("Exports exceeded $500 billion", "Exports were below $400 billion"),  # numeric: quantities' job
        ("As many as 50 people died", "Fewer than 20 people died"),  # a bound, not an equality
    ],
)
def test_new_comparison_forms_agree(new: str, old: str) -> None:
    assert reasons(new, old) == []


def test_attributive_comparatives() -> None:
    cs = extract_comparisons("Older voters outnumber younger voters")
    assert [(c.text, c.noun, c.scale) for c in cs] == [
        ("Older", "voter", "age"),
        ("outnumber", "", "magnitude"),
        ("younger", "voter", "age"),
    ]
    cs = extract_comparisons("Older voters turned out in greater numbers than younger voters")
    assert [c.text for c in cs] == ["Older", "greater", "younger"]
    assert cs[0].noun == "voter" and not cs[0].right and cs[1].right


def test_round11_a_superlative_before_an_amount_still_has_its_noun() -> None:
    found = compare_comparatives(
        "The poorest 10% of households own half of the wealth.", "The richest 10% of households own half of the wealth."
    )
    assert [f.reason for f in found] == ["superlative differs: poorest vs richest"]


def test_strictness_and_dearness_comparatives() -> None:
    assert reasons("Spain brought in looser rules for rentals.", "Spain brought in stricter rules for rentals.") == [
        "comparison differs: looser vs stricter"
    ]
    assert reasons("Bread got cheaper in May.", "Bread got dearer in May.") == ["comparison differs: cheaper vs dearer"]


def test_session15_more_and_less_with_an_adjective_on_a_scale() -> None:
    conflict = compare_comparatives("Nuclear power is safer than coal.", "Nuclear power is more dangerous than coal.")
    assert [(f.relation, f.reason) for f in conflict] == [
        (Relation.NEGATION, "comparison differs: safer vs more dangerous")
    ]
    assert compare_comparatives("Trains are cheaper than planes.", "Trains are more expensive than planes.")
    assert compare_comparatives("Nuclear power is safer than coal.", "Nuclear power is less dangerous than coal.") == []
    assert compare_comparatives("Trains are cheaper than planes.", "Trains are less expensive than planes.") == []
