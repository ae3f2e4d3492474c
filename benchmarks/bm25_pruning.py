#!/usr/bin/env python
"""BM25 for hybrid search: every score (the baseline) against MaxScore pruning, same run.

Loads a saved index (``--index DIR``, memory-mapped) and, for each query set (``claims2020``:
CheckThat! 2020 verified-claim texts, claim-length; ``tweets2022``: CheckThat! 2022 tweets, long
and loose), times:

* BM25 alone: ``LexicalIndex.sparse_scores`` (every document that shares a term with the
  query, the baseline) against ``LexicalIndex.top_scores(query, 30)`` (only the documents
  that can reach the top 30, the hybrid default's depth), interleaved in rounds of 25, and
  checks that both give the same best 30 ids and the same scores for them and for 30 other
  documents; then the same with a filter that keeps every other claim;
* ``ClaimMatcher.match()`` with hybrid retrieval, pruning switched off (the baseline) and on
  (``claimmatch.lexical._PRUNE_FROM``), interleaved, checking that the matches are identical.

Usage::

    python benchmarks/bm25_pruning.py --index /tmp/cm-1m-v3 [--queries 400] [--sets claims2020,tweets2022]

Pruning adapts to the queries: after a run of queries it could not prune (tweets, mostly) it
is tried on one query in 16 only, so such queries pay little for it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimmatch import ClaimIndex, ClaimMatcher, lexical  # noqa: E402

DEPTH = 30


def _p(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) * 1000


SETS = {
    "claims2020": ("checkthat2020-task2-en/vclaims.jsonl", "vclaim"),
    "tweets2022": ("checkthat2022-2a-en/queries.jsonl", "text"),
}


def _alternate(systems: list[str], start: int) -> list[str]:
    """The systems of one round, the first one alternating (the second one of a round finds the
    round's postings and vectors in the page cache)."""
    return systems if start // 25 % 2 == 0 else systems[::-1]


def run_set(index: ClaimIndex, name: str, texts: list[str]) -> None:
    bm25 = index._lexical
    assert bm25 is not None
    ids = bm25.id_array()
    rng = np.random.default_rng(0)
    bm25._compile()._prune_rate = 1.0  # each set starts afresh
    times: dict[str, list[float]] = {"every score": [], "top 30 (MaxScore)": []}
    pruned = 0
    for start in range(0, len(texts), 25):
        for system in _alternate(list(times), start):
            for text in texts[start : start + 25]:
                t = time.perf_counter()
                got: Any = bm25.sparse_scores(text) if system == "every score" else bm25.top_scores(text, DEPTH)
                times[system].append(time.perf_counter() - t)
                if system != "every score":
                    pruned += isinstance(got, lexical._PrunedScores)
                    full = bm25.sparse_scores(text)
                    assert got.best(DEPTH).tolist() == full.best(DEPTH).tolist(), text
                    probe = np.concatenate([full.best(DEPTH), rng.choice(ids, 30)])
                    assert np.array_equal(got.get(probe), full.get(probe)), text
    print(f"{name}: {len(ids):,} documents, {len(texts)} queries ({pruned} pruned); same best {DEPTH} and scores")
    base = statistics.median(times["every score"])
    for system, values in times.items():
        speed = base / statistics.median(values)
        print(f"  BM25 {system}: p50 {_p(values, 50):.2f} ms, p99 {_p(values, 99):.2f} ms ({speed:.2f}x)")

    allowed = ids[::2].copy()  # a filter that keeps every other claim
    bm25._compile()._prune_rate = 1.0
    filtered: dict[str, list[float]] = {"every score, restricted": [], "top 30 (MaxScore), filtered": []}
    for start in range(0, len(texts), 25):
        for system in _alternate(list(filtered), start):
            for text in texts[start : start + 25]:
                t = time.perf_counter()
                if system.startswith("every"):
                    got = bm25.sparse_scores(text).restrict(allowed)
                else:
                    got = bm25.top_scores(text, DEPTH, allowed)
                filtered[system].append(time.perf_counter() - t)
                if not system.startswith("every"):
                    full = bm25.sparse_scores(text).restrict(allowed)
                    assert got.best(DEPTH).tolist() == full.best(DEPTH).tolist(), text
    base = statistics.median(filtered["every score, restricted"])
    for system, values in filtered.items():
        speed = base / statistics.median(values)
        print(f"  BM25 with a filter (half the claims), {system}: p50 {_p(values, 50):.2f} ms ({speed:.2f}x)")

    matcher = ClaimMatcher(index)
    matcher.match(texts[0])
    calls: dict[str, list[float]] = {"pruning off": [], "pruning on": []}
    setting = {"pruning off": sys.maxsize, "pruning on": lexical._PRUNE_FROM}
    answers: dict[str, list[Any]] = {system: [] for system in calls}
    bm25._compile()._prune_rate = 1.0
    for start in range(0, len(texts), 25):
        for system in _alternate(list(calls), start):
            lexical._PRUNE_FROM = setting[system]
            for text in texts[start : start + 25]:
                t = time.perf_counter()
                matches = matcher.match(text)
                calls[system].append(time.perf_counter() - t)
                answers[system].append([(m.claim.id, m.score, m.stance) for m in matches])
    lexical._PRUNE_FROM = setting["pruning on"]
    assert answers["pruning off"] == answers["pruning on"]
    base = statistics.median(calls["pruning off"])
    for system, values in calls.items():
        speed = base / statistics.median(values)
        print(f"  hybrid match() {system}: p50 {_p(values, 50):.2f} ms, p99 {_p(values, 99):.2f} ms ({speed:.2f}x)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", type=Path, required=True, help="a saved index with a BM25 part")
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--sets", default="claims2020,tweets2022")
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args(argv)
    index = ClaimIndex.load(args.index, mmap=True)
    if index._lexical is None:
        raise SystemExit(f"{args.index} has no BM25 part")
    for name in args.sets.split(","):
        path, key = SETS[name]
        with (args.data_dir / path).open(encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle if line.strip()]
        run_set(index, name, [str(r.get(key) or r.get("text")) for r in rows][: args.queries])


if __name__ == "__main__":
    main()
