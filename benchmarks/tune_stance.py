#!/usr/bin/env python
"""Tune the stance engine's scalars on DEV data only, and fit its confidence calibration.

    python benchmarks/tune_stance.py [--errors N] [--write-calibration] [--cache PATH]

Tuning data (never the test halves, never COVID-Fact dev):

* ``tests/data/stance_contrast.jsonl``, rows with ``split == "dev"``, and its dev-only extension
  ``tests/data/stance_contrast_dev_extra.jsonl``;
* ``tests/data/match_queries.jsonl``, rows with ``split == "dev"`` that name an expected claim
  (paraphrase, negation, altered_number), paired with that claim from ``index/claims.jsonl``;
* COVID-Fact (``<data-dir>/covidfact``), ``split == "train"`` only, pairs built as in
  ``benchmarks/stance.py``.

Similarities are the all-MiniLM-L6-v2 cosine of the two texts (as the matcher gives the engine);
they are cached in ``--cache`` (default ``$TMPDIR/claimmatch-stance-sims.json``) so that
iterating on rules does not re-embed.

**Same-claim threshold.** Rule findings do not depend on the threshold, so each candidate
``t`` in 0.51..0.95 re-runs only the decision step. Cost: every wrong stance on the contrast dev
rows and the query dev rows costs 1, a false CONTRADICTS on a gold SUPPORTS/RELATED row and a
false SUPPORTS on a gold CONTRADICTS row cost 2 (the worst errors); each set's cost is divided by
its number of rows and the two sets weigh the same. The chosen ``t`` is the
**highest** candidate with the lowest cost (a lower threshold that buys nothing on dev only adds
risk). COVID-Fact train is printed alongside (its pairs are near-identical, so ``t`` barely
moves it). The value is printed and must be copied into ``DEFAULT_SAME_CLAIM_THRESHOLD``.

**Calibration.** With the engine's current default threshold, the raw confidences of the dev
predictions (contrast dev, query dev, COVID-Fact train) are mapped to the observed accuracy by
isotonic regression (pool adjacent violators) per predicted stance, on fixed bins of raw
confidence. ``--write-calibration`` writes the table to
``claimmatch/stance/data/calibration.tsv``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import stance as bench  # noqa: E402  (benchmarks/stance.py)

from claimmatch.models import Stance, Verdict, VerifiedClaim  # noqa: E402
from claimmatch.stance import aligner, calibration  # noqa: E402
from claimmatch.stance.base import Finding  # noqa: E402
from claimmatch.stance.engine import StanceEngine  # noqa: E402
from claimmatch.stance.tokens import analyze  # noqa: E402
from claimmatch.stance.verdicts import stance_for  # noqa: E402

QUERIES = REPO / "tests" / "data" / "match_queries.jsonl"
CLAIMS = REPO / "index" / "claims.jsonl"
GRID = [round(0.51 + i / 100, 2) for i in range(45)]
HEAVY = 2.0  # cost of a false CONTRADICTS on a harmless pair, or a false SUPPORTS on a conflicting one


def load_dev_queries() -> list[bench.Pair]:
    """The dev rows of ``match_queries.jsonl`` that name a claim, paired with it."""
    claims = {row["id"]: row for row in bench.read_jsonl(CLAIMS)}
    return [
        bench.Pair(
            id=f"q{i}",
            new_text=row["query"],
            claim_text=claims[row["expected_id"]]["text"],
            verdict=claims[row["expected_id"]]["verdict"],
            gold=row["expected_stance"],
            split="dev",
            group=row["kind"],
        )
        for i, row in enumerate(bench.read_jsonl(QUERIES))
        if row["split"] == "dev" and row["expected_id"] is not None
    ]


def load_dev(data_dir: Path) -> dict[str, list[bench.Pair]]:
    """The tuning sets, already restricted to their dev/train rows."""
    contrast = [p for p in bench.load_contrast(bench.CONTRAST_FILES).pairs if p.split == "dev"]
    sets = {"contrast": contrast, "queries": load_dev_queries()}
    path = data_dir / "covidfact" / "pairs.jsonl"
    if path.exists():
        covid = [p for p in bench.load_covidfact(path, 0, 13).pairs if p.split == "train"]
        for p in covid:
            p.group = "covidfact"
        sets["covidfact"] = covid
    else:
        print(f"  COVID-Fact not found at {path}: skipped")
    return sets


def add_similarities(pairs: Sequence[bench.Pair], cache_path: Path) -> None:
    cache: dict[str, float] = {}
    if cache_path.exists():
        cache = json.loads(cache_path.read_text("utf-8"))

    def key(p: bench.Pair) -> str:
        return hashlib.sha1(f"{p.new_text}\x00{p.claim_text}".encode()).hexdigest()

    missing = [p for p in pairs if key(p) not in cache]
    if missing:
        encode, note = bench.load_encoder()
        print(f"  embedding {len(missing)} pairs with {note}")
        bench.add_similarities(missing, encode)
        for p in missing:
            cache[key(p)] = p.similarity
        cache_path.write_text(json.dumps(cache), "utf-8")
    for p in pairs:
        p.similarity = cache[key(p)]


def run(pairs: Sequence[bench.Pair], threshold: float, calibrated: bool = True) -> list[tuple[str, float]]:
    """(stance, confidence) per pair, rules only."""
    engine = StanceEngine(nli=None, same_claim_threshold=threshold, calibrated=calibrated)
    items = [
        (p.new_text, VerifiedClaim(id=f"t{i}", text=p.claim_text, verdict=Verdict(p.verdict)), p.similarity)
        for i, p in enumerate(pairs)
    ]
    return [(Stance(a.stance).value, a.confidence) for a in engine.assess_many(items)]


def rule_findings(pairs: Sequence[bench.Pair]) -> list[tuple[Finding, ...]]:
    """Every pair's rule findings, once: they do not depend on the threshold."""
    return [aligner.find_differences(analyze(p.new_text), analyze(p.claim_text)) for p in pairs]


