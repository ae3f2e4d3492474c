from __future__ import annotations

import pytest

from claimmatch.models import Stance, Verdict, VerifiedClaim
from claimmatch.stance import Relation
from claimmatch.stance.verdicts import (
    MOSTLY_WEIGHT,
    implied_verdict,
    stance_for,
    verdict_reason,
    verdict_weight,
)

S, C, R = Stance.SUPPORTS, Stance.CONTRADICTS, Stance.RELATED
T, MT, MX, MF, F, U = (
    Verdict.TRUE,
    Verdict.MOSTLY_TRUE,
    Verdict.MIXED,
    Verdict.MOSTLY_FALSE,
    Verdict.FALSE,
    Verdict.UNPROVEN,
)

TABLE = {
    Relation.SAME: {T: S, MT: S, MX: R, MF: C, F: C, U: R},
    Relation.CONFLICT: {T: C, MT: C, MX: R, MF: R, F: R, U: R},
    Relation.NEGATION: {T: C, MT: C, MX: R, MF: S, F: S, U: R},
    Relation.TOPICAL: {T: R, MT: R, MX: R, MF: R, F: R, U: R},
}
IMPLIED = {
    Relation.SAME: {T: T, MT: MT, MX: MX, MF: MF, F: F, U: U},
    Relation.CONFLICT: {T: F, MT: MF, MX: None, MF: None, F: None, U: None},
    Relation.NEGATION: {T: F, MT: MF, MX: MX, MF: MT, F: MT, U: None},
    Relation.TOPICAL: {T: None, MT: None, MX: None, MF: None, F: None, U: None},
}
CELLS = [(rel, v) for rel in Relation for v in Verdict]


@pytest.mark.parametrize(("relation", "verdict"), CELLS)
def test_full_stance_table(relation: Relation, verdict: Verdict) -> None:
    assert stance_for(relation, verdict) is TABLE[relation][verdict]


@pytest.mark.parametrize(("relation", "verdict"), CELLS)
def test_implied_verdicts(relation: Relation, verdict: Verdict) -> None:
    assert implied_verdict(relation, verdict) is IMPLIED[relation][verdict]


@pytest.mark.parametrize(("relation", "verdict"), CELLS)
def test_mostly_ratings_weigh_less(relation: Relation, verdict: Verdict) -> None:
    expected = MOSTLY_WEIGHT if verdict in (MT, MF) and TABLE[relation][verdict] is not R else 1.0
    assert verdict_weight(relation, verdict) == expected


def test_reason_sentences_use_rating_and_publisher() -> None:
    claim = VerifiedClaim(id="1", text="x", verdict="false", rating="Pants on Fire", publisher="PolitiFact")
    assert (
        verdict_reason(Relation.SAME, claim)
        == "likely false: it repeats a claim rated Pants on Fire by PolitiFact"
    )
    assert verdict_reason(Relation.NEGATION, claim).startswith(
        "likely mostly true: it negates a claim rated Pants on Fire"
    )
    assert "does not make it true" in verdict_reason(Relation.CONFLICT, claim)
    bare = VerifiedClaim(id="2", text="x", verdict="true")
    assert verdict_reason(Relation.SAME, bare) == "likely true: it repeats a claim rated True"
    assert (
        verdict_reason(Relation.CONFLICT, bare)
        == "likely false: it conflicts with a detail of a claim rated True"
    )
    mixed = VerifiedClaim(id="3", text="x", verdict="mixed", rating="Half True")
    assert verdict_reason(Relation.SAME, mixed) == (
        "mixed: it repeats a claim rated Half True; a mixed rating does not decide it"
    )
