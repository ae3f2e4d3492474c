#!/usr/bin/env python
"""Choose how the stance model and the rules are combined (``NLIPolicy``), on tuning splits only.

Tuning data: the contrast set's **dev** half and COVID-Fact **train** (the benchmark's pairs).
The contrast test half and COVID-Fact dev are never read here. Each policy in a small grid is
scored by the mean of the two accuracies (stance, with the fact-check's verdict); ties go to the
policy closest to the rules (higher thresholds). Rules only is printed beside it; the model is
only worth making the default if the chosen policy is not worse than rules only on both.

Usage::

    python training/tune_stance_combination.py [--model DIR] [--data-dir ../shared/data]
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT, ROOT / "benchmarks"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

import stance as bench  # noqa: E402  (benchmarks/stance.py)

from claimmatch.models import Verdict, VerifiedClaim  # noqa: E402
from claimmatch.stance.aligner import DETAIL_FLOOR  # noqa: E402
from claimmatch.stance.base import Relation  # noqa: E402
from claimmatch.stance.engine import NLIPolicy, StanceEngine  # noqa: E402
from claimmatch.stance.nli import MODEL_DIR, NLIScores, OnnxNLI  # noqa: E402


class Cached:
    """An NLI backend that answers from precomputed scores."""

    def __init__(self, table: dict[tuple[str, str], NLIScores]) -> None:
        self.table = table

    def predict(self, pairs: Sequence[tuple[str, str]]) -> list[NLIScores]:
        return [self.table[p] for p in pairs]


def accuracy(engine: StanceEngine, pairs: Sequence[bench.Pair]) -> float:
    items = [
        (p.new_text, VerifiedClaim(id=f"t{i}", text=p.claim_text, verdict=Verdict(p.verdict)), p.similarity)
        for i, p in enumerate(pairs)
    ]
    results = engine.assess_many(items)
    return sum(r.stance.value == p.gold for r, p in zip(results, pairs, strict=True)) / len(pairs)


GRID = {
    "decide": [0.5, 0.6, 0.7, 0.8, 0.9, 1.01],
    "override": [0.7, 0.8, 0.9, 0.95, 1.01],
    "dismiss": [0.8, 0.9, 1.01],
    "contradiction_relation": [Relation.CONFLICT, Relation.NEGATION],
    "floor": [DETAIL_FLOOR],
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, default=MODEL_DIR)
    parser.add_argument("--data-dir", type=Path, default=bench.DEFAULT_DATA_DIR)
    args = parser.parse_args(argv)

    contrast = [p for p in bench.load_contrast(bench.CONTRAST_FILES).pairs if p.split == "dev"]
    covid = [p for p in bench.load_covidfact(args.data_dir / "covidfact" / "pairs.jsonl", 1000, 13).pairs
             if p.split == "train"]
    encode, _ = bench.load_encoder()
    bench.add_similarities(contrast + covid, encode)
    nli = OnnxNLI(args.model)
    keys = sorted({(p.claim_text, p.new_text) for p in contrast + covid})
    table = dict(zip(keys, nli.predict(keys), strict=True))
    backend = Cached(table)

    rules = StanceEngine(nli=None, calibrated=False)
    base = (accuracy(rules, contrast), accuracy(rules, covid))
    print(f"tuning: contrast dev n={len(contrast)}, COVID-Fact train n={len(covid)}")
    print(f"rules only: contrast dev {base[0]:.4f}, COVID-Fact train {base[1]:.4f}")
    model_only = NLIPolicy(decide=0.0, override=0.0, dismiss=0.0, floor=0.0)
    results: list[tuple[float, tuple[float, ...], NLIPolicy, tuple[float, float]]] = []
    names = list(GRID)
    for values in itertools.product(*GRID.values()):
        policy = NLIPolicy(**dict(zip(names, values, strict=True)))
        engine = StanceEngine(nli=backend, policy=policy)
        accs = (accuracy(engine, contrast), accuracy(engine, covid))
        closeness = (policy.decide, policy.override, policy.dismiss, policy.floor,
                     float(policy.contradiction_relation is Relation.CONFLICT))
        results.append(((accs[0] + accs[1]) / 2, closeness, policy, accs))
    results.sort(key=lambda r: (r[0], r[1]), reverse=True)
    print("best policies (mean accuracy; contrast dev, COVID-Fact train):")
    for score, _, policy, accs in results[:10]:
        print(f"  {score:.4f}  {accs[0]:.4f}  {accs[1]:.4f}  {policy}")
    best = results[0]
    print(f"\nchosen: {best[2]}\n  contrast dev {best[3][0]:.4f} (rules {base[0]:.4f}), "
          f"COVID-Fact train {best[3][1]:.4f} (rules {base[1]:.4f})")
    print("  not worse than rules on both:", best[3][0] >= base[0] and best[3][1] >= base[1])
    eng = StanceEngine(nli=backend, policy=model_only)
    print(f"model deciding everything (for reference): contrast dev {accuracy(eng, contrast):.4f}, "
          f"COVID-Fact train {accuracy(eng, covid):.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
