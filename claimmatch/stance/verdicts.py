"""From a relation and the fact-check's verdict to a stance, an implied verdict and a sentence.

The table (see ``docs/stance.md``):

============  =============  ==============  =========  ==============  ===========  ========
relation      true           mostly_true     mixed      mostly_false    false        unproven
============  =============  ==============  =========  ==============  ===========  ========
same          supports       supports (-)    related    contradicts (-) contradicts  related
conflict      contradicts    contradicts (-) related    related         related      related
negation      contradicts    contradicts (-) related    supports (-)    supports     related
topical       related        related         related    related         related      related
============  =============  ==============  =========  ==============  ===========  ========

``(-)``: the same stance with the confidence multiplied by :data:`MOSTLY_WEIGHT`.
"""

from __future__ import annotations

from claimmatch.models import Stance, Verdict, VerifiedClaim
from claimmatch.stance.base import Relation

__all__ = [
    "MOSTLY_WEIGHT",
    "implied_verdict",
    "stance_for",
    "verdict_reason",
    "verdict_weight",
]

#: Confidence multiplier for stances drawn from "mostly true" and "mostly false" ratings.
MOSTLY_WEIGHT = 0.75

_S, _C, _R = Stance.SUPPORTS, Stance.CONTRADICTS, Stance.RELATED
_T, _MT, _MX, _MF, _F, _U = (
    Verdict.TRUE,
    Verdict.MOSTLY_TRUE,
    Verdict.MIXED,
    Verdict.MOSTLY_FALSE,
    Verdict.FALSE,
    Verdict.UNPROVEN,
)

_STANCES: dict[Relation, dict[Verdict, Stance]] = {
    Relation.SAME: {_T: _S, _MT: _S, _MX: _R, _MF: _C, _F: _C, _U: _R},
    Relation.CONFLICT: {_T: _C, _MT: _C, _MX: _R, _MF: _R, _F: _R, _U: _R},
    Relation.NEGATION: {_T: _C, _MT: _C, _MX: _R, _MF: _S, _F: _S, _U: _R},
    Relation.TOPICAL: {_T: _R, _MT: _R, _MX: _R, _MF: _R, _F: _R, _U: _R},
}

_IMPLIED: dict[Relation, dict[Verdict, Verdict | None]] = {
    Relation.SAME: {_T: _T, _MT: _MT, _MX: _MX, _MF: _MF, _F: _F, _U: _U},
    Relation.CONFLICT: {_T: _F, _MT: _MF, _MX: None, _MF: None, _F: None, _U: None},
    Relation.NEGATION: {_T: _F, _MT: _MF, _MX: _MX, _MF: _MT, _F: _MT, _U: None},
    Relation.TOPICAL: {_T: None, _MT: None, _MX: None, _MF: None, _F: None, _U: None},
}

_DISPLAY = {
    _T: "True",
    _MT: "Mostly True",
    _MX: "Mixed",
    _MF: "Mostly False",
    _F: "False",
    _U: "Unproven",
}

_LEAD: dict[Verdict | None, str] = {
    _T: "likely true",
    _MT: "likely mostly true",
    _MX: "mixed",
    _MF: "likely mostly false",
    _F: "likely false",
    _U: "unproven",
    None: "no verdict implied",
}

_VERB = {
    Relation.SAME: "it repeats a claim",
    Relation.CONFLICT: "it conflicts with a detail of a claim",
    Relation.NEGATION: "it negates a claim",
    Relation.TOPICAL: "it is only related to a claim",
}


def stance_for(relation: Relation, verdict: Verdict) -> Stance:
    """Return the stance of a fact-check with ``verdict`` towards a claim in ``relation`` to it."""
    return _STANCES[relation][verdict]


def implied_verdict(relation: Relation, verdict: Verdict) -> Verdict | None:
    """Return what a fact-check with ``verdict`` implies for a claim in ``relation`` to it.

    Same claim: the verdict itself. Negation: the mirrored verdict, except that negating a
    ``false`` claim gives ``mostly_true`` (a debunk rarely establishes the full opposite).
    Conflicting detail with a true claim: ``false`` (``mostly_false`` for ``mostly_true``); a
    detail that differs from a false claim implies nothing. Topical: nothing.
    """
    return _IMPLIED[relation][verdict]


def verdict_weight(relation: Relation, verdict: Verdict) -> float:
    """Return the confidence multiplier that the verdict contributes (1 or :data:`MOSTLY_WEIGHT`)."""
    stance = stance_for(relation, verdict)
    if stance is not Stance.RELATED and verdict in (_MT, _MF):
        return MOSTLY_WEIGHT
    return 1.0


def verdict_reason(relation: Relation, claim: VerifiedClaim) -> str:
    """Return the summary sentence, e.g. ``"likely false: it repeats a claim rated False by PolitiFact"``."""
    implied = implied_verdict(relation, claim.verdict)
    rated = f"rated {claim.rating or _DISPLAY[claim.verdict]}"
    if claim.publisher:
        rated += f" by {claim.publisher}"
    sentence = f"{_LEAD[implied]}: {_VERB[relation]} {rated}"
    if relation is Relation.CONFLICT and claim.verdict in (_MF, _F):
        sentence += "; differing from a false claim does not make it true"
    elif relation is Relation.TOPICAL:
        sentence += "; that rating does not carry over"
    elif claim.verdict is _MX:
        sentence += "; a mixed rating does not decide it"
    elif claim.verdict is _U:
        sentence += "; an unproven rating does not decide it"
    return sentence
