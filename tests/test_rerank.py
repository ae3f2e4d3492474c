"""Tests for claimmatch.rerank: fusion of candidate lists and the learned re-ranker."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from claimmatch.errors import InvalidArgumentError, InvalidTypeError, ModelLoadError
from claimmatch.rerank import (
    DEFAULT_HYBRID,
    FEATURE_NAMES,
    RRF_HYBRID,
    SCORE_HYBRID,
    Candidate,
    HybridConfig,
    LinearReranker,
    candidate_features,
    normalized_score_fusion,
    reciprocal_rank_fusion,
)

DENSE = [(1, 0.9), (2, 0.8), (3, 0.7)]
LEXICAL = [(3, 20.0), (4, 15.0), (1, 5.0)]


def test_rrf_by_hand() -> None:
    fused = dict(reciprocal_rank_fusion([DENSE, LEXICAL], k=60))
    assert fused[1] == pytest.approx(1 / 61 + 1 / 63)
    assert fused[3] == pytest.approx(1 / 63 + 1 / 61)
    assert fused[2] == pytest.approx(1 / 62)
    assert fused[4] == pytest.approx(1 / 62)


def test_rrf_order_weights_and_limit() -> None:
    ranked = reciprocal_rank_fusion([DENSE, LEXICAL], k=60)
    assert [i for i, _ in ranked] == [1, 3, 2, 4]  # 1 and 3 tie; 1 was seen first
    heavy_lexical = reciprocal_rank_fusion([DENSE, LEXICAL], k=1, weights=[1.0, 3.0], limit=2)
    assert [i for i, _ in heavy_lexical] == [3, 1]  # 3: 1/4 + 3/2; 1: 1/2 + 3/4; 4: 3/3
    assert reciprocal_rank_fusion([[], []]) == []


def test_rrf_rejects_bad_arguments() -> None:
    with pytest.raises(InvalidArgumentError):
        reciprocal_rank_fusion([DENSE], weights=[1.0, 2.0])
    with pytest.raises(InvalidArgumentError):
        reciprocal_rank_fusion([DENSE], weights=[-1.0])
    with pytest.raises(InvalidArgumentError):
        reciprocal_rank_fusion([DENSE], k=-1)


def test_score_fusion_minmax_by_hand() -> None:
    fused = dict(normalized_score_fusion([DENSE, LEXICAL], normalization="minmax"))
    # dense: 1 -> 1, 2 -> 0.5, 3 -> 0; lexical: 3 -> 1, 4 -> 2/3, 1 -> 0; a missing id gets the floor 0
    assert fused[1] == pytest.approx(1.0)
    assert fused[2] == pytest.approx(0.5)
    assert fused[3] == pytest.approx(1.0)
    assert fused[4] == pytest.approx(2 / 3)


def test_score_fusion_methods_and_mappings() -> None:
    dense = {1: 0.9, 2: 0.5, 3: 0.1}
    lexical = {1: 0.0, 2: 10.0, 3: 30.0}
    by_max = normalized_score_fusion([dense, lexical], normalization="max", weights=[1.0, 0.5])
    assert dict(by_max) == pytest.approx({1: 1.0, 2: 0.5 / 0.9 + 0.5 / 3, 3: 0.1 / 0.9 + 0.5})
    assert [i for i, _ in by_max] == [1, 2, 3]
    by_z = normalized_score_fusion([dense, lexical], normalization="zscore")
    assert {i for i, _ in by_z} == {1, 2, 3}
    assert sum(s for _, s in by_z) == pytest.approx(0.0, abs=1e-9)  # z-scores sum to zero
    constant = normalized_score_fusion([{1: 2.0, 2: 2.0}], normalization="minmax")
    assert [s for _, s in constant] == [1.0, 1.0]
    with pytest.raises(InvalidArgumentError):
        normalized_score_fusion([dense], normalization="bogus")  # type: ignore[arg-type]


def test_hybrid_config_defaults_and_validation() -> None:
    assert DEFAULT_HYBRID.method == "score" and RRF_HYBRID.method == "rrf"
    assert SCORE_HYBRID == DEFAULT_HYBRID
    fused = RRF_HYBRID.fuse(DENSE, LEXICAL, limit=3)
    assert len(fused) == 3
    assert fused[0][0] in (1, 3)
    score = SCORE_HYBRID.fuse(dict(DENSE), dict(LEXICAL))
    assert {i for i, _ in score} == {1, 2, 3, 4}
    assert HybridConfig(method="rrf").fuse({1: 0.2, 2: 0.9}, {})[0][0] == 2  # mappings are ranked by score


def test_rrf_equal_scores_share_a_rank() -> None:
    # 2 and 3 are duplicates with the same BM25 score: they share rank 2, whatever their order
    lexical = [(1, 9.0), (2, 5.0), (3, 5.0)]
    fused = dict(reciprocal_rank_fusion([lexical], k=10))
    assert fused[2] == fused[3] == pytest.approx(1 / 12)
    assert dict(reciprocal_rank_fusion([[(1, 9.0), (3, 5.0), (2, 5.0)]], k=10)) == fused
    assert dict(reciprocal_rank_fusion([[(1, 9.0), (2, 5.0), (3, 4.0)]], k=10))[3] == pytest.approx(1 / 13)


def test_rrf_on_exact_scores_equals_rrf_on_lists() -> None:
    config = HybridConfig(method="rrf", rrf_k=10.0, depth=2, lexical_weight=1.25)
    dense_list = [(1, 0.9), (2, 0.8)]
    lexical_list = [(3, 20.0), (4, 15.0)]
    # the exact scores of the union: 3 and 4 have lower cosines, 1 has BM25 0 and 2 a low BM25
    dense_exact = {1: 0.9, 2: 0.8, 3: 0.5, 4: 0.7}
    lexical_exact = {1: 0.0, 2: 3.0, 3: 20.0, 4: 15.0}
    assert config.fuse(dense_exact, lexical_exact) == config.fuse(dense_list, lexical_list)
    assert {i for i, _ in config.fuse(dense_exact, lexical_exact)} == {1, 2, 3, 4}
    with pytest.raises(InvalidArgumentError):
        HybridConfig(method="mean")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError):
        HybridConfig(depth=0)
    with pytest.raises(InvalidArgumentError):
        HybridConfig(lexical_weight=float("nan"))


def _candidates() -> list[Candidate]:
    return [
        Candidate(10, "Barack Obama said 30 states banned it in 2019", 0.8, 12.0, 1, 2),
        Candidate(11, "A video shows an anaconda in Brazil", 0.5, 3.0, 2, None),
        Candidate(12, "Trump said 45 states", 0.6, 15.0, None, 1),
    ]


def test_candidate_features_shape_and_values() -> None:
    query = 'They say Obama: "thirty states banned it" in 2019 #news'
    features = candidate_features(query, _candidates())
    assert features.shape == (3, len(FEATURE_NAMES))
    col = {name: n for n, name in enumerate(FEATURE_NAMES)}
    assert features[0, col["cosine_gap"]] == 0.0
    assert features[1, col["cosine_gap"]] == pytest.approx(-0.3)
    assert features[2, col["bm25_rel"]] == 1.0
    assert features[1, col["lexical_rr"]] == 0.0
    assert features[0, col["dense_rr"]] == 1.0
    assert features[0, col["number_overlap"]] == 1.0  # 2019
    assert features[2, col["number_mismatch"]] == 1.0  # 45 vs 2019
    assert features[0, col["entity_overlap"]] > 0  # Obama
    assert features[0, col["quote_overlap"]] > 0  # "states banned"
    assert np.isfinite(features).all()
    assert candidate_features("query", []).shape == (0, len(FEATURE_NAMES))
    one = candidate_features("query", _candidates()[:1])
    assert np.isfinite(one).all()
    with pytest.raises(InvalidTypeError):
        candidate_features(b"bytes", _candidates())  # type: ignore[arg-type]


def _toy_training() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    rows, labels = [], []
    for _ in range(60):
        cands = [
            Candidate(n, f"claim {n}", float(rng.uniform(0.2, 0.9)), float(rng.uniform(0, 20)), n + 1, n + 1)
            for n in range(6)
        ]
        gold = int(np.argmax([c.cosine + c.bm25 / 20 for c in cands]))
        rows.append(candidate_features("claim query", cands))
        labels.append([int(n == gold) for n in range(6)])
    return np.vstack(rows), np.asarray(labels).ravel()


def test_linear_reranker_fits_ranks_and_round_trips(tmp_path: Path) -> None:
    x, y = _toy_training()
    model = LinearReranker.fit(x, y, c=1.0, info={"note": "toy"})
    assert model.feature_names == FEATURE_NAMES
    best = Candidate(1, "claim", 0.95, 19.0, 1, 1)
    worst = Candidate(2, "claim", 0.1, 0.5, 2, 2)
    ranked = model.rerank("claim", [worst, best])
    assert [i for i, _ in ranked] == [1, 2]
    assert 0.0 <= ranked[1][1] <= ranked[0][1] <= 1.0
    assert model.rerank("claim", []) == []
    path = model.save(tmp_path / "model.json")
    loaded = LinearReranker.load(path)
    assert loaded == model and loaded.info == {"note": "toy"}
    np.testing.assert_allclose(loaded.decision(x), model.decision(x))
    assert json.loads(path.read_text())["model"] == "logistic_regression"
    assert model.to_json() == loaded.to_json()  # deterministic


def test_linear_reranker_subset_of_features() -> None:
    x, y = _toy_training()
    model = LinearReranker.fit(x, y, feature_names=("cosine", "bm25_rel"))
    assert len(model.coef) == 2
    assert model.decision(x).shape == (len(x),)


def test_linear_reranker_errors(tmp_path: Path) -> None:
    x, y = _toy_training()
    with pytest.raises(InvalidArgumentError):
        LinearReranker.fit(x, np.zeros_like(y))
    with pytest.raises(InvalidArgumentError):
        LinearReranker(("cosine", "nope"), (0.0, 0.0), (1.0, 1.0), (1.0, 1.0), 0.0)
    with pytest.raises(InvalidArgumentError):
        LinearReranker(("cosine",), (0.0, 0.0), (1.0,), (1.0,), 0.0)
    with pytest.raises(ModelLoadError):
        LinearReranker.from_json('{"format": 99}')
    with pytest.raises(ModelLoadError):
        LinearReranker.from_json("not json")
    with pytest.raises(ModelLoadError):
        LinearReranker.load(tmp_path / "missing.json")
