from __future__ import annotations

import pytest

from claimmatch.stance.aligner import DEFAULT_SAME_CLAIM_THRESHOLD, decide, find_differences
from claimmatch.stance.base import Family, Relation
from claimmatch.stance.periods import compare_periods, extract_periods


def test_extract_periods_reads_the_longest_phrase() -> None:
    assert extract_periods("Trucks may cross only during daylight hours, or overnight in winter.") == (
        "day",
        "night",
        "winter",
    )
    assert extract_periods("Students may work during semester breaks and weekends.") == ("holidays", "weekends")
    assert extract_periods("The bridge is busiest at rush hour.") == ("peak",)
    assert extract_periods("The minister held a press conference.") == ()


@pytest.mark.parametrize(
    ("new", "old", "reason"),
    [
        (
            "Lorries may cross the Sarpi border post only at night.",
            "Trucks are allowed through the Sarpi border post only during daylight hours.",
            "period differs: 'at night' vs 'during daylight hours'",
        ),
        (
            "Water rationing in Lusaka will apply during daytime hours only.",
            "Water rationing in Lusaka will be limited to overnight hours.",
            "period differs: 'during daytime hours' vs 'overnight hours'",
        ),
        (
            "Foreign students in Ireland may work full time only during the holidays.",
            "Foreign students in Ireland may work full time only while classes are in session.",
            "period differs: 'during the holidays' vs 'in session'",
        ),
        (
            "Free bus travel for pensioners in Quito is available at weekends only.",
            "Pensioners in Quito travel free on city buses on weekdays.",
            "period differs: 'at weekends' vs 'on weekdays'",
        ),
        (
            "The hunting season for red deer in Scotland runs only in winter.",
            "Red deer may be hunted in Scotland only in summer.",
            "period differs: 'in winter' vs 'in summer'",
        ),
    ],
)
def test_opposite_periods_of_a_restricted_rule_conflict(new: str, old: str, reason: str) -> None:
    (finding,) = compare_periods(new, old)
    assert finding.family is Family.QUALIFIERS and finding.relation is Relation.CONFLICT
    assert finding.reason == reason
    assert decide(find_differences(new, old), 0.9, DEFAULT_SAME_CLAIM_THRESHOLD).relation is Relation.CONFLICT


@pytest.mark.parametrize(
    ("new", "old"),
    [
        # nothing restricted
        ("The ferry runs at night.", "The ferry runs during the day."),
        # a closure states the same rule: closed at night = open only by day
        ("The park is open only during daylight hours.", "The park is closed at night."),
        ("The road may be used only in summer.", "The road cannot be used in winter."),
        # both periods in one text
        ("The clinic is open day and night, but only on weekdays.", "The clinic is open only at night."),
        # the same period in other words
        (
            "Refugees may cross at Metema only during daylight hours.",
            "The Metema crossing lets refugees through only between sunrise and sunset.",
        ),
    ],
)
def test_no_period_conflict(new: str, old: str) -> None:
    assert compare_periods(new, old) == []
