"""Calibrate the default ``min_score`` and report matching quality on our own queries.

    python benchmarks/calibrate.py [--queries tests/data/match_queries.jsonl] [--claims index/claims.jsonl]

The threshold is chosen on the **dev** half only: the value that best separates the
cosine of each query's expected claim (queries that should match) from the best cosine
of unrelated queries (which should match nothing), taking the midpoint of the widest
margin among the best-accuracy cut-offs. The **test** half is then reported with that
threshold and with the library's current ``DEFAULT_MIN_SCORE``.
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from claimmatch import DEFAULT_MIN_SCORE, ClaimIndex, ClaimMatcher, load_claims

ROOT = Path(__file__).resolve().parents[1]


def _load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def choose_threshold(positives: list[float], negatives: list[float]) -> float:
    """Cut-off with the best accuracy on the two groups; ties go to the widest gap's midpoint."""
    candidates = sorted(set(positives) | set(negatives))
    best: tuple[float, float, float] | None = None
    for low, high in itertools.pairwise(candidates):
        cut = (low + high) / 2
        correct = sum(p >= cut for p in positives) + sum(n < cut for n in negatives)
        key = (correct / (len(positives) + len(negatives)), high - low, cut)
        if best is None or key[:2] > best[:2]:
            best = key
    assert best is not None
    return round(best[2], 3)


def evaluate(matcher: ClaimMatcher, rows: list[dict[str, Any]], min_score: float) -> dict[str, Any]:
    """Top-1 accuracy, no-match rate and stance accuracy per query kind."""
    results = matcher.match_many([row["query"] for row in rows], top_k=5, min_score=min_score)
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for row, matches in zip(rows, results, strict=True):
        counts = table[row["kind"]]
        counts["n"] += 1
        if row["expected_id"] is None:
            counts["correct_retrieval"] += not matches
            continue
        top = matches[0] if matches else None
        hit = top is not None and top.claim.id == row["expected_id"]
        counts["correct_retrieval"] += hit
        counts["correct_stance"] += hit and top is not None and top.stance.value == row["expected_stance"]
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--queries", type=Path, default=ROOT / "tests" / "data" / "match_queries.jsonl")
    parser.add_argument("--claims", type=Path, default=ROOT / "index" / "claims.jsonl")
    args = parser.parse_args()

    index = ClaimIndex.build(load_claims(args.claims))
    matcher = ClaimMatcher(index)
    rows = _load(args.queries)
    dev = [row for row in rows if row["split"] == "dev"]
    test = [row for row in rows if row["split"] == "test"]

    dev_hits = index.search(index.embed_queries([row["query"] for row in dev]), len(index))
    positives, negatives = [], []
    for row, hits in zip(dev, dev_hits, strict=True):
        if row["expected_id"] is None:
            negatives.append(hits[0][1])
        else:
            positives.append(next(score for claim, score in hits if claim.id == row["expected_id"]))
    chosen = choose_threshold(positives, negatives)
    print(
        f"dev: {len(positives)} queries that should match, cosine min {min(positives):.3f}; "
        f"{len(negatives)} unrelated, best cosine max {max(negatives):.3f}"
    )
    print(f"threshold chosen on dev: {chosen:.3f}   (library DEFAULT_MIN_SCORE = {DEFAULT_MIN_SCORE})")

    for name, cut in (("chosen", chosen), ("default", DEFAULT_MIN_SCORE)):
        table = evaluate(matcher, test, cut)
        print(f"\ntest split, min_score={cut:.3f} ({name})")
        print(f"{'kind':<16}{'n':>4}{'top-1 right / no match':>24}{'stance right':>14}")
        for kind, counts in sorted(table.items()):
            stance = "-" if kind == "unrelated" else f"{counts['correct_stance']}/{counts['n']}"
            print(f"{kind:<16}{counts['n']:>4}{counts['correct_retrieval']:>20}/{counts['n']:<3}{stance:>14}")


if __name__ == "__main__":
    main()