def stances_at(pairs: Sequence[bench.Pair], findings: Sequence[tuple[Finding, ...]], threshold: float) -> list[str]:
    """The rules' stance per pair at ``threshold``, from findings computed once (the decision step only;
    the same stances as :func:`run`, which re-runs the whole engine)."""
    return [
        stance_for(aligner.decide(f, p.similarity, threshold).relation, Verdict(p.verdict)).value
        for p, f in zip(pairs, findings, strict=True)
    ]


def cost(pairs: Sequence[bench.Pair], preds: Sequence[str]) -> float:
    total = 0.0
    for p, pred in zip(pairs, preds, strict=True):
        if pred == p.gold:
            continue
        heavy = (pred == "contradicts" and p.gold != "contradicts") or (pred == "supports" and p.gold == "contradicts")
        total += HEAVY if heavy else 1.0
    return total


def accuracy(pairs: Sequence[bench.Pair], preds: Sequence[str]) -> float:
    """The share of pairs whose predicted stance is the gold one (0 for no pairs)."""
    return sum(pr == p.gold for p, pr in zip(pairs, preds, strict=True)) / max(1, len(pairs))


def choose_threshold(sets: dict[str, list[bench.Pair]]) -> float:
    """Lowest-cost threshold on the contrast and query dev rows, each set weighing the same (its cost
    per row), so that 17,000 conflict-heavy contrast rows do not drown the 47 real rephrasings of
    the query set; ties go to the highest (cautious) threshold."""
    contrast, queries = sets["contrast"], sets["queries"]
    covid = sets.get("covidfact", [])
    rows: list[tuple[float, float]] = []
    found_c, found_q, found_cov = rule_findings(contrast), rule_findings(queries), rule_findings(covid)
    print("\n  t      cost  contrast cost  contrast acc  queries cost  queries acc  covid acc CON  covid false SUP")
    for t in GRID:
        preds_c, preds_q = stances_at(contrast, found_c, t), stances_at(queries, found_q, t)
        cost_c, cost_q = cost(contrast, preds_c), cost(queries, preds_q)
        balanced = round((cost_c / max(1, len(contrast)) + cost_q / max(1, len(queries))) / 2, 6)
        acc_c, acc_q = accuracy(contrast, preds_c), accuracy(queries, preds_q)
        cov_preds = stances_at(covid, found_cov, t)
        altered = [pr for p, pr in zip(covid, cov_preds, strict=True) if p.gold == "contradicts"]
        acc_cov = sum(pr == "contradicts" for pr in altered) / len(altered) if altered else 0.0
        false_sup = sum(pr == "supports" for pr in altered) / len(altered) if altered else 0.0
        rows.append((t, balanced))
        print(
            f"  {t:.2f}  {balanced:.4f}  {cost_c:13.0f}  {acc_c:12.3f}  {cost_q:12.0f}  {acc_q:11.3f}"
            f"  {acc_cov:13.3f}  {false_sup:15.3f}"
        )
    best = min(c for _, c in rows)
    return max(t for t, c in rows if c == best)


