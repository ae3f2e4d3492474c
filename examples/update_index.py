#!/usr/bin/env python
"""Build, update and reopen a verified-claim index from a Python script.

Usage::

    python examples/update_index.py [--claims index/claims.jsonl] [--out /tmp/my-index]

It builds an index from a claims file, adds a new fact-check, corrects the rating of an
existing one (a metadata-only upsert keeps its vector), removes one, saves atomically,
reloads the directory (checksums, counts and dimension are verified) and matches a claim.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from claimmatch import ClaimIndex, ClaimMatcher, VerifiedClaim, load_claims

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=Path, default=ROOT / "index" / "claims.jsonl")
    parser.add_argument("--out", type=Path, default=Path(tempfile.mkdtemp()) / "my-index")
    args = parser.parse_args(argv)

    claims = load_claims(args.claims)
    index = ClaimIndex.build(claims)
    print(f"built {len(index)} claims")

    index.add(
        [
            VerifiedClaim(
                id="bats-blind",
                text="Bats are blind.",
                verdict="false",
                rating="False",
                publisher="Our desk",
                review_date="2025-09-06",
            )
        ]
    )
    first = claims[0]
    index.upsert([first.model_copy(update={"rating": f"{first.rating or first.verdict.value} (updated)"})])
    index.remove([claims[-1].id])
    path = index.save(args.out)
    print(f"saved {len(index)} claims to {path}")

    reopened = ClaimIndex.load(path)
    for match in ClaimMatcher(reopened).match("Bats cannot see at all.", top_k=1):
        print(match.claim.id, match.stance.value, f"{match.confidence:.2f}", match.reasons[0])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
