"""The stance engine: rules (and optionally NLI) decide the relation, the verdict the stance."""

from __future__ import annotations

import math
import threading
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from numbers import Real
from pathlib import Path
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
from claimmatch.stance.base import Family, InvalidSimilarityError, Relation
from claimmatch.stance.calibration import MODEL_TABLE_NAME, TABLE_NAME, calibrate
from claimmatch.stance.entities import unmatched_names
from claimmatch.stance.lexicon import antonym_type
from claimmatch.stance.negation import CUE_WORDS
from claimmatch.stance.nli import (
    DEFAULT_NLI,
    MODEL_DIR,
    CrossEncoderNLI,
    NLIBackend,
    NLIScores,
    OnnxNLI,
    default_nli_available,
)
from claimmatch.stance.qualifiers import extract_qualifiers
from claimmatch.stance.tokens import analyze
from claimmatch.stance.verdicts import implied_verdict, stance_for, verdict_reason, verdict_weight
from claimmatch.text import validate_text

__all__ = [
    "BROAD_MODEL_POLICY",
    "DEFAULT_NLI",
    "DEFAULT_POLICY",
    "MODEL_POLICY",
    "NLI_MIN_PROBABILITY",
    "RULES_WIN",
    "NLIPolicy",
    "StanceAssessment",
    "StanceEngine",
    "assess_stance",
    "negation_difference",
    "negation_differs",
    "qualifier_difference",
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


#: Families whose explicit CONFLICT findings always keep the rules' decision: numbers and qualifiers.
RULES_WIN = frozenset({Family.QUANTITIES, Family.QUALIFIERS})


@dataclass(frozen=True, slots=True)
class NLIPolicy:
    """How NLI scores and rule findings are combined (see ``docs/stance.md``).

    Thresholds above 1 switch a path off. The defaults (:data:`DEFAULT_POLICY`) were chosen on
    the contrast set's dev half and COVID-Fact train only (``training/tune_stance_combination.py``).

    Attributes:
        decide: Where the rules found nothing, the model's top label decides at this probability.
        override: Where the rules found a difference outside :data:`RULES_WIN` (entities,
            comparatives, negation, polarity, substitution), a model that says *entailment* with
            at least this probability overrides it (SAME): a harmless rephrasing.
        dismiss: Likewise, a model that says *neutral* with at least this probability turns such
            a finding into TOPICAL.
        contradiction_relation: The relation of a model contradiction where the rules found nothing.
        floor: Below this similarity the model is not consulted (the rules' TOPICAL stands).
        decide_neutral: Where the rules found nothing, a model *neutral* decides (TOPICAL) only at
            this probability; ``None``: at ``decide`` like the other labels.
        negation_cues: Where the rules found nothing, a model contradiction is a NEGATION (rather
            than ``contradiction_relation``) when the texts differ in a negation word or hold two
            words of the antonym lexicon: a negated False claim is supported, while a claim that
            merely conflicts with a False one says nothing.
        names_cue: Where the rules found nothing but each text names someone or something the
            other does not (:func:`~claimmatch.stance.entities.unmatched_names`), a model
            contradiction at this probability is a CONFLICT ("entities differ according to NLI").
        negation_cue: Where the rules found nothing but the texts differ in a negation word or
            hold an antonym pair (:func:`negation_difference`), a model contradiction at this
            probability is a NEGATION. The cues are checked before ``decide``.
        qualifier_cue: Where the rules found nothing but the texts' temporal or conditional
            qualifiers differ in kind (:func:`qualifier_difference`: ``provided`` vs ``regardless
            of``), a model contradiction at this probability is a CONFLICT.
    """

    decide: float = NLI_MIN_PROBABILITY
    override: float = 1.01
    dismiss: float = 1.01
    contradiction_relation: Relation = Relation.CONFLICT
    floor: float = DETAIL_FLOOR
    decide_neutral: float | None = None
    negation_cues: bool = False
    names_cue: float = 1.01
    negation_cue: float = 1.01
    qualifier_cue: float = 1.01

    @property
    def cued_only(self) -> bool:
        """True when the model decides nothing but cued pairs (``decide``, ``override`` and
        ``dismiss`` off): then only pairs without findings that hold a cue are scored."""
        return min(self.decide, self.override, self.dismiss) > 1.0


#: The policy for any NLI cross-encoder named by the caller (the behaviour before issue 10).
DEFAULT_POLICY = NLIPolicy()

#: The policy for claimmatch's own stance model (``nli="default"``), since session 16: the model
#: is consulted only where the rules saw a difference they could not place, and every decision it
#: makes names that difference. Where the rules found nothing but each text names someone or
#: something the other does not, a model contradiction at probability >= 0.6 is a CONFLICT
#: ("entities differ according to NLI: Samsung vs Xiaomi"); where a negation word or a lexicon
#: antonym differs, one at >= 0.925 is a NEGATION. Rule findings always stand, and the model never
#: decides a pair without such a cue. Chosen on tuning splits only
#: (``training/tune_stance_combination.py``: contrast dev rows the model never trained on, the dev
#: queries, COVID-Fact train) in session 16 and kept for the session-18 model: the session-18
#: search preferred ``names_cue=0.5, negation_cue=0.95, qualifier_cue=0.9``, which turned two
#: acceptance paraphrases into contradictions (docs/stance-model.md), so the qualifier cue stays off.
MODEL_POLICY = NLIPolicy(decide=1.01, names_cue=0.6, negation_cue=0.925)

#: The session-13 policy for claimmatch's model: where the rules see nothing, a model entailment or
#: contradiction at probability >= 0.8 decides, cue or not (a contradiction is a NEGATION when a
#: negation word or lexicon antonym differs), a model *neutral* never does. It catches more
#: conflicts (COVID-Fact train 0.945 against 0.896) but calls plain rephrasings contradictions
#: (38 of 44 acceptance paraphrases right against 42). Raw confidences (no calibration table).
BROAD_MODEL_POLICY = NLIPolicy(decide=0.8, decide_neutral=1.01, negation_cues=True)


def _rules_win(decision: Decision) -> bool:
    return any(f.family in RULES_WIN and f.relation is Relation.CONFLICT for f in decision.findings)


def _listed(words: Sequence[str]) -> str:
    """Words quoted for a cue's reason, each once, in order: ``'not', 'never'``."""
    return ", ".join(f"'{w}'" for w in dict.fromkeys(words))


def negation_difference(new_text: str, claim_text: str) -> str | None:
    """Say how the texts differ in negation, or return None when they do not.

    A text holding more negation words than the other (``'not' only in the new claim``), or a word
    of the antonym lexicon in each (``rose vs fell``).
    """
    new_words = [t.lower for t in analyze(new_text).tokens]
    claim_words = [t.lower for t in analyze(claim_text).tokens]
    new_cues = [w for w in new_words if w in CUE_WORDS]
    claim_cues = [w for w in claim_words if w in CUE_WORDS]
    if len(new_cues) != len(claim_cues):
        more, fewer, where = (
            (new_cues, claim_cues, "the new claim")
            if len(new_cues) > len(claim_cues)
            else (claim_cues, new_cues, "the fact-checked claim")
        )
        extra = list((Counter(more) - Counter(fewer)).elements()) or more
        return f"{_listed(extra)} only in {where}"
    only_new, only_claim = set(new_words) - set(claim_words), set(claim_words) - set(new_words)
    for a in sorted(only_new):
        for b in sorted(only_claim):
            if antonym_type(a, b) is not None:
                return f"{a} vs {b}"
    return None


def negation_differs(new_text: str, claim_text: str) -> bool:
    """True when the texts differ in their number of negation words or hold a lexicon antonym pair."""
    return negation_difference(new_text, claim_text) is not None


def qualifier_difference(new_text: str, claim_text: str) -> str | None:
    """Say how the texts' temporal or conditional qualifiers differ in kind, or return None.

    ``'provided' vs 'regardless of how'``, ``'only after' only in the fact-checked claim``: the
    cues (:func:`~claimmatch.stance.qualifiers.extract_qualifiers`) whose kinds one text holds and
    the other does not; None when both hold the same kinds (or none).
    """
    new_qs, claim_qs = extract_qualifiers(new_text), extract_qualifiers(claim_text)
    new_kinds, claim_kinds = Counter(q.kind for q in new_qs), Counter(q.kind for q in claim_qs)
    if new_kinds == claim_kinds:
        return None
    new_extra, claim_extra = new_kinds - claim_kinds, claim_kinds - new_kinds
    only_new = [q.text for q in new_qs if new_extra[q.kind]]
    only_claim = [q.text for q in claim_qs if claim_extra[q.kind]]
    if only_new and only_claim:
        return f"{_listed(only_new)} vs {_listed(only_claim)}"
    words, where = (only_new, "the new claim") if only_new else (only_claim, "the fact-checked claim")
    return f"{_listed(words)} only in {where}"


@lru_cache(maxsize=4096)
def _cues(new_text: str, claim_text: str) -> tuple[str | None, str | None, str | None]:
    """The differences a cued policy may ask the model about, each described, or None: a negation
    (:func:`negation_difference`), names each text holds and the other lacks ("Samsung vs
    Xiaomi") and qualifiers (:func:`qualifier_difference`). Cached: the engine asks before
    scoring, and again when it combines."""
    names_new, names_claim = unmatched_names(new_text, claim_text)
    names = f"{', '.join(names_new)} vs {', '.join(names_claim)}" if names_new and names_claim else None
    return negation_difference(new_text, claim_text), names, qualifier_difference(new_text, claim_text)


def _cued(scores: NLIScores, policy: NLIPolicy, texts: tuple[str, str] | None, note: str) -> Decision | None:
    """A model contradiction on a difference the rules saw but could not place (``policy.*_cue``)."""
    if texts is None or scores.label != "contradiction":
        return None
    conf = min(0.5 + 0.45 * scores.contradiction, 0.95)
    negation, names, qualifier = _cues(*texts)
    if scores.contradiction >= policy.negation_cue and negation is not None:
        return Decision(Relation.NEGATION, conf, (), (f"negates it according to NLI: {negation}", note))
    if scores.contradiction >= policy.names_cue and names is not None:
        return Decision(Relation.CONFLICT, conf, (), (f"entities differ according to NLI: {names}", note))
    if scores.contradiction >= policy.qualifier_cue and qualifier is not None:
        return Decision(Relation.CONFLICT, conf, (), (f"qualifier differs according to NLI: {qualifier}", note))
    return None


def _consults(decision: Decision, similarity: float, policy: NLIPolicy, texts: tuple[str, str]) -> bool:
    """Whether the model's scores can matter for this pair: always, unless the policy is
    :attr:`~NLIPolicy.cued_only`; then only for pairs without findings that hold a cue."""
    if not policy.cued_only:
        return True
    if decision.findings or similarity < policy.floor:
        return False
    negation, names, qualifier = _cues(*texts)
    return (
        (policy.negation_cue <= 1.0 and negation is not None)
        or (policy.names_cue <= 1.0 and names is not None)
        or (policy.qualifier_cue <= 1.0 and qualifier is not None)
    )


def _with_nli(
    decision: Decision,
    scores: NLIScores,
    similarity: float,
    policy: NLIPolicy = DEFAULT_POLICY,
    texts: tuple[str, str] | None = None,
) -> Decision:
    """Combine a rule decision with NLI scores.

    Numeric and qualifier conflicts always keep the rules' decision; other findings keep it unless
    the model is confident the pair is a rephrasing (``policy.override``) or only related
    (``policy.dismiss``); where the rules see nothing, the model decides (``policy.decide``).
    ``texts`` (new claim, verified claim) are needed for ``policy.negation_cues`` and the cues
    (``policy.names_cue``, ``policy.negation_cue``); under a :attr:`~NLIPolicy.cued_only` policy a
    pair without a cue keeps the rules' decision untouched, as if the model had not been asked.
    """
    if texts is not None and not _consults(decision, similarity, policy, texts):
        return decision  # a cued policy, and no cue: the rules' decision, as if never scored
    note = f"NLI: {scores.label} ({scores.probability:.2f})"
    if similarity < policy.floor:  # too far apart for the model to decide either
        return Decision(decision.relation, decision.confidence, (), (*decision.reasons, note))
    if decision.findings:
        if not _rules_win(decision):
            if scores.label == "entailment" and scores.entailment >= policy.override:
                conf = min(0.5 + 0.45 * scores.entailment, 0.95)
                return Decision(Relation.SAME, conf, (), ("same claim according to NLI despite: "
                                                          + "; ".join(decision.reasons), note))
            if scores.label == "neutral" and scores.neutral >= policy.dismiss:
                conf = min(0.5 + 0.45 * scores.neutral, 0.95)
                return Decision(Relation.TOPICAL, conf, (), ("only related according to NLI despite: "
                                                             + "; ".join(decision.reasons), note))
        conf = decision.confidence
        if scores.label == "contradiction":
            conf = 1.0 - (1.0 - conf) * (1.0 - 0.5 * scores.contradiction)
        return Decision(decision.relation, min(conf, 0.97), decision.findings, (*decision.reasons, note))
    cued = _cued(scores, policy, texts, note)
    if cued is not None:
        return cued
    needed = policy.decide
    if scores.label == "neutral" and policy.decide_neutral is not None:
        needed = policy.decide_neutral
    if scores.probability < needed:
        return Decision(decision.relation, decision.confidence, (), (*decision.reasons, f"{note}, undecided"))
    if scores.label == "entailment":
        relation, reason = Relation.SAME, "same claim according to NLI"
    elif scores.label == "contradiction":
        relation, reason = policy.contradiction_relation, "conflicting claim according to NLI"
        if policy.negation_cues and texts is not None and negation_differs(*texts):
            relation, reason = Relation.NEGATION, "negates it according to NLI (a negation or antonym differs)"
    else:
        relation, reason = Relation.TOPICAL, "only related according to NLI"
    conf = min(0.5 + 0.45 * scores.probability, 0.95)
    return Decision(relation, conf, (), (reason, note))


_SHARED_LOCK = threading.Lock()
_SHARED_DEFAULT: OnnxNLI | None = None


def shared_default_nli() -> OnnxNLI:
    """The one (lazily loaded) instance of claimmatch's stance model shared by all engines."""
    global _SHARED_DEFAULT
    with _SHARED_LOCK:
        if _SHARED_DEFAULT is None:
            _SHARED_DEFAULT = OnnxNLI(MODEL_DIR)
        return _SHARED_DEFAULT


def _make_backend(nli: str | NLIBackend | None, batch_size: int) -> NLIBackend | None:
    if nli is None:
        return None
    if not isinstance(nli, str):
        return nli
    if nli == DEFAULT_NLI:
        why = default_nli_available()
        if why is not None:
            warnings.warn(
                f"claimmatch's stance model is unavailable ({why}); the stance engine runs rules only",
                RuntimeWarning,
                stacklevel=3,
            )
            return None
        return shared_default_nli()
    path = Path(nli).expanduser()
    if (path / "model.onnx").is_file():  # an ONNX cross-encoder directory like the shipped one
        return OnnxNLI(path).load()
    return CrossEncoderNLI(nli, batch_size=batch_size)


class StanceEngine:
    """Decides the stance of verified claims towards new claims.

    Args:
        nli: The NLI model used with the rules. :data:`DEFAULT_NLI` (``"default"``, the
            default): claimmatch's own stance model, shipped in the package (int8 ONNX, loaded on
            first use, asked only where the rules saw a difference they could not place; needs
            onnxruntime and tokenizers, else a ``RuntimeWarning`` and rules only). ``None``: rules
            only. Any other string: a
            sentence-transformers cross-encoder (hub name or local directory), or a directory
            with ``model.onnx`` like the shipped one.
            An object with a ``predict(pairs)`` method (:class:`~claimmatch.stance.nli.NLIBackend`)
            is used as it is.
        same_claim_threshold: Cosine at and above which a pair without conflicting detail is the
            same claim (default :data:`~claimmatch.stance.aligner.DEFAULT_SAME_CLAIM_THRESHOLD`, 0.60).
        nli_batch_size: Pairs per NLI forward pass.
        calibrated: Map confidences through a calibration table fitted on dev data (see
            ``docs/stance.md``): ``data/calibration.tsv`` for rules only (``nli=None``),
            ``data/calibration_model.tsv`` for claimmatch's stance model with
            :data:`MODEL_POLICY`. Any other model or policy, or ``calibrated=False``, returns the
            raw documented confidence.
        policy: How NLI and rules are combined (:class:`NLIPolicy`). ``None``: :data:`MODEL_POLICY`
            for claimmatch's stance model, :data:`DEFAULT_POLICY` for any other model.

    Raises:
        ModelLoadError: The NLI model cannot be loaded or its labels cannot be mapped.
        InvalidSimilarityError: ``same_claim_threshold`` is not in ``(DETAIL_FLOOR, 1]``.
    """

    def __init__(
        self,
        *,
        nli: str | NLIBackend | None = DEFAULT_NLI,
        same_claim_threshold: float = DEFAULT_SAME_CLAIM_THRESHOLD,
        nli_batch_size: int = 32,
        calibrated: bool = True,
        policy: NLIPolicy | None = None,
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
        if nli is not None and not isinstance(nli, str) and not callable(getattr(nli, "predict", None)):
            raise InvalidTypeError(
                f"nli must be a model name or path (str), 'default', None or an NLI backend, got {type(nli).__name__}"
            )
        if isinstance(nli, str) and not nli.strip():
            raise InvalidTypeError("nli must be a non-empty model name or path, 'default' or None")
        if policy is not None and not isinstance(policy, NLIPolicy):
            raise InvalidTypeError(f"policy must be an NLIPolicy or None, got {type(policy).__name__}")
        self.same_claim_threshold: float = threshold
        self.nli_batch_size: int = nli_batch_size
        self._nli: NLIBackend | None = _make_backend(nli, nli_batch_size)
        if policy is None:
            shipped = self._nli is not None and self._nli is _SHARED_DEFAULT
            policy = MODEL_POLICY if shipped else DEFAULT_POLICY
        self.policy: NLIPolicy = policy
        self.nli_name: str | None = None if self._nli is None else (nli if isinstance(nli, str) else repr(nli))
        self._calibrated: bool = bool(calibrated)
        self._table: str | None = None
        if self._nli is None:
            self._table = TABLE_NAME
        elif self._nli is _SHARED_DEFAULT and policy == MODEL_POLICY:
            self._table = MODEL_TABLE_NAME

    @property
    def calibrated(self) -> bool:
        """True when confidences go through a calibration table (rules only, or the shipped model)."""
        return self._calibrated and self._table is not None

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
            asked = [
                i
                for i, (d, (text, claim, sim)) in enumerate(zip(decisions, checked, strict=True))
                if _consults(d, sim, self.policy, (text, claim.text))
            ]
            if asked:
                scores = self._nli.predict([(checked[i][1].text, checked[i][0]) for i in asked])
                for i, s in zip(asked, scores, strict=True):
                    text, claim, sim = checked[i]
                    decisions[i] = _with_nli(decisions[i], s, sim, self.policy, (text, claim.text))
        table = self._table if self.calibrated else None
        return [_assessment(d, claim, table) for d, (_, claim, _) in zip(decisions, checked, strict=True)]


def _assessment(decision: Decision, claim: VerifiedClaim, table: str | None) -> StanceAssessment:
    relation = decision.relation
    stance = stance_for(relation, claim.verdict)
    confidence = decision.confidence * verdict_weight(relation, claim.verdict)
    if table is not None:
        confidence = calibrate(stance.value, confidence, table)
    return StanceAssessment(
        stance=stance,
        confidence=round(min(max(confidence, 0.0), 1.0), 4),
        reasons=[verdict_reason(relation, claim), *decision.reasons],
        implied_verdict=implied_verdict(relation, claim.verdict),
        relation=relation,
    )


_RULES = StanceEngine(nli=None)


def assess_stance(new_text: str, claim: VerifiedClaim, similarity: float) -> StanceAssessment:
    """Return the rules-only stance of ``claim`` towards ``new_text`` (see :class:`StanceEngine`)."""
    return _RULES.assess(new_text, claim, similarity)
