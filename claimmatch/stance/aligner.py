"""Runs the rule families on a pair of texts and turns their findings into a relation.

Decision (see ``docs/stance.md``):

1. similarity below :data:`DETAIL_FLOOR`: the texts are too far apart for their details to be
   compared, so findings are ignored and the relation is TOPICAL;
2. any CONFLICT finding (quantities, qualifiers, entities, comparatives, contrary antonyms): CONFLICT;
3. any NEGATION finding (negation, complementary antonyms): NEGATION;
4. otherwise SAME when similarity >= the same-claim threshold, else TOPICAL.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from claimmatch.stance.base import Finding, Relation
from claimmatch.stance.casing import restore_case
from claimmatch.stance.comparatives import compare_comparatives
from claimmatch.stance.entities import compare_entities
from claimmatch.stance.negation import compare_negation
from claimmatch.stance.ordering import compare_order
from claimmatch.stance.periods import compare_periods
from claimmatch.stance.polarity import compare_polarity
from claimmatch.stance.qualifiers import compare_qualifiers
from claimmatch.stance.quantities import compare_quantities
from claimmatch.stance.substitution import compare_substitution
from claimmatch.stance.tokens import Doc, as_doc

__all__ = [
    "DEFAULT_SAME_CLAIM_THRESHOLD",
    "DETAIL_FLOOR",
    "FAMILIES",
    "Decision",
    "decide",
    "find_differences",
]

#: Cosine (all-MiniLM-L6-v2) at and above which a pair without conflicting detail is the same claim.
DEFAULT_SAME_CLAIM_THRESHOLD = 0.60

#: Below this cosine the texts are about different things; their details are not compared.
DETAIL_FLOOR = 0.50

#: Most confidence any rule-based decision gets.
MAX_CONFIDENCE = 0.95

FAMILIES: tuple[Callable[[Doc, Doc], list[Finding]], ...] = (
    compare_quantities,
    compare_qualifiers,
    compare_order,
    compare_periods,
    compare_entities,
    compare_comparatives,
    compare_negation,
    compare_polarity,
)


@dataclass(frozen=True, slots=True)
class Decision:
    """The relation of a pair, how sure the rules are, and why.

    Attributes:
        relation: The relation.
        confidence: Confidence in the relation, in ``[0, MAX_CONFIDENCE]``.
        findings: The findings that decided it (empty for SAME and TOPICAL).
        reasons: Readable reasons: the findings' reasons, or a sentence on the similarity.
    """

    relation: Relation
    confidence: float
    findings: tuple[Finding, ...]
    reasons: tuple[str, ...]


def find_differences(new: str | Doc, old: str | Doc) -> tuple[Finding, ...]:
    """Return the findings of every rule family for a new claim and a fact-checked claim."""
    new_doc, old_doc = as_doc(new), as_doc(old)
    new_doc, old_doc = restore_case(new_doc, old_doc), restore_case(old_doc, new_doc)
    seen: set[str] = set()
    findings: list[Finding] = []
    for family in FAMILIES:
        for finding in family(new_doc, old_doc):
            if finding.reason not in seen:
                seen.add(finding.reason)
                findings.append(finding)
    if not findings:  # the fallback: a content word swapped in otherwise identical claims
        findings.extend(compare_substitution(new_doc, old_doc))
    return tuple(findings)


def _clip(value: float) -> float:
    return min(1.0, max(0.0, value))


def evidence(findings: tuple[Finding, ...] | list[Finding]) -> float:
    """Return the combined strength of findings: ``1 - prod(1 - weight)`` (noisy-or)."""
    remaining = 1.0
    for finding in findings:
        remaining *= 1.0 - finding.weight
    return 1.0 - remaining


def decide(findings: tuple[Finding, ...], similarity: float, threshold: float) -> Decision:
    """Turn findings and a similarity into a :class:`Decision`.

    Confidence, monotone in the similarity and in the evidence:

    * CONFLICT / NEGATION: ``evidence * (0.6 + 0.4 * a)`` where ``evidence`` is the noisy-or of the
      finding weights and ``a = clip((similarity - DETAIL_FLOOR) / (threshold - DETAIL_FLOOR))``;
    * SAME: ``0.55 + 0.4 * clip((similarity - threshold) / (1 - threshold))``;
    * TOPICAL: ``0.55 + 0.4 * clip((threshold - similarity) / threshold)``.

    All are capped at :data:`MAX_CONFIDENCE`.
    """
    if similarity < DETAIL_FLOOR:
        conf = 0.55 + 0.4 * _clip((threshold - similarity) / threshold)
        reason = f"only related: similarity {similarity:.2f} is below {DETAIL_FLOOR:.2f}, too low to compare details"
        return Decision(Relation.TOPICAL, min(conf, MAX_CONFIDENCE), (), (reason,))
    conflicts = tuple(f for f in findings if f.relation is Relation.CONFLICT)
    negations = tuple(f for f in findings if f.relation is Relation.NEGATION)
    deciding = conflicts or negations
    if deciding:
        relation = Relation.CONFLICT if conflicts else Relation.NEGATION
        alignment = _clip((similarity - DETAIL_FLOOR) / max(threshold - DETAIL_FLOOR, 1e-6))
        conf = evidence(deciding) * (0.6 + 0.4 * alignment)
        reasons = tuple(f.reason for f in conflicts + negations)
        return Decision(relation, min(conf, MAX_CONFIDENCE), conflicts + negations, reasons)
    if similarity >= threshold:
        conf = 0.55 + 0.4 * _clip((similarity - threshold) / max(1.0 - threshold, 1e-6))
        reason = f"same claim: similarity {similarity:.2f} >= {threshold:.2f} and no conflicting detail found"
        return Decision(Relation.SAME, min(conf, MAX_CONFIDENCE), (), (reason,))
    conf = 0.55 + 0.4 * _clip((threshold - similarity) / threshold)
    reason = (
        f"only related: similarity {similarity:.2f} is below the same-claim threshold {threshold:.2f} "
        "and no conflicting detail was found"
    )
    return Decision(Relation.TOPICAL, min(conf, MAX_CONFIDENCE), (), (reason,))