def show_errors(pairs: Sequence[bench.Pair], threshold: float, limit: int, name: str) -> None:
    engine = StanceEngine(nli=None, same_claim_threshold=threshold)
    wrong = []
    for i, p in enumerate(pairs):
        claim = VerifiedClaim(id=f"e{i}", text=p.claim_text, verdict=Verdict(p.verdict))
        a = engine.assess(p.new_text, claim, p.similarity)
        if Stance(a.stance).value != p.gold:
            wrong.append((p, a))
    print(
        f"\n-- {name}: {len(wrong)} errors of {len(pairs)} at t = {threshold:.2f} (showing {min(limit, len(wrong))}) --"
    )
    for p, a in wrong[:limit]:
        print(f"  {p.id} {p.group} [{p.verdict}] gold {p.gold}, got {Stance(a.stance).value}, sim {p.similarity:.2f}")
        print(f"      new:      {p.new_text}")
        print(f"      verified: {p.claim_text}")
        print(f"      reasons:  {' | '.join(a.reasons[1:])}")


Prediction = tuple[str, float, bool]  # (predicted stance, raw confidence, correct)


def weighted_calibration_rows(
    own: Sequence[Prediction], covid: Sequence[Prediction]
) -> list[tuple[str, float, float, float]]:
    """Isotonic map per predicted stance; the COVID-Fact predictions weigh as much as ``own`` together."""
    weight = len(own) / len(covid) if covid else 1.0
    rows = []
    for stance in bench.LABELS:
        points = [
            (conf, float(correct), w)
            for group, w in ((own, 1.0), (covid, weight))
            for pred, conf, correct in group
            if pred == stance
        ]
        rows += [(stance, raw, value, n) for raw, value, n in calibration.fit_isotonic(points)]
    return rows


def fit_calibration(sets: dict[str, list[bench.Pair]], threshold: float) -> list[tuple[str, float, float, float]]:
    """Isotonic map per predicted stance; COVID-Fact train weighs as much as the other two sets together."""
    own = sets["contrast"] + sets["queries"]
    covid = sets.get("covidfact", [])
    pairs = own + covid
    preds = [
        (pred, conf, pred == p.gold)
        for p, (pred, conf) in zip(pairs, run(pairs, threshold, calibrated=False), strict=True)
    ]
    return weighted_calibration_rows(preds[: len(own)], preds[len(own) :])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=bench.DEFAULT_DATA_DIR)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "claimmatch-stance-sims.json")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="list N dev errors per set")
    parser.add_argument("--no-threshold", action="store_true", help="skip the threshold search")
    parser.add_argument("--threshold", type=float, default=None, help="threshold for --errors (default: the library's)")
    parser.add_argument("--write-calibration", action="store_true")
    args = parser.parse_args(argv)
    os.environ.setdefault("TQDM_DISABLE", "1")

    sets = load_dev(args.data_dir.resolve())
    for name, pairs in sets.items():
        print(f"  {name}: {len(pairs)} dev pairs, gold {dict(Counter(p.gold for p in pairs))}")
    add_similarities([p for s in sets.values() for p in s], args.cache)
    for pairs in sets.values():
        for p in pairs:
            analyze(p.new_text), analyze(p.claim_text)

    if not args.no_threshold:
        chosen = choose_threshold(sets)
        print(
            f"\nchosen same_claim_threshold = {chosen:.2f} (library default {aligner.DEFAULT_SAME_CLAIM_THRESHOLD:.2f})"
        )
    t = aligner.DEFAULT_SAME_CLAIM_THRESHOLD
    if args.errors:
        t = args.threshold or t
        for name, pairs in sets.items():
            show_errors(pairs, t, args.errors, name)
    if args.write_calibration:
        rows = fit_calibration(sets, t)
        calibration.write_table(rows)
        print(f"\ncalibration table written ({len(rows)} rows) to {calibration.TABLE_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
