"""The stance engine: rules (and optionally NLI) decide the relation, the verdict the stance."""

from __future__ import annotations

import math
from collections.abc import Sequence
from numbers import Real
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from claimmatch.errors import InvalidTypeError
from claimmatch.models import Stance, Verdict, VerifiedClaim
from claimmatch.stance.aligner import (
    DEFAULT_SAME_CLAIM_THRESHOLD,
    DETAIL_FLOOR,
    Decision,
    decide,
    find_differences,
)
from claimmatch.stance.base import InvalidSimilarityError, Relation
from claimmatch.stance.calibration import calibrate
from claimmatch.stance.nli import CrossEncoderNLI, NLIBackend, NLIScores
from claimmatch.stance.tokens import analyze
from claimmatch.stance.verdicts import implied_verdict, stance_for, verdict_reason, verdict_weight
from claimmatch.text import validate_text

__all__ = [
    "NLI_MIN_PROBABILITY",
    "StanceAssessment",
    "StanceEngine",
    "assess_stance",
]

#: NLI decides a pair the rules leave open only when its top label is at least this probable.
NLI_MIN_PROBABILITY = 0.5

_SIMILARITY_SLACK = 1e-3  # float error on a cosine


class StanceAssessment(BaseModel):
    """How an earlier fact-check bears on a new claim.

    Attributes:
        stance: SUPPORTS, CONTRADICTS or RELATED.
        confidence: Confidence in the stance, ``0..1``.
        reasons: Readable reasons, the summary first; never empty.
        implied_verdict: What the fact-check implies for the new claim, if anything.
        relation: The relation of the new claim to the fact-checked claim.
    """

    model_config = ConfigDict(frozen=True)

    stance: Stance
    confidence: float = Field(ge=0.0, le=1.0)
    reasons: list[str] = Field(min_length=1)
    implied_verdict: Verdict | None = None
    relation: Relation


