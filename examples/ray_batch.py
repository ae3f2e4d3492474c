#!/usr/bin/env python
"""Match a file of claims on Ray and write the matches to Parquet (see docs/scale-out.md).

Usage::

    python examples/ray_batch.py [--index index/default] [--claims examples/sample_claims.txt]
                                 [--out matches.parquet] [--address auto] [--workers 2]

Without ``--address`` a local Ray starts on this machine; ``--address auto`` (or
``ray://head:10001``) joins a running cluster. The index travels through the object store,
so only this machine needs the index directory.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import ray

from claimmatch.distributed import match_dataset, put_index

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", type=Path, default=ROOT / "index" / "default")
    parser.add_argument("--claims", type=Path, default=ROOT / "examples" / "sample_claims.txt")
    parser.add_argument("--out", default="matches.parquet")
    parser.add_argument("--address", default=None, help='"auto" or "ray://HEAD:10001"; default: a local Ray')
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    ray.init(address=args.address, include_dashboard=False)
    lines = [line.strip() for line in args.claims.read_text("utf-8").splitlines() if line.strip()]
    texts = ray.data.from_items([{"id": number, "text": text} for number, text in enumerate(lines, start=1)])
    index = put_index(args.index)
    matches = match_dataset(texts, index, id_column="id", top_k=3, concurrency=args.workers, on_error="record")
    matches.write_parquet(args.out)
    table = ray.data.read_parquet(args.out).to_pandas().sort_values(["query_id", "rank"])
    print(table[["query_id", "rank", "score", "stance", "claim_id", "error"]].head(12).to_string(index=False))


if __name__ == "__main__":
    main()
