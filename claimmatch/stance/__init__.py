"""Stance engine: does an earlier fact-check support, contradict or only relate to a new claim?

Rule families (quantities, negation, polarity, qualifiers, entities, comparatives) find details
that change truth conditions; the fact-check's verdict turns the resulting relation into a stance.
By default (``nli="default"``) claimmatch's own NLI model (shipped, int8 ONNX) joins the rules where
they saw a difference they could not place; ``nli=None`` is rules only, and any cross-encoder can
be plugged in. See ``docs/stance.md``.
"""

from __future__ import annotations

from claimmatch.stance.aligner import DEFAULT_SAME_CLAIM_THRESHOLD, DETAIL_FLOOR, find_differences
from claimmatch.stance.base import Family, Finding, InvalidSimilarityError, Relation
from claimmatch.stance.engine import NLIPolicy, StanceAssessment, StanceEngine, assess_stance
from claimmatch.stance.nli import DEFAULT_NLI, OnnxNLI

__all__ = [
    "DEFAULT_NLI",
    "DEFAULT_SAME_CLAIM_THRESHOLD",
    "DETAIL_FLOOR",
    "Family",
    "Finding",
    "InvalidSimilarityError",
    "NLIPolicy",
    "OnnxNLI",
    "Relation",
    "StanceAssessment",
    "StanceEngine",
    "assess_stance",
    "find_differences",
]