def _check_similarity(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise InvalidTypeError(
            f"similarity must be a float (a cosine between -1 and 1), got {type(value).__name__}: {value!r:.40}"
        )
    sim = float(value)
    if math.isnan(sim) or sim < -1.0 - _SIMILARITY_SLACK or sim > 1.0 + _SIMILARITY_SLACK:
        raise InvalidSimilarityError(
            f"similarity must be a cosine between -1 and 1, got {sim!r}; pass the matcher's score"
        )
    return min(1.0, max(-1.0, sim))


def _check_claim(claim: Any) -> VerifiedClaim:
    if not isinstance(claim, VerifiedClaim):
        raise InvalidTypeError(f"claim must be a VerifiedClaim, got {type(claim).__name__}")
    return claim


def _with_nli(decision: Decision, scores: NLIScores, threshold: float) -> Decision:
    """Combine a rule decision with NLI scores; rule findings always keep their relation."""
    note = f"NLI: {scores.label} ({scores.probability:.2f})"
    if decision.findings:
        conf = decision.confidence
        if scores.label == "contradiction":
            conf = 1.0 - (1.0 - conf) * (1.0 - 0.5 * scores.contradiction)
        return Decision(decision.relation, min(conf, 0.97), decision.findings, (*decision.reasons, note))
    if scores.probability < NLI_MIN_PROBABILITY:
        return Decision(decision.relation, decision.confidence, (), (*decision.reasons, f"{note}, undecided"))
    if scores.label == "entailment":
        relation, reason = Relation.SAME, "same claim according to NLI"
    elif scores.label == "contradiction":
        relation, reason = Relation.CONFLICT, "conflicting claim according to NLI"
    else:
        relation, reason = Relation.TOPICAL, "only related according to NLI"
    conf = min(0.5 + 0.45 * scores.probability, 0.95)
    return Decision(relation, conf, (), (reason, note))


class StanceEngine:
    """Decides the stance of verified claims towards new claims.

    Args:
        nli: Optional NLI cross-encoder (hub name or local directory). ``None``: rules only.
        same_claim_threshold: Cosine at and above which a pair without conflicting detail is the
            same claim (default :data:`~claimmatch.stance.aligner.DEFAULT_SAME_CLAIM_THRESHOLD`, 0.60).
        nli_batch_size: Pairs per NLI forward pass.
        calibrated: Map rule confidences through the calibration table fitted on dev data
            (``data/calibration.tsv``, see ``docs/stance.md``). Only applies without NLI; with
            NLI, or with ``calibrated=False``, the raw documented confidence is returned.

    Raises:
        ModelLoadError: The NLI model cannot be loaded or its labels cannot be mapped.
        InvalidSimilarityError: ``same_claim_threshold`` is not in ``(DETAIL_FLOOR, 1]``.
    """

    def __init__(
        self,
        *,
        nli: str | None = None,
        same_claim_threshold: float = DEFAULT_SAME_CLAIM_THRESHOLD,
        nli_batch_size: int = 32,
        calibrated: bool = True,
    ) -> None:
        if isinstance(same_claim_threshold, bool) or not isinstance(same_claim_threshold, Real):
            raise InvalidTypeError(f"same_claim_threshold must be a float, got {type(same_claim_threshold).__name__}")
        threshold = float(same_claim_threshold)
        if not DETAIL_FLOOR < threshold <= 1.0:
            raise InvalidSimilarityError(
                f"same_claim_threshold must be above {DETAIL_FLOOR} and at most 1, got {threshold!r}"
            )
        if isinstance(nli_batch_size, bool) or not isinstance(nli_batch_size, int) or nli_batch_size < 1:
            raise InvalidTypeError(f"nli_batch_size must be a positive int, got {nli_batch_size!r}")
        if nli is not None and not isinstance(nli, str):
            raise InvalidTypeError(f"nli must be a model name or path (str) or None, got {type(nli).__name__}")
        self.same_claim_threshold: float = threshold
        self.nli_batch_size: int = nli_batch_size
        self.nli_name: str | None = nli
        self.calibrated: bool = bool(calibrated) and nli is None
        self._nli: NLIBackend | None = CrossEncoderNLI(nli, batch_size=nli_batch_size) if nli else None

    def __repr__(self) -> str:
        return f"StanceEngine(nli={self.nli_name!r}, same_claim_threshold={self.same_claim_threshold})"

    def assess(self, new_text: str, claim: VerifiedClaim, similarity: float) -> StanceAssessment:
        """Return the stance of ``claim`` (a fact-check) towards ``new_text``.

        Args:
            new_text: The new claim.
            claim: The verified claim found for it.
            similarity: Cosine between the two texts (the matcher's score).
        """
        return self.assess_many([(new_text, claim, similarity)])[0]

    def assess_many(self, pairs: Sequence[tuple[str, VerifiedClaim, float]]) -> list[StanceAssessment]:
        """Assess many (new text, verified claim, similarity) triples; NLI runs in batches."""
        checked: list[tuple[str, VerifiedClaim, float]] = []
        for item in pairs:
            if not isinstance(item, tuple) or len(item) != 3:
                raise InvalidTypeError(
                    f"each pair must be a (new_text, VerifiedClaim, similarity) tuple, got {item!r:.80}"
                )
            text, claim, sim = item
            checked.append((validate_text(text, what="new claim"), _check_claim(claim), _check_similarity(sim)))
        decisions = [
            decide(find_differences(analyze(text), analyze(claim.text)), sim, self.same_claim_threshold)
            for text, claim, sim in checked
        ]
        if self._nli is not None and checked:
            scores = self._nli.predict([(claim.text, text) for text, claim, _ in checked])
            decisions = [_with_nli(d, s, self.same_claim_threshold) for d, s in zip(decisions, scores, strict=True)]
        return [_assessment(d, claim, self.calibrated) for d, (_, claim, _) in zip(decisions, checked, strict=True)]


def _assessment(decision: Decision, claim: VerifiedClaim, calibrated: bool) -> StanceAssessment:
    relation = decision.relation
    stance = stance_for(relation, claim.verdict)
    confidence = decision.confidence * verdict_weight(relation, claim.verdict)
    if calibrated:
        confidence = calibrate(stance.value, confidence)
    return StanceAssessment(
        stance=stance,
        confidence=round(min(max(confidence, 0.0), 1.0), 4),
        reasons=[verdict_reason(relation, claim), *decision.reasons],
        implied_verdict=implied_verdict(relation, claim.verdict),
        relation=relation,
    )


_RULES = StanceEngine()


def assess_stance(new_text: str, claim: VerifiedClaim, similarity: float) -> StanceAssessment:
    """Return the rules-only stance of ``claim`` towards ``new_text`` (see :class:`StanceEngine`)."""
    return _RULES.assess(new_text, claim, similarity)
