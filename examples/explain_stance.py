#!/usr/bin/env python
"""Show why an earlier fact-check supports or contradicts altered versions of a claim.

Usage::

    python examples/explain_stance.py [--index index/default]

Without a saved index it builds one from ``index/claims.jsonl``. Each altered claim is
matched, and the best match is printed with its stance, confidence, implied verdict and
the reasons a person can read ("numbers differ: 34 vs 30").
"""

from __future__ import annotations

import argparse
from pathlib import Path

from claimmatch import ClaimIndex, ClaimMatcher, load_claims

ROOT = Path(__file__).resolve().parents[1]

ALTERED = [
    "Leaders of 30 countries backing Ukraine met in Paris for the Coalition of the Willing.",
    "Leaders of 34 supporters of Ukraine took part in the Coalition of the Willing talks in Paris.",
    "The reassurance force would deploy before a peace agreement is signed.",
    "Putin said he would welcome foreign troops in Ukraine.",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", type=Path, default=ROOT / "index" / "default")
    args = parser.parse_args(argv)
    if (args.index / "manifest.json").is_file():
        index = ClaimIndex.load(args.index)
    else:
        index = ClaimIndex.build(load_claims(ROOT / "index" / "claims.jsonl"))
    matcher = ClaimMatcher(index)
    for text, matches in zip(ALTERED, matcher.match_many(ALTERED, top_k=1), strict=True):
        print(f"\n{text}")
        if not matches:
            print("  no earlier fact-check matches")
            continue
        best = matches[0]
        implied = best.implied_verdict.value if best.implied_verdict else "none"
        print(f"  {best.stance.value} ({best.confidence:.2f}), implied verdict {implied}: {best.claim.text}")
        for reason in best.reasons:
            print(f"    - {reason}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
