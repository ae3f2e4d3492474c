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
    assert findings[0].relation is Relation.CONFLICT and findings[0].family is Family.COMPARATIVES


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
