"""Hybrid retrieval: fusing dense and BM25 candidate lists, and an optional learned re-ranker.

Three ways to combine the dense (cosine) and lexical (BM25) results of one query:

* :func:`reciprocal_rank_fusion` — weighted RRF over ranked lists; needs ranks only.
* :func:`normalized_score_fusion` — weighted sum of per-query normalised scores.
* :class:`LinearReranker` — a logistic-regression model over candidate features
  (:func:`candidate_features`: both scores and ranks, entity/number/quote overlap, ...),
  trained by ``training/train_reranker.py`` and stored as JSON coefficients (no pickle).

:class:`HybridConfig` bundles a fusion's settings; its defaults (also :data:`DEFAULT_HYBRID`)
are the pipeline that ``docs/benchmarks.md`` recommends, so the index can run
``DEFAULT_HYBRID.fuse(cosines, bm25_scores)``. Every function takes and returns
``(id, score)`` pairs, best first; ids can be any hashable values (int64 ids in the index).
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar

import numpy as np
import numpy.typing as npt

from claimmatch.errors import InvalidArgumentError, InvalidTypeError, ModelLoadError

__all__ = [
    "DEFAULT_HYBRID",
    "FEATURE_NAMES",
    "RERANK_DEPTH",
    "RRF_HYBRID",
    "SCORE_HYBRID",
    "Candidate",
    "HybridConfig",
    "LinearReranker",
    "candidate_features",
    "normalized_score_fusion",
    "reciprocal_rank_fusion",
]

K = TypeVar("K", bound=Hashable)
Normalization = Literal["max", "minmax", "zscore", "none"]

#: Version of the JSON written by :meth:`LinearReranker.to_json`.
RERANKER_FORMAT = 1


def _check_weights(weights: Sequence[float] | None, count: int) -> list[float]:
    if weights is None:
        return [1.0] * count
    values = [float(w) for w in weights]
    if len(values) != count:
        raise InvalidArgumentError(f"need one weight per list: {count} lists, {len(values)} weights")
    if not all(math.isfinite(w) and w >= 0 for w in values):
        raise InvalidArgumentError(f"weights must be finite and >= 0, got {values}")
    return values


def _order(scores: Mapping[K, float], first_seen: Mapping[K, int], limit: int | None) -> list[tuple[K, float]]:
    ranked = sorted(scores.items(), key=lambda item: (-item[1], first_seen[item[0]]))
    return ranked[:limit] if limit is not None else ranked


def reciprocal_rank_fusion(
    runs: Sequence[Sequence[tuple[K, float]]],
    *,
    k: float = 60.0,
    weights: Sequence[float] | None = None,
    limit: int | None = None,
) -> list[tuple[K, float]]:
    """Weighted reciprocal-rank fusion: ``score(d) = sum_i w_i / (k + rank_i(d))``.

    Args:
        runs: Ranked lists of ``(id, score)``, best first. Scores only matter when equal:
            items with the same score as the item before them share its rank (competition
            ranking), so exact duplicates are not told apart by an arbitrary order.
        k: The RRF constant; larger values flatten the rank discount.
        weights: One weight per run (default 1 each).
        limit: Keep the best ``limit`` fused results.

    Returns:
        ``(id, fused score)`` best first; equal fused scores keep the order of first
        appearance, run by run and rank by rank (so the first run, e.g. dense, breaks ties).
    """
    if k < 0:
        raise InvalidArgumentError(f"k must be >= 0, got {k}")
    w = _check_weights(weights, len(runs))
    fused: dict[K, float] = {}
    seen: dict[K, int] = {}
    for run, weight in zip(runs, w, strict=True):
        for rank, item in _tied_ranks(run):
            fused[item] = fused.get(item, 0.0) + weight / (k + rank)
            seen.setdefault(item, len(seen))
    return _order(fused, seen, limit)


def _tied_ranks(run: Sequence[tuple[K, float]]) -> list[tuple[int, K]]:
    """1-based ranks of a best-first list; an item scoring the same as the previous shares its rank."""
    ranks: list[tuple[int, K]] = []
    previous: float | None = None
    rank = 0
    for position, (item, score) in enumerate(run, start=1):
        if previous is None or score != previous:
            rank = position
        previous = score
        ranks.append((rank, item))
    return ranks


def _normalise(values: npt.NDArray[np.float64], method: Normalization) -> npt.NDArray[np.float64]:
    if method == "none" or len(values) == 0:
        return values
    if method == "max":
        top = float(values.max())
        return values / top if top > 0 else np.zeros_like(values)
    if method == "minmax":
        low, high = float(values.min()), float(values.max())
        return (values - low) / (high - low) if high > low else np.ones_like(values)
    if method == "zscore":
        std = float(values.std())
        return (values - values.mean()) / std if std > 0 else np.zeros_like(values)
    raise InvalidArgumentError(f"normalization must be 'max', 'minmax', 'zscore' or 'none', got {method!r}")


def normalized_score_fusion(
    runs: Sequence[Sequence[tuple[K, float]] | Mapping[K, float]],
    *,
    weights: Sequence[float] | None = None,
    normalization: Normalization = "minmax",
    limit: int | None = None,
) -> list[tuple[K, float]]:
    """Weighted sum of per-run normalised scores.

    Each run's scores are normalised over the run itself (``"minmax"`` to [0, 1],
    ``"max"`` divides by the best score, ``"zscore"`` standardises). An id missing from a run
    gets that run's lowest normalised score (a floor, not zero, so ``zscore`` works too).
    For exact fusion, pass complete score maps over the same candidate set (e.g. the exact
    cosine and BM25 of every candidate); then nothing is missing.

    Returns:
        ``(id, fused score)`` best first; equal fused scores keep the order of first appearance.
    """
    w = _check_weights(weights, len(runs))
    seen: dict[K, int] = {}
    normalised: list[dict[K, float]] = []
    floors: list[float] = []
    for run in runs:
        pairs = list(run.items()) if isinstance(run, Mapping) else list(run)
        values = _normalise(np.asarray([float(s) for _, s in pairs], dtype=np.float64), normalization)
        normalised.append({item: float(v) for (item, _), v in zip(pairs, values, strict=True)})
        floors.append(float(values.min()) if len(values) else 0.0)
        for item, _ in pairs:
            seen.setdefault(item, len(seen))
    fused = {
        item: sum(weight * table.get(item, floor) for weight, table, floor in zip(w, normalised, floors, strict=True))
        for item in seen
    }
    return _order(fused, seen, limit)


@dataclass(frozen=True)
class HybridConfig:
    """How to combine dense and BM25 retrieval; the defaults are the recommended pipeline.

    Attributes:
        method: ``"rrf"`` or ``"score"`` (normalised-score fusion).
        depth: Candidates taken from each retriever.
        dense_weight: Weight of the dense list.
        lexical_weight: Weight of the BM25 list.
        rrf_k: The RRF constant (``method="rrf"``).
        normalization: Score normalisation (``method="score"``).
    """

    method: Literal["rrf", "score"] = "score"
    depth: int = 30
    dense_weight: float = 1.0
    lexical_weight: float = 0.75
    rrf_k: float = 60.0
    normalization: Normalization = "zscore"

    def __post_init__(self) -> None:
        if self.method not in ("rrf", "score"):
            raise InvalidArgumentError(f"method must be 'rrf' or 'score', got {self.method!r}")
        if not isinstance(self.depth, int) or self.depth < 1:
            raise InvalidArgumentError(f"depth must be a positive int, got {self.depth!r}")
        _check_weights([self.dense_weight, self.lexical_weight], 2)

    def fuse(
        self,
        dense: Sequence[tuple[K, float]] | Mapping[K, float],
        lexical: Sequence[tuple[K, float]] | Mapping[K, float],
        *,
        limit: int | None = None,
    ) -> list[tuple[K, float]]:
        """Fuse one query's dense hits (cosines) and BM25 hits, best first.

        Either argument may be a ranked list of ``(id, score)`` or a mapping of exact scores
        over a candidate set. For ``"rrf"``, a mapping is ranked by score (equal scores: smaller
        id first), each input is cut to the top ``depth``, and BM25 scores of 0 (no query token
        in the claim) are dropped: only the claims that each retriever returned get a rank. So
        the exact scores of the union of both top-``depth`` lists give the same result as the
        two lists themselves (up to the order of equal scores).
        """
        weights = [self.dense_weight, self.lexical_weight]
        if self.method == "rrf":
            runs = [_ranked(dense)[: self.depth], [(i, s) for i, s in _ranked(lexical) if s > 0][: self.depth]]
            return reciprocal_rank_fusion(runs, k=self.rrf_k, weights=weights, limit=limit)
        return normalized_score_fusion([dense, lexical], weights=weights, normalization=self.normalization, limit=limit)


#: The recommended default: z-scores (over the candidates) of the *exact* cosine and BM25 of
#: every claim in the union of the dense top-30 and the BM25 top-30, summed with weights 1.0
#: and 0.75. Method, normalisation, weight and depth were chosen by the mean train MAP@5 over
#: the CheckThat! 2020 and 2022 train tweets (``training/train_reranker.py --tune-fusion``);
#: see docs/benchmarks.md.
DEFAULT_HYBRID = HybridConfig(method="score", normalization="zscore", depth=30, lexical_weight=0.75)
#: The default is score fusion; this name is kept for code that asks for it explicitly.
SCORE_HYBRID = DEFAULT_HYBRID
#: The best reciprocal-rank fusion on the same train tweets (ranks only; no exact scores needed):
#: ``1 / (5 + dense rank) + 1 / (5 + BM25 rank)`` over both top-100 lists.
RRF_HYBRID = HybridConfig(method="rrf", rrf_k=5.0, depth=100, lexical_weight=1.0)
#: Candidates a learned re-ranker sees: the union of the dense and BM25 top ``RERANK_DEPTH``.
RERANK_DEPTH = 30


def _ranked(run: Sequence[tuple[K, float]] | Mapping[K, float]) -> list[tuple[K, float]]:
    if isinstance(run, Mapping):
        return sorted(run.items(), key=lambda item: -item[1])  # stable: equal scores keep the mapping's order
    return list(run)


# ---------------------------------------------------------------------------- features
_WORD = re.compile(r"[^\W_]+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_QUOTE = re.compile(r"[\"“”«»]([^\"“”«»]{8,200})[\"“”«»]")
_SMALL_WORDS = frozenset(
    "a an and are as at be but by for if in into is it no not of on or such that the their then there these they "
    "this to was will with i you he she we my our your his her its from has have had do does did this what who why "
    "how when where rt via new just".split()
)


@dataclass(frozen=True)
class Candidate:
    """One retrieved claim for one query, with what the retrievers said about it.

    Attributes:
        id: The claim's id.
        text: The claim's searchable text (text, title and subtitle joined).
        cosine: Cosine similarity to the query.
        bm25: BM25 score for the query (0 when the claim shares no query token).
        dense_rank: 1-based rank in the dense list, or ``None`` if not in it (equal scores
            share a rank).
        lexical_rank: 1-based rank in the BM25 list, or ``None`` if not in it (equal scores
            share a rank).
    """

    id: Hashable
    text: str
    cosine: float
    bm25: float
    dense_rank: int | None = None
    lexical_rank: int | None = None


#: The features of :func:`candidate_features`, in column order.
FEATURE_NAMES: tuple[str, ...] = (
    "cosine",
    "cosine_gap",
    "cosine_z",
    "bm25_rel",
    "bm25_gap",
    "bm25_log",
    "bm25_z",
    "dense_rr",
    "lexical_rr",
    "dense_log_rank",
    "lexical_log_rank",
    "rrf",
    "word_overlap",
    "entity_overlap",
    "number_overlap",
    "number_mismatch",
    "quote_overlap",
    "length_ratio",
)


# the "rrf" feature: weighted RRF of the two ranks (fixed, so trained models stay valid)
_FEATURE_RRF_K = 10.0
_FEATURE_RRF_WEIGHTS = (1.0, 1.25)


def _words(text: str) -> set[str]:
    return {w for w in (m.lower() for m in _WORD.findall(text)) if w not in _SMALL_WORDS and len(w) > 1}


def _entities(text: str) -> set[str]:
    """Capitalised words not at a sentence start, and acronyms: a cheap proxy for names."""
    found = set()
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        tokens = _WORD.findall(sentence)
        for position, token in enumerate(tokens):
            if (token.isupper() and len(token) > 1) or (position > 0 and token[:1].isupper()):
                found.add(token.lower())
    return found - _SMALL_WORDS


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


def _share(part: set[str], whole: set[str]) -> float:
    return len(part & whole) / len(part) if part else 0.0


@dataclass(frozen=True)
class _QueryParts:
    words: set[str]
    entities: set[str]
    numbers: set[str]
    quotes: list[set[str]]
    length: int

    @classmethod
    def of(cls, text: str) -> _QueryParts:
        quotes = [_words(q) for q in _QUOTE.findall(text)]
        return cls(_words(text), _entities(text), _numbers(text), [q for q in quotes if q], len(_words(text)))


def candidate_features(query: str, candidates: Sequence[Candidate]) -> npt.NDArray[np.float64]:
    """Return a ``(len(candidates), len(FEATURE_NAMES))`` feature matrix for one query.

    Scores are also expressed relative to the query's best candidate (``*_gap``, ``*_rel``),
    which makes one model work across queries whose score scales differ.
    """
    if not isinstance(query, str):
        raise InvalidTypeError(f"query must be a str, got {type(query).__name__}")
    n = len(candidates)
    out = np.zeros((n, len(FEATURE_NAMES)), dtype=np.float64)
    if n == 0:
        return out
    cos = np.asarray([c.cosine for c in candidates], dtype=np.float64)
    bm = np.maximum(np.asarray([c.bm25 for c in candidates], dtype=np.float64), 0.0)
    top_bm = float(bm.max())
    q = _QueryParts.of(query)
    out[:, 0] = cos
    out[:, 1] = cos - cos.max()
    out[:, 2] = (cos - cos.mean()) / cos.std() if n > 1 and cos.std() > 0 else 0.0
    out[:, 3] = bm / top_bm if top_bm > 0 else 0.0
    out[:, 4] = (bm - top_bm) / top_bm if top_bm > 0 else 0.0
    out[:, 5] = np.log1p(bm)
    out[:, 6] = (bm - bm.mean()) / bm.std() if n > 1 and bm.std() > 0 else 0.0
    missing = math.log(2 * n + 1)  # rank stand-in for a claim absent from one list
    for row, cand in enumerate(candidates):
        ranks = (cand.dense_rank, cand.lexical_rank)
        out[row, 7] = 1.0 / cand.dense_rank if cand.dense_rank else 0.0
        out[row, 8] = 1.0 / cand.lexical_rank if cand.lexical_rank else 0.0
        out[row, 9] = math.log(cand.dense_rank) if cand.dense_rank else missing
        out[row, 10] = math.log(cand.lexical_rank) if cand.lexical_rank else missing
        out[row, 11] = sum(w / (_FEATURE_RRF_K + r) for w, r in zip(_FEATURE_RRF_WEIGHTS, ranks, strict=True) if r)
        words = _words(cand.text)
        out[row, 12] = _share(q.words, words)
        out[row, 13] = _share(q.entities, words)
        numbers = _numbers(cand.text)
        out[row, 14] = _share(q.numbers, numbers)
        out[row, 15] = float(bool(q.numbers and numbers and not q.numbers & numbers))
        out[row, 16] = max((_share(quote, words) for quote in q.quotes), default=0.0)
        out[row, 17] = math.log((1 + len(words)) / (1 + q.length))
    return out


# ---------------------------------------------------------------------------- learned model
@dataclass(frozen=True)
class LinearReranker:
    """A logistic-regression re-ranker: ``score = sigmoid(coef · standardise(features) + intercept)``.

    Stored as JSON (feature names, standardisation, coefficients), never pickled. Train one
    with ``training/train_reranker.py`` on your own labelled queries.
    """

    feature_names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    info: dict[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        n = len(self.feature_names)
        if not (len(self.mean) == len(self.scale) == len(self.coef) == n):
            raise InvalidArgumentError("feature_names, mean, scale and coef must have the same length")
        unknown = set(self.feature_names) - set(FEATURE_NAMES)
        if unknown:
            raise InvalidArgumentError(f"unknown features {sorted(unknown)}; known: {', '.join(FEATURE_NAMES)}")

    def _columns(self) -> list[int]:
        return [FEATURE_NAMES.index(name) for name in self.feature_names]

    def decision(self, features: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """The linear score of each row of a :func:`candidate_features` matrix."""
        x = np.asarray(features, dtype=np.float64)[:, self._columns()]
        z = (x - np.asarray(self.mean)) / np.asarray(self.scale)
        return np.asarray(z @ np.asarray(self.coef) + self.intercept, dtype=np.float64)

    def rerank(
        self, query: str, candidates: Sequence[Candidate], *, limit: int | None = None
    ) -> list[tuple[Any, float]]:
        """Order ``candidates`` by the model; returns ``(id, probability)`` best first."""
        if not candidates:
            return []
        decision = self.decision(candidate_features(query, candidates))
        probability = 0.5 * (1.0 + np.tanh(0.5 * decision))  # the logistic function, without overflow
        order = sorted(range(len(candidates)), key=lambda i: (-decision[i], i))
        ranked = [(candidates[i].id, float(probability[i])) for i in order]
        return ranked[:limit] if limit is not None else ranked

    @classmethod
    def fit(
        cls,
        features: npt.NDArray[np.float64],
        labels: npt.NDArray[np.int_],
        *,
        feature_names: Sequence[str] = FEATURE_NAMES,
        c: float = 1.0,
        balanced: bool = False,
        info: Mapping[str, Any] | None = None,
    ) -> LinearReranker:
        """Fit on a stacked feature matrix (all queries' candidates) and 0/1 relevance labels."""
        from sklearn.linear_model import LogisticRegression

        columns = [FEATURE_NAMES.index(name) for name in feature_names]
        x = np.asarray(features, dtype=np.float64)[:, columns]
        y = np.asarray(labels).astype(int)
        if len(set(y.tolist())) != 2:
            raise InvalidArgumentError("training needs both relevant (1) and irrelevant (0) candidates")
        mean = x.mean(axis=0)
        scale = x.std(axis=0)
        scale[scale == 0] = 1.0
        model = LogisticRegression(C=c, class_weight="balanced" if balanced else None, max_iter=2000)
        model.fit((x - mean) / scale, y)
        return cls(
            feature_names=tuple(feature_names),
            mean=tuple(float(v) for v in mean),
            scale=tuple(float(v) for v in scale),
            coef=tuple(float(v) for v in model.coef_[0]),
            intercept=float(model.intercept_[0]),
            info=dict(info or {}),
        )

    # ------------------------------------------------------------------ JSON
    def to_json(self) -> str:
        """Serialise the model as JSON (deterministic key order)."""
        payload = {
            "format": RERANKER_FORMAT,
            "model": "logistic_regression",
            "feature_names": list(self.feature_names),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "coef": list(self.coef),
            "intercept": self.intercept,
            "info": self.info,
        }
        return json.dumps(payload, indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> LinearReranker:
        """Load a model written by :meth:`to_json`.

        Raises:
            ModelLoadError: the JSON is not a re-ranker of this format.
        """
        try:
            payload = json.loads(text)
            if payload.get("format") != RERANKER_FORMAT or payload.get("model") != "logistic_regression":
                raise ValueError(f"format {payload.get('format')!r}, model {payload.get('model')!r}")
            return cls(
                feature_names=tuple(str(n) for n in payload["feature_names"]),
                mean=tuple(float(v) for v in payload["mean"]),
                scale=tuple(float(v) for v in payload["scale"]),
                coef=tuple(float(v) for v in payload["coef"]),
                intercept=float(payload["intercept"]),
                info=dict(payload.get("info") or {}),
            )
        except (ValueError, KeyError, TypeError, AttributeError, InvalidArgumentError) as exc:
            raise ModelLoadError(
                f"not a claimmatch re-ranker JSON ({exc}); retrain it with training/train_reranker.py"
            ) from exc

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the JSON to ``path`` and return it."""
        target = Path(path)
        target.write_text(self.to_json() + "\n", encoding="utf-8")
        return target

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> LinearReranker:
        """Read a model saved by :meth:`save`."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ModelLoadError(f"cannot read re-ranker {path} ({exc})") from exc
        return cls.from_json(text)
