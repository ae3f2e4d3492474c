from __future__ import annotations

import pytest

from claimmatch.stance.base import Family, Relation
from claimmatch.stance.scope import compare_scope, restricted_scope, unrestricted_scope


@pytest.mark.parametrize(
    ("new", "old", "reason"),
    [
        (
            "The school phone ban applies only during lessons, so pupils can use phones at lunch.",
            "The phone ban in schools covers the whole school day, lunch breaks included.",
            "scope differs: 'only during lessons' vs 'whole school day'",
        ),
        (
            "The smoking ban on beaches applies during the summer season only.",
            "The ban on smoking at beaches is in force all year round.",
            "scope differs: 'summer season only' vs 'all year round'",
        ),
        (
            "The new scam rules cover banks alone, leaving telecom providers exempt.",
            "The new scam rules apply to banks, telecom providers and digital platforms alike.",
            "scope differs: 'cover banks alone' vs 'digital platforms alike'",
        ),
        (
            "The tax change applies retroactively, covering income earned in earlier years.",
            "The tax change applies only to income earned after it took effect.",
            "scope differs: 'retroactively' vs 'only to income earned'",
        ),
        (
            "Students may work unlimited hours only during semester breaks.",
            "Students can work unlimited hours even during the semester.",
            "scope differs: 'only during semester breaks' vs 'even during the semester'",
        ),
    ],
)
def test_restricted_against_unrestricted_scope_conflicts(new: str, old: str, reason: str) -> None:
    findings = compare_scope(new, old)
    assert [(f.family, f.relation, f.reason) for f in findings] == [(Family.QUALIFIERS, Relation.CONFLICT, reason)]


@pytest.mark.parametrize(
    ("new", "old"),
    [
        # both restricted, or both unrestricted
        ("The ban applies only during lessons.", "Phones are banned in lessons only."),
        ("The curfew applies every night.", "The curfew is enforced throughout the week, every night."),
        # a restriction with nothing unrestricted on the other side: a dropped detail
        ("The ban applies only during lessons.", "Phones are banned in French schools."),
        # "only" on a name or a number is no scope
        ("Only Hungary refused to sign the conclusions.", "Every other member signed the conclusions."),
    ],
)
def test_no_scope_conflict(new: str, old: str) -> None:
    assert compare_scope(new, old) == []


def test_scope_markers() -> None:
    assert restricted_scope("Tickets are sold exclusively online from 2024.") is False  # no preposition
    assert restricted_scope("The rule covers lesson time only.")
    assert restricted_scope("Rationing was limited to the first weeks.")
    assert unrestricted_scope("Phones stay off throughout the school day.")
    assert unrestricted_scope("Clubs may register players outside the window as well.")
    assert not unrestricted_scope("Clubs may register players during the window.")
