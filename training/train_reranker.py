#!/usr/bin/env python
"""Tune hybrid fusion and train the learned re-ranker on the *train* split of CheckThat! data.

Usage::

    # train a LinearReranker (logistic regression, JSON) on the train tweets of one data set
    python training/train_reranker.py --data ../shared/data/checkthat2022-2a-en [--out PATH] [--c 1.0]

    # grid-search the fusion hyper-parameters on the train tweets of one or more data sets
    python training/train_reranker.py --tune-fusion --data ../shared/data/checkthat2022-2a-en \\
        --data ../shared/data/checkthat2020-task2-en

Only queries whose ``split`` is ``train`` are read: dev tweets are never looked at here. The
re-ranker is written to ``benchmarks/results/reranker-<data set>.json`` by default (ignored by
git: CheckThat! is "free for general research use", which does not clearly allow shipping
weights derived from it in an Apache-2.0 package). The same script trains a re-ranker on your
own data: any folder with ``vclaims.jsonl``, ``queries.jsonl`` (with ``split: train``) and
``qrels.tsv`` in the CheckThat! layout.

The printed cross-validation (5 folds over train queries) compares the model with the default
fusion; its numbers are train-split estimates, not dev results.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import cast

import numpy as np
import numpy.typing as npt

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT, ROOT / "benchmarks"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from retrieval import (  # noqa: E402
    DEFAULT_DATA,
    RESULTS,
    EmbeddingCache,
    System,
    evaluate,
    fuse,
    load_checkthat,
)

from claimmatch.normalize import RETRIEVAL_NORMALIZER  # noqa: E402
from claimmatch.rerank import (  # noqa: E402
    DEFAULT_HYBRID,
    FEATURE_NAMES,
    RERANK_DEPTH,
    Candidate,
    HybridConfig,
    LinearReranker,
    candidate_features,
)

MAX_DEPTH = 100


class TrainSet:
    """Candidates of every train query of one data set, at the largest depth searched."""

    def __init__(self, folder: Path, cache: EmbeddingCache) -> None:
        self.dataset = load_checkthat(folder)
        self.queries = [q for q in self.dataset.split("train") if self.dataset.qrels.get(q.id)]
        self.system = System.build(self.dataset, cache, fields=("text+title",))
        self.texts = [RETRIEVAL_NORMALIZER(q.text) for q in self.queries]
        self.vectors, _ = cache.encode(self.system.embedder, self.texts)
        self.dense = self.system.dense_hits(self.vectors, "text+title", MAX_DEPTH)
        self.lexical = self.system.lexical.search(self.texts, MAX_DEPTH)
        self.ids = [c.id for c in self.dataset.claims]
        self._by_depth: dict[int, list[list[Candidate]]] = {}

    def candidates(self, depth: int) -> list[list[Candidate]]:
        if depth not in self._by_depth:
            self._by_depth[depth] = [
                self.system.candidates(t, v, d[:depth], lx[:depth])
                for t, v, d, lx in zip(self.texts, self.vectors, self.dense, self.lexical, strict=True)
            ]
        return self._by_depth[depth]

    def score(self, config: HybridConfig) -> float:
        fused = [fuse(config, cands) for cands in self.candidates(config.depth)]
        rankings = {q.id: [self.ids[i] for i, _ in f] for q, f in zip(self.queries, fused, strict=True)}
        return evaluate(rankings, self.dataset.qrels)["MAP@5"]

    def labelled(self, depth: int) -> tuple[list[npt.NDArray[np.float64]], list[npt.NDArray[np.int_]]]:
        features, labels = [], []
        for query, text, cands in zip(self.queries, self.texts, self.candidates(depth), strict=True):
            gold = self.dataset.qrels[query.id]
            features.append(candidate_features(text, cands))
            labels.append(np.asarray([self.ids[cast(int, c.id)] in gold for c in cands], dtype=np.int_))
        return features, labels


def tune_fusion(sets: Sequence[TrainSet]) -> None:
    """Print train MAP@5 for a grid of fusion settings and the best by the mean over data sets."""
    grid: list[HybridConfig] = []
    for depth, weight, norm in itertools.product((30, 50, 100), (0.5, 0.625, 0.75, 1.0), ("zscore", "max")):
        grid.append(HybridConfig(method="score", normalization=norm, depth=depth, lexical_weight=weight))  # type: ignore[arg-type]
    for depth, weight, k in itertools.product((30, 100), (0.75, 1.0, 1.25, 1.5, 2.0), (5.0, 10.0, 20.0, 60.0)):
        grid.append(HybridConfig(method="rrf", rrf_k=k, depth=depth, lexical_weight=weight))
    results = []
    for config in grid:
        scores = [s.score(config) for s in sets]
        results.append((float(np.mean(scores)), scores, config))
    names = " ".join(s.dataset.name for s in sets)
    print(f"train MAP@5 per data set ({names}) and mean; best 15 of {len(grid)}:")
    for mean, scores, config in sorted(results, key=lambda r: -r[0])[:15]:
        print(f"  {mean:.4f}  {' '.join(f'{v:.4f}' for v in scores)}  {config}")
    for method in ("score", "rrf"):
        best = max((r for r in results if r[2].method == method), key=lambda r: r[0])
        print(f"best {method}: {best[0]:.4f} {best[2]}")
    default = [s.score(DEFAULT_HYBRID) for s in sets]
    print(f"current DEFAULT_HYBRID: {np.mean(default):.4f} {default}")


def cross_validate(train: TrainSet, c: float, folds: int = 5) -> tuple[float, float]:
    """MAP@5 of the re-ranker and of the default fusion, k-fold over train queries."""
    features, labels = train.labelled(RERANK_DEPTH)
    order = np.random.RandomState(0).permutation(len(train.queries))
    rankings: dict[str, list[str]] = {}
    for fold in range(folds):
        held = set(order[fold::folds].tolist())
        fit = [i for i in range(len(train.queries)) if i not in held]
        model = LinearReranker.fit(np.vstack([features[i] for i in fit]), np.concatenate([labels[i] for i in fit]), c=c)
        for i in held:
            ranked = model.rerank(train.texts[i], train.candidates(RERANK_DEPTH)[i])
            rankings[train.queries[i].id] = [train.ids[int(cid)] for cid, _ in ranked]
    model_map = evaluate(rankings, train.dataset.qrels)["MAP@5"]
    return model_map, train.score(DEFAULT_HYBRID)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, action="append", help=f"CheckThat!-layout folder (default {DEFAULT_DATA})")
    parser.add_argument("--tune-fusion", action="store_true", help="grid-search fusion settings instead of training")
    parser.add_argument("--out", type=Path, help="model JSON (default benchmarks/results/reranker-<data>.json)")
    parser.add_argument("--c", type=float, default=1.0, help="inverse L2 regularisation of the logistic regression")
    parser.add_argument("--cache-dir", type=Path, default=Path(tempfile.gettempdir()) / "claimmatch-bench-cache")
    args = parser.parse_args(argv)
    cache = EmbeddingCache(args.cache_dir)
    sets = [TrainSet(folder, cache) for folder in (args.data or [DEFAULT_DATA])]
    if args.tune_fusion:
        tune_fusion(sets)
        return 0
    if args.out is not None and len(sets) > 1:
        parser.error("--out names one file: train one data set per run")
    for train in sets:
        start = time.perf_counter()
        features, labels = train.labelled(RERANK_DEPTH)
        model = LinearReranker.fit(
            np.vstack(features),
            np.concatenate(labels),
            c=args.c,
            info={
                "trained_on": f"{train.dataset.name} train split ({len(train.queries)} queries)",
                "candidates": f"union of dense and BM25 top-{RERANK_DEPTH}",
                "normalizer": "RETRIEVAL_NORMALIZER",
                "c": args.c,
            },
        )
        out = args.out or RESULTS / f"reranker-{train.dataset.name}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        model.save(out)
        cv_model, fusion = cross_validate(train, args.c)
        seconds = time.perf_counter() - start
        print(f"{train.dataset.name}: {len(train.queries)} train queries, trained in {seconds:.1f} s -> {out}")
        print(f"  5-fold CV MAP@5 on train: re-ranker {cv_model:.4f}, default fusion {fusion:.4f}")
        weights = ", ".join(f"{n} {w:+.2f}" for n, w in zip(model.feature_names, model.coef, strict=True))
        print(f"  standardised coefficients: {weights}")
        assert set(model.feature_names) <= set(FEATURE_NAMES)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
